//! `POST /api/v1/invites/pad`: fresh invite codes for a member's device,
//! which keeps them to use with no network: an officer's to register
//! members, anyone's to link their own other devices (`linkDevice`). The server keeps
//! only their keyed hashes, issued to that officer; a code comes back once,
//! here, and never again.

use axum::extract::State;
use serde::{Deserialize, Serialize};

use super::extract::{AppJson, Authenticated};
use super::{AppError, AppState};
use crate::secrets::new_invite_code;
use crate::sync::identity::pad_limit;

/// How many codes a request asks for at most.
const MAX_PER_REQUEST: i64 = 20;

#[derive(Deserialize)]
pub struct PadRequest {
    /// How many codes the device would like.
    #[serde(default = "default_wanted")]
    wanted: i64,
}

fn default_wanted() -> i64 {
    10
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PadResponse {
    codes: Vec<String>,
    /// When these codes stop working if no one has been given them (ms).
    expires_at: i64,
}

pub async fn fill_pad(
    State(state): State<AppState>,
    auth: Authenticated,
    AppJson(request): AppJson<PadRequest>,
) -> Result<AppJson<PadResponse>, AppError> {
    auth.within_sync_limit(&state)?;
    let session = &auth.session;
    let now = (state.clock)().millis();
    let held = state
        .database
        .pad_codes_held(&session.community, &session.actor.member, now)
        .await?;
    let count = request
        .wanted
        .clamp(0, MAX_PER_REQUEST)
        .min(pad_limit(session) - held)
        .max(0);
    let codes: Vec<String> = (0..count).map(|_| new_invite_code()).collect();
    let hashes: Vec<String> = codes.iter().map(|code| state.key.hash(code)).collect();
    let expires_at = state
        .database
        .issue_pad_codes(&session.community, &session.actor.member, &hashes, now)
        .await?;
    Ok(AppJson(PadResponse { codes, expires_at }))
}
