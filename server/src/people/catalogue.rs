//! The deployment's dispute categories (the `categories` table): the built-in list on a new
//! database, then whatever the admins make of it. Codes are permanent; retiring hides a
//! category from new records while records made with it (even on a phone with an old list)
//! are still accepted.

use crate::db::Db;
use crate::error::ServerResult;
use app::error::AppError;
use app::i18n::categories::default_categories;
use domain::dispute::{validate_category, Category};
use sqlx::any::AnyRow;
use sqlx::{Any, Executor, Row};

/// Puts the built-in list into an empty table. Once there is any row, the admins own the list:
/// a retired built-in category is not brought back by a restart.
pub async fn ensure_defaults(db: &Db) -> anyhow::Result<()> {
    let mut tx = db.pool.begin().await?;
    let count: i64 = sqlx::query("SELECT COUNT(*) AS n FROM categories")
        .fetch_one(&mut *tx)
        .await?
        .try_get("n")?;
    if count == 0 {
        for (position, category) in default_categories().iter().enumerate() {
            insert(&mut *tx, category, position as i64).await?;
        }
    }
    tx.commit().await?;
    Ok(())
}

async fn insert<'e>(
    executor: impl Executor<'e, Database = Any>,
    category: &Category,
    position: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO categories (code, name_zh, name_en, position, retired) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(&category.code)
    .bind(&category.name_zh)
    .bind(&category.name_en)
    .bind(position)
    .bind(i64::from(category.retired))
    .execute(executor)
    .await?;
    Ok(())
}

fn from_row(row: &AnyRow) -> sqlx::Result<Category> {
    Ok(Category {
        code: row.try_get("code")?,
        name_zh: row.try_get("name_zh")?,
        name_en: row.try_get("name_en")?,
        retired: row.try_get::<i64, _>("retired")? != 0,
    })
}

/// Every category, retired ones included, in the admins' order.
pub async fn all(db: &Db) -> sqlx::Result<Vec<Category>> {
    let rows = sqlx::query(
        "SELECT code, name_zh, name_en, retired FROM categories ORDER BY position, code",
    )
    .fetch_all(&db.pool)
    .await?;
    rows.iter().map(from_row).collect()
}

/// Adds a category, or renames an existing one (its code stays). The names are trimmed.
pub async fn save(db: &Db, category: Category) -> ServerResult<Category> {
    let category = Category {
        code: category.code.trim().to_owned(),
        name_zh: category.name_zh.trim().to_owned(),
        name_en: category.name_en.trim().to_owned(),
        retired: false,
    };
    if let Some(first) = validate_category(&category).into_iter().next() {
        return Err(AppError::invalid(&first.field, first.problem).into());
    }
    // It reads before it writes: the writer's turn first (`db::begin_writing`).
    let mut tx = crate::db::begin_writing(&db.pool).await?;
    let existing = sqlx::query("SELECT retired FROM categories WHERE code = $1")
        .bind(&category.code)
        .fetch_optional(&mut *tx)
        .await?;
    let saved = match existing {
        Some(row) => {
            sqlx::query("UPDATE categories SET name_zh = $1, name_en = $2 WHERE code = $3")
                .bind(&category.name_zh)
                .bind(&category.name_en)
                .bind(&category.code)
                .execute(&mut *tx)
                .await?;
            Category {
                retired: row.try_get::<i64, _>("retired")? != 0,
                ..category
            }
        }
        None => {
            let position: i64 =
                sqlx::query("SELECT COALESCE(MAX(position), -1) + 1 AS next FROM categories")
                    .fetch_one(&mut *tx)
                    .await
                    .and_then(|row| row.try_get("next"))?;
            insert(&mut *tx, &category, position).await?;
            category
        }
    };
    tx.commit().await?;
    Ok(saved)
}

/// Retires a category (no longer offered for new records) or brings it back.
pub async fn set_retired(db: &Db, code: &str, retired: bool) -> ServerResult<()> {
    let done = sqlx::query("UPDATE categories SET retired = $1 WHERE code = $2")
        .bind(i64::from(retired))
        .bind(code)
        .execute(&db.pool)
        .await?;
    if done.rows_affected() == 0 {
        return Err(AppError::invalid("code", domain::problem::Problem::UnknownValue).into());
    }
    Ok(())
}
