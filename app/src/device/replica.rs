//! The device's replica of what one person holds: the outbox (every operation recorded on this
//! device, kept until the server has acknowledged it), the cases they may see as last pulled,
//! the pull cursor, the categories, the routing context and the newest notices. Pure data and
//! rules; the browser keeps it in local storage (`storage.rs`), scoped to one user.
//!
//! Rules learnt from field tools (issue 4): nothing leaves the outbox before the server
//! acknowledged it; a rejected operation is set aside with its reason and never blocks the
//! others; the person corrects and resends it (as a new operation) or discards it.

use domain::dispute::{Category, DisputeFacts};
use domain::sync::{CaseSummary, OpBody, OpResult, Operation, Rejection, Settled, MAX_BATCH_OPS};
use serde::{Deserialize, Serialize};

/// Stay well under the server's 1 MiB batch limit, whatever the JSON overhead.
pub const MAX_BATCH_JSON_BYTES: usize = 768 * 1024;
/// The device keeps this many of the most recent cases for reading offline.
pub const MAX_CACHED_CASES: usize = 500;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub op: Operation,
    /// Set when the server refused the operation for good.
    #[serde(default)]
    pub set_aside: Option<Rejection>,
}

/// A case as the phone shows it: a recorded dispute waiting for the server, or a case the
/// server knows (with its number and what became of it).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LocalCase {
    pub case_id: String,
    pub category: String,
    pub summary: String,
    pub recorded_at: i64,
    pub number: Option<String>,
    pub status: String,
    pub holder_name: Option<String>,
    pub change_seq: i64,
    /// Where the phone's copy of the rules says it will go, until the server has routed it.
    #[serde(default)]
    pub expected_holder: Option<String>,
    /// This person's follow-up visit is due (`CaseSummary::visit_due`).
    #[serde(default)]
    pub visit_due: bool,
    /// The unit holding it and who recorded it, as last pulled (absent before the first pull
    /// that carried them).
    #[serde(default)]
    pub holder_unit_id: Option<i64>,
    #[serde(default)]
    pub recorder_id: Option<i64>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Replica {
    pub entries: Vec<Entry>,
    pub cases: Vec<LocalCase>,
    /// The pull cursor: every change up to here is in `cases`.
    pub cursor: i64,
    /// Last time a sync finished without error (Unix ms).
    pub last_sync: Option<i64>,
    /// The deployment's dispute categories as last pulled; empty before the first pull.
    #[serde(default)]
    pub categories: Vec<Category>,
    /// The server's version of `categories`, passed back so it sends them only when they change.
    #[serde(default)]
    pub categories_version: Option<String>,
    /// The rules and this grid's part of the tree as last pulled, for the offline preview.
    #[serde(default)]
    pub routing: Option<domain::rules::RoutingContext>,
    /// The newest notifications pulled, newest first, for reading offline.
    #[serde(default)]
    pub notices: Vec<domain::notices::Notification>,
    /// The weeks (their Mondays) whose sweep report the server has acknowledged, newest last.
    #[serde(default)]
    pub reported_weeks: Vec<domain::clock::Day>,
}

/// Where this device's weekly sweep report for a week stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SweepSent {
    NotYet,
    /// Kept in the outbox, waiting for the server.
    Waiting,
    Reported,
}

/// How many reported weeks a device remembers.
const KEPT_WEEKS: usize = 12;

/// How many notifications a device keeps.
pub const KEPT_NOTICES: usize = 30;

impl Replica {
    /// Takes pulled notifications (newest first): newer ones go on top, the oldest drop off.
    pub fn merge_notices(&mut self, pulled: Vec<domain::notices::Notification>) {
        let mut all = pulled;
        all.extend(std::mem::take(&mut self.notices));
        all.sort_by_key(|n| std::cmp::Reverse(n.id));
        all.dedup_by_key(|n| n.id);
        all.truncate(KEPT_NOTICES);
        self.notices = all;
    }

    /// The id of the newest notification held: the next pull's `notice_cursor`.
    pub fn notice_cursor(&self) -> i64 {
        self.notices.first().map_or(0, |n| n.id)
    }
}

/// How many operations an outbox holds, by state.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub pending: usize,
    pub set_aside: usize,
}

