//! 案件查询: the cases the reader's unit and the units below it hold or held (`case_reach`), open
//! and closed, filtered and searched, newest (or oldest) first, a page at a time after the last
//! case shown or before the first (keyset paging: the 1000th page costs what the first does). The sensitive-case rule
//! is the case page's (`cases::visibility`); the list carries no phone or ID number.

use crate::cases::visibility::sensitive_allowed;
use crate::db::Db;
use app::api::case_list::{
    CaseListPage, CaseQuery, Cursor, ListedCase, Order, PageFrom, Total, UnitOption, COUNTED_UP_TO,
    PAGE_SIZE,
};
use domain::clock::Day;
use domain::dispute::DisputeFacts;
use domain::procedure::CaseStatus;
use domain::search::{like_anywhere, Search};
use domain::session::SessionUser;
use sqlx::Row;

/// A value bound to the query, in the order its `$n` was handed out.
#[derive(Clone)]
enum Param {
    Int(i64),
    Text(String),
}

/// The list's conditions and their parameters. `$1` is the reader's unit, `$2` the reader.
#[derive(Clone)]
struct Conditions {
    sql: Vec<String>,
    params: Vec<Param>,
    /// A small set of case ids every listed case is among (a search's terms, an event, the
    /// overdue or backlog cases), found by its own index: the query then starts from it and
    /// looks each case's reach up, instead of walking the reader's whole subtree in order.
    driver: Option<String>,
    /// Whether the list may be counted (`counted`): not a common word read newest first,
    /// whose count would read the reader's whole subtree.
    countable: bool,
}

impl Conditions {
    fn new() -> Conditions {
        Conditions {
            sql: Vec::new(),
            params: Vec::new(),
            driver: None,
            countable: true,
        }
    }

    /// The placeholder for `value`.
    fn bind(&mut self, value: Param) -> String {
        self.params.push(value);
        format!("${}", self.params.len() + 2)
    }

    fn push(&mut self, condition: String) {
        self.sql.push(condition);
    }

    /// Every listed case is among `ids` (a query returning `case_id`): the list starts from
    /// the first such set named (the most selective); a later one is a condition.
    fn drive(&mut self, ids: String) {
        match self.driver {
            None => self.driver = Some(ids),
            Some(_) => self.push(format!("c.id IN ({ids})")),
        }
    }

    /// The statement's start, the tables the list reads and the condition joining them; `r` is
    /// the reach row of the reader's unit, `c` the case, `h` its holder. Starting from a set,
    /// the set is made first (`MATERIALIZED`, so PostgreSQL cannot fold it into a plan that
    /// walks the reader's whole subtree) and comes first (`CROSS JOIN` keeps SQLite from
    /// reordering it); each of its cases is then looked up in the reader's reach.
    fn from(&self) -> Tables {
        let joined =
            "case_reach r JOIN cases c ON c.id = r.case_id JOIN units h ON h.id = c.holder_unit_id";
        match &self.driver {
            None => Tables {
                with: String::new(),
                from: joined.to_owned(),
                joined: "r.unit_id = $1",
            },
            Some(ids) => Tables {
                with: format!("WITH m AS MATERIALIZED ({ids}) "),
                from: format!("m CROSS JOIN {joined}"),
                joined: "r.case_id = m.case_id AND r.unit_id = $1",
            },
        }
    }
}

/// The parts of a list's statement that depend on where it starts (`Conditions::from`).
struct Tables {
    with: String,
    from: String,
    joined: &'static str,
}

/// How small a word search's set must be for the list to start from it (`few_found`).
#[derive(Clone, Copy, Debug)]
enum Crossover {
    /// Where the two ways cost alike for this reader.
    ForReader,
    /// A given size (the tests, which list every search both ways).
    Fixed(i64),
}

/// The conditions every case of the list meets: the reader may see it, it passes the filters
/// and the search.
async fn conditions(
    db: &Db,
    reader: &SessionUser,
    query: &CaseQuery,
    now: i64,
    crossover: Crossover,
) -> sqlx::Result<Conditions> {
    let mut w = Conditions::new();
    w.push(sensitive_allowed("$2"));
    // The search first: a number, a name or a phone is the smallest set to start from.
    if let Some(search) = Search::parse(&query.search) {
        let found = match &search {
            Search::Words {
                name_term, grams, ..
            } => {
                // What reading the reader's cases costs: read for a word search alone.
                let reached = crate::cases::reach::cases_reached(db, reader.unit_id).await?;
                let few = match crossover {
                    Crossover::ForReader => few_found(reached),
                    Crossover::Fixed(few) => few,
                };
                let found = words_found(db, name_term, grams, few).await?;
                // Read newest first, a list is counted only when all its reader's cases are
                // cheap to read: a village's or a township's few thousand, not a county's million.
                w.countable = found.few() || reached <= CHEAP_TO_READ;
                Some(found)
            }
            Search::Digits { .. } => None,
        };
        searched(&mut w, &search, found);
    }
    filter(&mut w, query, now);
    Ok(w)
}

