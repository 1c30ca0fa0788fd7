//! Accounts an office runs (issue 14): an administrator ends a lost phone's sessions, disables
//! and re-enables a user, resets a password to a one-time one the user must change, moves a user
//! to another unit; the user changes their own password; every action is in the audit log,
//! which the administrator searches by person, action and date.

mod common;

use app::api::accounts::{AccountChanged, AuditLine};
use app::error::AppError;
use common::cases::{dispute, push_raw, record_op};
use common::steps::{lookup, unit_of};
use common::{login, TestDb, TestServer};
use domain::problem::Problem;
use domain::session::{LoginError, SessionUser};
use serde_json::json;

const DEMO: &str = server::people::seed::DEMO_PASSWORD;

async fn change(
    server: &TestServer,
    admin: &reqwest::Client,
    username: &str,
    form: &[(&str, String)],
) -> reqwest::Response {
    let id: i64 = lookup(
        server,
        "SELECT id AS v FROM users WHERE username = $1",
        username,
    )
    .await;
    let mut fields = vec![("user_id", id.to_string())];
    fields.extend(form.iter().cloned());
    admin
        .post(server.url("/api/admin/accounts/change"))
        .form(&fields)
        .send()
        .await
        .unwrap()
}

async fn changed(
    server: &TestServer,
    admin: &reqwest::Client,
    username: &str,
    what: &str,
) -> AccountChanged {
    let answer = change(server, admin, username, &[("change", what.to_owned())]).await;
    assert_eq!(answer.status(), 200, "{what}");
    answer.json().await.unwrap()
}

/// Moves the demo grid worker `grid` to `unit`, still a grid worker.
async fn move_grid_worker(
    server: &TestServer,
    admin: &reqwest::Client,
    unit: i64,
) -> reqwest::Response {
    let form = [
        ("change", "move".to_owned()),
        ("unit_id", unit.to_string()),
        ("role", "grid_worker".to_owned()),
    ];
    change(server, admin, "grid", &form).await
}

/// The status of one push of a new dispute from `device`.
async fn push_status(server: &TestServer, device: &reqwest::Client) -> u16 {
    let body = json!({ "protocol": 1, "device_id": "phone", "ops": [record_op(&dispute("neighbourhood", None, 2, "邻里噪音纠纷"))] });
    push_raw(device, server, body).await.status().as_u16()
}

async fn audit(
    server: &TestServer,
    admin: &reqwest::Client,
    form: &[(&str, &str)],
) -> reqwest::Response {
    admin
        .post(server.url("/api/admin/audit"))
        .form(form)
        .send()
        .await
        .unwrap()
}

