//! Issue 16: the figures, on a hand-built set of cases whose right answers are written here —
//! a declined case, a case escalated twice and agreed at the county, a case resolved on the spot
//! by the grid worker, a court's entrusted case that ended without agreement, a case transferred
//! to the other village and resolved there, a sensitive case, one still waiting — and a span of
//! months with no cases. The sums kept case by case equal a recount from scratch: they cannot
//! drift from the cases.

mod common;

use common::cases::{dispute, push, record_op, settled};
use common::steps::{
    applied, entrusted, kept_figures, person_at, reader, record, today, transfer, unit_named,
};
use common::{TestDb, TestServer};
use domain::clock::Month;
use domain::figures::{Rate, Totals};
use domain::sync::Settled;
use serde_json::json;

async fn totals(server: &TestServer, username: &str, from: Month, to: Month) -> Totals {
    let db = server::db::Db::connect(&server.database_url).await.unwrap();
    let who = reader(server, username).await;
    let t = server::stats::read::totals(&db, &who, from, to)
        .await
        .unwrap();
    db.pool.close().await;
    t
}

async fn recorded(server: &TestServer, facts: domain::dispute::DisputeFacts) -> String {
    let phone = server.signed_in("grid").await;
    let op = record_op(&facts);
    let id = op["case_id"].as_str().unwrap().to_owned();
    assert!(matches!(
        settled(&push(&phone, server, &[op]).await),
        Settled::Applied { .. }
    ));
    id
}

async fn the_hand_built_set(db: TestDb) {
    let server = TestServer::start(db).await;
    let grid = server.signed_in("grid").await;
    let village = server.signed_in("village").await;
    let township = server.signed_in("township").await;
    let county = server.signed_in("county").await;
    let court = server.signed_in("court").await;
    let shawan = person_at(&server, "shawan_cadre", "mediator", "沙湾村").await;

    // A: declined by the village.
    let a = record(&server, &grid, "A 不予受理：已起诉至法院").await;
    applied(
        &server,
        &village,
        &a,
        "decline",
        json!({ "reason": "当事人已起诉" }),
    )
    .await;
    // B: escalated twice, agreed at the county, visited: satisfied.
    let b = record(&server, &grid, "B 两次上报：宅基地纠纷").await;
    applied(
        &server,
        &village,
        &b,
        "escalate",
        json!({ "reason": "村级未果" }),
    )
    .await;
    applied(
        &server,
        &township,
        &b,
        "escalate",
        json!({ "reason": "镇级未果" }),
    )
    .await;
    applied(&server, &county, &b, "accept", json!({})).await;
    applied(
        &server,
        &county,
        &b,
        "record_agreement",
        json!({ "terms": "按界桩重新划界", "signed_on": today(), "perform_by": today().plus(10) }),
    )
    .await;
    applied(
        &server,
        &grid,
        &b,
        "follow_up",
        json!({ "performance": "full", "satisfaction": "satisfied", "notes": "已履行" }),
    )
    .await;
    // C: resolved on the spot by the grid worker.
    let mut on_spot = dispute("neighbourhood", None, 2, "C 当场化解：占道晾晒");
    on_spot.resolved_on_spot = Some("当场劝导，双方和解".into());
    let c = recorded(&server, on_spot).await;
    // D: entrusted by the court to the village, ended without agreement.
    let zhangshutan = unit_named(&server, "樟树潭社区").await;
    let d = entrusted(&server, &court, zhangshutan, "D 委托调解：租金纠纷").await;
    applied(&server, &village, &d, "accept", json!({})).await;
    applied(
        &server,
        &village,
        &d,
        "terminate",
        json!({ "reason": "双方分歧过大" }),
    )
    .await;
    // E: transferred to 沙湾村 and resolved there.
    let e = record(&server, &grid, "E 移送：相邻排水纠纷").await;
    let shawan_id = unit_named(&server, "沙湾村").await;
    transfer(&server, &village, &e, shawan_id, "当事人在沙湾村").await;
    applied(&server, &shawan, &e, "accept", json!({})).await;
    applied(
        &server,
        &shawan,
        &e,
        "resolve",
        json!({ "result": "口头协议，当场履行" }),
    )
    .await;
    // F: sensitive — the township holds it; nobody here may see it, so it counts for nobody.
    let mut sensitive = dispute("neighbourhood", None, 2, "F 涉敏感");
    sensitive.sensitive = true;
    recorded(&server, sensitive).await;
    // G: still waiting for the village.
    record(&server, &grid, "G 待受理：噪音").await;
    for id in [&a, &b, &c, &d, &e] {
        assert_ne!(common::steps::status(&server, id).await, "routed", "{id}");
    }

    let this_month = Month::of_unix_ms(server::db::now_ms());
    for who in ["township", "county"] {
        let t = totals(&server, who, this_month, this_month).await;
        let f = t.0;
        assert_eq!(
            (
                f.received,
                f.taken_on,
                f.declined,
                f.resolved,
                f.terminated,
                f.open
            ),
            (6, 4, 1, 3, 1, 1),
            "{who}: A–E and G; F is sensitive"
        );
        assert_eq!(t.acceptance(), Rate { part: 4, whole: 5 }, "{who} 受理率");
        assert_eq!(t.acceptance().percent_text(), "80.0%");
        assert_eq!(t.success(), Rate { part: 3, whole: 4 }, "{who} 调解成功率");
        assert_eq!(t.success().percent_text(), "75.0%");
        // C at the grid and E at 沙湾村 stayed in the village; B went to the county.
        assert_eq!(
            t.in_village(),
            Rate { part: 2, whole: 3 },
            "{who} 小事不出村"
        );
        assert_eq!(t.in_village().percent_text(), "66.7%");
        assert_eq!(
            t.in_township(),
            Rate { part: 2, whole: 3 },
            "{who} 大事不出镇"
        );
        assert_eq!(t.on_time(), Rate { part: 5, whole: 5 }, "{who} 按期办结率");
        assert_eq!(t.satisfaction(), Rate { part: 1, whole: 1 }, "{who} 满意率");
        assert_eq!(
            (
                f.reached_village,
                f.reached_township,
                f.reached_county,
                f.reached_city
            ),
            (5, 1, 1, 0),
            "{who}: the funnel"
        );
    }
    // Each figure of the dashboard is the length of the list its link opens; a sibling
    // township's staff see none of it.
    every_figure_is_its_list(&server, "township", this_month).await;
    every_figure_is_its_list(&server, "county", this_month).await;
    the_report_files_hold_the_dashboards_figures(&server, &township, this_month).await;
    person_at(&server, "lianhua_staff", "staff", "莲花镇").await;
    let sibling = dashboard(&server, "lianhua_staff", this_month).await;
    assert_eq!(
        sibling.totals.0,
        Default::default(),
        "莲花镇 sees nothing of 樟潭街道"
    );
    assert!(sibling.by_category.is_empty());
    // 沙湾村 counts E only: it reached 沙湾村 by the transfer.
    let shawan_totals = totals(&server, "shawan_cadre", this_month, this_month).await;
    assert_eq!((shawan_totals.0.received, shawan_totals.0.resolved), (1, 1));
    // A year with no cases: nothing to divide, shown as —.
    let empty = totals(
        &server,
        "county",
        Month::parse("2020-01").unwrap(),
        Month::parse("2020-12").unwrap(),
    )
    .await;
    assert_eq!(empty.0.received, 0);
    for rate in [
        empty.acceptance(),
        empty.success(),
        empty.in_village(),
        empty.on_time(),
    ] {
        assert_eq!(rate.percent_text(), "—");
    }

    // Kept case by case, the sums equal a count from scratch.
    let db = server::db::Db::connect(&server.database_url).await.unwrap();
    let kept = kept_figures(&db).await;
    assert!(!kept.is_empty());
    let counted = server::stats::store::recount(&db.pool).await.unwrap();
    assert_eq!(counted, 7);
    assert_eq!(kept_figures(&db).await, kept);
    db.pool.close().await;
    server.stop().await;
}

