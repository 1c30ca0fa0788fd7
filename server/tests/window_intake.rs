//! Issue 16, item 4: 一窗受理. A dispute brought to a unit's window — in person, by the 12345
//! hotline, from a police station — is recorded by that unit's staff through the same outbox as
//! a grid worker's, routed by the same rules from the recording unit and never below it, and
//! numbered in the county. A window must say how the dispute came in; a court (which entrusts)
//! and the administrators record nothing.

mod common;

use common::cases::{case_view, dispute, push, record_op, settled};
use common::steps::{holder, lookup, person_at, status, unit_named};
use common::{TestDb, TestServer};
use domain::dispute::Source;
use domain::problem::Problem;
use domain::sync::{Rejection, Settled};

/// Who has 签收 the case, by the timeline, and that the case says it was received when they did.
async fn acknowledged_by(server: &TestServer, case_id: &str) -> Vec<String> {
    let db = server::db::Db::connect(&server.database_url).await.unwrap();
    let who: Vec<String> = sqlx::query_scalar(
        "SELECT u.username FROM case_events e JOIN users u ON u.id = e.actor_id
         WHERE e.case_id = $1 AND e.kind = 'acknowledged' ORDER BY e.id",
    )
    .bind(case_id)
    .fetch_all(&db.pool)
    .await
    .unwrap();
    let received: Option<i64> =
        sqlx::query_scalar("SELECT acknowledged_at FROM cases WHERE id = $1")
            .bind(case_id)
            .fetch_one(&db.pool)
            .await
            .unwrap();
    assert_eq!(received.is_some(), !who.is_empty(), "{case_id}");
    db.pool.close().await;
    who
}

