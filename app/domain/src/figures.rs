//! 统计口径: how one case counts in the figures of the units it reached, and how the rates are
//! worked out from the counts. A case's `Contribution` is derived from where it stands now; the
//! figures of a unit and period are the sums of its cases' contributions, so a figure is always
//! the cases behind it (docs/statistics.md). A linked duplicate (并案) contributes nothing: it is
//! the other case's dispute.

use crate::jurisdiction::UnitKind;
use crate::procedure::{CaseStatus, Satisfaction};
use crate::rules::engine::tier_of_kind;
use crate::rules::Tier;
use serde::{Deserialize, Serialize};

/// How a case ended, when it has.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Agreed, closed after the visit, or resolved (on the spot or without a written agreement).
    Resolved,
    /// 调解终结: no agreement.
    Terminated,
    /// 不予受理.
    Declined,
}

/// What a case is, as the figures read it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CaseState {
    pub status: CaseStatus,
    /// Some unit took it on (受理) at some point, or the grid worker resolved it on the spot.
    pub ever_accepted: bool,
    /// The ladder tier of the unit holding it now; a sector committee or department counts at
    /// the tier of the unit it is attached to.
    pub holder_tier: Tier,
    /// The tier it started at: `Grid` for a grid's record (and a court's, which starts where it
    /// is entrusted); the unit's own for a dispute taken in at a window (一窗受理), which never
    /// passed the tiers below it.
    pub recorded_tier: Tier,
    /// The highest tier that held it (at least `recorded_tier`).
    pub highest_tier: Tier,
    /// When it ended (the event that ended it), and the deadline it had then.
    pub ended_at: Option<i64>,
    pub deadline_at: Option<i64>,
    /// What the follow-up visit found of the parties' satisfaction.
    pub satisfaction: Option<Satisfaction>,
}

/// The tier a unit counts at in the figures: its own on the ladder; a sector committee, a
/// department or a court that of the unit it is attached to (a county's committee is county).
pub fn counted_tier(kind: UnitKind, parent: Option<UnitKind>) -> Tier {
    tier_of_kind(kind)
        .or_else(|| parent.and_then(tier_of_kind))
        .unwrap_or(Tier::County)
}

impl CaseState {
    /// Whether the case was at `tier` on its way from where it started to the highest tier
    /// that held it (the escalation funnel).
    fn climbed_through(&self, tier: Tier) -> bool {
        self.recorded_tier <= tier && tier <= self.highest_tier
    }
}

/// One case's counts, each 0 or 1.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contribution {
    pub received: i64,
    /// Taken on (受理): accepted at some point, resolved on the spot, or ended after acceptance.
    pub taken_on: i64,
    pub declined: i64,
    pub resolved: i64,
    pub terminated: i64,
    /// Resolved at the grid or the village (小事不出村).
    pub resolved_in_village: i64,
    /// Resolved at the township or below (大事不出镇).
    pub resolved_in_township: i64,
    /// Ended, and ended by its deadline (or had none: resolved on the spot).
    pub ended: i64,
    pub ended_on_time: i64,
    /// A follow-up visit asked the parties; they were satisfied or found it fair.
    pub visited: i64,
    pub satisfied: i64,
    /// Open now.
    pub open: i64,
    /// The escalation funnel: held at or above each tier at some point (every case starts at
    /// the grid that recorded it).
    pub reached_village: i64,
    pub reached_township: i64,
    pub reached_county: i64,
    pub reached_city: i64,
}

impl Contribution {
    /// The counts' names, in the order of `counts` (their JSON and storage names).
    pub const NAMES: [&'static str; 16] = [
        "received",
        "taken_on",
        "declined",
        "resolved",
        "terminated",
        "resolved_in_village",
        "resolved_in_township",
        "ended",
        "ended_on_time",
        "visited",
        "satisfied",
        "open",
        "reached_village",
        "reached_township",
        "reached_county",
        "reached_city",
    ];

