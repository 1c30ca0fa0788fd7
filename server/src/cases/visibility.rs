//! Who may see a case (docs/design.md "The jurisdiction tree"): its recorder, and users of units whose
//! subtree holds, co-holds or once held it — never a sibling's. A sensitive case (涉敏感,
//! seed 001) is seen only by its recorder until the sensitive-case permission exists.

/// The SQL condition that case `c` is visible, for a query that starts with
/// [`crate::people::directory::SUBTREE_CTE`] bound to the user's unit, with the user's id bound at
/// `user_param` (e.g. `$3`).
pub fn case_visible(user_param: &str) -> String {
    let held = crate::cases::record::held_sql();
    format!(
        "(c.recorder_id = {user_param} OR (c.sensitive = 0 AND (
             c.holder_unit_id IN (SELECT id FROM sub)
             -- the unit that recorded it (a grid) or entrusted it (a court)
             OR c.grid_id IN (SELECT id FROM sub WHERE depth = 0)
             OR EXISTS (SELECT 1 FROM case_holders h
                        WHERE h.case_id = c.id AND h.unit_id IN (SELECT id FROM sub))
             -- once held: results travel back down to every unit that held the case
             OR EXISTS (SELECT 1 FROM case_events e
                        WHERE e.case_id = c.id AND e.kind IN ({held})
                          AND e.unit_id IN (SELECT id FROM sub)))))"
    )
}

/// Whether `user` may see case `case_id`.
pub async fn can_see(
    db: &crate::db::Db,
    user: &domain::session::SessionUser,
    case_id: &str,
) -> sqlx::Result<bool> {
    visible_to(&db.pool, user.unit_id, Some(user.id), case_id).await
}

/// Whether the users of `unit_id` may see case `case_id` — as a unit, or (with `user_id`) as
/// that person, who also sees what they recorded. Runs on a pool or inside a transaction.
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
    Ok(sqlx::query(&format!(
        "{} SELECT 1 AS one FROM cases c WHERE c.id = $2 AND {visible}",
        crate::people::directory::SUBTREE_CTE
    ))
    .bind(unit_id)
    .bind(case_id)
    // No user has a negative id: the unit's own sight.
    .bind(user_id.unwrap_or(-1))
    .fetch_optional(executor)
    .await?
    .is_some())
}
