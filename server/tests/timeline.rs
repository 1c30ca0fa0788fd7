//! The timeline is evidence: each event carries the hash of the one before it, and
//! `GET /api/v1/cases/{id}/verify` and `server cases verify` find a row altered or removed
//! directly in the database.

mod common;

use common::cases::{action_op, dispute, push, record_op};
use common::steps::verify;
use common::{TestDb, TestServer};
use serde_json::json;
use sqlx::{Connection, Row};

async fn an_altered_event_is_found(db: TestDb) {
    let server = TestServer::start(db).await;
    let phone = server.signed_in("grid").await;
    let village = server.signed_in("village").await;
    let record = record_op(&dispute("neighbourhood", None, 2, "院墙倒塌砸坏邻居车辆"));
    let case_id = record["case_id"].as_str().unwrap().to_owned();
    push(&phone, &server, &[record]).await;
    push(
        &village,
        &server,
        &[action_op(&case_id, "acknowledge", json!({}))],
    )
    .await;
    push(
        &village,
        &server,
        &[action_op(
            &case_id,
            "escalate",
            json!({ "reason": "赔偿数额分歧大" }),
        )],
    )
    .await;

    let intact = verify(&village, &server, &case_id).await;
    assert_eq!(intact["intact"], true, "{intact}");
    assert_eq!(
        intact["events"], 4,
        "recorded, routed, acknowledged, escalated"
    );
    let stranger = server.signed_in("grid3").await;
    let hidden = stranger
        .get(server.url(&format!("/api/v1/cases/{case_id}/verify")))
        .send()
        .await
        .unwrap();
    assert_eq!(hidden.status(), 404);

    // Someone rewrites the escalation's reason directly in the database.
    let mut conn = sqlx::AnyConnection::connect(&server.database_url)
        .await
        .unwrap();
    let escalated: i64 =
        sqlx::query("SELECT id FROM case_events WHERE case_id = $1 AND kind = 'escalated'")
            .bind(&case_id)
            .fetch_one(&mut conn)
            .await
            .unwrap()
            .get("id");
    sqlx::query("UPDATE case_events SET payload = $1 WHERE id = $2")
        .bind(r#"{"reason":"村里不想管"}"#)
        .bind(escalated)
        .execute(&mut conn)
        .await
        .unwrap();
    let altered = verify(&village, &server, &case_id).await;
    assert_eq!(altered["intact"], false);
    assert_eq!(altered["first_broken"]["event_id"], escalated);
    assert_eq!(altered["first_broken"]["problem"], "altered");

    // Someone removes the acknowledgement instead: the chain no longer links.
    let record = record_op(&dispute("neighbourhood", None, 2, "噪音扰民"));
    let other = record["case_id"].as_str().unwrap().to_owned();
    push(&phone, &server, &[record]).await;
    push(
        &village,
        &server,
        &[action_op(&other, "acknowledge", json!({}))],
    )
    .await;
    push(&village, &server, &[action_op(&other, "accept", json!({}))]).await;
    push(
        &village,
        &server,
        &[action_op(&other, "resolve", json!({ "result": "已调解" }))],
    )
    .await;
    sqlx::query("DELETE FROM case_events WHERE case_id = $1 AND kind = 'acknowledged'")
        .bind(&other)
        .execute(&mut conn)
        .await
        .unwrap();
    let removed = verify(&village, &server, &other).await;
    assert_eq!(removed["intact"], false);
    assert_eq!(removed["first_broken"]["problem"], "unlinked");

    // Someone removes the newest events of a third case: what is left still links, but it no
    // longer ends where the case's chain ended.
    let record = record_op(&dispute("neighbourhood", None, 2, "宠物狗咬伤路人"));
    let third = record["case_id"].as_str().unwrap().to_owned();
    push(&phone, &server, &[record]).await;
    push(&village, &server, &[action_op(&third, "accept", json!({}))]).await;
    let routed: i64 =
        sqlx::query("SELECT id FROM case_events WHERE case_id = $1 AND kind = 'routed'")
            .bind(&third)
            .fetch_one(&mut conn)
            .await
            .unwrap()
            .get("id");
    sqlx::query("DELETE FROM case_events WHERE case_id = $1 AND id > $2")
        .bind(&third)
        .bind(routed)
        .execute(&mut conn)
        .await
        .unwrap();
    let truncated = verify(&village, &server, &third).await;
    assert_eq!(truncated["intact"], false, "{truncated}");
    assert_eq!(truncated["first_broken"]["problem"], "truncated");
    assert_eq!(truncated["first_broken"]["event_id"], routed);
    drop(conn);

    // The subcommand checks every case and fails naming both.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_server"))
        .args(["cases", "verify"])
        .env("DATABASE_URL", &server.database_url)
        .env("RUST_LOG", "off")
        .output()
        .unwrap();
    assert!(!out.status.success());
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.contains(&format!("{case_id}: event {escalated} altered")),
        "{said}"
    );
    assert!(said.contains(&other), "{said}");
    assert!(
        said.contains("3 cases checked, 3 with an altered timeline"),
        "{said}"
    );
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn altered_events_are_found() {
    on_every_backend!(an_altered_event_is_found);
}
