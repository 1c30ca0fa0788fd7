//! Errors of the versioned JSON API (`/api/v1`): a status, a stable code, the field at fault
//! when there is one, and a message a person (or the developer of another client) can read.

use app::api::backend::AuthState;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use domain::session::SessionUser;
use domain::sync::ApiErrorBody;

#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub body: ApiErrorBody,
}

impl ApiError {
    pub fn new(
        status: StatusCode,
        error: &str,
        field: Option<String>,
        message: impl Into<String>,
    ) -> ApiError {
        ApiError {
            status,
            body: ApiErrorBody {
                error: error.to_owned(),
                field,
                message: message.into(),
            },
        }
    }

    pub fn unauthorized() -> ApiError {
        ApiError::new(
            StatusCode::UNAUTHORIZED,
            "not_signed_in",
            None,
            app::i18n::api::NOT_SIGNED_IN,
        )
    }

    /// An infrastructure failure: logged in full, reported as "try again", never as a 500.
    pub fn unavailable(error: impl std::fmt::Display) -> ApiError {
        tracing::error!(%error, "API request failed on the server");
        ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "temporarily_unavailable",
            None,
            app::i18n::api::UNAVAILABLE,
        )
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let retry = (self.status == StatusCode::SERVICE_UNAVAILABLE)
            .then_some([(header::RETRY_AFTER, "5")]);
        (self.status, retry, Json(self.body)).into_response()
    }
}

/// The signed-in user of an API request (the session middleware has resolved the cookie).
pub fn signed_in(auth: Option<&AuthState>) -> Result<SessionUser, ApiError> {
    match auth {
        Some(AuthState::SignedIn(user)) => Ok(user.clone()),
        _ => Err(ApiError::unauthorized()),
    }
}
