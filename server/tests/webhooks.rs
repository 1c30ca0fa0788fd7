//! DingTalk and WeCom group robots against a local HTTP receiver: the payloads are the robots'
//! markdown formats; a robot that fails is retried with backoff and its errors logged; a robot
//! that is down never blocks or loses a case.

mod common;

use axum::extract::State;
use axum::routing::post;
use axum::{Json, Router};
use common::cases::{dispute, push_raw, record_op};
use common::{TestDb, TestServer};
use serde_json::{json, Value};
use server::notifications::robots::{backoff_ms, deliver_due, Delivered};
use sqlx::Row;
use std::sync::{Arc, Mutex};

/// A robot endpoint that refuses its first `fail_first` calls, then takes every message.
#[derive(Clone, Default)]
struct Receiver {
    received: Arc<Mutex<Vec<Value>>>,
    calls: Arc<Mutex<usize>>,
    fail_first: usize,
}

async fn robot(
    State(receiver): State<Receiver>,
    Json(body): Json<Value>,
) -> (axum::http::StatusCode, Json<Value>) {
    let call = {
        let mut calls = receiver.calls.lock().unwrap();
        *calls += 1;
        *calls
    };
    if call <= receiver.fail_first {
        return (
            axum::http::StatusCode::BAD_GATEWAY,
            Json(json!({ "errcode": -1, "errmsg": "busy" })),
        );
    }
    receiver.received.lock().unwrap().push(body);
    (
        axum::http::StatusCode::OK,
        Json(json!({ "errcode": 0, "errmsg": "ok" })),
    )
}

async fn start_receiver(fail_first: usize) -> (String, Receiver) {
    let receiver = Receiver {
        fail_first,
        ..Default::default()
    };
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let app = Router::new()
        .route("/robot/send", post(robot))
        .with_state(receiver.clone());
    tokio::spawn(async move { axum::serve(listener, app).await });
    (format!("http://{addr}/robot/send"), receiver)
}

fn fee_dispute() -> domain::dispute::DisputeFacts {
    dispute(
        "property_management",
        Some(8_000),
        2,
        "业主拖欠物业费8000元",
    )
}

/// The demo village the grid worker's disputes are routed to.
async fn village_id(db: &server::db::Db) -> i64 {
    sqlx::query("SELECT id FROM units WHERE name = '樟树潭社区'")
        .fetch_one(&db.pool)
        .await
        .unwrap()
        .get("id")
}

