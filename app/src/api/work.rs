//! 办案: the cases a unit holds, most urgent first — overdue, then not yet acknowledged, then by
//! deadline — filtered by stage, category and deadline.

use serde::{Deserialize, Serialize};

/// Which stage of the procedure to list.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// Everything still in the unit's hands: received, accepted, agreed.
    #[default]
    All,
    /// Routed or escalated here, not yet accepted.
    Received,
    Accepted,
    /// Agreement reached: confirmation and the follow-up visit pending.
    Agreed,
}

/// Which deadlines to list.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Due {
    #[default]
    Any,
    /// Past the deadline.
    Overdue,
    /// The deadline falls within the next `DUE_SOON_DAYS` days.
    Soon,
}

pub const DUE_SOON_DAYS: i64 = 3;
/// The most rows one list shows.
pub const WORK_LIST_LIMIT: i64 = 200;

impl Stage {
    pub const ALL: [Stage; 4] = [Stage::All, Stage::Received, Stage::Accepted, Stage::Agreed];
    pub fn code(self) -> &'static str {
        match self {
            Stage::All => "all",
            Stage::Received => "received",
            Stage::Accepted => "accepted",
            Stage::Agreed => "agreed",
        }
    }
    /// Unknown or absent codes list everything (a stale bookmark still opens the page).
    pub fn from_code(code: &str) -> Stage {
        Stage::ALL
            .into_iter()
            .find(|s| s.code() == code)
            .unwrap_or_default()
    }
    /// The case statuses this stage covers.
    pub fn statuses(self) -> &'static [&'static str] {
        match self {
            Stage::All => &["routed", "escalated", "accepted", "agreed"],
            Stage::Received => &["routed", "escalated"],
            Stage::Accepted => &["accepted"],
            Stage::Agreed => &["agreed"],
        }
    }
}

impl Due {
    pub const ALL: [Due; 3] = [Due::Any, Due::Overdue, Due::Soon];
    pub fn code(self) -> &'static str {
        match self {
            Due::Any => "any",
            Due::Overdue => "overdue",
            Due::Soon => "soon",
        }
    }
    pub fn from_code(code: &str) -> Due {
        Due::ALL
            .into_iter()
            .find(|d| d.code() == code)
            .unwrap_or_default()
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkFilter {
    pub stage: Stage,
    /// A dispute category code; `None` for every category.
    pub category: Option<String>,
    pub due: Due,
}

impl WorkFilter {
    /// From the page's address: unknown codes list everything, an empty category every one.
    pub fn of(stage: &str, category: &str, due: &str) -> WorkFilter {
        WorkFilter {
            stage: Stage::from_code(stage),
            category: Some(category.trim().to_owned()).filter(|c| !c.is_empty()),
            due: Due::from_code(due),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkItem {
    pub id: String,
    pub number: String,
    pub summary: String,
    pub category: String,
    pub status: String,
    /// The last day, `YYYY-MM-DD`.
    pub deadline: Option<String>,
    pub overdue: bool,
    /// This unit has acknowledged (签收) it.
    pub acknowledged: bool,
    /// Held jointly, this unit not the lead.
    pub co_held: bool,
    /// On the backlog register (积案), not yet cleared.
    pub backlog: bool,
    /// Came to the unit by a superior's hand-down (交办): its instructions and deadline bind.
    #[serde(default)]
    pub handed_down: bool,
    /// A superior has pressed it (督办) since it came to the unit.
    #[serde(default)]
    pub pressed: bool,
}

/// 受理率: of the cases the unit decided this month to take on (受理) or not (不予受理), the share
/// it took on. Declines count against it (seed 003); a case transferred or escalated before a
/// decision counts neither way.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AcceptanceFigures {
    pub month: domain::clock::Month,
    pub accepted: i64,
    pub declined: i64,
}

impl AcceptanceFigures {
    /// Whole percent, rounded half up; `None` before any decision this month.
    pub fn rate_percent(&self) -> Option<i64> {
        let decided = self.accepted + self.declined;
        (decided > 0).then(|| (self.accepted * 200 + decided) / (decided * 2))
    }
}

/// 办案 as the device works it out offline, from the case details it keeps: the cases the
/// reader's unit holds (lead or co-holder) that `filter` lists, in the server's order —
/// overdue, then not yet acknowledged, then by deadline (none last).
pub fn kept_work_list(
    views: impl IntoIterator<Item = crate::api::cases::CaseView>,
    filter: &WorkFilter,
    now: i64,
) -> Vec<WorkItem> {
    let mut items: Vec<(i64, WorkItem)> = views
        .into_iter()
        .filter_map(|view| kept_row(view, filter, now))
        .collect();
    items.sort_by_key(|(recorded_at, item)| {
        let urgency = if item.overdue {
            0
        } else if !item.acknowledged {
            1
        } else {
            2
        };
        (
            urgency,
            item.deadline.is_none(),
            item.deadline.clone(),
            *recorded_at,
        )
    });
    items
        .into_iter()
        .take(WORK_LIST_LIMIT as usize)
        .map(|(_, item)| item)
        .collect()
}

fn kept_row(
    view: crate::api::cases::CaseView,
    filter: &WorkFilter,
    now: i64,
) -> Option<(i64, WorkItem)> {
    use domain::clock::{Day, DAY_MS};
    let holds = view.standing.lead || view.standing.co_holder;
    let deadline_ms = view
        .deadline
        .as_deref()
        .and_then(Day::parse)
        .map(Day::end_unix_ms);
    let due = match filter.due {
        Due::Any => true,
        Due::Overdue => deadline_ms.is_some_and(|d| d < now),
        Due::Soon => deadline_ms.is_some_and(|d| d >= now && d < now + DUE_SOON_DAYS * DAY_MS),
    };
    let listed = holds
        && due
        && filter.stage.statuses().contains(&view.status.as_str())
        && filter
            .category
            .as_ref()
            .is_none_or(|c| *c == view.facts.category);
    if !listed {
        return None;
    }
    let acknowledged = if view.standing.lead {
        view.acknowledged
    } else {
        view.progress.co_holder_acknowledged
    };
    let since_arrival = view
        .timeline
        .iter()
        .rposition(|e| domain::events::ARRIVALS.contains(&e.kind))
        .map_or(&view.timeline[..], |at| &view.timeline[at..]);
    let handed_down = since_arrival
        .first()
        .is_some_and(|e| e.kind == domain::events::EventKind::HandedDown);
    let pressed = since_arrival
        .iter()
        .any(|e| e.kind == domain::events::EventKind::SupervisionIssued);
    Some((
        view.recorded_at,
        WorkItem {
            overdue: deadline_ms.is_some_and(|d| d < now),
            acknowledged,
            co_held: !view.standing.lead,
            backlog: matches!(
                view.progress.backlog,
                domain::backlog::Listing::Listed { .. }
            ),
            handed_down: handed_down && view.standing.lead,
            pressed,
            id: view.id,
            number: view.number,
            summary: view.facts.summary,
            category: view.facts.category,
            status: view.status,
            deadline: view.deadline,
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_acceptance_rate_counts_declines_against_it() {
        let month = domain::clock::Month::parse("2026-11").unwrap();
        let figures = |accepted, declined| AcceptanceFigures {
            month,
            accepted,
            declined,
        };
        assert_eq!(figures(0, 0).rate_percent(), None);
        assert_eq!(figures(3, 1).rate_percent(), Some(75));
        assert_eq!(figures(2, 1).rate_percent(), Some(67));
        assert_eq!(figures(1, 2).rate_percent(), Some(33));
        assert_eq!(figures(5, 0).rate_percent(), Some(100));
    }
}
