//! One access rule, tested as a matrix (issue 14): every route the server answers — the pages
//! (from the Leptos route list), the server functions (from their registry) and the other paths
//! (from `server::served`, the router's own list) — is tried by every role (and by nobody), and
//! every route about one case is tried on a case in the person's subtree, in a sibling village,
//! in another township, in another county, on a sensitive case and on a case that does not
//! exist. Each route has a rule here; a route without one fails the test, so a new route cannot
//! slip in unguarded. A case the person may not see answers exactly as one that does not exist.

mod common;

use common::cases::{dispute, push, record_op, settled};
use common::steps::{lookup, status};
use common::{TestDb, TestServer};
use domain::sync::{Rejection, Settled};
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// Who may pass a route's door.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Gate {
    /// Anyone, signed in or not.
    Public,
    /// Anyone signed in.
    SignedIn,
    Admin,
    Supervisor,
    /// Users of a court (委托).
    Court,
    /// Anyone signed in but a grid worker (closing an early warning).
    NotGridWorker,
    /// Staff and supervisors of a township, county or city (统计).
    Figures,
    /// Whoever records disputes: grid workers and every mediation unit's window, not a court.
    Registering,
    /// About one case: whoever may see it, by the visibility rule.
    Case,
}

/// The personas: every role, and nobody.
const PEOPLE: [&str; 9] = [
    "", // nobody signed in
    "grid",
    "village",
    "township",
    "county",
    "city",
    "supervisor",
    "court",
    "admin",
];

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Position {
    /// Recorded in 樟树潭社区第一网格, held by 樟树潭社区.
    Own,
    /// Held by 沙湾村, the other village of the same township.
    SiblingVillage,
    /// Held by 芝溪村 of 莲花镇.
    OtherTownship,
    /// Held by a village of another county of the city.
    OtherCounty,
    /// Recorded by `grid` with the sensitive flag: held by 樟潭街道, nobody granted the permission.
    Sensitive,
    /// A case id nobody ever recorded.
    Missing,
}

const POSITIONS: [Position; 6] = [
    Position::Own,
    Position::SiblingVillage,
    Position::OtherTownship,
    Position::OtherCounty,
    Position::Sensitive,
    Position::Missing,
];

/// Whether `person` may see a case at `position`: the rule of docs/design.md "Who sees what",
/// written out by hand as the oracle the server is checked against.
fn sees(person: &str, position: Position) -> bool {
    use Position::*;
    match position {
        Own => matches!(
            person,
            "grid" | "village" | "township" | "county" | "city" | "supervisor" | "admin"
        ),
        SiblingVillage => matches!(
            person,
            "township" | "county" | "city" | "supervisor" | "admin"
        ),
        OtherTownship => matches!(person, "county" | "city" | "supervisor" | "admin"),
        OtherCounty => matches!(person, "city" | "admin"),
        // Only its recorder: nobody here holds the permission.
        Sensitive => person == "grid",
        Missing => false,
    }
}

fn gate_lets_in(gate: Gate, person: &str) -> bool {
    match gate {
        Gate::Public => true,
        Gate::SignedIn | Gate::Case => !person.is_empty(),
        Gate::Admin => person == "admin",
        Gate::Supervisor => person == "supervisor",
        Gate::Court => person == "court",
        Gate::NotGridWorker => !person.is_empty() && person != "grid",
        Gate::Figures => matches!(person, "township" | "county" | "city" | "supervisor"),
        Gate::Registering => !matches!(person, "" | "admin" | "court"),
    }
}

/// The rule of each server function, with arguments that pass its parsing and, past the door,
/// change nothing (an unknown id, a field left wrong), so the matrix can run every role.
/// A server function's form fields.
type Form = Vec<(&'static str, &'static str)>;

