//! One error type for every handler, mapped to a status and a JSON body in one
//! place, so clients always get the same shape: `{"error": CODE, "message": …}`.
//! The sync errors Replicache knows keep Replicache's shape and its 200 status.

use axum::http::{StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::Json;
use linli_core::protocol::SyncErrorBody;
use serde_json::json;

use crate::db::DbError;
use crate::sync::SyncError;

/// What can go wrong in a request.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// 404: no API endpoint at this path.
    #[error("no API endpoint at {0}")]
    ApiNotFound(String),
    /// 400: the body is not the JSON this endpoint takes.
    #[error("{0}")]
    BadRequest(String),
    /// 413: the body is larger than the server accepts.
    #[error("the request body is too large")]
    PayloadTooLarge,
    /// 401: no bearer token, or one the server does not know.
    #[error("sign in first: this device has no valid token")]
    Unauthorized,
    /// 401: this device was signed out (by its member or the committee), or
    /// its member has left. It keeps what it had not sent.
    #[error("this device has been signed out; join again with a new invite code")]
    SignedOut,
    /// 404: an invite code that is unknown or was withdrawn.
    #[error("this invite code is unknown or was withdrawn")]
    InviteNotFound,
    /// 410: an invite code that was used already.
    #[error("this invite code has been used")]
    InviteUsed,
    /// 410: an invite code past its last day.
    #[error("this invite code has expired; ask the committee for a new one")]
    InviteExpired,
    /// 403: the code's member has left the community.
    #[error("this member has left the community")]
    MemberLeft,
    /// 429: too many requests; try again after the given time.
    #[error("too many requests; try again in {} s", .0.as_secs().max(1))]
    TooManyRequests(std::time::Duration),
    /// 400: a push names a mutation this server does not know.
    #[error("unknown mutation {0:?}")]
    UnknownMutation(String),
    /// 403: the client belongs to another member.
    #[error("this client belongs to another member")]
    Forbidden,
    /// 200 with Replicache's error body.
    #[error("sync error {0:?}")]
    Sync(SyncErrorBody),
    /// 503: the database did not answer. The cause is logged, never sent.
    #[error("the database is unavailable")]
    DatabaseUnavailable(#[source] DbError),
    /// 503: concurrent pushes kept moving a client's counter; try again.
    #[error("the server is busy; try again")]
    Busy,
    /// 405: the path exists under `/api/` but not for this method.
    #[error("{0} is not allowed here")]
    MethodNotAllowed(String),
    /// 500: a handler failed in a way it should never (logged, never sent).
    #[error("the server failed; try again later")]
    Internal,
}

impl From<SyncError> for AppError {
    fn from(err: SyncError) -> Self {
        match err {
            SyncError::VersionNotSupported(kind) => AppError::Sync(SyncErrorBody::VersionNotSupported {
                version_type: kind.to_owned(),
            }),
            SyncError::ClientStateNotFound => AppError::Sync(SyncErrorBody::ClientStateNotFound),
            SyncError::UnknownMutation(name) => AppError::UnknownMutation(name),
            SyncError::WrongMember => AppError::Forbidden,
            SyncError::Conflict => AppError::Busy,
            SyncError::Db(err) => AppError::DatabaseUnavailable(err),
        }
    }
}

impl From<DbError> for AppError {
    fn from(err: DbError) -> Self {
        AppError::DatabaseUnavailable(err)
    }
}

impl AppError {
    /// A stable code clients can match on.
    fn code(&self) -> &'static str {
        match self {
            AppError::ApiNotFound(_) => "NotFound",
            AppError::BadRequest(_) => "BadRequest",
            AppError::PayloadTooLarge => "PayloadTooLarge",
            AppError::Unauthorized => "Unauthorized",
            AppError::SignedOut => "SignedOut",
            AppError::InviteNotFound => "InviteNotFound",
            AppError::InviteUsed => "InviteUsed",
            AppError::InviteExpired => "InviteExpired",
            AppError::MemberLeft => "MemberLeft",
            AppError::TooManyRequests(_) => "TooManyRequests",
            AppError::UnknownMutation(_) => "UnknownMutation",
            AppError::Forbidden => "Forbidden",
            AppError::Sync(_) => "Sync",
            AppError::DatabaseUnavailable(_) | AppError::Busy => "Unavailable",
            AppError::MethodNotAllowed(_) => "MethodNotAllowed",
            AppError::Internal => "Internal",
        }
    }

    fn status(&self) -> StatusCode {
        match self {
            AppError::ApiNotFound(_) | AppError::InviteNotFound => StatusCode::NOT_FOUND,
            AppError::BadRequest(_) | AppError::UnknownMutation(_) => StatusCode::BAD_REQUEST,
            AppError::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::Unauthorized | AppError::SignedOut => StatusCode::UNAUTHORIZED,
            AppError::InviteUsed | AppError::InviteExpired => StatusCode::GONE,
            AppError::MemberLeft => StatusCode::FORBIDDEN,
            AppError::TooManyRequests(_) => StatusCode::TOO_MANY_REQUESTS,
            AppError::Forbidden => StatusCode::FORBIDDEN,
            // Replicache reads these bodies only from a 200 answer.
            AppError::Sync(_) => StatusCode::OK,
            AppError::DatabaseUnavailable(_) | AppError::Busy => StatusCode::SERVICE_UNAVAILABLE,
            AppError::MethodNotAllowed(_) => StatusCode::METHOD_NOT_ALLOWED,
            AppError::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        if let AppError::DatabaseUnavailable(cause) = &self {
            // Details stay in the server log: they can name hosts and users.
            tracing::error!(%cause, "database unavailable");
        }
        let status = self.status();
        let body = match &self {
            AppError::Sync(body) => serde_json::to_value(body).unwrap_or_default(),
            AppError::TooManyRequests(wait) => json!({ "error": self.code(), "message": self.to_string(),
                                                       "retryAfter": wait.as_secs().max(1) }),
            _ => json!({ "error": self.code(), "message": self.to_string() }),
        };
        let mut response = (status, Json(body)).into_response();
        if let AppError::TooManyRequests(wait) = &self {
            response.headers_mut().insert(
                axum::http::header::RETRY_AFTER,
                axum::http::HeaderValue::from(wait.as_secs().max(1)),
            );
        }
        response
    }
}

/// Any path under `/api/` that no route matched.
pub async fn api_not_found(uri: Uri) -> AppError {
    AppError::ApiNotFound(uri.path().to_owned())
}

/// A known `/api/` path asked with a method it does not take.
pub async fn api_method_not_allowed(method: axum::http::Method) -> AppError {
    AppError::MethodNotAllowed(method.to_string())
}

/// What a panicking handler answers: the JSON shape of every other error.
pub fn panic_answer(panic: Box<dyn std::any::Any + Send + 'static>) -> Response {
    let detail = panic
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| panic.downcast_ref::<&str>().copied())
        .unwrap_or("a panic");
    tracing::error!(detail, "handler panicked");
    AppError::Internal.into_response()
}
