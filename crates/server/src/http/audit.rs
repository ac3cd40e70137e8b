//! `GET /api/v1/audit`: the community's audit log, for officers and admins,
//! newest first, filtered by member and module, a page at a time.

use axum::extract::{Query, State};
use serde::{Deserialize, Serialize};

use super::extract::{AppJson, Authenticated};
use super::{AppError, AppState};
use crate::db::{AuditEntry, AuditQuery};

#[derive(Deserialize)]
pub struct AuditParams {
    member: Option<String>,
    module: Option<String>,
    before: Option<i64>,
    limit: Option<i64>,
}

#[derive(Serialize)]
pub struct AuditPage {
    entries: Vec<AuditEntry>,
    /// `before` for the next page, if there may be one.
    next: Option<i64>,
}

pub async fn read_log(
    State(state): State<AppState>,
    auth: Authenticated,
    Query(params): Query<AuditParams>,
) -> Result<AppJson<AuditPage>, AppError> {
    auth.within_sync_limit(&state)?;
    if !auth.session.actor.has_any(&linli_core::role::OFFICERS) {
        return Err(AppError::Forbidden);
    }
    let query = AuditQuery {
        member: params.member.filter(|member| !member.is_empty()),
        module: params.module.filter(|module| !module.is_empty()),
        before: params.before,
        limit: params.limit.unwrap_or(50),
    };
    let entries = state.database.audit_log(&auth.session.community, &query).await?;
    let next = (entries.len() as i64 == query.limit.clamp(1, 200))
        .then(|| entries.last().map(|entry| entry.seq))
        .flatten();
    Ok(AppJson(AuditPage { entries, next }))
}