impl Replica {
    /// The cases whose follow-up visit is due and not yet recorded on this device.
    pub fn visits_due(&self) -> Vec<LocalCase> {
        self.cases
            .iter()
            .filter(|c| {
                c.visit_due && !self.has_pending(&c.case_id, domain::procedure::Action::FollowUp)
            })
            .cloned()
            .collect()
    }

    /// Whether this device holds an unanswered (or refused) step of `action` on the case.
    pub fn has_pending(&self, case_id: &str, action: domain::procedure::Action) -> bool {
        self.entries
            .iter()
            .any(|e| e.op.case_id == case_id && e.op.body.action() == Some(action))
    }

    /// Keeps a newly recorded dispute; it is shown at once as "waiting to sync".
    pub fn record(&mut self, op: Operation) {
        // A new dispute shows at once among the phone's cases; an action on a case shows on
        // the case itself.
        if let Some(facts) = op.body.new_case_facts() {
            let mut case = local_case(&op.case_id, facts, op.client_time);
            let recorded = matches!(op.body, OpBody::RecordDispute(_));
            case.expected_holder = self.routing.as_ref().filter(|_| recorded).and_then(|r| {
                let day = domain::clock::Day::of_unix_ms(op.client_time);
                domain::rules::decide(facts, &r.tree, &r.rules, day)
                    .ok()
                    .map(|d| d.holder.name)
            });
            self.cases.insert(0, case);
        }
        self.entries.push(Entry {
            op,
            set_aside: None,
        });
    }

    pub fn counts(&self) -> Counts {
        let set_aside = self
            .entries
            .iter()
            .filter(|e| e.set_aside.is_some())
            .count();
        Counts {
            pending: self.entries.len() - set_aside,
            set_aside,
        }
    }

    /// The next operations to push, oldest first, bounded in count and size. A single
    /// operation larger than the bound still goes alone, so the server can refuse it with a
    /// reason rather than the device holding it forever.
    pub fn next_batch(&self) -> Vec<Operation> {
        let mut batch = Vec::new();
        let mut bytes = 0;
        for entry in self.entries.iter().filter(|e| e.set_aside.is_none()) {
            let size = serde_json::to_vec(&entry.op).map(|v| v.len()).unwrap_or(0);
            if batch.len() == MAX_BATCH_OPS
                || (!batch.is_empty() && bytes + size > MAX_BATCH_JSON_BYTES)
            {
                break;
            }
            bytes += size;
            batch.push(entry.op.clone());
        }
        batch
    }

    /// Takes the server's answers: acknowledged operations leave the outbox, refused ones are
    /// set aside with their reason. Operations the answer does not mention stay as they are.
    pub fn settle(&mut self, results: &[OpResult]) {
        for result in results {
            let Some(id) = &result.id else { continue };
            let Some(index) = self.entries.iter().position(|e| &e.op.id == id) else {
                continue;
            };
            match result.outcome.settled() {
                Settled::Applied { case_number } => {
                    let entry = self.entries.remove(index);
                    if let OpBody::WeeklySweep(report) = &entry.op.body {
                        self.reported_weeks.retain(|w| *w != report.week);
                        self.reported_weeks.push(report.week);
                        let extra = self.reported_weeks.len().saturating_sub(KEPT_WEEKS);
                        self.reported_weeks.drain(..extra);
                    }
                    if let Some(case) = self
                        .cases
                        .iter_mut()
                        .find(|c| c.case_id == entry.op.case_id)
                    {
                        case.number = Some(case_number);
                    }
                }
                Settled::Rejected { reason } => self.entries[index].set_aside = Some(reason),
            }
        }
    }

    /// Merges pulled cases (newer state wins) and moves the cursor.
    pub fn merge_pulled(&mut self, pulled: Vec<CaseSummary>, next_cursor: i64) {
        for summary in pulled {
            let case = LocalCase {
                case_id: summary.id,
                category: summary.category,
                summary: summary.summary,
                recorded_at: summary.recorded_at,
                number: Some(summary.number),
                status: summary.status,
                holder_name: Some(summary.holder_name),
                change_seq: summary.change_seq,
                expected_holder: None,
                visit_due: summary.visit_due,
                holder_unit_id: Some(summary.holder_unit_id),
                recorder_id: Some(summary.recorder_id),
            };
            match self.cases.iter_mut().find(|c| c.case_id == case.case_id) {
                Some(existing) if existing.change_seq <= case.change_seq => *existing = case,
                Some(_) => {}
                None => self.cases.push(case),
            }
        }
        self.cases.sort_by_key(|c| std::cmp::Reverse(c.recorded_at));
        self.trim_cache();
        self.cursor = self.cursor.max(next_cursor);
    }