    pub fn counts(&self) -> [i64; 16] {
        [
            self.received,
            self.taken_on,
            self.declined,
            self.resolved,
            self.terminated,
            self.resolved_in_village,
            self.resolved_in_township,
            self.ended,
            self.ended_on_time,
            self.visited,
            self.satisfied,
            self.open,
            self.reached_village,
            self.reached_township,
            self.reached_county,
            self.reached_city,
        ]
    }

    pub fn from_counts(c: [i64; 16]) -> Contribution {
        Contribution {
            received: c[0],
            taken_on: c[1],
            declined: c[2],
            resolved: c[3],
            terminated: c[4],
            resolved_in_village: c[5],
            resolved_in_township: c[6],
            ended: c[7],
            ended_on_time: c[8],
            visited: c[9],
            satisfied: c[10],
            open: c[11],
            reached_village: c[12],
            reached_township: c[13],
            reached_county: c[14],
            reached_city: c[15],
        }
    }

    /// Count by count, `self` and `other` combined by `f`.
    fn zip(&self, other: &Contribution, f: fn(i64, i64) -> i64) -> Contribution {
        let (a, b) = (self.counts(), other.counts());
        Contribution::from_counts(std::array::from_fn(|i| f(a[i], b[i])))
    }

    pub fn plus(&self, other: &Contribution) -> Contribution {
        self.zip(other, |a, b| a + b)
    }

    pub fn minus(&self, other: &Contribution) -> Contribution {
        self.zip(other, |a, b| a - b)
    }
}

/// One of a case's counts, by name: what a figure counts, and the filter of the case list that
/// shows the cases behind it (`/cases?figure=resolved`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Count {
    Received,
    TakenOn,
    Declined,
    Resolved,
    Terminated,
    ResolvedInVillage,
    ResolvedInTownship,
    Ended,
    EndedOnTime,
    Visited,
    Satisfied,
    Open,
    ReachedVillage,
    ReachedTownship,
    ReachedCounty,
    ReachedCity,
}

impl Count {
    /// In the order of `Contribution::counts`.
    pub const ALL: [Count; 16] = [
        Count::Received,
        Count::TakenOn,
        Count::Declined,
        Count::Resolved,
        Count::Terminated,
        Count::ResolvedInVillage,
        Count::ResolvedInTownship,
        Count::Ended,
        Count::EndedOnTime,
        Count::Visited,
        Count::Satisfied,
        Count::Open,
        Count::ReachedVillage,
        Count::ReachedTownship,
        Count::ReachedCounty,
        Count::ReachedCity,
    ];

    /// The count's column and address name.
    pub fn code(self) -> &'static str {
        Contribution::NAMES[self as usize]
    }

    pub fn from_code(code: &str) -> Option<Count> {
        Count::ALL.into_iter().find(|c| c.code() == code)
    }
}

impl Contribution {
    pub fn get(&self, count: Count) -> i64 {
        self.counts()[count as usize]
    }
}

/// The case's counts; a linked duplicate's are all zero.
pub fn contribution(case: &CaseState) -> Contribution {
    use CaseStatus::*;
    if case.status == Merged {
        return Contribution::default();
    }
    let outcome = match case.status {
        ResolvedOnSpot | Resolved | Agreed | Closed => Some(Outcome::Resolved),
        Terminated => Some(Outcome::Terminated),
        Declined => Some(Outcome::Declined),
        Routed | Escalated | Accepted | Merged => None,
    };
    let one = |b: bool| i64::from(b);
    let resolved = outcome == Some(Outcome::Resolved);
    let resolved_tier = if case.status == ResolvedOnSpot {
        Tier::Grid
    } else {
        case.holder_tier
    };
    let on_time = match (case.ended_at, case.deadline_at) {
        (Some(_), None) => true,
        (Some(ended), Some(deadline)) => ended <= deadline,
        (None, _) => false,
    };
    Contribution {
        received: 1,
        taken_on: one(case.ever_accepted || case.status == ResolvedOnSpot),
        declined: one(outcome == Some(Outcome::Declined)),
        resolved: one(resolved),
        terminated: one(outcome == Some(Outcome::Terminated)),
        resolved_in_village: one(resolved && resolved_tier <= Tier::Village),
        resolved_in_township: one(resolved && resolved_tier <= Tier::Township),
        ended: one(outcome.is_some()),
        ended_on_time: one(outcome.is_some() && on_time),
        visited: one(case.satisfaction.is_some()),
        satisfied: one(matches!(
            case.satisfaction,
            Some(Satisfaction::Satisfied | Satisfaction::Fair)
        )),
        open: one(case.status.is_open()),
        reached_village: one(case.climbed_through(Tier::Village)),
        reached_township: one(case.climbed_through(Tier::Township)),
        reached_county: one(case.climbed_through(Tier::County)),
        reached_city: one(case.climbed_through(Tier::City)),
    }
}

