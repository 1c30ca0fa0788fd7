//! Issue 15, items 2 and 3: time is the server's, and dates are checked against the case. A
//! phone whose clock is 75 days behind records a case that is not 积案 at the next sweep, and its
//! case says how far the phone's clock was off; a device time outside any plausible range is
//! refused, naming `client_time`; an agreement or session dated before the case is refused,
//! naming its field.

mod common;

use common::steps::today;

use common::cases::{case_view, dispute, push, push_raw, record_op};
use common::steps::{applied, lookup, record, rules_and_db, step};
use common::{TestDb, TestServer};
use domain::clock::DAY_MS;
use domain::sync::{OpOutcome, Rejection, Settled};
use serde_json::json;

async fn a_phone_75_days_behind_makes_no_backlog_case(db: TestDb) {
    let server = TestServer::start(db).await;
    let phone = server.signed_in("grid").await;
    let behind = server::db::now_ms() - 75 * DAY_MS;
    let mut op = record_op(&dispute("neighbourhood", None, 2, "手机时间慢了75天"));
    op["client_time"] = json!(behind);
    let case_id = op["case_id"].as_str().unwrap().to_owned();
    // The phone sends its own clock with the batch: 75 days behind the server's.
    let answer = push_raw(
        &phone,
        &server,
        json!({ "protocol": 1, "device_id": "slow-phone", "sent_at": behind, "ops": [op] }),
    )
    .await;
    assert_eq!(answer.status(), 200);
    let (rules, db) = rules_and_db(&server).await;
    let swept = server::rules::sweep::sweep(&db, &rules, server::db::now_ms())
        .await
        .unwrap();
    assert_eq!(
        swept.backlog_listed, 0,
        "the server's time decides a case's age"
    );
    let recorded_at: i64 = lookup(
        &server,
        "SELECT recorded_at AS v FROM cases WHERE id = $1",
        &case_id,
    )
    .await;
    assert!(server::db::now_ms() - recorded_at < DAY_MS);
    // The device's own time is kept as it reported it, and the case says how far off it was.
    let device_time: i64 = lookup(
        &server,
        "SELECT client_time AS v FROM case_events WHERE case_id = $1 AND kind = 'recorded'",
        &case_id,
    )
    .await;
    assert_eq!(device_time, behind);
    let page = case_view(&phone, &server, &case_id).await;
    let skew = page["device_clock_skew_hours"].as_i64().unwrap();
    assert!((-1801..=-1799).contains(&skew), "{skew}");
    db.pool.close().await;
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_device_clock_75_days_behind_does_not_make_a_case_backlog() {
    on_every_backend!(a_phone_75_days_behind_makes_no_backlog_case);
}

async fn implausible_device_times_are_refused(db: TestDb) {
    let server = TestServer::start(db).await;
    let phone = server.signed_in("grid").await;
    let mut before_epoch = record_op(&dispute("neighbourhood", None, 2, "时间为负"));
    before_epoch["client_time"] = json!(-1);
    let mut year_9999 = record_op(&dispute("neighbourhood", None, 2, "时间在9999年"));
    year_9999["client_time"] = json!(253_402_300_799_000_i64);
    let fine = record_op(&dispute("neighbourhood", None, 2, "时间正常"));
    let answer = push(&phone, &server, &[before_epoch, year_9999, fine]).await;
    for outcome in &answer.results[..2] {
        assert_eq!(
            outcome.outcome,
            OpOutcome::Rejected {
                reason: Rejection::BadDate {
                    field: "client_time".into()
                }
            }
        );
    }
    assert!(matches!(
        answer.results[2].outcome,
        OpOutcome::Applied { .. }
    ));
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn device_times_out_of_range_are_refused() {
    on_every_backend!(implausible_device_times_are_refused);
}

async fn steps_dated_before_the_case_are_refused(db: TestDb) {
    let server = TestServer::start(db).await;
    let phone = server.signed_in("grid").await;
    let village = server.signed_in("village").await;
    let case_id = record(&server, &phone, "倒签协议：协议日期早于登记").await;
    applied(&server, &village, &case_id, "accept", json!({})).await;
    let backdated = step(
        &server,
        &village,
        &case_id,
        "record_agreement",
        json!({
            "terms": "双方和解", "amount_fen": null,
            "signed_on": today().plus(-200), "perform_by": today().plus(5),
        }),
    )
    .await;
    assert_eq!(
        backdated,
        Settled::Rejected {
            reason: Rejection::BadDate {
                field: "signed_on".into()
            }
        }
    );
    let early_session = step(
        &server,
        &village,
        &case_id,
        "record_session",
        json!({ "held_on": today().plus(-3), "place": "村调解室", "notes": "调解", "failed": false }),
    )
    .await;
    assert_eq!(
        early_session,
        Settled::Rejected {
            reason: Rejection::BadDate {
                field: "held_on".into()
            }
        }
    );
    let future_session = step(
        &server,
        &village,
        &case_id,
        "record_session",
        json!({ "held_on": today().plus(2), "place": "村调解室", "notes": "调解", "failed": false }),
    )
    .await;
    assert_eq!(
        future_session,
        Settled::Rejected {
            reason: Rejection::BadDate {
                field: "held_on".into()
            }
        }
    );
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backdated_agreement_is_refused() {
    on_every_backend!(steps_dated_before_the_case_are_refused);
}
