//! Routing by the rule file on a real server: a synced case lands where the rules say, with a
//! `routed` event naming them; the receiving units are told (inbox, live stream); explain gives
//! the same answer; a broken rule file is refused with its line.

mod common;

use common::cases::{action_op, dispute, inbox, pull, push, record_op, settled};
use common::{TestDb, TestServer};
use domain::dispute::DisputeFacts;
use domain::rules::Explanation;
use domain::sync::Settled;
use serde_json::{json, Value};
use sqlx::{Connection, Row};

fn facts(category: &str, yuan: Option<i64>, people: u32, summary: &str) -> DisputeFacts {
    let mut facts = dispute(category, yuan, people, summary);
    facts.parties[0].name = "业主张某".into();
    facts
}

async fn explain(
    device: &reqwest::Client,
    server: &TestServer,
    facts: &DisputeFacts,
) -> Explanation {
    let resp = device
        .post(server.url("/api/v1/rules/explain"))
        .json(&json!({ "facts": facts }))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200, "{}", resp.text().await.unwrap());
    resp.json().await.unwrap()
}

async fn synced_cases_are_routed_and_the_receivers_told(db: TestDb) {
    let server = TestServer::start(db).await;
    let phone = server.signed_in("grid").await;
    let village = server.signed_in("village").await;
    let township = server.signed_in("township").await;
    let county = server.signed_in("county").await;
    assert_eq!(inbox(&village, &server).await.unread, 0);

    let fee = facts(
        "property_management",
        Some(8_000),
        2,
        "业主拖欠物业费8000元",
    );
    let wages = facts("labour_wages", Some(240_000), 30, "30名工人讨要工资");
    // The phone's preview and intake must agree.
    let fee_preview = explain(&phone, &server, &fee).await;
    assert_eq!(fee_preview.holder.name, "樟树潭社区");
    assert_eq!(fee_preview.fired.last().unwrap().id, "property-clear-facts");
    let wages_preview = explain(&phone, &server, &wages).await;
    assert_eq!(wages_preview.holder.name, "衢江区");

    let answer = push(&phone, &server, &[record_op(&fee), record_op(&wages)]).await;
    assert!(answer
        .results
        .iter()
        .all(|r| matches!(r.outcome.settled(), Settled::Applied { .. })));

    // The cadre's inbox holds the fee case with the rule's name; the joint case told every
    // tier on the way at once.
    let cadre = inbox(&village, &server).await;
    assert_eq!(cadre.unread, 2, "{cadre:?}");
    let routed = cadre
        .items
        .iter()
        .find(|n| n.kind.code() == "routed")
        .expect("routed notice");
    assert_eq!(routed.summary.as_deref(), Some("业主拖欠物业费8000元"));
    assert_eq!(
        routed.detail.as_deref(),
        Some(fee_preview.fired[0].name.as_str())
    );
    assert!(cadre.items.iter().any(|n| n.kind.code() == "joint_opened"));
    // The township and the county hear of the joint mediation, and — thirty people — get the
    // rule file's early warning once.
    for staff in [&township, &county] {
        let seen = inbox(staff, &server).await;
        let kinds: Vec<&str> = seen.items.iter().map(|n| n.kind.code()).collect();
        assert_eq!(kinds, vec!["warning", "joint_opened"]);
        assert_eq!(seen.items[1].summary.as_deref(), Some("30名工人讨要工资"));
    }

    // What the phone pulls: the fee case held by the village; the wage case by the county.
    let page = pull(&phone, &server, 0, 200).await;
    let holder = |summary: &str| {
        let case = page.cases.iter().find(|c| c.summary == summary).unwrap();
        (case.holder_name.clone(), case.status.clone())
    };
    assert_eq!(
        holder("业主拖欠物业费8000元"),
        ("樟树潭社区".into(), "routed".into())
    );
    assert_eq!(
        holder("30名工人讨要工资"),
        ("衢江区".into(), "routed".into())
    );

    // The log names the rules; the joint case has its co-holders.
    let mut conn = sqlx::AnyConnection::connect(&server.database_url)
        .await
        .unwrap();
    let rules: Vec<String> = sqlx::query(
        "SELECT e.rule FROM case_events e JOIN cases c ON c.id = e.case_id
         WHERE e.kind = 'routed' ORDER BY c.summary",
    )
    .fetch_all(&mut conn)
    .await
    .unwrap()
    .iter()
    .map(|r| r.get::<String, _>("rule"))
    .collect();
    assert_eq!(rules, vec!["joint-many-people", "property-clear-facts"]);
    let holders: i64 = sqlx::query("SELECT COUNT(*) AS n FROM case_holders h JOIN cases c ON c.id = h.case_id WHERE c.summary = '30名工人讨要工资'")
        .fetch_one(&mut conn)
        .await
        .unwrap()
        .get("n");
    assert_eq!(
        holders, 4,
        "county lead, township, village and the labour committee"
    );
    drop(conn);

    // An offline device gets the same notifications on its next pull, newer than it holds.
    let pulled = pull(&village, &server, 0, 200).await;
    assert_eq!(pulled.notifications.len(), 2);
    let newest = pulled.notifications[0].id;
    let again: domain::sync::PullResponse = village
        .get(server.url(&format!(
            "/api/v1/sync/pull?cursor=0&notice_cursor={newest}"
        )))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(again.notifications.is_empty());

    // Reading clears the count for that person only.
    let read = village
        .post(server.url("/api/v1/inbox/read"))
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(read.status(), 200);
    assert_eq!(inbox(&village, &server).await.unread, 0);
    assert_eq!(inbox(&township, &server).await.unread, 2);
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn synced_cases_are_routed() {
    on_every_backend!(synced_cases_are_routed_and_the_receivers_told);
}

async fn explain_refuses_bad_requests_clearly(db: TestDb) {
    let server = TestServer::start(db).await;
    let phone = server.signed_in("grid").await;
    let mut bad = facts("neighbourhood", None, 2, "");
    bad.summary.clear();
    let resp = phone
        .post(server.url("/api/v1/rules/explain"))
        .json(&json!({ "facts": bad }))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 400);
    let body: Value = resp.json().await.unwrap();
    assert_eq!(body["field"], "facts.summary");
    // Another grid worker's grid is not in this grid worker's part of the tree.
    let other_grid: i64 = {
        let mut conn = sqlx::AnyConnection::connect(&server.database_url)
            .await
            .unwrap();
        sqlx::query("SELECT id FROM units WHERE name = '沙湾村第一网格'")
            .fetch_one(&mut conn)
            .await
            .unwrap()
            .get("id")
    };
    let resp = phone
        .post(server.url("/api/v1/rules/explain"))
        .json(&json!({ "grid_id": other_grid, "facts": facts("neighbourhood", None, 2, "邻里") }))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 404);
    // The county may explain for any grid of its county.
    let county = server.signed_in("county").await;
    let resp = county
        .post(server.url("/api/v1/rules/explain"))
        .json(&json!({ "grid_id": other_grid, "facts": facts("medical", None, 2, "医患") }))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    let decided: Explanation = resp.json().await.unwrap();
    assert_eq!(decided.holder.name, "衢江区医疗纠纷人民调解委员会");
    let anonymous = server
        .device()
        .post(server.url("/api/v1/rules/explain"))
        .json(&json!({ "facts": facts("medical", None, 2, "医患") }))
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.status(), 401);
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn explain_refuses_bad_requests() {
    on_every_backend!(explain_refuses_bad_requests_clearly);
}

