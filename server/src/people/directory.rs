//! The jurisdiction tree and its users in the database: reading a unit's place in the tree,
//! listing what is below it, and adding units and users with the tree's rules enforced.

use crate::db::{is_unique_violation, now_ms, Db};
use crate::error::ServerResult;
use app::api::admin::{NewUnit, NewUser};
use app::api::home::{UnitSummary, UserSummary};
use app::error::AppError;
use domain::jurisdiction::{check_new_unit, Unit, UnitKind, UnitRuleError};
use domain::problem::Problem;
use domain::rules::RoutingTree;
use domain::session::{Role, SessionUser};
use sqlx::any::AnyRow;
use sqlx::{Any, Executor, Row};

/// A common table expression `sub(id, depth)`: the unit `$1` and every unit below it. Depth is
/// capped so a corrupted tree with a cycle cannot make the query run forever.
pub const SUBTREE_CTE: &str = "WITH RECURSIVE sub(id, depth) AS (
    SELECT id, 0 FROM units WHERE id = $1
    UNION ALL
    SELECT c.id, s.depth + 1 FROM units c JOIN sub s ON c.parent_id = s.id WHERE s.depth < 16
)";

/// `up`: the unit bound to `$1` and every unit above it.
pub const ANCESTRY_CTE: &str = "WITH RECURSIVE up(id, depth) AS (
    SELECT id, 0 FROM units WHERE id = $1
    UNION ALL
    SELECT u.parent_id, up.depth + 1 FROM units u JOIN up ON u.id = up.id
    WHERE u.parent_id IS NOT NULL AND up.depth < 16
)";

pub(crate) const UNIT_COLUMNS: &str = "u.id, u.parent_id, u.kind, u.name, u.code, u.category";

pub(crate) fn unit_from_row(row: &AnyRow) -> Result<Unit, sqlx::Error> {
    let kind: String = row.try_get("kind")?;
    Ok(Unit {
        id: row.try_get("id")?,
        parent_id: row.try_get("parent_id")?,
        kind: UnitKind::from_code(&kind)
            .ok_or_else(|| sqlx::Error::Decode(format!("unknown unit kind {kind:?}").into()))?,
        name: row.try_get("name")?,
        code: row.try_get("code")?,
        category: row.try_get("category")?,
    })
}

/// Reads the public facts of a user from a row with the `USER_COLUMNS` names. A role this build
/// does not know is a decoding error: it cannot be trusted with any page.
pub fn user_from_row(row: &AnyRow) -> Result<UserSummary, sqlx::Error> {
    let role: String = row.try_get("role")?;
    Ok(UserSummary {
        id: row.try_get("id")?,
        username: row.try_get("username")?,
        display_name: row.try_get("display_name")?,
        role: Role::from_code(&role)
            .ok_or_else(|| sqlx::Error::Decode(format!("unknown role {role:?}").into()))?,
        unit_id: row.try_get("unit_id")?,
        unit_name: row.try_get("unit_name")?,
        unit_kind: {
            let kind: String = row.try_get("unit_kind")?;
            UnitKind::from_code(&kind)
                .ok_or_else(|| sqlx::Error::Decode(format!("unknown unit kind {kind:?}").into()))?
        },
        must_change_password: row.try_get::<i64, _>("must_change_password")? == 1,
    })
}

pub async fn unit(db: &Db, id: i64) -> sqlx::Result<Option<Unit>> {
    sqlx::query(&format!(
        "SELECT {UNIT_COLUMNS} FROM units u WHERE u.id = $1"
    ))
    .bind(id)
    .fetch_optional(&db.pool)
    .await?
    .map(|row| unit_from_row(&row))
    .transpose()
}

/// The unit's ancestors, parent first, root last.
pub async fn ancestors(db: &Db, id: i64) -> sqlx::Result<Vec<Unit>> {
    let rows = sqlx::query(&format!(
        "WITH RECURSIVE chain(id, depth) AS (
             SELECT parent_id, 1 FROM units WHERE id = $1 AND parent_id IS NOT NULL
             UNION ALL
             SELECT p.parent_id, c.depth + 1 FROM chain c JOIN units p ON p.id = c.id
             WHERE p.parent_id IS NOT NULL AND c.depth < 16
         )
         SELECT {UNIT_COLUMNS} FROM chain c JOIN units u ON u.id = c.id ORDER BY c.depth"
    ))
    .bind(id)
    .fetch_all(&db.pool)
    .await?;
    rows.iter().map(unit_from_row).collect()
}