async fn dashboard(
    server: &TestServer,
    username: &str,
    month: Month,
) -> app::api::dashboard::DashboardView {
    let db = server::db::Db::connect(&server.database_url).await.unwrap();
    let who = reader(server, username).await;
    let period = app::api::dashboard::Period::month(month);
    let view = server::stats::dashboard::view(&db, &who, period, server::db::now_ms())
        .await
        .unwrap();
    db.pool.close().await;
    view
}

/// For every count, the cases 案件查询 lists behind the figure's link number the figure: in
/// the period, by month and by category.
async fn every_figure_is_its_list(server: &TestServer, username: &str, month: Month) {
    let view = dashboard(server, username, month).await;
    let db = server::db::Db::connect(&server.database_url).await.unwrap();
    let who = reader(server, username).await;
    let now = server::db::now_ms();
    let listed = |q: app::api::case_list::CaseQuery| {
        let (db, who) = (&db, &who);
        async move {
            server::cases::listing::count(db, who, &q, now)
                .await
                .unwrap()
        }
    };
    assert_eq!(view.by_month, vec![(month, view.totals)]);
    for count in domain::figures::Count::ALL {
        let q = view.period.cases(count);
        // Through the address, as the link carries it.
        let q = app::api::case_list::CaseQuery::from_address(&q.address());
        assert_eq!(
            listed(q).await,
            view.totals.0.get(count),
            "{username}: {count:?}"
        );
        for c in &view.by_category {
            let q = app::api::case_list::CaseQuery {
                category: Some(c.category.clone()),
                ..view.period.cases(count)
            };
            assert_eq!(
                listed(q).await,
                c.totals.0.get(count),
                "{username}: {count:?} {}",
                c.category
            );
        }
    }
    let open_overdue = app::api::case_list::CaseQuery {
        overdue: true,
        ..Default::default()
    };
    assert_eq!(listed(open_overdue).await, view.overdue_now);
    db.pool.close().await;
}