/// What reading one case of a search's set costs (its reach looked up, its row read, the set
/// sorted), in index probes of the reader's cases read newest first: 25 µs against 7 µs on
/// PostgreSQL at 658,500 cases, rounded down because the set's cost is bounded where reading
/// newest first is not (a page of cases that have the pair but not the words reads on).
const SET_CASE_IN_PROBES: i64 = 3;

/// How few cases a word search must find by its terms for the list to start from them,
/// looking each one up, for a reader who has `reached` cases. With more, the reader's cases
/// are read newest first and each is checked against the terms' index before its row is read.
/// A set of N cases costs about N × `SET_CASE_IN_PROBES` one way; a subtree of R cases read
/// until a page is found costs about 51 × R ÷ N probes the other. They meet where
/// N² × 3 = 51 × R: about 4,100 for a county of a million cases, 180 for a village of 2,000
/// (docs/statistics.md, "At scale").
fn few_found(reached: i64) -> i64 {
    let page = PAGE_SIZE as i64 + 1;
    ((page * reached.max(0) / SET_CASE_IN_PROBES) as f64).sqrt() as i64
}

/// How many cases a reader may have for a list read newest first still to be counted.
const CHEAP_TO_READ: i64 = 10_000;

/// How many of a search's pairs are counted to find the rarest: each count reads the index.
const GRAMS_PROBED: usize = 6;

/// What the terms of a word search find: the party name's cases and the summary's rarest pair
/// of characters, each with how many cases have it (counted up to `few`).
struct WordsFound {
    named: i64,
    rarest: Option<(String, i64)>,
    few: i64,
}

impl WordsFound {
    /// Few enough cases to start from: those named, and those with the rarest pair.
    fn few(&self) -> bool {
        let with_gram = self.rarest.as_ref().map_or(0, |(_, cases)| *cases);
        self.named + with_gram < self.few
    }
}

async fn words_found(
    db: &Db,
    name_term: &str,
    grams: &[String],
    few: i64,
) -> sqlx::Result<WordsFound> {
    let named = cases_with(db, name_term, few).await?;
    let mut rarest: Option<(String, i64)> = None;
    for gram in grams.iter().take(GRAMS_PROBED) {
        let cases = cases_with(db, gram, few).await?;
        if rarest.as_ref().is_none_or(|(_, fewest)| cases < *fewest) {
            rarest = Some((gram.clone(), cases));
        }
        if cases == 0 {
            break;
        }
    }
    Ok(WordsFound { named, rarest, few })
}

/// How many cases have `term`, counted up to `few`.
async fn cases_with(db: &Db, term: &str, few: i64) -> sqlx::Result<i64> {
    sqlx::query("SELECT COUNT(*) FROM (SELECT 1 FROM case_terms WHERE term = $1 LIMIT $2) x")
        .bind(term)
        .bind(few)
        .fetch_one(&db.pool)
        .await?
        .try_get(0)
}

/// The query with the reader's unit (`$1`), the reader (`$2`) and the conditions' values bound.
fn bound<'q>(
    sql: &'q str,
    reader: &SessionUser,
    params: Vec<Param>,
) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>> {
    let mut q = sqlx::query(sql).bind(reader.unit_id).bind(reader.id);
    for p in params {
        q = match p {
            Param::Int(v) => q.bind(v),
            Param::Text(v) => q.bind(v),
        };
    }
    q
}

/// How many cases the list holds, over all its pages (the dashboard's figures that are counted
/// now — overdue, backlog — and the test that each figure is the cases behind it).
pub async fn count(
    db: &Db,
    reader: &SessionUser,
    query: &CaseQuery,
    now: i64,
) -> sqlx::Result<i64> {
    let w = conditions(db, reader, query, now, Crossover::ForReader).await?;
    let Tables { with, from, joined } = w.from();
    let sql = format!(
        "{with}SELECT COUNT(*) FROM {from} WHERE {joined} AND {}",
        w.sql.join(" AND ")
    );
    bound(&sql, reader, w.params)
        .fetch_one(&db.pool)
        .await?
        .try_get(0)
}

