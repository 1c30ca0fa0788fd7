//! 调解员库 and 专家库 in the database: admins add and retire entries for units inside their
//! subtree; a unit assigns from its own pool and the pools of the units above it (a township's
//! mediators serve its villages) and invites from any other.

use crate::db::Db;
use crate::error::ServerResult;
use app::error::AppError;
use domain::dispute::mask_phone;
use domain::mediators::{validate, Level, Mediator, MediatorKind, NewMediator, Relation};
use sqlx::any::AnyRow;
use sqlx::{Any, Executor, Row};

pub use crate::people::directory::ANCESTRY_CTE;

/// Higher levels first (the codes do not sort by level).
const LEVEL_ORDER: &str =
    "CASE m.level WHEN 'chief' THEN 0 WHEN 'senior' THEN 1 WHEN 'intermediate' THEN 2 ELSE 3 END";

const COLUMNS: &str =
    "m.id, m.unit_id, n.name AS unit_name, m.name, m.kind, m.level, m.specialties,
                       m.phone, m.active";

fn from_row(row: &AnyRow) -> sqlx::Result<Mediator> {
    let decode =
        |what: &str, code: String| sqlx::Error::Decode(format!("unknown {what} {code:?}").into());
    let kind: String = row.try_get("kind")?;
    let level: String = row.try_get("level")?;
    let specialties: String = row.try_get("specialties")?;
    Ok(Mediator {
        id: row.try_get("id")?,
        unit_id: row.try_get("unit_id")?,
        unit_name: row.try_get("unit_name")?,
        name: row.try_get("name")?,
        kind: MediatorKind::from_code(&kind).ok_or_else(|| decode("kind", kind.clone()))?,
        level: Level::from_code(&level).ok_or_else(|| decode("level", level.clone()))?,
        specialties: serde_json::from_str(&specialties).unwrap_or_default(),
        phone: row
            .try_get::<Option<String>, _>("phone")?
            .as_deref()
            .map(mask_phone),
        active: row.try_get::<i64, _>("active")? != 0,
    })
}

/// The pool `unit_id` assigns from: its own and its ancestors' active entries, nearest first,
/// higher levels first.
pub async fn pool_of<'e>(
    executor: impl Executor<'e, Database = Any>,
    unit_id: i64,
) -> sqlx::Result<Vec<Mediator>> {
    let rows = sqlx::query(&format!(
        "{ANCESTRY_CTE} SELECT {COLUMNS}, up.depth FROM mediators m JOIN up ON up.id = m.unit_id
         JOIN units n ON n.id = m.unit_id WHERE m.active = 1 ORDER BY up.depth, {LEVEL_ORDER}, m.id"
    ))
    .bind(unit_id)
    .fetch_all(executor)
    .await?;
    rows.iter().map(from_row).collect()
}

/// Active entries outside `unit_id`'s pool: the mediators it may invite (邀请).
pub async fn invitable<'e>(
    executor: impl Executor<'e, Database = Any>,
    unit_id: i64,
) -> sqlx::Result<Vec<Mediator>> {
    let rows = sqlx::query(&format!(
        "{ANCESTRY_CTE} SELECT {COLUMNS} FROM mediators m JOIN units n ON n.id = m.unit_id
         WHERE m.active = 1 AND m.unit_id NOT IN (SELECT id FROM up) ORDER BY n.name, {LEVEL_ORDER}, m.id
         LIMIT 200"
    ))
    .bind(unit_id)
    .fetch_all(executor)
    .await?;
    rows.iter().map(from_row).collect()
}

/// Every entry (retired too) of the units in `root`'s subtree, for the admin page.
pub async fn in_subtree(db: &Db, root: i64) -> sqlx::Result<Vec<Mediator>> {
    let rows = sqlx::query(&format!(
        "{} SELECT {COLUMNS} FROM mediators m JOIN units n ON n.id = m.unit_id
         WHERE m.unit_id IN (SELECT id FROM sub) ORDER BY m.unit_id, {LEVEL_ORDER}, m.id",
        crate::people::directory::SUBTREE_CTE
    ))
    .bind(root)
    .fetch_all(&db.pool)
    .await?;
    rows.iter().map(from_row).collect()
}

/// What the 回避 check reads of one entry.
pub struct Candidate {
    pub mediator: Mediator,
    pub id_number: Option<String>,
    pub relations: Vec<Relation>,
    /// In the pool of the unit asking (its own or an ancestor's).
    pub in_pool: bool,
}

pub async fn candidate<'e>(
    executor: impl Executor<'e, Database = Any>,
    mediator_id: i64,
    for_unit: i64,
) -> sqlx::Result<Option<Candidate>> {
    let row = sqlx::query(&format!(
        "{ANCESTRY_CTE} SELECT {COLUMNS}, m.id_number, m.relations,
                CASE WHEN m.unit_id IN (SELECT id FROM up) THEN 1 ELSE 0 END AS in_pool
         FROM mediators m JOIN units n ON n.id = m.unit_id WHERE m.id = $2 AND m.active = 1"
    ))
    .bind(for_unit)
    .bind(mediator_id)
    .fetch_optional(executor)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let relations: String = row.try_get("relations")?;
    Ok(Some(Candidate {
        mediator: from_row(&row)?,
        id_number: row.try_get("id_number")?,
        relations: serde_json::from_str(&relations).unwrap_or_default(),
        in_pool: row.try_get::<i64, _>("in_pool")? == 1,
    }))
}

/// Adds an entry to a unit of the admin's subtree.
pub async fn add(db: &Db, admin_root: i64, new: NewMediator) -> ServerResult<i64> {
    if let Some(p) = validate(&new).into_iter().next() {
        return Err(AppError::invalid(&p.field, p.problem).into());
    }
    if !crate::people::directory::is_within(db, admin_root, new.unit_id).await? {
        return Err(AppError::Forbidden.into());
    }
    let trimmed = |s: &Option<String>| {
        s.as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
    };
    let relations: Vec<Relation> = new
        .relations
        .iter()
        .map(|r| Relation {
            name: r.name.trim().to_owned(),
            id_number: trimmed(&r.id_number),
        })
        .collect();
    let row = sqlx::query(
        "INSERT INTO mediators (unit_id, name, kind, level, specialties, phone, id_number, relations, active, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1, $9) RETURNING id",
    )
    .bind(new.unit_id)
    .bind(new.name.trim())
    .bind(new.kind.code())
    .bind(new.level.code())
    .bind(serde_json::to_string(&new.specialties)?)
    .bind(trimmed(&new.phone))
    .bind(trimmed(&new.id_number))
    .bind(serde_json::to_string(&relations)?)
    .bind(crate::db::now_ms())
    .fetch_one(&db.pool)
    .await?;
    Ok(row.try_get("id")?)
}

/// Retires (or brings back) an entry; cases it was assigned to keep it in their record.
pub async fn set_active(db: &Db, admin_root: i64, id: i64, active: bool) -> ServerResult<()> {
    let unit_id: i64 = sqlx::query("SELECT unit_id FROM mediators WHERE id = $1")
        .bind(id)
        .fetch_optional(&db.pool)
        .await?
        .ok_or(AppError::NotFound)?
        .try_get("unit_id")?;
    if !crate::people::directory::is_within(db, admin_root, unit_id).await? {
        return Err(AppError::Forbidden.into());
    }
    sqlx::query("UPDATE mediators SET active = $1 WHERE id = $2")
        .bind(i64::from(active))
        .bind(id)
        .execute(&db.pool)
        .await?;
    Ok(())
}