/// The township's 月报 as XLSX and CSV, read back by a spreadsheet reader: the township's row
/// holds the dashboard's counts and rates.
async fn the_report_files_hold_the_dashboards_figures(
    server: &TestServer,
    township: &reqwest::Client,
    month: Month,
) {
    use calamine::{Data, Reader};
    let totals = dashboard(server, "township", month).await.totals;
    let url = |format: &str| {
        server.url(&format!(
            "/api/v1/reports/monthly?from={month}&to={month}&format={format}"
        ))
    };
    let answer = township.get(url("xlsx")).send().await.unwrap();
    assert_eq!(answer.status(), 200);
    assert!(answer.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .contains(".xlsx"));
    let bytes = answer.bytes().await.unwrap().to_vec();
    let mut book: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    assert_eq!(
        book.sheet_names(),
        vec!["各单位".to_owned(), "调解员".to_owned()]
    );
    let sheet = book.worksheet_range("各单位").unwrap();
    let all: Vec<Vec<Data>> = sheet.rows().map(|r| r.to_vec()).collect();
    // A title line, then the column names.
    assert_eq!(
        all[0][0],
        Data::String(format!("樟潭街道 矛盾纠纷调解月报（{month} 至 {month}）"))
    );
    let rows = &all[1..];
    let column = |name: &str| {
        rows[0]
            .iter()
            .position(|h| *h == Data::String(name.to_owned()))
            .unwrap_or_else(|| panic!("no column {name}: {:?}", rows[0]))
    };
    // The reader's unit first, then its villages and grids, each naming the unit above.
    assert_eq!(rows[1][0], Data::String("樟潭街道".into()));
    assert!(rows.iter().any(|r| r[0] == Data::String("沙湾村".into())
        && r[column("上级单位")] == Data::String("樟潭街道".into())));
    let counts = [
        ("收案", domain::figures::Count::Received),
        ("受理", domain::figures::Count::TakenOn),
        ("调解成功", domain::figures::Count::Resolved),
        ("调解终结", domain::figures::Count::Terminated),
        ("不予受理", domain::figures::Count::Declined),
        ("在办", domain::figures::Count::Open),
    ];
    for (name, count) in counts {
        assert_eq!(
            rows[1][column(name)],
            Data::Float(totals.0.get(count) as f64),
            "{name}"
        );
    }
    let rates = [
        ("受理率", totals.acceptance()),
        ("调解成功率", totals.success()),
        ("小事不出村", totals.in_village()),
        ("大事不出镇", totals.in_township()),
        ("按期办结率", totals.on_time()),
        ("满意率", totals.satisfaction()),
    ];
    for (name, rate) in rates {
        let expected = rate.per_mille().unwrap() as f64 / 1000.0;
        assert_eq!(rows[1][column(name)], Data::Float(expected), "{name}");
    }
    assert_eq!(rows[1][column("受理率")], Data::Float(0.8));
    assert_eq!(rows[1][column("小事不出村")], Data::Float(0.667));

    // The CSV: a byte-order mark, then the same row as the page writes it.
    let csv = township.get(url("csv")).send().await.unwrap();
    assert_eq!(csv.status(), 200);
    let bytes = csv.bytes().await.unwrap().to_vec();
    assert!(bytes.starts_with("\u{feff}".as_bytes()));
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .has_headers(false)
        .from_reader(&bytes[3..]);
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert!(records[0][0].contains("矛盾纠纷调解月报"));
    assert_eq!(&records[2][0], "各单位");
    let header = &records[3];
    let row = records.iter().find(|r| &r[0] == "樟潭街道").unwrap();
    let at = |name: &str| header.iter().position(|h| h == name).unwrap();
    assert_eq!(row[at("收案")], totals.0.received.to_string());
    assert_eq!(&row[at("受理率")], "80.0%");
    assert_eq!(&row[at("调解成功率")], "75.0%");
    assert!(records.iter().any(|r| &r[0] == "调解员"));

    // A grid worker does not report; a format that does not exist is named.
    let grid = server.signed_in("grid").await;
    assert_eq!(grid.get(url("xlsx")).send().await.unwrap().status(), 403);
    let wrong = township.get(url("pdf")).send().await.unwrap();
    assert_eq!(wrong.status(), 400);
    assert!(wrong.text().await.unwrap().contains("format"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_rate_on_a_hand_built_set() {
    on_every_backend!(the_hand_built_set);
}