pub async fn list(
    db: &Db,
    reader: &SessionUser,
    query: &CaseQuery,
    now: i64,
) -> sqlx::Result<CaseListPage> {
    list_in(db, reader, query, now, Crossover::ForReader).await
}

/// `list`, with a word search found from its terms' cases when they are fewer than
/// `few_found`, else by reading the reader's cases newest first. The way changes what the list
/// costs, never what it holds: the tests list both ways and compare.
pub async fn list_starting(
    db: &Db,
    reader: &SessionUser,
    query: &CaseQuery,
    now: i64,
    few_found: i64,
) -> sqlx::Result<CaseListPage> {
    list_in(db, reader, query, now, Crossover::Fixed(few_found)).await
}

async fn list_in(
    db: &Db,
    reader: &SessionUser,
    query: &CaseQuery,
    now: i64,
    crossover: Crossover,
) -> sqlx::Result<CaseListPage> {
    let w = conditions(db, reader, query, now, crossover).await?;
    // Counted before the page's own condition (beside the case it starts from) is added.
    let total = match w.countable {
        true => Some(counted(db, reader, &w).await?),
        false => None,
    };
    let page = match &query.page {
        None => first_page(db, reader, w, query.order, now).await?,
        Some(PageFrom::After(case)) => {
            let (cases, more) =
                read_page(db, reader, w, query.order, Side::After(case), now).await?;
            paged(cases, case.page, more, true)
        }
        Some(PageFrom::Before(case)) => {
            let kept = w.clone();
            let (cases, more) =
                read_page(db, reader, w, query.order, Side::Before(case), now).await?;
            match (more, cases.len() == PAGE_SIZE) {
                (true, _) => paged(cases, case.page, true, true),
                // Exactly a page before it: the first page.
                (false, true) => paged(cases, 1, true, false),
                // Less than a page before it (cases came or went): the list's start, shown
                // full as the first page is.
                (false, false) => first_page(db, reader, kept, query.order, now).await?,
            }
        }
    };
    // A first page that is the whole list has counted itself.
    Ok(CaseListPage {
        total: page.total.or(total),
        ..page
    })
}

/// The list's first page; with no next page it is the whole list, counted by what it shows.
async fn first_page(
    db: &Db,
    reader: &SessionUser,
    w: Conditions,
    order: Order,
    now: i64,
) -> sqlx::Result<CaseListPage> {
    let (cases, more) = read_page(db, reader, w, order, Side::Start, now).await?;
    let total = (!more).then_some(Total::Exactly(cases.len() as i64));
    Ok(CaseListPage {
        total,
        ..paged(cases, 1, more, false)
    })
}

/// Page `number` of the list, holding `cases`, with where the pages after and before it
/// start when there are such pages.
fn paged(cases: Vec<ListedCase>, number: u32, after: bool, before: bool) -> CaseListPage {
    let beside = |case: &ListedCase, by| Cursor {
        recorded_at: case.recorded_at,
        id: case.id.clone(),
        page: Cursor::numbered(number, by),
    };
    CaseListPage {
        next: cases.last().filter(|_| after).map(|c| beside(c, 1)),
        previous: cases.first().filter(|_| before).map(|c| beside(c, -1)),
        cases,
        total: None,
    }
}

