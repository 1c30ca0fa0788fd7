//! Searching the audit log (`crate::audit` writes it): what an administrator reads to oversee
//! their subtree — the lines whose actor or subject works in it, newest first. A case is named
//! only when the administrator may see it (`crate::cases::visibility`).

use crate::db::Db;
use crate::error::ServerResult;
use crate::people::directory::SUBTREE_CTE;
use app::api::accounts::{AuditFilter, AuditLine};
use app::error::AppError;
use domain::audit::AuditAction;
use domain::clock::Day;
use domain::problem::Problem;
use domain::session::SessionUser;
use sqlx::Row;

/// The audit log of the administrator's subtree — lines whose actor or subject works in it —
/// newest first, filtered. A case is named only when the administrator may see it.
pub async fn search(
    db: &Db,
    admin: &SessionUser,
    filter: &AuditFilter,
) -> ServerResult<Vec<AuditLine>> {
    let day = |field: &str, text: &Option<String>| -> Result<Option<Day>, AppError> {
        match text.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
            None => Ok(None),
            Some(t) => Day::parse(t)
                .map(Some)
                .ok_or(AppError::invalid(field, Problem::BadFormat)),
        }
    };
    // The first millisecond of `from` is the last of the day before, plus one.
    let from = day("from", &filter.from)?.map(|d| d.plus(-1).end_unix_ms() + 1);
    let to = day("to", &filter.to)?.map(Day::end_unix_ms);
    let person = filter
        .person
        .as_deref()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| format!("%{}%", p.replace(['%', '_'], "")));
    let visible = crate::cases::visibility::case_visible("$2");
    let sql = format!(
        "{SUBTREE_CTE}
         SELECT a.id, a.at, a.action, a.detail,
                actor.display_name AS actor_name, actor.username AS actor_username,
                subject.display_name AS subject_name, subject.username AS subject_username,
                CASE WHEN c.id IS NOT NULL AND {visible} THEN c.number END AS case_number
         FROM audit_log a
         LEFT JOIN users actor ON actor.id = a.actor_id
         LEFT JOIN users subject ON subject.id = a.user_id
         LEFT JOIN cases c ON c.id = a.case_id
         WHERE (actor.unit_id IN (SELECT id FROM sub) OR subject.unit_id IN (SELECT id FROM sub))
           AND ($3 = '' OR a.action = $3)
           AND ($4 < 0 OR a.at >= $4) AND ($5 < 0 OR a.at <= $5)
           AND ($6 = '' OR actor.username LIKE $6 OR actor.display_name LIKE $6
                OR subject.username LIKE $6 OR subject.display_name LIKE $6)
         ORDER BY a.id DESC LIMIT $7"
    );
    let rows = sqlx::query(&sql)
        .bind(admin.unit_id)
        .bind(admin.id)
        .bind(filter.action.map(|a| a.code()).unwrap_or(""))
        .bind(from.unwrap_or(-1))
        .bind(to.unwrap_or(-1))
        .bind(person.unwrap_or_default())
        .bind(app::api::accounts::AUDIT_PAGE)
        .fetch_all(&db.pool)
        .await?;
    rows.iter()
        .map(|row| {
            let action: String = row.try_get("action")?;
            Ok(AuditLine {
                id: row.try_get("id")?,
                at: row.try_get("at")?,
                action: AuditAction::from_code(&action).ok_or_else(|| {
                    sqlx::Error::Decode(format!("unknown audit action {action:?}").into())
                })?,
                actor: named(row, "actor")?,
                subject: named(row, "subject")?,
                case_number: row.try_get("case_number")?,
                detail: row.try_get("detail")?,
            })
        })
        .collect::<sqlx::Result<_>>()
        .map_err(Into::into)
}

/// `姓名（username）` from the `{prefix}_name` and `{prefix}_username` columns.
fn named(row: &sqlx::any::AnyRow, prefix: &str) -> sqlx::Result<Option<String>> {
    let name: Option<String> = row.try_get(format!("{prefix}_name").as_str())?;
    let username: Option<String> = row.try_get(format!("{prefix}_username").as_str())?;
    Ok(name.zip(username).map(|(n, u)| format!("{n}（{u}）")))
}
