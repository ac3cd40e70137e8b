//! Push and pull: Replicache's protocol, version 1, over either database.
//! <https://doc.replicache.dev/reference/server-push> and
//! <https://doc.replicache.dev/reference/server-pull>; docs/PROTOCOL.md has
//! Linli's version of it.
//!
//! - [`push`]: a push's mutations are applied in one transaction, each only
//!   if it is numbered right after its client's last: older numbers are
//!   skipped, so a retried push is harmless. A mutation the core refuses
//!   still advances the number and leaves a rejection record, so it never
//!   blocks the queue. On SQLite, pushes that arrive together share one
//!   transaction ([`PushQueue`]).
//! - [`pull`]: the records the member may see that changed after the
//!   cookie's version, in pages, and the last processed mutation per client,
//!   all from one snapshot.

pub mod identity;
mod pull;
mod push;
mod queue;

pub use identity::{join, JoinRefused, Joined};
pub use pull::pull;
pub use push::{apply_directly, push};
pub use queue::PushQueue;

use linli_core::protocol::SCHEMA_VERSION;

use crate::db::{Database, DbError, DbTx, Session};

/// Why a push or pull was not served.
#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    /// The request's protocol or schema version is not this server's.
    #[error("{0} version not supported")]
    VersionNotSupported(&'static str),
    /// A cookie for a client group this server has no state for.
    #[error("no state for this client group")]
    ClientStateNotFound,
    /// A mutation name this server does not know; nothing in the push was applied.
    #[error("unknown mutation {0:?}")]
    UnknownMutation(String),
    /// The client group or client belongs to another member.
    #[error("this client belongs to another member")]
    WrongMember,
    /// A client's counter moved while the push ran; nothing was written.
    #[error("a concurrent push moved a client's counter")]
    Conflict,
    #[error(transparent)]
    Db(#[from] DbError),
}

impl From<sqlx::Error> for SyncError {
    fn from(err: sqlx::Error) -> Self {
        SyncError::Db(err.into())
    }
}

pub(crate) fn check_schema(schema_version: &str) -> Result<(), SyncError> {
    // Replicache sends "" when the app sets no schema version.
    if schema_version.is_empty() || schema_version == SCHEMA_VERSION {
        Ok(())
    } else {
        Err(SyncError::VersionNotSupported("schema"))
    }
}

/// Makes sure the client group exists and is this member's. Returns whether
/// it was new. A known group costs one read; only a new one takes a write
/// transaction, in which [`bind_client_group`] binds it.
pub(crate) async fn claim_client_group(
    database: &Database,
    session: &Session,
    group: &str,
) -> Result<bool, SyncError> {
    let (community, member) = (session.community.as_str(), session.actor.member.as_str());
    if let Some(owner) = database.client_group_owner(group).await? {
        return if owner == (community.to_owned(), member.to_owned()) {
            Ok(false)
        } else {
            Err(SyncError::WrongMember)
        };
    }
    let mut tx = database.begin_write().await?;
    let bound = bind_client_group(&mut tx, group, community, member).await;
    tx.commit().await?;
    bound.map(|()| true)
}

/// Binds a client group the server does not know to `member`, in `tx`: the
/// one step a first pull and a first push share. A group from before a
/// restore never comes back (its device starts over: `ClientStateNotFound`);
/// a race between two first requests is settled by the primary key, and
/// the loser is told whose the group is now (`WrongMember` if not theirs).
pub(crate) async fn bind_client_group(
    tx: &mut DbTx,
    group: &str,
    community: &str,
    member: &str,
) -> Result<(), SyncError> {
    if tx.client_group_retired(group).await? {
        return Err(SyncError::ClientStateNotFound);
    }
    if tx.insert_client_group(group, community, member).await? {
        return Ok(());
    }
    match tx.client_group_owners(&[group]).await?.remove(group) {
        Some(owner) if owner == (community.to_owned(), member.to_owned()) => Ok(()),
        _ => Err(SyncError::WrongMember),
    }
}
