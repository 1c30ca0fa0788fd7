//! 预警 (seed 003 「利用大数据分析纠纷趋势」; seed 000 「及时逐级报告…启动快速反应机制」): as each
//! case arrives, the rule file's `[warning]` thresholds are checked — K disputes of one category
//! in one village (or township) within D days, one dispute of P people or more, one party in N
//! open disputes. A warning is raised once per cluster: its cases are flagged (an event in each
//! timeline) and the county and the township are told once; a later case of the same open
//! cluster joins it quietly. The county and the township list the open warnings of their area
//! and close each with a note, which every flagged case's timeline records.

use crate::cases::log::{self as case_log, Event};
use crate::cases::visibility::case_visible;
use crate::casework;
use crate::db::Db;
use crate::notifications::notice::Notice;
use crate::notifications::notify;
use crate::people::directory::{ANCESTRY_CTE, SUBTREE_CTE};
use app::api::cases::CaseLink;
use app::api::warnings::WarningView;
use app::error::AppError;
use app::i18n::records;
use domain::dispute::{mask_id_number, mask_phone, DisputeFacts};
use domain::events::EventKind;
use domain::jurisdiction::UnitKind;
use domain::notices::NoticeKind;
use domain::problem::Problem;
use domain::procedure::open_status_codes;
use domain::rules::model::{ClusterScope, WarningJoint};
use domain::rules::RuleSet;
use domain::session::{Role, SessionUser};
use sqlx::{Any, Row, Transaction};

/// A case that has just arrived, as the warnings need it.
pub struct Arrival<'a> {
    pub case_id: &'a str,
    pub number: &'a str,
    /// The unit that recorded it: a grid, or the unit whose window registered it (一窗受理).
    pub recorded_in: i64,
    pub county_id: i64,
    pub facts: &'a DisputeFacts,
    pub now: i64,
}

/// A warning to raise, or to join when one with its key is open.
struct Raised {
    kind: &'static str,
    key: String,
    scope_unit_id: i64,
    description: String,
    cases: Vec<String>,
}

/// Keeps the keys of a new case's parties (phone, ID number) in `case_parties`, where the
/// warnings and the duplicate check find the other cases of the same person; returns them.
/// The generator writes them too, so a generated district warns as a real one would.
pub async fn keep_parties(
    tx: &mut Transaction<'static, Any>,
    case_id: &str,
    facts: &DisputeFacts,
) -> sqlx::Result<Vec<String>> {
    let keys = party_keys(facts);
    for key in &keys {
        sqlx::query("INSERT INTO case_parties (case_id, party_key) VALUES ($1, $2)")
            .bind(case_id)
            .bind(key)
            .execute(&mut **tx)
            .await?;
    }
    Ok(keys)
}

/// A close note is at most this long.
pub const MAX_NOTE_CHARS: usize = 500;

/// Checks the thresholds for a new case; returns the people told.
pub async fn on_new_case(
    tx: &mut Transaction<'static, Any>,
    rules: &RuleSet,
    arrival: &Arrival<'_>,
) -> sqlx::Result<Vec<i64>> {
    let keys = keep_parties(tx, arrival.case_id, arrival.facts).await?;
    let w = &rules.warning;
    let place = place_of(tx, arrival.recorded_in).await?;
    // A warning about one dispute or one party is the village's, or the township's or the
    // county's when its window registered the case.
    let Some(local) = place.local() else {
        return Ok(Vec::new());
    };
    let mut found = Vec::new();
    if let Some(people) = w.people_at_least {
        if arrival.facts.people_involved >= people {
            found.push(Raised {
                kind: "people",
                key: format!("people:{}", arrival.case_id),
                scope_unit_id: local.0,
                description: records::warning_people(&local.1, arrival.facts.people_involved),
                cases: vec![arrival.case_id.to_owned()],
            });
        }
    }
    let cluster_scope = match w.cluster_scope {
        ClusterScope::Village => &place.village,
        ClusterScope::Township => &place.township,
    };
    // A case registered above the scope (at the county's window) is in no village's cluster.
    if let (Some(count), Some(days), Some(scope)) = (w.cluster_count, w.cluster_days, cluster_scope)
    {
        let cases = cluster(tx, arrival, scope.0, days).await?;
        if cases.len() >= count as usize {
            let category = category_name(tx, &arrival.facts.category).await?;
            found.push(Raised {
                kind: "cluster",
                key: format!("cluster:{}:{}", scope.0, arrival.facts.category),
                scope_unit_id: scope.0,
                description: records::warning_cluster(&scope.1, days, &category, cases.len()),
                cases,
            });
        }
    }
    if let Some(count) = w.same_party_open {
        for key in &keys {
            let cases = open_cases_of_party(tx, key).await?;
            if cases.len() >= count as usize {
                found.push(Raised {
                    kind: "party",
                    key: format!("party:{key}"),
                    scope_unit_id: local.0,
                    description: records::warning_party(&mask_key(key), cases.len()),
                    cases,
                });
            }
        }
    }
    let mut told = Vec::new();
    for mut raised in found {
        raised.description.push_str(records::warning_joint(w.joint));
        let mut units = vec![arrival.county_id];
        units.extend(place.township.as_ref().map(|t| t.0));
        units.dedup();
        told.extend(raise_or_join(tx, arrival, raised, &units, w.joint).await?);
    }
    Ok(told)
}

