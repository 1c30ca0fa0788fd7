//! What a server-side operation can fail with: something the person can fix or must be told (an
//! [`AppError`], worded on their page), or an infrastructure failure — the database, a task —
//! that is logged in full here and reaches the person only as "try again shortly" (a 503, never
//! a 500). Functions that touch the database return `Result<T, ServerError>` and use `?` on
//! both; the edge that answers a page converts with `?` again (`From<ServerError> for AppError`).

use app::error::AppError;

#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    /// A refusal the person sees as it is: not allowed, not found, a field at fault.
    #[error(transparent)]
    App(#[from] AppError),
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    /// Stored JSON that no longer reads as its type, or a value that will not encode.
    #[error("json: {0}")]
    Json(#[from] serde_json::Error),
    /// The tree lacks the units the rule file's last rule names (a checked file excludes it).
    #[error("rules: {0}")]
    Rules(#[from] domain::rules::engine::NoDecision),
    #[error(transparent)]
    Other(#[from] anyhow::Error),
}

pub type ServerResult<T> = Result<T, ServerError>;

impl From<ServerError> for AppError {
    fn from(error: ServerError) -> AppError {
        match error {
            ServerError::App(error) => error,
            infrastructure => {
                tracing::error!(error = %infrastructure, "internal error");
                AppError::Internal
            }
        }
    }
}
