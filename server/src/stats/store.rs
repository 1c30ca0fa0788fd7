//! The figures kept by the transaction that changes a case: `case_figures` holds what the case
//! counts now, `unit_figures` the sums over the cases each unit reached. `restate` is called
//! after every change to a case (a push's operation, the rules' sweep); it works out the case's
//! contribution from its row and its log, and hands each unit the difference — or, for a unit
//! the case has newly reached, all of it. `recount` rebuilds both tables from the cases, for
//! figures never counted and for the test that proves the sums never drift; `rederive` moves
//! figures an older build counted to this build's derivation in place, while the server serves.

use domain::clock::{Day, Month};
use domain::events::EventKind;
use domain::figures::{contribution, counted_tier, CaseState, Contribution};
use domain::jurisdiction::UnitKind;
use domain::procedure::{CaseStatus, Satisfaction};
use domain::rules::Tier;
use sqlx::{Any, AnyPool, Row, Transaction};

/// Which derivation of the figures this build keeps. Raise it whenever `domain::figures`
/// counts differently: the next start recounts every case. 2: a window's case climbs the
/// funnel from its own tier.
pub const FIGURES_VERSION: i64 = 2;

/// Where a case's counts are summed: the month it was received, its category, sensitivity.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Key {
    month: String,
    category: String,
    sensitive: i64,
}

/// The names of the count columns, comma-separated.
pub(crate) fn column_list() -> String {
    Contribution::NAMES.join(", ")
}

/// The counts of a row with a column per count (of either table, or a sum of them).
pub(crate) fn contribution_from_row(r: &sqlx::any::AnyRow) -> sqlx::Result<Contribution> {
    let mut counts = [0; 16];
    for (count, name) in counts.iter_mut().zip(Contribution::NAMES) {
        *count = r.try_get(name)?;
    }
    Ok(Contribution::from_counts(counts))
}

/// Counts case `case_id` again, in the transaction that changed it.
pub async fn restate(tx: &mut Transaction<'static, Any>, case_id: &str) -> sqlx::Result<()> {
    let Some((key, state)) = state_of(tx, case_id).await? else {
        return Ok(());
    };
    let now = contribution(&state);
    let stored = sqlx::query("SELECT * FROM case_figures WHERE case_id = $1")
        .bind(case_id)
        .fetch_optional(&mut **tx)
        .await?;
    let before = match &stored {
        Some(r) => Some((
            Key {
                month: r.try_get("month")?,
                category: r.try_get("category")?,
                sensitive: r.try_get("sensitive")?,
            },
            contribution_from_row(r)?,
        )),
        None => None,
    };
    // The units that already count the case get the difference (a key never changes: the
    // month, category and sensitivity are the recording's); those it newly reached, all of it.
    match &before {
        Some((old_key, old)) if *old_key == key && *old != now => {
            add(tx, case_id, &key, &now.minus(old), true).await?;
        }
        Some((old_key, _)) if *old_key == key => {}
        Some((old_key, old)) => {
            add(
                tx,
                case_id,
                old_key,
                &Contribution::default().minus(old),
                true,
            )
            .await?;
            add(tx, case_id, &key, &now, true).await?;
        }
        None => {}
    }
    add(tx, case_id, &key, &now, false).await?;
    sqlx::query("UPDATE case_reach SET counted = 1 WHERE case_id = $1 AND counted = 0")
        .bind(case_id)
        .execute(&mut **tx)
        .await?;
    keep(tx, case_id, &key, &now).await
}

/// Adds `c` to the sums of the units the case reached that do (`counted`) or do not yet count it.
async fn add(
    tx: &mut Transaction<'static, Any>,
    case_id: &str,
    key: &Key,
    c: &Contribution,
    counted: bool,
) -> sqlx::Result<()> {
    let names = column_list();
    let values: Vec<String> = (0..Contribution::NAMES.len())
        .map(|i| format!("${}", i + 6))
        .collect();
    let updates: Vec<String> = Contribution::NAMES
        .iter()
        .map(|n| format!("{n} = unit_figures.{n} + excluded.{n}"))
        .collect();
    let sql = format!(
        "INSERT INTO unit_figures (unit_id, month, category, sensitive, {names})
         SELECT r.unit_id, $2, $3, $4, {} FROM case_reach r WHERE r.case_id = $1 AND r.counted = $5
         ON CONFLICT (unit_id, month, category, sensitive) DO UPDATE SET {}",
        values.join(", "),
        updates.join(", ")
    );
    let mut q = sqlx::query(&sql)
        .bind(case_id)
        .bind(&key.month)
        .bind(&key.category)
        .bind(key.sensitive)
        .bind(i64::from(counted));
    for v in c.counts() {
        q = q.bind(v);
    }
    q.execute(&mut **tx).await?;
    Ok(())
}

