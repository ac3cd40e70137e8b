//! Extractors with Linli's error shape: JSON bodies and the signed-in session.

use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::de::DeserializeOwned;
use serde::Serialize;

use super::{AppError, AppState};
use crate::db::{Session, TokenState};
use crate::secrets::legacy_hash;

/// `Json` whose rejections are [`AppError`]s: a malformed body is a JSON 400,
/// an oversized one a JSON 413.
pub struct AppJson<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for AppJson<T> {
    type Rejection = AppError;

    async fn from_request(request: Request, state: &S) -> Result<Self, AppError> {
        match Json::<T>::from_request(request, state).await {
            Ok(Json(value)) => Ok(AppJson(value)),
            Err(rejection) if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                Err(AppError::PayloadTooLarge)
            }
            Err(rejection) => Err(AppError::BadRequest(describe(&rejection))),
        }
    }
}

fn describe(rejection: &JsonRejection) -> String {
    // body_text() explains what is wrong with the JSON without echoing it.
    rejection.body_text()
}

impl<T: Serialize> IntoResponse for AppJson<T> {
    fn into_response(self) -> Response {
        Json(self.0).into_response()
    }
}

/// The member behind `Authorization: Bearer <token>`, and the token's hash.
pub struct Authenticated {
    pub session: Session,
    pub token_hash: String,
    /// When the device last synced, as the server noted it (ms).
    pub last_seen_at: i64,
}

impl Authenticated {
    /// Takes one request from this device's allowance for syncing.
    pub fn within_sync_limit(&self, state: &AppState) -> Result<(), AppError> {
        state
            .limits
            .sync_per_token
            .take(&self.token_hash)
            .map_err(AppError::TooManyRequests)
    }
}

impl FromRequestParts<AppState> for Authenticated {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let token = parts
            .headers
            .get(AUTHORIZATION)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.strip_prefix("Bearer "))
            .map(str::trim)
            .filter(|token| !token.is_empty())
            .ok_or(AppError::Unauthorized)?;
        let token_hash = state.key.hash(token);
        match state
            .database
            .token_state(&token_hash, &legacy_hash(token))
            .await?
        {
            TokenState::Active {
                session,
                last_seen_at,
            } => Ok(Authenticated {
                session,
                token_hash,
                last_seen_at,
            }),
            TokenState::SignedOut => Err(AppError::SignedOut),
            TokenState::Unknown => Err(AppError::Unauthorized),
        }
    }
}

/// The address of the connection a request came on, if the server knows it
/// (a router called without a socket, as the tests do, does not).
pub struct ClientAddress(pub Option<std::net::SocketAddr>);

impl<S: Send + Sync> FromRequestParts<S> for ClientAddress {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(ClientAddress(
            parts
                .extensions
                .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
                .map(|info| info.0),
        ))
    }
}

/// The client's address as the limits count it: the connection's, or behind
/// a trusted reverse proxy the first address of `X-Forwarded-For`.
pub fn client_address(
    state: &AppState,
    connection: Option<std::net::SocketAddr>,
    headers: &axum::http::HeaderMap,
) -> String {
    if state.trust_forwarded_for {
        let forwarded = headers
            .get("x-forwarded-for")
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.split(',').next())
            .map(str::trim)
            .filter(|address| !address.is_empty());
        if let Some(address) = forwarded {
            return address.to_owned();
        }
    }
    connection.map_or_else(|| "local".to_owned(), |address| address.ip().to_string())
}
