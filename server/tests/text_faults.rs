//! Issue 15, item 4: text is checked once, for every backend. A control character in one
//! operation (a NUL, which PostgreSQL refuses in text) is refused in that operation alone with
//! its field named, before any database sees it — the rest of the batch applies, on PostgreSQL
//! as on SQLite. A body with bytes after its JSON is not read as if they were not there.

mod common;

use common::cases::{dispute, push, push_raw, record_op};
use common::{TestDb, TestServer};
use domain::problem::Problem;
use domain::sync::{OpOutcome, Rejection};
use serde_json::json;

fn refused_field(outcome: &OpOutcome) -> (String, Problem) {
    match outcome {
        OpOutcome::Rejected {
            reason: Rejection::Invalid { problems },
        } => (problems[0].field.clone(), problems[0].problem),
        other => panic!("expected a refused field, got {other:?}"),
    }
}

async fn a_control_character_refuses_its_operation_only(db: TestDb) {
    let server = TestServer::start(db).await;
    let phone = server.signed_in("grid").await;
    let good = record_op(&dispute("neighbourhood", None, 2, "控制字符之前的一起"));
    let nul_summary = record_op(&dispute("neighbourhood", None, 2, "摘要里\u{0}有空字符"));
    let mut bell_name = record_op(&dispute("neighbourhood", None, 2, "当事人姓名有控制字符"));
    bell_name["payload"]["parties"][0]["name"] = json!("李\u{7}四");
    let mut nul_kind = record_op(&dispute("neighbourhood", None, 2, "类型里有空字符"));
    nul_kind["kind"] = json!("record_dispute\u{0}");
    let mut nul_id = record_op(&dispute("neighbourhood", None, 2, "编号里有空字符"));
    nul_id["id"] = json!("0190f5c2-0000-7000-8000-00000000000\u{0}");
    // Tabs and line breaks are text a person types into a long field.
    let line_breaks = record_op(&dispute(
        "neighbourhood",
        None,
        2,
        "第一行\n第二行\r\n\t缩进",
    ));
    let after = record_op(&dispute("neighbourhood", None, 2, "控制字符之后的一起"));
    let batch = vec![
        good,
        nul_summary.clone(),
        bell_name,
        nul_kind,
        nul_id,
        line_breaks,
        after,
    ];
    let answer = push(&phone, &server, &batch).await;
    let outcomes: Vec<&OpOutcome> = answer.results.iter().map(|r| &r.outcome).collect();
    assert!(
        matches!(outcomes[0], OpOutcome::Applied { .. }),
        "{:?}",
        outcomes[0]
    );
    assert_eq!(
        refused_field(outcomes[1]),
        ("summary".to_owned(), Problem::ControlCharacter)
    );
    assert_eq!(
        refused_field(outcomes[2]),
        ("parties[0].name".to_owned(), Problem::ControlCharacter)
    );
    assert_eq!(
        refused_field(outcomes[3]),
        ("kind".to_owned(), Problem::ControlCharacter)
    );
    assert_eq!(
        refused_field(outcomes[4]),
        ("id".to_owned(), Problem::ControlCharacter)
    );
    assert!(
        matches!(outcomes[5], OpOutcome::Applied { .. }),
        "{:?}",
        outcomes[5]
    );
    assert!(
        matches!(outcomes[6], OpOutcome::Applied { .. }),
        "{:?}",
        outcomes[6]
    );
    // Sent again, the refused one is refused again and the applied ones are duplicates.
    let again = push(&phone, &server, &[nul_summary, batch[0].clone()]).await;
    assert_eq!(
        refused_field(&again.results[0].outcome),
        ("summary".to_owned(), Problem::ControlCharacter)
    );
    assert!(matches!(
        again.results[1].outcome,
        OpOutcome::Duplicate { .. }
    ));

    // A device id with a control character names it, as a bad device id always did.
    let resp = push_raw(
        &phone,
        &server,
        json!({ "protocol": 1, "device_id": "phone\u{0}", "ops": [] }),
    )
    .await;
    assert_eq!(resp.status(), 400);
    let body: domain::sync::ApiErrorBody = resp.json().await.unwrap();
    assert_eq!(body.field.as_deref(), Some("device_id"));
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_control_character_never_blocks_a_batch() {
    on_every_backend!(a_control_character_refuses_its_operation_only);
}

async fn bytes_after_the_json_are_a_400(db: TestDb) {
    let server = TestServer::start(db).await;
    let phone = server.signed_in("grid").await;
    let body = json!({ "protocol": 1, "device_id": "x", "ops": [] }).to_string();
    for trailing in [" {}", "garbage", "]"] {
        let resp = phone
            .post(server.url("/api/v1/sync/push"))
            .header("content-type", "application/json")
            .body(format!("{body}{trailing}"))
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), 400, "trailing {trailing:?}");
    }
    // Whitespace after the JSON is still JSON.
    let resp = phone
        .post(server.url("/api/v1/sync/push"))
        .header("content-type", "application/json")
        .body(format!("{body}\n"))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn trailing_bytes_are_refused() {
    on_every_backend!(bytes_after_the_json_are_a_400);
}
