//! Signing in, sessions and each persona's home page, against a real server and database.

mod common;

use app::error::AppError;
use common::{login, TestDb, TestServer};
use domain::problem::Problem;
use domain::session::{LoginError, SessionUser};
use reqwest::header::{ACCEPT_ENCODING, CONTENT_ENCODING, COOKIE, LOCATION, SET_COOKIE};

async fn page(device: &reqwest::Client, server: &TestServer, path: &str) -> (u16, String) {
    let resp = device
        .get(server.url(path))
        .send()
        .await
        .expect("page request");
    let status = resp.status().as_u16();
    (status, resp.text().await.unwrap())
}

async fn every_demo_persona_signs_in_and_sees_their_own_home_in_chinese(db: TestDb) {
    let server = TestServer::start(db).await;
    let personas = [
        ("grid", "王建国", "我的网格", "樟树潭社区第一网格"),
        ("village", "李秀英", "本单位调解工作", "樟树潭社区第二网格"),
        ("township", "张伟", "辖区概况", "沙湾村"),
        ("county", "陈静", "辖区概况", "衢江区医疗纠纷人民调解委员会"),
        ("city", "刘洋", "辖区概况", "衢江区"),
        ("admin", "赵敏", "系统概况", "衢江区"),
    ];
    for (username, name, title, shows) in personas {
        let device = server.device();
        let resp = login(
            &device,
            &server,
            username,
            server::people::seed::DEMO_PASSWORD,
        )
        .await;
        assert_eq!(resp.status(), 200, "{username}");
        let cookie = resp
            .headers()
            .get(SET_COOKIE)
            .expect("session cookie")
            .to_str()
            .unwrap()
            .to_owned();
        assert!(cookie.starts_with("fq_session="), "{cookie}");
        assert!(
            cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
            "{cookie}"
        );
        let user: SessionUser = resp.json().await.unwrap();
        assert_eq!(user.display_name, name);

        let (status, html) = page(&device, &server, "/").await;
        assert_eq!(status, 200, "{username}");
        assert!(
            html.contains(r#"<html lang="zh-CN""#),
            "{username}: not Chinese"
        );
        assert!(
            html.contains(name),
            "{username}: home does not name the user"
        );
        assert!(
            html.contains(title),
            "{username}: home lacks its title {title}"
        );
        assert!(html.contains(shows), "{username}: home lacks {shows}");
        // The page hydrates: it loads the build's JS and wasm.
        assert!(
            html.contains("/pkg/fengqiao.js") && html.contains("/pkg/fengqiao"),
            "{username}: no hydration script"
        );
    }
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn demo_personas_sign_in_to_their_homes() {
    on_every_backend!(every_demo_persona_signs_in_and_sees_their_own_home_in_chinese);
}

async fn wrong_password_and_unknown_user_get_one_clear_refusal(db: TestDb) {
    let server = TestServer::start(db).await;
    let device = server.device();
    for (username, password) in [("grid", "not-the-password"), ("nobody", "whatever-it-is")] {
        let resp = login(&device, &server, username, password).await;
        assert_eq!(resp.status(), 401, "{username}");
        assert!(resp.headers().get(SET_COOKIE).is_none());
        let error: AppError = resp.json().await.unwrap();
        assert_eq!(error, AppError::Login(LoginError::WrongCredentials));
        assert_eq!(
            app::i18n::Locale::Zh.error_message(&error),
            "用户名或密码错误，请重新输入。"
        );
    }
    let resp = login(&device, &server, "", "").await;
    assert_eq!(resp.status(), 422);
    assert_eq!(
        resp.json::<AppError>().await.unwrap(),
        AppError::Login(LoginError::MissingFields)
    );

    // A request the server function cannot even read is the client's fault, not a 500.
    let resp = device
        .post(server.url("/api/session/login"))
        .body("%%%")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 400);
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_sign_ins_are_refused_clearly() {
    on_every_backend!(wrong_password_and_unknown_user_get_one_clear_refusal);
}

/// Guessing is slowed (issue 14): five wrong passwords cost nothing, the sixth closes sign-in
/// for a second, which the answer says in words and in `Retry-After`; the right password waits
/// too, then works and forgets the run. Guesses at many accounts from one address close that
/// address.
async fn guessing_passwords_is_slowed_and_a_success_resets_it(db: TestDb) {
    let server = TestServer::start(db).await;
    let device = server.device();
    let password = server::people::seed::DEMO_PASSWORD;
    for n in 1..=6 {
        let resp = login(&device, &server, "grid", "guess-123").await;
        assert_eq!(resp.status(), 401, "wrong password {n}");
    }
    let resp = login(&device, &server, "grid", password).await;
    assert_eq!(
        resp.status(),
        429,
        "closed for a second, even to the right password"
    );
    assert_eq!(resp.headers()["retry-after"], "1");
    let error: AppError = resp.json().await.unwrap();
    assert_eq!(
        error,
        AppError::TooManyAttempts {
            retry_after_secs: 1
        }
    );
    assert_eq!(
        app::i18n::Locale::Zh.error_message(&error),
        "密码错误次数过多，为保护账号，请 1 秒后再试。"
    );
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    assert_eq!(
        login(&device, &server, "grid", password).await.status(),
        200
    );
    // The run is forgotten: a mistake now is an ordinary one.
    let fresh = server.device();
    assert_eq!(
        login(&fresh, &server, "grid", "guess-123").await.status(),
        401
    );

    // One address guessing at many accounts (known or not) is closed as well: with the guess
    // above, five more make six in a row.
    for n in 0..5 {
        let resp = login(&fresh, &server, &format!("nobody{n}"), "guess-123").await;
        assert_eq!(resp.status(), 401);
    }
    let resp = login(&fresh, &server, "village", password).await;
    assert_eq!(resp.status(), 429, "this address is closed for a while");
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn password_guessing_is_throttled() {
    on_every_backend!(guessing_passwords_is_slowed_and_a_success_resets_it);
}

/// CSRF (issue 14): a signed-in administrator's browser, made to post a form from another
/// site — or another port of the same host — creates nobody and signs nobody out; the same
/// request from the site's own pages works.
async fn forged_cross_origin_requests_are_refused(db: TestDb) {
    let server = TestServer::start(db).await;
    let admin = server.signed_in("admin").await;
    let own = server.base.clone();
    let other_port = {
        let (head, port) = own.rsplit_once(':').unwrap();
        format!("{head}:{}", port.parse::<u16>().unwrap().wrapping_add(1))
    };
    let unit = find_unit(&admin, &server, "沙湾村第一网格").await;
    let new_user = |username: &'static str| {
        [
            ("username", username.to_owned()),
            ("display_name", "伪造".to_owned()),
            ("role", "grid_worker".to_owned()),
            ("unit_id", unit.clone()),
            ("password", "伪造的密码123".to_owned()),
        ]
    };
    let attempts: [(&str, &str); 3] = [
        ("origin", other_port.as_str()),
        ("origin", "https://evil.example"),
        ("sec-fetch-site", "cross-site"),
    ];
    for (name, value) in attempts {
        let resp = admin
            .post(server.url("/api/admin/users"))
            .header(name, value)
            .form(&new_user("forged"))
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), 403, "{name}: {value}");
        let body: serde_json::Value = resp.json().await.unwrap();
        assert_eq!(body["error"], "cross_origin");
        let resp = admin
            .post(server.url("/api/session/logout"))
            .header(name, value)
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), 403, "sign-out forged with {name}: {value}");
    }
    assert_eq!(
        login(&server.device(), &server, "forged", "伪造的密码123")
            .await
            .status(),
        401,
        "nobody was created"
    );
    // The site's own page: the same request works, and the session survived the forgeries.
    let resp = admin
        .post(server.url("/api/admin/users"))
        .header("origin", own.as_str())
        .header("sec-fetch-site", "same-origin")
        .form(&new_user("grid10"))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200, "{}", resp.text().await.unwrap());

    // Every answer: no type guessing, no framing, no referrer to other sites; pages and API
    // answers, which carry personal data, are stored in no cache.
    for path in ["/", "/api/v1/inbox"] {
        let resp = admin.get(server.url(path)).send().await.unwrap();
        assert_eq!(resp.status(), 200, "{path}");
        let headers = resp.headers();
        assert_eq!(headers["x-content-type-options"], "nosniff", "{path}");
        assert_eq!(headers["x-frame-options"], "DENY", "{path}");
        assert_eq!(headers["referrer-policy"], "same-origin", "{path}");
        assert_eq!(headers["cache-control"], "no-store", "{path}");
    }
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cross_site_request_forgery_is_refused() {
    on_every_backend!(forged_cross_origin_requests_are_refused);
}

