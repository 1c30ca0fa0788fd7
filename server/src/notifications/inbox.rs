//! The inbox: a person's notifications with their unread count, marking them read, and the
//! live stream (server-sent events) that tells an open browser the count changed.

use crate::api_error::{signed_in, ApiError};
use crate::db::Db;
use crate::served::Serve;
use crate::AppState;
use app::api::backend::AuthState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::routing::{get, post};
use axum::{Extension, Json, Router};
use domain::notices::{InboxView, NoticeKind, Notification, INBOX_PAGE};
use futures_util::{stream, Stream, StreamExt};
use serde::{Deserialize, Serialize};
use sqlx::Row;
use std::convert::Infallible;
use tokio_stream::wrappers::BroadcastStream;

pub fn router() -> Router<AppState> {
    Router::new()
        .serve("/api/v1/inbox", get(list))
        .serve("/api/v1/inbox/read", post(mark_read_route))
        .serve("/api/v1/live", get(live))
}

pub async fn unread_count(db: &Db, user_id: i64) -> sqlx::Result<i64> {
    sqlx::query("SELECT COUNT(*) AS n FROM notifications WHERE user_id = $1 AND read_at IS NULL")
        .bind(user_id)
        .fetch_one(&db.pool)
        .await?
        .try_get("n")
}

/// The newest notifications of a user, with the unread count.
pub async fn inbox(db: &Db, user_id: i64, limit: i64) -> sqlx::Result<InboxView> {
    Ok(InboxView {
        items: newer_than(db, user_id, 0, limit).await?,
        unread: unread_count(db, user_id).await?,
    })
}

/// A user's notifications with an id above `after`, newest first.
pub async fn newer_than(
    db: &Db,
    user_id: i64,
    after: i64,
    limit: i64,
) -> sqlx::Result<Vec<Notification>> {
    let rows = sqlx::query(
        "SELECT n.id, n.kind, n.case_id, n.case_number, n.summary, n.detail, n.created_at,
                n.read_at, n.restricted, f.name AS unit_name
         FROM notifications n LEFT JOIN units f ON f.id = n.from_unit_id
         WHERE n.user_id = $1 AND n.id > $2 ORDER BY n.id DESC LIMIT $3",
    )
    .bind(user_id)
    .bind(after)
    .bind(limit)
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(|row| {
            Ok(Notification {
                id: row.try_get("id")?,
                kind: NoticeKind::from_code(row.try_get("kind")?),
                case_id: row.try_get("case_id")?,
                case_number: row.try_get("case_number")?,
                summary: row.try_get("summary")?,
                detail: row.try_get("detail")?,
                unit_name: row.try_get("unit_name")?,
                created_at: row.try_get("created_at")?,
                read: row.try_get::<Option<i64>, _>("read_at")?.is_some(),
                restricted: row.try_get::<i64, _>("restricted")? == 1,
            })
        })
        .collect()
}

/// Marks the given notifications of the user read (others' ids are ignored), or all of them.
pub async fn mark_read(db: &Db, user_id: i64, ids: Option<&[i64]>) -> sqlx::Result<()> {
    let now = crate::db::now_ms();
    match ids {
        None => {
            sqlx::query(
                "UPDATE notifications SET read_at = $1 WHERE user_id = $2 AND read_at IS NULL",
            )
            .bind(now)
            .bind(user_id)
            .execute(&db.pool)
            .await?;
        }
        Some(ids) => {
            for id in ids {
                sqlx::query(
                    "UPDATE notifications SET read_at = $1 WHERE id = $2 AND user_id = $3 AND read_at IS NULL",
                )
                .bind(now)
                .bind(id)
                .bind(user_id)
                .execute(&db.pool)
                .await?;
            }
        }
    }
    Ok(())
}

/// The newest notifications of the signed-in person, with the unread count.
#[utoipa::path(
    get,
    path = "/api/v1/inbox",
    tag = "notifications",
    responses(
        (status = 200, description = "Newest first, with the unread count", body = InboxView),
        (status = 401, description = "No valid session cookie", body = domain::sync::ApiErrorBody),
        (status = 503, description = "Try again shortly", body = domain::sync::ApiErrorBody),
    )
)]
#[tracing::instrument(name = "list", skip_all)]
pub(crate) async fn list(
    State(state): State<AppState>,
    auth: Option<Extension<AuthState>>,
) -> Result<Json<InboxView>, ApiError> {
    let user = signed_in(auth.as_deref())?;
    inbox(&state.db, user.id, INBOX_PAGE)
        .await
        .map(Json)
        .map_err(ApiError::unavailable)
}

