//! Resolves the session cookie once per request and puts the answer (`AuthState`) in the
//! request's extensions, where pages, server functions and API handlers read it. Pages other
//! than sign-in need a session: without one the browser is sent to `/login`, with a note when
//! the session has expired.

use crate::people::auth::sessions;
use crate::AppState;
use app::api::backend::AuthState;
use app::api::session::SESSION_COOKIE;
use axum::extract::{Request, State};
use axum::http::{header, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::cookie::CookieJar;

/// Paths that never depend on who is asking: the build's files, icons, manifest, worker.
fn is_static_asset(path: &str) -> bool {
    path.starts_with("/pkg/")
        || path.starts_with("/icons/")
        || matches!(
            path,
            "/manifest.webmanifest" | "/sw.js" | "/favicon.ico" | "/robots.txt"
        )
}

/// Paths that are not HTML pages: the API (which answers 401 itself) and the language switch.
fn is_page(method: &Method, path: &str) -> bool {
    method == Method::GET && !path.starts_with("/api/") && !path.starts_with("/lang/")
}

pub async fn resolve_session(
    State(state): State<AppState>,
    mut req: Request,
    next: Next,
) -> Response {
    let path = req.uri().path().to_owned();
    if is_static_asset(&path) {
        return next.run(req).await;
    }
    let jar = CookieJar::from_headers(req.headers());
    let auth = match jar.get(SESSION_COOKIE).map(|c| c.value().to_owned()) {
        None => AuthState::Anonymous,
        Some(token) if token.is_empty() => AuthState::Anonymous,
        Some(token) => match sessions::lookup(&state.db, &token).await {
            Ok(Some(user)) => AuthState::SignedIn(user),
            Ok(None) => AuthState::Expired,
            Err(error) => {
                tracing::error!(%error, "session lookup failed");
                return service_unavailable(is_page(req.method(), req.uri().path()));
            }
        },
    };
    if is_page(req.method(), &path) {
        match (&auth, path.as_str()) {
            (AuthState::SignedIn(_), "/login") => return Redirect::to("/").into_response(),
            (AuthState::SignedIn(_), _) | (_, "/login") => {}
            (AuthState::Expired, _) => {
                let clear = format!("{SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0");
                return (
                    [(header::SET_COOKIE, clear)],
                    Redirect::to("/login?expired=1"),
                )
                    .into_response();
            }
            (AuthState::Anonymous, _) => return Redirect::to("/login").into_response(),
        }
    }
    if let AuthState::SignedIn(user) = &auth {
        if user.must_change_password && !open_before_password_change(&path) {
            return password_change_first(is_page(req.method(), &path));
        }
    }
    req.extensions_mut().insert(auth);
    // Who is asking: sign-in throttling counts per address.
    let peer = req
        .extensions()
        .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .map(|info| info.0.ip());
    if let Some(peer) = peer {
        let client = client_address(peer, req.headers(), &state.trusted_proxies);
        req.extensions_mut()
            .insert(app::api::backend::ClientAddress(client));
    }
    next.run(req).await
}

/// What a person signed in with a one-time password may reach: the page and server function
/// that change it, who they are, signing out, the language switch.
fn open_before_password_change(path: &str) -> bool {
    matches!(
        path,
        "/account" | "/api/session/password" | "/api/session/current" | "/api/session/logout"
    ) || path.starts_with("/lang/")
}

/// Everything else waits for the new password: a page goes to the account page, anything else
/// is refused in words.
fn password_change_first(page: bool) -> Response {
    if page {
        return Redirect::to("/account").into_response();
    }
    crate::api_error::ApiError::new(
        StatusCode::FORBIDDEN,
        "password_change_required",
        None,
        app::i18n::api::PASSWORD_CHANGE_REQUIRED,
    )
    .into_response()
}

/// The database is unreachable: say so plainly rather than fail with a 500 — in words on a
/// page, as the API's JSON error (with the same `Retry-After`) everywhere else, so a device's
/// outbox reads it like any other "retry shortly".
fn service_unavailable(page: bool) -> Response {
    if !page {
        return crate::api_error::ApiError::unavailable("the session could not be read")
            .into_response();
    }
    (
        StatusCode::SERVICE_UNAVAILABLE,
        [
            (header::CONTENT_TYPE, "text/plain; charset=utf-8"),
            (header::RETRY_AFTER, "5"),
        ],
        app::i18n::api::SERVICE_UNAVAILABLE,
    )
        .into_response()
}

/// The client's address: the connection's peer — or, when the peer is a trusted reverse proxy,
/// the nearest address in `X-Forwarded-For` that is not itself a trusted proxy (the rest of the
/// header is whatever the client wrote, and is not believed).
pub fn client_address(
    peer: std::net::IpAddr,
    headers: &axum::http::HeaderMap,
    trusted: &[std::net::IpAddr],
) -> std::net::IpAddr {
    if !trusted.contains(&peer) {
        return peer;
    }
    headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .filter_map(|a| a.trim().parse::<std::net::IpAddr>().ok())
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .find(|a| !trusted.contains(a))
        .unwrap_or(peer)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn build_files_skip_the_session_lookup() {
        assert!(is_static_asset("/pkg/fengqiao.wasm"));
        assert!(is_static_asset("/sw.js"));
        assert!(!is_static_asset("/admin"));
    }

    #[test]
    fn only_get_requests_outside_the_api_are_pages() {
        assert!(is_page(&Method::GET, "/"));
        assert!(is_page(&Method::GET, "/admin"));
        assert!(!is_page(&Method::POST, "/api/session/login"));
        assert!(!is_page(&Method::GET, "/api/v1/health"));
        assert!(!is_page(&Method::GET, "/lang/en"));
    }

    #[test]
    fn only_a_trusted_proxy_may_name_the_client() {
        let proxy: std::net::IpAddr = "10.0.0.2".parse().unwrap();
        let mut headers = axum::http::HeaderMap::new();
        headers.insert("x-forwarded-for", "1.2.3.4, 203.0.113.9".parse().unwrap());
        let client: std::net::IpAddr = "203.0.113.9".parse().unwrap();
        assert_eq!(
            client_address(proxy, &headers, &[proxy]),
            client,
            "the proxy's client"
        );
        let stranger: std::net::IpAddr = "198.51.100.7".parse().unwrap();
        assert_eq!(
            client_address(stranger, &headers, &[proxy]),
            stranger,
            "not believed"
        );
        assert_eq!(
            client_address(proxy, &axum::http::HeaderMap::new(), &[proxy]),
            proxy
        );
    }
}
