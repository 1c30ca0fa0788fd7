//! 案件查询: every case the reader's unit and the units below it hold or held, open and closed,
//! filtered, searched and paged. The filters are the page's address (`CaseQuery::from_pairs`,
//! `to_pairs`), so a filtered list can be shared and the back button works.

use domain::clock::Day;
use domain::figures::Count;
use domain::jurisdiction::UnitKind;
use domain::procedure::CaseStatus;
use domain::rules::Channel;
use percent_encoding::{utf8_percent_encode, NON_ALPHANUMERIC};
use serde::{Deserialize, Serialize};

/// Rows on one page of the list.
pub const PAGE_SIZE: usize = 50;

/// Which cases by where they stand.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StatusFilter {
    #[default]
    All,
    /// Not yet ended: received, accepted or agreed.
    Open,
    /// One status.
    Is(CaseStatus),
}

impl StatusFilter {
    pub fn code(self) -> &'static str {
        match self {
            StatusFilter::All => "",
            StatusFilter::Open => "open",
            StatusFilter::Is(s) => s.code(),
        }
    }
    /// An unknown code lists everything (a stale link still opens the page).
    pub fn from_code(code: &str) -> StatusFilter {
        match code {
            "open" => StatusFilter::Open,
            other => CaseStatus::from_code(other).map_or(StatusFilter::All, StatusFilter::Is),
        }
    }
    /// The statuses listed; `None` for all of them.
    pub fn statuses(self) -> Option<Vec<CaseStatus>> {
        match self {
            StatusFilter::All => None,
            StatusFilter::Open => Some(
                CaseStatus::ALL
                    .into_iter()
                    .filter(|s| s.is_open())
                    .collect(),
            ),
            StatusFilter::Is(s) => Some(vec![s]),
        }
    }
}

/// The order of the list: by when the server received each case.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Order {
    #[default]
    Newest,
    Oldest,
}

impl Order {
    pub fn code(self) -> &'static str {
        match self {
            Order::Newest => "",
            Order::Oldest => "oldest",
        }
    }
    pub fn from_code(code: &str) -> Order {
        if code == "oldest" {
            Order::Oldest
        } else {
            Order::Newest
        }
    }
}

/// What an office above did to a case: handed it down (交办) or pressed it (督办).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FromAbove {
    HandedDown,
    Supervised,
}

impl FromAbove {
    /// The event that records it, whose code the address carries.
    pub fn event(self) -> domain::events::EventKind {
        match self {
            FromAbove::HandedDown => domain::events::EventKind::HandedDown,
            FromAbove::Supervised => domain::events::EventKind::SupervisionIssued,
        }
    }
    pub fn code(self) -> &'static str {
        self.event().code()
    }
    pub fn from_code(code: &str) -> Option<FromAbove> {
        [FromAbove::HandedDown, FromAbove::Supervised]
            .into_iter()
            .find(|f| f.code() == code)
    }
}

/// A case of the list a page starts next to, by what the list is sorted on: its receipt time,
/// then its id; and the number of the page it opens, for 「第 N 页」.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cursor {
    pub recorded_at: i64,
    pub id: String,
    /// 2 for the page after the first; 0 where not known (an address made before pages were
    /// numbered). Counted from the pages the person went through, so cases received meanwhile
    /// do not renumber them.
    #[serde(default)]
    pub page: u32,
}

impl Cursor {
    /// `"<ms>.<id>.<page>"` in the address (an id has no dot).
    pub fn code(&self) -> String {
        format!("{}.{}.{}", self.recorded_at, self.id, self.page)
    }
    pub fn from_code(code: &str) -> Option<Cursor> {
        let (at, rest) = code.split_once('.')?;
        let (id, page) = match rest.rsplit_once('.') {
            Some((id, page)) => (id, page.parse().ok()?),
            None => (rest, 0),
        };
        let id = id.trim();
        (!id.is_empty() && id.len() <= 64).then_some(())?;
        Some(Cursor {
            recorded_at: at.parse().ok()?,
            id: id.to_owned(),
            page,
        })
    }

    /// The number of the page `by` pages from page `number` (0, not known, stays so).
    pub fn numbered(number: u32, by: i32) -> u32 {
        match number {
            0 => 0,
            n => n.saturating_add_signed(by).max(1),
        }
    }
}

/// Where a page other than the first starts (keyset paging: the 1000th page costs what the
/// first does, and a case received meanwhile shifts no page).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PageFrom {
    /// The cases after this one (下一页: after the last case shown).
    After(Cursor),
    /// The cases before this one (上一页: before the first case shown).
    Before(Cursor),
}

