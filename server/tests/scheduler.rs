//! The deadline sweep driven by a controllable clock against a real database: an unacknowledged
//! case is reminded once, an overdue case is supervised once, then escalated once, also across
//! a server restart.

mod common;

use common::cases::{dispute, inbox, push, record_op};
use common::steps::rules_and_db;
use common::{TestDb, TestServer};
use server::rules::sweep::{sweep, Swept};
use sqlx::Row;

const DAY_MS: i64 = 86_400_000;

fn counts(swept: &Swept) -> (usize, usize, usize) {
    (swept.reminded, swept.supervised, swept.escalated)
}

async fn case_state(db: &server::db::Db, id: &str) -> (String, String, i64) {
    let row = sqlx::query(
        "SELECT c.status, u.name, c.deadline_at FROM cases c JOIN units u ON u.id = c.holder_unit_id WHERE c.id = $1",
    )
    .bind(id)
    .fetch_one(&db.pool)
    .await
    .unwrap();
    (row.get("status"), row.get("name"), row.get("deadline_at"))
}

async fn inbox_kinds(device: &reqwest::Client, server: &TestServer) -> Vec<String> {
    inbox(device, server)
        .await
        .items
        .into_iter()
        .map(|n| n.kind.code().to_owned())
        .collect()
}

async fn overdue_cases_are_supervised_then_escalated_once(db: TestDb) {
    let server = TestServer::start(db).await;
    let phone = server.signed_in("grid").await;
    let record = record_op(&dispute(
        "neighbourhood",
        None,
        2,
        "邻居堆放杂物堵塞消防通道",
    ));
    let case_id = record["case_id"].as_str().unwrap().to_owned();
    push(&phone, &server, &[record]).await;
    let (rules, db) = rules_and_db(&server).await;
    let (status, holder, deadline) = case_state(&db, &case_id).await;
    assert_eq!((status.as_str(), holder.as_str()), ("routed", "樟树潭社区"));

    // A day and a half later, nobody has acknowledged it: one reminder, then no more.
    let soon = server::db::now_ms() + DAY_MS * 3 / 2;
    assert_eq!(counts(&sweep(&db, &rules, soon).await.unwrap()), (1, 0, 0));
    assert_eq!(
        counts(&sweep(&db, &rules, soon + 1000).await.unwrap()),
        (0, 0, 0)
    );

    // Past the deadline: supervised once.
    let overdue = deadline + 1;
    assert_eq!(
        counts(&sweep(&db, &rules, overdue).await.unwrap()),
        (0, 1, 0)
    );
    assert_eq!(
        counts(&sweep(&db, &rules, overdue + 1000).await.unwrap()),
        (0, 0, 0)
    );
    let village = server.signed_in("village").await;
    let township = server.signed_in("township").await;
    assert!(inbox_kinds(&village, &server)
        .await
        .contains(&"supervised".to_owned()));
    assert!(
        inbox_kinds(&township, &server)
            .await
            .contains(&"supervised".to_owned()),
        "the parent is told"
    );

    // A restart loses nothing and repeats nothing.
    db.pool.close().await;
    let server = server.restart().await;
    let db = server::db::Db::connect(&server.database_url).await.unwrap();
    assert_eq!(
        counts(&sweep(&db, &rules, overdue + 2000).await.unwrap()),
        (0, 0, 0)
    );

    // Three working days after supervision (the default file): escalated once, with a new
    // deadline at the township.
    let late = overdue + 8 * DAY_MS;
    let swept = sweep(&db, &rules, late).await.unwrap();
    assert_eq!(counts(&swept), (0, 0, 1));
    let (status, holder, new_deadline) = case_state(&db, &case_id).await;
    assert_eq!(
        (status.as_str(), holder.as_str()),
        ("escalated", "樟潭街道")
    );
    assert!(new_deadline > late);
    assert_eq!(
        counts(&sweep(&db, &rules, late + 1000).await.unwrap()),
        (0, 0, 0)
    );
    let rules_logged: Vec<String> = sqlx::query(
        "SELECT rule FROM case_events WHERE case_id = $1 AND rule IS NOT NULL ORDER BY id",
    )
    .bind(&case_id)
    .fetch_all(&db.pool)
    .await
    .unwrap()
    .iter()
    .map(|r| r.get("rule"))
    .collect();
    assert_eq!(
        rules_logged,
        vec![
            "ladder-simple",
            "receipt-overdue",
            "overdue-supervision",
            "overdue-escalation"
        ]
    );
    let township = server.signed_in("township").await;
    assert_eq!(inbox_kinds(&township, &server).await[0], "escalated");
    db.pool.close().await;
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn overdue_cases_supervised_then_escalated() {
    on_every_backend!(overdue_cases_are_supervised_then_escalated_once);
}