/// The units directly below `id`, ladder units first, each with its counts.
pub async fn children(db: &Db, id: i64) -> sqlx::Result<Vec<UnitSummary>> {
    let rows = sqlx::query(&format!(
        "SELECT {UNIT_COLUMNS},
                (SELECT COUNT(*) FROM units c WHERE c.parent_id = u.id) AS child_count,
                (SELECT COUNT(*) FROM users s WHERE s.unit_id = u.id AND s.active = 1) AS user_count
         FROM units u WHERE u.parent_id = $1
         ORDER BY CASE WHEN u.category IS NULL THEN 0 ELSE 1 END, u.id"
    ))
    .bind(id)
    .fetch_all(&db.pool)
    .await?;
    let members = members_of_children(db, id).await?;
    rows.iter()
        .map(|row| {
            let unit = unit_from_row(row)?;
            let members = members
                .iter()
                .filter(|(unit_id, _)| *unit_id == unit.id)
                .map(|(_, name)| name.clone())
                .take(app::api::home::MEMBERS_SHOWN)
                .collect();
            Ok(UnitSummary {
                unit,
                child_count: row.try_get("child_count")?,
                user_count: row.try_get("user_count")?,
                members,
            })
        })
        .collect()
}

/// `(unit id, display name)` of the active users of every unit directly below `id`, in one
/// query rather than one per child.
async fn members_of_children(db: &Db, id: i64) -> sqlx::Result<Vec<(i64, String)>> {
    let rows = sqlx::query(
        "SELECT s.unit_id, s.display_name FROM users s JOIN units u ON u.id = s.unit_id
         WHERE u.parent_id = $1 AND s.active = 1 ORDER BY s.unit_id, s.id",
    )
    .bind(id)
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(|row| Ok((row.try_get("unit_id")?, row.try_get("display_name")?)))
        .collect()
}

/// Every unit in the subtree under `root` (the root included), each with its depth below it.
pub async fn subtree(db: &Db, root: i64) -> sqlx::Result<Vec<(Unit, usize)>> {
    let rows = sqlx::query(&format!(
        "{SUBTREE_CTE} SELECT {UNIT_COLUMNS}, s.depth FROM sub s JOIN units u ON u.id = s.id"
    ))
    .bind(root)
    .fetch_all(&db.pool)
    .await?;
    let units = rows
        .iter()
        .map(|row| {
            Ok((
                unit_from_row(row)?,
                row.try_get::<i64, _>("depth")? as usize,
            ))
        })
        .collect::<sqlx::Result<Vec<_>>>()?;
    Ok(depth_first(units, root))
}

/// Orders a subtree so every unit follows its parent and precedes its next sibling, as an
/// indented tree reads. Ladder units come before attached committees among siblings.
fn depth_first(units: Vec<(Unit, usize)>, root: i64) -> Vec<(Unit, usize)> {
    let mut ordered = Vec::with_capacity(units.len());
    let mut stack = vec![root];
    while let Some(id) = stack.pop() {
        if let Some((unit, depth)) = units.iter().find(|(u, _)| u.id == id) {
            ordered.push((unit.clone(), *depth));
        }
        let mut kids: Vec<&Unit> = units
            .iter()
            .map(|(u, _)| u)
            .filter(|u| u.parent_id == Some(id))
            .collect();
        kids.sort_by_key(|u| (u.kind.needs_category(), u.id));
        stack.extend(kids.iter().rev().map(|u| u.id));
    }
    ordered
}

pub const USER_COLUMNS: &str = "s.id, s.username, s.display_name, s.role, s.unit_id,
    s.must_change_password, n.name AS unit_name, n.kind AS unit_kind";