fn server_function_rules() -> BTreeMap<&'static str, (Gate, Form)> {
    use Gate::*;
    BTreeMap::from([
        ("/api/session/current", (Public, vec![])),
        (
            "/api/session/login",
            (
                Public,
                vec![("username", "nobody"), ("password", "wrong-password")],
            ),
        ),
        ("/api/session/logout", (Public, vec![])),
        (
            "/api/session/password",
            (
                SignedIn,
                vec![
                    ("current", "not-the-password"),
                    ("new_password", "新的密码-2026"),
                    ("repeat", "新的密码-2026"),
                ],
            ),
        ),
        ("/api/home", (SignedIn, vec![])),
        ("/api/inbox", (SignedIn, vec![])),
        ("/api/inbox/read-all", (SignedIn, vec![])),
        (
            "/api/work",
            (SignedIn, vec![("stage", ""), ("category", ""), ("due", "")]),
        ),
        ("/api/work/acceptance", (SignedIn, vec![])),
        // 案件查询 lists a case only to whom may see it: tried at every position.
        ("/api/cases/list", (Case, vec![])),
        ("/api/cases/list/units", (SignedIn, vec![])),
        (
            "/api/dashboard",
            (Figures, vec![("from", "2026-01"), ("to", "2026-12")]),
        ),
        (
            "/api/reports/monthly",
            (Figures, vec![("from", "2026-01"), ("to", "2026-12")]),
        ),
        ("/api/warnings", (SignedIn, vec![])),
        (
            "/api/warnings/close",
            (NotGridWorker, vec![("id", "999999"), ("note", "核查")]),
        ),
        ("/api/sweeps", (SignedIn, vec![("week", "")])),
        ("/api/backlog", (Supervisor, vec![])),
        ("/api/entrust/targets", (Court, vec![])),
        ("/api/admin/overview", (Admin, vec![])),
        (
            "/api/admin/units",
            (
                Admin,
                vec![
                    ("parent_id", "999999"),
                    ("kind", "village"),
                    ("name", "不存在的上级"),
                ],
            ),
        ),
        (
            "/api/admin/users",
            (
                Admin,
                vec![
                    ("username", ""),
                    ("display_name", ""),
                    ("role", "staff"),
                    ("unit_id", "1"),
                    ("password", ""),
                ],
            ),
        ),
        (
            "/api/admin/accounts/change",
            (
                Admin,
                vec![("user_id", "999999"), ("change", "end_sessions")],
            ),
        ),
        (
            "/api/admin/audit",
            (
                Admin,
                vec![("person", ""), ("action", ""), ("from", ""), ("to", "")],
            ),
        ),
        ("/api/admin/categories", (Admin, vec![])),
        (
            "/api/admin/categories/save",
            (
                Admin,
                vec![("code", "不合法的代码"), ("name_zh", ""), ("name_en", "")],
            ),
        ),
        (
            "/api/admin/categories/retire",
            (
                Admin,
                vec![("code", "no_such_category"), ("retired", "true")],
            ),
        ),
        ("/api/admin/rules", (Admin, vec![])),
        (
            "/api/admin/rules/try",
            (
                Admin,
                vec![
                    ("grid_id", "999999"),
                    ("category", "neighbourhood"),
                    ("amount_yuan", ""),
                    ("people_involved", "2"),
                ],
            ),
        ),
        ("/api/admin/webhooks", (Admin, vec![])),
        (
            "/api/admin/webhooks/add",
            (
                Admin,
                vec![
                    ("unit_id", "999999"),
                    ("format", "dingtalk"),
                    ("url", "not a url"),
                ],
            ),
        ),
        ("/api/admin/mediators", (Admin, vec![])),
        (
            "/api/admin/mediators/add",
            (
                Admin,
                vec![
                    ("unit_id", "999999"),
                    ("name", ""),
                    ("kind", "mediator"),
                    ("level", "junior"),
                    ("specialties", ""),
                    ("phone", ""),
                    ("relations", ""),
                ],
            ),
        ),
        (
            "/api/admin/mediators/active",
            (Admin, vec![("id", "999999"), ("active", "false")]),
        ),
        // About one case: tried at every position below.
        ("/api/case", (Case, vec![])),
    ])
}

/// The rule of each other path the router serves, by method.
fn served_rules() -> BTreeMap<&'static str, (Gate, &'static str)> {
    use Gate::*;
    BTreeMap::from([
        ("/api/v1/health", (Public, "GET")),
        ("/api/v1/openapi.json", (Public, "GET")),
        ("/lang/{code}", (Public, "GET")),
        ("/sw.js", (Public, "GET")),
        ("/api/v1/inbox", (SignedIn, "GET")),
        ("/api/v1/inbox/read", (SignedIn, "POST")),
        ("/api/v1/live", (SignedIn, "GET")),
        ("/api/v1/rules", (SignedIn, "GET")),
        ("/api/v1/rules/explain", (SignedIn, "POST")),
        ("/api/v1/sync/push", (Case, "POST")),
        ("/api/v1/sync/pull", (Case, "GET")),
        ("/api/v1/sync/cases", (Case, "GET")),
        ("/api/v1/cases/{id}/verify", (Case, "GET")),
        ("/api/v1/reports/monthly", (Figures, "GET")),
    ])
}

