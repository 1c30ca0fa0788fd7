//! The OpenAPI document of the versioned API, served at `/api/v1/openapi.json` for other
//! clients (a provincial platform, another app). Generated from the handlers and the shared
//! types, so it cannot drift from the code.

use axum::Json;
use utoipa::OpenApi;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Fengqiao API",
        version = "1",
        description = "Offline-first case system for grand-mediation networks. Authentication: the `fq_session` cookie set by `POST /api/session/login` (form fields `username`, `password`)."
    ),
    paths(
        crate::sync::http::push,
        crate::sync::http::pull,
        crate::sync::http::case_details,
        crate::rules::api::active,
        crate::rules::api::explain,
        crate::cases::verify::verify_case,
        crate::stats::export::monthly_report,
        crate::notifications::inbox::list,
        crate::notifications::inbox::mark_read_route,
        crate::notifications::inbox::live,
        crate::http::health,
        crate::http::switch_language,
        document,
        service_worker,
        login,
        logout,
        current,
        change_password,
    ),
    // A pushed operation travels as raw JSON (so one bad operation cannot fail its batch); its
    // shape is documented here.
    components(schemas(
        domain::sync::Operation,
        domain::sync::OpBody,
        domain::dispute::DisputeFacts,
        crate::stats::export::Format
    )),
    tags(
        (name = "session", description = "Signing in and out (form posts; the session is the HttpOnly `fq_session` cookie), and one's own password"),
        (name = "notifications", description = "The inbox, marking it read, and the live stream"),
        (name = "public", description = "What needs no session: health, this document, the language switch, the service worker"),
        (name = "sync", description = "Exactly-once push of a device's outbox, cursored pull of what it may see"),
        (name = "rules", description = "The deployment's escalation rules: what they decide for a case, and why"),
        (name = "cases", description = "Cases: whether a timeline is the one that was written"),
        (name = "reports", description = "The monthly report of a township, county or city, as XLSX or CSV")
    )
)]
pub struct ApiDoc;

/// This document.
#[utoipa::path(get, path = "/api/v1/openapi.json", tag = "public",
    responses((status = 200, description = "The OpenAPI 3.1 document of this API", body = Object)))]
pub async fn document() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}

/// The service worker that keeps the app for offline use (`crate::http::service_worker`).
#[utoipa::path(get, path = "/sw.js", tag = "public",
    responses((status = 200, description = "JavaScript, never cached by the browser's HTTP cache", content_type = "application/javascript", body = String)))]
pub fn service_worker() {}

// The session endpoints are Leptos server functions (`app::api::session`): form posts that
// answer JSON. They are documented here for other clients; the functions below exist only for
// the document.

/// Sign-in form fields.
#[derive(utoipa::ToSchema)]
#[allow(dead_code)]
pub struct LoginForm {
    username: String,
    password: String,
}

/// Signs in: sets the `fq_session` cookie (HttpOnly, SameSite=Lax; Secure behind HTTPS).
#[utoipa::path(post, path = "/api/session/login", tag = "session",
    request_body(content = LoginForm, content_type = "application/x-www-form-urlencoded"),
    responses(
        (status = 200, description = "The signed-in user (`SessionUser`)", body = Object),
        (status = 400, description = "A form field is missing: `{\"Transport\": …}`", body = Object),
        (status = 401, description = "`{\"Login\":\"wrong_credentials\"}`: unknown user or wrong password, one answer for both", body = Object),
        (status = 403, description = "`{\"Login\":\"disabled\"}`; or `cross_origin` when not posted from this site's pages", body = Object),
        (status = 422, description = "`{\"Login\":\"missing_fields\"}`", body = Object),
        (status = 429, description = "Too many wrong passwords: wait `Retry-After` seconds", body = Object),
    ))]
pub fn login() {}

/// Signs out: ends the session on the server and clears the cookie; redirects to sign-in.
#[utoipa::path(post, path = "/api/session/logout", tag = "session",
    responses((status = 200, description = "Signed out (a browser form post is redirected to `/login?signed_out=1`)")))]
pub fn logout() {}

/// Who is signed in: the user, or `null`.
#[utoipa::path(post, path = "/api/session/current", tag = "session",
    responses((status = 200, description = "The signed-in user (`SessionUser`) or `null`", body = Object)))]
pub fn current() {}

/// A new password of one's own form fields.
#[derive(utoipa::ToSchema)]
#[allow(dead_code)]
pub struct PasswordForm {
    current: String,
    new_password: String,
    repeat: String,
}

/// Changes one's own password (8 to 128 characters, not the username, not the old one, typed
/// twice); one's other sessions end.
#[utoipa::path(post, path = "/api/session/password", tag = "session",
    request_body(content = PasswordForm, content_type = "application/x-www-form-urlencoded"),
    responses(
        (status = 200, description = "Changed"),
        (status = 401, description = "Not signed in", body = Object),
        (status = 422, description = "`{\"Invalid\":{\"field\":…,\"problem\":…}}`: the field at fault", body = Object),
    ))]
pub fn change_password() {}
