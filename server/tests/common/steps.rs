//! Steps on a case as tests take them through the sync API, and straight reads of the database.

use super::cases::{action_op, dispute, push, record_op, settled};
use super::TestServer;
use domain::dispute::{DisputeFacts, Party, PartyKind, PartyRole};
use domain::sync::Settled;
use serde_json::Value;
use sqlx::{Connection, Row};

/// Two parties: 李四 (the demo's 周建国 must withdraw for him) and 王五.
pub fn two_party_dispute(summary: &str) -> DisputeFacts {
    let mut facts = dispute("neighbourhood", None, 2, summary);
    facts.parties.push(Party {
        name: "王五".into(),
        role: PartyRole::Respondent,
        kind: PartyKind::Person,
        phone: None,
        id_number: None,
    });
    facts
}

pub async fn record(server: &TestServer, phone: &reqwest::Client, summary: &str) -> String {
    let op = record_op(&two_party_dispute(summary));
    let case_id = op["case_id"].as_str().unwrap().to_owned();
    let answer = push(phone, server, &[op]).await;
    assert!(
        matches!(settled(&answer), Settled::Applied { .. }),
        "{answer:?}"
    );
    case_id
}

/// Pushes one step and returns what became of it.
pub async fn step(
    server: &TestServer,
    device: &reqwest::Client,
    case_id: &str,
    kind: &str,
    payload: Value,
) -> Settled {
    settled(&push(device, server, &[action_op(case_id, kind, payload)]).await)
}

pub async fn applied(
    server: &TestServer,
    device: &reqwest::Client,
    case_id: &str,
    kind: &str,
    payload: Value,
) {
    let outcome = step(server, device, case_id, kind, payload).await;
    assert!(
        matches!(outcome, Settled::Applied { .. }),
        "{kind}: {outcome:?}"
    );
}

/// The column `v` of the one row a query with one text parameter finds, read straight from the
/// database.
pub async fn lookup<T>(server: &TestServer, sql: &str, param: &str) -> T
where
    T: for<'r> sqlx::Decode<'r, sqlx::Any> + sqlx::Type<sqlx::Any>,
{
    let mut conn = sqlx::AnyConnection::connect(&server.database_url)
        .await
        .unwrap();
    sqlx::query(sql)
        .bind(param)
        .fetch_one(&mut conn)
        .await
        .unwrap()
        .try_get("v")
        .unwrap()
}

pub async fn status(server: &TestServer, case_id: &str) -> String {
    lookup(
        server,
        "SELECT status AS v FROM cases WHERE id = $1",
        case_id,
    )
    .await
}

/// The unit a demo user belongs to.
pub async fn unit_of(server: &TestServer, username: &str) -> i64 {
    lookup(
        server,
        "SELECT unit_id AS v FROM users WHERE username = $1",
        username,
    )
    .await
}

/// What `GET /api/v1/cases/{id}/verify` says of a case's event chain.
pub async fn verify(device: &reqwest::Client, server: &TestServer, case_id: &str) -> Value {
    let resp = device
        .get(server.url(&format!("/api/v1/cases/{case_id}/verify")))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    resp.json().await.unwrap()
}

/// The deployment's rules (the built-in file) and a handle on the test server's database, as
/// the scheduler's sweep takes them.
pub async fn rules_and_db(
    server: &TestServer,
) -> (std::sync::Arc<domain::rules::RuleSet>, server::db::Db) {
    let rules = server::config::Config::from_env()
        .unwrap()
        .load_rules()
        .unwrap()
        .set;
    let db = server::db::Db::connect(&server.database_url).await.unwrap();
    (rules, db)
}

/// A demo user as the server's handlers receive them, for calling the server's functions
/// directly.
pub async fn reader(server: &TestServer, username: &str) -> domain::session::SessionUser {
    let db = server::db::Db::connect(&server.database_url).await.unwrap();
    let id: i64 = lookup(
        server,
        "SELECT id AS v FROM users WHERE username = $1",
        username,
    )
    .await;
    let token = server::people::auth::sessions::open(&db, id, std::time::Duration::from_secs(60))
        .await
        .unwrap();
    server::people::auth::sessions::lookup(&db, &token)
        .await
        .unwrap()
        .unwrap()
}

