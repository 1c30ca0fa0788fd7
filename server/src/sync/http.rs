//! HTTP handlers of the sync API: reading and bounding the request, answering in JSON.

use super::apply::apply_batch;
use super::pull::pull_cases;
use super::pusher::Pusher;
use crate::api_error::{signed_in, ApiError};
use crate::served::Serve;
use crate::AppState;
use app::api::backend::AuthState;
use app::i18n::api;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{DefaultBodyLimit, Query, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Extension, Json, Router};
use domain::sync::{
    ApiErrorBody, PullResponse, PushRequest, PushResponse, MAX_BATCH_BYTES, MAX_BATCH_OPS,
    MAX_CASE_DETAILS, MAX_PULL_LIMIT, PROTOCOL_VERSION,
};
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new()
        .serve(
            "/api/v1/sync/push",
            post(push).layer(DefaultBodyLimit::max(MAX_BATCH_BYTES)),
        )
        .serve("/api/v1/sync/pull", get(pull))
        .serve("/api/v1/sync/cases", get(case_details))
}

const MAX_DEVICE_ID_CHARS: usize = 100;

/// Push a batch of operations. Each is applied exactly once; the answer lists every
/// operation's outcome in order. A batch that fails as a whole (503) applied nothing: retry it.
#[utoipa::path(
    post,
    path = "/api/v1/sync/push",
    tag = "sync",
    request_body = PushRequest,
    responses(
        (status = 200, description = "Every operation answered: applied, duplicate or rejected", body = PushResponse),
        (status = 400, description = "The request cannot be read; `field` names the JSON path at fault", body = ApiErrorBody),
        (status = 401, description = "No valid session cookie", body = ApiErrorBody),
        (status = 413, description = "More than 200 operations or 1 MiB", body = ApiErrorBody),
        (status = 415, description = "Not `Content-Type: application/json`", body = ApiErrorBody),
        (status = 503, description = "Nothing was applied; retry after the Retry-After seconds", body = ApiErrorBody),
    )
)]
#[tracing::instrument(name = "push", skip_all)]
pub(crate) async fn push(
    State(state): State<AppState>,
    auth: Option<Extension<AuthState>>,
    headers: axum::http::HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<PushResponse>, ApiError> {
    let user = signed_in(auth.as_deref())?;
    // A page of another site can post `text/plain` without asking first; JSON it cannot.
    let json = headers
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            v.trim_start()
                .to_ascii_lowercase()
                .starts_with("application/json")
        });
    if !json {
        return Err(ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
            None,
            api::JSON_ONLY,
        ));
    }
    let body = body.map_err(|rejection| {
        if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
            too_large(api::batch_too_many_bytes(MAX_BATCH_BYTES))
        } else {
            ApiError::new(
                StatusCode::BAD_REQUEST,
                "unreadable_body",
                None,
                rejection.body_text(),
            )
        }
    })?;
    let request: PushRequest = read_json(&body)?;
    if request.protocol != PROTOCOL_VERSION {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "unsupported_protocol",
            Some("protocol".into()),
            api::unsupported_protocol(PROTOCOL_VERSION),
        ));
    }
    if request.ops.len() > MAX_BATCH_OPS {
        return Err(too_large(api::batch_too_many_ops(MAX_BATCH_OPS)));
    }
    if request.device_id.trim().is_empty()
        || request.device_id.chars().count() > MAX_DEVICE_ID_CHARS
        || domain::text::has_control(&request.device_id)
    {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "malformed",
            Some("device_id".into()),
            api::bad_device_id(MAX_DEVICE_ID_CHARS),
        ));
    }
    let mut pusher = Pusher::load(&state.db, user, request.device_id)
        .await
        .map_err(ApiError::unavailable)?;
    pusher.clock_skew_ms = request
        .sent_at
        .filter(|at| domain::sync::DEVICE_TIMES.contains(at))
        .map(|at| at - crate::db::now_ms());
    let applied = apply_batch(&state.db, &state.rules, &pusher, request.ops)
        .await
        .map_err(ApiError::unavailable)?;
    state.live.wake(&applied.told);
    let results = applied.results;
    Ok(Json(PushResponse {
        protocol: PROTOCOL_VERSION,
        results,
        server_time: crate::db::now_ms(),
    }))
}

fn too_large(message: String) -> ApiError {
    ApiError::new(
        StatusCode::PAYLOAD_TOO_LARGE,
        "batch_too_large",
        None,
        message,
    )
}

/// Parses JSON, naming the path of the first field that is wrong.
pub(super) fn read_json<T: serde::de::DeserializeOwned>(body: &[u8]) -> Result<T, ApiError> {
    let deserializer = &mut serde_json::Deserializer::from_slice(body);
    let value = serde_path_to_error::deserialize(&mut *deserializer).map_err(|e| {
        let field = e.path().to_string();
        let field = (field != ".").then_some(field);
        ApiError::new(
            StatusCode::BAD_REQUEST,
            "malformed",
            field,
            e.inner().to_string(),
        )
    })?;
    // Bytes after the JSON (whitespace aside) mean the body is not what the client meant.
    deserializer
        .end()
        .map_err(|e| ApiError::new(StatusCode::BAD_REQUEST, "malformed", None, e.to_string()))?;
    Ok(value)
}

