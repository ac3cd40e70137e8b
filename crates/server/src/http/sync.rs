//! The sync endpoints: push, pull, and joining with an invite code
//! (docs/PROTOCOL.md).

use axum::extract::State;
use linli_core::protocol::{PullRequest, PullResponse, PushRequest, PushResponse};
use linli_core::Role;
use serde::{Deserialize, Serialize};

use super::extract::{AppJson, Authenticated};
use super::{AppError, AppState};
use crate::secrets::{hash_secret, new_token, normalize_invite_code};
use crate::sync;

/// `POST /api/v1/push` (Replicache push, version 1).
pub async fn push(
    State(state): State<AppState>,
    Authenticated { session, .. }: Authenticated,
    AppJson(request): AppJson<PushRequest>,
) -> Result<AppJson<PushResponse>, AppError> {
    let now = (state.clock)();
    Ok(AppJson(
        sync::push(&state.database, &state.push_queue, &session, &request, now).await?,
    ))
}

/// `POST /api/v1/pull` (Replicache pull, version 1, paged).
pub async fn pull(
    State(state): State<AppState>,
    Authenticated { session, .. }: Authenticated,
    AppJson(request): AppJson<PullRequest>,
) -> Result<AppJson<PullResponse>, AppError> {
    Ok(AppJson(
        sync::pull(&state.database, &session, &request, state.pull_page_size).await?,
    ))
}

#[derive(Deserialize)]
pub struct JoinRequest {
    code: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct JoinResponse {
    token: String,
    community: String,
    member_id: String,
    roles: Vec<Role>,
}

/// `POST /api/v1/join`: trades a one-time invite code for a device token.
pub async fn join(
    State(state): State<AppState>,
    AppJson(request): AppJson<JoinRequest>,
) -> Result<AppJson<JoinResponse>, AppError> {
    let code = normalize_invite_code(&request.code).ok_or(AppError::InviteNotFound)?;
    let token = new_token();
    let session = state
        .database
        .redeem_invite(&hash_secret(&code), &hash_secret(&token))
        .await?
        .ok_or(AppError::InviteNotFound)?;
    Ok(AppJson(JoinResponse {
        token,
        community: session.community,
        member_id: session.actor.member.to_string(),
        roles: session.actor.roles.into_iter().collect(),
    }))
}

/// `POST /api/v1/logout`: forgets this device's token.
pub async fn logout(State(state): State<AppState>, auth: Authenticated) -> Result<(), AppError> {
    state.database.delete_token(&auth.token_hash).await?;
    Ok(())
}
