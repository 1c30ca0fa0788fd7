//! The rules over HTTP: `POST /api/v1/rules/explain` (what the rules decide for a case's facts
//! and a recording grid, and why) and `GET /api/v1/rules` (the active rule set, for phones'
//! offline preview and the admin page).

use crate::api_error::{signed_in, ApiError};
use crate::db::Db;
use crate::error::{ServerError, ServerResult};
use crate::people::directory;
use crate::people::directory::routing_tree;
use crate::served::Serve;
use crate::AppState;
use app::api::backend::AuthState;
use app::error::AppError;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Extension, Json, Router};
use domain::clock::Day;
use domain::dispute::{validate, DisputeFacts};
use domain::jurisdiction::UnitKind;
use domain::rules::{decide, Explanation, RuleSet};
use domain::session::SessionUser;
use domain::sync::ApiErrorBody;
use serde::{Deserialize, Serialize};

pub fn router() -> Router<AppState> {
    Router::new()
        .serve("/api/v1/rules", get(active))
        .serve("/api/v1/rules/explain", post(explain))
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
#[tracing::instrument(name = "explain", skip_all)]
pub(crate) async fn explain(
    State(state): State<AppState>,
    auth: Option<Extension<AuthState>>,
    body: Result<Json<ExplainRequest>, axum::extract::rejection::JsonRejection>,
) -> Result<Json<Explanation>, ApiError> {
    let user = signed_in(auth.as_deref())?;
    let Json(request) =
        body.map_err(|e| ApiError::new(StatusCode::BAD_REQUEST, "malformed", None, e.body_text()))?;
    match explain_for(
        &state.db,
        &state.rules,
        &user,
        request.grid_id,
        &request.facts,
    )
    .await
    {
        Ok(explanation) => Ok(Json(explanation)),
        Err(ServerError::App(AppError::Invalid { field, problem })) => Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "invalid",
            Some(format!("facts.{field}")),
            format!("{problem:?}"),
        )),
        Err(ServerError::App(AppError::NotFound)) => Err(ApiError::new(
            StatusCode::NOT_FOUND,
            "unknown_grid",
            Some("grid_id".into()),
            app::i18n::api::UNKNOWN_GRID,
        )),
        Err(other) => Err(ApiError::unavailable(other)),
    }
}

/// What the active rules decide for `facts` recorded in `grid_id` (the user's own unit when
/// absent), which must be a grid in the user's part of the tree. Shared by the explain API and
/// the admin page's "try a case".
pub async fn explain_for(
    db: &Db,
    rules: &RuleSet,
    user: &SessionUser,
    grid_id: Option<i64>,
    facts: &DisputeFacts,
) -> ServerResult<Explanation> {
    if let Some(problem) = validate(facts).into_iter().next() {
        return Err(AppError::invalid(&problem.field, problem.problem).into());
    }
    let grid_id = grid_id.unwrap_or(user.unit_id);
    let grid = directory::unit(db, grid_id)
        .await?
        .filter(|u| u.kind == UnitKind::Grid)
        .ok_or(AppError::NotFound)?;
    if !directory::is_within(db, user.unit_id, grid.id).await? {
        return Err(AppError::NotFound.into());
    }
    let tree = routing_tree(&db.pool, grid_id).await?;
    let today = Day::of_unix_ms(crate::db::now_ms());
    let decision = decide(facts, &tree, rules, today)?;
    Ok(Explanation::of(&decision, rules))
}

/// The active rule set, as the engine reads it (JSON).
#[utoipa::path(
    get,
    path = "/api/v1/rules",
    tag = "rules",
    responses(
        (status = 200, description = "The active rule set (the rule file as JSON: deadlines, thresholds, calendar, rules in order)", body = Object),
        (status = 401, description = "No valid session cookie", body = ApiErrorBody),
    )
)]
#[tracing::instrument(name = "active", skip_all)]
pub(crate) async fn active(
    State(state): State<AppState>,
    auth: Option<Extension<AuthState>>,
) -> Result<Json<RuleSet>, ApiError> {
    signed_in(auth.as_deref())?;
    Ok(Json((*state.rules).clone()))
}