    /// Drops the oldest synced cases beyond the cache size; unsynced ones are always kept.
    fn trim_cache(&mut self) {
        let mut kept = 0;
        let waiting: Vec<String> = self.entries.iter().map(|e| e.op.case_id.clone()).collect();
        self.cases.retain(|c| {
            if waiting.contains(&c.case_id) {
                return true;
            }
            kept += 1;
            kept <= MAX_CACHED_CASES
        });
    }

    /// Removes a set-aside operation for good (the person chose to discard it), with the
    /// unsynced case it would have created.
    pub fn discard(&mut self, op_id: &str) -> Option<Entry> {
        let index = self
            .entries
            .iter()
            .position(|e| e.op.id == op_id && e.set_aside.is_some())?;
        let entry = self.entries.remove(index);
        self.cases
            .retain(|c| c.case_id != entry.op.case_id || c.number.is_some());
        Some(entry)
    }

    /// Replaces a set-aside operation with its corrected version, a new operation with a new id
    /// (the server remembers the old id's refusal).
    pub fn resend_corrected(&mut self, old_op_id: &str, corrected: Operation) -> bool {
        if self.discard(old_op_id).is_none() {
            return false;
        }
        self.record(corrected);
        true
    }

    /// The cases whose details the device should keep, most needed first, each with its
    /// latest change: the open cases the person's unit holds (to work them offline), then the
    /// cases the person recorded, then the rest, newest first. Only cases the server knows.
    pub fn wanted_details(&self, user_id: i64, unit_id: i64) -> Vec<(&str, i64)> {
        let rank = |c: &LocalCase| {
            let open = domain::procedure::CaseStatus::from_code(&c.status)
                .is_some_and(|s| s.is_open() || s == domain::procedure::CaseStatus::Agreed);
            if open && c.holder_unit_id == Some(unit_id) {
                0
            } else if c.recorder_id == Some(user_id) {
                1
            } else {
                2
            }
        };
        let mut known: Vec<&LocalCase> = self.cases.iter().filter(|c| c.number.is_some()).collect();
        // Stable: within a rank the replica's order (newest recorded first) stands.
        known.sort_by_key(|c| rank(c));
        known
            .into_iter()
            .map(|c| (c.case_id.as_str(), c.change_seq))
            .collect()
    }

    /// Where this device's sweep report for `week` (its Monday) stands.
    pub fn sweep_sent(&self, week: domain::clock::Day) -> SweepSent {
        let waiting = self.entries.iter().any(|e| {
            e.set_aside.is_none() && matches!(&e.op.body, OpBody::WeeklySweep(r) if r.week == week)
        });
        if waiting {
            SweepSent::Waiting
        } else if self.reported_weeks.contains(&week) {
            SweepSent::Reported
        } else {
            SweepSent::NotYet
        }
    }

    /// The steps this device took on a case that wait for the server, oldest first.
    pub fn waiting_steps(&self, case_id: &str) -> Vec<&Entry> {
        self.entries
            .iter()
            .filter(|e| e.op.case_id == case_id && e.set_aside.is_none())
            .filter(|e| e.op.body.action().is_some())
            .collect()
    }

    pub fn entry(&self, op_id: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.op.id == op_id)
    }
}

