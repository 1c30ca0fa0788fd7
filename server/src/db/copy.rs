//! `server db copy --from sqlite://…`: every row of a SQLite Fengqiao database into the
//! PostgreSQL one at DATABASE_URL — how a deployment that outgrew the embedded database moves
//! to PostgreSQL, and how the benchmark's district is put on both (docs/statistics.md). The
//! rows are copied as they are, so every hash chain, figure and search term stays what the code
//! that wrote it made.
//!
//! Both databases are at this build's schema (each is migrated when opened) and the target holds
//! no cases. The whole copy is one transaction: it lands entirely or not at all. Tables go
//! parents first (by their foreign keys), in many-row inserts; the identity counters are then
//! moved past the copied ids, the row counts compared, and the tables vacuumed and analysed, so
//! PostgreSQL's planner knows their sizes and its index-only scans need not visit the tables.

use super::{Backend, Db};
use futures_util::TryStreamExt;
use sqlx::any::AnyArguments;
use sqlx::{Any, Arguments, Row, Transaction};

/// What a column holds; the two migrations use only these.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Integer,
    Text,
}

/// One table of the source, as the copy reads and writes it.
#[derive(Debug)]
struct Table {
    name: String,
    columns: Vec<(String, Kind)>,
    /// The other tables its foreign keys point to.
    parents: Vec<String>,
    /// Its columns that point to a row of the same table (a unit's parent, the case a duplicate
    /// was merged into), which may be a later row: written after all rows are in.
    self_refs: Vec<String>,
    /// Its primary key's column, by which those are written.
    key: String,
}

/// How many values one insert binds (PostgreSQL allows 65,535).
const VALUES_PER_INSERT: usize = 30_000;

/// Copies every table of `from` (SQLite) into `to` (PostgreSQL, holding no cases); the tables
/// copied and their rows, in the order copied.
pub async fn copy(from: &Db, to: &Db) -> anyhow::Result<Vec<(String, u64)>> {
    anyhow::ensure!(
        from.backend == Backend::Sqlite && to.backend == Backend::Postgres,
        "the copy goes from a SQLite database (--from sqlite://…) to PostgreSQL (DATABASE_URL=postgres://…)"
    );
    let held: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM cases")
        .fetch_one(&to.pool)
        .await?;
    anyhow::ensure!(
        held == 0,
        "the target already holds {held} cases: copy into a new, empty database"
    );
    let tables = in_copy_order(tables(from).await?)?;
    let mut conn = to.pool.acquire().await?;
    // The rows were checked against their foreign keys when SQLite wrote them. A superuser's
    // copy does not check them again (a third faster); anyone else's does.
    let rechecked = sqlx::query("SET session_replication_role = replica")
        .execute(&mut *conn)
        .await
        .is_err();
    tracing::info!(rechecked, "foreign keys");
    let mut tx = sqlx::Connection::begin(&mut *conn).await?;
    // The rows the migrations put in (the derived tables' versions) make way for the source's.
    for table in tables.iter().rev() {
        sqlx::query(&format!("DELETE FROM {}", table.name))
            .execute(&mut *tx)
            .await?;
    }
    let mut copied = Vec::new();
    for table in &tables {
        let started = std::time::Instant::now();
        let rows = copy_table(from, &mut tx, table).await?;
        point_within(from, &mut tx, table).await?;
        restart_identity(&mut tx, table).await?;
        let landed: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {}", table.name))
            .fetch_one(&mut *tx)
            .await?;
        anyhow::ensure!(
            landed == rows as i64,
            "{}: {rows} rows read but {landed} written",
            table.name
        );
        // A large database takes minutes: say how it goes.
        tracing::info!(table = %table.name, rows, seconds = started.elapsed().as_secs_f64(), "copied");
        copied.push((table.name.clone(), rows));
    }
    tx.commit().await?;
    if !rechecked {
        sqlx::query("RESET session_replication_role")
            .execute(&mut *conn)
            .await?;
    }
    drop(conn);
    to.settle_after_bulk_write().await?;
    Ok(copied)
}

/// The source's tables (not SQLite's own nor the migrations' ledger), their columns and
/// parents.
async fn tables(from: &Db) -> anyhow::Result<Vec<Table>> {
    let names: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM sqlite_master WHERE type = 'table'
         AND name NOT LIKE 'sqlite_%' AND name <> '_sqlx_migrations' ORDER BY name",
    )
    .fetch_all(&from.pool)
    .await?;
    let mut tables = Vec::new();
    for name in names {
        let info = sqlx::query("SELECT name, type, pk FROM pragma_table_info($1) ORDER BY cid")
            .bind(&name)
            .fetch_all(&from.pool)
            .await?;
        let mut columns = Vec::new();
        let mut key = None;
        for r in &info {
            let column: String = r.try_get("name")?;
            let declared: String = r.try_get("type")?;
            let kind = if declared.to_ascii_uppercase().contains("INT") {
                Kind::Integer
            } else {
                Kind::Text
            };
            if r.try_get::<i64, _>("pk")? == 1 {
                key = Some(column.clone());
            }
            columns.push((column, kind));
        }
        let mut parents = Vec::new();
        let mut self_refs = Vec::new();
        for r in sqlx::query(
            "SELECT \"table\" AS parent, \"from\" AS col FROM pragma_foreign_key_list($1)",
        )
        .bind(&name)
        .fetch_all(&from.pool)
        .await?
        {
            let parent: String = r.try_get("parent")?;
            if parent == name {
                self_refs.push(r.try_get("col")?);
            } else if !parents.contains(&parent) {
                parents.push(parent);
            }
        }
        let key = key.unwrap_or_default();
        anyhow::ensure!(
            self_refs.is_empty() || !key.is_empty(),
            "{name} refers to itself but has no primary key to write those references by"
        );
        tables.push(Table {
            name,
            columns,
            parents,
            self_refs,
            key,
        });
    }
    Ok(tables)
}

