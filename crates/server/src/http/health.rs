//! `GET /api/v1/health` (docs/PROTOCOL.md, "Health").

use axum::extract::State;
use axum::Json;
use linli_core::{HealthResponse, API_VERSION};

use super::{AppError, AppState};

/// Answers with the server version and storage backend once the database has
/// answered a query; a load balancer takes a 503 here as "send no traffic".
pub async fn health(State(state): State<AppState>) -> Result<Json<HealthResponse>, AppError> {
    state
        .database
        .ping()
        .await
        .map_err(AppError::DatabaseUnavailable)?;
    Ok(Json(HealthResponse {
        status: "ok".into(),
        version: env!("CARGO_PKG_VERSION").into(),
        api_version: API_VERSION,
        storage: state.database.backend(),
    }))
}