async fn an_office_runs_its_accounts(db: TestDb) {
    let server = TestServer::start(db).await;
    let admin = server.signed_in("admin").await;
    let phone = server.signed_in("grid").await;
    assert_eq!(push_status(&server, &phone).await, 200);

    // A lost phone: its sessions end; its next push and page are refused, and asked to sign in.
    let ended = changed(&server, &admin, "grid", "end_sessions").await;
    assert!(ended.account.active);
    assert_eq!(push_status(&server, &phone).await, 401);
    let page = phone.get(server.url("/")).send().await.unwrap();
    assert_eq!(page.headers()["location"], "/login?expired=1");

    // Disabled: signed out, and a sign-in with the right password says the account is disabled.
    let phone = server.signed_in("grid").await;
    let disabled = changed(&server, &admin, "grid", "disable").await;
    assert!(!disabled.account.active);
    assert_eq!(push_status(&server, &phone).await, 401);
    let refused = login(&server.device(), &server, "grid", DEMO).await;
    assert_eq!(refused.status(), 403);
    assert_eq!(
        refused.json::<AppError>().await.unwrap(),
        AppError::Login(LoginError::Disabled)
    );
    changed(&server, &admin, "grid", "enable").await;
    let phone = server.signed_in("grid").await;
    assert_eq!(push_status(&server, &phone).await, 200);

    // Reset: a one-time password that opens only the page that changes it.
    let reset = changed(&server, &admin, "grid", "reset_password").await;
    let one_time = reset.one_time_password.expect("a one-time password");
    assert!(reset.account.must_change_password);
    assert_eq!(
        push_status(&server, &phone).await,
        401,
        "the reset signs the old sessions out"
    );
    assert_eq!(
        login(&server.device(), &server, "grid", DEMO)
            .await
            .status(),
        401
    );
    let device = server.device();
    let signed_in = login(&device, &server, "grid", &one_time).await;
    assert_eq!(signed_in.status(), 200);
    assert!(
        signed_in
            .json::<SessionUser>()
            .await
            .unwrap()
            .must_change_password
    );
    let page = device.get(server.url("/work")).send().await.unwrap();
    assert_eq!(page.headers()["location"], "/account");
    assert_eq!(
        device
            .get(server.url("/account"))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
    let api = device
        .get(server.url("/api/v1/inbox"))
        .send()
        .await
        .unwrap();
    assert_eq!(api.status(), 403);
    assert!(api
        .text()
        .await
        .unwrap()
        .contains("password_change_required"));
    assert_eq!(push_status(&server, &device).await, 403);
    let new_password = "樟树潭网格2026新";
    for (current, new, repeat, field, problem) in [
        (
            "wrong-one-time",
            new_password,
            new_password,
            "current",
            Problem::Incorrect,
        ),
        (
            one_time.as_str(),
            new_password,
            "不一样的密码12345",
            "repeat",
            Problem::Mismatch,
        ),
        (
            one_time.as_str(),
            "short",
            "short",
            "new_password",
            Problem::TooShort,
        ),
        (
            one_time.as_str(),
            "grid",
            "grid",
            "new_password",
            Problem::TooShort,
        ),
        (
            one_time.as_str(),
            one_time.as_str(),
            one_time.as_str(),
            "new_password",
            Problem::SameAsBefore,
        ),
    ] {
        let answer = device
            .post(server.url("/api/session/password"))
            .form(&[
                ("current", current),
                ("new_password", new),
                ("repeat", repeat),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(answer.status(), 422, "{field}");
        assert_eq!(
            answer.json::<AppError>().await.unwrap(),
            AppError::invalid(field, problem)
        );
    }
    let saved = device
        .post(server.url("/api/session/password"))
        .form(&[
            ("current", one_time.as_str()),
            ("new_password", new_password),
            ("repeat", new_password),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(saved.status(), 200, "{}", saved.text().await.unwrap());
    assert_eq!(
        device
            .get(server.url("/work"))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
    assert_eq!(push_status(&server, &device).await, 200);
    assert_eq!(
        login(&server.device(), &server, "grid", &one_time)
            .await
            .status(),
        401
    );

    // Moved to the neighbouring grid: signed out, and signs in there.
    let other_grid = unit_of(&server, "grid2").await;
    let moved = move_grid_worker(&server, &admin, other_grid).await;
    assert_eq!(moved.status(), 200);
    assert_eq!(push_status(&server, &device).await, 401);
    let again = login(&server.device(), &server, "grid", new_password).await;
    assert_eq!(
        again.json::<SessionUser>().await.unwrap().unit_id,
        other_grid
    );
    // A grid worker cannot work in a village; nobody is moved outside the tree.
    let village = unit_of(&server, "village").await;
    let wrong = move_grid_worker(&server, &admin, village).await;
    assert_eq!(
        wrong.json::<AppError>().await.unwrap(),
        AppError::invalid("role", Problem::RoleDoesNotFitUnit)
    );

    // Refusals: one's own account, an unknown change, a non-administrator.
    let own = change(&server, &admin, "admin", &[("change", "disable".into())]).await;
    assert_eq!(
        own.json::<AppError>().await.unwrap(),
        AppError::invalid("user_id", Problem::OwnAccount)
    );
    let unknown = change(&server, &admin, "grid", &[("change", "delete".into())]).await;
    assert_eq!(unknown.status(), 422);
    let cadre = server.signed_in("village").await;
    let forbidden = change(&server, &cadre, "grid", &[("change", "disable".into())]).await;
    assert_eq!(forbidden.status(), 403);
    let nobody = admin
        .post(server.url("/api/admin/accounts/change"))
        .form(&[("user_id", "999999"), ("change", "disable")])
        .send()
        .await
        .unwrap();
    assert_eq!(nobody.status(), 404);

    // The audit log: by person, by action, by date.
    let lines: Vec<AuditLine> = audit(
        &server,
        &admin,
        &[
            ("person", "王建国"),
            ("action", ""),
            ("from", ""),
            ("to", ""),
        ],
    )
    .await
    .json()
    .await
    .unwrap();
    let actions: Vec<&str> = lines.iter().rev().map(|l| l.action.code()).collect();
    assert_eq!(
        actions,
        [
            "sessions_ended",
            "user_disabled",
            "user_enabled",
            "password_reset",
            "password_changed",
            "user_moved"
        ]
    );
    assert_eq!(lines[0].actor.as_deref(), Some("赵敏（admin）"));
    assert_eq!(lines[0].subject.as_deref(), Some("王建国（grid）"));
    assert_eq!(
        lines[0].detail.as_deref(),
        Some("樟树潭社区第一网格 · grid_worker → 樟树潭社区第二网格 · grid_worker")
    );
    let disables: Vec<AuditLine> = audit(
        &server,
        &admin,
        &[
            ("person", ""),
            ("action", "user_disabled"),
            ("from", ""),
            ("to", ""),
        ],
    )
    .await
    .json()
    .await
    .unwrap();
    assert_eq!(disables.len(), 1);
    let today = domain::clock::Day::of_unix_ms(server::db::now_ms());
    let tomorrow = today.plus(1).to_string();
    let later: Vec<AuditLine> = audit(
        &server,
        &admin,
        &[
            ("person", "grid"),
            ("action", ""),
            ("from", &tomorrow),
            ("to", ""),
        ],
    )
    .await
    .json()
    .await
    .unwrap();
    assert!(later.is_empty());
    let bad_date = audit(
        &server,
        &admin,
        &[
            ("person", ""),
            ("action", ""),
            ("from", "2026-13-01"),
            ("to", ""),
        ],
    )
    .await;
    assert_eq!(
        bad_date.json::<AppError>().await.unwrap(),
        AppError::invalid("from", Problem::BadFormat)
    );
    assert_eq!(
        audit(
            &server,
            &cadre,
            &[("person", ""), ("action", ""), ("from", ""), ("to", "")]
        )
        .await
        .status(),
        403
    );
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_office_runs_accounts_and_every_action_is_audited() {
    on_every_backend!(an_office_runs_its_accounts);
}
