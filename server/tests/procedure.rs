//! The mediation procedure through the sync API, on both backends: a case's whole life from
//! acceptance to closing; the 回避 check; the thirty-day judicial confirmation window (day 30
//! accepted, day 31 refused); transfer only with every party's consent; a decline with its
//! reason; and two devices acting on one case offline.

mod common;

use common::steps::today;

use app::api::work::{Due, Stage, WorkFilter};
use common::cases::{action_op, inbox, pull, push, settled};
use common::steps::{
    applied, lookup, reader, record, rules_and_db, status, step, two_party_dispute, unit_of, verify,
};
use common::{TestDb, TestServer};
use domain::sync::{Rejection, Settled};
use serde_json::{json, Value};
use sqlx::{Connection, Row};

async fn mediator_id(server: &TestServer, name: &str) -> i64 {
    lookup(
        server,
        "SELECT id AS v FROM mediators WHERE name = $1",
        name,
    )
    .await
}

/// Moves a case's recording back: no step of a case may be dated before it was recorded.
async fn recorded_days_ago(server: &TestServer, case_id: &str, days: i64) {
    let mut conn = sqlx::AnyConnection::connect(&server.database_url)
        .await
        .unwrap();
    sqlx::query("UPDATE cases SET recorded_at = recorded_at - $1 WHERE id = $2")
        .bind(days * 86_400_000)
        .bind(case_id)
        .execute(&mut conn)
        .await
        .unwrap();
}

