//! Issue 15, item 1: the ladder of a case is its holder's, not its recorder's. A case transferred
//! (移送) to a village under another township goes up through that township, the county and the
//! city, and terminates only at the top; the attempt limit and the overdue sweep follow the new
//! holder; a case a sector committee holds goes up to the committee's county.

mod common;

use common::cases::inbox;
use common::steps::{
    applied, deadline_of, entrusted, lookup, person_at, record, rules_and_db, status, transfer,
    unit_named, unit_of,
};
use common::{TestDb, TestServer};
use serde_json::json;
use server::rules::sweep::sweep;

const DAY_MS: i64 = 86_400_000;

async fn holder_name(server: &TestServer, case_id: &str) -> String {
    lookup(
        server,
        "SELECT u.name AS v FROM cases c JOIN units u ON u.id = c.holder_unit_id WHERE c.id = $1",
        case_id,
    )
    .await
}

/// The recording grid's village hands the case to 芝溪村 (under 莲花镇, not 樟潭街道).
async fn transferred_to_zhixi(server: &TestServer, summary: &str) -> String {
    let phone = server.signed_in("grid").await;
    let village = server.signed_in("village").await;
    let case_id = record(server, &phone, summary).await;
    let zhixi = unit_named(server, "芝溪村").await;
    transfer(server, &village, &case_id, zhixi, "当事人均居住在芝溪村").await;
    assert_eq!(holder_name(server, &case_id).await, "芝溪村");
    case_id
}

/// `who` takes the case up (上报) with `reason`.
async fn escalate(server: &TestServer, who: &reqwest::Client, case_id: &str, reason: &str) {
    applied(
        server,
        who,
        case_id,
        "escalate",
        json!({ "reason": reason }),
    )
    .await;
}

