//! The rule set as the engine reads it. Thresholds, deadlines and the calendar are data, so a
//! city changes them in its rule file, not in code.

use crate::clock::Day;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A rung of the ladder (seed 001 三级四步, seed 002 four-level centres).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Tier {
    Grid,
    Village,
    Township,
    County,
    City,
}

impl Tier {
    pub const ALL: [Tier; 5] = [
        Tier::Grid,
        Tier::Village,
        Tier::Township,
        Tier::County,
        Tier::City,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Tier::Grid => "grid",
            Tier::Village => "village",
            Tier::Township => "township",
            Tier::County => "county",
            Tier::City => "city",
        }
    }
}

/// The mediation channel a case is handled in (docs/design.md "A case's life").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Channel {
    /// 人民调解
    People,
    /// 行政调解
    Administrative,
    /// 行业性专业性调解
    Sector,
    /// 联合调解
    Joint,
    /// 司法调解
    Judicial,
}

impl Channel {
    pub const ALL: [Channel; 5] = [
        Channel::People,
        Channel::Administrative,
        Channel::Sector,
        Channel::Joint,
        Channel::Judicial,
    ];

    /// The stable code stored in the database (`cases.channel`).
    pub fn code(self) -> &'static str {
        match self {
            Channel::People => "people",
            Channel::Administrative => "administrative",
            Channel::Sector => "sector",
            Channel::Joint => "joint",
            Channel::Judicial => "judicial",
        }
    }

    pub fn from_code(code: &str) -> Option<Channel> {
        Channel::ALL.into_iter().find(|c| c.code() == code)
    }
}

/// How hard a case is (seed 002: simple → village, complex → township, difficult → county,
/// major → city), judged from the amount and the people involved by the file's thresholds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Complexity {
    Simple,
    Complex,
    Difficult,
    Major,
}

impl Complexity {
    /// The stable code stored in the database (`cases.complexity`).
    pub fn code(self) -> &'static str {
        match self {
            Complexity::Simple => "simple",
            Complexity::Complex => "complex",
            Complexity::Difficult => "difficult",
            Complexity::Major => "major",
        }
    }
}

/// A threshold that makes a case at least as hard as its level: either figure reached.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Threshold {
    #[serde(default)]
    pub amount_yuan_at_least: Option<u64>,
    #[serde(default)]
    pub people_at_least: Option<u32>,
}

/// Working days a holder has to resolve a case, by where it sits.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Deadlines {
    pub grid: u32,
    pub village: u32,
    pub township: u32,
    pub county: u32,
    pub city: u32,
    pub sector_committee: u32,
    pub admin_department: u32,
    /// Joint mediation is time-limited and short (seed 000 "限时办结").
    pub joint: u32,
    /// Hours the receiving unit has to acknowledge (签收) a routed or escalated case.
    pub receipt_hours: u32,
}

impl Deadlines {
    pub fn for_tier(&self, tier: Tier) -> u32 {
        match tier {
            Tier::Grid => self.grid,
            Tier::Village => self.village,
            Tier::Township => self.township,
            Tier::County => self.county,
            Tier::City => self.city,
        }
    }
}

/// 每周排查: on which weekday (ISO: Monday 1 … Sunday 7, China time) the grids that have not
/// reported this week are reminded. Absent: no reminder.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WeeklySweepRules {
    #[serde(default)]
    pub remind_weekday: Option<u8>,
}

/// 预警 (seed 003 「利用大数据分析纠纷趋势」, seed 000 「及时逐级报告…启动快速反应机制」): when disputes
/// cluster, the county (and the township) hear of it once, and the cases are flagged. Each
/// threshold absent: that warning is off.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WarningRules {
    /// At least this many disputes of one category …
    #[serde(default)]
    pub cluster_count: Option<u32>,
    /// … recorded within this many days …
    #[serde(default)]
    pub cluster_days: Option<u32>,
    /// … in one village (`village`) or one township (`township`).
    #[serde(default)]
    pub cluster_scope: ClusterScope,
    /// One dispute involving at least this many people (群体性).
    #[serde(default)]
    pub people_at_least: Option<u32>,
    /// One party (by phone or ID number) in at least this many open disputes.
    #[serde(default)]
    pub same_party_open: Option<u32>,
    /// What the joint-mediation path is for a warned case: offered to its holder, or applied
    /// at once (the township and the county join every open flagged case as co-holders).
    #[serde(default)]
    pub joint: WarningJoint,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WarningJoint {
    /// The holder is pointed to 联合调解 and decides.
    #[default]
    Offer,
    /// 启动快速反应机制 (seed 000): the rules bring the township and the county in themselves.
    Apply,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClusterScope {
    #[default]
    Village,
    Township,
}

/// What happens to a case past its deadline.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Overdue {
    /// Working days after supervision (督办) at which the case goes one tier up by itself;
    /// absent: supervision only.
    #[serde(default)]
    pub escalate_after_days: Option<u32>,
}