fn local_case(case_id: &str, facts: &DisputeFacts, recorded_at: i64) -> LocalCase {
    LocalCase {
        case_id: case_id.to_owned(),
        category: facts.category.clone(),
        summary: facts.summary.clone(),
        recorded_at,
        number: None,
        status: if facts.resolved_on_spot.is_some() {
            "resolved_on_spot"
        } else {
            "recorded"
        }
        .into(),
        holder_name: None,
        change_seq: 0,
        expected_holder: None,
        visit_due: false,
        holder_unit_id: None,
        recorder_id: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::dispute::{Party, PartyRole};
    use domain::sync::OpOutcome;

    fn op(n: u32) -> Operation {
        Operation {
            id: format!("op-{n}"),
            case_id: format!("case-{n}"),
            client_time: i64::from(n),
            body: OpBody::RecordDispute(DisputeFacts {
                category: "neighbourhood".into(),
                summary: format!("纠纷{n}"),
                parties: vec![Party {
                    name: "甲".into(),
                    role: PartyRole::Applicant,
                    kind: Default::default(),
                    phone: None,
                    id_number: None,
                }],
                amount_fen: None,
                people_involved: 2,
                location: "村口".into(),
                gps: None,
                facts_clear: false,
                sensitive: false,
                petition_risk: false,
                resolved_on_spot: None,
                consent_to_transfer: false,
                source: domain::dispute::Source::GridPatrol,
            }),
        }
    }

    fn applied(n: u32) -> OpResult {
        OpResult {
            id: Some(format!("op-{n}")),
            outcome: OpOutcome::Applied {
                case_number: format!("N-{n}"),
            },
        }
    }

    #[test]
    fn only_acknowledged_operations_leave_and_their_cases_get_numbers() {
        let mut outbox = Replica::default();
        for n in 0..3 {
            outbox.record(op(n));
        }
        let duplicate = OpResult {
            id: Some("op-2".into()),
            outcome: OpOutcome::Duplicate {
                original: applied(2).outcome.settled(),
            },
        };
        outbox.settle(&[applied(0), duplicate]);
        assert_eq!(
            outbox.counts(),
            Counts {
                pending: 1,
                set_aside: 0
            }
        );
        assert_eq!(outbox.entries[0].op.id, "op-1");
        let number = |id: &str| {
            outbox
                .cases
                .iter()
                .find(|c| c.case_id == id)
                .unwrap()
                .number
                .clone()
        };
        assert_eq!(number("case-0").as_deref(), Some("N-0"));
        assert_eq!(number("case-1"), None);
        assert_eq!(number("case-2").as_deref(), Some("N-2"));
    }

    #[test]
    fn a_rejection_is_set_aside_and_the_rest_still_go() {
        let mut outbox = Replica::default();
        outbox.record(op(0));
        outbox.record(op(1));
        outbox.settle(&[OpResult {
            id: Some("op-0".into()),
            outcome: OpOutcome::Rejected {
                reason: Rejection::NotAllowed,
            },
        }]);
        assert_eq!(
            outbox.counts(),
            Counts {
                pending: 1,
                set_aside: 1
            }
        );
        let next: Vec<String> = outbox.next_batch().into_iter().map(|o| o.id).collect();
        assert_eq!(next, vec!["op-1"]);
        assert!(
            outbox.discard("op-1").is_none(),
            "only set-aside operations can be discarded"
        );
        assert!(outbox.resend_corrected("op-0", op(7)));
        assert_eq!(
            outbox.counts(),
            Counts {
                pending: 2,
                set_aside: 0
            }
        );
        assert!(outbox.cases.iter().all(|c| c.case_id != "case-0"));
    }

    #[test]
    fn batches_are_bounded_in_count() {
        let mut outbox = Replica::default();
        for n in 0..450 {
            outbox.record(op(n));
        }
        assert_eq!(outbox.next_batch().len(), MAX_BATCH_OPS);
    }

    #[test]
    fn a_due_visit_is_listed_until_the_visit_waits_in_the_outbox() {
        let mut outbox = Replica::default();
        let agreed = CaseSummary {
            id: "case-7".into(),
            number: "N-7".into(),
            category: "neighbourhood".into(),
            summary: "楼道杂物".into(),
            status: "agreed".into(),
            holder_unit_id: 5,
            holder_name: "樟树潭社区".into(),
            recorder_id: 1,
            recorded_at: 0,
            change_seq: 4,
            visit_due: true,
        };
        outbox.merge_pulled(vec![agreed], 4);
        assert_eq!(outbox.visits_due().len(), 1);
        outbox.record(Operation {
            id: "visit-1".into(),
            case_id: "case-7".into(),
            client_time: 5,
            body: OpBody::FollowUp(domain::procedure::FollowUpVisit {
                performance: domain::procedure::Performance::Full,
                satisfaction: domain::procedure::Satisfaction::Satisfied,
                notes: "已履行".into(),
            }),
        });
        assert!(
            outbox.visits_due().is_empty(),
            "recorded offline: no longer due here"
        );
        assert_eq!(outbox.counts().pending, 1);
    }

    #[test]
    fn pulled_state_replaces_older_local_state_and_moves_the_cursor() {
        let mut outbox = Replica::default();
        outbox.record(op(0));
        outbox.settle(&[applied(0)]);
        let pulled = CaseSummary {
            id: "case-0".into(),
            number: "N-0".into(),
            category: "neighbourhood".into(),
            summary: "纠纷0".into(),
            status: "resolved".into(),
            holder_unit_id: 5,
            holder_name: "樟树潭社区".into(),
            recorder_id: 1,
            recorded_at: 0,
            change_seq: 9,
            visit_due: false,
        };
        outbox.merge_pulled(vec![pulled], 9);
        assert_eq!(outbox.cases.len(), 1);
        assert_eq!(outbox.cases[0].status, "resolved");
        assert_eq!(outbox.cursor, 9);
        outbox.merge_pulled(vec![], 3);
        assert_eq!(outbox.cursor, 9, "a cursor never moves back");
    }

    #[test]
    fn the_units_open_cases_come_first_among_the_details_to_keep() {
        let summary = |id: &str, status: &str, holder: i64, recorder: i64, at: i64| CaseSummary {
            id: id.into(),
            number: format!("N-{id}"),
            category: "neighbourhood".into(),
            summary: "纠纷".into(),
            status: status.into(),
            holder_unit_id: holder,
            holder_name: "单位".into(),
            recorder_id: recorder,
            recorded_at: at,
            change_seq: at,
            visit_due: false,
        };
        let mut replica = Replica::default();
        replica.merge_pulled(
            vec![
                summary("other", "accepted", 9, 2, 5),
                summary("mine", "resolved", 9, 1, 4),
                summary("held-old", "routed", 5, 2, 1),
                summary("held-done", "closed", 5, 2, 6),
                summary("held-new", "accepted", 5, 2, 3),
            ],
            6,
        );
        replica.record(op(1));
        let order: Vec<&str> = replica
            .wanted_details(1, 5)
            .into_iter()
            .map(|(id, _)| id)
            .collect();
        assert_eq!(
            order,
            vec!["held-new", "held-old", "mine", "held-done", "other"],
            "an unsynced record has no details on the server yet"
        );
    }

    #[test]
    fn a_sweep_report_waits_then_counts_as_reported_for_its_week() {
        use domain::clock::Day;
        let week = Day::parse("2026-11-30").unwrap();
        let mut replica = Replica::default();
        assert_eq!(replica.sweep_sent(week), SweepSent::NotYet);
        replica.record(Operation {
            id: "sweep-1".into(),
            case_id: "report-1".into(),
            client_time: 1,
            body: OpBody::WeeklySweep(domain::weekly_sweep::SweepReport {
                week,
                found: Vec::new(),
                note: "本周无纠纷".into(),
            }),
        });
        assert_eq!(replica.sweep_sent(week), SweepSent::Waiting);
        assert!(replica.cases.is_empty(), "a report is no case");
        replica.settle(&[OpResult {
            id: Some("sweep-1".into()),
            outcome: OpOutcome::Applied {
                case_number: week.to_string(),
            },
        }]);
        assert_eq!(replica.sweep_sent(week), SweepSent::Reported);
        assert_eq!(replica.sweep_sent(week.plus(7)), SweepSent::NotYet);
    }

    #[test]
    fn pulled_notifications_keep_the_newest_without_repeats() {
        let notice = |id: i64| domain::notices::Notification {
            id,
            kind: domain::notices::NoticeKind::Routed,
            case_id: None,
            case_number: None,
            summary: None,
            detail: None,
            unit_name: Some("樟潭街道".into()),
            created_at: id,
            read: false,
            restricted: false,
        };
        let mut outbox = Replica::default();
        assert_eq!(outbox.notice_cursor(), 0);
        outbox.merge_notices(vec![notice(3), notice(2), notice(1)]);
        outbox.merge_notices(vec![notice(4), notice(3)]);
        let ids: Vec<i64> = outbox.notices.iter().map(|n| n.id).collect();
        assert_eq!(ids, vec![4, 3, 2, 1]);
        assert_eq!(outbox.notice_cursor(), 4);
        outbox.merge_notices((5..50).rev().map(notice).collect());
        assert_eq!(outbox.notices.len(), KEPT_NOTICES);
        assert_eq!(outbox.notice_cursor(), 49);
    }
}
