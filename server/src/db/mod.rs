//! The database: one pool for SQLite (embedded default) or PostgreSQL (at scale).
//!
//! Queries go through sqlx's `Any` driver with `$n` placeholders, which both SQLite and
//! PostgreSQL accept, so each query is written once. Only the migrations differ per backend
//! (`migrations/sqlite`, `migrations/postgres`), where the DDL dialects do.

pub mod copy;

use anyhow::Context;
use sqlx::any::{install_default_drivers, AnyPoolOptions};
use sqlx::{AnyPool, Executor, Row};
use std::time::{SystemTime, UNIX_EPOCH};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn of_url(url: &str) -> anyhow::Result<Backend> {
        if url.starts_with("sqlite:") {
            Ok(Backend::Sqlite)
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Ok(Backend::Postgres)
        } else {
            anyhow::bail!("DATABASE_URL must start with sqlite: or postgres:, got {url:?}")
        }
    }
}

#[derive(Clone, Debug)]
pub struct Db {
    pub pool: AnyPool,
    pub backend: Backend,
}

static SQLITE_MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

impl Db {
    /// Connects, creating the SQLite file (and its folder) if needed, and runs the migrations.
    /// A migration that fails stops the start-up: serving on a half-migrated schema would
    /// corrupt records.
    pub async fn connect(url: &str) -> anyhow::Result<Db> {
        install_default_drivers();
        let backend = Backend::of_url(url)?;
        let url = match backend {
            Backend::Sqlite => prepare_sqlite_url(url)?,
            Backend::Postgres => url.to_owned(),
        };
        let options = AnyPoolOptions::new()
            .max_connections(match backend {
                // SQLite has one writer; a few readers in WAL mode are plenty.
                Backend::Sqlite => 4,
                Backend::Postgres => 16,
            })
            // A database that cannot be reached fails a request within seconds (503, "retry"),
            // rather than holding a phone's push for half a minute.
            .acquire_timeout(std::time::Duration::from_secs(5));
        let options = if backend == Backend::Sqlite {
            options.after_connect(|conn, _meta| {
                Box::pin(async move {
                    // WAL lets readers run while a sync batch writes; foreign keys are off by
                    // default in SQLite; the busy timeout makes a second writer wait, not fail.
                    // A 64 MB page cache per connection (SQLite's default is 2 MB) keeps the
                    // indexes a district's searches and figures read in memory.
                    conn.execute("PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -65536;")
                        .await?;
                    Ok(())
                })
            })
        } else {
            options.after_connect(|conn, _meta| {
                Box::pin(async move {
                    // Every statement here reads a few rows by an index or a few hundred rows
                    // of figures. JIT compiling pays only for long scans; with stale statistics
                    // it was chosen for a per-case lookup of 0.1 ms and took 28 ms to compile
                    // (a generated district, 800,000 cases, before ANALYZE).
                    conn.execute("SET jit = off").await?;
                    Ok(())
                })
            })
        };
        let pool = options
            .connect(&url)
            .await
            .with_context(|| format!("could not open the database at {}", redact(&url)))?;
        let migrator = match backend {
            Backend::Sqlite => &SQLITE_MIGRATOR,
            Backend::Postgres => &POSTGRES_MIGRATOR,
        };
        migrator
            .run(&pool)
            .await
            .context("database migration failed")?;
        Ok(Db { pool, backend })
    }

    /// While many rows are being written: PostgreSQL's planner statistics are gathered again
    /// (`ANALYZE`, a sample: seconds at a million cases). SQLite plans without them.
    pub async fn gather_statistics(&self) -> sqlx::Result<()> {
        if self.backend == Backend::Postgres {
            sqlx::raw_sql("ANALYZE").execute(&self.pool).await?;
        }
        Ok(())
    }

    /// After many rows were written at once (a copy, a generated district): PostgreSQL's
    /// statistics are gathered, so its planner knows the tables' sizes, and the new pages are
    /// marked all-visible (VACUUM), without which every index-only scan — the reach and the
    /// search terms are read that way — also reads the table until autovacuum comes round
    /// (searches three times slower on a fresh copy). SQLite has nothing to settle.
    pub async fn settle_after_bulk_write(&self) -> sqlx::Result<()> {
        if self.backend == Backend::Postgres {
            // Outside any transaction, as VACUUM must be: the simple query protocol.
            sqlx::raw_sql("VACUUM ANALYZE").execute(&self.pool).await?;
        }
        Ok(())
    }
}