/// The id of the demo unit with this name.
/// The unit holding case `case_id` now.
pub async fn holder(server: &TestServer, case_id: &str) -> i64 {
    lookup(
        server,
        "SELECT holder_unit_id AS v FROM cases WHERE id = $1",
        case_id,
    )
    .await
}

pub async fn unit_named(server: &TestServer, name: &str) -> i64 {
    lookup(server, "SELECT id AS v FROM units WHERE name = $1", name).await
}

/// A case's deadline (Unix ms), as the database holds it.
pub async fn deadline_of(server: &TestServer, case_id: &str) -> i64 {
    lookup(
        server,
        "SELECT deadline_at AS v FROM cases WHERE id = $1",
        case_id,
    )
    .await
}

/// The holder transfers the case (移送) to `to`, both parties of `two_party_dispute` consenting.
pub async fn transfer(
    server: &TestServer,
    holder: &reqwest::Client,
    case_id: &str,
    to: i64,
    reason: &str,
) {
    applied(
        server,
        holder,
        case_id,
        "transfer",
        serde_json::json!({
            "to_unit_id": to, "reason": reason,
            "consents": [{ "party": "李四", "consented": true }, { "party": "王五", "consented": true }],
        }),
    )
    .await;
}

/// Adds a user through the admin page's server function and signs them in.
pub async fn person_at(
    server: &TestServer,
    username: &str,
    role: &str,
    unit: &str,
) -> reqwest::Client {
    let admin = server.signed_in("admin").await;
    let unit_id = unit_named(server, unit).await;
    let added = admin
        .post(server.url("/api/admin/users"))
        .form(&[
            ("username", username),
            ("display_name", username),
            ("role", role),
            ("unit_id", &unit_id.to_string()),
            ("password", server::people::seed::DEMO_PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(added.status(), 200, "{}", added.text().await.unwrap());
    server.signed_in(username).await
}

/// The court entrusts `two_party_dispute(summary)` to the organisation `to`, every party
/// consenting; the new case's id.
pub async fn entrusted(
    server: &TestServer,
    court: &reqwest::Client,
    to: i64,
    summary: &str,
) -> String {
    let facts = two_party_dispute(summary);
    let consents: Vec<Value> = facts
        .parties
        .iter()
        .map(|p| serde_json::json!({ "party": p.name, "consented": true }))
        .collect();
    let op = action_op(
        &uuid::Uuid::now_v7().to_string(),
        "entrust",
        serde_json::json!({
            "facts": facts, "to_unit_id": to, "court_case_number": "(2026)浙0803民初2001号",
            "reason": "委托调解", "consents": consents,
        }),
    );
    let case_id = op["case_id"].as_str().unwrap().to_owned();
    let answer = push(court, server, &[op]).await;
    assert!(matches!(settled(&answer), Settled::Applied { .. }));
    case_id
}

/// Today in China, as the server counts days.
pub fn today() -> domain::clock::Day {
    domain::clock::Day::of_unix_ms(server::db::now_ms())
}

/// Every row of the kept figures (`unit_figures`) that counts anything, in order, as text: two
/// reads are equal when every unit's sums are (a row left all nought by a case that moved to
/// another month counts nothing).
pub async fn kept_figures(db: &server::db::Db) -> Vec<String> {
    let sql = format!(
        "SELECT unit_id, month, category, sensitive, {} FROM unit_figures
         ORDER BY unit_id, month, category, sensitive",
        domain::figures::Contribution::NAMES.join(", ")
    );
    let rows = sqlx::query(&sql).fetch_all(&db.pool).await.unwrap();
    rows.iter()
        .filter_map(|r| {
            let mut line = format!(
                "{} {} {} {}",
                r.try_get::<i64, _>("unit_id").unwrap(),
                r.try_get::<String, _>("month").unwrap(),
                r.try_get::<String, _>("category").unwrap(),
                r.try_get::<i64, _>("sensitive").unwrap()
            );
            let counts: Vec<i64> = domain::figures::Contribution::NAMES
                .iter()
                .map(|name| r.try_get::<i64, _>(*name).unwrap())
                .collect();
            for count in &counts {
                line.push_str(&format!(" {count}"));
            }
            counts.iter().any(|c| *c != 0).then_some(line)
        })
        .collect()
}
