//! Disputes and operations as tests write them, and the API calls every test makes.

use super::TestServer;
use domain::dispute::{DisputeFacts, Party, PartyKind, PartyRole};
use domain::notices::InboxView;
use domain::sync::{PullResponse, PushResponse, Settled};
use serde_json::{json, Value};

/// A dispute with one applicant, clear facts and no flags.
pub fn dispute(category: &str, yuan: Option<i64>, people: u32, summary: &str) -> DisputeFacts {
    DisputeFacts {
        category: category.into(),
        summary: summary.into(),
        parties: vec![Party {
            name: "李四".into(),
            role: PartyRole::Applicant,
            kind: PartyKind::Person,
            phone: Some("13812345678".into()),
            id_number: None,
        }],
        amount_fen: yuan.map(|y| y * 100),
        people_involved: people,
        location: "樟树潭社区3幢".into(),
        gps: None,
        facts_clear: true,
        sensitive: false,
        petition_risk: false,
        resolved_on_spot: None,
        consent_to_transfer: false,
        source: domain::dispute::Source::GridPatrol,
    }
}

/// A `record_dispute` operation for a new case.
pub fn record_op(facts: &DisputeFacts) -> Value {
    json!({
        "id": uuid::Uuid::now_v7().to_string(),
        "case_id": uuid::Uuid::now_v7().to_string(),
        "client_time": server::db::now_ms(),
        "kind": "record_dispute",
        "payload": facts,
    })
}

/// An action on an existing case (`acknowledge`, `escalate`, `resolve`, `record_session`).
pub fn action_op(case_id: &str, kind: &str, payload: Value) -> Value {
    json!({
        "id": uuid::Uuid::now_v7().to_string(),
        "case_id": case_id,
        "client_time": server::db::now_ms(),
        "kind": kind,
        "payload": payload,
    })
}

/// Pushes a raw request body.
pub async fn push_raw(
    device: &reqwest::Client,
    server: &TestServer,
    body: Value,
) -> reqwest::Response {
    device
        .post(server.url("/api/v1/sync/push"))
        .json(&body)
        .send()
        .await
        .expect("push")
}

/// Pushes `ops` as one batch and expects a 200 answer.
pub async fn push(device: &reqwest::Client, server: &TestServer, ops: &[Value]) -> PushResponse {
    let resp = push_raw(
        device,
        server,
        json!({ "protocol": 1, "device_id": "test-device", "ops": ops }),
    )
    .await;
    assert_eq!(resp.status(), 200, "{}", resp.text().await.unwrap());
    resp.json().await.unwrap()
}

/// The settled outcome of a one-operation push.
pub fn settled(answer: &PushResponse) -> Settled {
    answer.results[0].outcome.settled()
}

pub async fn pull(
    device: &reqwest::Client,
    server: &TestServer,
    cursor: i64,
    limit: i64,
) -> PullResponse {
    pull_from(device, &server.base, cursor, limit).await
}

/// One page of the pull from the server at `base` (a test's own server process, too).
pub async fn pull_from(
    device: &reqwest::Client,
    base: &str,
    cursor: i64,
    limit: i64,
) -> PullResponse {
    device
        .get(format!(
            "{base}/api/v1/sync/pull?cursor={cursor}&limit={limit}"
        ))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

/// Every case the device may see, `limit` a page, and how many pages that took.
pub async fn pull_all(
    device: &reqwest::Client,
    base: &str,
    limit: i64,
) -> (Vec<domain::sync::CaseSummary>, usize) {
    let (mut cursor, mut cases, mut pages) = (0, Vec::new(), 0);
    loop {
        let page = pull_from(device, base, cursor, limit).await;
        pages += 1;
        cases.extend(page.cases);
        cursor = page.next_cursor;
        if !page.more {
            return (cases, pages);
        }
    }
}

pub async fn inbox(device: &reqwest::Client, server: &TestServer) -> InboxView {
    device
        .get(server.url("/api/v1/inbox"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

/// A case as its page reads it (`/api/case`), for a person who may see it.
pub async fn case_view(device: &reqwest::Client, server: &TestServer, id: &str) -> Value {
    let resp = device
        .post(server.url("/api/case"))
        .form(&[("id", id)])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    resp.json().await.unwrap()
}