async fn a_transferred_case_climbs_its_new_ladder(db: TestDb) {
    let server = TestServer::start(db).await;
    let zhixi = person_at(&server, "zhixi_cadre", "mediator", "芝溪村").await;
    let lianhua = person_at(&server, "lianhua_staff", "staff", "莲花镇").await;
    let county = server.signed_in("county").await;
    let city = server.signed_in("city").await;
    let old_township = server.signed_in("township").await;
    let case_id = transferred_to_zhixi(&server, "移送后上报：宅基地边界纠纷").await;

    escalate(&server, &zhixi, &case_id, "村级调解未果").await;
    assert_eq!(
        (
            status(&server, &case_id).await,
            holder_name(&server, &case_id).await
        ),
        ("escalated".to_owned(), "莲花镇".to_owned()),
        "the new holder's township, not the recording grid's"
    );
    assert!(inbox(&lianhua, &server)
        .await
        .items
        .iter()
        .any(|n| n.kind.code() == "escalated"));
    assert!(
        !inbox(&old_township, &server)
            .await
            .items
            .iter()
            .any(|n| n.kind.code() == "escalated" && n.case_id.as_deref() == Some(case_id.as_str())),
        "the old ladder's township is not asked to take it"
    );
    escalate(&server, &lianhua, &case_id, "镇级调解未果").await;
    assert_eq!(holder_name(&server, &case_id).await, "衢江区");
    escalate(&server, &county, &case_id, "区级调解未果").await;
    assert_eq!(holder_name(&server, &case_id).await, "衢州市");
    assert_eq!(status(&server, &case_id).await, "escalated");
    // At the top of the ladder, 上报 has nowhere to go: the mediation ends there.
    escalate(&server, &city, &case_id, "市级调解未果").await;
    assert_eq!(status(&server, &case_id).await, "terminated");
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn transferred_case_escalates_up_the_new_ladder() {
    on_every_backend!(a_transferred_case_climbs_its_new_ladder);
}

async fn failed_sessions_at_the_new_holder_escalate(db: TestDb) {
    let server = TestServer::start(db).await;
    let zhixi = person_at(&server, "zhixi_cadre", "mediator", "芝溪村").await;
    let case_id = transferred_to_zhixi(&server, "移送后三次调解未果：排水纠纷").await;
    applied(&server, &zhixi, &case_id, "accept", json!({})).await;
    for n in 1..=3 {
        applied(
            &server,
            &zhixi,
            &case_id,
            "record_session",
            json!({ "place": "芝溪村调解室", "notes": format!("第{n}次调解，未达成一致"), "failed": true }),
        )
        .await;
    }
    assert_eq!(
        (
            status(&server, &case_id).await,
            holder_name(&server, &case_id).await
        ),
        ("escalated".to_owned(), "莲花镇".to_owned()),
        "the village's limit of three failed sessions applies at the new holder"
    );
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn three_failed_sessions_at_the_new_holder_escalate() {
    on_every_backend!(failed_sessions_at_the_new_holder_escalate);
}

async fn the_sweep_escalates_an_overdue_transferred_case(db: TestDb) {
    let server = TestServer::start(db).await;
    let case_id = transferred_to_zhixi(&server, "移送后逾期：围墙纠纷").await;
    let (rules, db) = rules_and_db(&server).await;
    let deadline = deadline_of(&server, &case_id).await;
    sweep(&db, &rules, deadline + 1).await.unwrap();
    let swept = sweep(&db, &rules, deadline + 9 * DAY_MS).await.unwrap();
    assert_eq!(swept.escalated, 1);
    assert_eq!(
        (
            status(&server, &case_id).await,
            holder_name(&server, &case_id).await
        ),
        ("escalated".to_owned(), "莲花镇".to_owned())
    );
    db.pool.close().await;
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_sweep_escalates_a_transferred_case_up_its_new_ladder() {
    on_every_backend!(the_sweep_escalates_an_overdue_transferred_case);
}

async fn a_committee_case_goes_up_to_its_county(db: TestDb) {
    let server = TestServer::start(db).await;
    let phone = server.signed_in("grid").await;
    let village = server.signed_in("village").await;
    let medical = server.signed_in("medical").await;
    let case_id = record(&server, &phone, "诊所收费争议，移送医调委").await;
    let committee = unit_of(&server, "medical").await;
    transfer(&server, &village, &case_id, committee, "涉医疗专业问题").await;
    escalate(&server, &medical, &case_id, "专业调解未果").await;
    assert_eq!(
        (
            status(&server, &case_id).await,
            holder_name(&server, &case_id).await
        ),
        ("escalated".to_owned(), "衢江区".to_owned())
    );
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sector_committee_escalates_to_its_county() {
    on_every_backend!(a_committee_case_goes_up_to_its_county);
}

/// Terminations the rules make say they terminate, not that they escalate.
async fn a_rules_termination_is_worded_as_one(db: TestDb) {
    let server = TestServer::start(db).await;
    let zhixi = person_at(&server, "zhixi_cadre", "mediator", "芝溪村").await;
    let lianhua = person_at(&server, "lianhua_staff", "staff", "莲花镇").await;
    let county = server.signed_in("county").await;
    let case_id = transferred_to_zhixi(&server, "到顶后逾期：土地承包纠纷").await;
    for (who, reason) in [(&zhixi, "村"), (&lianhua, "镇"), (&county, "区")] {
        escalate(&server, who, &case_id, reason).await;
    }
    assert_eq!(holder_name(&server, &case_id).await, "衢州市");
    let (rules, db) = rules_and_db(&server).await;
    let deadline = deadline_of(&server, &case_id).await;
    sweep(&db, &rules, deadline + 1).await.unwrap();
    sweep(&db, &rules, deadline + 9 * DAY_MS).await.unwrap();
    assert_eq!(status(&server, &case_id).await, "terminated");
    let text: String = lookup(
        &server,
        "SELECT payload AS v FROM case_events WHERE case_id = $1 AND kind = 'terminated'",
        &case_id,
    )
    .await;
    assert!(!text.contains("上报上一级"), "{text}");
    assert!(text.contains("调解终结"), "{text}");
    db.pool.close().await;
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn terminations_by_the_rules_say_so() {
    on_every_backend!(a_rules_termination_is_worded_as_one);
}

/// A court entrusts a dispute to a village's people's mediation committee under another
/// township than the court's usual one: the village's 上报 goes to that village's township,
/// then the county, and the court that entrusted it keeps seeing where its case is.
async fn an_entrusted_case_climbs_above_its_organisation(db: TestDb) {
    let server = TestServer::start(db).await;
    let court = server.signed_in("court").await;
    let zhixi = person_at(&server, "zhixi_cadre", "mediator", "芝溪村").await;
    let lianhua = person_at(&server, "lianhua_staff", "staff", "莲花镇").await;
    let to = unit_named(&server, "芝溪村").await;
    let case_id = entrusted(&server, &court, to, "委托调解后上报：相邻通行纠纷").await;
    assert_eq!(holder_name(&server, &case_id).await, "芝溪村");

    escalate(&server, &zhixi, &case_id, "村调委会调解未果").await;
    assert_eq!(
        (
            status(&server, &case_id).await,
            holder_name(&server, &case_id).await
        ),
        ("escalated".to_owned(), "莲花镇".to_owned()),
        "the entrusted organisation's township, not the court's"
    );
    escalate(&server, &lianhua, &case_id, "镇级调解未果").await;
    assert_eq!(holder_name(&server, &case_id).await, "衢江区");
    let pulled = common::cases::pull(&court, &server, 0, 500).await;
    let seen = pulled
        .cases
        .iter()
        .find(|c| c.id == case_id)
        .expect("the entrusting court still sees its case");
    assert_eq!(seen.status, "escalated");
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_entrusted_case_escalates_from_its_holder() {
    on_every_backend!(an_entrusted_case_climbs_above_its_organisation);
}