/// Recorded, accepted, told, mediated twice, agreed, confirmed, visited, closed — and the
/// event chain intact at the end.
async fn a_case_lives_its_whole_life(db: TestDb) {
    let server = TestServer::start(db).await;
    let phone = server.signed_in("grid").await;
    let village = server.signed_in("village").await;
    let case_id = record(&server, &phone, "两户共用楼道堆放杂物起争执").await;

    // Mediation waits for acceptance.
    let early = step(
        &server,
        &village,
        &case_id,
        "record_session",
        json!({ "place": "村调解室", "notes": "双方到场", "failed": false }),
    )
    .await;
    assert_eq!(
        early,
        Settled::Rejected {
            reason: Rejection::NotNow {
                status: "routed".into()
            }
        }
    );
    applied(&server, &village, &case_id, "acknowledge", json!({})).await;
    applied(&server, &village, &case_id, "accept", json!({})).await;
    assert!(inbox(&phone, &server)
        .await
        .items
        .iter()
        .any(|n| n.kind.code() == "accepted"));

    // Every party must be told their rights and obligations.
    let half = step(
        &server,
        &village,
        &case_id,
        "notice_of_rights",
        json!({ "method": "written", "parties": ["李四"] }),
    )
    .await;
    assert_eq!(
        half,
        Settled::Rejected {
            reason: Rejection::PartiesUntold {
                parties: vec!["王五".into()]
            }
        }
    );
    applied(
        &server,
        &village,
        &case_id,
        "notice_of_rights",
        json!({ "method": "written", "parties": ["李四", "王五"] }),
    )
    .await;

    // 回避: 周建国 is related to 李四; 吴秀英 is not.
    let related = mediator_id(&server, "周建国").await;
    let refused = step(
        &server,
        &village,
        &case_id,
        "assign_mediator",
        json!({ "mediator_id": related }),
    )
    .await;
    assert_eq!(
        refused,
        Settled::Rejected {
            reason: Rejection::Recusal {
                mediator: "周建国".into(),
                party: "李四".into()
            }
        }
    );
    let free = mediator_id(&server, "吴秀英").await;
    applied(
        &server,
        &village,
        &case_id,
        "assign_mediator",
        json!({ "mediator_id": free }),
    )
    .await;
    // A mediator of another township is invited, not assigned.
    let elsewhere = mediator_id(&server, "何春生").await;
    let wrong_door = step(
        &server,
        &village,
        &case_id,
        "assign_mediator",
        json!({ "mediator_id": elsewhere }),
    )
    .await;
    assert_eq!(
        wrong_door,
        Settled::Rejected {
            reason: Rejection::UnknownMediator
        }
    );
    applied(
        &server,
        &village,
        &case_id,
        "invite",
        json!({ "mediator_id": elsewhere, "reason": "熟悉当地宅基地情况" }),
    )
    .await;

    for (failed, notes) in [(true, "双方各执一词"), (false, "双方同意清理杂物")] {
        applied(
            &server,
            &village,
            &case_id,
            "record_session",
            json!({
                "held_on": today(), "place": "村调解室", "participants": ["李四", "王五", "吴秀英"],
                "notes": notes, "failed": failed,
            }),
        )
        .await;
    }
    applied(
        &server,
        &village,
        &case_id,
        "record_agreement",
        json!({
            "terms": "王五三日内清理楼道杂物，今后不再堆放", "amount_fen": null,
            "signed_on": today(), "perform_by": today().plus(3),
        }),
    )
    .await;
    assert_eq!(status(&server, &case_id).await, "agreed");
    // Closing waits for the follow-up visit, which only the recording grid worker makes.
    let too_soon = step(&server, &village, &case_id, "close", json!({})).await;
    assert_eq!(
        too_soon,
        Settled::Rejected {
            reason: Rejection::NotNow {
                status: "agreed".into()
            }
        }
    );
    let visit =
        json!({ "performance": "full", "satisfaction": "satisfied", "notes": "杂物已清理" });
    let not_theirs = step(&server, &village, &case_id, "follow_up", visit.clone()).await;
    assert_eq!(
        not_theirs,
        Settled::Rejected {
            reason: Rejection::NotAllowed
        }
    );

    applied(
        &server,
        &village,
        &case_id,
        "apply_confirmation",
        json!({ "applied_on": today(), "court": "衢江区人民法院" }),
    )
    .await;
    applied(
        &server,
        &village,
        &case_id,
        "record_confirmation",
        json!({ "confirmed": true, "ruling": "(2026)浙0803民特123号" }),
    )
    .await;
    applied(&server, &phone, &case_id, "follow_up", visit).await;
    applied(&server, &village, &case_id, "close", json!({})).await;
    assert_eq!(status(&server, &case_id).await, "closed");
    let told = inbox(&phone, &server).await;
    assert!(
        told.items.iter().any(|n| n.kind.code() == "agreement"),
        "{told:?}"
    );
    assert!(
        told.items.iter().any(|n| n.kind.code() == "result"),
        "{told:?}"
    );

    // Every step is in the log, and the chain holds.
    let mut conn = sqlx::AnyConnection::connect(&server.database_url)
        .await
        .unwrap();
    let kinds: Vec<String> =
        sqlx::query("SELECT kind FROM case_events WHERE case_id = $1 ORDER BY id")
            .bind(&case_id)
            .fetch_all(&mut conn)
            .await
            .unwrap()
            .iter()
            .map(|r| r.try_get("kind").unwrap())
            .collect();
    assert_eq!(
        kinds,
        [
            "recorded",
            "routed",
            "acknowledged",
            "accepted",
            "rights_noticed",
            "mediator_assigned",
            "mediator_invited",
            "session_failed",
            "session_held",
            "agreement_reached",
            "confirmation_applied",
            "confirmation_decided",
            "followed_up",
            "closed",
        ]
    );
    let verify = verify(&village, &server, &case_id).await;
    assert_eq!(verify["intact"], true, "{verify}");
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn whole_life() {
    on_every_backend!(a_case_lives_its_whole_life);
}

/// Agreements signed 31 days ago: applying on day 30 is accepted, on day 31 refused with the
/// day the window closed.
async fn the_confirmation_window_is_thirty_days(db: TestDb) {
    let server = TestServer::start(db).await;
    let phone = server.signed_in("grid").await;
    let village = server.signed_in("village").await;
    let signed = today().plus(-31);
    let mut cases = Vec::new();
    for summary in ["借款纠纷甲", "借款纠纷乙"] {
        let case_id = record(&server, &phone, summary).await;
        recorded_days_ago(&server, &case_id, 40).await;
        applied(&server, &village, &case_id, "accept", json!({})).await;
        applied(&server, &village, &case_id, "record_agreement", json!({
            "terms": "分期还款", "amount_fen": 500_000, "signed_on": signed, "perform_by": today(),
        })).await;
        cases.push(case_id);
    }
    applied(
        &server,
        &village,
        &cases[0],
        "apply_confirmation",
        json!({ "applied_on": signed.plus(30), "court": "衢江区人民法院" }),
    )
    .await;
    let late = step(
        &server,
        &village,
        &cases[1],
        "apply_confirmation",
        json!({ "applied_on": signed.plus(31), "court": "衢江区人民法院" }),
    )
    .await;
    assert_eq!(
        late,
        Settled::Rejected {
            reason: Rejection::WindowClosed {
                last_day: signed.plus(30).to_string()
            }
        }
    );
    // A day in the future is no application at all.
    let future = step(
        &server,
        &village,
        &cases[1],
        "apply_confirmation",
        json!({ "applied_on": today().plus(1), "court": "衢江区人民法院" }),
    )
    .await;
    assert!(matches!(
        future,
        Settled::Rejected {
            reason: Rejection::WindowClosed { .. }
        }
    ));
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn confirmation_window() {
    on_every_backend!(the_confirmation_window_is_thirty_days);
}

/// The holder is reminded once, in the last days of the window, when nobody has applied.
async fn the_holder_is_reminded_before_the_window_closes(db: TestDb) {
    let server = TestServer::start(db).await;
    let phone = server.signed_in("grid").await;
    let village = server.signed_in("village").await;
    let case_id = record(&server, &phone, "租金纠纷").await;
    recorded_days_ago(&server, &case_id, 30).await;
    applied(&server, &village, &case_id, "accept", json!({})).await;
    applied(
        &server,
        &village,
        &case_id,
        "record_agreement",
        json!({
            "terms": "补交租金", "signed_on": today().plus(-27), "perform_by": today(),
        }),
    )
    .await;
    let (rules, db) = rules_and_db(&server).await;
    let now = server::db::now_ms();
    let first = server::rules::sweep::sweep(&db, &rules, now).await.unwrap();
    assert_eq!(first.confirmation_reminders, 1);
    let again = server::rules::sweep::sweep(&db, &rules, now).await.unwrap();
    assert_eq!(again.confirmation_reminders, 0, "once per agreement");
    let told = inbox(&village, &server).await;
    let due = told
        .items
        .iter()
        .find(|n| n.kind.code() == "confirmation_due")
        .expect("reminded");
    assert_eq!(
        due.detail.as_deref(),
        Some(today().plus(3).to_string().as_str())
    );
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn confirmation_reminder() {
    on_every_backend!(the_holder_is_reminded_before_the_window_closes);
}

/// 移送 needs every party's consent; with it, the case goes to the other organisation, which is
/// told. A decline needs a reason, which reaches the grid worker.
async fn handoffs_and_declines(db: TestDb) {
    let server = TestServer::start(db).await;
    let phone = server.signed_in("grid").await;
    let village = server.signed_in("village").await;
    let medical = server.signed_in("medical").await;
    let case_id = record(&server, &phone, "诊所收费争议").await;
    let committee: i64 = unit_of(&server, "medical").await;
    let consents = |wang: bool| {
        json!([
            { "party": "李四", "consented": true }, { "party": "王五", "consented": wang }
        ])
    };
    let refused = step(
        &server,
        &village,
        &case_id,
        "transfer",
        json!({
            "to_unit_id": committee, "reason": "涉医疗专业问题", "consents": consents(false),
        }),
    )
    .await;
    assert_eq!(
        refused,
        Settled::Rejected {
            reason: Rejection::ConsentMissing {
                parties: vec!["王五".into()]
            }
        }
    );
    applied(
        &server,
        &village,
        &case_id,
        "transfer",
        json!({
            "to_unit_id": committee, "reason": "涉医疗专业问题", "consents": consents(true),
        }),
    )
    .await;
    let told = inbox(&medical, &server).await;
    assert_eq!(told.items[0].kind.code(), "transferred");
    let holder: i64 = lookup(
        &server,
        "SELECT holder_unit_id AS v FROM cases WHERE id = $1",
        &case_id,
    )
    .await;
    assert_eq!(holder, committee);
    let letter: String = lookup(
        &server,
        "SELECT payload AS v FROM case_events WHERE case_id = $1 AND kind = 'transferred'",
        &case_id,
    )
    .await;
    let letter: Value = serde_json::from_str(&letter).unwrap();
    assert_eq!(letter["letter"]["parties"].as_array().unwrap().len(), 2);
    assert_eq!(letter["from_name"], "樟树潭社区");

    // A second case, declined: no reason, no decline.
    let other = record(&server, &phone, "已起诉至法院的借款纠纷").await;
    let bare = step(
        &server,
        &village,
        &other,
        "decline",
        json!({ "reason": "  " }),
    )
    .await;
    assert!(matches!(
        bare,
        Settled::Rejected {
            reason: Rejection::Invalid { .. }
        }
    ));
    applied(
        &server,
        &village,
        &other,
        "decline",
        json!({ "reason": "已进入诉讼程序" }),
    )
    .await;
    assert_eq!(status(&server, &other).await, "declined");
    let told = inbox(&phone, &server).await;
    let result = told
        .items
        .iter()
        .find(|n| n.kind.code() == "result")
        .expect("the grid hears");
    assert_eq!(result.detail.as_deref(), Some("不予受理：已进入诉讼程序"));

    // The decline counts against the village's acceptance rate; a third case it accepts.
    let third = record(&server, &phone, "第三件：邻里通道纠纷").await;
    applied(&server, &village, &third, "accept", json!({})).await;
    let unit: i64 = unit_of(&server, "village").await;
    let db = server::db::Db::connect(&server.database_url).await.unwrap();
    let figures = server::casework::work_list::acceptance(&db, unit, server::db::now_ms())
        .await
        .unwrap();
    assert_eq!((figures.accepted, figures.declined), (1, 1));
    assert_eq!(figures.rate_percent(), Some(50));
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn handoffs() {
    on_every_backend!(handoffs_and_declines);
}

/// Two tablets of the village act on one case while offline: one escalates, the other accepts.
/// The escalation syncs first and applies; the acceptance is refused naming the new holder, and
/// both devices then see the case where it truly is.
async fn two_devices_act_on_one_case_offline(db: TestDb) {
    let server = TestServer::start(db).await;
    let phone = server.signed_in("grid").await;
    let tablet_a = server.signed_in("village").await;
    let tablet_b = server.signed_in("village").await;
    let case_id = record(&server, &phone, "两家共用水井用水纠纷").await;
    // Both read the case as routed to the village, then went offline and acted.
    let escalate = action_op(
        &case_id,
        "escalate",
        json!({ "reason": "涉及两村用水，本村无法调处" }),
    );
    let accept = action_op(&case_id, "accept", json!({}));
    let first = settled(&push(&tablet_a, &server, &[escalate]).await);
    assert!(matches!(first, Settled::Applied { .. }), "{first:?}");
    let second = settled(&push(&tablet_b, &server, std::slice::from_ref(&accept)).await);
    assert_eq!(
        second,
        Settled::Rejected {
            reason: Rejection::NotHolder {
                holder: "樟潭街道".into()
            }
        }
    );
    // Resending the refused operation gets the same answer, not a second effect.
    let again = push(&tablet_b, &server, &[accept]).await;
    assert!(matches!(
        again.results[0].outcome,
        domain::sync::OpOutcome::Duplicate { .. }
    ));
    for device in [&tablet_a, &tablet_b] {
        let page = pull(device, &server, 0, 200).await;
        let case = page
            .cases
            .iter()
            .find(|c| c.id == case_id)
            .expect("still visible");
        assert_eq!(
            (case.status.as_str(), case.holder_name.as_str()),
            ("escalated", "樟潭街道")
        );
    }
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn offline_conflict() {
    on_every_backend!(two_devices_act_on_one_case_offline);
}

/// 办案: overdue first, then not yet acknowledged, then the rest; filters by stage, category
/// and deadline.
async fn the_work_list_puts_the_urgent_first(db: TestDb) {
    let server = TestServer::start(db).await;
    let phone = server.signed_in("grid").await;
    let village = server.signed_in("village").await;
    let acknowledged = record(&server, &phone, "已签收的案件").await;
    applied(&server, &village, &acknowledged, "acknowledge", json!({})).await;
    let fresh = record(&server, &phone, "刚分派的案件").await;
    let late = record(&server, &phone, "已超期的案件").await;
    applied(&server, &village, &late, "accept", json!({})).await;
    let mut conn = sqlx::AnyConnection::connect(&server.database_url)
        .await
        .unwrap();
    sqlx::query("UPDATE cases SET deadline_at = $1 WHERE id = $2")
        .bind(server::db::now_ms() - 1000)
        .bind(&late)
        .execute(&mut conn)
        .await
        .unwrap();
    let db = server::db::Db::connect(&server.database_url).await.unwrap();
    let cadre = reader(&server, "village").await;
    let now = server::db::now_ms();
    let ids = |filter: WorkFilter| {
        let db = db.clone();
        let cadre = cadre.clone();
        async move {
            server::casework::work_list::list(&db, &cadre, &filter, now)
                .await
                .unwrap()
                .into_iter()
                .map(|item| item.id)
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(
        ids(WorkFilter::default()).await,
        [late.clone(), fresh.clone(), acknowledged.clone()]
    );
    let received = WorkFilter {
        stage: Stage::Received,
        ..WorkFilter::default()
    };
    assert_eq!(ids(received).await, [fresh.clone(), acknowledged.clone()]);
    let overdue = WorkFilter {
        due: Due::Overdue,
        ..WorkFilter::default()
    };
    assert_eq!(ids(overdue).await, [late]);
    let soon = WorkFilter {
        due: Due::Soon,
        ..WorkFilter::default()
    };
    assert!(ids(soon).await.is_empty(), "deadlines are weeks away");
    let other_category = WorkFilter {
        category: Some("medical".into()),
        ..WorkFilter::default()
    };
    assert!(ids(other_category).await.is_empty());
    let items = server::casework::work_list::list(&db, &cadre, &WorkFilter::default(), now)
        .await
        .unwrap();
    assert!(items[0].overdue && items[0].acknowledged);
    assert!(!items[1].acknowledged);
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn work_list() {
    on_every_backend!(the_work_list_puts_the_urgent_first);
}

/// 委托调解: a court entrusts a dispute to the medical committee only with every party's
/// consent and only to a mediation organisation; the committee works it (and makes the
/// follow-up visit itself: no grid worker knows the parties); the court sees the case and hears
/// the result.
async fn a_court_entrusts_a_case_and_hears_the_result(db: TestDb) {
    let server = TestServer::start(db).await;
    let court = server.signed_in("court").await;
    let phone = server.signed_in("grid").await;
    let medical = server.signed_in("medical").await;
    let committee = unit_of(&server, "medical").await;
    let grid = unit_of(&server, "grid").await;
    let facts = two_party_dispute("医疗费用赔偿纠纷，患方起诉至法院");
    let entrust = |to: i64, consented: bool| {
        let consents: Vec<Value> = facts
            .parties
            .iter()
            .map(|p| json!({ "party": p.name, "consented": consented || p.name == "李四" }))
            .collect();
        action_op(
            &uuid::Uuid::now_v7().to_string(),
            "entrust",
            json!({
                "facts": facts, "to_unit_id": to, "court_case_number": "(2026)浙0803民初1234号",
                "reason": "医疗损害责任纠纷，专业性强，委托医调委调解", "consents": consents,
            }),
        )
    };
    let answer = |op: Value| {
        let (court, server) = (&court, &server);
        async move { settled(&push(court, server, &[op]).await) }
    };
    assert!(
        matches!(answer(entrust(committee, false)).await, Settled::Rejected { reason: Rejection::ConsentMissing { parties } } if parties == ["王五"])
    );
    assert!(matches!(
        answer(entrust(grid, true)).await,
        Settled::Rejected {
            reason: Rejection::UnknownUnit
        }
    ));
    // Only a court entrusts.
    let by_grid = settled(&push(&phone, &server, &[entrust(committee, true)]).await);
    assert!(matches!(
        by_grid,
        Settled::Rejected {
            reason: Rejection::NotAllowed
        }
    ));
    let op = entrust(committee, true);
    let case_id = op["case_id"].as_str().unwrap().to_owned();
    assert!(matches!(answer(op).await, Settled::Applied { .. }));
    assert_eq!(status(&server, &case_id).await, "routed");
    let told = inbox(&medical, &server).await;
    let notice = told
        .items
        .iter()
        .find(|n| n.kind.code() == "entrusted")
        .expect("the committee is told");
    assert!(notice
        .detail
        .as_deref()
        .unwrap()
        .starts_with("衢江区人民法院（(2026)浙0803民初1234号）"));
    let letter: String = lookup(
        &server,
        "SELECT payload AS v FROM case_events WHERE case_id = $1 AND kind = 'entrusted'",
        &case_id,
    )
    .await;
    let letter: Value = serde_json::from_str(&letter).unwrap();
    assert_eq!(
        letter["letter"]["court_case_number"],
        "(2026)浙0803民初1234号"
    );

    // The committee mediates; it visits, not the court.
    for (kind, payload) in [
        ("accept", json!({})),
        (
            "record_agreement",
            json!({ "terms": "医院赔偿医疗费二万元", "signed_on": today(), "perform_by": today().plus(10) }),
        ),
    ] {
        applied(&server, &medical, &case_id, kind, payload).await;
    }
    let visit = json!({ "performance": "full", "satisfaction": "satisfied", "notes": "已赔付" });
    assert!(matches!(
        step(&server, &court, &case_id, "follow_up", visit.clone()).await,
        Settled::Rejected {
            reason: Rejection::NotAllowed
        }
    ));
    applied(&server, &medical, &case_id, "follow_up", visit).await;
    applied(&server, &medical, &case_id, "close", json!({})).await;

    // The court sees its case and hears the result.
    let pulled = pull(&court, &server, 0, 500).await;
    let mine = pulled
        .cases
        .iter()
        .find(|c| c.id == case_id)
        .expect("the court sees it");
    assert_eq!(mine.status, "closed");
    assert!(!mine.visit_due);
    assert!(inbox(&court, &server)
        .await
        .items
        .iter()
        .any(|n| n.kind.code() == "result" && n.case_id.as_deref() == Some(case_id.as_str())));
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn court_entrustment() {
    on_every_backend!(a_court_entrusts_a_case_and_hears_the_result);
}
