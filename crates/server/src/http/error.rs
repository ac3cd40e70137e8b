//! One error type for every handler, mapped to a status and a JSON body in one
//! place, so clients always get the same shape: `{"error": CODE, "message": …}`.

use axum::http::{StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;

/// What can go wrong in a request.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// 404: no API endpoint at this path.
    #[error("no API endpoint at {0}")]
    ApiNotFound(String),
    /// 503: the database did not answer. The cause is logged, never sent.
    #[error("the database is unavailable")]
    DatabaseUnavailable(#[source] crate::db::DbError),
}

impl AppError {
    /// A stable code clients can match on.
    fn code(&self) -> &'static str {
        match self {
            AppError::ApiNotFound(_) => "NotFound",
            AppError::DatabaseUnavailable(_) => "Unavailable",
        }
    }

    fn status(&self) -> StatusCode {
        match self {
            AppError::ApiNotFound(_) => StatusCode::NOT_FOUND,
            AppError::DatabaseUnavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        if let AppError::DatabaseUnavailable(cause) = &self {
            // Details stay in the server log: they can name hosts and users.
            tracing::error!(%cause, "database unavailable");
        }
        let body = json!({ "error": self.code(), "message": self.to_string() });
        (self.status(), Json(body)).into_response()
    }
}

/// Any path under `/api/` that no route matched.
pub async fn api_not_found(uri: Uri) -> AppError {
    AppError::ApiNotFound(uri.path().to_owned())
}
