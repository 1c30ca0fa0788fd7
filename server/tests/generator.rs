//! Issue 16: `server demo generate` writes cases with the invariants the sync keeps — every
//! timeline's hash chain verifies, every case reaches its grid and the units above its holders,
//! its figures equal a recount from scratch, and it is found by its number — so the benchmarks
//! run on data the product itself could have written.

mod common;

use common::steps::{kept_figures, reader, rules_and_db};
use common::{TestDb, TestServer};
use sqlx::Row;

async fn generated(db: TestDb) {
    let server = TestServer::start(db).await;
    let (rules, db) = rules_and_db(&server).await;
    let written = server::demo::generate(&db, &rules, 300, 7, server::db::now_ms())
        .await
        .unwrap();
    assert_eq!(written, 300);

    let ids: Vec<String> = sqlx::query_scalar("SELECT id FROM cases ORDER BY id")
        .fetch_all(&db.pool)
        .await
        .unwrap();
    assert_eq!(ids.len(), 300);
    for id in &ids {
        let chain = server::cases::log::verify(&db.pool, id).await.unwrap();
        assert!(chain.intact, "{id}: {chain:?}");
    }
    // The city reaches every case; each case reaches its recording grid and its holder.
    let city = reader(&server, "city").await;
    let reached: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM case_reach WHERE unit_id = $1")
        .bind(city.unit_id)
        .fetch_one(&db.pool)
        .await
        .unwrap();
    assert_eq!(reached, 300);
    let unreached: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM cases c
         WHERE NOT EXISTS (SELECT 1 FROM case_reach r WHERE r.case_id = c.id AND r.unit_id = c.grid_id)
            OR NOT EXISTS (SELECT 1 FROM case_reach r WHERE r.case_id = c.id AND r.unit_id = c.holder_unit_id)",
    )
    .fetch_one(&db.pool)
    .await
    .unwrap();
    assert_eq!(unreached, 0);
    // Every party has a phone, kept as the warnings find the other cases of the same person.
    let unkept: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM cases c
         WHERE NOT EXISTS (SELECT 1 FROM case_parties p WHERE p.case_id = c.id)",
    )
    .fetch_one(&db.pool)
    .await
    .unwrap();
    assert_eq!(unkept, 0);

    // The figures kept case by case are a recount's; the city's dashboard counts every case
    // it may see, and its list behind the figure holds as many.
    let kept = kept_figures(&db).await;
    server::stats::store::recount(&db.pool).await.unwrap();
    assert_eq!(kept_figures(&db).await, kept);
    let now = server::db::now_ms();
    let this_month = domain::clock::Month::of_unix_ms(now);
    let three_years = app::api::dashboard::Period {
        from: domain::clock::Month::of_unix_ms(now - 3 * 366 * domain::clock::DAY_MS),
        to: this_month,
    };
    let view = server::stats::dashboard::view(&db, &city, three_years, now)
        .await
        .unwrap();
    let sensitive: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM cases WHERE sensitive = 1")
        .fetch_one(&db.pool)
        .await
        .unwrap();
    assert_eq!(view.totals.0.received, 300 - sensitive);
    let q = three_years.cases(domain::figures::Count::Resolved);
    assert_eq!(
        server::cases::listing::count(&db, &city, &q, now)
            .await
            .unwrap(),
        view.totals.0.resolved
    );
    assert!(view.totals.0.resolved > 100 && view.totals.0.reached_township > 0);

    // Found by its number, as any case is.
    let number: String = sqlx::query("SELECT number FROM cases WHERE sensitive = 0 LIMIT 1")
        .fetch_one(&db.pool)
        .await
        .unwrap()
        .try_get("number")
        .unwrap();
    let found = server::cases::listing::list(
        &db,
        &city,
        &app::api::case_list::CaseQuery {
            search: number.clone(),
            ..Default::default()
        },
        now,
    )
    .await
    .unwrap();
    assert_eq!(found.cases.len(), 1, "{number}");
    // The benchmark's queries run on it (figures in docs/statistics.md come from a large one).
    // Mediators were put on cases: the report's second table has rows.
    let report = server::stats::report::monthly(&db, &city, three_years)
        .await
        .unwrap();
    assert!(!report.mediators.is_empty());
    let measured = server::demo::bench(&db, 1, now).await.unwrap();
    assert_eq!(measured.len(), 13);
    db.pool.close().await;
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn generated_cases_keep_the_invariants() {
    on_every_backend!(generated);
}