async fn windows(db: TestDb) {
    let server = TestServer::start(db).await;
    let county = server.signed_in("county").await;
    let county_id = unit_named(&server, "衢江区").await;

    // A walk-in at the county centre: a simple matter the rules would give a village stays at
    // the county, numbered in the county, waiting for the county to take it on.
    let mut walk_in = dispute("neighbourhood", None, 2, "来访：邻居装修噪音扰民");
    walk_in.source = Source::Visit;
    let op = record_op(&walk_in);
    let id = op["case_id"].as_str().unwrap().to_owned();
    let Settled::Applied { case_number } = settled(&push(&county, &server, &[op]).await) else {
        panic!("the county's walk-in was not recorded");
    };
    assert!(case_number.starts_with("330803-"), "{case_number}");
    assert_eq!(holder(&server, &id).await, county_id);
    assert_eq!(status(&server, &id).await, "routed");
    let source: String = lookup(&server, "SELECT facts AS v FROM cases WHERE id = $1", &id).await;
    assert!(source.contains("\"source\":\"visit\""), "{source}");
    // Kept where it was registered, it has been received by the clerk who typed it in: 签收 at
    // once, by them, so the centre does not see it as 「未签收」 nor gets reminded of it.
    assert_eq!(
        acknowledged_by(&server, &id).await,
        vec!["county".to_owned()]
    );
    // In the escalation funnel it reached the county, never the village or township below it.
    let funnel: i64 = lookup(
        &server,
        "SELECT reached_village + 10 * reached_township + 100 * reached_county AS v
         FROM case_figures WHERE case_id = $1",
        &id,
    )
    .await;
    assert_eq!(funnel, 100);
    // The rule it fired names a village; the page says why the county keeps it.
    let view = case_view(&county, &server, &id).await;
    assert_eq!(view["kept_at_window"], true, "{view}");
    // The clerk is not told of the case they have just registered; the centre's other staff are.
    let told = |who: &'static str| {
        format!(
            "SELECT COUNT(*) AS v FROM notifications n JOIN users u ON u.id = n.user_id
             WHERE n.case_id = $1 AND n.kind = 'routed' AND u.username {who} 'county'"
        )
    };
    let clerk: i64 = lookup(&server, &told("="), &id).await;
    assert_eq!(clerk, 0, "the clerk was told of their own registration");
    let colleagues: i64 = lookup(
        &server,
        "SELECT COUNT(*) AS v FROM users
         WHERE unit_id = (SELECT holder_unit_id FROM cases WHERE id = $1)
           AND active = 1 AND username <> 'county'",
        &id,
    )
    .await;
    let others: i64 = lookup(&server, &told("<>"), &id).await;
    assert!(
        colleagues > 0,
        "the demo's county has a second account (supervisor)"
    );
    assert_eq!(others, colleagues);

    // A hotline referral at the township's window, complex: the township keeps it; a difficult
    // one goes up to the county as it would from a grid.
    let township = server.signed_in("township").await;
    let mut hotline = dispute("neighbourhood", Some(60_000), 2, "12345：邻里赔偿纠纷");
    hotline.source = Source::Hotline;
    let op = record_op(&hotline);
    let hotline_id = op["case_id"].as_str().unwrap().to_owned();
    assert!(matches!(
        settled(&push(&township, &server, &[op]).await),
        Settled::Applied { .. }
    ));
    assert_eq!(
        holder(&server, &hotline_id).await,
        unit_named(&server, "樟潭街道").await
    );
    // A complex case's rule names the township itself: nothing is kept below its rung.
    let view = case_view(&township, &server, &hotline_id).await;
    assert_eq!(view["kept_at_window"], false, "{view}");
    let mut police = dispute("contract_loan", Some(300_000), 2, "派出所移交：借贷纠纷");
    police.source = Source::Police;
    let op = record_op(&police);
    let police_id = op["case_id"].as_str().unwrap().to_owned();
    assert!(matches!(
        settled(&push(&township, &server, &[op]).await),
        Settled::Applied { .. }
    ));
    assert_eq!(holder(&server, &police_id).await, county_id);
    // Kept by the township's window, received by its clerk; sent up, the county must sign.
    assert_eq!(
        acknowledged_by(&server, &hotline_id).await,
        vec!["township".to_owned()]
    );
    assert!(acknowledged_by(&server, &police_id).await.is_empty());

    // The village cadre records what came to the committee: the village keeps it.
    let village = server.signed_in("village").await;
    let mut visit = dispute("neighbourhood", None, 2, "来访：楼道堆物");
    visit.source = Source::Visit;
    let op = record_op(&visit);
    let visit_id = op["case_id"].as_str().unwrap().to_owned();
    assert!(matches!(
        settled(&push(&village, &server, &[op]).await),
        Settled::Applied { .. }
    ));
    assert_eq!(
        holder(&server, &visit_id).await,
        unit_named(&server, "樟树潭社区").await
    );

    // A window must say how it came in: the rounds are a grid worker's.
    let unsaid = dispute("neighbourhood", None, 2, "未填来源");
    match settled(&push(&county, &server, &[record_op(&unsaid)]).await) {
        Settled::Rejected {
            reason: Rejection::Invalid { problems },
        } => {
            assert_eq!(problems.len(), 1);
            assert_eq!(
                (problems[0].field.as_str(), problems[0].problem),
                ("source", Problem::Required)
            );
        }
        other => panic!("expected the source to be asked for, got {other:?}"),
    }
    // A court entrusts; the administrator records nothing.
    for who in ["court", "admin"] {
        let device = server.signed_in(who).await;
        let answer = settled(&push(&device, &server, &[record_op(&walk_in)]).await);
        assert_eq!(
            answer,
            Settled::Rejected {
                reason: Rejection::NotAllowed
            },
            "{who}"
        );
    }
    // The city's own window numbers in the city.
    let city = person_at(&server, "city_clerk", "staff", "衢州市").await;
    let op = record_op(&walk_in);
    let Settled::Applied { case_number } = settled(&push(&city, &server, &[op]).await) else {
        panic!("the city's walk-in was not recorded");
    };
    assert!(case_number.starts_with("330800-"), "{case_number}");
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_window_records_what_comes_to_it() {
    on_every_backend!(windows);
}
