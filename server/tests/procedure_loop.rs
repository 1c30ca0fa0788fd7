//! Issue 15, item 2: the procedure's loop is closed (seed 003). A follow-up visit that found the
//! agreement unperformed leads back to mediation; closing anyway takes a reason that stays in
//! the timeline; a closed case is reopened by its holder, with a reason, within the rule file's
//! period and not after. And manual joint mediation: its own test, the joint channel's short
//! deadline, and only units within the holder's reach.

mod common;

use common::steps::today;

use common::cases::inbox;
use common::steps::{applied, deadline_of, lookup, record, status, step, unit_named};
use common::{TestDb, TestServer};
use domain::sync::{Rejection, Settled};
use serde_json::{json, Value};

/// A case of the demo grid, accepted by its village and agreed.
async fn agreed(server: &TestServer, summary: &str) -> String {
    let phone = server.signed_in("grid").await;
    let village = server.signed_in("village").await;
    let case_id = record(server, &phone, summary).await;
    applied(server, &village, &case_id, "accept", json!({})).await;
    applied(
        server,
        &village,
        &case_id,
        "notice_of_rights",
        json!({ "method": "written", "parties": ["李四", "王五"] }),
    )
    .await;
    applied(
        server,
        &village,
        &case_id,
        "record_agreement",
        json!({
            "terms": "王五十日内赔偿修缮费两千元", "amount_fen": 200000,
            "signed_on": today(), "perform_by": today().plus(10),
        }),
    )
    .await;
    assert_eq!(status(server, &case_id).await, "agreed");
    case_id
}

fn visit(performance: &str, notes: &str) -> Value {
    json!({ "performance": performance, "satisfaction": "dissatisfied", "notes": notes })
}

async fn event_texts(server: &TestServer, case_id: &str, kind: &str) -> Vec<String> {
    let db = server::db::Db::connect(&server.database_url).await.unwrap();
    let rows: Vec<String> = sqlx::query_scalar(
        "SELECT payload FROM case_events WHERE case_id = $1 AND kind = $2 ORDER BY id",
    )
    .bind(case_id)
    .bind(kind)
    .fetch_all(&db.pool)
    .await
    .unwrap();
    db.pool.close().await;
    rows
}