/// Stores what the case counts now.
async fn keep(
    tx: &mut Transaction<'static, Any>,
    case_id: &str,
    key: &Key,
    c: &Contribution,
) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM case_figures WHERE case_id = $1")
        .bind(case_id)
        .execute(&mut **tx)
        .await?;
    let values: Vec<String> = (0..Contribution::NAMES.len())
        .map(|i| format!("${}", i + 5))
        .collect();
    let sql = format!(
        "INSERT INTO case_figures (case_id, month, category, sensitive, {})
         VALUES ($1, $2, $3, $4, {})",
        column_list(),
        values.join(", ")
    );
    let mut q = sqlx::query(&sql)
        .bind(case_id)
        .bind(&key.month)
        .bind(&key.category)
        .bind(key.sensitive);
    for v in c.counts() {
        q = q.bind(v);
    }
    q.execute(&mut **tx).await?;
    Ok(())
}

/// The case as the figures read it: its row, and from its log whether it was ever taken on,
/// the highest tier that held it, when it ended, the deadline it had then, and the visit's
/// satisfaction.
async fn state_of(
    tx: &mut Transaction<'static, Any>,
    case_id: &str,
) -> sqlx::Result<Option<(Key, CaseState)>> {
    let Some(row) = sqlx::query(
        "SELECT c.status, c.category, c.sensitive, c.recorded_at, h.kind AS holder_kind,
                hp.kind AS parent_kind, r.kind AS recorder_kind, rp.kind AS recorder_parent_kind
         FROM cases c JOIN units h ON h.id = c.holder_unit_id
         LEFT JOIN units hp ON hp.id = h.parent_id
         JOIN units r ON r.id = c.grid_id
         LEFT JOIN units rp ON rp.id = r.parent_id
         WHERE c.id = $1",
    )
    .bind(case_id)
    .fetch_optional(&mut **tx)
    .await?
    else {
        return Ok(None);
    };
    let status: String = row.try_get("status")?;
    let Some(status) = CaseStatus::from_code(&status) else {
        return Ok(None);
    };
    let key = Key {
        month: Month::of_unix_ms(row.try_get("recorded_at")?).to_string(),
        category: row.try_get("category")?,
        sensitive: row.try_get("sensitive")?,
    };
    let holder_tier = tier(row.try_get("holder_kind")?, row.try_get("parent_kind")?);
    let recorder_kind: String = row.try_get("recorder_kind")?;
    // A court's case starts where it is entrusted, as a grid's does where it is routed.
    let recorded_tier = match UnitKind::from_code(&recorder_kind) {
        Some(UnitKind::Grid | UnitKind::Court) | None => Tier::Grid,
        Some(_) => tier(recorder_kind, row.try_get("recorder_parent_kind")?),
    };
    let events = sqlx::query(
        "SELECT e.kind, e.server_time, e.payload, u.kind AS unit_kind, p.kind AS parent_kind
         FROM case_events e LEFT JOIN units u ON u.id = e.unit_id
         LEFT JOIN units p ON p.id = u.parent_id
         WHERE e.case_id = $1 ORDER BY e.id",
    )
    .bind(case_id)
    .fetch_all(&mut **tx)
    .await?;
    let mut state = CaseState {
        status,
        ever_accepted: false,
        holder_tier,
        recorded_tier,
        highest_tier: recorded_tier,
        ended_at: None,
        deadline_at: None,
        satisfaction: None,
    };
    let mut deadline = None;
    for e in &events {
        let kind = EventKind::from_code(e.try_get("kind")?);
        let payload: Option<String> = e.try_get("payload")?;
        let payload: serde_json::Value = payload
            .and_then(|p| serde_json::from_str(&p).ok())
            .unwrap_or_default();
        let text = |field: &str| {
            payload
                .get(field)
                .and_then(|v| v.as_str())
                .map(str::to_owned)
        };
        if domain::events::HELD.contains(&kind) {
            if let Some(unit_kind) = e.try_get::<Option<String>, _>("unit_kind")? {
                let t = tier(unit_kind, e.try_get("parent_kind")?);
                state.highest_tier = state.highest_tier.max(t);
            }
        }
        match kind {
            EventKind::Accepted => state.ever_accepted = true,
            EventKind::Routed
            | EventKind::Escalated
            | EventKind::Transferred
            | EventKind::Entrusted
            | EventKind::HandedDown
            | EventKind::Reopened => {
                deadline = text("deadline").as_deref().and_then(Day::parse);
            }
            EventKind::ResolvedOnSpot
            | EventKind::AgreementReached
            | EventKind::Resolved
            | EventKind::Terminated
            | EventKind::Declined => {
                state.ended_at = Some(e.try_get("server_time")?);
                state.deadline_at = deadline.map(Day::end_unix_ms);
            }
            EventKind::FollowedUp => {
                state.satisfaction = text("satisfaction")
                    .as_deref()
                    .and_then(Satisfaction::from_code);
            }
            _ => {}
        }
    }
    if !matches!(
        status,
        CaseStatus::ResolvedOnSpot
            | CaseStatus::Resolved
            | CaseStatus::Agreed
            | CaseStatus::Closed
            | CaseStatus::Terminated
            | CaseStatus::Declined
    ) {
        // Reopened: it has not ended (again) yet.
        state.ended_at = None;
    }
    Ok(Some((key, state)))
}

