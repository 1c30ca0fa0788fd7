//! Sync ingest benchmark (issue 4): disputes per second through the real push endpoint against
//! the raw database inserting the same rows, measured in the same run, plus the bytes on the
//! wire per dispute against the dispute's raw JSON.
//!
//!     cargo run --release -p server --example sync_bench [-- --disputes 4000 --rounds 5]
//!
//! SQLite always; PostgreSQL too when TEST_DATABASE_URL is set. Prints a Markdown table and
//! writes target/bench/sync_ingest.json. Figures are medians of the rounds; the ratio is the
//! median of the per-round ratios, so machine noise affects both sides of each ratio alike.

use leptos::prelude::LeptosOptions;
use serde_json::{json, Value};
use server::config::Config;
use server::db::{now_ms, Db};
use sqlx::{Connection, Executor};
use std::time::{Duration, Instant};

const BATCH: usize = 200;

fn dispute(i: usize) -> Value {
    json!({
        "category": "property_management",
        "summary": format!("业主与物业公司因物业费及公共区域保洁问题发生争执，第{i}起"),
        "parties": [
            {"name": "张三", "role": "applicant", "phone": "13812345678"},
            {"name": "某物业服务有限公司", "role": "respondent"}
        ],
        "amount_fen": 800_000,
        "people_involved": 2,
        "location": "樟树潭社区3幢2单元",
        "facts_clear": true
    })
}

fn op(i: usize) -> Value {
    json!({
        "id": uuid::Uuid::now_v7().to_string(),
        "case_id": uuid::Uuid::now_v7().to_string(),
        "client_time": now_ms(),
        "kind": "record_dispute",
        "payload": dispute(i),
    })
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(|a, b| a.total_cmp(b));
    values[values.len() / 2]
}

struct Round {
    ingest_per_s: f64,
    raw_per_s: f64,
    request_bytes_per_dispute: f64,
    response_bytes_per_dispute: f64,
}

async fn fresh_database(kind: &str, dir: &std::path::Path, round: usize, which: &str) -> String {
    match kind {
        "sqlite" => format!("sqlite://{}/{which}-{round}.db", dir.display()),
        _ => {
            sqlx::any::install_default_drivers();
            let admin_url = std::env::var("TEST_DATABASE_URL").unwrap();
            let mut admin = sqlx::AnyConnection::connect(&admin_url).await.unwrap();
            let name = format!("fq_bench_{}_{which}_{round}", std::process::id());
            admin
                .execute(format!("DROP DATABASE IF EXISTS {name}").as_str())
                .await
                .unwrap();
            admin
                .execute(format!("CREATE DATABASE {name}").as_str())
                .await
                .unwrap();
            let base = admin_url.split('?').next().unwrap();
            format!("{}/{name}", &base[..base.rfind('/').unwrap()])
        }
    }
}

