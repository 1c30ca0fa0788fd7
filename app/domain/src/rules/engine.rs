//! The routing decision: pure, so the server (authoritative) and the phone (offline preview)
//! reach the same answer from the same facts, tree and rule set.

use super::model::{Channel, Complexity, Conditions, Route, Rule, RuleSet, Tier};
use crate::clock::Day;
use crate::dispute::{DisputeFacts, PartyKind};
use crate::jurisdiction::{Unit, UnitKind};
use serde::{Deserialize, Serialize};

/// The part of the jurisdiction tree a grid's cases can reach: the grid, its ancestors up to
/// the root, and the committees and departments attached to any of them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoutingTree {
    pub grid_id: i64,
    pub units: Vec<Unit>,
}

impl RoutingTree {
    pub fn unit(&self, id: i64) -> Option<&Unit> {
        self.units.iter().find(|u| u.id == id)
    }

    /// The grid and its ancestors, the grid first.
    pub fn ladder(&self) -> Vec<&Unit> {
        let mut out = Vec::new();
        let mut next = self.unit(self.grid_id);
        while let Some(unit) = next {
            out.push(unit);
            next = unit.parent_id.and_then(|p| self.unit(p));
        }
        out
    }

    /// Where the holder may hand a case (移送, 联合调解): the county at or above it — the city,
    /// for a holder above the counties. The server's check and the case page's choices both
    /// read it, so the page never offers a unit the server would refuse.
    pub fn handoff_root(&self) -> Option<&Unit> {
        let ladder = self.ladder();
        ladder
            .iter()
            .find(|u| u.kind == UnitKind::County)
            .or(ladder.last())
            .copied()
    }

    /// The grid's own unit at `tier`, if its ancestry has one.
    pub fn at_tier(&self, tier: Tier) -> Option<&Unit> {
        self.ladder()
            .into_iter()
            .find(|u| tier_of_kind(u.kind) == Some(tier))
    }

    /// The committee or department of `kind` for `sector` attached to the grid's county.
    fn attached(&self, kind: UnitKind, sector: &str) -> Option<&Unit> {
        let county = self.at_tier(Tier::County)?;
        self.units.iter().find(|u| {
            u.kind == kind
                && u.parent_id == Some(county.id)
                && u.category.as_deref() == Some(sector)
        })
    }

    /// The tier a unit works at: its own rung, or for a committee or department the rung it
    /// is attached to.
    pub fn tier_of(&self, unit: &Unit) -> Option<Tier> {
        tier_of_kind(unit.kind).or_else(|| {
            let parent = self.unit(unit.parent_id?)?;
            tier_of_kind(parent.kind)
        })
    }
}

/// The ladder tier of a unit kind; `None` for the units beside the ladder.
pub fn tier_of_kind(kind: UnitKind) -> Option<Tier> {
    match kind {
        UnitKind::Grid => Some(Tier::Grid),
        UnitKind::Village => Some(Tier::Village),
        UnitKind::Township => Some(Tier::Township),
        UnitKind::County => Some(Tier::County),
        UnitKind::City => Some(Tier::City),
        UnitKind::SectorCommittee | UnitKind::AdminDepartment | UnitKind::Court => None,
    }
}

/// A rule that fired, as a decision names it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Fired {
    pub id: String,
    pub name: String,
    pub seed: String,
}

impl From<&Rule> for Fired {
    fn from(rule: &Rule) -> Fired {
        Fired {
            id: rule.id.clone(),
            name: rule.name.clone(),
            seed: rule.seed.clone(),
        }
    }
}

/// What the rules decided for a case.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decision {
    /// The unit that receives and leads the case.
    pub holder: Unit,
    /// Further holders in joint mediation (the lead is not repeated here).
    pub co_holders: Vec<Unit>,
    pub channel: Channel,
    pub complexity: Complexity,
    /// The last day to resolve it (working days by the file's calendar); none when the grid
    /// resolved it on the spot.
    pub deadline: Option<Day>,
    /// Everyone told at once: the holders and, in joint mediation, every tier on the way.
    pub notify: Vec<Unit>,
    /// The rules that applied, in the order tried; the last one decided.
    pub fired: Vec<Fired>,
    /// The rule names a rung below the unit whose window took the case in (一窗受理), which
    /// keeps it: the rule's name alone ("…村（社区）人民调解") would contradict the holder.
    #[serde(default)]
    pub kept_at_window: bool,
}

/// Why the rules could not decide: the rule set or tree is unusable. A checked rule file ends
/// with a rule that always applies, so this means a tree without the rung that rule names.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum NoDecision {
    #[error("the recording unit {0} is not in this tree, or does not record disputes")]
    NotAGrid(i64),
    #[error("no rule applies and the tree lacks the units the rules name")]
    NothingApplies,
}