fn tier(kind: String, parent: Option<String>) -> Tier {
    match UnitKind::from_code(&kind) {
        Some(k) => counted_tier(k, parent.as_deref().and_then(UnitKind::from_code)),
        None => Tier::County,
    }
}

/// Rebuilds the figures of every case from scratch; how many cases were counted.
pub async fn recount(pool: &AnyPool) -> sqlx::Result<u64> {
    let mut tx = pool.begin().await?;
    sqlx::query("DELETE FROM unit_figures")
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM case_figures")
        .execute(&mut *tx)
        .await?;
    sqlx::query("UPDATE case_reach SET counted = 0")
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    let mut pass = Pass::default();
    pass.run(pool, Sharing::Flat).await?;
    Ok(pass.restated)
}

/// How the kept figures stand against this build's derivation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Derivation {
    /// Counted as this build counts.
    Current,
    /// Never counted (a new database, or one from before the figures): nothing to show until
    /// every case is counted.
    Never,
    /// Counted by an older build: each case's sums are right for that derivation, and restating
    /// the cases one by one moves them to this one while the sums stay whole.
    Older,
}

pub async fn derivation(pool: &AnyPool) -> sqlx::Result<Derivation> {
    Ok(match crate::db::derived_version(pool, "figures").await? {
        v if v >= FIGURES_VERSION => Derivation::Current,
        0 => Derivation::Never,
        _ => Derivation::Older,
    })
}

/// Whether the figures are still being moved to this build's derivation (the dashboard and
/// the report say so, and the report is not exported meanwhile).
pub async fn recounting(pool: &AnyPool) -> sqlx::Result<bool> {
    Ok(derivation(pool).await? != Derivation::Current)
}

/// Cases restated per transaction: a push made meanwhile waits at most for one batch (about
/// 50 ms on SQLite).
const RESTATE_BATCH: i64 = 100;

/// How a pass over every case leaves room for the other writers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sharing {
    /// Batch after batch: nobody else writes meanwhile (before the server serves, the
    /// generator), or the database queues the writers waiting for a lock (PostgreSQL).
    Flat,
    /// SQLite while the server serves: its one writer's lock is not queued. A push waiting
    /// for it tries again on a timer, every 100 ms once it has waited a while, so a pass that
    /// took the lock again at once kept a push out until its 5 s ran out (seen: the server's
    /// start-up failed with "database is locked"). The pass rests after each batch, long
    /// enough for the waiting writer's next try.
    RestBetweenBatches,
}