async fn robots_get_the_notices_and_failures_are_retried(db: TestDb) {
    let server = TestServer::start(db).await;
    let (ding_url, ding) = start_receiver(2).await;
    let (wecom_url, wecom) = start_receiver(0).await;
    let admin = server.signed_in("admin").await;
    let db_handle = server::db::Db::connect(&server.database_url).await.unwrap();
    let village_id = village_id(&db_handle).await;
    for (format, url) in [("dingtalk", &ding_url), ("wecom", &wecom_url)] {
        let added = admin
            .post(server.url("/api/admin/webhooks/add"))
            .form(&[
                ("unit_id", village_id.to_string()),
                ("format", format.into()),
                ("url", url.clone()),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(added.status(), 200, "{}", added.text().await.unwrap());
    }
    let refused = admin
        .post(server.url("/api/admin/webhooks/add"))
        .form(&[
            ("unit_id", village_id.to_string()),
            ("format", "dingtalk".into()),
            ("url", "ftp://x".into()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 422);

    // The grid worker's case is routed to the village: both robots have a delivery queued, and
    // the push did not wait for them.
    let phone = server.signed_in("grid").await;
    let pushed = push_raw(
        &phone,
        &server,
        json!({ "protocol": 1, "device_id": "hooks", "ops": [record_op(&fee_dispute())] }),
    )
    .await;
    assert_eq!(pushed.status(), 200);

    let client = reqwest::Client::new();
    let t0 = server::db::now_ms();
    let first = deliver_due(&db_handle, &client, t0).await.unwrap();
    assert_eq!(
        first,
        Delivered {
            delivered: 1,
            retrying: 1,
            failed: 0
        }
    );
    // Not due again before its backoff; then the robot is still busy once more.
    assert_eq!(
        deliver_due(&db_handle, &client, t0 + 1_000).await.unwrap(),
        Delivered::default()
    );
    let second = deliver_due(&db_handle, &client, t0 + backoff_ms(1) + 1)
        .await
        .unwrap();
    assert_eq!(
        second,
        Delivered {
            delivered: 0,
            retrying: 1,
            failed: 0
        }
    );
    let third = deliver_due(&db_handle, &client, t0 + backoff_ms(1) + backoff_ms(2) + 2)
        .await
        .unwrap();
    assert_eq!(
        third,
        Delivered {
            delivered: 1,
            retrying: 0,
            failed: 0
        }
    );

    let ding_body = ding.received.lock().unwrap()[0].clone();
    assert_eq!(ding_body["msgtype"], "markdown");
    assert_eq!(ding_body["markdown"]["title"], "【枫桥】新案件分派到本单位");
    let text = ding_body["markdown"]["text"].as_str().unwrap();
    assert!(text.contains("案件编号：330803-"), "{text}");
    assert!(text.contains("业主拖欠物业费8000元"));
    assert!(text.contains("物业纠纷事实清楚"));
    let wecom_body = wecom.received.lock().unwrap()[0].clone();
    assert_eq!(wecom_body["msgtype"], "markdown");
    assert!(wecom_body["markdown"]["content"]
        .as_str()
        .unwrap()
        .contains("业主拖欠物业费8000元"));
    assert_eq!(*ding.calls.lock().unwrap(), 3);

    // The admin reads the delivery log: both delivered, the DingTalk one after 3 attempts.
    let view: app::api::robots::WebhooksView = admin
        .post(server.url("/api/admin/webhooks"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(view.hooks.len(), 2);
    let attempts: Vec<(String, String, i64)> = view
        .deliveries
        .iter()
        .map(|d| (d.format.clone(), d.status.clone(), d.attempts))
        .collect();
    assert!(
        attempts.contains(&("dingtalk".into(), "delivered".into(), 3)),
        "{attempts:?}"
    );
    assert!(
        attempts.contains(&("wecom".into(), "delivered".into(), 1)),
        "{attempts:?}"
    );
    db_handle.pool.close().await;
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn robots_get_the_notices() {
    on_every_backend!(robots_get_the_notices_and_failures_are_retried);
}

async fn a_dead_robot_is_given_up_after_its_attempts_and_logged(db: TestDb) {
    let server = TestServer::start(db).await;
    let admin = server.signed_in("admin").await;
    let db_handle = server::db::Db::connect(&server.database_url).await.unwrap();
    let village_id = village_id(&db_handle).await;
    // Nothing listens here.
    let dead = {
        let socket = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        format!("http://{}/robot/send", socket.local_addr().unwrap())
    };
    admin
        .post(server.url("/api/admin/webhooks/add"))
        .form(&[
            ("unit_id", village_id.to_string()),
            ("format", "wecom".into()),
            ("url", dead),
        ])
        .send()
        .await
        .unwrap();
    let phone = server.signed_in("grid").await;
    let pushed = push_raw(
        &phone,
        &server,
        json!({ "protocol": 1, "device_id": "hooks", "ops": [record_op(&fee_dispute())] }),
    )
    .await;
    assert_eq!(pushed.status(), 200, "a dead robot never blocks a case");
    let client = reqwest::Client::new();
    let mut now = server::db::now_ms();
    let mut last = Delivered::default();
    for attempt in 1..=server::notifications::robots::MAX_ATTEMPTS {
        last = deliver_due(&db_handle, &client, now).await.unwrap();
        now += backoff_ms(attempt) + 1;
    }
    assert_eq!(
        last,
        Delivered {
            delivered: 0,
            retrying: 0,
            failed: 1
        }
    );
    let row = sqlx::query("SELECT status, attempts, last_error FROM webhook_deliveries")
        .fetch_one(&db_handle.pool)
        .await
        .unwrap();
    assert_eq!(row.get::<String, _>("status"), "failed");
    assert_eq!(
        row.get::<i64, _>("attempts"),
        server::notifications::robots::MAX_ATTEMPTS
    );
    assert!(row.get::<String, _>("last_error").starts_with("network"));
    // The case itself is there and routed.
    let routed: i64 = sqlx::query("SELECT COUNT(*) AS n FROM cases WHERE status = 'routed'")
        .fetch_one(&db_handle.pool)
        .await
        .unwrap()
        .get("n");
    assert_eq!(routed, 1);
    db_handle.pool.close().await;
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dead_robot_is_given_up() {
    on_every_backend!(a_dead_robot_is_given_up_after_its_attempts_and_logged);
}

/// A robot endpoint that takes the connection and never answers.
async fn hanging_robot() -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((socket, _)) = listener.accept().await {
            held.push(socket); // kept open, never answered
        }
    });
    format!("http://{addr}/robot/send")
}

/// Issue 15, item 6: a robot that hangs holds up neither a push nor a case; the delivery times
/// out, is retried later, and its log says why.
async fn a_hanging_robot_holds_up_no_case(db: TestDb) {
    let server = TestServer::start(db).await;
    let admin = server.signed_in("admin").await;
    let db_handle = server::db::Db::connect(&server.database_url).await.unwrap();
    let village_id = village_id(&db_handle).await;
    admin
        .post(server.url("/api/admin/webhooks/add"))
        .form(&[
            ("unit_id", village_id.to_string()),
            ("format", "dingtalk".into()),
            ("url", hanging_robot().await),
        ])
        .send()
        .await
        .unwrap();
    let phone = server.signed_in("grid").await;
    let first = push_raw(
        &phone,
        &server,
        json!({ "protocol": 1, "device_id": "hooks", "ops": [record_op(&fee_dispute())] }),
    )
    .await;
    assert_eq!(first.status(), 200);
    // A delivery round is stuck on the robot…
    let client = reqwest::Client::builder()
        .timeout(std::time::Duration::from_secs(2))
        .build()
        .unwrap();
    let round = tokio::spawn({
        let (db, client) = (db_handle.clone(), client.clone());
        async move { deliver_due(&db, &client, server::db::now_ms()).await }
    });
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    // …while the next dispute syncs and is routed at once.
    let started = std::time::Instant::now();
    let second = push_raw(
        &phone,
        &server,
        json!({ "protocol": 1, "device_id": "hooks", "ops": [record_op(&fee_dispute())] }),
    )
    .await;
    assert_eq!(second.status(), 200);
    assert!(!round.is_finished(), "the robot still hangs");
    assert!(started.elapsed() < std::time::Duration::from_secs(2));
    let report = round.await.unwrap().unwrap();
    assert_eq!(
        report,
        Delivered {
            delivered: 0,
            retrying: 1,
            failed: 0
        }
    );
    let error: String =
        sqlx::query("SELECT last_error FROM webhook_deliveries ORDER BY id LIMIT 1")
            .fetch_one(&db_handle.pool)
            .await
            .unwrap()
            .get("last_error");
    assert!(
        error.starts_with("network") && error.contains("timed out"),
        "{error}"
    );
    let routed: i64 = sqlx::query("SELECT COUNT(*) AS n FROM cases WHERE status = 'routed'")
        .fetch_one(&db_handle.pool)
        .await
        .unwrap()
        .get("n");
    assert_eq!(routed, 2);
    db_handle.pool.close().await;
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hanging_robot_holds_up_no_case_and_its_log_says_why() {
    on_every_backend!(a_hanging_robot_holds_up_no_case);
}
