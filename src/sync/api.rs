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
    /// This device was signed out (by its member or the committee), or its
    /// member has left; it keeps what it had not sent.
    #[error("this device has been signed out")]
    SignedOut,
    /// The invite code is unknown or was withdrawn.
    #[error("invite code unknown or withdrawn")]
    InviteNotFound,
    #[error("invite code used")]
    InviteUsed,
    #[error("invite code expired")]
    InviteExpired,
    #[error("the member has left the community")]
    MemberLeft,
    /// Over a limit: try again after this many seconds.
    #[error("too many tries; wait {0} s")]
    TooManyRequests(u64),
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
#[serde(rename_all = "camelCase")]
struct ErrorBody {
    error: String,
    #[serde(default)]
    retry_after: Option<u64>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct JoinRequest<'a> {
    code: &'a str,
    device_name: &'a str,
}

/// `POST /api/v1/join`'s answer.
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Joined {
    pub token: String,
    pub community: String,
    pub member_id: String,
    pub roles: Vec<linli_core::Role>,
    #[serde(default)]
    pub device_id: String,
    #[serde(default)]
    pub community_name: Option<crate::store::local_db::CommunityName>,
}

pub async fn join(code: &str, device_name: &str) -> Result<Joined, ApiError> {
    let request = JoinRequest { code, device_name };
    let response = send(Request::post("/api/v1/join").json(&request), None).await?;
    into_json(response).await
}

/// Fresh invite codes for this officer's device (`POST /api/v1/invites/pad`).
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Pad {
    pub codes: Vec<String>,
}

pub async fn fill_pad(token: &str, wanted: usize) -> Result<Pad, ApiError> {
    let body = serde_json::json!({ "wanted": wanted });
    let response = send(Request::post("/api/v1/invites/pad").json(&body), Some(token)).await?;
    into_json(response).await
}

/// One entry of the audit log (`GET /api/v1/audit`).
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AuditEntry {
    pub seq: i64,
    pub at: i64,
    pub member_id: String,
    pub device_id: String,
    pub module: String,
    pub name: String,
    pub args: String,
    pub outcome: String,
}

#[derive(Clone, Debug, Deserialize)]
pub struct AuditPage {
    pub entries: Vec<AuditEntry>,
    pub next: Option<i64>,
}

pub async fn audit(
    token: &str,
    member: &str,
    module: &str,
    before: Option<i64>,
) -> Result<AuditPage, ApiError> {
    let mut query = vec![("member", member.to_owned()), ("module", module.to_owned())];
    if let Some(before) = before {
        query.push(("before", before.to_string()));
    }
    let request = Request::get("/api/v1/audit")
        .query(query.iter().map(|(name, value)| (*name, value.as_str())))
        .build();
    into_json(send(request, Some(token)).await?).await
}

pub async fn push(token: &str, request: &PushRequest) -> Result<PushResponse, ApiError> {
    let response = send(Request::post("/api/v1/push").json(request), Some(token)).await?;
    into_json(response).await
}

pub async fn pull(token: &str, request: &PullRequest) -> Result<PullResponse, ApiError> {
    let response = send(Request::post("/api/v1/pull").json(request), Some(token)).await?;
    if !response.ok() {
        return Err(error_of(response).await);
    }
    let status = response.status();
    let text = response.text().await.map_err(|_| ApiError::Offline)?;
    // Read straight into the page, not through `into_json`'s `Value`: a
    // first page carries thousands of records, each of which would be
    // built twice. Only the sync engine's module holds this reader, so the
    // first load keeps `into_json`'s one way of reading every answer.
    serde_json::from_str::<PullResponse>(&text).map_err(|_| {
        // Not a page: one of Replicache's error bodies, or unreadable.
        match serde_json::from_str::<SyncErrorBody>(&text) {
            Ok(SyncErrorBody::ClientStateNotFound) => ApiError::ClientStateNotFound,
            Ok(SyncErrorBody::VersionNotSupported { .. }) => ApiError::VersionNotSupported,
            Err(_) => ApiError::Server {
                status,
                code: "UnreadableAnswer".into(),
            },
        }
    })
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
    let sent_at = js_sys::Date::now();
    let response = request.send().await.map_err(|_| ApiError::Offline)?;
    note_server_clock(&response, sent_at);
    Ok(response)
}

thread_local! {
    /// How far this device's clock is behind the server's (ms; negative
    /// when ahead), from the last answer that carried a `Date` header.
    static CLOCK_BEHIND_MS: std::cell::Cell<Option<f64>> = const { std::cell::Cell::new(None) };
}

/// Compares the server's `Date` header (whole seconds) with this device's
/// clock halfway through the request.
fn note_server_clock(response: &Response, sent_at: f64) {
    let Some(date) = response.headers().get("date") else {
        return;
    };
    let server = js_sys::Date::parse(&date);
    if server.is_nan() {
        return;
    }
    let local = (sent_at + js_sys::Date::now()) / 2.0;
    CLOCK_BEHIND_MS.with(|behind| behind.set(Some(server - local)));
}

/// How far this device's clock was behind the server's at the last answer
/// (negative: ahead), if any answer has said.
pub fn clock_behind_ms() -> Option<f64> {
    CLOCK_BEHIND_MS.with(std::cell::Cell::get)
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
    let body = response
        .text()
        .await
        .ok()
        .and_then(|text| serde_json::from_str::<serde_json::Value>(&text).ok())
        .and_then(|value| serde_json::from_value::<ErrorBody>(value).ok());
    let code = body.as_ref().map(|body| body.error.clone()).unwrap_or_default();
    match (status, code.as_str()) {
        (401, "SignedOut") => ApiError::SignedOut,
        (401, _) => ApiError::Unauthorized,
        (404, "InviteNotFound") => ApiError::InviteNotFound,
        (410, "InviteUsed") => ApiError::InviteUsed,
        (410, "InviteExpired") => ApiError::InviteExpired,
        (403, "MemberLeft") => ApiError::MemberLeft,
        (429, _) => ApiError::TooManyRequests(body.and_then(|body| body.retry_after).unwrap_or(60)),
        _ => ApiError::Server { status, code },
    }
}
