//! `server demo generate --cases N`: a district's worth of cases for the benchmarks of the
//! figures, the search and the report (docs/statistics.md). Each case is written as the sync
//! writes one, with the same invariants: numbered in its county and year, routed by the rules
//! from its grid (`rules::engine::decide`), every event appended to its hash chain
//! (`cases::log::append`), the units it reached (`cases::reach`), its search terms
//! (`cases::terms`) and its figures (`stats::store::restate`) written in the transaction that
//! writes the case. Dates spread over the last three years; the mix of categories, amounts,
//! tiers and outcomes is a plausible district's, from a seeded generator, so a run repeats.

use crate::cases::log::{self as case_log, next_change_seq, Event};
use crate::cases::reach::{self, Holding};
use crate::db::Db;
use crate::people::directory::routing_tree;
use domain::clock::{Day, DAY_MS};
use domain::dispute::{DisputeFacts, Party, PartyKind, PartyRole, Source};
use domain::events::EventKind;
use domain::jurisdiction::UnitKind;
use domain::mediators::Mediator;
use domain::procedure::CaseStatus;
use domain::rules::engine::{decide, escalation_target};
use domain::rules::{RoutingTree, RuleSet};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use sqlx::{Any, AnyConnection, Row, Transaction};
use std::collections::hash_map::{Entry, HashMap};

/// How many cases one transaction writes.
const BATCH: usize = 500;
/// The span the cases are spread over: three years.
const SPAN_MS: i64 = 3 * 365 * DAY_MS;

/// A grid the generated cases are recorded in, with what writing them needs.
struct Grid {
    tree: RoutingTree,
    recorder: i64,
    county: (i64, String),
}

/// What became of a generated case.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Fate {
    /// Still with its first holder, received or accepted.
    Open {
        accepted: bool,
    },
    Declined,
    /// Resolved where it was routed, or one rung up after an escalation.
    Resolved {
        escalated: bool,
    },
    /// Agreed, visited and closed.
    Closed {
        escalated: bool,
    },
    Terminated {
        escalated: bool,
    },
}

/// Writes `cases` cases; how many were written.
pub async fn generate(
    db: &Db,
    rules: &RuleSet,
    cases: usize,
    seed: u64,
    now: i64,
) -> anyhow::Result<usize> {
    let grids = grids(db).await?;
    anyhow::ensure!(
        !grids.is_empty(),
        "no grid with a grid worker to record the cases"
    );
    let categories: Vec<String> = crate::people::catalogue::all(db)
        .await?
        .into_iter()
        .filter(|c| !c.retired)
        .map(|c| c.code)
        .collect();
    let mut known = Known {
        rng: StdRng::seed_from_u64(seed),
        trees: HashMap::new(),
        pools: HashMap::new(),
    };
    let mut written = 0;
    // The planner's statistics are gathered again each time the district doubles: PostgreSQL
    // estimates from the last gathering (and autovacuum, which would gather them, may be off),
    // so a per-case lookup planned for a tenth of the rows may turn into a parallel scan.
    let mut gather_at = 10_000;
    while written < cases {
        let mut tx = db.pool.begin().await?;
        for _ in 0..BATCH.min(cases - written) {
            let grid = &grids[known.rng.gen_range(0..grids.len())];
            let recorded_at = now - known.rng.gen_range(0..SPAN_MS);
            let facts = facts(&mut known.rng, &categories, written);
            write_case(&mut tx, rules, grid, &facts, recorded_at, now, &mut known).await?;
            written += 1;
        }
        tx.commit().await?;
        if written >= gather_at && written < cases {
            db.gather_statistics().await?;
            gather_at *= 2;
        }
    }
    db.settle_after_bulk_write().await?;
    Ok(written)
}

/// The generator's dice, and what writing cases reads again and again, read once: the tree
/// above each holder and its mediators (neither changes while cases are generated).
struct Known {
    rng: StdRng,
    trees: HashMap<i64, RoutingTree>,
    pools: HashMap<i64, Vec<Mediator>>,
}

impl Known {
    async fn tree(&mut self, conn: &mut AnyConnection, unit: i64) -> sqlx::Result<&RoutingTree> {
        if let Entry::Vacant(first) = self.trees.entry(unit) {
            first.insert(routing_tree(&mut *conn, unit).await?);
        }
        Ok(&self.trees[&unit])
    }

