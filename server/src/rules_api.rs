//! The rules over HTTP: `POST /api/v1/rules/explain` (what the rules decide for a case's facts
//! and a recording grid, and why) and `GET /api/v1/rules` (the active rule set, for phones'
//! offline preview and the admin page).

use crate::api_error::{signed_in, ApiError};
use crate::directory;
use crate::routing::routing_tree;
use crate::AppState;
use app::api::backend::AuthState;
use app::clock::Day;
use app::dispute::{validate, DisputeFacts};
use app::jurisdiction::UnitKind;
use app::rules::{decide, Explanation, RuleSet};
use app::sync::ApiErrorBody;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Extension, Json, Router};
use serde::{Deserialize, Serialize};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/rules", get(active))
        .route("/api/v1/rules/explain", post(explain))
}

/// A case to explain: its facts and the grid that records it.
#[derive(Debug, Deserialize, Serialize, utoipa::ToSchema)]
pub struct ExplainRequest {
    /// The recording grid; absent: the signed-in grid worker's own grid.
    #[serde(default)]
    pub grid_id: Option<i64>,
    pub facts: DisputeFacts,
}

/// Explain what the active rules decide for a case, with the rules that fired. The same engine
/// routes synced cases, so the answer is what intake would do today.
#[utoipa::path(
    post,
    path = "/api/v1/rules/explain",
    tag = "rules",
    request_body = ExplainRequest,
    responses(
        (status = 200, description = "The decision and the rules that fired, in order", body = Explanation),
        (status = 400, description = "The request cannot be read, or the facts fail a check; `field` names it", body = ApiErrorBody),
        (status = 401, description = "No valid session cookie", body = ApiErrorBody),
        (status = 404, description = "No such grid in the signed-in user's part of the tree", body = ApiErrorBody),
    )
)]
pub(crate) async fn explain(
    State(state): State<AppState>,
    auth: Option<Extension<AuthState>>,
    body: Result<Json<ExplainRequest>, axum::extract::rejection::JsonRejection>,
) -> Result<Json<Explanation>, ApiError> {
    let user = signed_in(auth.as_deref())?;
    let Json(request) =
        body.map_err(|e| ApiError::new(StatusCode::BAD_REQUEST, "malformed", None, e.body_text()))?;
    if let Some(problem) = validate(&request.facts).into_iter().next() {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "invalid",
            Some(format!("facts.{}", problem.field)),
            format!("{:?}", problem.problem),
        ));
    }
    let grid_id = request.grid_id.unwrap_or(user.unit_id);
    let db = &state.db;
    let grid = directory::unit(db, grid_id)
        .await
        .map_err(ApiError::unavailable)?
        .filter(|u| u.kind == UnitKind::Grid);
    let visible = match &grid {
        Some(g) => directory::is_within(db, user.unit_id, g.id)
            .await
            .map_err(ApiError::unavailable)?,
        None => false,
    };
    if !visible {
        return Err(ApiError::new(
            StatusCode::NOT_FOUND,
            "unknown_grid",
            Some("grid_id".into()),
            "没有这个网格，或不在您的辖区内。No such grid in your part of the tree.",
        ));
    }
    let tree = routing_tree(&db.pool, grid_id)
        .await
        .map_err(ApiError::unavailable)?;
    let today = Day::of_unix_ms(crate::db::now_ms());
    let decision =
        decide(&request.facts, &tree, &state.rules, today).map_err(ApiError::unavailable)?;
    Ok(Json(Explanation::of(&decision, &state.rules)))
}

/// The active rule set, as the engine reads it (JSON).
pub(crate) async fn active(
    State(state): State<AppState>,
    auth: Option<Extension<AuthState>>,
) -> Result<Json<RuleSet>, ApiError> {
    signed_in(auth.as_deref())?;
    Ok(Json((*state.rules).clone()))
}
