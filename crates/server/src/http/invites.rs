//! `POST /api/v1/invites/pad`: fresh invite codes for an officer's device,
//! which keeps them to register members with no network. The server keeps
//! only their keyed hashes, issued to that officer; a code comes back once,
//! here, and never again.

use axum::extract::State;
use serde::{Deserialize, Serialize};

use super::extract::{AppJson, Authenticated};
use super::{AppError, AppState};
use crate::db::PAD_LIMIT;
use crate::secrets::new_invite_code;
use crate::sync::identity::may_hold_a_pad;

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
    if !may_hold_a_pad(session) {
        return Err(AppError::Forbidden);
    }
    let now = (state.clock)().millis();
    let held = state
        .database
        .pad_codes_held(&session.community, &session.actor.member, now)
        .await?;
    let count = request
        .wanted
        .clamp(0, MAX_PER_REQUEST)
        .min(PAD_LIMIT - held)
        .max(0);
    let codes: Vec<String> = (0..count).map(|_| new_invite_code()).collect();
    let hashes: Vec<String> = codes.iter().map(|code| state.key.hash(code)).collect();
    let expires_at = state
        .database
        .issue_pad_codes(&session.community, &session.actor.member, &hashes, now)
        .await?;
    Ok(AppJson(PadResponse { codes, expires_at }))
}