/// How hard a case is, by the file's thresholds: the highest level either figure reaches.
pub fn complexity(facts: &DisputeFacts, rules: &RuleSet) -> Complexity {
    let yuan = facts.amount_fen.unwrap_or(0).max(0) as u64 / 100;
    rules
        .complexity
        .iter()
        .rev()
        .find(|(_, t)| {
            t.amount_yuan_at_least.is_some_and(|a| yuan >= a)
                || t.people_at_least
                    .is_some_and(|p| facts.people_involved >= p)
        })
        .map_or(Complexity::Simple, |(level, _)| *level)
}

fn holds(when: &Conditions, facts: &DisputeFacts, level: Complexity) -> bool {
    let yuan = facts.amount_fen.unwrap_or(0).max(0) as u64 / 100;
    let government = facts
        .parties
        .iter()
        .any(|p| p.kind == PartyKind::Government);
    let flag = |wanted: Option<bool>, actual: bool| wanted.is_none_or(|w| w == actual);
    when.category
        .as_ref()
        .is_none_or(|codes| codes.contains(&facts.category))
        && flag(when.facts_clear, facts.facts_clear)
        && when.amount_yuan_below.is_none_or(|limit| yuan < limit)
        && when
            .amount_yuan_at_least
            .is_none_or(|floor| facts.amount_fen.is_some() && yuan >= floor)
        && when
            .people_at_least
            .is_none_or(|n| facts.people_involved >= n)
        && flag(when.petition_risk, facts.petition_risk)
        && flag(when.government_party, government)
        && flag(when.resolved_on_spot, facts.resolved_on_spot.is_some())
        && flag(when.sensitive, facts.sensitive)
        && when
            .complexity
            .as_ref()
            .is_none_or(|levels| levels.contains(&level))
}

/// Routes a newly recorded case. `received` is the day the server took it in (deadlines count
/// from there).
pub fn decide(
    facts: &DisputeFacts,
    tree: &RoutingTree,
    rules: &RuleSet,
    received: Day,
) -> Result<Decision, NoDecision> {
    // The recording unit: a grid, or the unit whose window took the dispute in (一窗受理). A
    // case never goes below it: a walk-in at the county centre is not sent down to a grid.
    let origin = tree
        .unit(tree.grid_id)
        .filter(|u| !matches!(u.kind, UnitKind::Court))
        .ok_or(NoDecision::NotAGrid(tree.grid_id))?;
    let level = complexity(facts, rules);
    for rule in &rules.rules {
        if !holds(&rule.when, facts, level) {
            continue;
        }
        if let Some(placed) = place(&rule.then, facts, tree, rules, origin) {
            let deadline = placed
                .working_days
                .map(|n| rules.calendar.add_working_days(received, n));
            let mut notify = vec![placed.holder.clone()];
            notify.extend(placed.co_holders.iter().cloned());
            let parent = rule
                .inform_parent
                .then(|| placed.holder.parent_id.and_then(|p| tree.unit(p)))
                .flatten()
                .cloned();
            for unit in placed.also_notify.into_iter().chain(parent) {
                if !notify.iter().any(|n| n.id == unit.id) {
                    notify.push(unit);
                }
            }
            let kept_at_window = origin.kind != UnitKind::Grid
                && matches!(&rule.then, Route::Tier { tier, .. }
                    if tree.tier_of(origin).is_some_and(|floor| *tier < floor));
            return Ok(Decision {
                holder: placed.holder,
                co_holders: placed.co_holders,
                channel: placed.channel,
                complexity: level,
                deadline,
                notify,
                fired: vec![Fired::from(rule)],
                kept_at_window,
            });
        }
    }
    Err(NoDecision::NothingApplies)
}

/// Where a rule's route lands in this tree, if it can.
struct Placed {
    holder: Unit,
    co_holders: Vec<Unit>,
    channel: Channel,
    working_days: Option<u32>,
    also_notify: Vec<Unit>,
}

