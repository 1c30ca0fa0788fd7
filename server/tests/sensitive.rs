//! Sensitive cases (涉敏感, seed 001; issue 14): routed by the rule file to the township's 综治中心
//! with its superior informed; worked there by a user an administrator granted the permission;
//! seen by its recorder; and told to everyone else — inboxes, group robots, lists, registers,
//! pulls, the case page — without its summary, parties or place. Every read is audited.

mod common;

use common::cases::{case_view, dispute, inbox, pull, push, record_op, settled};
use common::steps::{applied, lookup, status, step, unit_of};
use common::{TestDb, TestServer};
use domain::sync::{Rejection, Settled};
use serde_json::{json, Value};
use sqlx::Row;

const SUMMARY: &str = "某局干部家属宅基地纠纷（涉敏感）";
const PLACE: &str = "樟潭街道某保密小区九幢";
const PARTY: &str = "欧阳敏感";
const PHONE: &str = "13912345678";

fn sensitive_dispute() -> domain::dispute::DisputeFacts {
    let mut facts = dispute("neighbourhood", None, 2, SUMMARY);
    facts.sensitive = true;
    facts.location = PLACE.into();
    facts.parties[0].name = PARTY.into();
    facts.parties[0].phone = Some(PHONE.into());
    facts
}

/// An administrator's change to an account (`/api/admin/accounts/change`).
async fn change_account(
    server: &TestServer,
    admin: &reqwest::Client,
    username: &str,
    change: &str,
) {
    let id: i64 = lookup(
        server,
        "SELECT id AS v FROM users WHERE username = $1",
        username,
    )
    .await;
    let answer = admin
        .post(server.url("/api/admin/accounts/change"))
        .form(&[("user_id", id.to_string()), ("change", change.to_owned())])
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 200, "{}", answer.text().await.unwrap());
}

/// Everything a person's answers carry that could name the case: their inbox, their pull, their
/// 办案 list, their backlog register, the case page and its chain check.
async fn everything_seen_by(
    server: &TestServer,
    person: &reqwest::Client,
    case_id: &str,
) -> String {
    let mut bodies = Vec::new();
    for (path, form) in [
        (
            "/api/work",
            vec![("stage", ""), ("category", ""), ("due", "")],
        ),
        ("/api/backlog", vec![]),
        ("/api/inbox", vec![]),
        ("/api/case", vec![("id", case_id)]),
    ] {
        let answer = person
            .post(server.url(path))
            .form(&form)
            .send()
            .await
            .unwrap();
        bodies.push(answer.text().await.unwrap());
    }
    for path in [
        "/api/v1/inbox".to_owned(),
        "/api/v1/sync/pull?cursor=0&limit=500".to_owned(),
        format!("/api/v1/cases/{case_id}/verify"),
    ] {
        bodies.push(
            person
                .get(server.url(&path))
                .send()
                .await
                .unwrap()
                .text()
                .await
                .unwrap(),
        );
    }
    bodies.join("\n")
}

/// The administrator's audit-log search by person and action.
async fn audit(server: &TestServer, admin: &reqwest::Client, person: &str, action: &str) -> Value {
    let form = [
        ("person", person),
        ("action", action),
        ("from", ""),
        ("to", ""),
    ];
    let answer = admin
        .post(server.url("/api/admin/audit"))
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 200);
    answer.json().await.unwrap()
}

fn names_the_case(body: &str) -> bool {
    [SUMMARY, PLACE, PARTY, "9123", "某局干部"]
        .iter()
        .any(|secret| body.contains(secret))
}

