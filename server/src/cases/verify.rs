//! `GET /api/v1/cases/{id}/verify`: whether a case's timeline is the one that was written — each
//! event's hash matches its content and links to the event before (`crate::cases::log`).

use crate::api_error::{signed_in, ApiError};
use crate::cases::log::{verify, Verification};
use crate::cases::visibility::can_see;
use crate::served::Serve;
use crate::AppState;
use app::api::backend::AuthState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Extension, Json, Router};
use domain::sync::ApiErrorBody;

pub fn router() -> Router<AppState> {
    Router::new().serve("/api/v1/cases/{id}/verify", get(verify_case))
}

/// Check a case's timeline: every event's hash over its content and the previous event's hash.
#[utoipa::path(
    get,
    path = "/api/v1/cases/{id}/verify",
    tag = "cases",
    params(("id" = String, Path, description = "The case's id")),
    responses(
        (status = 200, description = "Whether the chain is intact, and the first event that is not", body = Verification),
        (status = 401, description = "No valid session cookie", body = ApiErrorBody),
        (status = 404, description = "No such case visible to the user", body = ApiErrorBody),
    )
)]
#[tracing::instrument(name = "verify_case", skip_all)]
pub(crate) async fn verify_case(
    State(state): State<AppState>,
    auth: Option<Extension<AuthState>>,
    Path(id): Path<String>,
) -> Result<Json<Verification>, ApiError> {
    let user = signed_in(auth.as_deref())?;
    if !can_see(&state.db, &user, &id)
        .await
        .map_err(ApiError::unavailable)?
    {
        return Err(ApiError::new(
            StatusCode::NOT_FOUND,
            "unknown_case",
            Some("id".into()),
            app::i18n::api::UNKNOWN_CASE,
        ));
    }
    crate::audit::sensitive_reads(
        &state.db.pool,
        user.id,
        &[id.as_str()],
        domain::audit::ReadVia::Verify,
        crate::db::now_ms(),
    )
    .await
    .map_err(ApiError::unavailable)?;
    verify(&state.db.pool, &id)
        .await
        .map(Json)
        .map_err(ApiError::unavailable)
}
