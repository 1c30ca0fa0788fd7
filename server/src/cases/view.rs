//! Reading one case for its page: visibility first (`crate::cases::visibility`), then the facts with
//! personal data masked, the holders, the rules that routed it, and its timeline.

use crate::cases::record::{Register, Stage, STAGE_COLUMNS};
use crate::cases::visibility::case_visible;
use crate::db::Db;
use app::api::cases::{CaseMediator, CaseView, Choices, EventFact, TimelineEntry, UnitChoice};
use domain::backlog::{BacklogView, Month};
use domain::clock::Day;
use domain::dispute::{mask_parties, DisputeFacts};
use domain::events::EventKind;
use domain::jurisdiction::UnitKind;
use domain::procedure::{self, Action, CaseStatus, Standing};
use domain::rules::model::ClosingRules;

use domain::session::SessionUser;
use sqlx::Row;

/// The case if `user` may see it. `closing` says how long a closed case may be reopened.
pub async fn load(
    db: &Db,
    user: &SessionUser,
    case_id: &str,
    closing: &ClosingRules,
) -> anyhow::Result<Option<CaseView>> {
    let visible = case_visible("$3");
    let Some(row) = sqlx::query(&format!(
        "SELECT c.id, c.number, c.status, c.facts, c.recorder_id, c.recorded_at, c.holder_unit_id,
                c.channel, c.deadline_at, c.rights_noticed_at, c.agreement, c.grid_id, c.sensitive,
                c.device_clock_skew_ms, {STAGE_COLUMNS},
                h.name AS holder_name, g.name AS grid_name, g.kind AS origin_kind
         FROM cases c JOIN units h ON h.id = c.holder_unit_id JOIN units g ON g.id = c.grid_id
         WHERE c.id = $2 AND {visible}"
    ))
    .bind(user.unit_id)
    .bind(case_id)
    .bind(user.id)
    .fetch_optional(&db.pool)
    .await?
    else {
        return Ok(None);
    };
    let mut facts: DisputeFacts = serde_json::from_str(&row.try_get::<String, _>("facts")?)?;
    let recorder: i64 = row.try_get("recorder_id")?;
    let holder_id: i64 = row.try_get("holder_unit_id")?;
    let status: String = row.try_get("status")?;
    let holders = sqlx::query(
        "SELECT u.id, u.name, h.lead, h.acknowledged_at FROM case_holders h JOIN units u ON u.id = h.unit_id
         WHERE h.case_id = $1 ORDER BY u.id",
    )
    .bind(case_id)
    .fetch_all(&db.pool)
    .await?;
    let mut co_holders = Vec::new();
    let mut reader_co_holds = None;
    for h in &holders {
        if h.try_get::<i64, _>("lead")? == 0 {
            co_holders.push(h.try_get::<String, _>("name")?);
            if h.try_get::<i64, _>("id")? == user.unit_id {
                reader_co_holds = Some(h.try_get::<Option<i64>, _>("acknowledged_at")?.is_some());
            }
        }
    }
    // Whole to the recorder and to the units mediating it, who must call the parties.
    let personal_data_whole =
        recorder == user.id || user.unit_id == holder_id || reader_co_holds.is_some();
    if !personal_data_whole {
        mask_parties(&mut facts);
    }
    account_for_read(
        db,
        user,
        case_id,
        row.try_get::<i64, _>("sensitive")? == 1,
        personal_data_whole && has_personal_data(&facts),
    )
    .await?;
    let timeline = timeline(db, user, case_id).await?;
    // Why the case is where it is: the rule that routed it, while that is how it came to its
    // holder (after an escalation, a transfer or a hand-down the timeline says why).
    let routed = timeline
        .iter()
        .rev()
        .find(|e| domain::events::ARRIVALS.contains(&e.kind))
        .filter(|e| e.kind == EventKind::Routed);
    let routed_by = routed.and_then(|e| e.detail.clone()).into_iter().collect();
    let kept_at_window = routed.is_some() && kept_at_window(db, case_id).await?;
    let agreement: Option<String> = row.try_get("agreement")?;
    let agreement: Option<procedure::Agreement> =
        agreement.and_then(|a| serde_json::from_str(&a).ok());
    let stage = Stage::from_row(&row)?;
    let now = app::clock::now_ms();
    let progress = stage.progress(reader_co_holds.unwrap_or(false), closing, now);
    let standing = Standing {
        lead: user.unit_id == holder_id,
        co_holder: reader_co_holds.is_some(),
        visitor: Standing::visits(
            row.try_get::<String, _>("origin_kind")? == UnitKind::Court.code(),
            user.unit_id == holder_id,
            recorder == user.id,
        ),
        supervisor: supervises(db, user, holder_id).await?,
        above: crate::people::directory::office_above(&db.pool, user.id, holder_id).await?,
    };
    let case_status = CaseStatus::from_code(&status);
    let mut may = case_status
        .map(|s| procedure::allowed(s, progress, standing))
        .unwrap_or_default();
    if may.contains(&Action::Escalate) && !has_tier_above(db, holder_id).await? {
        may.retain(|a| *a != Action::Escalate);
    }
    let mut choices = if standing.lead && !may.is_empty() {
        choices(db, holder_id).await?
    } else {
        Choices::default()
    };
    if may.contains(&Action::HandDown) {
        choices.below = below(db, user.unit_id, holder_id).await?;
        // A village's committee has no mediation unit below it to hand a case to.
        if choices.below.is_empty() {
            may.retain(|a| *a != Action::HandDown);
        }
    }
    Ok(Some(CaseView {
        id: row.try_get("id")?,
        number: row.try_get("number")?,
        facts,
        recorded_at: row.try_get("recorded_at")?,
        grid_name: row.try_get("grid_name")?,
        holder_id,
        holder_name: row.try_get("holder_name")?,
        co_holders,
        channel: row.try_get("channel")?,
        deadline: row
            .try_get::<Option<i64>, _>("deadline_at")?
            .map(|ms| Day::of_unix_ms(ms).to_string()),
        acknowledged: stage.acknowledged,
        routed_by,
        kept_at_window,
        timeline,
        may,
        rights_noticed: row
            .try_get::<Option<i64>, _>("rights_noticed_at")?
            .is_some(),
        mediators: mediators(db, case_id).await?,
        agreement,
        confirmation: stage.confirmation.clone(),
        backlog: backlog_view(&row, &stage.backlog, now)?,
        choices,
        merged_into: crate::cases::duplicates::merged_into(db, case_id).await?,
        duplicates: match case_status {
            Some(s) => {
                crate::cases::duplicates::candidates(db, user, case_id, holder_id, s).await?
            }
            None => Vec::new(),
        },
        status,
        progress,
        standing,
        personal_data_whole,
        device_clock_skew_hours: clock_skew_hours(row.try_get("device_clock_skew_ms")?),
    }))
}