async fn an_unperformed_agreement_goes_back_to_mediation(db: TestDb) {
    let server = TestServer::start(db).await;
    let phone = server.signed_in("grid").await;
    let village = server.signed_in("village").await;
    let case_id = agreed(&server, "协议未履行：修缮费未赔付").await;
    applied(
        &server,
        &phone,
        &case_id,
        "follow_up",
        visit("none", "王五至今未付款"),
    )
    .await;

    // Closing as if performed is refused, naming why.
    let refused = step(&server, &village, &case_id, "close", json!({})).await;
    assert_eq!(
        refused,
        Settled::Rejected {
            reason: Rejection::NotPerformed
        }
    );
    let page = common::cases::case_view(&village, &server, &case_id).await;
    assert_eq!(page["progress"]["followed_up"], "not_performed");
    assert!(page["may"].as_array().unwrap().contains(&json!("reopen")));

    // 重新调解: back to mediation at the same holder, the reason logged, the grid told.
    let bare = step(
        &server,
        &village,
        &case_id,
        "reopen",
        json!({ "reason": " " }),
    )
    .await;
    assert!(matches!(
        bare,
        Settled::Rejected {
            reason: Rejection::Invalid { .. }
        }
    ));
    applied(
        &server,
        &village,
        &case_id,
        "reopen",
        json!({ "reason": "回访发现协议未履行，双方同意重新调解" }),
    )
    .await;
    assert_eq!(status(&server, &case_id).await, "accepted");
    let reopened = event_texts(&server, &case_id, "reopened").await;
    assert_eq!(reopened.len(), 1);
    assert!(
        reopened[0].contains("回访发现协议未履行"),
        "{}",
        reopened[0]
    );
    assert!(inbox(&phone, &server)
        .await
        .items
        .iter()
        .any(|n| n.kind.code() == "reopened"));
    // The earlier visit no longer counts: a new agreement needs its own.
    applied(
        &server,
        &village,
        &case_id,
        "record_agreement",
        json!({
            "terms": "王五分两期赔偿修缮费", "amount_fen": 200000,
            "signed_on": today(), "perform_by": today().plus(20),
        }),
    )
    .await;
    let too_soon = step(&server, &village, &case_id, "close", json!({})).await;
    assert!(matches!(
        too_soon,
        Settled::Rejected {
            reason: Rejection::NotNow { .. }
        }
    ));
    applied(
        &server,
        &phone,
        &case_id,
        "follow_up",
        visit("full", "已付清"),
    )
    .await;
    applied(&server, &village, &case_id, "close", json!({})).await;
    assert_eq!(status(&server, &case_id).await, "closed");
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_close_after_a_non_performance_visit_is_refused_and_reopening_resumes_mediation() {
    on_every_backend!(an_unperformed_agreement_goes_back_to_mediation);
}

async fn closing_anyway_takes_a_reason_that_is_logged(db: TestDb) {
    let server = TestServer::start(db).await;
    let phone = server.signed_in("grid").await;
    let village = server.signed_in("village").await;
    let case_id = agreed(&server, "部分履行：约定赔偿只付一半").await;
    applied(
        &server,
        &phone,
        &case_id,
        "follow_up",
        visit("partial", "只付了一千元"),
    )
    .await;
    applied(
        &server,
        &village,
        &case_id,
        "close",
        json!({ "override_reason": "余款已进入司法确认后的强制执行程序" }),
    )
    .await;
    assert_eq!(status(&server, &case_id).await, "closed");
    let closed = event_texts(&server, &case_id, "closed").await;
    assert!(
        closed[0].contains("余款已进入司法确认后的强制执行程序")
            && closed[0].contains("协议未完全履行"),
        "{}",
        closed[0]
    );
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn closing_an_unperformed_agreement_needs_a_logged_reason() {
    on_every_backend!(closing_anyway_takes_a_reason_that_is_logged);
}

async fn a_closed_case_reopens_within_the_period_only(db: TestDb) {
    let server = TestServer::start(db).await;
    let phone = server.signed_in("grid").await;
    let village = server.signed_in("village").await;
    let township = server.signed_in("township").await;
    let case_id = agreed(&server, "结案后反悔：院墙重砌").await;
    applied(
        &server,
        &phone,
        &case_id,
        "follow_up",
        visit("full", "院墙已重砌"),
    )
    .await;
    applied(&server, &village, &case_id, "close", json!({})).await;

    // Only the holder reopens.
    let not_theirs = step(
        &server,
        &township,
        &case_id,
        "reopen",
        json!({ "reason": "上级要求" }),
    )
    .await;
    assert!(
        matches!(not_theirs, Settled::Rejected { .. }),
        "{not_theirs:?}"
    );
    applied(
        &server,
        &village,
        &case_id,
        "reopen",
        json!({ "reason": "院墙再次倒塌，双方要求重新调解" }),
    )
    .await;
    assert_eq!(status(&server, &case_id).await, "accepted");
    let deadline: Option<i64> = lookup(
        &server,
        "SELECT deadline_at AS v FROM cases WHERE id = $1",
        &case_id,
    )
    .await;
    assert!(deadline.is_some(), "mediation resumes against a deadline");

    // Closed again, 91 days ago: past the default file's 90 days, it stays closed.
    applied(
        &server,
        &village,
        &case_id,
        "record_agreement",
        json!({
            "terms": "双方各承担一半重砌费用", "amount_fen": null,
            "signed_on": today(), "perform_by": today().plus(5),
        }),
    )
    .await;
    applied(
        &server,
        &phone,
        &case_id,
        "follow_up",
        visit("full", "已重砌"),
    )
    .await;
    applied(&server, &village, &case_id, "close", json!({})).await;
    let db = server::db::Db::connect(&server.database_url).await.unwrap();
    sqlx::query("UPDATE cases SET closed_at = closed_at - $1 WHERE id = $2")
        .bind(91 * 86_400_000_i64)
        .bind(&case_id)
        .execute(&db.pool)
        .await
        .unwrap();
    db.pool.close().await;
    let late = step(
        &server,
        &village,
        &case_id,
        "reopen",
        json!({ "reason": "又有争议" }),
    )
    .await;
    assert_eq!(
        late,
        Settled::Rejected {
            reason: Rejection::CaseClosed {
                status: "closed".into()
            }
        }
    );
    assert_eq!(event_texts(&server, &case_id, "reopened").await.len(), 1);
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reopen_a_closed_case_within_the_rule_files_period() {
    on_every_backend!(a_closed_case_reopens_within_the_period_only);
}

async fn units_join_a_case_for_joint_mediation(db: TestDb) {
    let server = TestServer::start(db).await;
    let phone = server.signed_in("grid").await;
    let village = server.signed_in("village").await;
    let township = server.signed_in("township").await;
    let case_id = record(&server, &phone, "联合调解：涉多户的排水沟改道").await;
    applied(&server, &village, &case_id, "accept", json!({})).await;
    let deadline_before = deadline_of(&server, &case_id).await;
    let township_id: i64 = common::steps::unit_of(&server, "township").await;

    // A unit of another county is out of reach.
    let admin = server.signed_in("admin").await;
    let city = unit_named(&server, "衢州市").await;
    let other_county = admin
        .post(server.url("/api/admin/units"))
        .form(&[
            ("parent_id", city.to_string()),
            ("kind", "county".to_owned()),
            ("name", "柯城区".to_owned()),
        ])
        .send()
        .await
        .unwrap()
        .json::<Value>()
        .await
        .unwrap()["id"]
        .as_i64()
        .unwrap();
    let far = step(
        &server,
        &village,
        &case_id,
        "join_units",
        json!({ "unit_ids": [other_county], "reason": "请柯城区协助" }),
    )
    .await;
    assert_eq!(
        far,
        Settled::Rejected {
            reason: Rejection::UnknownUnit
        }
    );

    applied(
        &server,
        &village,
        &case_id,
        "join_units",
        json!({ "unit_ids": [township_id], "reason": "涉及多个村民小组，请街道共同调解" }),
    )
    .await;
    let holders: i64 = lookup(
        &server,
        "SELECT COUNT(*) AS v FROM case_holders WHERE case_id = $1",
        &case_id,
    )
    .await;
    assert_eq!(holders, 2);
    let channel: String = lookup(
        &server,
        "SELECT channel AS v FROM cases WHERE id = $1",
        &case_id,
    )
    .await;
    assert_eq!(channel, "joint");
    let deadline_after = deadline_of(&server, &case_id).await;
    assert!(
        deadline_after <= deadline_before,
        "joint mediation runs on its short deadline"
    );
    let told = inbox(&township, &server).await;
    assert!(
        told.items.iter().any(|n| n.kind.code() == "joined"),
        "{told:?}"
    );
    // The co-holder acknowledges for itself; the village stays the lead.
    applied(&server, &township, &case_id, "acknowledge", json!({})).await;
    let lead: i64 = lookup(
        &server,
        "SELECT holder_unit_id AS v FROM cases WHERE id = $1",
        &case_id,
    )
    .await;
    assert_eq!(lead, common::steps::unit_of(&server, "village").await);
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn join_units_for_joint_mediation() {
    on_every_backend!(units_join_a_case_for_joint_mediation);
}
