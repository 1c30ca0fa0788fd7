//! An upgrade that counts the figures differently (`FIGURES_VERSION` raised): the server
//! serves at once and recounts the cases in the background. Meanwhile the dashboard and the
//! report say so and the report is not exported; a case recorded meanwhile is counted once;
//! at the end the sums equal a recount from scratch.

mod common;

use common::steps::{kept_figures, reader, record, rules_and_db};
use common::{TestDb, TestServer};
use server::stats::store::{self, Derivation, FIGURES_VERSION};
use sqlx::Row;

/// What an older build kept, its sums whole for that derivation as an older build's are: no
/// case's funnel past its grid; three cases under another month (a case whose key moved); two
/// cases one of whose units had not counted them yet (a unit newly reached). Made by counting
/// altered cases from scratch, then putting the cases back as they are.
async fn counted_by_an_older_build(db: &server::db::Db) {
    let cases = sqlx::query("SELECT id, recorded_at FROM cases ORDER BY id LIMIT 5")
        .fetch_all(&db.pool)
        .await
        .unwrap();
    let cases: Vec<(String, i64)> = cases
        .iter()
        .map(|r| (r.try_get("id").unwrap(), r.try_get("recorded_at").unwrap()))
        .collect();
    let january_2000 = 947_980_800_000; // 2000-01-16
    let set_recorded_at = |id: String, at: i64| async move {
        sqlx::query("UPDATE cases SET recorded_at = $1 WHERE id = $2")
            .bind(at)
            .bind(id)
            .execute(&db.pool)
            .await
            .unwrap();
    };
    for (id, _) in &cases[..3] {
        set_recorded_at(id.clone(), january_2000).await;
    }
    let mut unreached = Vec::new();
    for (id, _) in &cases[3..] {
        let row = sqlx::query(
            "SELECT unit_id, recorded_at FROM case_reach WHERE case_id = $1 ORDER BY unit_id LIMIT 1",
        )
        .bind(id)
        .fetch_one(&db.pool)
        .await
        .unwrap();
        let (unit, at): (i64, i64) = (
            row.try_get("unit_id").unwrap(),
            row.try_get("recorded_at").unwrap(),
        );
        sqlx::query("DELETE FROM case_reach WHERE case_id = $1 AND unit_id = $2")
            .bind(id)
            .bind(unit)
            .execute(&db.pool)
            .await
            .unwrap();
        unreached.push((id.clone(), unit, at));
    }
    store::recount(&db.pool).await.unwrap();
    for (id, at) in &cases[..3] {
        set_recorded_at(id.clone(), *at).await;
    }
    for (id, unit, at) in unreached {
        sqlx::query(
            "INSERT INTO case_reach (unit_id, case_id, recorded_at, counted) VALUES ($1, $2, $3, 0)",
        )
        .bind(unit)
        .bind(id)
        .bind(at)
        .execute(&db.pool)
        .await
        .unwrap();
    }
    let cleared = "reached_village = 0, reached_township = 0, reached_county = 0, reached_city = 0";
    for table in ["case_figures", "unit_figures"] {
        sqlx::query(&format!("UPDATE {table} SET {cleared}"))
            .execute(&db.pool)
            .await
            .unwrap();
    }
    server::db::set_derived_version(&db.pool, "figures", FIGURES_VERSION - 1)
        .await
        .unwrap();
}

/// The sums a recount from scratch gives.
async fn recounted(db: &server::db::Db) -> Vec<String> {
    store::recount(&db.pool).await.unwrap();
    kept_figures(db).await
}

async fn upgraded(db: TestDb) {
    let server = TestServer::start(db).await;
    let (rules, db) = rules_and_db(&server).await;
    server::demo::generate(&db, &rules, 400, 3, server::db::now_ms())
        .await
        .unwrap();
    let right = kept_figures(&db).await;
    counted_by_an_older_build(&db).await;
    assert_ne!(kept_figures(&db).await, right);
    assert_eq!(
        store::derivation(&db.pool).await.unwrap(),
        Derivation::Older
    );

    // While older: the dashboard and the report say so, and the report is not exported.
    let county = reader(&server, "county").await;
    let now = server::db::now_ms();
    let period = app::api::dashboard::Period::year_to_date(domain::clock::Month::of_unix_ms(now));
    let view = server::stats::dashboard::view(&db, &county, period, now)
        .await
        .unwrap();
    assert!(view.recounting);
    let report = server::stats::report::monthly(&db, &county, period)
        .await
        .unwrap();
    assert!(report.recounting);
    let office = server.signed_in("county").await;
    let export = || async {
        office
            .get(server.url("/api/v1/reports/monthly?format=csv"))
            .send()
            .await
            .unwrap()
    };
    let export_now = export().await;
    assert_eq!(export_now.status(), 503);
    let body: serde_json::Value = export_now.json().await.unwrap();
    assert_eq!(body["error"], "recounting");
    assert!(body["message"].as_str().unwrap().contains("重新计算"));

    // Recounted in place while a grid worker records cases and the rules' sweep escalates the
    // open cases long past their deadline (supervised by a sweep three months on, escalated by
    // one six months on): each case counted once, each escalation once.
    let grid = server.signed_in("grid").await;
    let day = domain::clock::DAY_MS;
    let supervised = server::rules::sweep::sweep(&db, &rules, now + 90 * day)
        .await
        .unwrap();
    assert!(supervised.supervised > 0);
    let recording = async {
        for i in 0..4 {
            record(&server, &grid, &format!("升级期间记录的纠纷 {i}")).await;
        }
    };
    let escalating = async {
        let swept = server::rules::sweep::sweep(&db, &rules, now + 180 * day)
            .await
            .unwrap();
        assert!(swept.escalated > 0);
    };
    let (restated, (), ()) = tokio::join!(
        store::rederive(&db.pool, store::Sharing::while_serving(db.backend)),
        recording,
        escalating
    );
    assert!(restated.unwrap() >= 400);
    assert_eq!(
        store::derivation(&db.pool).await.unwrap(),
        Derivation::Current
    );
    let after = kept_figures(&db).await;
    assert_eq!(recounted(&db).await, after);
    let view = server::stats::dashboard::view(&db, &county, period, now)
        .await
        .unwrap();
    assert!(!view.recounting);
    assert_eq!(export().await.status(), 200);

    // A server started on an older derivation answers at once and recounts in the background.
    counted_by_an_older_build(&db).await;
    let server = server.restart().await;
    let village = server.signed_in("village").await;
    let home = village.get(server.url("/")).send().await.unwrap();
    assert_eq!(home.status(), 200);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while store::derivation(&db.pool).await.unwrap() != Derivation::Current {
        assert!(
            std::time::Instant::now() < deadline,
            "the background recount did not finish"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(kept_figures(&db).await, after);
    db.pool.close().await;
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_upgrade_recounts_the_figures_while_the_server_serves() {
    on_every_backend!(upgraded);
}
