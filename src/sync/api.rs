//! The server's sync API over HTTP (docs/PROTOCOL.md), one function per
//! endpoint. Replicache's push and pull:
//! <https://doc.replicache.dev/reference/server-push>,
//! <https://doc.replicache.dev/reference/server-pull>.

use gloo_net::http::{Request, Response};
use linli_core::protocol::{PullRequest, PullResponse, PushRequest, PushResponse, SyncErrorBody};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

/// Why a request to the server did not succeed.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ApiError {
    /// No answer: offline, or the server is unreachable.
    #[error("no connection to the server")]
    Offline,
    /// The device's token is not (or no longer) valid.
    #[error("the server does not accept this device's sign-in")]
    Unauthorized,
    /// The invite code is unknown or used.
    #[error("invite code unknown or used")]
    InviteNotFound,
    /// The server has no state for this device's client group (it was reset).
    #[error("the server has no state for this device")]
    ClientStateNotFound,
    /// This app is older or newer than the server speaks.
    #[error("the server does not support this version of the app")]
    VersionNotSupported,
    /// Any other answer: the status and the server's error code.
    #[error("the server answered {status} {code}")]
    Server { status: u16, code: String },
}

#[derive(Deserialize)]
struct ErrorBody {
    error: String,
}

#[derive(Serialize)]
struct JoinRequest<'a> {
    code: &'a str,
}

/// `POST /api/v1/join`'s answer.
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Joined {
    pub token: String,
    pub community: String,
    pub member_id: String,
    pub roles: Vec<linli_core::Role>,
}

pub async fn join(code: &str) -> Result<Joined, ApiError> {
    let response = send(Request::post("/api/v1/join").json(&JoinRequest { code }), None).await?;
    into_json(response).await
}

pub async fn push(token: &str, request: &PushRequest) -> Result<PushResponse, ApiError> {
    let response = send(Request::post("/api/v1/push").json(request), Some(token)).await?;
    into_json(response).await
}

pub async fn pull(token: &str, request: &PullRequest) -> Result<PullResponse, ApiError> {
    let response = send(Request::post("/api/v1/pull").json(request), Some(token)).await?;
    into_json(response).await
}

pub async fn logout(token: &str) -> Result<(), ApiError> {
    let response = send(
        Request::post("/api/v1/logout").json(&serde_json::json!({})),
        Some(token),
    )
    .await?;
    if response.ok() {
        Ok(())
    } else {
        Err(error_of(response).await)
    }
}

async fn send(
    request: Result<gloo_net::http::Request, gloo_net::Error>,
    token: Option<&str>,
) -> Result<Response, ApiError> {
    let request = request.map_err(|_| ApiError::Offline)?;
    if let Some(token) = token {
        request.headers().set("Authorization", &format!("Bearer {token}"));
    }
    request.send().await.map_err(|_| ApiError::Offline)
}

/// A 2xx body as `T`; Replicache's error bodies (sent with 200) and every
/// other status as an [`ApiError`].
async fn into_json<T: DeserializeOwned>(response: Response) -> Result<T, ApiError> {
    if !response.ok() {
        return Err(error_of(response).await);
    }
    let unreadable = || ApiError::Server {
        status: response.status(),
        code: "UnreadableAnswer".into(),
    };
    let text = response.text().await.map_err(|_| ApiError::Offline)?;
    let value: serde_json::Value = serde_json::from_str(&text).map_err(|_| unreadable())?;
    if value.get("error").is_some() {
        return Err(match serde_json::from_value::<SyncErrorBody>(value) {
            Ok(SyncErrorBody::ClientStateNotFound) => ApiError::ClientStateNotFound,
            Ok(SyncErrorBody::VersionNotSupported { .. }) => ApiError::VersionNotSupported,
            Err(_) => unreadable(),
        });
    }
    serde_json::from_value(value).map_err(|_| unreadable())
}

async fn error_of(response: Response) -> ApiError {
    let status = response.status();
    let code = response
        .text()
        .await
        .ok()
        .and_then(|text| serde_json::from_str::<serde_json::Value>(&text).ok())
        .and_then(|value| serde_json::from_value::<ErrorBody>(value).ok())
        .map(|body| body.error)
        .unwrap_or_default();
    match (status, code.as_str()) {
        (401, _) => ApiError::Unauthorized,
        (404, "InviteNotFound") => ApiError::InviteNotFound,
        _ => ApiError::Server { status, code },
    }
}