    /// A mediator of `unit`'s pool (its own or an ancestor's), as 办案 puts one on.
    async fn mediator(
        &mut self,
        conn: &mut AnyConnection,
        unit: i64,
    ) -> sqlx::Result<Option<&Mediator>> {
        if let Entry::Vacant(first) = self.pools.entry(unit) {
            first.insert(crate::people::mediator_pool::pool_of(&mut *conn, unit).await?);
        }
        let pool = &self.pools[&unit];
        Ok((!pool.is_empty()).then(|| &pool[self.rng.gen_range(0..pool.len())]))
    }
}

/// The grids that have a grid worker, each with its tree and county.
async fn grids(db: &Db) -> anyhow::Result<Vec<Grid>> {
    let rows = sqlx::query(
        "SELECT g.id AS grid_id, MIN(p.id) AS recorder FROM units g
         JOIN users p ON p.unit_id = g.id AND p.role = 'grid_worker'
         WHERE g.kind = 'grid' GROUP BY g.id ORDER BY g.id",
    )
    .fetch_all(&db.pool)
    .await?;
    let mut out = Vec::new();
    for r in rows {
        let tree = routing_tree(&db.pool, r.try_get("grid_id")?).await?;
        let Some(county) = tree
            .ladder()
            .into_iter()
            .find(|u| u.kind == UnitKind::County)
            .cloned()
        else {
            continue;
        };
        out.push(Grid {
            county: (
                county.id,
                county
                    .code
                    .clone()
                    .unwrap_or_else(|| format!("U{}", county.id)),
            ),
            recorder: r.try_get("recorder")?,
            tree,
        });
    }
    Ok(out)
}

/// A plausible dispute: mostly small neighbourhood and family matters, some large sums, a few
/// with many people, a tenth resolved on the spot.
fn facts(rng: &mut StdRng, categories: &[String], n: usize) -> DisputeFacts {
    const SURNAMES: [&str; 12] = [
        "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙",
    ];
    const GIVEN: [&str; 10] = [
        "建国", "秀英", "伟", "静", "洋", "立新", "明", "敏", "芳", "强",
    ];
    let mut person = |role| Party {
        name: format!(
            "{}{}",
            SURNAMES[rng.gen_range(0..SURNAMES.len())],
            GIVEN[rng.gen_range(0..GIVEN.len())]
        ),
        role,
        kind: PartyKind::Person,
        phone: Some(format!("139{:08}", rng.gen_range(0..100_000_000))),
        id_number: None,
    };
    let parties = vec![person(PartyRole::Applicant), person(PartyRole::Respondent)];
    let yuan = match rng.gen_range(0..100) {
        0..=39 => None,
        40..=79 => Some(rng.gen_range(500..10_000)),
        80..=93 => Some(rng.gen_range(10_000..100_000)),
        94..=98 => Some(rng.gen_range(100_000..1_000_000)),
        _ => Some(rng.gen_range(1_000_000..5_000_000)),
    };
    let category = categories[rng.gen_range(0..categories.len())].clone();
    DisputeFacts {
        summary: summary(rng, &category, &parties[0].name, &parties[1].name, n),
        category,
        parties,
        amount_fen: yuan.map(|y: i64| y * 100),
        people_involved: if rng.gen_range(0..100) < 3 {
            30
        } else {
            rng.gen_range(2..6)
        },
        location: "生成数据".into(),
        gps: None,
        facts_clear: rng.gen_range(0..100) < 70,
        sensitive: rng.gen_range(0..100) < 1,
        petition_risk: rng.gen_range(0..100) < 2,
        resolved_on_spot: (rng.gen_range(0..100) < 10).then(|| "当场化解".to_owned()),
        consent_to_transfer: false,
        source: Source::GridPatrol,
    }
}