/// Which notifications to mark read: the listed ids, or all when `ids` is absent.
#[derive(Debug, Deserialize, Serialize, utoipa::ToSchema)]
pub struct MarkRead {
    #[serde(default)]
    pub ids: Option<Vec<i64>>,
}

/// Marks the listed notifications read (all of them without `ids`).
#[utoipa::path(
    post,
    path = "/api/v1/inbox/read",
    tag = "notifications",
    request_body = MarkRead,
    responses(
        (status = 200, description = "The inbox after marking", body = InboxView),
        (status = 400, description = "The body cannot be read, or is not JSON", body = domain::sync::ApiErrorBody),
        (status = 401, description = "No valid session cookie", body = domain::sync::ApiErrorBody),
        (status = 503, description = "Try again shortly", body = domain::sync::ApiErrorBody),
    )
)]
#[tracing::instrument(name = "mark_read_route", skip_all)]
pub(crate) async fn mark_read_route(
    State(state): State<AppState>,
    auth: Option<Extension<AuthState>>,
    body: Result<Json<MarkRead>, axum::extract::rejection::JsonRejection>,
) -> Result<Json<InboxView>, ApiError> {
    let user = signed_in(auth.as_deref())?;
    let Json(request) =
        body.map_err(|e| ApiError::new(StatusCode::BAD_REQUEST, "malformed", None, e.body_text()))?;
    mark_read(&state.db, user.id, request.ids.as_deref())
        .await
        .map_err(ApiError::unavailable)?;
    // Other tabs of the same person update their count too.
    state.live.wake(&[user.id]);
    inbox(&state.db, user.id, INBOX_PAGE)
        .await
        .map(Json)
        .map_err(ApiError::unavailable)
}

/// What a live event carries: the unread count and the newest notification.
#[derive(Debug, Serialize, Deserialize)]
pub struct LiveUpdate {
    pub unread: i64,
    pub latest: Option<Notification>,
}

async fn live_update(db: &Db, user_id: i64) -> Event {
    let update = match inbox(db, user_id, 1).await {
        Ok(view) => LiveUpdate {
            unread: view.unread,
            latest: view.items.into_iter().next(),
        },
        Err(error) => {
            tracing::warn!(%error, "live update not read");
            return Event::default().comment("retry");
        }
    };
    Event::default()
        .event("inbox")
        .json_data(&update)
        .unwrap_or_else(|_| Event::default().comment("unencodable"))
}

/// Server-sent events: an `inbox` event at once and whenever the user is told something.
#[utoipa::path(
    get,
    path = "/api/v1/live",
    tag = "notifications",
    responses(
        (status = 200, description = "`text/event-stream`: `inbox` events carrying `{unread, latest}`", content_type = "text/event-stream", body = String),
        (status = 401, description = "No valid session cookie", body = domain::sync::ApiErrorBody),
    )
)]
#[tracing::instrument(name = "live", skip_all)]
pub(crate) async fn live(
    State(state): State<AppState>,
    auth: Option<Extension<AuthState>>,
) -> Result<Sse<impl Stream<Item = Result<Event, Infallible>>>, ApiError> {
    let user = signed_in(auth.as_deref())?;
    let user_id = user.id;
    let receiver = state.live.subscribe();
    let db = state.db.clone();
    let first = live_update(&db, user_id).await;
    // A stream that lagged behind the channel may have missed its own wake-up: re-read.
    let woken = BroadcastStream::new(receiver)
        .filter(move |message| {
            std::future::ready(match message {
                Ok(id) => *id == user_id,
                Err(_lagged) => true,
            })
        })
        .then(move |_| {
            let db = db.clone();
            async move { live_update(&db, user_id).await }
        });
    let events = stream::once(std::future::ready(first))
        .chain(woken)
        .map(Ok::<_, Infallible>);
    Ok(Sse::new(events).keep_alive(KeepAlive::default()))
}