/// Where a page is read from, in the list's order.
enum Side<'a> {
    Start,
    After(&'a Cursor),
    Before(&'a Cursor),
}

/// A page of the list from `side`, in the list's order, and whether cases lie beyond it (after
/// its last, or before its first when read backwards).
async fn read_page(
    db: &Db,
    reader: &SessionUser,
    mut w: Conditions,
    order: Order,
    side: Side<'_>,
    now: i64,
) -> sqlx::Result<(Vec<ListedCase>, bool)> {
    // A page before a case is read the other way from it, then turned round.
    let backwards = matches!(side, Side::Before(_));
    let ascending = (order == Order::Oldest) != backwards;
    let (direction, beyond) = match ascending {
        false => ("DESC", "<"),
        true => ("ASC", ">"),
    };
    if let Side::After(case) | Side::Before(case) = side {
        let at = w.bind(Param::Int(case.recorded_at));
        let id = w.bind(Param::Text(case.id.clone()));
        w.push(format!(
            "(r.recorded_at {beyond} {at} OR (r.recorded_at = {at} AND r.case_id {beyond} {id}))"
        ));
    }
    let Tables { with, from, joined } = w.from();
    let sql = format!(
        "{with}SELECT c.id, c.number, c.summary, c.category, c.status, c.facts, c.recorded_at,
                c.deadline_at, c.backlog_listed_at, c.backlog_cleared_at, h.name AS holder_name
         FROM {from}
         WHERE {joined} AND {}
         ORDER BY r.recorded_at {direction}, r.case_id {direction}
         LIMIT {}",
        w.sql.join(" AND "),
        PAGE_SIZE + 1
    );
    let rows = bound(&sql, reader, w.params).fetch_all(&db.pool).await?;
    let mut cases = rows
        .iter()
        .map(|r| listed(r, now))
        .collect::<sqlx::Result<Vec<_>>>()?;
    let more = cases.len() > PAGE_SIZE;
    cases.truncate(PAGE_SIZE);
    if backwards {
        cases.reverse();
    }
    Ok((cases, more))
}

/// How many cases the list holds over all its pages, up to `COUNTED_UP_TO` and no further:
/// the list read on until that many are found (or its cases end), not the page's 51.
async fn counted(db: &Db, reader: &SessionUser, w: &Conditions) -> sqlx::Result<Total> {
    let Tables { with, from, joined } = w.from();
    let sql = format!(
        "{with}SELECT COUNT(*) FROM (SELECT 1 FROM {from} WHERE {joined} AND {} LIMIT {}) x",
        w.sql.join(" AND "),
        COUNTED_UP_TO + 1
    );
    let n: i64 = bound(&sql, reader, w.params.clone())
        .fetch_one(&db.pool)
        .await?
        .try_get(0)?;
    Ok(if n > COUNTED_UP_TO {
        Total::MoreThan(COUNTED_UP_TO)
    } else {
        Total::Exactly(n)
    })
}

/// The filters of the form, each a condition on `c` (the case) or `h` (its holder).
fn filter(w: &mut Conditions, query: &CaseQuery, now: i64) {
    if let Some(statuses) = query.status.statuses() {
        w.push(format!(
            "c.status IN ({})",
            crate::db::sql_list(statuses.iter().map(|s| s.code()))
        ));
    }
    if let Some(category) = &query.category {
        let p = w.bind(Param::Text(category.clone()));
        w.push(format!("c.category = {p}"));
    }
    if let Some(kind) = query.holder_kind {
        let p = w.bind(Param::Text(kind.code().to_owned()));
        w.push(format!("h.kind = {p}"));
    }
    if let Some(unit) = query.unit {
        let p = w.bind(Param::Int(unit));
        w.push(format!(
            "EXISTS (SELECT 1 FROM case_reach u WHERE u.case_id = c.id AND u.unit_id = {p})"
        ));
    }
    if let Some(channel) = query.channel {
        let p = w.bind(Param::Text(channel.code().to_owned()));
        w.push(format!("c.channel = {p}"));
    }
    if let Some(from) = query.from {
        let p = w.bind(Param::Int(day_start(from)));
        w.push(format!("r.recorded_at >= {p}"));
    }
    if let Some(to) = query.to {
        let p = w.bind(Param::Int(to.end_unix_ms()));
        w.push(format!("r.recorded_at <= {p}"));
    }
    if query.backlog {
        let on_register = "backlog_listed_at IS NOT NULL AND backlog_cleared_at IS NULL";
        w.push(format!("c.{on_register}"));
        w.drive(format!(
            "SELECT id AS case_id FROM cases WHERE {on_register}"
        ));
    }
    if query.overdue {
        let p = w.bind(Param::Int(now));
        let open = crate::db::sql_list(
            CaseStatus::ALL
                .iter()
                .filter(|s| s.is_open())
                .map(|s| s.code()),
        );
        w.push(format!("c.deadline_at < {p} AND c.status IN ({open})"));
        // Index `cases_open_by_deadline`: the open cases, by deadline.
        w.drive(format!(
            "SELECT id AS case_id FROM cases WHERE status IN ({open}) AND deadline_at < {p}"
        ));
    }
    if let Some(had) = query.had {
        // The event's code is one of two fixed codes, never the person's text.
        w.drive(format!(
            "SELECT DISTINCT e.case_id FROM case_events e WHERE e.kind = '{}'",
            had.code()
        ));
    }
    if let Some(count) = query.figure {
        // The count's name is one of `Contribution::NAMES`, never the person's text.
        w.push(format!(
            "EXISTS (SELECT 1 FROM case_figures f WHERE f.case_id = c.id AND f.{} = 1)",
            count.code()
        ));
    }
}

/// The search box: digits match a case number, its sequence or a phone; words match a party's
/// name or the summary's text. A case with the words in its summary has every pair of their
/// characters, so one pair (`found`'s rarest) narrows the cases before the text is compared.
fn searched(w: &mut Conditions, search: &Search, found: Option<WordsFound>) {
    match search {
        Search::Digits { terms } => {
            let placeholders: Vec<String> = terms
                .iter()
                .map(|t| w.bind(Param::Text(t.clone())))
                .collect();
            w.drive(format!(
                "SELECT DISTINCT t.case_id FROM case_terms t WHERE t.term IN ({})",
                placeholders.join(", ")
            ));
        }
        Search::Words {
            name_term, words, ..
        } => {
            let name = w.bind(Param::Text(name_term.clone()));
            let in_summary: Vec<String> = words
                .iter()
                .map(|word| {
                    let like = w.bind(Param::Text(like_anywhere(word)));
                    format!("c.summary LIKE {like} ESCAPE '\\'")
                })
                .collect();
            // One probe of the terms' primary key per case. `OFFSET 0` keeps PostgreSQL from
            // turning the EXISTS into a hashed subplan, which reads every case with the term
            // first: for a common name's pair that is tens of thousands of rows a search, where
            // a page needs a few thousand probes at most (docs/statistics.md, "At scale").
            let has = |term: &str, case: &str| {
                format!(
                    "EXISTS (SELECT 1 FROM case_terms t WHERE t.term = {term} AND t.case_id = {case}
                             LIMIT 1 OFFSET 0)"
                )
            };
            w.push(format!(
                "({} OR ({}))",
                has(&name, "c.id"),
                in_summary.join(" AND ")
            ));
            let Some(found) = found else { return };
            let few = found.few();
            let Some((gram, _)) = found.rarest else {
                return;
            };
            let gram = w.bind(Param::Text(gram));
            if few {
                w.drive(format!(
                    "SELECT DISTINCT t.case_id FROM case_terms t WHERE t.term IN ({name}, {gram})"
                ));
            } else {
                // On the reach row alone, so the case's row is read only for a case that has
                // one of the terms.
                w.push(format!(
                    "({} OR {})",
                    has(&name, "r.case_id"),
                    has(&gram, "r.case_id")
                ));
            }
        }
    }
}