fn has_personal_data(facts: &DisputeFacts) -> bool {
    facts
        .parties
        .iter()
        .any(|p| p.phone.is_some() || p.id_number.is_some())
}

/// Writes the audit lines this page's read calls for (docs/security.md "The audit log"): a
/// sensitive case's facts, parties' numbers shown whole. Unwritten, the page is not shown.
async fn account_for_read(
    db: &Db,
    user: &SessionUser,
    case_id: &str,
    sensitive: bool,
    personal_data: bool,
) -> sqlx::Result<()> {
    use crate::audit::{write, Entry};
    use domain::audit::{AuditAction, ReadVia};
    let now = crate::db::now_ms();
    let reads = [
        (sensitive, AuditAction::SensitiveCaseRead),
        (personal_data, AuditAction::PersonalDataRead),
    ];
    for (_, action) in reads.into_iter().filter(|(read, _)| *read) {
        let entry = Entry::read(action, user.id, case_id, ReadVia::CasePage);
        write(&db.pool, &entry, now).await?;
    }
    Ok(())
}

async fn mediators(db: &Db, case_id: &str) -> anyhow::Result<Vec<CaseMediator>> {
    let rows = sqlx::query(
        "SELECT m.name, m.level, u.name AS unit_name, cm.invited FROM case_mediators cm
         JOIN mediators m ON m.id = cm.mediator_id JOIN units u ON u.id = m.unit_id
         WHERE cm.case_id = $1 ORDER BY cm.since, m.id",
    )
    .bind(case_id)
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(|r| {
            let level: String = r.try_get("level")?;
            Ok(CaseMediator {
                name: r.try_get("name")?,
                level: domain::mediators::Level::from_code(&level)
                    .unwrap_or(domain::mediators::Level::Junior),
                unit_name: r.try_get("unit_name")?,
                invited: r.try_get::<i64, _>("invited")? == 1,
            })
        })
        .collect()
}

