//! The sync protocol under faults: duplicates, reordering, two devices, bad operations, a server
//! killed mid-batch, and a long catch-up. Every recorded dispute arrives exactly once.

mod common;

use common::cases::{dispute, pull, pull_all, push, push_raw, record_op};
use common::{TestDb, TestServer};
use domain::dispute::DisputeFacts;
use domain::problem::Problem;
use domain::sync::{OpOutcome, PullResponse, Rejection, Settled, MAX_BATCH_OPS};
use serde_json::{json, Value};

fn facts(summary: &str) -> DisputeFacts {
    dispute("neighbourhood", None, 2, summary)
}

fn ops(n: usize, label: &str) -> Vec<Value> {
    (0..n)
        .map(|i| record_op(&facts(&format!("{label} 第{i}起"))))
        .collect()
}

fn case_number(outcome: &OpOutcome) -> String {
    match outcome.settled() {
        Settled::Applied { case_number } => case_number,
        other => panic!("expected applied, got {other:?}"),
    }
}

async fn duplicate_delivery_applies_once_and_repeats_the_answer(db: TestDb) {
    let server = TestServer::start(db).await;
    let phone = server.signed_in("grid").await;
    let batch = ops(3, "重复投递");
    let first = push(&phone, &server, &batch).await;
    let second = push(&phone, &server, &batch).await;
    for (a, b) in first.results.iter().zip(&second.results) {
        assert!(matches!(a.outcome, OpOutcome::Applied { .. }));
        assert!(matches!(b.outcome, OpOutcome::Duplicate { .. }));
        assert_eq!(case_number(&a.outcome), case_number(&b.outcome));
    }
    let numbers: Vec<String> = first
        .results
        .iter()
        .map(|r| case_number(&r.outcome))
        .collect();
    assert!(numbers[0].starts_with("330803-20"), "{numbers:?}");
    // The same operation twice within one batch: the second is the first's duplicate.
    let twice = ops(1, "同批重复");
    let answer = push(&phone, &server, &[twice[0].clone(), twice[0].clone()]).await;
    assert!(matches!(
        answer.results[0].outcome,
        OpOutcome::Applied { .. }
    ));
    assert!(matches!(
        answer.results[1].outcome,
        OpOutcome::Duplicate { .. }
    ));
    let (cases, _) = pull_all(&phone, &server.base, 50).await;
    assert_eq!(cases.len(), 4);
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn duplicate_delivery() {
    on_every_backend!(duplicate_delivery_applies_once_and_repeats_the_answer);
}

async fn reordered_batches_each_apply_exactly_once(db: TestDb) {
    let server = TestServer::start(db).await;
    let phone = server.signed_in("grid").await;
    let all = ops(5, "乱序");
    push(&phone, &server, &all[3..]).await;
    push(&phone, &server, &all[..3]).await;
    let mut reversed = all.clone();
    reversed.reverse();
    let again = push(&phone, &server, &reversed).await;
    assert!(again
        .results
        .iter()
        .all(|r| matches!(r.outcome, OpOutcome::Duplicate { .. })));
    let (cases, _) = pull_all(&phone, &server.base, 50).await;
    assert_eq!(cases.len(), 5);
    let mut numbers: Vec<&str> = cases.iter().map(|c| c.number.as_str()).collect();
    numbers.sort();
    numbers.dedup();
    assert_eq!(numbers.len(), 5, "numbers are unique");
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reordered_batches() {
    on_every_backend!(reordered_batches_each_apply_exactly_once);
}

async fn the_same_operation_from_two_devices_lands_once(db: TestDb) {
    let server = TestServer::start(db).await;
    let phone = server.signed_in("grid").await;
    let tablet = server.signed_in("grid").await;
    let batch = ops(20, "两台设备");
    let (a, b) = tokio::join!(
        push(&phone, &server, &batch),
        push(&tablet, &server, &batch)
    );
    for (x, y) in a.results.iter().zip(&b.results) {
        let applied = [x, y]
            .iter()
            .filter(|r| matches!(r.outcome, OpOutcome::Applied { .. }))
            .count();
        assert_eq!(applied, 1, "exactly one device applied {:?}", x.id);
        assert_eq!(case_number(&x.outcome), case_number(&y.outcome));
    }
    let (cases, _) = pull_all(&phone, &server.base, 100).await;
    assert_eq!(cases.len(), 20);
    // Another user cannot replay somebody's operation id to learn or change anything.
    let other = server.signed_in("grid2").await;
    let stolen = push(&other, &server, &batch[..1]).await;
    assert_eq!(
        stolen.results[0].outcome,
        OpOutcome::Rejected {
            reason: Rejection::IdTaken
        }
    );
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn same_operation_from_two_devices() {
    on_every_backend!(the_same_operation_from_two_devices_lands_once);
}

async fn a_rejected_operation_never_blocks_the_rest(db: TestDb) {
    let server = TestServer::start(db).await;
    let phone = server.signed_in("grid").await;
    let good = record_op(&facts("正常的一起"));
    let mut empty_summary = facts("");
    empty_summary.parties[0].phone = Some("123".into());
    let invalid = record_op(&empty_summary);
    let mut unknown_kind = record_op(&facts("未知类型"));
    unknown_kind["kind"] = json!("teleport_case");
    let mut wrong_type = record_op(&facts("类型错误"));
    wrong_type["payload"]["people_involved"] = json!("两个人");
    let also_good = record_op(&facts("正常的另一起"));
    let batch = vec![
        good,
        invalid.clone(),
        unknown_kind,
        wrong_type,
        json!({"no": "id"}),
        also_good,
    ];
    let answer = push(&phone, &server, &batch).await;
    let outcomes: Vec<&OpOutcome> = answer.results.iter().map(|r| &r.outcome).collect();
    assert!(matches!(outcomes[0], OpOutcome::Applied { .. }));
    match outcomes[1] {
        OpOutcome::Rejected {
            reason: Rejection::Invalid { problems },
        } => {
            let fields: Vec<(&str, Problem)> = problems
                .iter()
                .map(|p| (p.field.as_str(), p.problem))
                .collect();
            assert_eq!(
                fields,
                vec![
                    ("summary", Problem::Required),
                    ("parties[0].phone", Problem::BadFormat)
                ]
            );
        }
        other => panic!("{other:?}"),
    }
    assert!(
        matches!(outcomes[2], OpOutcome::Rejected { reason: Rejection::Malformed { field, .. } } if field == "kind")
    );
    match outcomes[3] {
        OpOutcome::Rejected {
            reason: Rejection::Malformed { field, .. },
        } => assert_eq!(field, "payload.people_involved"),
        other => panic!("{other:?}"),
    }
    assert!(
        matches!(outcomes[4], OpOutcome::Rejected { reason: Rejection::Malformed { field, .. } } if field == "id")
    );
    assert!(matches!(outcomes[5], OpOutcome::Applied { .. }));
    // A rejection is remembered too: resending it gets the same answer, not a second effect.
    let again = push(&phone, &server, &[invalid]).await;
    assert!(matches!(
        again.results[0].outcome.settled(),
        Settled::Rejected {
            reason: Rejection::Invalid { .. }
        }
    ));
    let (cases, _) = pull_all(&phone, &server.base, 50).await;
    assert_eq!(cases.len(), 2);

    // A village's window records what came to it, saying how (一窗受理: tests/window_intake.rs);
    // an administrator records nothing.
    let cadre = server.signed_in("village").await;
    let unsaid = push(&cadre, &server, &[record_op(&facts("村干部代录"))]).await;
    assert!(matches!(
        unsaid.results[0].outcome.settled(),
        Settled::Rejected {
            reason: Rejection::Invalid { .. }
        }
    ));
    let admin = server.signed_in("admin").await;
    let refused = push(&admin, &server, &[record_op(&facts("管理员代录"))]).await;
    assert_eq!(
        refused.results[0].outcome,
        OpOutcome::Rejected {
            reason: Rejection::NotAllowed
        }
    );
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_rejected_operation_and_the_others_apply() {
    on_every_backend!(a_rejected_operation_never_blocks_the_rest);
}

async fn bad_requests_are_400_or_413_and_name_the_field(db: TestDb) {
    let server = TestServer::start(db).await;
    let phone = server.signed_in("grid").await;
    let resp = phone
        .post(server.url("/api/v1/sync/push"))
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 400);
    // Text a page of another site could post without asking: refused by its type.
    let resp = phone
        .post(server.url("/api/v1/sync/push"))
        .header("content-type", "text/plain")
        .body(r#"{"protocol": 1, "device_id": "x", "ops": []}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 415);
    let resp = push_raw(
        &phone,
        &server,
        json!({ "protocol": "one", "device_id": "x", "ops": [] }),
    )
    .await;
    assert_eq!(resp.status(), 400);
    let body: domain::sync::ApiErrorBody = resp.json().await.unwrap();
    assert_eq!(body.field.as_deref(), Some("protocol"));
    let resp = push_raw(
        &phone,
        &server,
        json!({ "protocol": 2, "device_id": "x", "ops": [] }),
    )
    .await;
    assert_eq!(resp.status(), 400);
    assert!(resp.text().await.unwrap().contains("请更新应用"));
    let resp = push_raw(
        &phone,
        &server,
        json!({ "protocol": 1, "device_id": "x", "ops": ops(MAX_BATCH_OPS + 1, "超量") }),
    )
    .await;
    assert_eq!(resp.status(), 413);
    let huge = facts(&"很长的描述".repeat(80_000));
    let resp = push_raw(
        &phone,
        &server,
        json!({ "protocol": 1, "device_id": "x", "ops": [record_op(&huge)] }),
    )
    .await;
    assert_eq!(resp.status(), 413);
    assert!(resp.text().await.unwrap().contains("分批同步"));
    let resp = phone
        .get(server.url("/api/v1/sync/pull?cursor=abc"))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 400);
    let anonymous = server.device();
    let resp = push_raw(
        &anonymous,
        &server,
        json!({ "protocol": 1, "device_id": "x", "ops": [] }),
    )
    .await;
    assert_eq!(resp.status(), 401);
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_requests_are_refused_clearly() {
    on_every_backend!(bad_requests_are_400_or_413_and_name_the_field);
}

async fn a_thousand_disputes_sync_in_batches_and_catch_up_in_pages(db: TestDb) {
    let server = TestServer::start(db).await;
    let phone = server.signed_in("grid").await;
    let all = ops(1000, "积压");
    for batch in all.chunks(MAX_BATCH_OPS) {
        let answer = push(&phone, &server, batch).await;
        assert!(answer
            .results
            .iter()
            .all(|r| matches!(r.outcome, OpOutcome::Applied { .. })));
    }
    // A second phone of the same grid worker, offline for a month, catches up page by page.
    let old_phone = server.signed_in("grid").await;
    let (cases, pages) = pull_all(&old_phone, &server.base, 200).await;
    assert_eq!(cases.len(), 1000);
    assert_eq!(pages, 5);
    let mut ids: Vec<&str> = cases.iter().map(|c| c.id.as_str()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 1000);

    // What a unit holds is seen up the tree, never by a sibling's staff.
    let (village_sees, _) = pull_all(&server.signed_in("village").await, &server.base, 500).await;
    assert_eq!(village_sees.len(), 1000);
    let (other_grid_sees, _) = pull_all(&server.signed_in("grid3").await, &server.base, 500).await;
    assert_eq!(other_grid_sees.len(), 0);
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn thousand_operation_catch_up() {
    on_every_backend!(a_thousand_disputes_sync_in_batches_and_catch_up_in_pages);
}

async fn sensitive_cases_are_seen_by_their_recorder_only(db: TestDb) {
    let server = TestServer::start(db).await;
    let phone = server.signed_in("grid").await;
    let mut secret = facts("涉敏感人员的纠纷");
    secret.sensitive = true;
    push(
        &phone,
        &server,
        &[record_op(&secret), record_op(&facts("普通纠纷"))],
    )
    .await;
    assert_eq!(pull_all(&phone, &server.base, 50).await.0.len(), 2);
    let (cadre_sees, _) = pull_all(&server.signed_in("village").await, &server.base, 50).await;
    assert_eq!(cadre_sees.len(), 1);
    assert_eq!(cadre_sees[0].summary, "普通纠纷");
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sensitive_cases_stay_with_their_recorder() {
    on_every_backend!(sensitive_cases_are_seen_by_their_recorder_only);
}

/// Admins rename, add and retire categories; phones learn the list by pull. A dispute recorded
/// with a category retired since (the phone had the older list) is still accepted; a code the
/// deployment never had is refused, naming the field; only admins change the list.
async fn categories_are_kept_by_admins_and_old_lists_still_sync(db: TestDb) {
    let server = TestServer::start(db).await;
    let admin = server.signed_in("admin").await;
    let save = |code: &'static str, zh: &'static str, en: &'static str| {
        let (admin, url) = (admin.clone(), server.url("/api/admin/categories/save"));
        async move {
            admin
                .post(url)
                .form(&[("code", code), ("name_zh", zh), ("name_en", en)])
                .send()
                .await
                .unwrap()
        }
    };
    let added = save("elderly_care", "养老服务纠纷", "Elderly care").await;
    assert_eq!(added.status(), 200, "{}", added.text().await.unwrap());
    let renamed = save("neighbourhood", "邻里矛盾", "Neighbours").await;
    assert_eq!(renamed.status(), 200);
    let bad = save("Bad Code", "坏", "bad").await;
    assert_eq!(bad.status(), 422);
    assert!(bad.text().await.unwrap().contains("code"));
    let retired = admin
        .post(server.url("/api/admin/categories/retire"))
        .form(&[("code", "neighbourhood"), ("retired", "true")])
        .send()
        .await
        .unwrap();
    assert_eq!(retired.status(), 200, "{}", retired.text().await.unwrap());
    let grid_tries = server
        .signed_in("grid")
        .await
        .post(server.url("/api/admin/categories/save"))
        .form(&[("code", "x_y"), ("name_zh", "某"), ("name_en", "x")])
        .send()
        .await
        .unwrap();
    assert_eq!(grid_tries.status(), 403);

    // The phone still had "neighbourhood" in its list: accepted. "gossip" never existed.
    let phone = server.signed_in("grid").await;
    let mut unknown = facts("不存在的类别");
    unknown.category = "gossip".into();
    let mut added_one = facts("新类别的纠纷");
    added_one.category = "elderly_care".into();
    let batch = [
        record_op(&facts("旧清单上的类别")),
        record_op(&unknown),
        record_op(&added_one),
    ];
    let answer = push(&phone, &server, &batch).await;
    let settled: Vec<Settled> = answer.results.iter().map(|r| r.outcome.settled()).collect();
    assert!(matches!(settled[0], Settled::Applied { .. }), "{settled:?}");
    assert!(
        matches!(&settled[1], Settled::Rejected { reason: Rejection::Invalid { problems } }
            if problems[0].field == "category" && problems[0].problem == Problem::UnknownValue),
        "{settled:?}"
    );
    assert!(matches!(settled[2], Settled::Applied { .. }), "{settled:?}");

    let page = pull(&phone, &server, 0, 10).await;
    let find = |code: &str| page.categories.iter().find(|c| c.code == code).cloned();
    let neighbourhood = find("neighbourhood").expect("retired categories are still listed");
    assert!(neighbourhood.retired);
    assert_eq!(neighbourhood.name_zh, "邻里矛盾");
    assert!(!find("elderly_care").expect("the new category").retired);
    assert_eq!(page.categories.len(), 16);

    // A phone that holds this version is not sent the list again, until an admin changes it.
    let version = page.categories_version.clone().expect("a version");
    let pull_holding = |version: String| {
        let (phone, url) = (
            phone.clone(),
            server.url(&format!(
                "/api/v1/sync/pull?cursor=0&limit=10&categories_version={version}"
            )),
        );
        async move {
            let page: PullResponse = phone.get(url).send().await.unwrap().json().await.unwrap();
            page
        }
    };
    let again = pull_holding(version.clone()).await;
    assert!(again.categories.is_empty(), "unchanged: not resent");
    assert_eq!(again.categories_version.as_deref(), Some(version.as_str()));
    assert_eq!(
        save("school_safety", "校园安全纠纷", "School safety")
            .await
            .status(),
        200
    );
    let changed = pull_holding(version.clone()).await;
    assert_eq!(changed.categories.len(), 17, "changed: sent whole");
    assert_ne!(changed.categories_version, Some(version));
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn categories_kept_by_admins() {
    on_every_backend!(categories_are_kept_by_admins_and_old_lists_still_sync);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_openapi_document_describes_push_and_pull() {
    let server = TestServer::start(TestDb::Sqlite).await;
    let doc: Value = reqwest::get(server.url("/api/v1/openapi.json"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        doc["openapi"].as_str().map(|v| v.starts_with("3.")),
        Some(true)
    );
    for path in ["/api/v1/sync/push", "/api/v1/sync/pull"] {
        assert!(doc["paths"][path].is_object(), "{path} missing");
    }
    for schema in [
        "PushRequest",
        "PushResponse",
        "OpOutcome",
        "Rejection",
        "DisputeFacts",
        "PullResponse",
    ] {
        assert!(
            doc["components"]["schemas"][schema].is_object(),
            "{schema} missing"
        );
    }
    server.stop().await;
}

/// The device keeps the details of the cases it holds or recorded, to open them offline: the
/// details come as each case's page shows them to the reader, a case the reader may not see is
/// left out exactly as one that does not exist, and a request is bounded.
async fn case_details_are_what_the_reader_may_see(db: TestDb) {
    let server = TestServer::start(db).await;
    let phone = server.signed_in("grid").await;
    push(
        &phone,
        &server,
        &[
            record_op(&facts("院墙排水沟堵塞")),
            record_op(&facts("楼道堆物")),
        ],
    )
    .await;
    let (cases, _) = pull_all(&phone, &server.base, 50).await;
    let ids: Vec<String> = cases.iter().map(|c| c.id.clone()).collect();
    let details = |device: reqwest::Client, ids: String| {
        let url = server.url(&format!("/api/v1/sync/cases?ids={ids}"));
        async move { device.get(url).send().await.expect("details request") }
    };
    let asked = format!("{},{},no-such-case", ids[0], ids[1]);
    let cadre = server.signed_in("village").await;
    let resp = details(cadre.clone(), asked.clone()).await;
    assert_eq!(resp.status(), 200);
    let views: Vec<app::api::cases::CaseView> = resp.json().await.unwrap();
    let mut summaries: Vec<&str> = views.iter().map(|v| v.facts.summary.as_str()).collect();
    summaries.sort();
    assert_eq!(summaries, vec!["楼道堆物", "院墙排水沟堵塞"]);
    assert!(
        views.iter().all(|v| v.standing.lead && !v.may.is_empty()),
        "the holder's details carry what it may do, to work the case offline"
    );
    // Another township's grid worker sees neither, and cannot tell them from a missing case.
    let stranger = server.signed_in("grid3").await;
    let resp = details(stranger, asked).await;
    assert_eq!(resp.status(), 200);
    assert_eq!(resp.json::<Vec<Value>>().await.unwrap().len(), 0);
    let too_many = vec!["x"; domain::sync::MAX_CASE_DETAILS + 1].join(",");
    let resp = details(cadre, too_many).await;
    assert_eq!(resp.status(), 400);
    assert_eq!(resp.json::<Value>().await.unwrap()["field"], "ids");
    let resp = details(server.device(), ids[0].clone()).await;
    assert_eq!(resp.status(), 401);
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn case_details_for_offline_use() {
    on_every_backend!(case_details_are_what_the_reader_may_see);
}

/// Acting on a case you may not see answers exactly as acting on one that does not exist: no
/// holder's name, nothing that confirms the case is there (issue 14).
async fn a_case_you_may_not_see_answers_as_unknown(db: TestDb) {
    let server = TestServer::start(db).await;
    let phone = server.signed_in("grid").await;
    let op = record_op(&dispute("neighbourhood", None, 2, "邻居噪音纠纷"));
    let case_id = op["case_id"].as_str().unwrap().to_owned();
    let answer = push(&phone, &server, &[op]).await;
    assert!(matches!(
        common::cases::settled(&answer),
        Settled::Applied { .. }
    ));
    let nowhere = uuid::Uuid::now_v7().to_string();
    // A grid of another village, of another township, and the other grid of the same village.
    for who in ["grid3", "grid5", "grid2"] {
        let stranger = server.signed_in(who).await;
        for id in [case_id.as_str(), nowhere.as_str()] {
            let op = common::cases::action_op(id, "acknowledge", json!({}));
            let answer = push(&stranger, &server, &[op]).await;
            assert_eq!(
                common::cases::settled(&answer),
                Settled::Rejected {
                    reason: Rejection::UnknownCase
                },
                "{who} on {id}"
            );
        }
    }
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn acting_on_an_unseen_case_reveals_nothing() {
    on_every_backend!(a_case_you_may_not_see_answers_as_unknown);
}
