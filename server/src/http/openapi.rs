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
        crate::rules::api::explain,
        crate::cases::verify::verify_case
    ),
    // A pushed operation travels as raw JSON (so one bad operation cannot fail its batch); its
    // shape is documented here.
    components(schemas(domain::sync::Operation, domain::sync::OpBody, domain::dispute::DisputeFacts)),
    tags(
        (name = "sync", description = "Exactly-once push of a device's outbox, cursored pull of what it may see"),
        (name = "rules", description = "The deployment's escalation rules: what they decide for a case, and why"),
        (name = "cases", description = "Cases: whether a timeline is the one that was written")
    )
)]
pub struct ApiDoc;

pub async fn document() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}