async fn ingest_round(database_url: String, ops: &[Value]) -> (Duration, usize, usize) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let options = LeptosOptions::builder()
        .output_name("fengqiao")
        .site_root("target/site")
        .site_addr(addr)
        .build();
    let config = Config {
        database_url,
        seed_demo: true,
        session_ttl: Duration::from_secs(3600),
        rules_file: None,
        sweep_every: None,
        deliver_every: None,
        https: false,
        trusted_proxies: Vec::new(),
    };
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(server::serve(config, options, listener, async {
        let _ = rx.await;
    }));
    let base = format!("http://{addr}");
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .unwrap();
    for _ in 0..200 {
        if client
            .get(format!("{base}/api/v1/health"))
            .send()
            .await
            .is_ok()
        {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    client
        .post(format!("{base}/api/session/login"))
        .form(&[
            ("username", "grid"),
            ("password", server::people::seed::DEMO_PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    let bodies: Vec<Vec<u8>> = ops
        .chunks(BATCH)
        .map(|chunk| {
            serde_json::to_vec(&json!({"protocol": 1, "device_id": "bench", "ops": chunk})).unwrap()
        })
        .collect();
    let (mut request_bytes, mut response_bytes) = (0, 0);
    let started = Instant::now();
    for body in bodies {
        request_bytes += body.len();
        let resp = client
            .post(format!("{base}/api/v1/sync/push"))
            .header("content-type", "application/json")
            .body(body)
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), 200);
        response_bytes += resp.bytes().await.unwrap().len();
    }
    let elapsed = started.elapsed();
    let _ = tx.send(());
    let _ = server.await;
    (elapsed, request_bytes, response_bytes)
}

/// The same rows the endpoint writes for a routed dispute (the case, its `recorded` and `routed`
/// events, its holder, one notification, the ledger entry) straight into the database, one
/// transaction per 200, with no HTTP, no JSON reading, no checks, no rules: the ceiling the
/// endpoint is measured against.
async fn raw_round(database_url: String, ops: &[Value]) -> Duration {
    let db = Db::connect(&database_url).await.unwrap();
    server::people::seed::seed_demo_if_empty(&db).await.unwrap();
    let started = Instant::now();
    for (b, chunk) in ops.chunks(BATCH).enumerate() {
        let mut tx = db.pool.begin().await.unwrap();
        for (i, op) in chunk.iter().enumerate() {
            let n = b * BATCH + i;
            let case_id = op["case_id"].as_str().unwrap();
            let facts = op["payload"].to_string();
            sqlx::query("INSERT INTO cases (id, number, recorder_id, grid_id, holder_unit_id, category, summary, facts, sensitive, status, recorded_at, created_at, change_seq) VALUES ($1, $2, 1, 9, 9, 'property_management', $3, $4, 0, 'recorded', $5, $5, $6)")
                .bind(case_id).bind(format!("RAW-{n:06}")).bind(op["payload"]["summary"].as_str().unwrap()).bind(&facts).bind(now_ms()).bind(n as i64 + 1)
                .execute(&mut *tx).await.unwrap();
            sqlx::query("INSERT INTO case_events (case_id, kind, actor_id, unit_id, client_time, server_time, payload) VALUES ($1, 'recorded', 1, 9, $2, $2, $3)")
                .bind(case_id).bind(now_ms()).bind(&facts)
                .execute(&mut *tx).await.unwrap();
            sqlx::query("INSERT INTO case_events (case_id, kind, unit_id, server_time, rule, payload) VALUES ($1, 'routed', 9, $2, 'property-clear-facts', '{}')")
                .bind(case_id).bind(now_ms())
                .execute(&mut *tx).await.unwrap();
            sqlx::query(
                "INSERT INTO case_holders (case_id, unit_id, lead, since) VALUES ($1, 9, 1, $2)",
            )
            .bind(case_id)
            .bind(now_ms())
            .execute(&mut *tx)
            .await
            .unwrap();
            sqlx::query("INSERT INTO notifications (user_id, unit_id, case_id, kind, case_number, summary, detail, created_at) VALUES (2, 9, $1, 'routed', $2, $3, 'rule', $4)")
                .bind(case_id).bind(format!("RAW-{n:06}")).bind(op["payload"]["summary"].as_str().unwrap()).bind(now_ms())
                .execute(&mut *tx).await.unwrap();
            sqlx::query("INSERT INTO sync_ops (op_id, user_id, device_id, kind, case_id, outcome, received_at) VALUES ($1, 1, 'bench', 'record_dispute', $2, '{}', $3)")
                .bind(op["id"].as_str().unwrap()).bind(case_id).bind(now_ms())
                .execute(&mut *tx).await.unwrap();
        }
        tx.commit().await.unwrap();
    }
    started.elapsed()
}

fn arg(name: &str, default: usize) -> usize {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    let disputes = arg("--disputes", 4000);
    let rounds = arg("--rounds", 5);
    let dir = tempfile::tempdir().unwrap();
    let mut backends = vec!["sqlite"];
    if std::env::var("TEST_DATABASE_URL").is_ok_and(|u| !u.is_empty()) {
        backends.push("postgres");
    }
    let raw_dispute_bytes = serde_json::to_vec(&dispute(1)).unwrap().len();
    let mut report = Vec::new();
    println!("| database | disputes | push ingest /s | raw insert /s | ingest ÷ raw | request bytes per dispute | response bytes per dispute | raw dispute JSON bytes |");
    println!("|---|---|---|---|---|---|---|---|");
    for backend in backends {
        let mut results = Vec::new();
        for round in 0..rounds {
            let ops: Vec<Value> = (0..disputes).map(op).collect();
            // Alternate the order so neither side always runs on a warmer machine.
            let (ingest, raw) = if round % 2 == 0 {
                let ingest = ingest_round(
                    fresh_database(backend, dir.path(), round, "push").await,
                    &ops,
                )
                .await;
                let raw = raw_round(
                    fresh_database(backend, dir.path(), round, "raw").await,
                    &ops,
                )
                .await;
                (ingest, raw)
            } else {
                let raw = raw_round(
                    fresh_database(backend, dir.path(), round, "raw").await,
                    &ops,
                )
                .await;
                let ingest = ingest_round(
                    fresh_database(backend, dir.path(), round, "push").await,
                    &ops,
                )
                .await;
                (ingest, raw)
            };
            results.push(Round {
                ingest_per_s: disputes as f64 / ingest.0.as_secs_f64(),
                raw_per_s: disputes as f64 / raw.as_secs_f64(),
                request_bytes_per_dispute: ingest.1 as f64 / disputes as f64,
                response_bytes_per_dispute: ingest.2 as f64 / disputes as f64,
            });
        }
        let ingest = median(results.iter().map(|r| r.ingest_per_s).collect());
        let raw = median(results.iter().map(|r| r.raw_per_s).collect());
        let ratio = median(
            results
                .iter()
                .map(|r| r.ingest_per_s / r.raw_per_s)
                .collect(),
        );
        let request = median(
            results
                .iter()
                .map(|r| r.request_bytes_per_dispute)
                .collect(),
        );
        let response = median(
            results
                .iter()
                .map(|r| r.response_bytes_per_dispute)
                .collect(),
        );
        println!("| {backend} | {disputes} × {rounds} rounds | {ingest:.0} | {raw:.0} | {ratio:.2} | {request:.0} | {response:.0} | {raw_dispute_bytes} |");
        report.push(json!({
            "database": backend, "disputes": disputes, "rounds": rounds,
            "push_ingest_per_s_median": ingest, "raw_insert_per_s_median": raw, "ingest_to_raw_ratio_median": ratio,
            "request_bytes_per_dispute": request, "response_bytes_per_dispute": response, "raw_dispute_json_bytes": raw_dispute_bytes,
        }));
    }
    std::fs::create_dir_all("target/bench").unwrap();
    std::fs::write(
        "target/bench/sync_ingest.json",
        serde_json::to_string_pretty(&report).unwrap(),
    )
    .unwrap();
}