/// What grid workers write: a scene of the category's kind in their words, with the thing it
/// is about, so that a word of it is in some summaries and not others, as in a real district.
fn summary(rng: &mut StdRng, category: &str, a: &str, b: &str, n: usize) -> String {
    // `{a}`, `{b}`: the parties; `{t}`: a thing; `{k}`: a number.
    const SCENES: [(&str, &str); 16] = [
        (
            "neighbourhood",
            "{a}家楼上卫生间漏水渗到{b}家，为{t}维修费用协商未果",
        ),
        (
            "neighbourhood",
            "{a}在楼道堆放{t}，邻居{b}多次劝说无果发生争吵",
        ),
        ("neighbourhood", "{a}与{b}因{t}占用公共通道发生口角"),
        ("marriage_family", "{a}与{b}因赡养老人和{t}分配产生矛盾"),
        ("marriage_family", "{a}与{b}离婚后就子女抚养费和{t}归属争执"),
        (
            "property_management",
            "业主{a}拖欠物业费{k}个月，称{t}长期损坏无人维修",
        ),
        ("land_housing", "{a}与{b}因宅基地界址和{t}位置争议"),
        ("land_housing", "{a}在承包地上搭建{t}，{b}认为侵占其土地"),
        (
            "labour_wages",
            "{a}等{k}名工人被拖欠工资，包工头{b}称{t}款项未结",
        ),
        ("traffic", "{a}驾驶{t}与{b}发生碰擦，就赔偿金额协商不成"),
        ("consumer", "{a}在{b}处购买{t}出现质量问题要求退款"),
        ("contract_loan", "{a}向{b}借款用于购买{t}，逾期{k}个月未还"),
        ("construction", "{a}承建{b}家{t}工程，验收时对质量有异议"),
        ("environment", "{a}经营的{t}噪音扰民，{b}等居民投诉"),
        ("medical", "{a}在诊所治疗后出现{t}症状，家属{b}要求赔偿"),
        ("other", "{a}与{b}因{t}发生纠纷，请求调解"),
    ];
    const THINGS: [&str; 24] = [
        "电动车",
        "空调外机",
        "鸡舍",
        "围墙",
        "化粪池",
        "排水沟",
        "树木",
        "车位",
        "楼顶花园",
        "杂物",
        "鱼塘",
        "果园",
        "农机具",
        "太阳能热水器",
        "门面房",
        "广告牌",
        "挖掘机",
        "吊顶",
        "防盗窗",
        "宠物狗",
        "家具",
        "手机",
        "过敏",
        "自建房",
    ];
    let own: Vec<&str> = SCENES
        .iter()
        .filter(|(c, _)| *c == category)
        .map(|(_, t)| *t)
        .collect();
    let scene = if own.is_empty() {
        SCENES[rng.gen_range(0..SCENES.len())].1
    } else {
        own[rng.gen_range(0..own.len())]
    };
    let thing = THINGS[rng.gen_range(0..THINGS.len())];
    let text = scene
        .replace("{a}", a)
        .replace("{b}", b)
        .replace("{t}", thing)
        .replace("{k}", &rng.gen_range(2..13).to_string());
    format!("{text}（生成数据 {n}）")
}

/// What becomes of a case received `age` ago: recent ones are often still open.
fn fate(rng: &mut StdRng, age: i64) -> Fate {
    // A case's steps lie up to two days after its receipt: a younger one has taken none yet,
    // so no event is dated in the future.
    if age < 2 * DAY_MS {
        return Fate::Open { accepted: false };
    }
    let escalated = rng.gen_range(0..100) < 15;
    if age < 30 * DAY_MS && rng.gen_range(0..100) < 60 {
        return Fate::Open {
            accepted: rng.gen_bool(0.5),
        };
    }
    match rng.gen_range(0..100) {
        0..=2 => Fate::Declined,
        3..=32 => Fate::Resolved { escalated },
        33..=89 => Fate::Closed { escalated },
        _ => Fate::Terminated { escalated },
    }
}