/// What the person asked for. Every field has a neutral value, so any address opens the page.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseQuery {
    /// What was typed in the search box (`domain::search::Search`).
    pub search: String,
    pub status: StatusFilter,
    /// A category code.
    pub category: Option<String>,
    /// The kind of unit holding it now.
    pub holder_kind: Option<UnitKind>,
    /// A unit of the reader's subtree the case reached (a village, a township…).
    pub unit: Option<i64>,
    pub channel: Option<Channel>,
    /// Received on or after this day (China time).
    pub from: Option<Day>,
    /// Received on or before this day.
    pub to: Option<Day>,
    /// Past its deadline and not ended.
    pub overdue: bool,
    /// On the backlog register (积案), not yet cleared.
    pub backlog: bool,
    /// Counted in this figure (`domain::figures`): the cases behind a number of the dashboard.
    pub figure: Option<Count>,
    /// Handed down (交办) or pressed (督办) by an office above, at some point.
    pub had: Option<FromAbove>,
    pub order: Order,
    /// Absent on the first page.
    pub page: Option<PageFrom>,
}

impl CaseQuery {
    /// The address's keys, in the order `to_pairs` writes them.
    pub const KEYS: [&'static str; 15] = [
        "q", "status", "category", "holder", "unit", "channel", "from", "to", "overdue", "backlog",
        "figure", "had", "order", "after", "before",
    ];

    /// From an address's query string (`a=1&b=%E5…`, `+` for a space).
    pub fn from_address(query: &str) -> CaseQuery {
        let decode = |v: &str| {
            percent_encoding::percent_decode_str(&v.replace('+', " "))
                .decode_utf8_lossy()
                .into_owned()
        };
        let pairs: Vec<(String, String)> = query
            .trim_start_matches('?')
            .split('&')
            .filter_map(|pair| pair.split_once('='))
            .map(|(k, v)| (decode(k), decode(v)))
            .collect();
        CaseQuery::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
    }

    /// The query string of `href`, without the path.
    pub fn address(&self) -> String {
        self.href()
            .split_once('?')
            .map(|(_, q)| q.to_owned())
            .unwrap_or_default()
    }

    /// From the address's pairs; what does not read as a value is left out (and the page's
    /// address is rewritten without it, `CaseListPage`).
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> CaseQuery {
        let mut q = CaseQuery::default();
        let some = |v: &str| Some(v.trim().to_owned()).filter(|v| !v.is_empty());
        for (key, value) in pairs {
            let value = value.trim();
            match key {
                "q" => q.search = value.to_owned(),
                "status" => q.status = StatusFilter::from_code(value),
                "category" => q.category = some(value),
                "holder" => q.holder_kind = UnitKind::from_code(value),
                "unit" => q.unit = value.parse().ok(),
                "channel" => q.channel = Channel::from_code(value),
                "from" => q.from = Day::parse(value),
                "to" => q.to = Day::parse(value),
                "overdue" => q.overdue = value == "1",
                "backlog" => q.backlog = value == "1",
                "figure" => q.figure = Count::from_code(value),
                "had" => q.had = FromAbove::from_code(value),
                "order" => q.order = Order::from_code(value),
                "after" => q.page = Cursor::from_code(value).map(PageFrom::After),
                "before" => q.page = Cursor::from_code(value).map(PageFrom::Before),
                _ => {}
            }
        }
        q
    }

    /// The address's pairs, the neutral values left out.
    pub fn to_pairs(&self) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        let mut put = |k: &'static str, v: String| {
            if !v.is_empty() {
                out.push((k, v));
            }
        };
        put("q", self.search.trim().to_owned());
        put("status", self.status.code().to_owned());
        put("category", self.category.clone().unwrap_or_default());
        put(
            "holder",
            self.holder_kind
                .map(|k| k.code())
                .unwrap_or_default()
                .to_owned(),
        );
        put("unit", self.unit.map(|u| u.to_string()).unwrap_or_default());
        put(
            "channel",
            self.channel
                .map(|c| c.code())
                .unwrap_or_default()
                .to_owned(),
        );
        put("from", self.from.map(|d| d.to_string()).unwrap_or_default());
        put("to", self.to.map(|d| d.to_string()).unwrap_or_default());
        put("overdue", if self.overdue { "1" } else { "" }.to_owned());
        put("backlog", if self.backlog { "1" } else { "" }.to_owned());
        put(
            "figure",
            self.figure.map(Count::code).unwrap_or_default().to_owned(),
        );
        put(
            "had",
            self.had.map(FromAbove::code).unwrap_or_default().to_owned(),
        );
        put("order", self.order.code().to_owned());
        match &self.page {
            Some(PageFrom::After(case)) => put("after", case.code()),
            Some(PageFrom::Before(case)) => put("before", case.code()),
            None => {}
        }
        out
    }

    /// `/cases?…` for this query.
    pub fn href(&self) -> String {
        let pairs = self.to_pairs();
        if pairs.is_empty() {
            return "/cases".to_owned();
        }
        let query: Vec<String> = pairs
            .iter()
            .map(|(k, v)| format!("{k}={}", utf8_percent_encode(v, NON_ALPHANUMERIC)))
            .collect();
        format!("/cases?{}", query.join("&"))
    }

    /// The same query from its first page.
    pub fn first_page(&self) -> CaseQuery {
        CaseQuery {
            page: None,
            ..self.clone()
        }
    }
}