/// A share: `part` of `whole`. No cases, no share — shown as "—", never as 0 % or 100 %.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rate {
    pub part: i64,
    pub whole: i64,
}

impl Rate {
    /// Tenths of a percent, rounded half up; `None` when there is nothing to divide.
    pub fn per_mille(self) -> Option<i64> {
        (self.whole > 0).then(|| (self.part * 2000 + self.whole) / (self.whole * 2))
    }

    /// "97.5%", or "—" with nothing to divide.
    pub fn percent_text(self) -> String {
        match self.per_mille() {
            None => "—".to_owned(),
            Some(pm) => format!("{}.{}%", pm / 10, pm % 10),
        }
    }
}

/// The sums of many cases' contributions.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Totals(pub Contribution);

impl Totals {
    pub fn add(&mut self, c: &Contribution) {
        self.0 = self.0.plus(c);
    }

    /// 受理率: of the cases decided (taken on or declined), the share taken on (seed 004: ≥ 97 %).
    pub fn acceptance(&self) -> Rate {
        Rate {
            part: self.0.taken_on,
            whole: self.0.taken_on + self.0.declined,
        }
    }

    /// 调解成功率: of the mediations that ended (resolved or terminated), the share resolved
    /// (seed 004: about 80 %). A declined case was never mediated.
    pub fn success(&self) -> Rate {
        Rate {
            part: self.0.resolved,
            whole: self.0.resolved + self.0.terminated,
        }
    }

    /// 小事不出村: of the resolved cases, the share resolved at the grid or the village.
    pub fn in_village(&self) -> Rate {
        Rate {
            part: self.0.resolved_in_village,
            whole: self.0.resolved,
        }
    }

    /// 大事不出镇: of the resolved cases, the share resolved at the township or below.
    pub fn in_township(&self) -> Rate {
        Rate {
            part: self.0.resolved_in_township,
            whole: self.0.resolved,
        }
    }

    /// 按期办结率: of the cases that ended, the share that ended by their deadline.
    pub fn on_time(&self) -> Rate {
        Rate {
            part: self.0.ended_on_time,
            whole: self.0.ended,
        }
    }

