//! The error every server function returns. It crosses the network as JSON, so the browser can
//! word it in the person's language (`i18n/problems.rs`); infrastructure detail never reaches it.

use domain::problem::Problem;
use domain::session::LoginError;
use serde::{Deserialize, Serialize};
use server_fn::codec::JsonEncoding;
use server_fn::error::{FromServerFnError, ServerFnErrorErr};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("not signed in")]
    NotSignedIn,
    #[error("forbidden")]
    Forbidden,
    #[error("not found")]
    NotFound,
    #[error("invalid field {field}: {problem:?}")]
    Invalid { field: String, problem: Problem },
    #[error("sign-in failed: {0}")]
    Login(LoginError),
    /// Too many wrong sign-ins from this account or address (`domain::throttle`): try again
    /// after this many seconds (also sent as `Retry-After`).
    #[error("too many attempts: retry after {retry_after_secs} s")]
    TooManyAttempts { retry_after_secs: u64 },
    /// A database or other internal failure; the detail is logged on the server only.
    #[error("internal error")]
    Internal,
    /// The request never reached the server function, or its answer could not be read.
    #[error("transport: {0}")]
    Transport(String),
}

impl AppError {
    pub fn invalid(field: &str, problem: Problem) -> AppError {
        AppError::Invalid {
            field: field.to_owned(),
            problem,
        }
    }

    /// The HTTP status this error is sent with: never a 500, since every failure a person can
    /// meet has a truer name (an unreachable database is a 503, "try again shortly").
    pub fn status_code(&self) -> u16 {
        match self {
            AppError::NotSignedIn => 401,
            AppError::Forbidden => 403,
            AppError::NotFound => 404,
            AppError::Invalid { .. } => 422,
            AppError::Login(LoginError::WrongCredentials) => 401,
            AppError::Login(LoginError::MissingFields) => 422,
            AppError::Login(LoginError::Disabled) => 403,
            AppError::Login(LoginError::Unavailable) | AppError::Internal => 503,
            AppError::TooManyAttempts { .. } => 429,
            AppError::Transport(_) => 400,
        }
    }

    /// The field this error belongs to, so a form can show it next to that field.
    pub fn field(&self) -> Option<&str> {
        match self {
            AppError::Invalid { field, .. } => Some(field),
            _ => None,
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        AppError::Transport(value.to_string())
    }
}
