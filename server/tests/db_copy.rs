//! `server db copy`: a SQLite deployment moved to PostgreSQL keeps every row — its timelines
//! still verify, its figures and searches answer the same, a reference to a later row of the
//! same table survives — and goes on working: the next row PostgreSQL numbers does not collide
//! with a copied one. A target that already holds cases is refused.

mod common;

use common::steps::{reader, rules_and_db};
use common::{FreshDatabase, TestDb, TestServer};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sqlite_deployment_moves_to_postgres_whole() {
    if !common::backends().contains(&TestDb::Postgres) {
        eprintln!("no PostgreSQL on TEST_DATABASE_URL: the copy has nowhere to go");
        return;
    }
    let server = TestServer::start(TestDb::Sqlite).await;
    let (rules, source) = rules_and_db(&server).await;
    let now = server::db::now_ms();
    server::demo::generate(&source, &rules, 120, 11, now)
        .await
        .unwrap();
    // A duplicate merged into a case recorded after it: the reference points forward.
    let ids: Vec<String> = sqlx::query_scalar("SELECT id FROM cases ORDER BY recorded_at")
        .fetch_all(&source.pool)
        .await
        .unwrap();
    sqlx::query("UPDATE cases SET merged_into = $1 WHERE id = $2")
        .bind(&ids[ids.len() - 1])
        .bind(&ids[0])
        .execute(&source.pool)
        .await
        .unwrap();

    let fresh = FreshDatabase::create(TestDb::Postgres).await;
    let target = server::db::Db::connect(&fresh.url).await.unwrap();
    let copied = server::db::copy::copy(&source, &target).await.unwrap();
    let rows = |table: &str| copied.iter().find(|(t, _)| t == table).unwrap().1;
    assert_eq!(rows("cases"), 120);
    assert!(rows("case_events") > 120 && rows("case_terms") > 120 && rows("units") > 5);

    for id in &ids {
        let chain = server::cases::log::verify(&target.pool, id).await.unwrap();
        assert!(chain.intact, "{id}: {chain:?}");
    }
    let merged: Option<String> = sqlx::query_scalar("SELECT merged_into FROM cases WHERE id = $1")
        .bind(&ids[0])
        .fetch_one(&target.pool)
        .await
        .unwrap();
    assert_eq!(merged.as_deref(), Some(ids[ids.len() - 1].as_str()));

    // The city's figures and a search answer alike on both.
    let city = reader(&server, "city").await;
    let this_month = domain::clock::Month::of_unix_ms(now);
    let three_years = app::api::dashboard::Period {
        from: domain::clock::Month::of_unix_ms(now - 3 * 366 * domain::clock::DAY_MS),
        to: this_month,
    };
    let figures = |db| {
        let city = city.clone();
        async move {
            let view = server::stats::dashboard::view(db, &city, three_years, now)
                .await
                .unwrap();
            serde_json::to_string(&view).unwrap()
        }
    };
    assert_eq!(figures(&source).await, figures(&target).await);
    let search = app::api::case_list::CaseQuery {
        search: "纠纷".into(),
        ..Default::default()
    };
    let found = |db| {
        let (city, search) = (city.clone(), search.clone());
        async move {
            let page = server::cases::listing::list(db, &city, &search, now)
                .await
                .unwrap();
            page.cases.into_iter().map(|c| c.id).collect::<Vec<_>>()
        }
    };
    assert_eq!(found(&source).await, found(&target).await);

    // PostgreSQL numbers the next event past the copied ones.
    let last: i64 = sqlx::query_scalar("SELECT MAX(id) FROM case_events")
        .fetch_one(&target.pool)
        .await
        .unwrap();
    let mut tx = target.pool.begin().await.unwrap();
    server::cases::log::append(
        &mut tx,
        server::cases::log::Event {
            case_id: &ids[1],
            kind: domain::events::EventKind::Accepted,
            actor_id: None,
            unit_id: None,
            client_time: None,
            server_time: now,
            rule: None,
            payload: None,
        },
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let next: i64 = sqlx::query_scalar("SELECT MAX(id) FROM case_events")
        .fetch_one(&target.pool)
        .await
        .unwrap();
    assert!(next > last);

    // A second copy would mix two deployments: refused, naming why.
    let again = server::db::copy::copy(&source, &target).await.unwrap_err();
    assert!(
        again.to_string().contains("already holds 120 cases"),
        "{again}"
    );

    target.pool.close().await;
    source.pool.close().await;
    fresh.drop().await;
    server.stop().await;
}