/// Whether the reader keeps the backlog register for the holder: a supervisor of the holder's
/// unit or of one above it.
async fn supervises(db: &Db, user: &SessionUser, holder_id: i64) -> anyhow::Result<bool> {
    if !user.opens(domain::session::Desk::BacklogRegister) {
        return Ok(false);
    }
    Ok(user.unit_id == holder_id
        || crate::people::directory::ancestors(db, holder_id)
            .await?
            .iter()
            .any(|u| u.id == user.unit_id))
}

/// The register's entry as the page shows it; `None` while the case was never listed.
pub fn backlog_view(
    row: &sqlx::any::AnyRow,
    register: &Register,
    now: i64,
) -> sqlx::Result<Option<BacklogView>> {
    let Some(listed_at) = row.try_get::<Option<i64>, _>("backlog_listed_at")? else {
        return Ok(None);
    };
    Ok(Some(BacklogView {
        listed_at,
        leader: row.try_get("backlog_leader")?,
        last_evaluated: register.evaluated,
        evaluated_this_month: register.evaluated == Some(Month::of_unix_ms(now)),
        cleared_at: row.try_get("backlog_cleared_at")?,
    }))
}

/// The recording device's clock error in whole hours, when it is an hour or more.
fn clock_skew_hours(skew_ms: Option<i64>) -> Option<i64> {
    const HOUR_MS: i64 = 3_600_000;
    skew_ms
        .filter(|ms| ms.abs() >= HOUR_MS)
        .map(|ms| (ms as f64 / HOUR_MS as f64).round() as i64)
}

/// Whether the holder's ladder goes on above it. At the top (the city) there is no one to
/// escalate to, so the page does not offer it; the mediation ends there (调解终结) instead.
async fn has_tier_above(db: &Db, holder_id: i64) -> anyhow::Result<bool> {
    let tree = crate::people::directory::routing_tree(&db.pool, holder_id).await?;
    Ok(domain::rules::engine::escalation_target(&tree, holder_id).is_some())
}

/// What the lead's forms offer: its pool, other units' mediators, and the mediation
/// organisations of its county (or of the whole tree above a county) to hand the case to.
async fn choices(db: &Db, holder_id: i64) -> anyhow::Result<Choices> {
    let pool = crate::people::mediator_pool::pool_of(&db.pool, holder_id).await?;
    let invitable = crate::people::mediator_pool::invitable(&db.pool, holder_id).await?;
    let root = crate::people::directory::handoff_root(&db.pool, holder_id)
        .await?
        .unwrap_or(holder_id);
    let units = crate::people::directory::subtree(db, root)
        .await?
        .into_iter()
        .filter(|(u, _)| u.kind.mediates() && u.id != holder_id)
        .map(|(u, _)| UnitChoice {
            id: u.id,
            name: u.name,
        })
        .collect();
    Ok(Choices {
        pool,
        invitable,
        units,
        below: Vec::new(),
    })
}

