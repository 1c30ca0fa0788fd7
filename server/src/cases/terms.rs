//! The terms each case is found by in 案件查询 (`domain::search::terms_of`), kept in
//! `case_terms`: written in the transaction that records the case, and rebuilt for every case at
//! start-up when this build derives them differently from the build that wrote them.

use domain::dispute::{DisputeFacts, Party};
use sqlx::{AnyConnection, AnyPool, Row};

/// Which derivation of the terms this build writes. Raise it whenever `terms_of` changes: the
/// next start re-indexes every case.
/// 2: the summary's pairs of characters (`domain::search::grams`).
pub const INDEX_VERSION: i64 = 2;

/// Stores the terms of case `case_id`: one statement for them all, as a case has dozens.
pub async fn write(
    conn: &mut AnyConnection,
    case_id: &str,
    number: &str,
    parties: &[Party],
    summary: &str,
) -> sqlx::Result<()> {
    let terms = domain::search::terms_of(number, parties, summary);
    let rows: Vec<String> = (0..terms.len())
        .map(|i| format!("(${}, $1)", i + 2))
        .collect();
    let sql = format!(
        "INSERT INTO case_terms (term, case_id) VALUES {} ON CONFLICT DO NOTHING",
        rows.join(", ")
    );
    let mut insert = sqlx::query(&sql).bind(case_id);
    for term in terms {
        insert = insert.bind(term);
    }
    insert.execute(&mut *conn).await?;
    Ok(())
}

/// Re-indexes every case if the table holds an older derivation of the terms; how many cases
/// were indexed. A thousand cases a transaction, so a large database is not locked for long.
pub async fn bring_up_to_date(pool: &AnyPool) -> sqlx::Result<u64> {
    if crate::db::derived_version(pool, "case_terms").await? >= INDEX_VERSION {
        return Ok(0);
    }
    sqlx::query("DELETE FROM case_terms").execute(pool).await?;
    let (mut after, mut indexed) = (String::new(), 0);
    loop {
        let rows =
            sqlx::query("SELECT id, number, facts FROM cases WHERE id > $1 ORDER BY id LIMIT 1000")
                .bind(&after)
                .fetch_all(pool)
                .await?;
        let Some(last) = rows.last() else { break };
        after = last.try_get("id")?;
        let mut tx = pool.begin().await?;
        for row in &rows {
            let facts: String = row.try_get("facts")?;
            // A row whose facts no longer read is still found by its number.
            let (parties, summary) = serde_json::from_str::<DisputeFacts>(&facts)
                .map(|f| (f.parties, f.summary))
                .unwrap_or_default();
            let id: String = row.try_get("id")?;
            let number: String = row.try_get("number")?;
            write(&mut tx, &id, &number, &parties, &summary).await?;
            indexed += 1;
        }
        tx.commit().await?;
    }
    crate::db::set_derived_version(pool, "case_terms", INDEX_VERSION).await?;
    Ok(indexed)
}
