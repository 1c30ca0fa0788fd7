//! 重复登记 (issue 13): two grid workers report one dispute; the village that holds both is
//! told once, compares them, and links them — the linked case ends as merged, its recorder is
//! told, and it counts once in every figure (受理率, the work list, the early-warning cluster).
//! A pair found to be different disputes is not offered again; a decision comes once; a person
//! who cannot see both cases cannot decide.

mod common;

use common::cases::{action_op, case_view, dispute, inbox, push, record_op, settled};
use common::steps::{applied, lookup, status, unit_of, verify};
use common::{TestDb, TestServer};
use domain::dispute::DisputeFacts;
use domain::notices::NoticeKind;
use domain::sync::{Rejection, Settled};
use serde_json::{json, Value};

/// A neighbourhood dispute whose applicant is reached at `phone`.
fn reported(phone: &str, summary: &str) -> DisputeFacts {
    let mut facts = dispute("neighbourhood", None, 2, summary);
    facts.parties[0].phone = Some(phone.into());
    facts
}

async fn record(server: &TestServer, device: &reqwest::Client, facts: &DisputeFacts) -> String {
    let op = record_op(facts);
    let answer = push(device, server, std::slice::from_ref(&op)).await;
    assert!(
        matches!(settled(&answer), Settled::Applied { .. }),
        "{answer:?}"
    );
    op["case_id"].as_str().unwrap().to_owned()
}

fn settle(case_id: &str, other: &str, verdict: &str) -> Value {
    action_op(
        case_id,
        "settle_duplicate",
        json!({ "other_case_id": other, "verdict": verdict }),
    )
}

async fn told(device: &reqwest::Client, server: &TestServer, kind: NoticeKind) -> Vec<String> {
    inbox(device, server)
        .await
        .items
        .into_iter()
        .filter(|n| n.kind == kind)
        .map(|n| n.detail.unwrap_or_default())
        .collect()
}

