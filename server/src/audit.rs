//! Writing the audit log (`domain::audit`; docs/security.md "The audit log"). Administrators'
//! actions are written in the transaction of the change, so the log holds exactly what was
//! done; reads are written with the answer that showed the data, and a read that cannot be
//! written is not shown (the caller fails with it).

use domain::audit::AuditAction;
use sqlx::Any;

/// One line of the log.
pub struct Entry<'a> {
    pub action: AuditAction,
    /// Who acted or read; `None` for the server itself.
    pub actor_id: Option<i64>,
    /// The account acted on.
    pub user_id: Option<i64>,
    pub case_id: Option<&'a str>,
    pub detail: Option<&'a str>,
}

impl<'a> Entry<'a> {
    /// `actor` read something of `case_id`, shown through `via`.
    pub fn read(
        action: AuditAction,
        actor: i64,
        case_id: &'a str,
        via: domain::audit::ReadVia,
    ) -> Entry<'a> {
        Entry {
            action,
            actor_id: Some(actor),
            user_id: None,
            case_id: Some(case_id),
            detail: Some(via.code()),
        }
    }
}

pub async fn write<'e, E>(executor: E, entry: &Entry<'_>, at: i64) -> sqlx::Result<()>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query(
        "INSERT INTO audit_log (at, actor_id, action, user_id, case_id, detail)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(at)
    .bind(entry.actor_id)
    .bind(entry.action.code())
    .bind(entry.user_id)
    .bind(entry.case_id)
    .bind(entry.detail)
    .execute(executor)
    .await?;
    Ok(())
}

/// Writes a [`AuditAction::SensitiveCaseRead`] line for each of `case_ids` that is sensitive:
/// one statement, so a pull of many cases costs one round trip.
pub async fn sensitive_reads<'e, E>(
    executor: E,
    actor: i64,
    case_ids: &[&str],
    via: domain::audit::ReadVia,
    at: i64,
) -> sqlx::Result<()>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    if case_ids.is_empty() {
        return Ok(());
    }
    // Bound one by one from $5: the ids come from the database, but stay parameters.
    let ids = (0..case_ids.len())
        .map(|i| format!("${}", i + 5))
        .collect::<Vec<_>>()
        .join(", ");
    let sql = format!(
        "INSERT INTO audit_log (at, actor_id, action, case_id, detail)
         SELECT $1, $2, $3, c.id, $4 FROM cases c WHERE c.sensitive = 1 AND c.id IN ({ids})"
    );
    let mut query = sqlx::query(&sql)
        .bind(at)
        .bind(actor)
        .bind(AuditAction::SensitiveCaseRead.code())
        .bind(via.code());
    for id in case_ids {
        query = query.bind(*id);
    }
    query.execute(executor).await?;
    Ok(())
}