/// Parents before children.
fn in_copy_order(mut waiting: Vec<Table>) -> anyhow::Result<Vec<Table>> {
    let mut ordered: Vec<Table> = Vec::new();
    while !waiting.is_empty() {
        let ready = waiting.iter().position(|t| {
            t.parents
                .iter()
                .all(|p| ordered.iter().any(|o| &o.name == p))
        });
        let Some(ready) = ready else {
            let stuck: Vec<&str> = waiting.iter().map(|t| t.name.as_str()).collect();
            anyhow::bail!("the foreign keys of {stuck:?} form a loop");
        };
        ordered.push(waiting.remove(ready));
    }
    Ok(ordered)
}

/// Streams `table`'s rows into many-row inserts, its references to its own rows left empty
/// (`point_within` writes them); how many rows.
async fn copy_table(
    from: &Db,
    tx: &mut Transaction<'_, Any>,
    table: &Table,
) -> anyhow::Result<u64> {
    let names: Vec<&str> = table.columns.iter().map(|(n, _)| n.as_str()).collect();
    let list = names.join(", ");
    let select = format!("SELECT {list} FROM {}", table.name);
    let per_insert = (VALUES_PER_INSERT / names.len()).max(1);
    let mut rows = sqlx::query(&select).fetch(&from.pool);
    let (mut batch, mut args, mut copied) = (0, AnyArguments::default(), 0);
    while let Some(row) = rows.try_next().await? {
        for (i, (column, kind)) in table.columns.iter().enumerate() {
            let later = table.self_refs.contains(column);
            match kind {
                Kind::Integer if later => args.add(None::<i64>),
                Kind::Text if later => args.add(None::<String>),
                Kind::Integer => args.add(row.try_get::<Option<i64>, _>(i)?),
                Kind::Text => args.add(row.try_get::<Option<String>, _>(i)?),
            }
            .map_err(|e| anyhow::anyhow!("{}: {e}", table.name))?;
        }
        batch += 1;
        if batch == per_insert {
            insert(tx, table, &list, batch, std::mem::take(&mut args)).await?;
            copied += batch as u64;
            batch = 0;
        }
    }
    if batch > 0 {
        insert(tx, table, &list, batch, args).await?;
        copied += batch as u64;
    }
    Ok(copied)
}

/// One insert of `rows` rows whose values are `args`, in column order. Ids are the source's
/// (`OVERRIDING SYSTEM VALUE`: PostgreSQL would otherwise number identity columns itself).
async fn insert(
    tx: &mut Transaction<'_, Any>,
    table: &Table,
    list: &str,
    rows: usize,
    args: AnyArguments<'_>,
) -> anyhow::Result<()> {
    let width = table.columns.len();
    let values: Vec<String> = (0..rows)
        .map(|r| {
            let row: Vec<String> = (1..=width).map(|c| format!("${}", r * width + c)).collect();
            format!("({})", row.join(", "))
        })
        .collect();
    let sql = format!(
        "INSERT INTO {} ({list}) OVERRIDING SYSTEM VALUE VALUES {}",
        table.name,
        values.join(", ")
    );
    sqlx::query_with(&sql, args)
        .execute(&mut **tx)
        .await
        .map_err(|e| anyhow::anyhow!("{}: {e}", table.name))?;
    Ok(())
}

/// Writes `table`'s references to its own rows, now that every row they may point to is in.
async fn point_within(
    from: &Db,
    tx: &mut Transaction<'_, Any>,
    table: &Table,
) -> anyhow::Result<()> {
    let (t, key) = (&table.name, &table.key);
    let key_kind = table
        .columns
        .iter()
        .find(|(c, _)| c == key)
        .map_or(Kind::Text, |(_, k)| *k);
    for column in &table.self_refs {
        let kind = table
            .columns
            .iter()
            .find(|(c, _)| c == column)
            .map_or(Kind::Text, |(_, k)| *k);
        let rows = sqlx::query(&format!(
            "SELECT {key}, {column} FROM {t} WHERE {column} IS NOT NULL"
        ))
        .fetch_all(&from.pool)
        .await?;
        let update = format!("UPDATE {t} SET {column} = $1 WHERE {key} = $2");
        for r in rows {
            let mut args = AnyArguments::default();
            for (i, kind) in [(1, kind), (0, key_kind)] {
                match kind {
                    Kind::Integer => args.add(r.try_get::<i64, _>(i)?),
                    Kind::Text => args.add(r.try_get::<String, _>(i)?),
                }
                .map_err(|e| anyhow::anyhow!("{t}: {e}"))?;
            }
            sqlx::query_with(&update, args).execute(&mut **tx).await?;
        }
    }
    Ok(())
}

/// Moves the identity counters of `table`'s columns past the copied ids, so the next row
/// PostgreSQL numbers does not collide with one copied.
async fn restart_identity(tx: &mut Transaction<'_, Any>, table: &Table) -> anyhow::Result<()> {
    let identities: Vec<String> = sqlx::query_scalar(
        "SELECT column_name::text FROM information_schema.columns
         WHERE table_schema = current_schema() AND table_name = $1 AND is_identity = 'YES'",
    )
    .bind(&table.name)
    .fetch_all(&mut **tx)
    .await?;
    for column in identities {
        sqlx::query(&format!(
            "SELECT setval(pg_get_serial_sequence('{t}', '{column}'),
                           COALESCE((SELECT MAX({column}) FROM {t}), 0) + 1, false)::text",
            t = table.name
        ))
        .fetch_one(&mut **tx)
        .await?;
    }
    Ok(())
}