/// Behind HTTPS (`FQ_HTTPS`), the session cookie is `Secure` and browsers keep to HTTPS;
/// without it (local and test runs over plain HTTP) it cannot be, or it would never be sent.
async fn cookies_are_secure_where_the_deployment_is_https(db: TestDb) {
    let server = TestServer::start_with(db, |c| c.https = true).await;
    let resp = login(
        &server.device(),
        &server,
        "grid",
        server::people::seed::DEMO_PASSWORD,
    )
    .await;
    assert_eq!(resp.status(), 200);
    let cookie = resp.headers()[SET_COOKIE].to_str().unwrap().to_owned();
    assert!(cookie.ends_with("; Secure"), "{cookie}");
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"));
    assert_eq!(
        resp.headers()["strict-transport-security"],
        "max-age=31536000"
    );
    server.stop().await;
    let plain = TestServer::start(TestDb::Sqlite).await;
    let resp = login(
        &plain.device(),
        &plain,
        "grid",
        server::people::seed::DEMO_PASSWORD,
    )
    .await;
    assert!(!resp.headers()[SET_COOKIE]
        .to_str()
        .unwrap()
        .contains("Secure"));
    plain.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn secure_cookies_behind_https() {
    on_every_backend!(cookies_are_secure_where_the_deployment_is_https);
}

/// Behind a trusted reverse proxy (`FQ_TRUSTED_PROXIES`), each client is throttled by the
/// address the proxy names, so one guesser does not close sign-in for everyone behind it.
async fn behind_a_proxy_each_client_is_throttled_by_its_own_address(db: TestDb) {
    let server = TestServer::start_with(db, |c| {
        c.trusted_proxies = vec!["127.0.0.1".parse().unwrap()]
    })
    .await;
    let device = server.device();
    let from = |client: &'static str, username: &'static str, password: &'static str| {
        device
            .post(server.url("/api/session/login"))
            .header("x-forwarded-for", client)
            .form(&[("username", username), ("password", password)])
            .send()
    };
    for n in 0..6 {
        let resp = from("203.0.113.9", ["nobody1", "nobody2"][n % 2], "guess-123")
            .await
            .unwrap();
        assert_eq!(resp.status(), 401);
    }
    let password = server::people::seed::DEMO_PASSWORD;
    let guesser = from("203.0.113.9", "village", password).await.unwrap();
    assert_eq!(guesser.status(), 429, "the guesser's address is closed");
    let neighbour = from("198.51.100.7", "village", password).await.unwrap();
    assert_eq!(
        neighbour.status(),
        200,
        "another client behind the proxy is not"
    );
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn throttling_behind_a_trusted_proxy() {
    on_every_backend!(behind_a_proxy_each_client_is_throttled_by_its_own_address);
}

async fn pages_need_a_live_session(db: TestDb) {
    let server = TestServer::start(db).await;
    let device = server.device();
    let resp = device.get(server.url("/")).send().await.unwrap();
    assert_eq!(resp.status(), 303);
    assert_eq!(resp.headers()[LOCATION], "/login");

    // A forged or expired cookie is told apart from no cookie, and cleared.
    let resp = device
        .get(server.url("/admin"))
        .header(COOKIE, format!("fq_session={}", "ab".repeat(32)))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.headers()[LOCATION], "/login?expired=1");
    assert!(resp.headers()[SET_COOKIE]
        .to_str()
        .unwrap()
        .contains("Max-Age=0"));
    let (status, html) = page(&device, &server, "/login?expired=1").await;
    assert_eq!(status, 200);
    assert!(html.contains("登录已失效（已过期，或已被管理员下线），请重新登录"));

    // Server functions answer 401 rather than redirecting.
    let resp = device.post(server.url("/api/home")).send().await.unwrap();
    assert_eq!(resp.status(), 401);
    assert_eq!(
        resp.json::<AppError>().await.unwrap(),
        AppError::NotSignedIn
    );
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_redirect_to_sign_in_without_a_live_session() {
    on_every_backend!(pages_need_a_live_session);
}

async fn sessions_expire_and_sign_out_ends_them_on_the_server(db: TestDb) {
    let server = TestServer::start_with(db, |c| c.session_ttl = std::time::Duration::ZERO).await;
    let device = server.device();
    let resp = login(
        &device,
        &server,
        "grid",
        server::people::seed::DEMO_PASSWORD,
    )
    .await;
    assert_eq!(resp.status(), 200);
    // The browser would drop a Max-Age=0 cookie at once; replay it by hand as a phone that kept
    // an old cookie would.
    let cookie = resp.headers()[SET_COOKIE]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_owned();
    let resp = server
        .device()
        .get(server.url("/"))
        .header(COOKIE, cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(
        resp.headers()[LOCATION],
        "/login?expired=1",
        "a zero-length session is already over"
    );
    server.stop().await;

    let server = TestServer::start(db).await;
    let device = server.device();
    let resp = login(
        &device,
        &server,
        "grid",
        server::people::seed::DEMO_PASSWORD,
    )
    .await;
    let cookie = resp.headers()[SET_COOKIE]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_owned();
    assert_eq!(page(&device, &server, "/").await.0, 200);
    let resp = device
        .post(server.url("/api/session/logout"))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    // The old token no longer opens anything, even when replayed by hand.
    let stale = server.device();
    let resp = stale
        .get(server.url("/"))
        .header(COOKIE, cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.headers()[LOCATION], "/login?expired=1");
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sessions_end_by_expiry_and_by_sign_out() {
    on_every_backend!(sessions_expire_and_sign_out_ends_them_on_the_server);
}

async fn each_user_sees_their_own_subtree_and_never_a_siblings(db: TestDb) {
    let server = TestServer::start(db).await;
    let township = server.signed_in("township").await;
    let (_, html) = page(&township, &server, "/").await;
    assert!(html.contains("樟树潭社区") && html.contains("沙湾村"));
    assert!(
        !html.contains("芝溪村") && !html.contains("五坦村"),
        "a sibling township's villages leaked"
    );

    let village = server.signed_in("village").await;
    let (_, html) = page(&village, &server, "/").await;
    assert!(html.contains("樟树潭社区第一网格") && html.contains("樟树潭社区第二网格"));
    assert!(
        html.contains("王建国") && html.contains("周强"),
        "each grid names its grid worker"
    );
    assert!(!html.contains("沙湾村第一网格"));
    assert!(
        html.contains("樟潭街道 › 衢江区 › 衢州市"),
        "the chain up to the city"
    );

    // Only an administrator may open the administration page or its data.
    let (status, html) = page(&township, &server, "/admin").await;
    assert_eq!(status, 403);
    assert!(html.contains("这一页不对您的账号开放"));
    let resp = township
        .post(server.url("/api/admin/overview"))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 403);
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn visibility_follows_the_jurisdiction_tree() {
    on_every_backend!(each_user_sees_their_own_subtree_and_never_a_siblings);
}

async fn an_admin_adds_a_unit_and_a_user_who_then_signs_in(db: TestDb) {
    let server = TestServer::start(db).await;
    let admin = server.signed_in("admin").await;
    let shawan = find_unit(&admin, &server, "沙湾村").await;
    let resp = admin
        .post(server.url("/api/admin/units"))
        .form(&[
            ("parent_id", shawan.as_str()),
            ("kind", "grid"),
            ("name", "沙湾村第三网格"),
            ("code", ""),
            ("category", ""),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200, "{}", resp.text().await.unwrap());
    let grid: domain::jurisdiction::Unit = resp.json().await.unwrap();
    assert_eq!(grid.category, None);

    let resp = admin
        .post(server.url("/api/admin/users"))
        .form(&[
            ("username", "grid9"),
            ("display_name", "冯晓燕"),
            ("role", "grid_worker"),
            ("unit_id", &grid.id.to_string()),
            ("password", "新网格员密码123"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200, "{}", resp.text().await.unwrap());

    let newcomer = server.device();
    assert_eq!(
        login(&newcomer, &server, "grid9", "新网格员密码123")
            .await
            .status(),
        200
    );
    let (_, html) = page(&newcomer, &server, "/").await;
    assert!(html.contains("沙湾村第三网格") && html.contains("冯晓燕"));
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn admins_grow_the_tree_and_its_users() {
    on_every_backend!(an_admin_adds_a_unit_and_a_user_who_then_signs_in);
}

/// The id of a unit, read from the admin overview.
async fn find_unit(admin: &reqwest::Client, server: &TestServer, name: &str) -> String {
    let view: app::api::admin::AdminView = admin
        .post(server.url("/api/admin/overview"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    view.units
        .iter()
        .find(|(u, _)| u.name == name)
        .map(|(u, _)| u.id.to_string())
        .expect(name)
}

async fn admin_mistakes_are_named_by_field(db: TestDb) {
    let server = TestServer::start(db).await;
    let admin = server.signed_in("admin").await;
    let township = find_unit(&admin, &server, "樟潭街道").await;
    let village = find_unit(&admin, &server, "沙湾村").await;
    let add_unit = |fields: Vec<(&'static str, String)>| {
        let admin = admin.clone();
        let url = server.url("/api/admin/units");
        async move { admin.post(url).form(&fields).send().await.unwrap() }
    };
    let cases = [
        (
            vec![
                ("parent_id", township.clone()),
                ("kind", "grid".into()),
                ("name", "错层网格".into()),
            ],
            "kind",
            Problem::WrongParent,
        ),
        (
            vec![
                ("parent_id", village.clone()),
                ("kind", "grid".into()),
                ("name", "沙湾村第一网格".into()),
            ],
            "name",
            Problem::Taken,
        ),
        (
            vec![
                ("parent_id", village.clone()),
                ("kind", "grid".into()),
                ("name", "   ".into()),
            ],
            "name",
            Problem::Required,
        ),
        (
            vec![
                ("parent_id", village.clone()),
                ("kind", "hamlet".into()),
                ("name", "x".into()),
            ],
            "kind",
            Problem::UnknownValue,
        ),
        (
            vec![
                ("parent_id", "999999".into()),
                ("kind", "grid".into()),
                ("name", "x".into()),
            ],
            "parent_id",
            Problem::UnknownValue,
        ),
    ];
    for (fields, field, problem) in cases {
        let resp = add_unit(fields).await;
        assert_eq!(resp.status(), 422);
        assert_eq!(
            resp.json::<AppError>().await.unwrap(),
            AppError::invalid(field, problem)
        );
    }
    // Wrong types are a bad request, not a server error.
    let resp = add_unit(vec![
        ("parent_id", "abc".into()),
        ("kind", "grid".into()),
        ("name", "x".into()),
    ])
    .await;
    assert_eq!(resp.status(), 400);

    let resp = admin
        .post(server.url("/api/admin/users"))
        .form(&[
            ("username", "grid"),
            ("display_name", "重名"),
            ("role", "mediator"),
            ("unit_id", &village),
            ("password", "long-enough-1"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 422);
    assert_eq!(
        resp.json::<AppError>().await.unwrap(),
        AppError::invalid("username", Problem::Taken)
    );
    let resp = admin
        .post(server.url("/api/admin/users"))
        .form(&[
            ("username", "newgrid"),
            ("display_name", "错位"),
            ("role", "grid_worker"),
            ("unit_id", &village),
            ("password", "long-enough-1"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(
        resp.json::<AppError>().await.unwrap(),
        AppError::invalid("role", Problem::RoleDoesNotFitUnit)
    );

    // Somebody who is not an administrator cannot add anything.
    let county = server.signed_in("county").await;
    let resp = county
        .post(server.url("/api/admin/units"))
        .form(&[
            ("parent_id", village.as_str()),
            ("kind", "grid"),
            ("name", "越权网格"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 403);
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn admin_form_errors_name_the_field() {
    on_every_backend!(admin_mistakes_are_named_by_field);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_language_choice_persists_and_pages_are_compressed() {
    let server = TestServer::start(TestDb::Sqlite).await;
    let device = server.signed_in("grid").await;
    let resp = device
        .get(server.url("/lang/en"))
        .header("referer", format!("{}/", server.base))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 303);
    assert!(resp.headers()[SET_COOKIE]
        .to_str()
        .unwrap()
        .starts_with("fq_lang=en"));
    let (_, html) = page(&device, &server, "/").await;
    assert!(html.contains(r#"<html lang="en""#) && html.contains("My grid"));
    let (_, html) = page(&device, &server, "/lang/zh").await;
    assert!(html.is_empty());
    let (_, html) = page(&device, &server, "/").await;
    assert!(html.contains("我的网格"));

    let resp = device
        .get(server.url("/"))
        .header(ACCEPT_ENCODING, "gzip")
        .send()
        .await
        .unwrap();
    assert_eq!(
        resp.headers()
            .get(CONTENT_ENCODING)
            .map(|v| v.to_str().unwrap()),
        Some("gzip")
    );
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_is_seeded_once_and_survives_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/keep.db", dir.path().display());
    for _ in 0..2 {
        let server = TestServer::start_with(TestDb::Sqlite, |c| c.database_url = url.clone()).await;
        let admin = server.signed_in("admin").await;
        let view: app::api::admin::AdminView = admin
            .post(server.url("/api/admin/overview"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(view.units.len(), 23, "the demo tree, once");
        assert_eq!(
            view.accounts
                .iter()
                .filter(|a| a.user.username == "grid")
                .count(),
            1
        );
        server.stop().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unknown_pages_are_a_404_in_chinese() {
    let server = TestServer::start(TestDb::Sqlite).await;
    let device = server.signed_in("grid").await;
    let (status, html) = page(&device, &server, "/no/such/page").await;
    assert_eq!(status, 404);
    assert!(html.contains("页面不存在"));
    server.stop().await;
}