pub async fn users_of_unit(db: &Db, unit_id: i64) -> sqlx::Result<Vec<UserSummary>> {
    let rows = sqlx::query(&format!(
        "SELECT {USER_COLUMNS} FROM users s JOIN units n ON n.id = s.unit_id
         WHERE s.unit_id = $1 AND s.active = 1 ORDER BY s.id"
    ))
    .bind(unit_id)
    .fetch_all(&db.pool)
    .await?;
    rows.iter().map(user_from_row).collect()
}

/// Whether `unit_id` is `root` or below it: a user may only act inside their own subtree.
pub async fn is_within(db: &Db, root: i64, unit_id: i64) -> sqlx::Result<bool> {
    Ok(ancestors(db, unit_id).await?.iter().any(|u| u.id == root) || root == unit_id)
}

fn rule_error(error: UnitRuleError) -> AppError {
    match error {
        UnitRuleError::EmptyName => AppError::invalid("name", Problem::Required),
        UnitRuleError::NameTooLong { .. } => AppError::invalid("name", Problem::TooLong),
        UnitRuleError::WrongParent { .. } => AppError::invalid("kind", Problem::WrongParent),
        UnitRuleError::MissingCategory(_) => AppError::invalid("category", Problem::Required),
    }
}

/// Adds a unit under a parent inside `actor_root`'s subtree.
pub async fn create_unit(db: &Db, actor_root: i64, new: NewUnit) -> ServerResult<Unit> {
    let kind =
        UnitKind::from_code(&new.kind).ok_or(AppError::invalid("kind", Problem::UnknownValue))?;
    let parent = unit(db, new.parent_id)
        .await?
        .ok_or(AppError::invalid("parent_id", Problem::UnknownValue))?;
    if !is_within(db, actor_root, parent.id).await? {
        return Err(AppError::Forbidden.into());
    }
    check_new_unit(kind, Some(parent.kind), &new.name, new.category.as_deref())
        .map_err(rule_error)?;
    if let Some(code) = &new.code {
        if code.len() > 12 || !code.bytes().all(|b| b.is_ascii_digit()) {
            return Err(AppError::invalid("code", Problem::BadFormat).into());
        }
    }
    if let Some(category) = &new.category {
        if !domain::jurisdiction::SECTORS.contains(&category.as_str()) {
            return Err(AppError::invalid("category", Problem::UnknownValue).into());
        }
    }
    // Ladder units have no sector; a stray choice in the form is dropped, not stored.
    let category = if kind.needs_category() {
        new.category
    } else {
        None
    };
    let inserted = sqlx::query(
        "INSERT INTO units (parent_id, kind, name, code, category, created_at)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(parent.id)
    .bind(kind.code())
    .bind(new.name.trim())
    .bind(new.code.clone())
    .bind(category.clone())
    .bind(now_ms())
    .fetch_one(&db.pool)
    .await;
    match inserted {
        Ok(row) => Ok(Unit {
            id: row.try_get("id")?,
            parent_id: Some(parent.id),
            kind,
            name: new.name.trim().to_owned(),
            code: new.code,
            category,
        }),
        Err(e) if is_unique_violation(&e) => Err(AppError::invalid("name", Problem::Taken).into()),
        Err(e) => Err(e.into()),
    }
}

pub const MAX_USERNAME_CHARS: usize = 32;
pub const MAX_DISPLAY_NAME_CHARS: usize = 40;

/// Checks the fields of a new user that need no database.
pub fn check_new_user(new: &NewUser) -> Result<Role, AppError> {
    use crate::people::password::{MAX_PASSWORD_CHARS, MIN_PASSWORD_CHARS};
    let username = new.username.trim();
    if username.is_empty() {
        return Err(AppError::invalid("username", Problem::Required));
    }
    if username.chars().count() > MAX_USERNAME_CHARS {
        return Err(AppError::invalid("username", Problem::TooLong));
    }
    // Usernames are typed on phone keyboards: letters, digits, dot, dash and underscore.
    if !username
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
    {
        return Err(AppError::invalid("username", Problem::BadFormat));
    }
    let display_name = new.display_name.trim();
    if display_name.is_empty() {
        return Err(AppError::invalid("display_name", Problem::Required));
    }
    if display_name.chars().count() > MAX_DISPLAY_NAME_CHARS {
        return Err(AppError::invalid("display_name", Problem::TooLong));
    }
    let role =
        Role::from_code(&new.role).ok_or(AppError::invalid("role", Problem::UnknownValue))?;
    let password_chars = new.password.chars().count();
    if password_chars < MIN_PASSWORD_CHARS {
        return Err(AppError::invalid("password", Problem::TooShort));
    }
    if password_chars > MAX_PASSWORD_CHARS {
        return Err(AppError::invalid("password", Problem::TooLong));
    }
    Ok(role)
}

/// Adds a user to a unit inside `actor`'s subtree; the audit log says who did.
pub async fn create_user(db: &Db, actor: &SessionUser, new: NewUser) -> ServerResult<UserSummary> {
    let role = check_new_user(&new)?;
    let unit = unit(db, new.unit_id)
        .await?
        .ok_or(AppError::invalid("unit_id", Problem::UnknownValue))?;
    if !is_within(db, actor.unit_id, unit.id).await? {
        return Err(AppError::Forbidden.into());
    }
    if !role.fits_unit(unit.kind) {
        return Err(AppError::invalid("role", Problem::RoleDoesNotFitUnit).into());
    }
    let password_hash = crate::people::password::hash(new.password).await?;
    let (username, display_name) = (new.username.trim(), new.display_name.trim());
    let mut tx = db.pool.begin().await?;
    let inserted = sqlx::query(
        "INSERT INTO users (username, display_name, password_hash, role, unit_id, active, created_at)
         VALUES ($1, $2, $3, $4, $5, 1, $6) RETURNING id",
    )
    .bind(username)
    .bind(display_name)
    .bind(&password_hash)
    .bind(role.code())
    .bind(unit.id)
    .bind(now_ms())
    .fetch_one(&mut *tx)
    .await;
    let id: i64 = match inserted {
        Ok(row) => row.try_get("id")?,
        Err(e) if is_unique_violation(&e) => {
            return Err(AppError::invalid("username", Problem::Taken).into())
        }
        Err(e) => return Err(e.into()),
    };
    let entry = crate::audit::Entry {
        action: domain::audit::AuditAction::UserCreated,
        actor_id: Some(actor.id),
        user_id: Some(id),
        case_id: None,
        detail: Some(&unit.name),
    };
    crate::audit::write(&mut *tx, &entry, now_ms()).await?;
    tx.commit().await?;
    Ok(UserSummary {
        id,
        username: username.to_owned(),
        display_name: display_name.to_owned(),
        role,
        unit_id: unit.id,
        unit_name: unit.name,
        unit_kind: unit.kind,
        must_change_password: false,
    })
}

/// The part of the tree a grid's cases can reach: the grid, its ancestors, and the committees
/// and departments attached to any of them.
pub async fn routing_tree<'e>(
    executor: impl Executor<'e, Database = Any>,
    grid_id: i64,
) -> sqlx::Result<RoutingTree> {
    let rows = sqlx::query(&format!(
        "WITH RECURSIVE chain(id, depth) AS (
             SELECT id, 0 FROM units WHERE id = $1
             UNION ALL
             SELECT p.parent_id, c.depth + 1 FROM chain c JOIN units p ON p.id = c.id
             WHERE p.parent_id IS NOT NULL AND c.depth < 16
         )
         SELECT {UNIT_COLUMNS} FROM units u
         WHERE u.id IN (SELECT id FROM chain)
            OR (u.parent_id IN (SELECT id FROM chain)
                AND u.kind IN ('sector_committee', 'admin_department'))
         ORDER BY u.id"
    ))
    .bind(grid_id)
    .fetch_all(executor)
    .await?;
    Ok(RoutingTree {
        grid_id,
        units: rows.iter().map(unit_from_row).collect::<Result<_, _>>()?,
    })
}

