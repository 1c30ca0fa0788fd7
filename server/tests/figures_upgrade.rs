//! An upgrade that counts the figures differently (`FIGURES_VERSION` raised): the server
//! serves at once and recounts the cases in the background. Meanwhile the dashboard and the
//! report say so and the report is not exported; a case recorded meanwhile is counted once;
//! at the end the sums equal a recount from scratch.

mod common;

use common::steps::{kept_figures, reader, record, rules_and_db};
use common::{TestDb, TestServer};
use server::stats::store::{self, Derivation, FIGURES_VERSION};

/// What an older build kept: the same sums, but without any case's funnel past its grid.
/// The columns are cleared in both tables, so the sums are whole for that derivation, as an
/// older build's are.
async fn counted_by_an_older_build(db: &server::db::Db) {
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
    server::demo::generate(&db, &rules, 120, 3, server::db::now_ms())
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

    // Recounted in place while a grid worker records cases: each is counted once.
    let grid = server.signed_in("grid").await;
    let recording = async {
        for i in 0..4 {
            record(&server, &grid, &format!("升级期间记录的纠纷 {i}")).await;
        }
    };
    let (restated, ()) = tokio::join!(
        store::rederive(&db.pool, store::Sharing::while_serving(db.backend)),
        recording
    );
    assert!(restated.unwrap() >= 120);
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