impl Sharing {
    pub fn while_serving(backend: crate::db::Backend) -> Sharing {
        match backend {
            crate::db::Backend::Sqlite => Sharing::RestBetweenBatches,
            crate::db::Backend::Postgres => Sharing::Flat,
        }
    }
}

/// How far a pass over every case has come: the last case of the last batch committed (by
/// id), and how many cases it restated. A pass that failed goes on from there.
#[derive(Debug, Default)]
struct Pass {
    after: String,
    restated: u64,
}

impl Pass {
    /// Restates every case after `after`, a batch per transaction. Each batch takes the
    /// change clock's row first, as a push and the sweep do, so no case is restated by two
    /// transactions at once and a case changed meanwhile is counted once.
    async fn run(&mut self, pool: &AnyPool, sharing: Sharing) -> sqlx::Result<()> {
        loop {
            let ids: Vec<String> =
                sqlx::query_scalar("SELECT id FROM cases WHERE id > $1 ORDER BY id LIMIT $2")
                    .bind(&self.after)
                    .bind(RESTATE_BATCH)
                    .fetch_all(pool)
                    .await?;
            let Some(last) = ids.last() else {
                return Ok(());
            };
            let mut tx = crate::db::begin_writing(pool).await?;
            for id in &ids {
                restate(&mut tx, id).await?;
            }
            tx.commit().await?;
            self.after.clone_from(last);
            self.restated += ids.len() as u64;
            if sharing == Sharing::RestBetweenBatches {
                tokio::time::sleep(std::time::Duration::from_millis(120)).await;
            }
        }
    }

    /// Runs the pass to its end and records this build's derivation. The sums stay whole
    /// throughout: a case counts by the old derivation until its batch commits (or it changes
    /// meanwhile), by the new one after.
    async fn rederive(&mut self, pool: &AnyPool, sharing: Sharing) -> sqlx::Result<u64> {
        self.run(pool, sharing).await?;
        crate::db::set_derived_version(pool, "figures", FIGURES_VERSION).await?;
        Ok(self.restated)
    }
}

/// Restates every case in place, then records this build's derivation; how many were restated.
pub async fn rederive(pool: &AnyPool, sharing: Sharing) -> sqlx::Result<u64> {
    Pass::default().rederive(pool, sharing).await
}

/// Brings the figures to this build's derivation before returning (the generator, which
/// writes beside them); how many cases were counted.
pub async fn bring_up_to_date(pool: &AnyPool) -> sqlx::Result<u64> {
    match derivation(pool).await? {
        Derivation::Current => Ok(0),
        Derivation::Never => {
            let counted = recount(pool).await?;
            crate::db::set_derived_version(pool, "figures", FIGURES_VERSION).await?;
            Ok(counted)
        }
        Derivation::Older => rederive(pool, Sharing::Flat).await,
    }
}

/// At a server's start: figures never counted are counted before it serves; figures of an
/// older derivation are moved to this one in the background (a million cases take minutes,
/// and a server that does not answer meanwhile helps nobody), while the dashboard says so.
/// A failed pass is tried again a minute later from the batch that failed; a restart starts
/// it over, which restates the cases already moved to no effect. The background pass, if
/// any, is returned to be stopped with the server.
pub async fn keep_up_to_date(
    db: &crate::db::Db,
) -> sqlx::Result<Option<tokio::task::JoinHandle<()>>> {
    if derivation(&db.pool).await? != Derivation::Older {
        let counted = bring_up_to_date(&db.pool).await?;
        if counted > 0 {
            tracing::info!(counted, "counted the cases' figures");
        }
        return Ok(None);
    }
    tracing::info!("the figures were counted by an older build: recounting in the background");
    let (pool, sharing) = (db.pool.clone(), Sharing::while_serving(db.backend));
    Ok(Some(tokio::spawn(async move {
        let (started, mut pass) = (std::time::Instant::now(), Pass::default());
        loop {
            match pass.rederive(&pool, sharing).await {
                Ok(restated) => {
                    let secs = started.elapsed().as_secs_f64();
                    tracing::info!(restated, secs, "recounted the cases' figures");
                    break;
                }
                Err(error) => {
                    tracing::warn!(%error, restated = pass.restated, "recounting the figures failed; going on in a minute");
                    tokio::time::sleep(std::time::Duration::from_secs(60)).await;
                }
            }
        }
    })))
}
