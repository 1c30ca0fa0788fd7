//! A real server process killed (SIGKILL) while a batch is in flight loses nothing and applies
//! nothing twice: the device retries the same batch against the restarted server.

mod common;

use common::cases::{dispute, record_op};
use domain::sync::{PullResponse, PushResponse, Settled};
use serde_json::{json, Value};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

struct ServerProcess {
    child: Child,
    base: String,
}

impl ServerProcess {
    fn start(database_url: &str) -> ServerProcess {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let child = Command::new(env!("CARGO_BIN_EXE_server"))
            .env("LEPTOS_OUTPUT_NAME", "fengqiao")
            .env("LEPTOS_SITE_ROOT", "target/site")
            .env("LEPTOS_SITE_PKG_DIR", "pkg")
            .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
            .env("DATABASE_URL", database_url)
            .env("RUST_LOG", "warn")
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start the server binary");
        ServerProcess {
            child,
            base: format!("http://127.0.0.1:{port}"),
        }
    }

    async fn wait_healthy(&self) {
        for _ in 0..300 {
            if let Ok(r) = reqwest::get(format!("{}/api/v1/health", self.base)).await {
                if r.status().is_success() {
                    return;
                }
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("server process did not come up");
    }

    fn kill(&mut self) {
        self.child.kill().expect("SIGKILL the server");
        self.child.wait().expect("reap the server");
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn batch(n: usize) -> Vec<Value> {
    (0..n)
        .map(|i| {
            record_op(&dispute(
                "labour_wages",
                None,
                3,
                &format!("欠薪纠纷 第{i}起"),
            ))
        })
        .collect()
}

async fn sign_in(base: &str) -> reqwest::Client {
    let device = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .unwrap();
    let resp = device
        .post(format!("{base}/api/session/login"))
        .form(&[
            ("username", "grid"),
            ("password", server::people::seed::DEMO_PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    device
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_killed_mid_batch_loses_nothing_and_duplicates_nothing() {
    on_every_backend!(killed_mid_batch);
}

async fn killed_mid_batch(db: common::TestDb) {
    let database = common::FreshDatabase::create(db).await;
    let url = database.url.clone();
    let ops = batch(200);
    let body = json!({ "protocol": 1, "device_id": "crash-phone", "ops": ops });

    // Kill the server at several moments of the push: before, during and after the commit.
    for delay_ms in [0_u64, 5, 20, 60] {
        let mut server = ServerProcess::start(&url);
        server.wait_healthy().await;
        let phone = sign_in(&server.base).await;
        let in_flight = tokio::spawn({
            let (phone, url, body) = (
                phone.clone(),
                format!("{}/api/v1/sync/push", server.base),
                body.clone(),
            );
            async move { phone.post(url).json(&body).send().await }
        });
        tokio::time::sleep(Duration::from_millis(delay_ms)).await;
        server.kill();
        let _ = in_flight.await; // the device saw either an answer or a dropped connection
    }

    // The device retries against the restarted server until it gets an answer.
    let server = ServerProcess::start(&url);
    server.wait_healthy().await;
    let phone = sign_in(&server.base).await;
    let answer: PushResponse = phone
        .post(format!("{}/api/v1/sync/push", server.base))
        .json(&body)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(answer.results.len(), 200);
    assert!(answer
        .results
        .iter()
        .all(|r| matches!(r.outcome.settled(), Settled::Applied { .. })));
    let page: PullResponse = phone
        .get(format!(
            "{}/api/v1/sync/pull?cursor=0&limit=500",
            server.base
        ))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(page.cases.len(), 200, "every dispute exactly once");
    drop(server);
    database.drop().await;
}
