//! The reach table (`case_reach`, issue 16) says exactly what walking the tree says: for every
//! unit and every case after recording, routing, a transfer, escalations, joint mediation and
//! a court's entrustment, a unit is reached by a case if and only if it recorded the case or a
//! unit in its subtree holds, co-holds or once held it (docs/design.md "Who sees what").

mod common;

use common::steps::{applied, entrusted, person_at, record, transfer, unit_named, unit_of};
use common::{TestDb, TestServer};
use serde_json::json;
use sqlx::Row;

/// The rule as it was written before the table: a walk down the reader's subtree per case.
fn tree_walk() -> String {
    let held = server::cases::record::held_sql();
    format!(
        "{} SELECT c.id FROM cases c
         WHERE c.holder_unit_id IN (SELECT id FROM sub)
            OR c.grid_id IN (SELECT id FROM sub WHERE depth = 0)
            OR EXISTS (SELECT 1 FROM case_holders h
                       WHERE h.case_id = c.id AND h.unit_id IN (SELECT id FROM sub))
            OR EXISTS (SELECT 1 FROM case_events e
                       WHERE e.case_id = c.id AND e.kind IN ({held})
                         AND e.unit_id IN (SELECT id FROM sub))
         ORDER BY c.id",
        server::people::directory::SUBTREE_CTE
    )
}

async fn the_table_agrees_with_the_tree(db: TestDb) {
    let server = TestServer::start(db).await;
    let phone = server.signed_in("grid").await;
    let village = server.signed_in("village").await;
    let court = server.signed_in("court").await;
    let zhixi = person_at(&server, "zhixi_cadre", "mediator", "芝溪村").await;

    // Transferred to another township's village, then escalated up its ladder.
    let moved = record(&server, &phone, "移送后上报：院墙倒塌纠纷").await;
    let zhixi_id = unit_named(&server, "芝溪村").await;
    transfer(&server, &village, &moved, zhixi_id, "当事人在芝溪村").await;
    applied(
        &server,
        &zhixi,
        &moved,
        "escalate",
        json!({ "reason": "村级调解未果" }),
    )
    .await;
    // Joint mediation with the village's township.
    let joint = record(&server, &phone, "联合调解：多户村民用水纠纷").await;
    applied(&server, &village, &joint, "accept", json!({})).await;
    let township = unit_of(&server, "township").await;
    applied(
        &server,
        &village,
        &joint,
        "join_units",
        json!({ "unit_ids": [township], "reason": "请街道共同调解" }),
    )
    .await;
    // Routed to a sector committee by the rules.
    let medical = common::cases::dispute("medical", None, 2, "诊所收费纠纷");
    common::cases::push(&phone, &server, &[common::cases::record_op(&medical)]).await;
    // Entrusted by the court.
    entrusted(&server, &court, zhixi_id, "委托调解：相邻通行纠纷").await;

    let pool = server::db::Db::connect(&server.database_url)
        .await
        .unwrap()
        .pool;
    let units: Vec<i64> = sqlx::query_scalar("SELECT id FROM units ORDER BY id")
        .fetch_all(&pool)
        .await
        .unwrap();
    let cases: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM cases")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert!(cases >= 4);
    let reached_pairs = agree(&pool, &units).await;
    assert!(reached_pairs > 10, "{reached_pairs}");

    // The migration's backfill, run again on these cases, writes the same table.
    let dir = match server.db {
        TestDb::Sqlite => "sqlite",
        TestDb::Postgres => "postgres",
    };
    let migration = std::fs::read_to_string(format!(
        "{}/migrations/{dir}/0017_case_reach.sql",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let backfill = &migration[migration.find("INSERT INTO case_reach").unwrap()..];
    sqlx::query("DELETE FROM case_reach")
        .execute(&pool)
        .await
        .unwrap();
    sqlx::query(backfill.trim().trim_end_matches(';'))
        .execute(&pool)
        .await
        .unwrap();
    assert_eq!(agree(&pool, &units).await, reached_pairs);
    pool.close().await;
    server.stop().await;
}

/// Checks the table against the walk for every unit; how many (unit, case) pairs it holds.
async fn agree(pool: &sqlx::AnyPool, units: &[i64]) -> usize {
    let walk = tree_walk();
    let mut reached_pairs = 0;
    for &unit in units {
        let ids = |rows: Vec<sqlx::any::AnyRow>| -> Vec<String> {
            rows.iter().map(|r| r.try_get(0).unwrap()).collect()
        };
        let by_walk = ids(sqlx::query(&walk).bind(unit).fetch_all(pool).await.unwrap());
        let by_table = ids(sqlx::query(
            "SELECT case_id FROM case_reach WHERE unit_id = $1 ORDER BY case_id",
        )
        .bind(unit)
        .fetch_all(pool)
        .await
        .unwrap());
        assert_eq!(by_table, by_walk, "unit {unit}");
        reached_pairs += by_table.len();
    }
    reached_pairs
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_reach_table_agrees_with_walking_the_tree() {
    on_every_backend!(the_table_agrees_with_the_tree);
}