fn place(
    route: &Route,
    facts: &DisputeFacts,
    tree: &RoutingTree,
    rules: &RuleSet,
    origin: &Unit,
) -> Option<Placed> {
    let d = &rules.deadlines;
    let single = |holder: &Unit, channel: Channel, days: Option<u32>| Placed {
        holder: holder.clone(),
        co_holders: Vec::new(),
        channel,
        working_days: days,
        also_notify: Vec::new(),
    };
    // The lowest rung the case may go to: the recording unit's (a committee's or department's
    // is the rung it is attached to).
    let floor = tree.tier_of(origin).unwrap_or(Tier::Grid);
    let on_ladder = tier_of_kind(origin.kind).is_some();
    // The recording unit keeps the case: a grid worker's is theirs to settle on the spot (no
    // deadline); a window's is worked there, with that unit's deadline, unless it was
    // settled at the counter.
    let kept_by_origin = || {
        let (channel, days) = match origin.kind {
            UnitKind::SectorCommittee => (Channel::Sector, d.sector_committee),
            UnitKind::AdminDepartment => (Channel::Administrative, d.admin_department),
            _ => (Channel::People, d.for_tier(floor)),
        };
        let settled = origin.kind == UnitKind::Grid || facts.resolved_on_spot.is_some();
        single(origin, channel, (!settled).then_some(days))
    };
    match route {
        Route::Stay => Some(kept_by_origin()),
        // Below a committee's or department's rung, or at it, the committee keeps the case.
        Route::Tier { tier, .. } if !on_ladder && *tier <= floor => Some(kept_by_origin()),
        Route::Tier { tier, channel } => {
            let tier = (*tier).max(floor);
            tree.at_tier(tier)
                .map(|unit| single(unit, *channel, Some(d.for_tier(tier))))
        }
        Route::Committee { sector } => {
            let sector = sector
                .as_deref()
                .or_else(|| rules.sectors.get(&facts.category).map(String::as_str))?;
            tree.attached(UnitKind::SectorCommittee, sector)
                .map(|unit| single(unit, Channel::Sector, Some(d.sector_committee)))
        }
        Route::Department { sector } => tree
            .attached(UnitKind::AdminDepartment, sector)
            .map(|unit| single(unit, Channel::Administrative, Some(d.admin_department))),
        Route::Joint { lead } => {
            let lead = (*lead).max(floor);
            let lead_unit = tree.at_tier(lead)?;
            // The recording unit and the rungs between it and the lead know the parties: they
            // mediate with it (a grid's worker is not a mediation organisation).
            let below: Vec<Unit> = tree
                .ladder()
                .into_iter()
                .filter(|u| {
                    tier_of_kind(u.kind).is_some_and(|t| t >= floor && t > Tier::Grid && t < lead)
                })
                .cloned()
                .collect();
            let mut co_holders = below.clone();
            if let Some(committee) = rules
                .sectors
                .get(&facts.category)
                .and_then(|s| tree.attached(UnitKind::SectorCommittee, s))
            {
                co_holders.push(committee.clone());
            }
            Some(Placed {
                holder: lead_unit.clone(),
                co_holders,
                channel: Channel::Joint,
                working_days: Some(d.joint),
                // Reported up level by level at once: every rung from the recording unit to
                // the lead.
                also_notify: tree
                    .ladder()
                    .into_iter()
                    .filter(|u| tier_of_kind(u.kind).is_some_and(|t| t <= lead))
                    .cloned()
                    .collect(),
            })
        }
    }
}

/// Where a case held by `holder` goes when it is escalated, in `tree` — the tree above the
/// holder (built from the holder, not from the recording grid: a case transferred or entrusted
/// elsewhere climbs its new holder's ladder). A sector committee or department goes up to the
/// rung it is attached to (its county's 矛调中心); any other holder to the next rung above its
/// tier. `None` at the top: the case is then terminated with the notice about litigation and
/// arbitration (seed 002, the city's mediation is final).
pub fn escalation_target(tree: &RoutingTree, holder_id: i64) -> Option<Unit> {
    let holder = tree.unit(holder_id)?;
    if tier_of_kind(holder.kind).is_none() {
        return holder.parent_id.and_then(|p| tree.unit(p)).cloned();
    }
    let tier = tree.tier_of(holder)?;
    tree.ladder()
        .into_iter()
        .filter(|u| tier_of_kind(u.kind).is_some_and(|t| t > tier))
        .min_by_key(|u| tier_of_kind(u.kind))
        .cloned()
}

/// What a phone needs to preview routing offline: the rules and its grid's part of the tree,
/// with a version so the server sends them only when they changed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoutingContext {
    pub version: String,
    pub rules: RuleSet,
    pub tree: RoutingTree,
}

/// A unit as an explanation names it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UnitBrief {
    pub id: i64,
    pub name: String,
    /// `grid`, `village`, … `sector_committee`, `admin_department`.
    pub kind: String,
}

impl From<&Unit> for UnitBrief {
    fn from(unit: &Unit) -> UnitBrief {
        UnitBrief {
            id: unit.id,
            name: unit.name.clone(),
            kind: unit.kind.code().to_owned(),
        }
    }
}

/// A decision as the explain API and the phone's preview show it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Explanation {
    pub holder: UnitBrief,
    pub co_holders: Vec<UnitBrief>,
    pub channel: Channel,
    pub complexity: Complexity,
    /// The last day to resolve it, `YYYY-MM-DD` (China time); absent when resolved on the spot.
    pub deadline: Option<String>,
    pub notify: Vec<UnitBrief>,
    /// The rules that applied, in order; the last one decided.
    pub fired: Vec<Fired>,
    /// The version of the rule file that decided.
    pub rules_version: String,
}

impl Explanation {
    pub fn of(decision: &Decision, rules: &RuleSet) -> Explanation {
        Explanation {
            holder: UnitBrief::from(&decision.holder),
            co_holders: decision.co_holders.iter().map(UnitBrief::from).collect(),
            channel: decision.channel,
            complexity: decision.complexity,
            deadline: decision.deadline.map(|d| d.to_string()),
            notify: decision.notify.iter().map(UnitBrief::from).collect(),
            fired: decision.fired.clone(),
            rules_version: rules.version.clone(),
        }
    }
}
