//! Fengqiao's server: one binary that renders the pages, answers the API, syncs devices, routes
//! and works cases, tells people, and sweeps deadlines. One folder per concern (see
//! docs/architecture.md): `sync` (push and pull), `casework` (the procedure's steps, routing,
//! the work list and the backlog register), `cases` (reading a case, who may see it, its
//! evidential log), `notifications` (notices, inbox, live stream, group robots), `people`
//! (sign-in, units and users, mediators, categories, the demo seed), `rules` (the rule file,
//! its API, the deadline sweep), and `http` (router, errors, OpenAPI, static files, service
//! worker, the pages' backend); `db` and `error` are shared by all.

pub mod api_error;
pub mod audit;
pub mod audit_search;
pub mod cases;
pub mod casework;
pub mod config;
pub mod db;
pub mod demo;
pub mod error;
pub mod http;
pub mod notifications;
pub mod people;
pub mod rules;
pub mod served;
pub mod stats;
pub mod sync;
pub mod warnings;
pub mod weekly_sweep;

use app::api::backend::SharedBackend;
use axum::extract::FromRef;
use leptos::prelude::LeptosOptions;
use std::future::Future;
use std::sync::Arc;

/// What every handler can reach. Cheap to clone: each field is a handle.
#[derive(Clone, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: db::Db,
    pub backend: SharedBackend,
    /// `/sw.js` with this build's id, computed once at start-up.
    pub service_worker: Arc<str>,
    /// The deployment's rules, read and checked at start-up.
    pub rules: Arc<domain::rules::RuleSet>,
    /// Wakes open browsers when their users are told something.
    pub live: notifications::live::Live,
    /// Served over HTTPS (`Config::https`): cookies go `Secure`.
    pub https: bool,
    /// The reverse proxies whose `X-Forwarded-For` names the client (`Config`).
    pub trusted_proxies: Arc<[std::net::IpAddr]>,
}

impl AppState {
    pub fn new(
        leptos_options: LeptosOptions,
        db: db::Db,
        config: &config::Config,
        rules: config::ActiveRules,
    ) -> AppState {
        let live = notifications::live::Live::default();
        let backend: SharedBackend = Arc::new(http::backend::ServerBackend {
            db: db.clone(),
            session_ttl: config.session_ttl,
            live: live.clone(),
            rules: rules.clone(),
        });
        let service_worker = http::service_worker::Build::scan(
            &leptos_options.site_root,
            &leptos_options.site_pkg_dir,
            &leptos_options.output_name,
        )
        .script()
        .into();
        AppState {
            leptos_options,
            db,
            backend,
            service_worker,
            rules: rules.set,
            live,
            https: config.https,
            trusted_proxies: config.trusted_proxies.clone().into(),
        }
    }
}

/// Connects, migrates, seeds if asked, and serves on `listener` until `shutdown` completes.
/// Tests call this with a listener on port 0 and their own database.
pub async fn serve(
    config: config::Config,
    leptos_options: LeptosOptions,
    listener: tokio::net::TcpListener,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    let rules = config.load_rules()?;
    let db = db::Db::connect(&config.database_url).await?;
    people::catalogue::ensure_defaults(&db).await?;
    if config.seed_demo && people::seed::seed_demo_if_empty(&db).await? {
        tracing::info!("seeded the demo jurisdiction");
    }
    let indexed = cases::terms::bring_up_to_date(&db.pool).await?;
    if indexed > 0 {
        tracing::info!(indexed, "indexed the cases for search");
    }
    let purged = people::auth::sessions::purge_expired(&db).await?;
    if purged > 0 {
        tracing::info!(purged, "removed expired sessions");
    }
    // Last before serving: a recount left to the background shares the database from here on.
    let recounter = stats::store::keep_up_to_date(&db).await?;
    let (root, pkg) = (
        leptos_options.site_root.to_string(),
        leptos_options.site_pkg_dir.to_string(),
    );
    tokio::task::spawn_blocking(move || http::static_files::precompress(&root, &pkg));
    let state = AppState::new(leptos_options, db, &config, rules);
    let sweeper = config.sweep_every.map(|every| {
        rules::sweep::spawn(
            state.db.clone(),
            state.rules.clone(),
            state.live.clone(),
            every,
        )
    });
    let sender = config
        .deliver_every
        .map(|every| notifications::robots::spawn(state.db.clone(), every));
    let served = axum::serve(
        listener,
        http::router(state).into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await;
    for task in [sweeper, sender, recounter].into_iter().flatten() {
        task.abort();
    }
    served?;
    Ok(())
}
