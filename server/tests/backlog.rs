//! The backlog register (积案库) on both backends: the sweep lists a case open past the rule
//! file's age (once, and never a young one), tells the holder and the supervisor; only a
//! supervisor above the holder names the leader, evaluates (once a month) and clears; the
//! register lists what needs the supervisor first; the chain of events stays intact.

mod common;

use common::cases::inbox;
use common::steps::{applied, lookup, reader, record, rules_and_db, step, verify};
use common::{TestDb, TestServer};
use domain::backlog::Month;
use domain::clock::DAY_MS;
use domain::sync::{Rejection, Settled};
use serde_json::json;
use sqlx::Connection;

/// Makes a case look recorded `days` ago, as an old case in a live deployment would be.
async fn age(server: &TestServer, case_id: &str, days: i64) {
    let mut conn = sqlx::AnyConnection::connect(&server.database_url)
        .await
        .unwrap();
    sqlx::query("UPDATE cases SET recorded_at = recorded_at - $1 WHERE id = $2")
        .bind(days * DAY_MS)
        .bind(case_id)
        .execute(&mut conn)
        .await
        .unwrap();
}

async fn sweep(server: &TestServer) -> server::rules::sweep::Swept {
    let (rules, db) = rules_and_db(server).await;
    assert_eq!(rules.backlog.after_days, Some(60), "the default rule file");
    server::rules::sweep::sweep(&db, &rules, server::db::now_ms())
        .await
        .unwrap()
}

async fn a_backlog_case_is_listed_led_evaluated_and_cleared(db: TestDb) {
    let server = TestServer::start(db).await;
    let phone = server.signed_in("grid").await;
    let village = server.signed_in("village").await;
    let township = server.signed_in("township").await;
    let supervisor = server.signed_in("supervisor").await;
    let old = record(&server, &phone, "宅基地边界纠纷，两年未化解").await;
    let young = record(&server, &phone, "新发生的噪音纠纷").await;
    applied(&server, &village, &old, "accept", json!({})).await;
    age(&server, &old, 61).await;
    age(&server, &young, 59).await;

    // Listed once, by age; the young case is not.
    assert_eq!(sweep(&server).await.backlog_listed, 1);
    assert_eq!(sweep(&server).await.backlog_listed, 0, "listed once");
    let listed: i64 = lookup(
        &server,
        "SELECT COUNT(*) AS v FROM cases WHERE backlog_listed_at IS NOT NULL AND id = $1",
        &old,
    )
    .await;
    assert_eq!(listed, 1);
    for device in [&village, &supervisor] {
        let told = inbox(device, &server).await;
        let notice = told
            .items
            .iter()
            .find(|n| n.kind.code() == "backlog_listed")
            .expect("told of the listing");
        assert_eq!(notice.case_id.as_deref(), Some(old.as_str()));
        assert!(notice.detail.as_deref().unwrap().contains("超过60天"));
    }

    // Only a supervisor above the holder keeps the register.
    let leader = json!({ "leader": "王志华", "post": "区委政法委副书记" });
    for outsider in [&village, &township] {
        let refused = step(&server, outsider, &old, "assign_leader", leader.clone()).await;
        assert!(
            matches!(
                refused,
                Settled::Rejected {
                    reason: Rejection::NotAllowed
                }
            ),
            "{refused:?}"
        );
    }
    let unlisted = step(
        &server,
        &supervisor,
        &young,
        "assign_leader",
        leader.clone(),
    )
    .await;
    assert!(
        matches!(
            unlisted,
            Settled::Rejected {
                reason: Rejection::NotNow { .. }
            }
        ),
        "{unlisted:?}"
    );
    let blank = step(
        &server,
        &supervisor,
        &old,
        "assign_leader",
        json!({ "leader": " ", "post": "区委政法委副书记" }),
    )
    .await;
    assert!(
        matches!(&blank, Settled::Rejected { reason: Rejection::Invalid { problems } } if problems[0].field == "leader"),
        "{blank:?}"
    );

    // The register lists it, leader wanted, evaluation due.
    let county = reader(&server, "supervisor").await;
    let db = server::db::Db::connect(&server.database_url).await.unwrap();
    let now = server::db::now_ms();
    let register = server::casework::backlog_register::list(&db, &county, now)
        .await
        .unwrap();
    assert_eq!(register.len(), 1);
    assert_eq!(register[0].case_id, old);
    assert_eq!(register[0].backlog.leader, None);
    assert!(!register[0].backlog.evaluated_this_month);

    applied(&server, &supervisor, &old, "assign_leader", leader).await;
    let evaluation =
        json!({ "outlook": "progressing", "notes": "包案领导约访双方，初步提出划界方案" });
    applied(
        &server,
        &supervisor,
        &old,
        "evaluate_backlog",
        evaluation.clone(),
    )
    .await;
    let twice = step(&server, &supervisor, &old, "evaluate_backlog", evaluation).await;
    let month = Month::of_unix_ms(server::db::now_ms()).to_string();
    assert!(
        matches!(&twice, Settled::Rejected { reason: Rejection::AlreadyEvaluated { month: m } } if *m == month),
        "{twice:?}"
    );
    let register = server::casework::backlog_register::list(&db, &county, now)
        .await
        .unwrap();
    assert_eq!(
        register[0].backlog.leader.as_deref(),
        Some("王志华（区委政法委副书记）")
    );
    assert!(register[0].backlog.evaluated_this_month);
    assert!(inbox(&village, &server)
        .await
        .items
        .iter()
        .any(|n| n.kind.code() == "backlog_leader"));

    // The case ends; it stays on the register until the supervisor clears it.
    applied(
        &server,
        &village,
        &old,
        "resolve",
        json!({ "result": "双方按新方案划定边界" }),
    )
    .await;
    assert_eq!(
        server::casework::backlog_register::list(&db, &county, now)
            .await
            .unwrap()
            .len(),
        1
    );
    applied(
        &server,
        &supervisor,
        &old,
        "clear_backlog",
        json!({ "ground": "resolved", "reason": "边界已划定，双方签字确认" }),
    )
    .await;
    assert!(server::casework::backlog_register::list(&db, &county, now)
        .await
        .unwrap()
        .is_empty());
    let again = step(
        &server,
        &supervisor,
        &old,
        "clear_backlog",
        json!({ "ground": "resolved", "reason": "再次销号" }),
    )
    .await;
    assert!(
        matches!(
            again,
            Settled::Rejected {
                reason: Rejection::NotNow { .. }
            }
        ),
        "{again:?}"
    );
    // A cleared case is never listed again.
    assert_eq!(sweep(&server).await.backlog_listed, 0);

    // Every step is in the evidential log, and the chain holds.
    let kinds: Vec<String> = {
        let mut conn = sqlx::AnyConnection::connect(&server.database_url)
            .await
            .unwrap();
        sqlx::query_scalar(
            "SELECT kind FROM case_events WHERE case_id = $1 AND kind LIKE 'backlog%' ORDER BY id",
        )
        .bind(&old)
        .fetch_all(&mut conn)
        .await
        .unwrap()
    };
    assert_eq!(
        kinds,
        [
            "backlog_listed",
            "backlog_leader",
            "backlog_evaluated",
            "backlog_cleared"
        ]
    );
    let verify = verify(&supervisor, &server, &old).await;
    assert_eq!(verify["intact"], true, "{verify}");
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn backlog_register() {
    on_every_backend!(a_backlog_case_is_listed_led_evaluated_and_cleared);
}