/// One case as the list shows it: no phone or ID number, a sensitive case only to whom may see
/// it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListedCase {
    pub id: String,
    pub number: String,
    pub summary: String,
    pub category: String,
    pub status: CaseStatus,
    pub holder_name: String,
    /// The parties' names, in the order recorded.
    pub parties: Vec<String>,
    /// When the server received it (Unix ms).
    pub recorded_at: i64,
    /// The last day, while it is open.
    pub deadline: Option<Day>,
    pub overdue: bool,
    pub backlog: bool,
}

/// A page of the list, and where the pages beside it start.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseListPage {
    pub cases: Vec<ListedCase>,
    /// The last case shown, when cases follow it.
    pub next: Option<Cursor>,
    /// The first case shown, when cases come before it (absent on the first page, and from a
    /// page kept before the list could page back).
    #[serde(default)]
    pub previous: Option<Cursor>,
    /// How many cases the list holds over all its pages; absent where counting would cost a
    /// read of the reader's whole subtree (a common word, `cases::listing`), and from a page
    /// kept before lists were counted.
    #[serde(default)]
    pub total: Option<Total>,
}

/// The list is counted this far and no further: beyond it a person narrows the list rather
/// than reads it, and an exact figure would cost reading every case of a county.
pub const COUNTED_UP_TO: i64 = 500;

/// How many cases a list holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Total {
    Exactly(i64),
    /// More than `COUNTED_UP_TO`.
    MoreThan(i64),
}

/// The units of the reader's subtree a case may be filtered by, nearest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitOption {
    pub id: i64,
    pub name: String,
    pub depth: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_query_survives_its_address() {
        let q = CaseQuery {
            search: "宅基地 纠纷".into(),
            status: StatusFilter::Is(CaseStatus::Closed),
            category: Some("land".into()),
            holder_kind: Some(UnitKind::Village),
            unit: Some(7),
            channel: Some(Channel::Joint),
            from: Day::parse("2026-01-01"),
            to: Day::parse("2026-06-30"),
            overdue: true,
            backlog: true,
            figure: Some(Count::ResolvedInVillage),
            had: Some(FromAbove::Supervised),
            order: Order::Oldest,
            page: Some(PageFrom::Before(Cursor {
                recorded_at: 1_767_225_600_000,
                id: "0190-ab".into(),
                page: 3,
            })),
        };
        let pairs = q.to_pairs();
        let read = CaseQuery::from_pairs(pairs.iter().map(|(k, v)| (*k, v.as_str())));
        assert_eq!(read, q);
        assert!(q.href().starts_with("/cases?q=%E5%AE%85"));
        assert_eq!(CaseQuery::from_address(&q.address()), q);
        assert_eq!(
            CaseQuery::from_address("q=%E5%AE%85+%E5%9F%BA&overdue=1").search,
            "宅 基"
        );
        assert_eq!(CaseQuery::default().href(), "/cases");
        let next = Cursor {
            recorded_at: 5,
            id: "x".into(),
            page: 0,
        };
        assert_eq!(
            CaseQuery::from_address("after=5.x").page,
            Some(PageFrom::After(next))
        );
    }

    #[test]
    fn what_does_not_read_is_left_out() {
        let q = CaseQuery::from_pairs([
            ("status", "nonsense"),
            ("unit", "x"),
            ("from", "2026-13-01"),
            ("after", "abc"),
            ("before", "12."),
            ("holder", "planet"),
            ("figure", "everything"),
        ]);
        assert_eq!(q, CaseQuery::default());
    }
}