/// SQLite URLs: make sure the file may be created and its folder exists.
fn prepare_sqlite_url(url: &str) -> anyhow::Result<String> {
    let rest = url.trim_start_matches("sqlite:").trim_start_matches("//");
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    if path != ":memory:" && !path.is_empty() {
        if let Some(dir) = std::path::Path::new(path).parent() {
            if !dir.as_os_str().is_empty() {
                std::fs::create_dir_all(dir)
                    .with_context(|| format!("could not create the folder {}", dir.display()))?;
            }
        }
    }
    let query = if query.contains("mode=") {
        query.to_owned()
    } else if query.is_empty() {
        "mode=rwc".to_owned()
    } else {
        format!("{query}&mode=rwc")
    };
    Ok(format!("sqlite://{path}?{query}"))
}

/// A URL fit for a log line: no password.
fn redact(url: &str) -> String {
    match (url.find("://"), url.find('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            format!("{}://…@{}", &url[..scheme], &url[at + 1..])
        }
        _ => url.to_owned(),
    }
}

/// Begins a transaction that writes, holding the writer's turn from its first statement: the
/// change clock's row, which every change to a case takes first.
///
/// On SQLite (WAL) a transaction that reads first and writes later fails at once with
/// "database is locked" if another writer committed in between — the busy timeout does not
/// apply to that upgrade — and the figures' background recount commits a batch every few
/// tenths of a second. On PostgreSQL the row lock orders changes to cases: pushes commit one
/// after another, so change numbers become visible in order and a pull cursor never passes a
/// change still to commit, and no case is restated by two transactions at once.
pub async fn begin_writing(pool: &AnyPool) -> sqlx::Result<sqlx::Transaction<'static, sqlx::Any>> {
    let mut tx = pool.begin().await?;
    sqlx::query("UPDATE change_clock SET last = last WHERE id = 1")
        .execute(&mut *tx)
        .await?;
    Ok(tx)
}

/// Now, as the Unix milliseconds every table stores.
pub fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}

/// Whether an error is a unique-constraint violation (a duplicate username, a sibling with the
/// same name), which the caller turns into a field error rather than a server error.
pub fn is_unique_violation(error: &sqlx::Error) -> bool {
    matches!(error, sqlx::Error::Database(db) if db.is_unique_violation())
}

/// Fixed codes (never user input) as an SQL list for `IN (…)`: `'a', 'b'`.
pub fn sql_list<'a>(codes: impl IntoIterator<Item = &'a str>) -> String {
    codes
        .into_iter()
        .map(|c| format!("'{c}'"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Which derivation of a table derived from the cases (`derived_versions`: the search terms,
/// the figures) the database holds; 0 before it was ever built.
pub async fn derived_version(pool: &AnyPool, table: &str) -> sqlx::Result<i64> {
    let row = sqlx::query("SELECT version FROM derived_versions WHERE name = $1")
        .bind(table)
        .fetch_optional(pool)
        .await?;
    row.map_or(Ok(0), |r| r.try_get("version"))
}

/// Records that `table` now holds derivation `version`.
pub async fn set_derived_version(pool: &AnyPool, table: &str, version: i64) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO derived_versions (name, version) VALUES ($1, $2)
         ON CONFLICT (name) DO UPDATE SET version = $2",
    )
    .bind(table)
    .bind(version)
    .execute(pool)
    .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_urls_get_create_mode_and_keep_their_options() {
        let dir = std::env::temp_dir().join("fq-db-url-test");
        let url = format!("sqlite://{}/x.db", dir.display());
        assert_eq!(prepare_sqlite_url(&url).unwrap(), format!("{url}?mode=rwc"));
        assert!(dir.exists());
        assert_eq!(
            prepare_sqlite_url("sqlite::memory:?cache=shared").unwrap(),
            "sqlite://:memory:?cache=shared&mode=rwc"
        );
    }

    #[test]
    fn database_urls_name_their_backend_or_are_refused() {
        assert_eq!(Backend::of_url("sqlite://a.db").unwrap(), Backend::Sqlite);
        assert_eq!(
            Backend::of_url("postgres://u@h/d").unwrap(),
            Backend::Postgres
        );
        assert!(Backend::of_url("mysql://u@h/d").is_err());
    }

    #[test]
    fn passwords_never_reach_the_log() {
        assert_eq!(redact("postgres://u:secret@h/d"), "postgres://…@h/d");
    }
}