/// Each party's phone (digits only) and ID number (upper case): the same person however typed.
fn party_keys(facts: &DisputeFacts) -> Vec<String> {
    let mut keys: Vec<String> = facts
        .parties
        .iter()
        .flat_map(|p| {
            let phone = p.phone.as_deref().map(|ph| {
                let digits: String = ph.chars().filter(char::is_ascii_digit).collect();
                format!(
                    "phone:{}",
                    digits
                        .strip_prefix("86")
                        .filter(|d| d.len() == 11)
                        .unwrap_or(&digits)
                )
            });
            let id = p
                .id_number
                .as_deref()
                .map(|id| format!("id:{}", id.trim().to_uppercase()));
            phone.into_iter().chain(id)
        })
        .filter(|k| k.len() > 4)
        .collect();
    keys.sort();
    keys.dedup();
    keys
}

/// A party key as a warning may show it: masked.
fn mask_key(key: &str) -> String {
    match key.split_once(':') {
        Some(("phone", phone)) => mask_phone(phone),
        Some((_, id)) => mask_id_number(id),
        None => String::new(),
    }
}

/// A unit's id and name.
type Named = (i64, String);

/// Where a case was recorded: the village and the township it lies in (the recording unit
/// itself, or above it) and the recording unit.
struct Place {
    village: Option<Named>,
    township: Option<Named>,
    own: Named,
}

impl Place {
    /// The smallest area a warning about one dispute or one party belongs to.
    fn local(&self) -> Option<&Named> {
        self.village
            .as_ref()
            .or(self.township.as_ref())
            .or(Some(&self.own))
    }
}

/// The recording unit and the village and township at or above it.
async fn place_of(tx: &mut Transaction<'static, Any>, unit_id: i64) -> sqlx::Result<Place> {
    let rows = sqlx::query(&format!(
        "{ANCESTRY_CTE} SELECT u.id, u.name, u.kind FROM up JOIN units u ON u.id = up.id
         ORDER BY up.depth"
    ))
    .bind(unit_id)
    .fetch_all(&mut **tx)
    .await?;
    let mut place = Place {
        village: None,
        township: None,
        own: (unit_id, String::new()),
    };
    for (depth, row) in rows.iter().enumerate() {
        let unit: Named = (row.try_get("id")?, row.try_get("name")?);
        let kind: String = row.try_get("kind")?;
        match UnitKind::from_code(&kind) {
            Some(UnitKind::Village) if place.village.is_none() => {
                place.village = Some(unit.clone())
            }
            Some(UnitKind::Township) if place.township.is_none() => {
                place.township = Some(unit.clone())
            }
            _ => {}
        }
        if depth == 0 {
            place.own = unit;
        }
    }
    Ok(place)
}

/// The cases of the arrival's category recorded in the scope — by its grids or at the window of
/// a unit in it — within `days` (server time).
async fn cluster(
    tx: &mut Transaction<'static, Any>,
    arrival: &Arrival<'_>,
    scope_unit_id: i64,
    days: u32,
) -> sqlx::Result<Vec<String>> {
    // Index `cases_by_category`: the category's cases of the last days, then whether each was
    // recorded in the scope.
    let rows = sqlx::query(&format!(
        "{SUBTREE_CTE} SELECT c.id FROM cases c JOIN sub s ON s.id = c.grid_id
         WHERE c.category = $2 AND c.created_at >= $3 AND c.status <> '{merged}'
         ORDER BY c.created_at, c.id",
        // A duplicate linked into another case is that case's dispute, counted once.
        merged = domain::procedure::CaseStatus::Merged.code()
    ))
    .bind(scope_unit_id)
    .bind(&arrival.facts.category)
    .bind(arrival.now - i64::from(days) * domain::clock::DAY_MS)
    .fetch_all(&mut **tx)
    .await?;
    rows.iter().map(|r| r.try_get("id")).collect()
}

