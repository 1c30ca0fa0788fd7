//! Reading a deployment's TOML rule file. A broken file is refused with the line and the field
//! at fault, so the person editing it can fix it without reading code; the server refuses to
//! start on one, and `server rules check FILE` checks one without starting.

use domain::clock::Day;
use domain::dispute::is_category_code;
use domain::jurisdiction::SECTORS;
use domain::rules::model::{
    Attempts, Backlog, Calendar, ClosingRules, Complexity, Deadlines, Overdue, Route, Rule,
    RuleSet, Threshold, WarningRules, WeeklySweepRules,
};
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use toml::Spanned;

/// What is wrong with a rule file, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleFileError {
    /// 1-based line, when the problem has a place in the file.
    pub line: Option<usize>,
    /// The field at fault, as a dotted path (`deadlines.village`, `rule[3].then.sector`).
    pub field: String,
    pub message: String,
}

impl fmt::Display for RuleFileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "line {line}, field `{}`: {}", self.field, self.message),
            None => write!(f, "field `{}`: {}", self.field, self.message),
        }
    }
}

impl std::error::Error for RuleFileError {}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    name: String,
    version: String,
    deadlines: Spanned<Deadlines>,
    #[serde(default = "no_auto_escalation")]
    overdue: Overdue,
    #[serde(default)]
    attempts: Attempts,
    #[serde(default)]
    backlog: Backlog,
    #[serde(default)]
    closing: ClosingRules,
    #[serde(default)]
    complexity: BTreeMap<Complexity, Spanned<Threshold>>,
    #[serde(default)]
    sectors: Option<Spanned<BTreeMap<String, String>>>,
    calendar: Spanned<RawCalendar>,
    #[serde(default)]
    rule: Vec<Spanned<Rule>>,
    #[serde(default)]
    weekly_sweep: Option<Spanned<WeeklySweepRules>>,
    #[serde(default)]
    warning: Option<Spanned<WarningRules>>,
}

fn no_auto_escalation() -> Overdue {
    Overdue {
        escalate_after_days: None,
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCalendar {
    years: Vec<i64>,
    /// Days off: `YYYY-MM-DD`, or a run `YYYY-MM-DD..YYYY-MM-DD` (both ends included).
    #[serde(default)]
    holidays: Vec<Spanned<String>>,
    /// Weekend days worked instead (调休上班).
    #[serde(default)]
    workdays: Vec<Spanned<String>>,
}

/// Turns a byte offset of `text` into its 1-based line.
fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

/// The dotted key a syntax or type error points at: the table header above the line and the
/// key on it.
fn field_at(text: &str, line: usize) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let here = lines.get(line.saturating_sub(1)).copied().unwrap_or("");
    let key = here
        .split_once('=')
        .map(|(k, _)| k.trim().to_owned())
        .unwrap_or_default();
    let table = lines[..line.saturating_sub(1).min(lines.len())]
        .iter()
        .rev()
        .chain(std::iter::once(&here))
        .find_map(|l| {
            let l = l.trim();
            l.starts_with('[')
                .then(|| l.trim_matches(|c| c == '[' || c == ']').trim().to_owned())
        });
    match (table, key.is_empty()) {
        (Some(t), false) => format!("{t}.{key}"),
        (Some(t), true) => t,
        (None, _) => key,
    }
}

/// Reads and checks a rule file.
pub fn parse(text: &str) -> Result<RuleSet, RuleFileError> {
    let raw: RawFile = toml::from_str(text).map_err(|error| {
        let line = error.span().map(|s| line_of(text, s.start));
        RuleFileError {
            field: line.map(|l| field_at(text, l)).unwrap_or_default(),
            line,
            message: error.message().trim().to_owned(),
        }
    })?;
    Checker { text }.check(raw)
}

struct Checker<'a> {
    text: &'a str,
}

