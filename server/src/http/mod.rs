//! The HTTP surface: pages (server-rendered Leptos), server functions, the versioned API, the
//! built files, and the layers every response passes through.

pub mod backend;
pub mod headers;
pub mod openapi;
pub mod same_origin;
pub mod service_worker;
pub mod static_files;

use crate::people::auth::middleware::resolve_session;
use crate::served::Serve;
use crate::AppState;
use app::error::AppError;
use app::i18n::{Locale, LOCALE_COOKIE};
use app::{shell, App};
use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::{Json, Router};
use leptos::prelude::*;
use leptos_axum::{generate_route_list, LeptosRoutes};
use tower_http::compression::CompressionLayer;
use tower_http::trace::TraceLayer;

/// What every page's renderer is given: the backend, and this response's script nonce, which
/// the Content-Security-Policy header names (`headers::protective_headers`).
fn page_context(backend: app::api::backend::SharedBackend) -> impl Fn() + Clone + Send + 'static {
    move || {
        provide_context(backend.clone());
        let nonce = use_context::<axum::http::request::Parts>()
            .and_then(|parts| parts.extensions.get::<headers::CspNonce>().cloned());
        if let Some(nonce) = nonce {
            provide_context(leptos::nonce::Nonce::from_value(nonce.0));
        }
    }
}

pub fn router(state: AppState) -> Router {
    let routes = generate_route_list(App);
    let context = page_context(state.backend.clone());
    let options = state.leptos_options.clone();
    Router::new()
        .serve("/api/v1/health", get(health))
        .serve("/api/v1/openapi.json", get(crate::http::openapi::document))
        .serve("/lang/{code}", get(switch_language))
        .serve(
            "/sw.js",
            get(|State(state): State<AppState>| async move {
                crate::http::service_worker::response(&state.service_worker)
            }),
        )
        .merge(crate::sync::router())
        .merge(crate::rules::api::router())
        .merge(crate::notifications::inbox::router())
        .merge(crate::cases::verify::router())
        .merge(crate::stats::export::router())
        .merge(crate::http::static_files::pkg_router(
            &state.leptos_options.site_root,
            &state.leptos_options.site_pkg_dir,
        ))
        .leptos_routes_with_context(&state, routes, context.clone(), move || {
            shell(options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler_with_context::<
            AppState,
            _,
        >(context, shell))
        .layer(axum::middleware::from_fn(server_fn_error_status))
        .layer(axum::middleware::from_fn(same_origin::same_origin_only))
        .layer(axum::middleware::from_fn_with_state(
            state.https,
            headers::protective_headers,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            resolve_session,
        ))
        // Phones on 3G pay for every byte: compress HTML, JS, wasm, CSS and JSON.
        .layer(CompressionLayer::new())
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

/// Server functions answer every error with a 500. Ours carry an `AppError`, which knows its
/// true status (401 wrong password, 422 a bad field, 503 database down…): send that instead, so
/// neither a person's mistake nor a malformed request is ever reported as a server fault.
async fn server_fn_error_status(
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let is_server_fn =
        req.uri().path().starts_with("/api/") && !req.uri().path().starts_with("/api/v1/");
    let response = next.run(req).await;
    if !is_server_fn || response.status() != StatusCode::INTERNAL_SERVER_ERROR {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let bytes = match axum::body::to_bytes(body, 1 << 20).await {
        Ok(bytes) => bytes,
        Err(_) => return (StatusCode::BAD_GATEWAY, "response too large").into_response(),
    };
    let error = serde_json::from_slice::<AppError>(&bytes).unwrap_or_else(|_| {
        tracing::error!(body = %String::from_utf8_lossy(&bytes), "server function failed without an AppError");
        AppError::Internal
    });
    parts.status =
        StatusCode::from_u16(error.status_code()).unwrap_or(StatusCode::SERVICE_UNAVAILABLE);
    if let AppError::TooManyAttempts { retry_after_secs } = error {
        parts.headers.insert(
            header::RETRY_AFTER,
            header::HeaderValue::from(retry_after_secs),
        );
    }
    Response::from_parts(parts, axum::body::Body::from(bytes))
}

/// Liveness and database reachability, for load balancers and the test harness.
#[utoipa::path(
    get,
    path = "/api/v1/health",
    tag = "public",
    responses(
        (status = 200, description = "`{status: \"ok\", database: \"sqlite\"|\"postgres\"}`", body = Object),
        (status = 503, description = "`{status: \"database_unavailable\"}`", body = Object),
    )
)]
pub(crate) async fn health(State(state): State<AppState>) -> Response {
    match sqlx::query("SELECT 1").execute(&state.db.pool).await {
        Ok(_) => Json(serde_json::json!({ "status": "ok", "database": format!("{:?}", state.db.backend).to_lowercase() })).into_response(),
        Err(error) => {
            tracing::error!(%error, "health check: database unreachable");
            (StatusCode::SERVICE_UNAVAILABLE, Json(serde_json::json!({ "status": "database_unavailable" }))).into_response()
        }
    }
}

/// Remembers the chosen language for a year and goes back to the page the person was on.
#[utoipa::path(
    get,
    path = "/lang/{code}",
    tag = "public",
    params(("code" = String, Path, description = "`zh` or `en`")),
    responses(
        (status = 303, description = "Sets the `fq_lang` cookie and goes back to the page named by `Referer` (same site only), else home"),
        (status = 404, description = "No such language (plain text)", body = String),
    )
)]
pub(crate) async fn switch_language(
    Path(code): Path<String>,
    headers: axum::http::HeaderMap,
) -> Response {
    let Some(locale) = Locale::from_code(&code) else {
        return (StatusCode::NOT_FOUND, app::i18n::api::UNKNOWN_LANGUAGE).into_response();
    };
    let back = headers
        .get(header::REFERER)
        .and_then(|r| r.to_str().ok())
        .and_then(same_site_path)
        .unwrap_or_else(|| "/".to_owned());
    let cookie = format!(
        "{LOCALE_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax",
        locale.code()
    );
    ([(header::SET_COOKIE, cookie)], Redirect::to(&back)).into_response()
}

/// The path and query of a Referer, so the switch never redirects to another site.
fn same_site_path(referer: &str) -> Option<String> {
    let after_scheme = referer.split_once("://")?.1;
    let path = &after_scheme[after_scheme.find('/')?..];
    (path.starts_with('/') && !path.starts_with("//")).then(|| path.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_language_switch_returns_to_the_same_page_only() {
        assert_eq!(
            same_site_path("http://127.0.0.1:3000/admin?x=1").as_deref(),
            Some("/admin?x=1")
        );
        assert_eq!(same_site_path("http://127.0.0.1:3000").as_deref(), None);
        assert_eq!(
            same_site_path("http://evil.example//other").as_deref(),
            None
        );
    }
}
