//! 预警 (issue 13): the rule file's thresholds raise one warning per cluster, told once to the
//! county; fewer cases raise none; a dispute of many people raises one; closing a warning is
//! recorded in every flagged case's timeline; a broken threshold stops the start-up with its
//! line.

mod common;

use common::cases::{case_view, dispute, inbox, pull, push, record_op, settled};
use common::{TestDb, TestServer};
use domain::dispute::DisputeFacts;
use domain::notices::NoticeKind;
use domain::sync::Settled;
use serde_json::{json, Value};

/// A dispute whose applicant has a phone of their own, so only the cluster counts.
fn facts(category: &str, people: u32, n: u32) -> DisputeFacts {
    let mut facts = dispute(category, None, people, &format!("预警测试纠纷 第{n}起"));
    facts.parties[0].phone = Some(format!("139{n:08}"));
    facts
}

async fn warnings_told(device: &reqwest::Client, server: &TestServer) -> usize {
    inbox(device, server)
        .await
        .items
        .iter()
        .filter(|n| n.kind == NoticeKind::Warning)
        .count()
}

async fn warnings(device: &reqwest::Client, server: &TestServer) -> Vec<Value> {
    let resp = device
        .post(server.url("/api/warnings"))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    resp.json().await.unwrap()
}

async fn a_cluster_raises_one_warning_told_once(db: TestDb) {
    let server = TestServer::start(db).await;
    let phone = server.signed_in("grid").await;
    let county = server.signed_in("county").await;
    let township = server.signed_in("township").await;
    // The default file: three of one category in one village within seven days.
    for n in 0..2 {
        let answer = push(&phone, &server, &[record_op(&facts("neighbourhood", 2, n))]).await;
        assert!(matches!(settled(&answer), Settled::Applied { .. }));
    }
    assert_eq!(
        warnings_told(&county, &server).await,
        0,
        "K−1 cases raise none"
    );
    assert!(warnings(&county, &server).await.is_empty());
    // A case of another category does not count towards the cluster.
    push(&phone, &server, &[record_op(&facts("labour_wages", 2, 9))]).await;
    assert_eq!(warnings_told(&county, &server).await, 0);

    push(&phone, &server, &[record_op(&facts("neighbourhood", 2, 2))]).await;
    assert_eq!(
        warnings_told(&county, &server).await,
        1,
        "the Kth raises one, told once"
    );
    assert_eq!(warnings_told(&township, &server).await, 1);
    let listed = warnings(&county, &server).await;
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0]["kind"], "cluster");
    assert_eq!(listed[0]["cases"].as_array().unwrap().len(), 3);
    assert!(listed[0]["description"]
        .as_str()
        .unwrap()
        .contains("同类纠纷3起（邻里纠纷）"));

    // A fourth joins the open warning quietly.
    push(&phone, &server, &[record_op(&facts("neighbourhood", 2, 3))]).await;
    assert_eq!(warnings_told(&county, &server).await, 1);
    let listed = warnings(&county, &server).await;
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0]["cases"].as_array().unwrap().len(), 4);
    // A grid worker sees no warnings list of the area and cannot close one.
    assert!(warnings(&phone, &server).await.is_empty());

    // Closing it, with a note, is in every flagged case's timeline.
    let id = listed[0]["id"].as_i64().unwrap();
    let close = |device: reqwest::Client, note: &'static str| {
        let url = server.url("/api/warnings/close");
        async move {
            device
                .post(url)
                .form(&[("id", id.to_string()), ("note", note.to_owned())])
                .send()
                .await
                .unwrap()
        }
    };
    assert_eq!(
        close(county.clone(), " ").await.status(),
        422,
        "a note is required"
    );
    assert_eq!(close(phone.clone(), "网格员不能解除").await.status(), 403);
    assert_eq!(
        close(county.clone(), "已召集四方联合调解，纠纷已化解")
            .await
            .status(),
        200
    );
    let listed = warnings(&county, &server).await;
    assert!(listed[0]["closed_at"].is_i64());
    assert_eq!(listed[0]["close_note"], "已召集四方联合调解，纠纷已化解");
    let cases = pull(&phone, &server, 0, 50).await.cases;
    let flagged = cases.iter().find(|c| c.summary.contains("第0起")).unwrap();
    let view = case_view(&phone, &server, &flagged.id).await;
    let kinds: Vec<&str> = view["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    assert!(kinds.contains(&"warned"), "{kinds:?}");
    assert!(kinds.contains(&"warning_closed"), "{kinds:?}");
    let verified: Value = phone
        .get(server.url(&format!("/api/v1/cases/{}/verify", flagged.id)))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(verified["intact"], json!(true), "{verified}");
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cluster_raises_one_warning() {
    on_every_backend!(a_cluster_raises_one_warning_told_once);
}

async fn many_people_raise_one_warning(db: TestDb) {
    let server = TestServer::start(db).await;
    let phone = server.signed_in("grid").await;
    let county = server.signed_in("county").await;
    push(&phone, &server, &[record_op(&facts("labour_wages", 29, 1))]).await;
    assert_eq!(
        warnings_told(&county, &server).await,
        0,
        "29 people: no warning"
    );
    push(&phone, &server, &[record_op(&facts("land_housing", 30, 2))]).await;
    assert_eq!(warnings_told(&county, &server).await, 1);
    let listed = warnings(&county, &server).await;
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0]["kind"], "people");
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn many_people_raise_a_warning() {
    on_every_backend!(many_people_raise_one_warning);
}