/// Whether person `user_id` works, as staff or a supervisor, in an office strictly above unit
/// `unit_id` (a township over its villages, a county over its townships…): who may hand a case
/// down (交办) and press it (督办).
pub async fn office_above<'e>(
    executor: impl Executor<'e, Database = Any>,
    user_id: i64,
    unit_id: i64,
) -> sqlx::Result<bool> {
    let row = sqlx::query(&format!(
        "{ANCESTRY_CTE} SELECT 1 AS one FROM users p
         WHERE p.id = $2 AND p.active = 1 AND p.role IN ('staff', 'supervisor')
           AND p.unit_id IN (SELECT id FROM up WHERE depth > 0)"
    ))
    .bind(unit_id)
    .bind(user_id)
    .fetch_optional(executor)
    .await?;
    Ok(row.is_some())
}

/// Whether unit `lower` lies strictly below unit `upper`.
pub async fn lies_below<'e>(
    executor: impl Executor<'e, Database = Any>,
    lower: i64,
    upper: i64,
) -> sqlx::Result<bool> {
    let row = sqlx::query(&format!(
        "{ANCESTRY_CTE} SELECT 1 AS one FROM up WHERE id = $2 AND depth > 0"
    ))
    .bind(lower)
    .bind(upper)
    .fetch_optional(executor)
    .await?;
    Ok(row.is_some())
}

