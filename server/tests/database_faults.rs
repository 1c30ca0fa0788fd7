//! Issue 15, item 6: the database locked or unreachable while phones push. The push is answered
//! 503 with `Retry-After` and nothing of it applied; once the database is back, the same batch
//! lands, exactly once. SQLite: another writer holds the lock past the busy timeout.
//! PostgreSQL: the connection to it is cut (the server reaches it through a TCP proxy the test
//! controls), then restored.

mod common;

use common::cases::{dispute, record_op};
use common::{TestDb, TestServer};
use domain::sync::PushResponse;
use serde_json::{json, Value};
use sqlx::Connection;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

fn body(label: &str) -> Value {
    let ops: Vec<Value> = (0..20)
        .map(|i| {
            record_op(&dispute(
                "neighbourhood",
                None,
                2,
                &format!("{label} 第{i}起"),
            ))
        })
        .collect();
    json!({ "protocol": 1, "device_id": "fault-phone", "ops": ops })
}

async fn push(device: &reqwest::Client, server: &TestServer, body: &Value) -> reqwest::Response {
    device
        .post(server.url("/api/v1/sync/push"))
        .json(body)
        .send()
        .await
        .unwrap()
}

/// The batch was refused as a whole, in words, with when to retry.
async fn refused_for_now(resp: reqwest::Response) {
    assert_eq!(resp.status(), 503);
    assert_eq!(
        resp.headers()
            .get("retry-after")
            .and_then(|v| v.to_str().ok()),
        Some("5")
    );
    let body: domain::sync::ApiErrorBody = resp.json().await.unwrap();
    assert_eq!(body.error, "temporarily_unavailable");
}

async fn landed_once(resp: reqwest::Response) {
    assert_eq!(resp.status(), 200);
    let answer: PushResponse = resp.json().await.unwrap();
    assert_eq!(answer.results.len(), 20);
    assert!(
        answer
            .results
            .iter()
            .all(|r| matches!(r.outcome, domain::sync::OpOutcome::Applied { .. })),
        "applied now, not before: the refused push applied nothing"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_locked_sqlite_database_answers_503_then_the_batch_lands() {
    let server = TestServer::start(TestDb::Sqlite).await;
    let phone = server.signed_in("grid").await;
    // Another writer takes the database's write lock and keeps it past the busy timeout.
    let mut locker = sqlx::SqliteConnection::connect(&server.database_url)
        .await
        .unwrap();
    sqlx::query("BEGIN IMMEDIATE")
        .execute(&mut locker)
        .await
        .unwrap();
    let batch = body("数据库被锁");
    refused_for_now(push(&phone, &server, &batch).await).await;
    sqlx::query("ROLLBACK").execute(&mut locker).await.unwrap();
    landed_once(push(&phone, &server, &batch).await).await;
    server.stop().await;
}

/// A TCP proxy to PostgreSQL whose connections the test can cut, and refuse while cut.
struct Cable {
    port: u16,
    cut: Arc<AtomicBool>,
    links: Arc<std::sync::Mutex<Vec<tokio::task::JoinHandle<()>>>>,
}

impl Cable {
    async fn to(upstream: String) -> Cable {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let cut = Arc::new(AtomicBool::new(false));
        let links = Arc::new(std::sync::Mutex::new(Vec::new()));
        let (is_cut, all) = (cut.clone(), links.clone());
        tokio::spawn(async move {
            while let Ok((mut client, _)) = listener.accept().await {
                if is_cut.load(Ordering::SeqCst) {
                    continue; // dropped: the connection is refused
                }
                let upstream = upstream.clone();
                let link = tokio::spawn(async move {
                    if let Ok(mut server) = tokio::net::TcpStream::connect(&upstream).await {
                        let _ = tokio::io::copy_bidirectional(&mut client, &mut server).await;
                    }
                });
                all.lock().unwrap().push(link);
            }
        });
        Cable { port, cut, links }
    }

    fn cut(&self) {
        self.cut.store(true, Ordering::SeqCst);
        for link in self.links.lock().unwrap().drain(..) {
            link.abort();
        }
    }

    fn restore(&self) {
        self.cut.store(false, Ordering::SeqCst);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unreachable_postgres_answers_503_then_the_batch_lands() {
    if !common::backends().contains(&TestDb::Postgres) {
        eprintln!("TEST_DATABASE_URL is not set: PostgreSQL not tried");
        return;
    }
    let direct = std::env::var("TEST_DATABASE_URL").unwrap();
    let host_port = direct
        .split('@')
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .unwrap_or("127.0.0.1:5432")
        .to_owned();
    let cable = Cable::to(host_port.clone()).await;
    let proxy = format!("127.0.0.1:{}", cable.port);
    let server = TestServer::start_with(TestDb::Postgres, |config| {
        config.database_url = config.database_url.replace(&host_port, &proxy);
    })
    .await;
    let phone = server.signed_in("grid").await;
    landed_once(push(&phone, &server, &body("断网之前")).await).await;
    cable.cut();
    let batch = body("数据库断开");
    refused_for_now(push(&phone, &server, &batch).await).await;
    cable.restore();
    // The pool reconnects; the same batch lands once.
    let mut answer = push(&phone, &server, &batch).await;
    for _ in 0..10 {
        if answer.status() == 200 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
        answer = push(&phone, &server, &batch).await;
    }
    landed_once(answer).await;
    server.stop().await;
}