/// The mediation organisations below the reader's unit a case may be handed down to (交办):
/// not the holder, which has it already.
async fn below(db: &Db, reader_unit: i64, holder_id: i64) -> anyhow::Result<Vec<UnitChoice>> {
    Ok(crate::people::directory::subtree(db, reader_unit)
        .await?
        .into_iter()
        .filter(|(u, depth)| *depth > 0 && u.kind.mediates() && u.id != holder_id)
        .map(|(u, _)| UnitChoice {
            id: u.id,
            name: u.name,
        })
        .collect())
}

/// Whether the rules' routing kept the case at the window that registered it, below the rung
/// its rule names (the routing event's payload says).
async fn kept_at_window(db: &Db, case_id: &str) -> anyhow::Result<bool> {
    let payload: Option<Option<String>> = sqlx::query_scalar(
        "SELECT payload FROM case_events WHERE case_id = $1 AND kind = $2 ORDER BY id DESC LIMIT 1",
    )
    .bind(case_id)
    .bind(EventKind::Routed.code())
    .fetch_optional(&db.pool)
    .await?;
    Ok(payload
        .flatten()
        .and_then(|p| serde_json::from_str::<serde_json::Value>(&p).ok())
        .and_then(|p| p.get("kept_at_window").and_then(|k| k.as_bool()))
        .unwrap_or(false))
}

