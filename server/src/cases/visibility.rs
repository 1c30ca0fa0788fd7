//! Who may see a case (docs/design.md "Who sees what"): its recorder, and users of units whose
//! subtree holds, co-holds or once held it — never a sibling's. A sensitive case (涉敏感, from
//! seed 001) is seen, beyond its recorder, only by those of them an administrator granted the
//! sensitive-case permission (`users.handles_sensitive`).
//!
//! Every answer that names a case asks this one rule: the case page, verify, pull, the steps of
//! the procedure, the work list, the backlog register, duplicates, warnings — and notices, which
//! are written per reader (`crate::notifications::notify`).

/// The SQL condition that case `c` is visible, for a query with the user's unit bound at `$1`
/// and the user's id at `user_param` (e.g. `$3`; a negative id is a unit's own sight, which has
/// no permission).
pub fn case_visible(user_param: &str) -> String {
    format!(
        "(c.recorder_id = {user_param} OR ({} AND {}))",
        sensitive_allowed(user_param),
        held_in_subtree()
    )
}

/// The SQL condition that the reader bound at `user_param` may see case `c`'s facts should it
/// be sensitive: it is not, they recorded it, or they hold the permission. For lists that
/// already keep to the reader's units (the work list, the backlog register).
pub fn sensitive_allowed(user_param: &str) -> String {
    format!(
        "(c.sensitive = 0 OR c.recorder_id = {user_param}
          OR EXISTS (SELECT 1 FROM users p WHERE p.id = {user_param} AND p.handles_sensitive = 1))"
    )
}

/// The SQL condition that case `c` is or was in the subtree of the unit bound at `$1`: the
/// case reached it (`crate::cases::reach` — recorded there, or held at or below it).
fn held_in_subtree() -> &'static str {
    "EXISTS (SELECT 1 FROM case_reach r WHERE r.case_id = c.id AND r.unit_id = $1)"
}

/// Whether `user` may see case `case_id`.
pub async fn can_see(
    db: &crate::db::Db,
    user: &domain::session::SessionUser,
    case_id: &str,
) -> sqlx::Result<bool> {
    visible_to(&db.pool, user.unit_id, Some(user.id), case_id).await
}

/// Whether the users of `unit_id` may see case `case_id` — as a unit (a sensitive case never),
/// or (with `user_id`) as that person. Runs on a pool or inside a transaction.
pub async fn visible_to<'e, E>(
    executor: E,
    unit_id: i64,
    user_id: Option<i64>,
    case_id: &str,
) -> sqlx::Result<bool>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    let visible = case_visible("$3");
    // No user has a negative id: the unit's own sight.
    exists(
        executor,
        &visible,
        unit_id,
        case_id,
        Some(user_id.unwrap_or(-1)),
    )
    .await
}

/// Whether case `case_id` is or was in `unit_id`'s subtree, sensitive or not: the units whose
/// permitted users may read a sensitive case's facts.
pub async fn in_holding_chain<'e, E>(executor: E, unit_id: i64, case_id: &str) -> sqlx::Result<bool>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    exists(executor, held_in_subtree(), unit_id, case_id, None).await
}

async fn exists<'e, E>(
    executor: E,
    condition: &str,
    unit_id: i64,
    case_id: &str,
    user_id: Option<i64>,
) -> sqlx::Result<bool>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    let sql = format!("SELECT 1 AS one FROM cases c WHERE c.id = $2 AND {condition}");
    let mut query = sqlx::query(&sql).bind(unit_id).bind(case_id);
    if let Some(user_id) = user_id {
        query = query.bind(user_id);
    }
    Ok(query.fetch_optional(executor).await?.is_some())
}
