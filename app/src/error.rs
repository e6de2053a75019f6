//! The error every server function returns: a specific message for the person using the page,
//! never an internal detail (those are logged on the server).

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// The input is wrong; the message says what and how to fix it.
    #[error("{0}")]
    Invalid(String),
    #[error("{0} was not found")]
    NotFound(String),
    #[error("Please sign in to do this.")]
    Unauthenticated,
    #[error("Your role does not allow this.")]
    Forbidden,
    /// The role allows the action, but a rule forbids it here; the message says which.
    #[error("{0}")]
    Refused(String),
    /// A write made against an old version: someone else changed it first.
    #[error("{0}")]
    Conflict(String),
    /// Too many requests of this kind just now (sign-in attempts, extraction, password
    /// hashing): try again after this many seconds.
    #[error("{message}")]
    TooMany { message: String, retry_after: u64 },
    #[error("Something went wrong on our side; it has been logged. Please try again.")]
    Internal,
    /// The request never reached the function, or its answer could not be read.
    #[error("{0}")]
    Transport(String),
}

impl AppError {
    pub fn invalid(msg: impl Into<String>) -> Self {
        AppError::Invalid(msg.into())
    }

    /// The HTTP status this error is answered with.
    pub fn status(&self) -> u16 {
        match self {
            AppError::Invalid(_) => 422,
            AppError::NotFound(_) => 404,
            AppError::Unauthenticated => 401,
            AppError::Forbidden | AppError::Refused(_) => 403,
            AppError::Conflict(_) => 409,
            AppError::TooMany { .. } => 429,
            AppError::Internal | AppError::Transport(_) => 500,
        }
    }
}

impl AppError {
    /// The heading of a page this error stands in for: what the reader meets instead.
    pub fn headline(&self) -> &'static str {
        match self {
            AppError::Invalid(_) => "This address is not quite right",
            AppError::NotFound(_) => "Not found",
            AppError::Unauthenticated => "Sign in to see this page",
            AppError::Forbidden | AppError::Refused(_) => "Not open to your role",
            AppError::Conflict(_) => "Changed by someone else",
            AppError::TooMany { .. } => "Too many requests just now",
            AppError::Internal | AppError::Transport(_) => "Something went wrong",
        }
    }

    /// For a 429: how many seconds to wait (the `Retry-After` header).
    pub fn retry_after(&self) -> Option<u64> {
        match self {
            AppError::TooMany { retry_after, .. } => Some(*retry_after),
            _ => None,
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            // A form sent with a field missing or a value not of its kind (an address edited
            // by hand, a page from an older version): the sender's mistake, not ours.
            ServerFnErrorErr::Args(_) | ServerFnErrorErr::MissingArg(_) => AppError::Invalid(
                "This form arrived incomplete or with a value of the wrong kind; reload the page and try again.".into(),
            ),
            other => AppError::Transport(other.to_string()),
        }
    }
}