/// The rule of each page.
fn page_rules() -> BTreeMap<&'static str, Gate> {
    use Gate::*;
    BTreeMap::from([
        ("/login", Public),
        ("/", SignedIn),
        ("/record", Registering),
        ("/account", SignedIn),
        ("/admin", Admin),
        ("/admin/audit", Admin),
        ("/inbox", SignedIn),
        ("/work", SignedIn),
        ("/cases", SignedIn),
        ("/backlog", Supervisor),
        ("/reports", Figures),
        ("/entrust", Court),
        ("/sweeps", SignedIn),
        ("/warnings", SignedIn),
        ("/cases/{id}", Case),
    ])
}

/// What came of one try.
#[derive(Debug, PartialEq)]
enum Came {
    /// 401, or a page's redirect to sign-in.
    SignIn,
    Forbidden,
    /// Through the door: an answer, or a refusal of the arguments (422, 404 of an unknown id…).
    Through,
}

/// What a status (with a redirect's target, and the body when it was read) says of the door. A
/// 401 for wrong credentials is the sign-in form's own answer, past its door.
fn came_of(status: u16, location: Option<&str>, body: &str) -> Came {
    assert!(status < 500, "a 5xx is never an answer: {status} {body}");
    match (status, location) {
        (401, _) if body.contains("wrong_credentials") => Came::Through,
        (401, _) => Came::SignIn,
        (303, Some(l)) if l.starts_with("/login") => Came::SignIn,
        (403, _) => Came::Forbidden,
        _ => Came::Through,
    }
}

struct World {
    server: TestServer,
    devices: BTreeMap<&'static str, reqwest::Client>,
    cases: BTreeMap<Position, (String, String)>,
}

async fn record_by(
    server: &TestServer,
    device: &reqwest::Client,
    sensitive: bool,
) -> (String, String) {
    let mut facts = dispute("neighbourhood", None, 2, "邻里之间因晾晒衣物发生争执");
    facts.sensitive = sensitive;
    let op = record_op(&facts);
    let id = op["case_id"].as_str().unwrap().to_owned();
    assert!(matches!(
        settled(&push(device, server, &[op]).await),
        Settled::Applied { .. }
    ));
    let number: String = lookup(server, "SELECT number AS v FROM cases WHERE id = $1", &id).await;
    (id, number)
}