/// The unit whose subtree a case held by `holder_id` may be handed to (`RoutingTree::handoff_root`).
pub async fn handoff_root<'e>(
    executor: impl Executor<'e, Database = Any>,
    holder_id: i64,
) -> sqlx::Result<Option<i64>> {
    let tree = routing_tree(executor, holder_id).await?;
    Ok(tree.handoff_root().map(|u| u.id))
}

/// The units above both `a` and `b` (each counting as above itself), nearest first.
pub async fn above_both(conn: &mut sqlx::AnyConnection, a: i64, b: i64) -> sqlx::Result<Vec<i64>> {
    let sql = format!("{} SELECT id FROM up ORDER BY depth", ANCESTRY_CTE);
    let up = |unit: i64| sqlx::query(&sql).bind(unit);
    let of_a: Vec<i64> = up(a)
        .fetch_all(&mut *conn)
        .await?
        .iter()
        .map(|r| r.try_get("id"))
        .collect::<sqlx::Result<_>>()?;
    let of_b: Vec<i64> = up(b)
        .fetch_all(&mut *conn)
        .await?
        .iter()
        .map(|r| r.try_get("id"))
        .collect::<sqlx::Result<_>>()?;
    Ok(of_a.into_iter().filter(|u| of_b.contains(u)).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(id: i64, parent_id: Option<i64>, kind: UnitKind) -> (Unit, usize) {
        (
            Unit {
                id,
                parent_id,
                kind,
                name: format!("u{id}"),
                code: None,
                category: None,
            },
            0,
        )
    }

    #[test]
    fn depth_first_puts_children_under_their_parent_and_committees_last() {
        let mut committee = unit(2, Some(1), UnitKind::SectorCommittee);
        committee.0.category = Some("medical".into());
        let units = vec![
            unit(1, None, UnitKind::County),
            committee,
            unit(3, Some(1), UnitKind::Township),
            unit(4, Some(3), UnitKind::Village),
            unit(5, Some(1), UnitKind::Township),
        ];
        let order: Vec<i64> = depth_first(units, 1).iter().map(|(u, _)| u.id).collect();
        assert_eq!(order, vec![1, 3, 4, 5, 2]);
    }

    fn new_user(username: &str, password: &str) -> NewUser {
        NewUser {
            username: username.into(),
            display_name: "王五".into(),
            role: "grid_worker".into(),
            unit_id: 1,
            password: password.into(),
        }
    }

    #[test]
    fn a_new_user_is_refused_with_the_field_at_fault() {
        assert_eq!(
            check_new_user(&new_user("", "12345678")),
            Err(AppError::invalid("username", Problem::Required))
        );
        assert_eq!(
            check_new_user(&new_user("王五", "12345678")),
            Err(AppError::invalid("username", Problem::BadFormat))
        );
        assert_eq!(
            check_new_user(&new_user("wangwu", "1234")),
            Err(AppError::invalid("password", Problem::TooShort))
        );
        let mut bad_role = new_user("wangwu", "12345678");
        bad_role.role = "emperor".into();
        assert_eq!(
            check_new_user(&bad_role),
            Err(AppError::invalid("role", Problem::UnknownValue))
        );
        assert_eq!(
            check_new_user(&new_user("wangwu", "12345678")),
            Ok(Role::GridWorker)
        );
    }
}