async fn open_cases_of_party(
    tx: &mut Transaction<'static, Any>,
    key: &str,
) -> sqlx::Result<Vec<String>> {
    let open = crate::db::sql_list(open_status_codes());
    let rows = sqlx::query(&format!(
        "SELECT c.id FROM case_parties p JOIN cases c ON c.id = p.case_id
         WHERE p.party_key = $1 AND c.status IN ({open})
         ORDER BY c.created_at, c.id"
    ))
    .bind(key)
    .fetch_all(&mut **tx)
    .await?;
    rows.iter().map(|r| r.try_get("id")).collect()
}

async fn category_name(tx: &mut Transaction<'static, Any>, code: &str) -> sqlx::Result<String> {
    let row = sqlx::query("SELECT name_zh FROM categories WHERE code = $1")
        .bind(code)
        .fetch_optional(&mut **tx)
        .await?;
    Ok(match row {
        Some(row) => row.try_get("name_zh")?,
        None => code.to_owned(),
    })
}

/// Raises the warning and tells the county and the township once — or, when one with its key
/// is open, adds the cases it does not hold yet, telling nobody again. Where the rule file
/// applies joint mediation, the units told join each open flagged case as co-holders.
async fn raise_or_join(
    tx: &mut Transaction<'static, Any>,
    arrival: &Arrival<'_>,
    raised: Raised,
    tell: &[i64],
    joint: WarningJoint,
) -> sqlx::Result<Vec<i64>> {
    let open = sqlx::query("SELECT id FROM warnings WHERE key = $1 AND closed_at IS NULL")
        .bind(&raised.key)
        .fetch_optional(&mut **tx)
        .await?;
    let (id, new, cases) = match open {
        // Joining an open warning: its earlier cases were flagged when they arrived.
        Some(row) => (
            row.try_get::<i64, _>("id")?,
            false,
            vec![arrival.case_id.to_owned()],
        ),
        None => {
            let row = sqlx::query(
                "INSERT INTO warnings (kind, key, scope_unit_id, description, raised_at)
                 VALUES ($1, $2, $3, $4, $5) RETURNING id",
            )
            .bind(raised.kind)
            .bind(&raised.key)
            .bind(raised.scope_unit_id)
            .bind(&raised.description)
            .bind(arrival.now)
            .fetch_one(&mut **tx)
            .await?;
            (row.try_get::<i64, _>("id")?, true, raised.cases.clone())
        }
    };
    for case_id in &cases {
        // A case flagged already (by this warning's earlier arrival) is left as it is.
        let added = sqlx::query(
            "INSERT INTO warning_cases (warning_id, case_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
        )
        .bind(id)
        .bind(case_id)
        .execute(&mut **tx)
        .await?
        .rows_affected();
        if added == 0 {
            continue;
        }
        log(
            tx,
            case_id,
            EventKind::Warned,
            None,
            &raised.description,
            arrival.now,
        )
        .await?;
        if joint == WarningJoint::Apply {
            if let Some(case) = casework::load(tx, case_id).await? {
                if case.status.is_open() {
                    casework::join_by_rule(tx, &case, tell, &raised.description, arrival.now)
                        .await?;
                }
            }
        }
    }
    if !new {
        return Ok(Vec::new());
    }
    let notice = Notice {
        kind: NoticeKind::Warning,
        case_id: arrival.case_id,
        case_number: arrival.number,
        summary: "",
        detail: Some(&raised.description),
        at: arrival.now,
        by: None,
    };
    notify::tell_units(tx, tell, &notice).await
}

/// One event in a flagged case's timeline; the case counts as changed, so devices pull it.
async fn log(
    tx: &mut Transaction<'static, Any>,
    case_id: &str,
    kind: EventKind,
    actor: Option<&SessionUser>,
    text: &str,
    now: i64,
) -> sqlx::Result<()> {
    let payload = serde_json::json!({ "reason": text }).to_string();
    case_log::append(
        tx,
        Event {
            case_id,
            kind,
            actor_id: actor.map(|a| a.id),
            unit_id: actor.map(|a| a.unit_id),
            client_time: None,
            server_time: now,
            rule: Some("early-warning"),
            payload: Some(&payload),
        },
    )
    .await?;
    crate::casework::touch(tx, case_id).await
}