#[derive(Deserialize)]
pub(crate) struct PullQuery {
    #[serde(default)]
    cursor: i64,
    #[serde(default = "default_limit")]
    limit: i64,
    /// The routing context version the device holds (see `PullResponse::routing`).
    #[serde(default)]
    routing_version: Option<String>,
    /// The id of the newest notification the device holds.
    #[serde(default)]
    notice_cursor: i64,
    /// The categories version the device holds (see `PullResponse::categories_version`).
    #[serde(default)]
    categories_version: Option<String>,
}

fn default_limit() -> i64 {
    200
}

/// Pull every change to the cases the signed-in user may see after `cursor`, oldest first.
#[utoipa::path(
    get,
    path = "/api/v1/sync/pull",
    tag = "sync",
    params(
        ("cursor" = Option<i64>, Query, description = "The `next_cursor` of the previous pull; 0 or absent for everything"),
        ("limit" = Option<i64>, Query, description = "Cases per page, 1 to 500 (default 200)"),
        ("notice_cursor" = Option<i64>, Query, description = "The id of the newest notification the device holds; newer ones come with the page"),
        ("routing_version" = Option<String>, Query, description = "The `routing.version` the device holds; the routing context is sent only when it differs"),
        ("categories_version" = Option<String>, Query, description = "The `categories_version` the device holds; the categories are sent only when it differs"),
    ),
    responses(
        (status = 200, description = "A page of cases; pull again at once while `more` is true", body = PullResponse),
        (status = 400, description = "A parameter cannot be read", body = ApiErrorBody),
        (status = 401, description = "No valid session cookie", body = ApiErrorBody),
        (status = 503, description = "Try again shortly", body = ApiErrorBody),
    )
)]
#[tracing::instrument(name = "pull", skip_all)]
pub(crate) async fn pull(
    State(state): State<AppState>,
    auth: Option<Extension<AuthState>>,
    query: Result<Query<PullQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<PullResponse>, ApiError> {
    let user = signed_in(auth.as_deref())?;
    let Query(query) = query
        .map_err(|e| ApiError::new(StatusCode::BAD_REQUEST, "malformed", None, e.body_text()))?;
    if query.cursor < 0 {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "malformed",
            Some("cursor".into()),
            "cursor must not be negative",
        ));
    }
    let limit = query.limit.clamp(1, MAX_PULL_LIMIT);
    let held = super::pull::Held {
        cursor: query.cursor,
        routing_version: query.routing_version.as_deref(),
        categories_version: query.categories_version.as_deref(),
        notice_cursor: query.notice_cursor,
    };
    pull_cases(&state.db, &state.rules, &user, held, limit)
        .await
        .map(Json)
        .map_err(ApiError::unavailable)
}

#[derive(Deserialize)]
pub(crate) struct CasesQuery {
    /// Case ids, comma-separated.
    #[serde(default)]
    ids: String,
}

/// The details of some cases, as their pages show them to the signed-in user, for the device to
/// keep so each case opens offline. A case the user may not see (or that does not exist) is
/// left out of the answer, the same either way.
#[utoipa::path(
    get,
    path = "/api/v1/sync/cases",
    tag = "sync",
    params(("ids" = String, Query, description = "Case ids, comma-separated, at most 50")),
    responses(
        (status = 200, description = "The cases the user may see, as their pages show them (facts, holders, timeline, allowed steps); others are left out", body = [Object]),
        (status = 400, description = "Too many ids, or a parameter cannot be read", body = ApiErrorBody),
        (status = 401, description = "No valid session cookie", body = ApiErrorBody),
        (status = 503, description = "Try again shortly", body = ApiErrorBody),
    )
)]
#[tracing::instrument(name = "case_details", skip_all)]
pub(crate) async fn case_details(
    State(state): State<AppState>,
    auth: Option<Extension<AuthState>>,
    query: Result<Query<CasesQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<Vec<app::api::cases::CaseView>>, ApiError> {
    let user = signed_in(auth.as_deref())?;
    let Query(query) = query
        .map_err(|e| ApiError::new(StatusCode::BAD_REQUEST, "malformed", None, e.body_text()))?;
    let ids: Vec<&str> = query
        .ids
        .split(',')
        .map(str::trim)
        .filter(|id| !id.is_empty())
        .collect();
    if ids.len() > MAX_CASE_DETAILS {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "too_many_cases",
            Some("ids".into()),
            api::too_many_cases(MAX_CASE_DETAILS),
        ));
    }
    let mut views = Vec::with_capacity(ids.len());
    for id in ids {
        if let Some(view) = crate::cases::view::load(&state.db, &user, id, &state.rules.closing)
            .await
            .map_err(ApiError::unavailable)?
        {
            views.push(view);
        }
    }
    Ok(Json(views))
}