impl Checker<'_> {
    fn error<T>(
        &self,
        span: std::ops::Range<usize>,
        field: String,
        message: &str,
    ) -> Result<T, RuleFileError> {
        Err(RuleFileError {
            line: Some(line_of(self.text, span.start)),
            field,
            message: message.to_owned(),
        })
    }

    fn check(&self, raw: RawFile) -> Result<RuleSet, RuleFileError> {
        self.check_deadlines(&raw.deadlines)?;
        for (level, threshold) in &raw.complexity {
            if threshold.get_ref().amount_yuan_at_least.is_none()
                && threshold.get_ref().people_at_least.is_none()
            {
                let field = format!(
                    "complexity.{}",
                    serde_json::to_value(level)
                        .unwrap_or_default()
                        .as_str()
                        .unwrap_or("")
                );
                return self.error(
                    threshold.span(),
                    field,
                    "give amount_yuan_at_least or people_at_least",
                );
            }
        }
        if let Some(sectors) = &raw.sectors {
            self.check_sectors(sectors)?;
        }
        let calendar = self.check_calendar(&raw.calendar)?;
        let rules = self.check_rules(&raw.rule)?;
        if let Some(sweep) = &raw.weekly_sweep {
            if sweep
                .get_ref()
                .remind_weekday
                .is_some_and(|d| !(1..=7).contains(&d))
            {
                let span = self.key_span(sweep.span(), "remind_weekday");
                return self.error(
                    span,
                    "weekly_sweep.remind_weekday".into(),
                    "a weekday from 1 (Monday) to 7 (Sunday)",
                );
            }
        }
        if let Some(warning) = &raw.warning {
            self.check_warning(warning)?;
        }
        Ok(RuleSet {
            name: raw.name,
            version: raw.version,
            deadlines: raw.deadlines.into_inner(),
            overdue: raw.overdue,
            attempts: raw.attempts,
            backlog: raw.backlog,
            closing: raw.closing,
            complexity: raw
                .complexity
                .into_iter()
                .filter(|(level, _)| *level != Complexity::Simple)
                .map(|(level, t)| (level, t.into_inner()))
                .collect(),
            sectors: raw.sectors.map(Spanned::into_inner).unwrap_or_default(),
            calendar,
            rules,
            weekly_sweep: raw
                .weekly_sweep
                .map(Spanned::into_inner)
                .unwrap_or_default(),
            warning: raw.warning.map(Spanned::into_inner).unwrap_or_default(),
        })
    }

    /// Each warning threshold, when given, must be one that can ever be reached by more than
    /// one case (or person); a cluster needs both its count and its days.
    fn check_warning(&self, warning: &Spanned<WarningRules>) -> Result<(), RuleFileError> {
        let w = warning.get_ref();
        let floors = [
            ("cluster_count", w.cluster_count, 2),
            ("cluster_days", w.cluster_days, 1),
            ("people_at_least", w.people_at_least, 2),
            ("same_party_open", w.same_party_open, 2),
        ];
        for (name, value, floor) in floors {
            if value.is_some_and(|v| v < floor) {
                let span = self.key_span(warning.span(), name);
                return self.error(
                    span,
                    format!("warning.{name}"),
                    &format!("must be at least {floor}"),
                );
            }
        }
        if w.cluster_count.is_some() != w.cluster_days.is_some() {
            let name = if w.cluster_count.is_some() {
                "cluster_days"
            } else {
                "cluster_count"
            };
            return self.error(
                warning.span(),
                format!("warning.{name}"),
                "a cluster needs both cluster_count and cluster_days",
            );
        }
        Ok(())
    }

    fn check_sectors(
        &self,
        sectors: &Spanned<BTreeMap<String, String>>,
    ) -> Result<(), RuleFileError> {
        for (category, sector) in sectors.get_ref() {
            let span = self.key_span(sectors.span(), category);
            let field = format!("sectors.{category}");
            if !is_category_code(category) {
                return self.error(
                    span,
                    field,
                    "not a category code (lower-case letters, digits, _)",
                );
            }
            if !SECTORS.contains(&sector.as_str()) {
                let known = SECTORS.join(", ");
                return self.error(
                    span,
                    field,
                    &format!("unknown sector `{sector}`; known: {known}"),
                );
            }
        }
        Ok(())
    }

    fn check_deadlines(&self, deadlines: &Spanned<Deadlines>) -> Result<(), RuleFileError> {
        let d = deadlines.get_ref();
        let all = [
            ("grid", d.grid),
            ("village", d.village),
            ("township", d.township),
            ("county", d.county),
            ("city", d.city),
            ("sector_committee", d.sector_committee),
            ("admin_department", d.admin_department),
            ("joint", d.joint),
            ("receipt_hours", d.receipt_hours),
        ];
        for (name, value) in all {
            if value == 0 {
                let span = self.key_span(deadlines.span(), name);
                return self.error(span, format!("deadlines.{name}"), "must be at least 1");
            }
        }
        Ok(())
    }

    /// The span of the line `key = …` in the table whose header is at `table` (a table's span
    /// covers its header only), or the header when the key is not found.
    fn key_span(&self, table: std::ops::Range<usize>, key: &str) -> std::ops::Range<usize> {
        let mut offset = table.start;
        for (i, line) in self.text[table.start..].split('\n').enumerate() {
            let at = offset;
            offset += line.len() + 1;
            if i > 0 && line.trim_start().starts_with('[') {
                break;
            }
            if line.split_once('=').is_some_and(|(k, _)| k.trim() == key) {
                return at..at + line.len();
            }
        }
        table
    }

    fn check_calendar(&self, raw: &Spanned<RawCalendar>) -> Result<Calendar, RuleFileError> {
        let cal = raw.get_ref();
        if cal.years.is_empty() {
            return self.error(
                raw.span(),
                "calendar.years".into(),
                "list the years whose holiday notice this file carries",
            );
        }
        let holidays = self.days(&cal.holidays, "calendar.holidays")?;
        let workdays = self.days(&cal.workdays, "calendar.workdays")?;
        if let Some(both) = holidays.iter().find(|d| workdays.contains(d)) {
            return self.error(
                raw.span(),
                "calendar.workdays".into(),
                &format!("{both} is both a holiday and a working day"),
            );
        }
        Ok(Calendar {
            years: cal.years.clone(),
            holidays: holidays.into_iter().collect(),
            workdays: workdays.into_iter().collect(),
        })
    }

    fn days(
        &self,
        entries: &[Spanned<String>],
        field: &str,
    ) -> Result<BTreeSet<Day>, RuleFileError> {
        let mut out = BTreeSet::new();
        for entry in entries {
            let text = entry.get_ref();
            let (from, to) = text.split_once("..").unwrap_or((text, text));
            let (Some(from), Some(to)) = (Day::parse(from), Day::parse(to)) else {
                return self.error(entry.span(), field.to_owned(), &format!("`{text}` is not a date (YYYY-MM-DD) or a run of dates (YYYY-MM-DD..YYYY-MM-DD)"));
            };
            if to < from || to.0 - from.0 > 31 {
                return self.error(
                    entry.span(),
                    field.to_owned(),
                    &format!("`{text}` is not a run of at most a month"),
                );
            }
            out.extend((from.0..=to.0).map(Day));
        }
        Ok(out)
    }

    fn check_rules(&self, raw: &[Spanned<Rule>]) -> Result<Vec<Rule>, RuleFileError> {
        let mut ids = BTreeSet::new();
        for (i, spanned) in raw.iter().enumerate() {
            let rule = spanned.get_ref();
            let at = |field: &str| format!("rule[{i}].{field}");
            if rule.id.trim().is_empty() || !ids.insert(rule.id.clone()) {
                return self.error(
                    self.key_span(spanned.span(), "id"),
                    at("id"),
                    "each rule needs its own id",
                );
            }
            if rule.name.trim().is_empty() {
                return self.error(
                    self.key_span(spanned.span(), "name"),
                    at("name"),
                    "a rule needs a name people can read",
                );
            }
            if let Some(bad) = rule
                .when
                .category
                .iter()
                .flatten()
                .find(|c| !is_category_code(c))
            {
                return self.error(
                    self.key_span(spanned.span(), "when"),
                    at("when.category"),
                    &format!("`{bad}` is not a category code"),
                );
            }
            let sector = match &rule.then {
                Route::Committee { sector: Some(s) } | Route::Department { sector: s } => Some(s),
                _ => None,
            };
            if let Some(s) = sector.filter(|s| !SECTORS.contains(&s.as_str())) {
                return self.error(
                    self.key_span(spanned.span(), "then"),
                    at("then.sector"),
                    &format!("unknown sector `{s}`; known: {}", SECTORS.join(", ")),
                );
            }
        }
        // The last rule must always apply and always land, so every case gets a holder.
        match raw.last() {
            None => Err(RuleFileError {
                line: None,
                field: "rule".into(),
                message: "the file has no [[rule]]".into(),
            }),
            Some(last)
                if last.get_ref().when != Default::default()
                    || !matches!(last.get_ref().then, Route::Tier { .. }) =>
            {
                self.error(last.span(), format!("rule[{}]", raw.len() - 1), "the last rule must have no conditions and route to a tier, so every case finds a holder")
            }
            Some(_) => Ok(raw.iter().map(|r| r.get_ref().clone()).collect()),
        }
    }
}
