//! A real server process killed (SIGKILL) while a batch is in flight loses nothing and applies
//! nothing twice: the device retries the same batch against the restarted server.

mod common;

use common::cases::{dispute, pull_all, record_op};
use domain::sync::{PushResponse, Settled};
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

/// Rounds of the random crash test: a few in `make test`; `FQ_CRASH_ROUNDS=50` for the long run
/// (docs/sync.md).
fn rounds() -> usize {
    std::env::var("FQ_CRASH_ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(4)
}

/// Pushes `body` until the server answers it (a killed or restarting server drops the
/// connection), and checks every operation is settled as applied — the first time, or as a
/// duplicate of the first time. Returns how many were answered, and how many of those as
/// duplicates (the killed push had committed them).
async fn push_until_answered(phone: &reqwest::Client, base: &str, body: &Value) -> (usize, usize) {
    for _ in 0..50 {
        let Ok(resp) = phone
            .post(format!("{base}/api/v1/sync/push"))
            .json(body)
            .send()
            .await
        else {
            tokio::time::sleep(Duration::from_millis(100)).await;
            continue;
        };
        assert_eq!(resp.status(), 200);
        let answer: PushResponse = resp.json().await.unwrap();
        assert!(answer
            .results
            .iter()
            .all(|r| matches!(r.outcome.settled(), Settled::Applied { .. })));
        let duplicates = answer
            .results
            .iter()
            .filter(|r| matches!(r.outcome, domain::sync::OpOutcome::Duplicate { .. }))
            .count();
        return (answer.results.len(), duplicates);
    }
    panic!("the push was never answered");
}

/// Sends `body` and SIGKILLs the server `delay` into the push, as a phone's batch is cut off by
/// a crash. Whether the phone got its answer first.
async fn push_then_kill(server: &mut ServerProcess, body: &Value, delay: Duration) -> bool {
    let phone = sign_in(&server.base).await;
    let url = format!("{}/api/v1/sync/push", server.base);
    let in_flight = tokio::spawn({
        let body = body.clone();
        async move { phone.post(url).json(&body).send().await }
    });
    tokio::time::sleep(delay).await;
    server.kill();
    matches!(in_flight.await, Ok(Ok(r)) if r.status().is_success())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_killed_at_random_moments_applies_every_batch_exactly_once() {
    // Its own limit: a long run (`FQ_CRASH_ROUNDS=50`) takes minutes, each round a restart.
    let limit = Duration::from_secs(60 + 10 * rounds() as u64);
    for db in common::backends() {
        eprintln!("-- killed_at_random_moments on {db:?}");
        tokio::time::timeout(limit, killed_at_random_moments(db))
            .await
            .unwrap_or_else(|_| panic!("killed_at_random_moments on {db:?} hung"));
    }
}

/// Round after round, a new batch is pushed and the server is SIGKILLed a random time into it
/// (before, during or after its commit); the device resends the same batch to the restarted
/// server. At the end every dispute is there exactly once.
async fn killed_at_random_moments(db: common::TestDb) {
    use rand::{Rng, SeedableRng};
    let seed: u64 = std::env::var("FQ_CRASH_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(rand::random);
    let mut rng = rand::rngs::StdRng::seed_from_u64(seed);
    let database = common::FreshDatabase::create(db).await;
    let url = database.url.clone();
    let (rounds, per_batch) = (rounds(), 60);
    let mut server = ServerProcess::start(&url);
    server.wait_healthy().await;
    let (mut answered_before_kill, mut committed_before_kill) = (0, 0);
    for round in 0..rounds {
        let ops: Vec<Value> = (0..per_batch)
            .map(|i| {
                record_op(&dispute(
                    "labour_wages",
                    None,
                    3,
                    &format!("第{round}轮 欠薪纠纷 第{i}起"),
                ))
            })
            .collect();
        let body = json!({ "protocol": 1, "device_id": "crash-phone", "ops": ops });
        // From at once to well after the commit: some rounds die before, some in, some after.
        let delay = Duration::from_millis(rng.gen_range(0..1500));
        if push_then_kill(&mut server, &body, delay).await {
            answered_before_kill += 1;
        }
        server = ServerProcess::start(&url);
        server.wait_healthy().await;
        let phone = sign_in(&server.base).await;
        let (answered, duplicates) = push_until_answered(&phone, &server.base, &body).await;
        assert_eq!(answered, per_batch);
        assert!(
            duplicates == 0 || duplicates == per_batch,
            "a batch commits whole or not at all"
        );
        committed_before_kill += usize::from(duplicates > 0);
    }
    let phone = sign_in(&server.base).await;
    let (cases, _) = pull_all(&phone, &server.base, 500).await;
    let mut numbers: Vec<&str> = cases.iter().map(|c| c.number.as_str()).collect();
    numbers.sort_unstable();
    numbers.dedup();
    assert_eq!(cases.len(), rounds * per_batch, "every dispute, once");
    assert_eq!(numbers.len(), cases.len(), "no number given twice");
    eprintln!(
        "crash suite on {db:?}: seed {seed}, {rounds} rounds, {rounds} kills ({committed_before_kill} \
         after the batch committed, {answered_before_kill} of them answered first), {} disputes \
         sent, {} cases, none lost or duplicated",
        rounds * per_batch,
        cases.len()
    );
    drop(server);
    database.drop().await;
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
        // The device saw either an answer or a dropped connection.
        push_then_kill(&mut server, &body, Duration::from_millis(delay_ms)).await;
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
    let (cases, _) = pull_all(&phone, &server.base, 500).await;
    assert_eq!(cases.len(), 200, "every dispute exactly once");
    drop(server);
    database.drop().await;
}