/// The warnings of the reader's area (their unit and every unit below it), open first, newest
/// first; closed ones of the last 30 days follow.
pub async fn list(db: &Db, user: &SessionUser, now: i64) -> sqlx::Result<Vec<WarningView>> {
    let rows = sqlx::query(&format!(
        "{SUBTREE_CTE}
         SELECT w.id, w.kind, w.description, w.raised_at, w.closed_at, w.close_note,
                u.name AS scope_name, p.display_name AS closed_by
         FROM warnings w JOIN sub s ON s.id = w.scope_unit_id JOIN units u ON u.id = w.scope_unit_id
         LEFT JOIN users p ON p.id = w.closed_by
         WHERE w.closed_at IS NULL OR w.closed_at >= $2
         ORDER BY CASE WHEN w.closed_at IS NULL THEN 0 ELSE 1 END, w.raised_at DESC, w.id DESC"
    ))
    .bind(user.unit_id)
    .bind(now - 30 * domain::clock::DAY_MS)
    .fetch_all(&db.pool)
    .await?;
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let id: i64 = row.try_get("id")?;
        let cases = sqlx::query(&format!(
            "SELECT c.id, c.number FROM warning_cases w JOIN cases c ON c.id = w.case_id
             WHERE w.warning_id = $2 AND c.status <> $4 AND {visible}
             ORDER BY c.created_at, c.id",
            visible = case_visible("$3")
        ))
        .bind(user.unit_id)
        .bind(id)
        .bind(user.id)
        // A duplicate linked into another case is that case's dispute.
        .bind(domain::procedure::CaseStatus::Merged.code())
        .fetch_all(&db.pool)
        .await?
        .iter()
        .map(|r| {
            Ok(CaseLink {
                id: r.try_get("id")?,
                number: r.try_get("number")?,
            })
        })
        .collect::<sqlx::Result<Vec<CaseLink>>>()?;
        out.push(WarningView {
            id,
            kind: row.try_get("kind")?,
            description: row.try_get("description")?,
            scope_name: row.try_get("scope_name")?,
            raised_at: row.try_get("raised_at")?,
            closed_at: row.try_get("closed_at")?,
            closed_by: row.try_get("closed_by")?,
            close_note: row.try_get("close_note")?,
            cases,
        });
    }
    Ok(out)
}

/// Closes an open warning of the reader's area with a note; every flagged case's timeline
/// records it. Grid workers do not close warnings.
pub async fn close(
    db: &Db,
    user: &SessionUser,
    id: i64,
    note: &str,
    now: i64,
) -> Result<(), AppError> {
    let note = note.trim();
    if note.is_empty() {
        return Err(AppError::invalid("note", Problem::Required));
    }
    if note.chars().count() > MAX_NOTE_CHARS {
        return Err(AppError::invalid("note", Problem::TooLong));
    }
    if user.role == Role::GridWorker {
        return Err(AppError::Forbidden);
    }
    // It reads before it writes: the writer's turn first (`db::begin_writing`).
    let mut tx = crate::db::begin_writing(&db.pool)
        .await
        .map_err(crate::error::ServerError::from)?;
    close_in(&mut tx, user, id, note, now)
        .await
        .map_err(crate::error::ServerError::from)??;
    tx.commit().await.map_err(crate::error::ServerError::from)?;
    Ok(())
}

async fn close_in(
    tx: &mut Transaction<'static, Any>,
    user: &SessionUser,
    id: i64,
    note: &str,
    now: i64,
) -> sqlx::Result<Result<(), AppError>> {
    let found = sqlx::query(&format!(
        "{SUBTREE_CTE}
         SELECT w.closed_at FROM warnings w JOIN sub s ON s.id = w.scope_unit_id WHERE w.id = $2"
    ))
    .bind(user.unit_id)
    .bind(id)
    .fetch_optional(&mut **tx)
    .await?;
    // Outside the reader's area it is as if it did not exist.
    let Some(row) = found else {
        return Ok(Err(AppError::NotFound));
    };
    if row.try_get::<Option<i64>, _>("closed_at")?.is_some() {
        return Ok(Err(AppError::invalid("id", Problem::UnknownValue)));
    }
    sqlx::query(
        "UPDATE warnings SET closed_at = $1, closed_by = $2, close_note = $3 WHERE id = $4",
    )
    .bind(now)
    .bind(user.id)
    .bind(note)
    .bind(id)
    .execute(&mut **tx)
    .await?;
    let cases = sqlx::query("SELECT case_id FROM warning_cases WHERE warning_id = $1")
        .bind(id)
        .fetch_all(&mut **tx)
        .await?;
    for row in cases {
        let case_id: String = row.try_get("case_id")?;
        log(
            tx,
            &case_id,
            EventKind::WarningClosed,
            Some(user),
            note,
            now,
        )
        .await?;
    }
    Ok(Ok(()))
}