async fn a_sensitive_case_reaches_only_the_permitted(db: TestDb) {
    let server = TestServer::start(db).await;
    let admin = server.signed_in("admin").await;
    let township_unit = unit_of(&server, "township").await;
    let county_unit = unit_of(&server, "county").await;
    // A colleague at the same 综治中心 without the permission, and group robots at the
    // township and the county.
    let added = admin
        .post(server.url("/api/admin/users"))
        .form(&[
            ("username", "township2"),
            ("display_name", "钱同事"),
            ("role", "staff"),
            ("unit_id", &township_unit.to_string()),
            ("password", server::people::seed::DEMO_PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(added.status(), 200, "{}", added.text().await.unwrap());
    for unit in [township_unit, county_unit] {
        let hook = admin
            .post(server.url("/api/admin/webhooks/add"))
            .form(&[
                ("unit_id", unit.to_string()),
                ("format", "dingtalk".into()),
                ("url", "http://127.0.0.1:9/robot".into()),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(hook.status(), 200);
    }
    change_account(&server, &admin, "township", "grant_sensitive").await;

    // Recorded by the grid worker: the rule file sends it to the township, the county told.
    let phone = server.signed_in("grid").await;
    let op = record_op(&sensitive_dispute());
    let case_id = op["case_id"].as_str().unwrap().to_owned();
    assert!(matches!(
        settled(&push(&phone, &server, &[op]).await),
        Settled::Applied { .. }
    ));
    assert_eq!(status(&server, &case_id).await, "routed");
    let holder: i64 = lookup(
        &server,
        "SELECT holder_unit_id AS v FROM cases WHERE id = $1",
        &case_id,
    )
    .await;
    assert_eq!(holder, township_unit);

    // Nobody else reads a word of it — and those who must be told are told it exists.
    for outsider in [
        "township2",
        "county",
        "supervisor",
        "village",
        "grid2",
        "city",
        "admin",
    ] {
        let person = server.signed_in(outsider).await;
        let seen = everything_seen_by(&server, &person, &case_id).await;
        assert!(!names_the_case(&seen), "{outsider} saw: {seen}");
        let refused = step(&server, &person, &case_id, "acknowledge", json!({})).await;
        assert_eq!(
            refused,
            Settled::Rejected {
                reason: Rejection::UnknownCase
            },
            "{outsider}"
        );
    }
    for told in ["township2", "county"] {
        let notices = inbox(&server.signed_in(told).await, &server).await;
        let notice = notices
            .items
            .iter()
            .find(|n| n.restricted)
            .unwrap_or_else(|| panic!("{told}: {notices:?}"));
        assert_eq!(notice.case_id, None);
        assert_eq!(
            notice.detail.as_deref(),
            Some("樟潭街道"),
            "{told}: the notice names the holder"
        );
    }
    let db = server::db::Db::connect(&server.database_url).await.unwrap();
    let payloads: Vec<String> = sqlx::query("SELECT payload FROM webhook_deliveries")
        .fetch_all(&db.pool)
        .await
        .unwrap()
        .iter()
        .map(|row| row.get("payload"))
        .collect();
    assert_eq!(
        payloads.len(),
        2,
        "the township's and the county's robots: {payloads:?}"
    );
    for payload in &payloads {
        assert!(!names_the_case(payload), "{payload}");
        assert!(payload.contains("一件涉敏感纠纷"), "{payload}");
    }

    // The permitted township user is told in full, opens it with the numbers whole, and works
    // it through to an agreement.
    let township = server.signed_in("township").await;
    let told = inbox(&township, &server).await;
    assert!(told
        .items
        .iter()
        .any(|n| n.summary.as_deref() == Some(SUMMARY) && !n.restricted));
    let page = case_view(&township, &server, &case_id).await;
    assert_eq!(page["facts"]["parties"][0]["phone"], PHONE);
    assert_eq!(page["personal_data_whole"], true);
    let today = domain::clock::Day::of_unix_ms(server::db::now_ms());
    for (kind, payload) in [
        ("acknowledge", json!({})),
        ("accept", json!({})),
        (
            "record_agreement",
            json!({ "terms": "双方划定界址", "signed_on": today, "perform_by": today.plus(10) }),
        ),
    ] {
        applied(&server, &township, &case_id, kind, payload).await;
    }
    assert_eq!(status(&server, &case_id).await, "agreed");
    // Still nothing for the colleague without the permission, after all those steps.
    let seen = everything_seen_by(&server, &server.signed_in("township2").await, &case_id).await;
    assert!(!names_the_case(&seen), "{seen}");

    // The recorder still sees it, on the page and in the pull.
    let pulled = pull(&phone, &server, 0, 500).await;
    assert!(pulled
        .cases
        .iter()
        .any(|c| c.id == case_id && c.summary == SUMMARY));
    let own = case_view(&phone, &server, &case_id).await;
    assert_eq!(own["facts"]["summary"], SUMMARY);

    // Each read is in the audit log: who, which case, where.
    let reads: Vec<(String, String, String)> = sqlx::query(
        "SELECT u.username, a.action, a.detail FROM audit_log a JOIN users u ON u.id = a.actor_id
         WHERE a.case_id = $1 ORDER BY a.id",
    )
    .bind(&case_id)
    .fetch_all(&db.pool)
    .await
    .unwrap()
    .iter()
    .map(|r| (r.get("username"), r.get("action"), r.get("detail")))
    .collect();
    let has = |who: &str, action: &str, via: &str| {
        reads
            .iter()
            .any(|(u, a, d)| u == who && a == action && d == via)
    };
    assert!(
        has("township", "sensitive_case_read", "case_page"),
        "{reads:?}"
    );
    assert!(
        has("township", "personal_data_read", "case_page"),
        "{reads:?}"
    );
    assert!(has("grid", "sensitive_case_read", "pull"), "{reads:?}");
    assert!(has("grid", "sensitive_case_read", "case_page"), "{reads:?}");
    assert!(!reads.iter().any(|(u, _, _)| u == "township2"), "{reads:?}");

    // The administrator finds those reads — without the case's number, which they may not see.
    let lines = audit(&server, &admin, "张伟", "sensitive_case_read").await;
    let lines = lines.as_array().unwrap();
    assert!(!lines.is_empty());
    assert!(lines
        .iter()
        .all(|l| l["action"] == "sensitive_case_read" && l["case_number"].is_null()));
    let granted = audit(&server, &admin, "township", "sensitive_granted").await;
    assert_eq!(granted.as_array().unwrap().len(), 1, "{granted}");
    assert_eq!(granted[0]["actor"], "赵敏（admin）");

    // Revoked, the township user no longer opens it.
    change_account(&server, &admin, "township", "revoke_sensitive").await;
    let closed = township
        .post(server.url("/api/case"))
        .form(&[("id", case_id.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(closed.status(), 404);
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sensitive_cases_reach_only_the_permitted() {
    on_every_backend!(a_sensitive_case_reaches_only_the_permitted);
}