/// 一窗受理: a dispute registered at the village's window counts in the village's cluster like
/// its grids' cases; one registered at the county's window, above every village, warns the
/// county when it is large.
async fn window_cases_warn_where_they_were_registered(db: TestDb) {
    let server = TestServer::start(db).await;
    let phone = server.signed_in("grid").await;
    let village = server.signed_in("village").await;
    let county = server.signed_in("county").await;
    for n in 0..2 {
        push(&phone, &server, &[record_op(&facts("neighbourhood", 2, n))]).await;
    }
    let mut walk_in = facts("neighbourhood", 2, 7);
    walk_in.source = domain::dispute::Source::Visit;
    let answer = push(&village, &server, &[record_op(&walk_in)]).await;
    assert!(matches!(settled(&answer), Settled::Applied { .. }));
    let listed = warnings(&county, &server).await;
    assert_eq!(listed.len(), 1, "{listed:?}");
    assert_eq!(listed[0]["kind"], "cluster");
    assert_eq!(listed[0]["cases"].as_array().unwrap().len(), 3);

    let mut crowd = facts("labour_wages", 40, 8);
    crowd.source = domain::dispute::Source::Hotline;
    let answer = push(&county, &server, &[record_op(&crowd)]).await;
    assert!(matches!(settled(&answer), Settled::Applied { .. }));
    let listed = warnings(&county, &server).await;
    let people: Vec<&Value> = listed.iter().filter(|w| w["kind"] == "people").collect();
    assert_eq!(people.len(), 1, "{listed:?}");
    assert!(people[0]["description"]
        .as_str()
        .unwrap()
        .contains("衢江区"));
    // The township, below the county's window, does not list the county's warning.
    let township = server.signed_in("township").await;
    assert_eq!(warnings(&township, &server).await.len(), 1);
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn window_cases_warn() {
    on_every_backend!(window_cases_warn_where_they_were_registered);
}

async fn applied_joint_mediation_joins_every_flagged_case(db: TestDb) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("apply.toml");
    let rules = server::rules::DEFAULT_RULE_FILE.replace("joint = \"offer\"", "joint = \"apply\"");
    assert_ne!(rules, server::rules::DEFAULT_RULE_FILE);
    std::fs::write(&file, rules).unwrap();
    let server = TestServer::start_with(db, |c| c.rules_file = Some(file.clone())).await;
    let phone = server.signed_in("grid").await;
    let county = server.signed_in("county").await;
    for n in 0..4 {
        push(&phone, &server, &[record_op(&facts("neighbourhood", 2, n))]).await;
    }
    // Told once for the cluster, not once per case joined.
    assert_eq!(warnings_told(&county, &server).await, 1);
    let joined_notices = inbox(&county, &server)
        .await
        .items
        .iter()
        .filter(|n| n.kind == NoticeKind::Joined)
        .count();
    assert_eq!(joined_notices, 0);
    let listed = warnings(&county, &server).await;
    assert!(listed[0]["description"]
        .as_str()
        .unwrap()
        .ends_with("已按规则启动联合调解，乡镇、区县共同调处"));
    // Every flagged case — the fourth, which joined the open cluster, too — has the township
    // and the county as co-holders, each joining in its timeline.
    for case in pull(&phone, &server, 0, 50).await.cases {
        let view = case_view(&phone, &server, &case.id).await;
        assert_eq!(
            view["co_holders"].as_array().unwrap().len(),
            2,
            "{}: {view}",
            case.summary
        );
        let joined = view["timeline"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["kind"] == "joined")
            .count();
        assert_eq!(joined, 2);
    }
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn applied_joint_mediation() {
    on_every_backend!(applied_joint_mediation_joins_every_flagged_case);
}

#[test]
fn a_broken_threshold_stops_the_start_up_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("broken.toml");
    std::fs::write(
        &broken,
        server::rules::DEFAULT_RULE_FILE.replace("cluster_count = 3", "cluster_count = 1"),
    )
    .unwrap();
    let line = server::rules::DEFAULT_RULE_FILE
        .lines()
        .position(|l| l.starts_with("cluster_count = 3"))
        .unwrap()
        + 1;
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_server"))
        .env("FQ_RULES", &broken)
        .env(
            "DATABASE_URL",
            format!("sqlite://{}", dir.path().join("fq.db").display()),
        )
        .env("LEPTOS_SITE_ADDR", "127.0.0.1:0")
        .env("LEPTOS_OUTPUT_NAME", "fengqiao")
        .env("LEPTOS_SITE_ROOT", "target/site")
        .env("LEPTOS_SITE_PKG_DIR", "pkg")
        .output()
        .unwrap();
    assert!(!out.status.success(), "the server must not start");
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains(&format!("line {line}, field `warning.cluster_count`")),
        "{said}"
    );
}