/// One case and its whole timeline, in `tx`.
async fn write_case(
    tx: &mut Transaction<'static, Any>,
    rules: &RuleSet,
    grid: &Grid,
    facts: &DisputeFacts,
    recorded_at: i64,
    now: i64,
    known: &mut Known,
) -> anyhow::Result<()> {
    let decision = decide(facts, &grid.tree, rules, Day::of_unix_ms(recorded_at))?;
    let id = uuid::Builder::from_random_bytes(known.rng.gen())
        .into_uuid()
        .to_string();
    let number =
        crate::sync::next_case_number(tx, grid.county.0, &grid.county.1, recorded_at).await?;
    let on_spot = decision.holder.id == grid.tree.grid_id && decision.deadline.is_none();
    let fate = if on_spot {
        None
    } else {
        Some(fate(&mut known.rng, now - recorded_at))
    };
    // The holder at the end: the first, or the rung above it after an escalation.
    let escalated_to = match fate {
        Some(
            Fate::Resolved { escalated: true }
            | Fate::Closed { escalated: true }
            | Fate::Terminated { escalated: true },
        ) => escalation_target(
            known.tree(&mut *tx, decision.holder.id).await?,
            decision.holder.id,
        ),
        _ => None,
    };
    let holder = escalated_to.as_ref().unwrap_or(&decision.holder).id;
    let hour = 3_600_000;
    let step = |n: i64| recorded_at + n * 6 * hour;
    let status = match fate {
        None => CaseStatus::ResolvedOnSpot,
        Some(Fate::Open { accepted: false }) => CaseStatus::Routed,
        Some(Fate::Open { accepted: true }) => CaseStatus::Accepted,
        Some(Fate::Declined) => CaseStatus::Declined,
        Some(Fate::Resolved { .. }) => CaseStatus::Resolved,
        Some(Fate::Closed { .. }) => CaseStatus::Closed,
        Some(Fate::Terminated { .. }) => CaseStatus::Terminated,
    };
    let taken_on = |s| {
        !matches!(
            s,
            CaseStatus::Routed | CaseStatus::Declined | CaseStatus::ResolvedOnSpot
        )
    };
    let closed = status == CaseStatus::Closed;
    let facts_json = serde_json::to_string(facts)?;
    let seq = next_change_seq(tx).await?;
    sqlx::query(
        "INSERT INTO cases (id, number, recorder_id, grid_id, holder_unit_id, category, summary, facts,
                            sensitive, status, recorded_at, created_at, change_seq, channel,
                            complexity, deadline_at, received_at, acknowledged_at, accepted_at,
                            followed_up_at, closed_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11, $12, $13, $14, $15, $11, $16,
                 $17, $18, $19)",
    )
    .bind(&id)
    .bind(&number)
    .bind(grid.recorder)
    .bind(grid.tree.grid_id)
    .bind(holder)
    .bind(&facts.category)
    .bind(&facts.summary)
    .bind(&facts_json)
    .bind(i64::from(facts.sensitive))
    .bind(status.code())
    .bind(recorded_at)
    .bind(seq)
    .bind(decision.channel.code())
    .bind(decision.complexity.code())
    .bind(decision.deadline.map(Day::end_unix_ms))
    .bind((!on_spot).then(|| step(1)))
    .bind(taken_on(status).then(|| step(3)))
    .bind(closed.then(|| step(7)))
    .bind(closed.then(|| step(8)))
    .execute(&mut **tx)
    .await?;
    reach::recorded_by(tx, &id, grid.tree.grid_id).await?;
    crate::cases::terms::write(tx, &id, &number, &facts.parties, &facts.summary).await?;
    crate::warnings::keep_parties(tx, &id, facts).await?;
    let mut log = Log {
        tx,
        case_id: &id,
        actor: grid.recorder,
        events: Vec::new(),
    };
    log.put(
        EventKind::Recorded,
        Some(grid.tree.grid_id),
        recorded_at,
        Some(facts_json.clone()),
    );
    // As the sync records a case: resolved on the spot (kept by the grid), then routed.
    if on_spot {
        let result = serde_json::json!({ "result": "当场化解" }).to_string();
        log.put(
            EventKind::ResolvedOnSpot,
            Some(grid.tree.grid_id),
            recorded_at,
            Some(result),
        );
    }
    reach::hold(
        &mut *log.tx,
        &id,
        decision.holder.id,
        Holding::Lead,
        recorded_at,
    )
    .await?;
    let routed = serde_json::json!({
        "holder": decision.holder.id,
        "channel": decision.channel,
        "deadline": decision.deadline,
        "fired": decision.fired,
        "rules_version": rules.version,
    });
    log.put(
        EventKind::Routed,
        Some(decision.holder.id),
        recorded_at,
        Some(routed.to_string()),
    );
    if let Some(to) = &escalated_to {
        log.put(EventKind::Accepted, Some(decision.holder.id), step(1), None);
        sqlx::query("DELETE FROM case_holders WHERE case_id = $1")
            .bind(&id)
            .execute(&mut **log.tx)
            .await?;
        reach::hold(&mut *log.tx, &id, to.id, Holding::Lead, step(2)).await?;
        let payload = serde_json::json!({ "reason": "本级调解未果", "from": decision.holder.id, "to": to.id, "deadline": decision.deadline });
        log.put(
            EventKind::Escalated,
            Some(to.id),
            step(2),
            Some(payload.to_string()),
        );
    }
    let at_holder = Some(holder);
    if taken_on(status) {
        log.put(EventKind::Accepted, at_holder, step(3), None);
        if let Some(who) = known.mediator(&mut *log.tx, holder).await? {
            sqlx::query(
                "INSERT INTO case_mediators (case_id, mediator_id, invited, since)
                 VALUES ($1, $2, 0, $3)",
            )
            .bind(&id)
            .bind(who.id)
            .bind(step(4))
            .execute(&mut **log.tx)
            .await?;
            let payload = crate::casework::team::assignment_payload(who, None);
            log.put(
                EventKind::MediatorAssigned,
                at_holder,
                step(4),
                Some(payload.to_string()),
            );
        }
    }
    match status {
        CaseStatus::Declined => {
            log.put(
                EventKind::Declined,
                at_holder,
                step(3),
                Some(r#"{"reason":"已起诉至法院"}"#.into()),
            );
        }
        CaseStatus::Resolved => {
            log.put(
                EventKind::Resolved,
                at_holder,
                step(5),
                Some(r#"{"result":"双方和解"}"#.into()),
            );
        }
        CaseStatus::Terminated => {
            log.put(
                EventKind::Terminated,
                at_holder,
                step(5),
                Some(r#"{"reason":"分歧过大"}"#.into()),
            );
        }
        CaseStatus::Closed => {
            log.put(
                EventKind::AgreementReached,
                at_holder,
                step(5),
                Some(r#"{"terms":"按协议履行"}"#.into()),
            );
            let satisfaction = match known.rng.gen_range(0..100) {
                0..=79 => "satisfied",
                80..=94 => "fair",
                _ => "dissatisfied",
            };
            let visit = serde_json::json!({ "performance": "full", "satisfaction": satisfaction, "notes": "已回访" });
            log.put(
                EventKind::FollowedUp,
                Some(grid.tree.grid_id),
                step(7),
                Some(visit.to_string()),
            );
            log.put(EventKind::Closed, at_holder, step(8), None);
        }
        _ => {}
    }
    log.write().await?;
    crate::stats::store::restate(&mut *log.tx, &id).await?;
    Ok(())
}

/// A generated case's events, written as its timeline once the case's other rows are in.
struct Log<'t> {
    tx: &'t mut Transaction<'static, Any>,
    case_id: &'t str,
    actor: i64,
    events: Vec<(EventKind, Option<i64>, i64, Option<String>)>,
}

impl Log<'_> {
    fn put(&mut self, kind: EventKind, unit_id: Option<i64>, at: i64, payload: Option<String>) {
        self.events.push((kind, unit_id, at, payload));
    }

    /// Appends the events, chained, in the order they were put.
    async fn write(&mut self) -> sqlx::Result<()> {
        let events: Vec<Event> = self
            .events
            .iter()
            .map(|(kind, unit_id, at, payload)| Event {
                case_id: self.case_id,
                kind: *kind,
                actor_id: Some(self.actor),
                unit_id: *unit_id,
                client_time: Some(*at),
                server_time: *at,
                rule: None,
                payload: payload.as_deref(),
            })
            .collect();
        case_log::append_timeline(self.tx, &events).await
    }
}

/// One measured query: its name and the median of its runs, in milliseconds.
pub struct Measured {
    pub name: &'static str,
    pub median_ms: f64,
    pub runs: usize,
}

/// Times what an office does on a large district (docs/statistics.md): the county's
/// dashboard for this year and for three years, its searches, and a month's report — each run
/// `runs` times, the median kept.
pub async fn bench(db: &Db, runs: usize, now: i64) -> anyhow::Result<Vec<Measured>> {
    use app::api::case_list::{CaseQuery, PageFrom};
    use app::api::dashboard::Period;
    use domain::clock::Month;
    let county = office(db, "county").await?;
    let this_month = Month::of_unix_ms(now);
    let three_years = Period {
        from: Month::of_unix_ms(now - SPAN_MS),
        to: this_month,
    };
    let last_month = Period::month(Month::of_unix_ms(this_month.start_unix_ms() - 1));
    let sample: (String, String, String) = {
        let r =
            sqlx::query("SELECT number, facts FROM cases WHERE sensitive = 0 ORDER BY id LIMIT 1")
                .fetch_one(&db.pool)
                .await?;
        let facts: DisputeFacts = serde_json::from_str(&r.try_get::<String, _>("facts")?)?;
        let phone = facts.parties[0].phone.clone().unwrap_or_default();
        (
            r.try_get("number")?,
            facts.parties[0].name.clone(),
            phone[phone.len().saturating_sub(4)..].to_owned(),
        )
    };
    let search = |text: &str| CaseQuery {
        search: text.to_owned(),
        ..CaseQuery::default()
    };
    let mut out = Vec::new();
    macro_rules! measure {
        ($name:expr, $run:expr) => {{
            let mut times = Vec::with_capacity(runs);
            for _ in 0..runs {
                let started = std::time::Instant::now();
                $run;
                times.push(started.elapsed().as_secs_f64() * 1000.0);
            }
            times.sort_by(f64::total_cmp);
            out.push(Measured {
                name: $name,
                median_ms: times[times.len() / 2],
                runs,
            });
        }};
    }
    measure!("county dashboard, this year", {
        crate::stats::dashboard::view(db, &county, Period::year_to_date(this_month), now).await?
    });
    measure!("county dashboard, three years", {
        crate::stats::dashboard::view(db, &county, three_years, now).await?
    });
    measure!("county list, first page", {
        crate::cases::listing::list(db, &county, &CaseQuery::default(), now).await?
    });
    // 上一页 from the second page: the same index read the other way.
    let second = match crate::cases::listing::list(db, &county, &CaseQuery::default(), now)
        .await?
        .next
    {
        Some(last) => Some(
            crate::cases::listing::list(
                db,
                &county,
                &CaseQuery {
                    page: Some(PageFrom::After(last)),
                    ..CaseQuery::default()
                },
                now,
            )
            .await?,
        ),
        None => None,
    };
    if let Some(first) = second.and_then(|page| page.previous) {
        let back = CaseQuery {
            page: Some(PageFrom::Before(first)),
            ..CaseQuery::default()
        };
        measure!("county list, back from the second page", {
            crate::cases::listing::list(db, &county, &back, now).await?
        });
    }
    measure!("county search by case number", {
        crate::cases::listing::list(db, &county, &search(&sample.0), now).await?
    });
    measure!("county search by party name", {
        crate::cases::listing::list(db, &county, &search(&sample.1), now).await?
    });
    measure!("county search by phone's last 4 digits", {
        crate::cases::listing::list(db, &county, &search(&sample.2), now).await?
    });
    // A common word (a scene's), a rarer one (a thing's, in one summary of 24), and a
    // common word with a thing: each of its pairs is common, the whole is not.
    measure!("county search by a common word of the summary", {
        crate::cases::listing::list(db, &county, &search("漏水"), now).await?
    });
    measure!("county search by a rarer word of the summary", {
        crate::cases::listing::list(db, &county, &search("太阳能热水器"), now).await?
    });
    measure!("county search by two words of the summary", {
        crate::cases::listing::list(db, &county, &search("鱼塘维修"), now).await?
    });
    measure!("county search by a word in no summary", {
        crate::cases::listing::list(db, &county, &search("拆迁补偿"), now).await?
    });
    measure!("county report, last month", {
        crate::stats::report::monthly(db, &county, last_month).await?
    });
    measure!("county report, three years", {
        crate::stats::report::monthly(db, &county, three_years).await?
    });
    Ok(out)
}

/// The demo's staff member `username`, as the server's handlers receive them.
async fn office(db: &Db, username: &str) -> anyhow::Result<domain::session::SessionUser> {
    let id: i64 = sqlx::query_scalar("SELECT id FROM users WHERE username = $1")
        .bind(username)
        .fetch_one(&db.pool)
        .await?;
    // As a sign-in makes one: a short session, read back, closed.
    let token =
        crate::people::auth::sessions::open(db, id, std::time::Duration::from_secs(60)).await?;
    let user = crate::people::auth::sessions::lookup(db, &token).await?;
    crate::people::auth::sessions::close(db, &token).await?;
    user.ok_or_else(|| anyhow::anyhow!("no active user {username}"))
}