fn timeline_kinds(view: &Value) -> Vec<String> {
    view["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap().to_owned())
        .collect()
}

async fn acceptance(server: &TestServer, unit: i64) -> (i64, i64) {
    let db = server::db::Db::connect(&server.database_url).await.unwrap();
    let figures = server::casework::work_list::acceptance(&db, unit, server::db::now_ms())
        .await
        .unwrap();
    (figures.accepted, figures.declined)
}

async fn work_list(server: &TestServer, device: &reqwest::Client) -> Vec<String> {
    let list: Value = device
        .post(server.url("/api/work"))
        .form(&[("stage", ""), ("category", ""), ("due", "")])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    list.as_array()
        .unwrap()
        .iter()
        .map(|w| w["id"].as_str().unwrap().to_owned())
        .collect()
}

async fn a_linked_duplicate_counts_once_on(db: TestDb) {
    let server = TestServer::start(db).await;
    let (grid, grid2) = (
        server.signed_in("grid").await,
        server.signed_in("grid2").await,
    );
    let village = server.signed_in("village").await;
    let county = server.signed_in("county").await;
    let first = record(
        &server,
        &grid,
        &reported("13900000001", "楼上漏水，楼下天花板受损"),
    )
    .await;
    // The same applicant (the phone typed another way), the same kind, another grid worker.
    let second = record(
        &server,
        &grid2,
        &reported("+86 139-0000-0001", "3幢漏水纠纷"),
    )
    .await;
    let first_number: String = lookup(
        &server,
        "SELECT number AS v FROM cases WHERE id = $1",
        &first,
    )
    .await;

    // The village holds both: told once, on the case that arrived second.
    let notices = told(&village, &server, NoticeKind::PossibleDuplicate).await;
    assert_eq!(notices, vec![first_number.clone()]);
    let view = case_view(&village, &server, &second).await;
    let candidates = view["duplicates"].as_array().unwrap();
    assert_eq!(candidates.len(), 1, "{view}");
    assert_eq!(candidates[0]["id"], json!(first));
    assert_eq!(candidates[0]["may_decide"], json!(true));
    assert_eq!(candidates[0]["may_absorb"], json!(true));
    assert_eq!(
        candidates[0]["facts"]["parties"][0]["phone"],
        json!("139****0001"),
        "personal data masked as on the case page"
    );
    // The first grid worker may not see the second grid's case: nothing of it on their page.
    let view = case_view(&grid, &server, &first).await;
    assert!(view["duplicates"].as_array().unwrap().is_empty(), "{view}");
    // … nor may they decide on it: a case they cannot see answers as an unknown one.
    let answer = push(&grid, &server, &[settle(&first, &second, "distinct")]).await;
    assert_eq!(
        settled(&answer),
        Settled::Rejected {
            reason: Rejection::UnknownCase
        }
    );

    // Both accepted: two in this month's 受理率 and the work list.
    let unit = unit_of(&server, "village").await;
    for case in [&first, &second] {
        applied(&server, &village, case, "accept", json!({})).await;
    }
    assert_eq!(acceptance(&server, unit).await, (2, 0));
    assert_eq!(work_list(&server, &village).await.len(), 2);

    // Linked: the second is the first's dispute.
    let answer = push(&village, &server, &[settle(&first, &second, "absorb")]).await;
    assert!(
        matches!(settled(&answer), Settled::Applied { .. }),
        "{answer:?}"
    );
    assert_eq!(status(&server, &second).await, "merged");
    assert_eq!(acceptance(&server, unit).await, (1, 0), "counted once");
    // The question is answered: the notice that asked it counts as read.
    let asked = inbox(&village, &server).await;
    assert!(asked
        .items
        .iter()
        .filter(|n| n.kind == NoticeKind::PossibleDuplicate)
        .all(|n| n.read));
    assert_eq!(work_list(&server, &village).await, vec![first.clone()]);
    // Its recorder is told where it went; the page says so and offers nothing more.
    assert_eq!(
        told(&grid2, &server, NoticeKind::Merged).await,
        vec![first_number.clone()]
    );
    let merged = case_view(&grid2, &server, &second).await;
    assert_eq!(merged["merged_into"]["id"], json!(first));
    assert!(merged["may"].as_array().unwrap().is_empty());
    assert!(timeline_kinds(&merged).contains(&"merged_into".to_owned()));
    let kept = case_view(&village, &server, &first).await;
    assert!(timeline_kinds(&kept).contains(&"duplicate_absorbed".to_owned()));
    assert!(kept["duplicates"].as_array().unwrap().is_empty());
    for case in [&first, &second] {
        assert_eq!(verify(&village, &server, case).await["intact"], json!(true));
    }
    // Decided once: the same decision again, or another, is refused in words.
    let answer = push(&village, &server, &[settle(&first, &second, "distinct")]).await;
    assert_eq!(
        settled(&answer),
        Settled::Rejected {
            reason: Rejection::DuplicateSettled {
                verdict: "absorb".into()
            }
        }
    );

    // The early-warning cluster (three neighbourhood disputes in a village within seven days)
    // counts the dispute once: with the merged report it would be three.
    record(
        &server,
        &grid,
        &reported("13900000003", "另一户邻里噪音纠纷"),
    )
    .await;
    assert!(told(&county, &server, NoticeKind::Warning).await.is_empty());

    // Another report of the same applicant, found to be a different dispute: not offered again.
    let third = record(
        &server,
        &grid2,
        &reported("13900000001", "同一户的车位纠纷"),
    )
    .await;
    let view = case_view(&village, &server, &third).await;
    assert_eq!(view["duplicates"][0]["id"], json!(first), "{view}");
    let answer = push(&village, &server, &[settle(&third, &first, "distinct")]).await;
    assert!(matches!(settled(&answer), Settled::Applied { .. }));
    let view = case_view(&village, &server, &third).await;
    assert!(view["duplicates"].as_array().unwrap().is_empty());
    assert!(timeline_kinds(&view).contains(&"marked_distinct".to_owned()));
    assert_eq!(status(&server, &third).await, "routed");

    // Reported in another village of the township: neither village may see the other's case,
    // so the township — above both, seeing both — is told and decides.
    let grid3 = server.signed_in("grid3").await;
    let township = server.signed_in("township").await;
    let elsewhere = record(
        &server,
        &grid3,
        &reported("13900000001", "沙湾村登记的漏水纠纷"),
    )
    .await;
    assert!(case_view(&village, &server, &first).await["duplicates"]
        .as_array()
        .unwrap()
        .is_empty());
    assert_eq!(
        told(&village, &server, NoticeKind::PossibleDuplicate)
            .await
            .len(),
        2,
        "the village heard of its own pairs only"
    );
    // Told of each pair: with the first case and with the third (both held in 樟树潭).
    let township_told = told(&township, &server, NoticeKind::PossibleDuplicate).await;
    assert_eq!(township_told.len(), 2, "{township_told:?}");
    assert!(township_told.contains(&first_number));
    let view = case_view(&township, &server, &elsewhere).await;
    assert_eq!(view["duplicates"][0]["id"], json!(first), "{view}");
    assert_eq!(view["duplicates"][0]["may_decide"], json!(true));
    let answer = push(&village, &server, &[settle(&first, &elsewhere, "absorb")]).await;
    assert_eq!(
        settled(&answer),
        Settled::Rejected {
            reason: Rejection::UnknownCase
        },
        "the village may not see the other village's case"
    );
    let answer = push(&township, &server, &[settle(&first, &elsewhere, "absorb")]).await;
    assert!(
        matches!(settled(&answer), Settled::Applied { .. }),
        "{answer:?}"
    );
    assert_eq!(status(&server, &elsewhere).await, "merged");
    // 樟树潭社区 may not open the case of 沙湾村 it absorbed (the last one): its timeline says a case of
    // another unit, with no number; the township, which sees both, gets the link.
    let facts_of = |view: &Value, kind: &str| {
        view["timeline"]
            .as_array()
            .unwrap()
            .iter()
            .rev()
            .find(|e| e["kind"] == kind)
            .map(|e| e["facts"].clone())
            .unwrap()
    };
    let village_sees = facts_of(
        &case_view(&village, &server, &first).await,
        "duplicate_absorbed",
    );
    assert_eq!(
        village_sees,
        json!([{ "fact": "unseen_case" }]),
        "{village_sees}"
    );
    let elsewhere_number: String = common::steps::lookup(
        &server,
        "SELECT number AS v FROM cases WHERE id = $1",
        &elsewhere,
    )
    .await;
    assert!(!village_sees.to_string().contains(&elsewhere_number));
    let township_sees = facts_of(
        &case_view(&township, &server, &first).await,
        "duplicate_absorbed",
    );
    assert!(
        township_sees.to_string().contains(&elsewhere_number),
        "{township_sees}"
    );
    // The grid worker who reported the duplicate follows the dispute as the case kept.
    let merged_told = told(&grid3, &server, NoticeKind::Merged).await;
    assert_eq!(merged_told, vec![first_number.clone()]);
    assert_eq!(case_view(&grid3, &server, &first).await["id"], json!(first));
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_linked_duplicate_counts_once() {
    on_every_backend!(a_linked_duplicate_counts_once_on);
}