    /// 满意率: of the follow-up visits, the share whose parties were satisfied or found it fair.
    pub fn satisfaction(&self) -> Rate {
        Rate {
            part: self.0.satisfied,
            whole: self.0.visited,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: i64 = 86_400_000;

    fn state(status: CaseStatus) -> CaseState {
        CaseState {
            status,
            ever_accepted: false,
            holder_tier: Tier::Village,
            recorded_tier: Tier::Grid,
            highest_tier: Tier::Village,
            ended_at: None,
            deadline_at: Some(10 * DAY),
            satisfaction: None,
        }
    }

    #[test]
    fn each_kind_of_case_counts_where_it_belongs() {
        // Resolved on the spot by the grid worker: taken on, resolved at the bottom, on time.
        let spot = contribution(&CaseState {
            holder_tier: Tier::Grid,
            ended_at: Some(0),
            deadline_at: None,
            ..state(CaseStatus::ResolvedOnSpot)
        });
        assert_eq!(
            (spot.taken_on, spot.resolved_in_village, spot.ended_on_time),
            (1, 1, 1)
        );
        // Escalated twice and agreed at the county, late: resolved, not in the township.
        let county = contribution(&CaseState {
            ever_accepted: true,
            holder_tier: Tier::County,
            highest_tier: Tier::County,
            ended_at: Some(11 * DAY),
            satisfaction: Some(Satisfaction::Fair),
            ..state(CaseStatus::Closed)
        });
        assert_eq!((county.reached_township, county.reached_city), (1, 0));
        assert_eq!(
            (
                county.resolved,
                county.resolved_in_township,
                county.ended,
                county.ended_on_time,
                county.satisfied
            ),
            (1, 0, 1, 0, 1)
        );
        // Taken in at the county's window and resolved there: it reached the county, never the
        // village or the township below it.
        let walk_in = contribution(&CaseState {
            ever_accepted: true,
            holder_tier: Tier::County,
            recorded_tier: Tier::County,
            highest_tier: Tier::County,
            ended_at: Some(DAY),
            ..state(CaseStatus::Resolved)
        });
        assert_eq!(
            (
                walk_in.reached_village,
                walk_in.reached_township,
                walk_in.reached_county,
                walk_in.resolved_in_township
            ),
            (0, 0, 1, 0)
        );
        // Declined: decided against, never mediated.
        let declined = contribution(&CaseState {
            ended_at: Some(DAY),
            ..state(CaseStatus::Declined)
        });
        assert_eq!(
            (
                declined.taken_on,
                declined.declined,
                declined.resolved,
                declined.terminated
            ),
            (0, 1, 0, 0)
        );
        // Waiting for acceptance: received and open, decided neither way.
        let waiting = contribution(&state(CaseStatus::Routed));
        assert_eq!(
            (
                waiting.received,
                waiting.open,
                waiting.taken_on,
                waiting.declined
            ),
            (1, 1, 0, 0)
        );
        // A linked duplicate counts nowhere.
        assert_eq!(
            contribution(&state(CaseStatus::Merged)),
            Contribution::default()
        );
    }

    #[test]
    fn each_count_is_named_once_in_the_order_of_the_counts() {
        let c = Contribution::from_counts(std::array::from_fn(|i| i as i64));
        for (i, count) in Count::ALL.into_iter().enumerate() {
            assert_eq!(count as usize, i);
            assert_eq!(c.get(count), i as i64);
            assert_eq!(Count::from_code(count.code()), Some(count));
            let json = serde_json::to_string(&count).unwrap();
            assert_eq!(json, format!("\"{}\"", count.code()));
        }
    }

    #[test]
    fn committees_count_at_the_tier_they_are_attached_to() {
        use UnitKind::*;
        assert_eq!(counted_tier(Village, Some(Township)), Tier::Village);
        assert_eq!(counted_tier(SectorCommittee, Some(County)), Tier::County);
        assert_eq!(counted_tier(AdminDepartment, Some(City)), Tier::City);
    }

    #[test]
    fn rates_round_half_up_and_nothing_is_a_dash() {
        assert_eq!(Rate { part: 0, whole: 0 }.percent_text(), "—");
        assert_eq!(Rate { part: 2, whole: 3 }.percent_text(), "66.7%");
        assert_eq!(Rate { part: 1, whole: 8 }.percent_text(), "12.5%");
        assert_eq!(
            Rate {
                part: 39,
                whole: 40
            }
            .percent_text(),
            "97.5%"
        );
        assert_eq!(Rate { part: 5, whole: 5 }.percent_text(), "100.0%");
    }

    #[test]
    fn totals_add_up_and_give_the_rates() {
        let mut t = Totals::default();
        for status in [
            CaseStatus::Closed,
            CaseStatus::Terminated,
            CaseStatus::Declined,
        ] {
            t.add(&contribution(&CaseState {
                ever_accepted: status != CaseStatus::Declined,
                ended_at: Some(DAY),
                ..state(status)
            }));
        }
        assert_eq!(t.acceptance(), Rate { part: 2, whole: 3 });
        assert_eq!(t.success(), Rate { part: 1, whole: 2 });
        assert_eq!(t.in_village(), Rate { part: 1, whole: 1 });
        assert_eq!(t.on_time(), Rate { part: 3, whole: 3 });
        assert_eq!(t.satisfaction().percent_text(), "—");
    }
}