/// When an open case joins the backlog register (积案库, seed 001 §10). The seeds give no age;
/// each deployment sets its own. Absent: the deployment keeps no register.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Backlog {
    /// Calendar days from recording.
    #[serde(default)]
    pub after_days: Option<u32>,
}

/// After 结案 (seed 003's loop: a visit finds the agreement unperformed → 重新调解): how long the
/// holder may still reopen a closed case. Absent: a closed case stays closed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClosingRules {
    /// Calendar days from closing.
    #[serde(default)]
    pub reopen_within_days: Option<u32>,
}

impl ClosingRules {
    /// Whether a case closed at `closed_at` may still be reopened at `now` (Unix ms).
    pub fn reopenable(&self, closed_at: i64, now: i64) -> bool {
        self.reopen_within_days
            .is_some_and(|days| now <= closed_at + i64::from(days) * crate::clock::DAY_MS)
    }
}

/// Failed mediation sessions a tier may hold before the case goes up (Jiangyin "331": the
/// village three times, the township three times, the city once). Absent: no limit.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Attempts {
    #[serde(default)]
    pub village: Option<u32>,
    #[serde(default)]
    pub township: Option<u32>,
    #[serde(default)]
    pub county: Option<u32>,
    #[serde(default)]
    pub city: Option<u32>,
}

impl Attempts {
    pub fn for_tier(&self, tier: Tier) -> Option<u32> {
        match tier {
            Tier::Grid => None,
            Tier::Village => self.village,
            Tier::Township => self.township,
            Tier::County => self.county,
            Tier::City => self.city,
        }
    }
}

/// Public holidays and the weekend days worked instead (调休), per the State Council's notice
/// for each year.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Calendar {
    /// The years whose notice the file carries; outside them only weekends count as rest.
    pub years: Vec<i64>,
    pub holidays: Vec<Day>,
    pub workdays: Vec<Day>,
}

/// What a rule looks at. Every condition given must hold; an empty `when` always holds.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Conditions {
    /// Any of these category codes.
    #[serde(default)]
    pub category: Option<Vec<String>>,
    #[serde(default)]
    pub facts_clear: Option<bool>,
    /// Amount in dispute below this many yuan (no amount counts as zero).
    #[serde(default)]
    pub amount_yuan_below: Option<u64>,
    #[serde(default)]
    pub amount_yuan_at_least: Option<u64>,
    #[serde(default)]
    pub people_at_least: Option<u32>,
    /// Risk of over-level petition or mass incident (越级上访/群体性事件).
    #[serde(default)]
    pub petition_risk: Option<bool>,
    /// A government body is a party (行政争议, seed 004).
    #[serde(default)]
    pub government_party: Option<bool>,
    #[serde(default)]
    pub resolved_on_spot: Option<bool>,
    #[serde(default)]
    pub sensitive: Option<bool>,
    /// Any of these levels.
    #[serde(default)]
    pub complexity: Option<Vec<Complexity>>,
}

/// Where a rule sends the case.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "route", rename_all = "snake_case", deny_unknown_fields)]
pub enum Route {
    /// The recording grid keeps it (resolved on the spot: docs/design.md "Rules").
    Stay,
    /// A rung of the grid's own ladder.
    Tier {
        tier: Tier,
        #[serde(default = "people")]
        channel: Channel,
    },
    /// The county's sector committee for `sector`, or for the case's category through the
    /// file's `[sectors]` map. No such committee: the rule does not apply and the next is tried.
    Committee {
        #[serde(default)]
        sector: Option<String>,
    },
    /// The county's administrative-mediation department for `sector`.
    Department { sector: String },
    /// Joint mediation led at `lead`, with the tiers below it and the sector committee as
    /// co-holders, and every tier on the way notified at once (seed 000, 001).
    Joint { lead: Tier },
}

fn people() -> Channel {
    Channel::People
}

/// One rule of the file, in the order it is tried.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    /// A short stable id, e.g. `property-small-clear`.
    pub id: String,
    /// What a person reads: "物业纠纷事实清楚、标的1万元以下：村（社区）人民调解".
    pub name: String,
    /// Where the rule comes from (seed and clause).
    pub seed: String,
    #[serde(default)]
    pub when: Conditions,
    pub then: Route,
    /// The unit above the holder is told too (a sensitive case: seed 001 has the township's
    /// 综治中心 hold it and its superior informed).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub inform_parent: bool,
}

/// A deployment's rules, as read from its file and checked.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleSet {
    pub name: String,
    pub version: String,
    pub deadlines: Deadlines,
    pub overdue: Overdue,
    pub attempts: Attempts,
    pub backlog: Backlog,
    #[serde(default)]
    pub closing: ClosingRules,
    /// Complex, difficult and major thresholds; simple is everything below.
    pub complexity: BTreeMap<Complexity, Threshold>,
    /// Dispute category code → the sector of the committee that mediates it.
    pub sectors: BTreeMap<String, String>,
    pub calendar: Calendar,
    pub rules: Vec<Rule>,
    #[serde(default)]
    pub weekly_sweep: WeeklySweepRules,
    #[serde(default)]
    pub warning: WarningRules,
}