/// The demo tree with another county beside 衢江区, and one case at each position.
async fn world(db: TestDb) -> World {
    let server = TestServer::start(db).await;
    let admin = server.signed_in("admin").await;
    let city: i64 = lookup(
        &server,
        "SELECT id AS v FROM units WHERE name = $1",
        "衢州市",
    )
    .await;
    let mut parent = city;
    for (kind, name) in [
        ("county", "柯城区"),
        ("township", "府山街道"),
        ("village", "府山社区"),
        ("grid", "府山社区第一网格"),
    ] {
        let answer = admin
            .post(server.url("/api/admin/units"))
            .form(&[
                ("parent_id", parent.to_string()),
                ("kind", kind.into()),
                ("name", name.into()),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(answer.status(), 200, "{}", answer.text().await.unwrap());
        parent = answer.json::<Value>().await.unwrap()["id"]
            .as_i64()
            .unwrap();
    }
    let added = admin
        .post(server.url("/api/admin/users"))
        .form(&[
            ("username", "kecheng"),
            ("display_name", "柯城网格员"),
            ("role", "grid_worker"),
            ("unit_id", &parent.to_string()),
            ("password", server::people::seed::DEMO_PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(added.status(), 200);
    let mut cases = BTreeMap::new();
    for (position, recorder, sensitive) in [
        (Position::Own, "grid", false),
        (Position::SiblingVillage, "grid3", false),
        (Position::OtherTownship, "grid5", false),
        (Position::OtherCounty, "kecheng", false),
        (Position::Sensitive, "grid", true),
    ] {
        let device = server.signed_in(recorder).await;
        let case = record_by(&server, &device, sensitive).await;
        assert_eq!(status(&server, &case.0).await, "routed");
        cases.insert(position, case);
    }
    cases.insert(
        Position::Missing,
        (
            uuid::Uuid::now_v7().to_string(),
            "330803-2026-999999".to_owned(),
        ),
    );
    let mut devices = BTreeMap::new();
    for person in PEOPLE {
        let device = if person.is_empty() {
            server.device()
        } else {
            server.signed_in(person).await
        };
        devices.insert(person, device);
    }
    World {
        server,
        devices,
        cases,
    }
}

/// Tries one route about a case; returns whether the person was shown it.
async fn shown_case(
    w: &World,
    route: &str,
    device: &reqwest::Client,
    id: &str,
    number: &str,
) -> Option<bool> {
    let s = &w.server;
    let answer = match route {
        "/api/case" => device
            .post(s.url(route))
            .form(&[("id", id)])
            .send()
            .await
            .unwrap(),
        "/cases/{id}" => device
            .get(s.url(&format!("/cases/{id}")))
            .send()
            .await
            .unwrap(),
        "/api/v1/cases/{id}/verify" => device
            .get(s.url(&format!("/api/v1/cases/{id}/verify")))
            .send()
            .await
            .unwrap(),
        "/api/v1/sync/cases" => device
            .get(s.url(&format!("/api/v1/sync/cases?ids={id}")))
            .send()
            .await
            .unwrap(),
        "/api/v1/sync/pull" => device
            .get(s.url("/api/v1/sync/pull?cursor=0&limit=500"))
            .send()
            .await
            .unwrap(),
        // Searched by its number, as an office would.
        "/api/cases/list" => device
            .post(s.url(route))
            .form(&[("address", format!("q={number}"))])
            .send()
            .await
            .unwrap(),
        "/api/v1/sync/push" => {
            let op = json!({ "id": uuid::Uuid::now_v7().to_string(), "case_id": id,
                "client_time": server::db::now_ms(), "kind": "acknowledge", "payload": {} });
            let body = json!({ "protocol": 1, "device_id": "matrix", "ops": [op] });
            let answer = device.post(s.url(route)).json(&body).send().await.unwrap();
            if answer.status() == 401 {
                return None;
            }
            assert_eq!(answer.status(), 200);
            let pushed: domain::sync::PushResponse = answer.json().await.unwrap();
            let outcome = pushed.results[0].outcome.settled();
            return Some(
                outcome
                    != Settled::Rejected {
                        reason: Rejection::UnknownCase,
                    },
            );
        }
        other => panic!("no way to try {other} on a case"),
    };
    let status = answer.status().as_u16();
    let location = answer
        .headers()
        .get("location")
        .and_then(|l| l.to_str().ok())
        .map(str::to_owned);
    let body = answer.text().await.unwrap();
    if came_of(status, location.as_deref(), &body) == Came::SignIn {
        return None;
    }
    Some(match route {
        // Lists: shown when the case is in them; a list never says 404.
        "/api/v1/sync/cases" | "/api/v1/sync/pull" | "/api/cases/list" => {
            assert_eq!(status, 200, "{route}: {body}");
            body.contains(id)
        }
        // A page always renders: it shows the case (200), or says with a true 404 that it is
        // not there — alike for a case that does not exist and one the reader may not see.
        "/cases/{id}" => {
            let shown = body.contains(number);
            assert_eq!(status, if shown { 200 } else { 404 }, "{route}: {status}");
            shown
        }
        _ => {
            assert!(status == 200 || status == 404, "{route}: {status} {body}");
            let shown = status == 200;
            // The chain check names no number; every other answer does when it shows the case.
            if !route.ends_with("/verify") {
                assert_eq!(shown, body.contains(number), "{route}: {body}");
            }
            shown
        }
    })
}

async fn every_route_every_role_every_position(db: TestDb) {
    let w = world(db).await;
    let db = w.server.db;
    let s = &w.server;
    // The routes, from the server's own lists.
    let pages: Vec<String> = leptos_axum::generate_route_list(app::App)
        .iter()
        .map(|r| r.path().to_owned())
        .collect();
    let functions: Vec<String> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path.to_owned())
        .collect();
    let served: Vec<&str> = server::served::paths();
    let (page_rules, fn_rules, served_rules) =
        (page_rules(), server_function_rules(), served_rules());
    let unruled: Vec<String> = pages
        .iter()
        .filter(|p| !page_rules.contains_key(leptos_path(p).as_str()))
        .chain(
            functions
                .iter()
                .filter(|f| !fn_rules.contains_key(f.as_str())),
        )
        .cloned()
        .chain(
            served
                .iter()
                .filter(|p| !served_rules.contains_key(*p))
                .map(|p| p.to_string()),
        )
        .collect();
    assert!(
        unruled.is_empty(),
        "routes without an access rule: {unruled:?}"
    );

    let mut tried = 0usize;
    let mut case_routes = Vec::new();
    // Pages: the door is sign-in, and a desk's page (`domain::session::Desk`) answers 403 to
    // anyone else; what a page then shows comes from its server functions.
    for page in &pages {
        let path = leptos_path(page);
        let gate = page_rules[path.as_str()];
        if gate == Gate::Case {
            case_routes.push(path.clone());
            continue;
        }
        for person in PEOPLE {
            let answer = w.devices[person].get(s.url(&path)).send().await.unwrap();
            let location = answer
                .headers()
                .get("location")
                .and_then(|l| l.to_str().ok())
                .map(str::to_owned);
            let came = came_of(answer.status().as_u16(), location.as_deref(), "");
            let expected = match (
                gate_lets_in(gate, person) || path == "/login",
                person.is_empty(),
            ) {
                (true, _) => Came::Through,
                (false, true) => Came::SignIn,
                (false, false) => Came::Forbidden,
            };
            assert_eq!(came, expected, "page {path} for {person:?}");
            tried += 1;
        }
    }
    // Server functions.
    for (path, (gate, args)) in &fn_rules {
        if *gate == Gate::Case {
            case_routes.push(path.to_string());
            continue;
        }
        for person in PEOPLE {
            // Signing out would end the persona's session for the rows after it.
            let device = if *path == "/api/session/logout" {
                s.device()
            } else {
                w.devices[person].clone()
            };
            let answer = device.post(s.url(path)).form(args).send().await.unwrap();
            let status = answer.status().as_u16();
            let body = answer.text().await.unwrap();
            let came = came_of(status, None, &body);
            let expected = match (gate_lets_in(*gate, person), person.is_empty()) {
                (true, _) => Came::Through,
                (false, true) => Came::SignIn,
                (false, false) => Came::Forbidden,
            };
            assert_eq!(
                came, expected,
                "server function {path} for {person:?}: {status} {body}"
            );
            tried += 1;
        }
    }
    // The other paths.
    for (path, (gate, method)) in &served_rules {
        if *gate == Gate::Case {
            case_routes.push(path.to_string());
            continue;
        }
        for person in PEOPLE {
            let device = &w.devices[person];
            let url = s.url(&path.replace("{code}", "zh"));
            let answer = match *method {
                "POST" if path.ends_with("/explain") => device.post(url).json(&json!({ "grid_id": 999999, "facts": dispute("neighbourhood", None, 2, "试算") })).send().await.unwrap(),
                "POST" => device.post(url).json(&json!({ "ids": [] })).send().await.unwrap(),
                _ => device.get(url).send().await.unwrap(),
            };
            let came = came_of(answer.status().as_u16(), None, "");
            let expected = match (gate_lets_in(*gate, person), person.is_empty()) {
                (true, _) => Came::Through,
                (false, true) => Came::SignIn,
                (false, false) => Came::Forbidden,
            };
            assert_eq!(came, expected, "{method} {path} for {person:?}");
            tried += 1;
        }
    }
    // Every route about one case, at every position.
    for route in &case_routes {
        for person in PEOPLE {
            for position in POSITIONS {
                let (id, number) = &w.cases[&position];
                let shown = shown_case(&w, route, &w.devices[person], id, number).await;
                let expected = (!person.is_empty()).then(|| sees(person, position));
                assert_eq!(shown, expected, "{route} for {person:?} at {position:?}");
                tried += 1;
            }
        }
    }
    // A case one may not see answers as one that does not exist, word for word.
    let village = &w.devices["village"];
    let unseen = village
        .post(s.url("/api/case"))
        .form(&[("id", w.cases[&Position::SiblingVillage].0.as_str())])
        .send()
        .await
        .unwrap();
    let missing = village
        .post(s.url("/api/case"))
        .form(&[("id", w.cases[&Position::Missing].0.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(
        (unseen.status(), unseen.text().await.unwrap()),
        (missing.status(), missing.text().await.unwrap())
    );

    let routes = pages.len() + fn_rules.len() + served_rules.len();
    let size = format!(
        "access matrix on {db:?}: {routes} routes ({} pages, {} server functions, {} other paths; {} about one case) × {} people (every role and nobody) × {} positions for case routes = {tried} requests, each as the rule says",
        pages.len(),
        fn_rules.len(),
        served_rules.len(),
        case_routes.len(),
        PEOPLE.len(),
        POSITIONS.len()
    );
    eprintln!("{size}");
    // `make test` prints it after the run.
    let report =
        std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("access_matrix-{db:?}.txt"));
    std::fs::write(report, size + "\n").unwrap();
    w.server.stop().await;
}

/// A Leptos route path (`/cases/:id`) as the rules write it (`/cases/{id}`).
fn leptos_path(path: &str) -> String {
    path.split('/')
        .map(|part| match part.strip_prefix(':') {
            Some(name) => format!("{{{name}}}"),
            None => part.to_owned(),
        })
        .collect::<Vec<_>>()
        .join("/")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_access_rule_over_every_route() {
    on_every_backend!(every_route_every_role_every_position);
}