async fn timeline(
    db: &Db,
    reader: &SessionUser,
    case_id: &str,
) -> anyhow::Result<Vec<TimelineEntry>> {
    let rows = sqlx::query(
        "SELECT e.kind, e.server_time, e.rule, e.payload, p.display_name AS actor, u.name AS unit
         FROM case_events e
         LEFT JOIN users p ON p.id = e.actor_id
         LEFT JOIN units u ON u.id = e.unit_id
         WHERE e.case_id = $1 ORDER BY e.id",
    )
    .bind(case_id)
    .fetch_all(&db.pool)
    .await?;
    let mut entries = rows
        .iter()
        .map(|r| {
            let payload: Option<String> = r.try_get("payload")?;
            let payload: serde_json::Value = payload
                .and_then(|p| serde_json::from_str(&p).ok())
                .unwrap_or_default();
            // The words a person reads: a reason, a result or notice, or the rule's name.
            let detail = [
                "reason",
                "instructions",
                "notice",
                "text",
                "result",
                "terms",
            ]
            .iter()
            .find_map(|k| payload.get(k).and_then(|v| v.as_str()).map(str::to_owned))
            .or_else(|| {
                payload
                    .get("fired")
                    .and_then(|f| f.as_array())
                    .and_then(|f| f.last())
                    .and_then(|f| f.get("name"))
                    .and_then(|n| n.as_str())
                    .map(str::to_owned)
            });
            let kind = EventKind::from_code(r.try_get("kind")?);
            let actor: Option<String> = r.try_get("actor")?;
            // Beside the person, the unit they acted for. A hand-over's event is filed under the
            // unit that received the case (where it arrived); its payload names the office that
            // acted (`by_name`) or the holder it left (`from_name`).
            let acting_unit = ["by_name", "from_name"]
                .iter()
                .find_map(|k| payload.get(k).and_then(|v| v.as_str()))
                .filter(|_| actor.is_some())
                .map(str::to_owned);
            Ok(TimelineEntry {
                facts: facts_of(kind, &payload),
                kind,
                at: r.try_get("server_time")?,
                actor,
                unit: acting_unit.or(r.try_get("unit")?),
                rule: r.try_get("rule")?,
                detail,
            })
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    // A duplicate decision names the other case only to a reader who may open it.
    for fact in entries.iter_mut().flat_map(|e| e.facts.iter_mut()) {
        if let EventFact::Case(link) = fact {
            if !crate::cases::visibility::can_see(db, reader, &link.id).await? {
                *fact = EventFact::UnseenCase;
            }
        }
    }
    Ok(entries)
}

/// The particulars of an event's payload the timeline shows, by kind.
fn facts_of(kind: EventKind, payload: &serde_json::Value) -> Vec<EventFact> {
    let text = |key: &str| payload.get(key).and_then(|v| v.as_str()).map(str::to_owned);
    let names = |key: &str| -> Vec<String> {
        payload
            .get(key)
            .and_then(|v| serde_json::from_value(v.clone()).ok())
            .unwrap_or_default()
    };
    let value = |key: &str| payload.get(key).cloned().unwrap_or_default();
    let mut facts = Vec::new();
    match kind {
        EventKind::RightsNoticed => {
            facts.extend(
                serde_json::from_value(value("method"))
                    .ok()
                    .map(EventFact::Method),
            );
            facts.push(EventFact::Parties(names("parties")));
        }
        EventKind::MediatorAssigned | EventKind::MediatorInvited => {
            if let (Some(name), Ok(level)) = (text("name"), serde_json::from_value(value("level")))
            {
                facts.push(EventFact::Mediator { name, level });
            }
        }
        EventKind::SessionHeld | EventKind::SessionFailed => {
            facts.extend(text("held_on").map(EventFact::HeldOn));
            facts.extend(
                text("place")
                    .filter(|p| !p.is_empty())
                    .map(EventFact::Place),
            );
            let people = names("participants");
            if !people.is_empty() {
                facts.push(EventFact::Participants(people));
            }
        }
        EventKind::AgreementReached => {
            facts.extend(
                payload
                    .get("amount_fen")
                    .and_then(|v| v.as_i64())
                    .map(EventFact::AmountFen),
            );
            facts.extend(text("signed_on").map(EventFact::SignedOn));
            facts.extend(text("perform_by").map(EventFact::PerformBy));
            facts.extend(text("confirmation_last_day").map(EventFact::LastDay));
        }
        EventKind::ConfirmationApplied => {
            facts.extend(text("court").map(EventFact::Court));
            facts.extend(text("last_day").map(EventFact::LastDay));
        }
        EventKind::ConfirmationDecided => {
            facts.extend(
                payload
                    .get("confirmed")
                    .and_then(|v| v.as_bool())
                    .map(EventFact::Confirmed),
            );
            facts.extend(text("ruling").map(EventFact::Ruling));
        }
        EventKind::FollowedUp => {
            facts.extend(
                serde_json::from_value(value("performance"))
                    .ok()
                    .map(EventFact::Performance),
            );
            facts.extend(
                serde_json::from_value(value("satisfaction"))
                    .ok()
                    .map(EventFact::Satisfaction),
            );
        }
        EventKind::Routed
            if payload.get("kept_at_window").and_then(|k| k.as_bool()) == Some(true) =>
        {
            facts.push(EventFact::KeptAtWindow);
        }
        EventKind::Escalated | EventKind::Transferred | EventKind::Entrusted => {
            facts.extend(text("from_name").map(EventFact::From));
            facts.extend(text("to_name").map(EventFact::To));
        }
        EventKind::HandedDown => {
            facts.extend(text("to_name").map(EventFact::To));
            facts.extend(text("deadline").map(EventFact::FinishBy));
        }
        EventKind::SupervisionIssued => {
            facts.extend(text("respond_by").map(EventFact::AnswerBy));
        }
        EventKind::BacklogEvaluated => {
            if let (Some(month), Ok(outlook)) =
                (text("month"), serde_json::from_value(value("outlook")))
            {
                facts.push(EventFact::Evaluated { month, outlook });
            }
        }
        EventKind::DuplicateAbsorbed | EventKind::MergedInto | EventKind::MarkedDistinct => {
            if let (Some(id), Some(number)) = (text("case_id"), text("number")) {
                facts.push(EventFact::Case(app::api::cases::CaseLink { id, number }));
            }
        }
        EventKind::BacklogCleared => {
            facts.extend(
                serde_json::from_value(value("ground"))
                    .ok()
                    .map(EventFact::Ground),
            );
        }
        _ => {}
    }
    facts
}