/// The first millisecond of `day` (China time).
fn day_start(day: Day) -> i64 {
    day.plus(-1).end_unix_ms() + 1
}

fn listed(r: &sqlx::any::AnyRow, now: i64) -> sqlx::Result<ListedCase> {
    let status: String = r.try_get("status")?;
    let status = CaseStatus::from_code(&status)
        .ok_or_else(|| sqlx::Error::Decode(format!("unknown case status {status:?}").into()))?;
    let facts: String = r.try_get("facts")?;
    let parties = serde_json::from_str::<DisputeFacts>(&facts)
        .map(|f| f.parties.into_iter().map(|p| p.name).collect())
        .unwrap_or_default();
    let deadline: Option<i64> = r.try_get("deadline_at")?;
    let deadline = deadline.filter(|_| status.is_open());
    let on_register = r.try_get::<Option<i64>, _>("backlog_listed_at")?.is_some()
        && r.try_get::<Option<i64>, _>("backlog_cleared_at")?.is_none();
    Ok(ListedCase {
        id: r.try_get("id")?,
        number: r.try_get("number")?,
        summary: r.try_get("summary")?,
        category: r.try_get("category")?,
        status,
        holder_name: r.try_get("holder_name")?,
        parties,
        recorded_at: r.try_get("recorded_at")?,
        deadline: deadline.map(Day::of_unix_ms),
        overdue: deadline.is_some_and(|d| d < now),
        backlog: on_register,
    })
}

/// The units of the reader's subtree the list may be narrowed to: the mediation organisations
/// and grids below the reader's unit, nearest first.
pub async fn unit_options(db: &Db, reader: &SessionUser) -> sqlx::Result<Vec<UnitOption>> {
    Ok(crate::people::directory::subtree(db, reader.unit_id)
        .await?
        .into_iter()
        .filter(|(u, _)| u.id != reader.unit_id)
        .map(|(u, depth)| UnitOption {
            id: u.id,
            name: u.name,
            depth,
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::few_found;

    #[test]
    fn the_crossover_grows_with_the_square_root_of_the_readers_cases() {
        assert_eq!(few_found(0), 0);
        assert_eq!(few_found(2_000), 184);
        assert_eq!(few_found(1_000_000), 4_123);
        // Four times the cases, twice the set.
        assert_eq!(few_found(4_000_000), 8_246);
    }
}