#[test]
fn rules_check_names_the_line_and_field_of_a_broken_file() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.toml");
    std::fs::write(&good, server::rules::DEFAULT_RULE_FILE).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_server"))
        .args(["rules", "check", good.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("14 rules"));

    let broken = dir.path().join("broken.toml");
    std::fs::write(
        &broken,
        server::rules::DEFAULT_RULE_FILE.replace("township = 15", "township = -1"),
    )
    .unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_server"))
        .args(["rules", "check", broken.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    let line = server::rules::DEFAULT_RULE_FILE
        .lines()
        .position(|l| l.contains("township = 15"))
        .unwrap()
        + 1;
    assert!(
        said.contains(&format!("line {line}, field `deadlines.township`")),
        "{said}"
    );
}

/// The ladder end to end: the village escalates, the township resolves, the result reaches
/// every unit that held the case and the grid worker; a second device acting on the same case
/// is refused with the true state; a case escalated from the city is terminated.
async fn escalation_and_results_travel_the_ladder(db: TestDb) {
    let server = TestServer::start(db).await;
    let phone = server.signed_in("grid").await;
    let village = server.signed_in("village").await;
    let township = server.signed_in("township").await;
    let record = record_op(&facts("neighbourhood", None, 2, "楼上漏水殃及楼下"));
    let case_id = record["case_id"].as_str().unwrap().to_owned();
    push(&phone, &server, &[record]).await;

    let ack = push(
        &village,
        &server,
        &[action_op(&case_id, "acknowledge", json!({}))],
    )
    .await;
    assert!(matches!(settled(&ack), Settled::Applied { .. }), "{ack:?}");
    let no_reason = push(
        &village,
        &server,
        &[action_op(&case_id, "escalate", json!({ "reason": " " }))],
    )
    .await;
    assert!(matches!(settled(&no_reason), Settled::Rejected { .. }));
    let up = push(
        &village,
        &server,
        &[action_op(
            &case_id,
            "escalate",
            json!({ "reason": "双方分歧大，村里三次调解未果" }),
        )],
    )
    .await;
    assert!(matches!(settled(&up), Settled::Applied { .. }), "{up:?}");
    let told = inbox(&township, &server).await;
    assert_eq!(told.items[0].kind.code(), "escalated");
    assert_eq!(
        told.items[0].detail.as_deref(),
        Some("双方分歧大，村里三次调解未果")
    );

    // The village, offline, still thought it held the case: refused, naming the new holder.
    let late = push(
        &village,
        &server,
        &[action_op(
            &case_id,
            "resolve",
            json!({ "result": "已调解" }),
        )],
    )
    .await;
    match settled(&late) {
        Settled::Rejected {
            reason: domain::sync::Rejection::NotHolder { holder },
        } => {
            assert_eq!(holder, "樟潭街道")
        }
        other => panic!("expected NotHolder, got {other:?}"),
    }

    let accepted = push(
        &township,
        &server,
        &[action_op(&case_id, "accept", json!({}))],
    )
    .await;
    assert!(
        matches!(settled(&accepted), Settled::Applied { .. }),
        "{accepted:?}"
    );
    let done = push(
        &township,
        &server,
        &[action_op(
            &case_id,
            "resolve",
            json!({ "result": "双方达成协议，楼上赔偿维修费2000元" }),
        )],
    )
    .await;
    assert!(
        matches!(settled(&done), Settled::Applied { .. }),
        "{done:?}"
    );
    for (who, device) in [("village", &village), ("grid", &phone)] {
        let seen = inbox(device, &server).await;
        let result = seen.items.iter().find(|n| n.kind.code() == "result");
        assert_eq!(
            result.and_then(|n| n.detail.as_deref()),
            Some("双方达成协议，楼上赔偿维修费2000元"),
            "{who} is told the result"
        );
    }
    let again = push(
        &township,
        &server,
        &[action_op(&case_id, "resolve", json!({ "result": "again" }))],
    )
    .await;
    assert!(matches!(
        settled(&again),
        Settled::Rejected {
            reason: domain::sync::Rejection::CaseClosed { .. }
        }
    ));
    // The village still sees the case it once held, now resolved.
    let page = pull(&village, &server, 0, 200).await;
    let case = page
        .cases
        .iter()
        .find(|c| c.id == case_id)
        .expect("once held, still seen");
    assert_eq!(case.status, "resolved");

    // A major case goes to the city; escalating from there terminates it.
    let major = record_op(&facts(
        "contract_loan",
        Some(2_000_000),
        2,
        "二百万元借贷纠纷",
    ));
    let major_id = major["case_id"].as_str().unwrap().to_owned();
    push(&phone, &server, &[major]).await;
    let city = server.signed_in("city").await;
    let end = push(
        &city,
        &server,
        &[action_op(
            &major_id,
            "escalate",
            json!({ "reason": "调解不成" }),
        )],
    )
    .await;
    assert!(matches!(settled(&end), Settled::Applied { .. }), "{end:?}");
    let grid_told = inbox(&phone, &server).await;
    let notice = grid_told
        .items
        .iter()
        .find(|n| n.summary.as_deref() == Some("二百万元借贷纠纷") && n.kind.code() == "result")
        .expect("the grid worker hears of the termination");
    assert!(notice.detail.as_deref().unwrap().contains("诉讼、仲裁"));
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn escalation_and_results() {
    on_every_backend!(escalation_and_results_travel_the_ladder);
}

/// The Jiangyin "331" ladder from the default file: the village's third failed session sends
/// the case to the township by itself; a successful session does not count.
async fn failed_sessions_up_to_the_limit_escalate(db: TestDb) {
    let server = TestServer::start(db).await;
    let phone = server.signed_in("grid").await;
    let village = server.signed_in("village").await;
    let record = record_op(&facts("neighbourhood", None, 2, "宅基地界址争议"));
    let case_id = record["case_id"].as_str().unwrap().to_owned();
    push(&phone, &server, &[record]).await;
    push(
        &village,
        &server,
        &[action_op(&case_id, "accept", json!({}))],
    )
    .await;
    let session = |failed: bool| {
        action_op(
            &case_id,
            "record_session",
            json!({ "place": "村调解室", "notes": "双方到场，各执一词", "failed": failed }),
        )
    };
    for failed in [true, false, true] {
        let answer = push(&village, &server, &[session(failed)]).await;
        assert!(
            matches!(settled(&answer), Settled::Applied { .. }),
            "{answer:?}"
        );
    }
    let township = server.signed_in("township").await;
    assert!(
        inbox(&township, &server).await.items.is_empty(),
        "two failures: still the village's"
    );
    push(&village, &server, &[session(true)]).await;
    let told = inbox(&township, &server).await;
    assert_eq!(told.items[0].kind.code(), "escalated");
    assert!(told.items[0]
        .detail
        .as_deref()
        .unwrap()
        .contains("3 次未成功"));
    let mut conn = sqlx::AnyConnection::connect(&server.database_url)
        .await
        .unwrap();
    let rule: String =
        sqlx::query("SELECT rule FROM case_events WHERE case_id = $1 AND kind = 'escalated'")
            .bind(&case_id)
            .fetch_one(&mut conn)
            .await
            .unwrap()
            .get("rule");
    assert_eq!(rule, "attempts-limit");
    drop(conn);
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn failed_sessions_escalate() {
    on_every_backend!(failed_sessions_up_to_the_limit_escalate);
}
