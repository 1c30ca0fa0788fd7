//! Issue 16, item 5: from an office above the holder. The township hands a case down to a
//! village (交办) with instructions and a deadline — no party's consent asked — and the village
//! is told; the county presses it (督办). Both are events in the hash-chained timeline, and the
//! township's dashboard counts them. Nobody else may do either: not a grid worker, not the
//! holder pressing itself, not a unit beside the ladder, not to a unit outside the office's
//! subtree, not with a deadline in the past.

mod common;

use common::cases::{dispute, inbox, push, record_op, settled};
use common::steps::{
    applied, deadline_of, holder, person_at, status, step, today, unit_named, verify,
};
use common::{TestDb, TestServer};
use domain::notices::NoticeKind;
use domain::sync::{Rejection, Settled};
use serde_json::json;

async fn handing_down_and_pressing(db: TestDb) {
    let server = TestServer::start(db).await;
    let grid = server.signed_in("grid").await;
    let township = server.signed_in("township").await;
    let village = server.signed_in("village").await;
    let county = server.signed_in("county").await;
    // A complex neighbourhood dispute: the rules send it to the township.
    let op = record_op(&dispute(
        "neighbourhood",
        Some(60_000),
        2,
        "交办：邻里赔偿纠纷",
    ));
    let id = op["case_id"].as_str().unwrap().to_owned();
    assert!(matches!(
        settled(&push(&grid, &server, &[op]).await),
        Settled::Applied { .. }
    ));
    assert_eq!(
        holder(&server, &id).await,
        unit_named(&server, "樟潭街道").await
    );

    // The holder may hand it down but not press itself; the county above may do both.
    let may = |v: serde_json::Value| {
        v["may"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a.as_str().unwrap().to_owned())
            .collect::<Vec<_>>()
    };
    let township_may = may(common::cases::case_view(&township, &server, &id).await);
    assert!(
        township_may.contains(&"hand_down".to_owned()),
        "{township_may:?}"
    );
    assert!(
        !township_may.contains(&"supervise".to_owned()),
        "{township_may:?}"
    );
    let county_may = may(common::cases::case_view(&county, &server, &id).await);
    assert!(
        county_may.contains(&"supervise".to_owned()),
        "{county_may:?}"
    );
    let village_id = unit_named(&server, "樟树潭社区").await;
    let shawan = unit_named(&server, "沙湾村").await;
    let deadline = today().plus(10);
    let hand_down = |to: i64, day: domain::clock::Day| json!({ "to_unit_id": to, "instructions": "请社区先行调解，十日内报结果", "deadline": day });
    // Not in the past, not by the grid worker, not by a unit beside it.
    // A deadline past, or more than a year ahead, is refused, the field and the reason named.
    for day in [today().plus(-1), today().plus(400)] {
        let refused = step(
            &server,
            &township,
            &id,
            "hand_down",
            hand_down(village_id, day),
        )
        .await;
        let Settled::Rejected {
            reason: Rejection::Invalid { problems },
        } = refused
        else {
            panic!("{day}: {refused:?}");
        };
        assert_eq!(problems[0].field, "deadline");
        assert_eq!(
            problems[0].problem,
            domain::problem::Problem::NotWithinAYear
        );
    }
    assert_eq!(
        step(
            &server,
            &grid,
            &id,
            "hand_down",
            hand_down(village_id, deadline)
        )
        .await,
        Settled::Rejected {
            reason: Rejection::NotAllowed
        }
    );
    person_at(&server, "lianhua_staff", "staff", "莲花镇").await;
    let lianhua = server.signed_in("lianhua_staff").await;
    assert!(matches!(
        step(
            &server,
            &lianhua,
            &id,
            "hand_down",
            hand_down(village_id, deadline)
        )
        .await,
        Settled::Rejected { .. }
    ));
    // The township hands it down to its village.
    applied(
        &server,
        &township,
        &id,
        "hand_down",
        hand_down(village_id, deadline),
    )
    .await;
    assert_eq!(holder(&server, &id).await, village_id);
    assert_eq!(status(&server, &id).await, "routed");
    assert_eq!(deadline_of(&server, &id).await, deadline.end_unix_ms());
    let told = inbox(&village, &server).await;
    let notice = told
        .items
        .iter()
        .find(|n| n.kind == NoticeKind::HandedDown)
        .expect("the village was told");
    assert_eq!(
        notice.detail.as_deref(),
        Some("请社区先行调解，十日内报结果")
    );
    // It names who handed it down, not the village's own name.
    assert_eq!(notice.unit_name.as_deref(), Some("樟潭街道"));
    // The village has no mediation unit below it: it is not offered a hand-down, and cannot
    // hand it to a unit outside its subtree.
    let village_may = may(common::cases::case_view(&village, &server, &id).await);
    assert!(
        !village_may.contains(&"hand_down".to_owned()),
        "{village_may:?}"
    );
    applied(&server, &village, &id, "accept", json!({})).await;
    assert_eq!(
        step(
            &server,
            &village,
            &id,
            "hand_down",
            hand_down(shawan, deadline)
        )
        .await,
        Settled::Rejected {
            reason: Rejection::UnknownUnit
        }
    );

    // The county presses it; the village cannot press itself.
    let press =
        json!({ "instructions": "请加快调解进度，周五前回复", "respond_by": today().plus(3) });
    assert_eq!(
        step(&server, &village, &id, "supervise", press.clone()).await,
        Settled::Rejected {
            reason: Rejection::NotAllowed
        }
    );
    applied(&server, &county, &id, "supervise", press).await;
    assert!(inbox(&village, &server).await.items.iter().any(|n| n.kind
        == NoticeKind::SupervisionIssued
        && n.unit_name.as_deref() == Some("衢江区")));
    assert_eq!(
        holder(&server, &id).await,
        village_id,
        "督办 leaves the case where it is"
    );
    // Both are in the timeline, and the chain holds.
    let kinds: Vec<String> = {
        let db = server::db::Db::connect(&server.database_url).await.unwrap();
        let rows: Vec<String> =
            sqlx::query_scalar("SELECT kind FROM case_events WHERE case_id = $1 ORDER BY id")
                .bind(&id)
                .fetch_all(&db.pool)
                .await
                .unwrap();
        db.pool.close().await;
        rows
    };
    assert!(kinds.iter().any(|k| k == "handed_down"), "{kinds:?}");
    assert!(kinds.iter().any(|k| k == "supervision_issued"), "{kinds:?}");
    assert_eq!(verify(&township, &server, &id).await["intact"], true);

    // The township's figures count both, each the length of its list.
    let db = server::db::Db::connect(&server.database_url).await.unwrap();
    let reader = common::steps::reader(&server, "township").await;
    let month = domain::clock::Month::of_unix_ms(server::db::now_ms());
    let view = server::stats::dashboard::view(
        &db,
        &reader,
        app::api::dashboard::Period::month(month),
        server::db::now_ms(),
    )
    .await
    .unwrap();
    assert_eq!((view.handed_down, view.supervised), (1, 1));
    db.pool.close().await;
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_office_above_hands_down_and_presses() {
    on_every_backend!(handing_down_and_pressing);
}
