//! The sync endpoints: push, pull, and joining with an invite code
//! (docs/PROTOCOL.md).

use axum::extract::State;
use axum::http::HeaderMap;
use linli_core::protocol::{PullRequest, PullResponse, PushRequest, PushResponse};
use linli_core::Role;
use serde::{Deserialize, Serialize};

use super::extract::{client_address, AppJson, Authenticated, ClientAddress};
use super::{AppError, AppState};
use crate::sync::{self, JoinRefused};

/// `POST /api/v1/push` (Replicache push, version 1).
pub async fn push(
    State(state): State<AppState>,
    auth: Authenticated,
    AppJson(request): AppJson<PushRequest>,
) -> Result<AppJson<PushResponse>, AppError> {
    auth.within_sync_limit(&state)?;
    let now = (state.clock)();
    Ok(AppJson(
        sync::push(
            &state.database,
            &state.push_queue,
            &state.key,
            &auth.session,
            &request,
            now,
        )
        .await?,
    ))
}

/// `POST /api/v1/pull` (Replicache pull, version 1, paged).
pub async fn pull(
    State(state): State<AppState>,
    auth: Authenticated,
    AppJson(request): AppJson<PullRequest>,
) -> Result<AppJson<PullResponse>, AppError> {
    auth.within_sync_limit(&state)?;
    let response = sync::pull(&state.database, &auth.session, &request, state.pull_page_size).await?;
    let now = (state.clock)();
    sync::identity::note_sync(
        &state.database,
        &auth.session,
        &auth.token_hash,
        auth.last_seen_at,
        now,
    )
    .await;
    Ok(AppJson(response))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct JoinRequest {
    code: String,
    /// What the device calls itself ("Chrome on Android"), shown in the
    /// member's list of devices until they rename it.
    #[serde(default)]
    device_name: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct JoinResponse {
    token: String,
    community: String,
    member_id: String,
    roles: Vec<Role>,
    device_id: String,
    /// For the screens to name the place (docs/PROTOCOL.md, "join").
    community_name: CommunityName,
}

#[derive(Serialize)]
pub struct CommunityName {
    zh: String,
    en: String,
}

/// `POST /api/v1/join`: trades a one-time invite code for a device token.
/// Tries are limited per address and in all.
pub async fn join(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    headers: HeaderMap,
    AppJson(request): AppJson<JoinRequest>,
) -> Result<AppJson<JoinResponse>, AppError> {
    let address = client_address(&state, address, &headers);
    state
        .limits
        .join_per_address
        .take(&address)
        .and_then(|()| state.limits.join_overall.take("all"))
        .map_err(AppError::TooManyRequests)?;
    let now = (state.clock)();
    let joined = sync::join(
        &state.database,
        &state.key,
        &request.code,
        &request.device_name,
        now,
    )
    .await?
    .map_err(|refused| match refused {
        JoinRefused::Unknown => AppError::InviteNotFound,
        JoinRefused::Used => AppError::InviteUsed,
        JoinRefused::Expired => AppError::InviteExpired,
        JoinRefused::MemberLeft => AppError::MemberLeft,
    })?;
    let (zh, en) = state
        .database
        .community_name(&joined.session.community)
        .await?
        .unwrap_or_default();
    Ok(AppJson(JoinResponse {
        community_name: CommunityName { zh, en },
        token: joined.token,
        community: joined.session.community,
        member_id: joined.session.actor.member.to_string(),
        roles: joined.session.actor.roles.into_iter().collect(),
        device_id: joined.session.device,
    }))
}

/// `POST /api/v1/logout`: forgets this device's token.
pub async fn logout(State(state): State<AppState>, auth: Authenticated) -> Result<(), AppError> {
    state.database.delete_token(&auth.token_hash).await?;
    Ok(())
}
