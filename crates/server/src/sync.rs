//! Push and pull: Replicache's protocol, version 1, over either database.
//! <https://doc.replicache.dev/reference/server-push> and
//! <https://doc.replicache.dev/reference/server-pull>; docs/PROTOCOL.md has
//! Linli's version of it.
//!
//! - Push applies each mutation in its own transaction, and only the one
//!   numbered right after the client's last: older numbers are skipped, so a
//!   retried push is harmless. A mutation the core refuses still advances the
//!   number and leaves a rejection record, so it never blocks the queue.
//! - Pull returns, in pages, the records the member may see that changed
//!   after the cookie's version, and the last processed mutation per client.

use linli_core::keys::{grid_tag, reader_tags, readers_fingerprint, Audience};
use linli_core::members::RegisterMember;
use linli_core::protocol::{
    Cookie, PatchOp, PullRequest, PullResponse, PushRequest, PushResponse, RejectionRecord, PULL_VERSION,
    PUSH_VERSION, SCHEMA_VERSION,
};
use linli_core::{keys, ApplyError, Mutation, Rejection, RejectionCode, Timestamp};
use serde_json::Value;

use std::collections::BTreeMap;

use crate::db::{ChangedRecord, Database, DbError, PushRecords, Session};
use crate::secrets::{hash_secret, normalize_invite_code};

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

fn check_schema(schema_version: &str) -> Result<(), SyncError> {
    // Replicache sends "" when the app sets no schema version.
    if schema_version.is_empty() || schema_version == SCHEMA_VERSION {
        Ok(())
    } else {
        Err(SyncError::VersionNotSupported("schema"))
    }
}

/// Makes sure the client group exists and is this member's. Returns whether
/// it was new. A known group costs one read; only a new one takes a write
/// transaction (and a race between two first requests is settled by the
/// primary key: the loser reads the winner's row).
async fn claim_client_group(database: &Database, session: &Session, group: &str) -> Result<bool, SyncError> {
    let owned_by_member = |(community, member): &(String, String)| {
        *community == session.community && member == session.actor.member.as_str()
    };
    if let Some(owner) = database.client_group_owner(group).await? {
        return if owned_by_member(&owner) {
            Ok(false)
        } else {
            Err(SyncError::WrongMember)
        };
    }
    let mut tx = database.begin_write().await?;
    let inserted = tx
        .insert_client_group(group, &session.community, session.actor.member.as_str())
        .await?;
    tx.commit().await?;
    if inserted {
        return Ok(true);
    }
    match database.client_group_owner(group).await? {
        Some(owner) if owned_by_member(&owner) => Ok(false),
        _ => Err(SyncError::WrongMember),
    }
}

/// How often a push starts again when a concurrent writer moved one of its
/// clients' counters first. The community lock makes that impossible, so a
/// retry is a guard that should never run, not a path that does.
const PUSH_ATTEMPTS: usize = 3;

/// `POST /api/v1/push`.
///
/// All the push's mutations run in one database transaction: the
/// community's row is locked first, the clients' counters are read under
/// that lock, each mutation is applied over [`PushRecords`] (its writes kept
/// or, if a rule refuses it, dropped for a rejection record), and the
/// records, the counters and the community's version are written before the
/// one commit. A counter moves only from the value read to the next one; a
/// push that finds it moved by someone else writes nothing.
pub async fn push(
    database: &Database,
    session: &Session,
    request: &PushRequest,
    now: Timestamp,
) -> Result<PushResponse, SyncError> {
    if request.push_version != PUSH_VERSION {
        return Err(SyncError::VersionNotSupported("push"));
    }
    check_schema(&request.schema_version)?;
    // Refuse a push with a name this server cannot run before applying any of it.
    if let Some(unknown) = request
        .mutations
        .iter()
        .find(|m| !Mutation::NAMES.contains(&m.name.as_str()))
    {
        return Err(SyncError::UnknownMutation(unknown.name.clone()));
    }
    let group = request.client_group_id.as_str();
    claim_client_group(database, session, group).await?;
    for _ in 1..PUSH_ATTEMPTS {
        match push_once(database, session, request, now).await {
            Err(SyncError::Conflict) => continue,
            outcome => return outcome,
        }
    }
    push_once(database, session, request, now).await
}

/// One client's counter during a push.
struct Counter {
    /// As stored when the push began (0: a client the server has not seen).
    stored: i64,
    /// After the mutations processed so far.
    last: i64,
    /// The version of the last mutation processed.
    version: i64,
    /// A mutation was missing: the rest of this client's are left for later.
    stopped: bool,
}

async fn push_once(
    database: &Database,
    session: &Session,
    request: &PushRequest,
    now: Timestamp,
) -> Result<PushResponse, SyncError> {
    let group = request.client_group_id.as_str();
    let mut tx = database.begin_write().await?;
    let version = tx.lock_community(&session.community).await?;
    let mut counters: BTreeMap<&str, Counter> = BTreeMap::new();
    for pushed in &request.mutations {
        let client = pushed.client_id.as_str();
        if counters.contains_key(client) {
            continue;
        }
        let stored = match tx.client(client).await? {
            Some((client_group, _)) if client_group != group => {
                tx.rollback().await?;
                return Err(SyncError::WrongMember);
            }
            Some((_, last)) => last,
            None => 0,
        };
        counters.insert(
            client,
            Counter {
                stored,
                last: stored,
                version: 0,
                stopped: false,
            },
        );
    }

    let mut response = PushResponse::default();
    let mut records = PushRecords::new(&mut tx, &session.community, version);
    for pushed in &request.mutations {
        let Some(counter) = counters.get_mut(pushed.client_id.as_str()) else {
            continue;
        };
        // An id past i64 can never be the next one: treated as a gap.
        let id = i64::try_from(pushed.id).unwrap_or(i64::MAX);
        if counter.stopped {
            continue;
        }
        if id <= counter.last {
            response.skipped += 1;
            continue;
        }
        if id > counter.last + 1 {
            // An earlier mutation never arrived; the client sends it again
            // with everything after it, so stop here and lose nothing.
            counter.stopped = true;
            continue;
        }
        let version = records.begin_mutation();
        let outcome = match Mutation::parse(&pushed.name, &pushed.args) {
            Ok(mutation) => apply(&mut records, session, &mutation, now).await,
            Err(_) => Err(ApplyError::Rejected(Rejection::new(
                RejectionCode::InvalidArgs,
                None,
            ))),
        };
        match outcome {
            Ok(()) => {
                records.keep_mutation();
                response.applied += 1;
            }
            Err(ApplyError::Rejected(rejection)) => {
                records.discard_mutation();
                record_rejection(&mut records, session, pushed, &rejection, now).await?;
                records.keep_mutation();
                response.rejected += 1;
            }
            Err(ApplyError::Storage(err)) => {
                drop(records);
                tx.rollback().await?;
                return Err(SyncError::Db(DbError::Storage(err.to_string())));
            }
        }
        counter.last = id;
        counter.version = version;
    }
    records.flush().await?;
    for (client, counter) in &counters {
        if counter.last == counter.stored {
            continue;
        }
        let moved = tx
            .advance_client(client, group, counter.stored, counter.last, counter.version)
            .await?;
        if !moved {
            tx.rollback().await?;
            return Err(SyncError::Conflict);
        }
    }
    tx.commit().await?;
    Ok(response)
}

/// Applies one mutation for `session` outside any client's queue (the demo
/// seed uses it): the same apply as a push, without a mutation counter.
/// Returns the rejection if a rule refused it.
pub async fn apply_directly(
    database: &Database,
    session: &Session,
    mutation: &Mutation,
    now: Timestamp,
) -> Result<Result<(), Rejection>, SyncError> {
    let mut tx = database.begin_write().await?;
    let version = tx.lock_community(&session.community).await?;
    let mut records = PushRecords::new(&mut tx, &session.community, version);
    records.begin_mutation();
    match apply(&mut records, session, mutation, now).await {
        Ok(()) => {
            records.keep_mutation();
            records.flush().await?;
            tx.commit().await?;
            Ok(Ok(()))
        }
        Err(ApplyError::Rejected(rejection)) => {
            drop(records);
            tx.rollback().await?;
            Ok(Err(rejection))
        }
        Err(ApplyError::Storage(err)) => {
            drop(records);
            tx.rollback().await?;
            Err(SyncError::Db(DbError::Storage(err.to_string())))
        }
    }
}

/// The core's apply, plus what only the server does: a registered member
/// gets a row in `members` and an invite whose code is stored hashed.
async fn apply(
    records: &mut PushRecords<'_>,
    session: &Session,
    mutation: &Mutation,
    now: Timestamp,
) -> Result<(), ApplyError> {
    mutation.apply(records, &session.actor, now).await?;
    if let Mutation::RegisterMember(RegisterMember {
        id,
        roles,
        invite_code,
        ..
    }) = mutation
    {
        let target = keys::member(id);
        let code = normalize_invite_code(invite_code)
            .ok_or_else(|| Rejection::new(RejectionCode::InvalidArgs, target.clone()))?;
        let mut roles = roles.clone();
        roles.sort();
        roles.dedup();
        let added = records
            .database()
            .insert_member(&session.community, id, &roles, &hash_secret(&code))
            .await
            .map_err(|err| ApplyError::Storage(linli_core::tx::TxError::Storage(err.to_string())))?;
        if !added {
            // The id or the code is taken in the server's own tables.
            return Err(Rejection::new(RejectionCode::AlreadyExists, target).into());
        }
    }
    Ok(())
}

async fn record_rejection(
    records: &mut PushRecords<'_>,
    session: &Session,
    pushed: &linli_core::protocol::PushMutation,
    rejection: &Rejection,
    now: Timestamp,
) -> Result<(), SyncError> {
    use linli_core::tx::Tx;
    let key = keys::rejection(&session.actor.member, &pushed.client_id, pushed.id);
    let record = RejectionRecord {
        client_id: pushed.client_id.clone(),
        mutation_id: pushed.id,
        name: pushed.name.clone(),
        code: rejection.code,
        message_key: rejection.code.message_key().to_owned(),
        // Built from the arguments: kept to a key's length whatever they were.
        target: rejection
            .target
            .as_ref()
            .map(|target| target.chars().take(linli_core::keys::KEY_MAX_LEN).collect()),
        at: now.millis(),
    };
    let value = serde_json::to_value(&record).unwrap_or(Value::Null);
    records
        .put(&key, value)
        .await
        .map_err(|err| SyncError::Db(DbError::Storage(err.to_string())))
}

/// `POST /api/v1/pull`: one page of changes. `page_size` bounds the records
/// read per page; one mutation's writes are never split across pages.
pub async fn pull(
    database: &Database,
    session: &Session,
    request: &PullRequest,
    page_size: u32,
) -> Result<PullResponse, SyncError> {
    if request.pull_version != PULL_VERSION {
        return Err(SyncError::VersionNotSupported("pull"));
    }
    check_schema(&request.schema_version)?;
    let group = request.client_group_id.as_str();
    let new_group = claim_client_group(database, session, group).await?;
    if new_group && request.cookie.is_some() {
        return Err(SyncError::ClientStateNotFound);
    }

    let mut tx = database.begin_read().await?;
    let current = tx.community_version(&session.community).await?.unwrap_or(0);
    let mut readers = reader_tags(&session.actor);
    readers.extend(grids_run_by(&mut tx, session).await?);
    let fingerprint = readers_fingerprint(&readers);
    // A cookie read with other tags (a role or grid changed since) starts
    // the member's copy afresh: see `readers_fingerprint`.
    let cookie = request.cookie.filter(|cookie| cookie.readers == fingerprint);
    // A cookie past i64 is from no server this could be.
    let after = match cookie.map(|cookie| i64::try_from(cookie.order)) {
        None => 0,
        Some(Ok(order)) => order,
        Some(Err(_)) => i64::MAX,
    };
    if after > current {
        // A cookie from a future this server never had: its data was reset.
        tx.rollback().await?;
        return Err(SyncError::ClientStateNotFound);
    }

    let limit = i64::from(page_size.max(1));
    let mut rows = tx
        .changed_records(&session.community, after, current, limit + 1)
        .await?;
    let (upto, more) = if rows.len() as i64 > limit {
        let first_left_out = rows[limit as usize].version;
        rows.retain(|row| row.version < first_left_out);
        if rows.is_empty() {
            // One mutation wrote more than a page: send all of it.
            rows = tx.records_at_version(&session.community, first_left_out).await?;
            (first_left_out, first_left_out < current)
        } else {
            (first_left_out - 1, true)
        }
    } else {
        (current, false)
    };

    let mut patch = Vec::with_capacity(rows.len() + 1);
    if cookie.is_none() {
        patch.push(PatchOp::Clear);
    }
    patch.extend(rows.into_iter().filter_map(|row| patch_op(row, &readers)));
    let last_mutation_id_changes = tx
        .clients_changed(group, after, upto)
        .await?
        .into_iter()
        .filter_map(|(client, last)| Some((client.parse().ok()?, u64::try_from(last).ok()?)))
        .collect();
    let remaining = tx.count_changed(&session.community, upto, current).await?;
    tx.rollback().await?;

    Ok(PullResponse {
        cookie: Cookie {
            order: upto as u64,
            readers: fingerprint,
        },
        last_mutation_id_changes,
        patch,
        more,
        remaining: remaining as u64,
    })
}

/// The tags of the grids the session's member works as grid worker, read
/// from the grid records at the time of the pull.
async fn grids_run_by(tx: &mut crate::db::DbTx, session: &Session) -> Result<Vec<String>, SyncError> {
    if !session.actor.has_any(&[linli_core::Role::GridWorker]) {
        return Ok(Vec::new());
    }
    let grids = linli_core::tx::Tx::scan(
        &mut tx.records(&session.community),
        linli_core::volunteers::records::GRID_PREFIX,
    )
    .await
    .map_err(|err| SyncError::Db(DbError::Storage(err.to_string())))?;
    Ok(grids
        .into_iter()
        .filter_map(|(_, value)| serde_json::from_value::<linli_core::volunteers::records::Grid>(value).ok())
        .filter(|grid| grid.is_worked_by(&session.actor))
        .map(|grid| grid_tag(&grid.id))
        .collect())
}

/// The patch operation for one changed record, or `None` if this reader may
/// not see it. The audience follows from the key and never changes, so a
/// record a reader may not see was never sent to them, not even as a deletion.
fn patch_op(row: ChangedRecord, readers: &[String]) -> Option<PatchOp> {
    let visible = row
        .audience
        .split_whitespace()
        .any(|tag| readers.iter().any(|r| r == tag));
    debug_assert_eq!(row.audience, Audience::of_key(&row.key).tags().join(" "));
    if !visible {
        return None;
    }
    if row.deleted {
        return Some(PatchOp::Del { key: row.key });
    }
    match serde_json::from_str(&row.value) {
        Ok(value) => Some(PatchOp::Put { key: row.key, value }),
        Err(err) => {
            tracing::error!(key = %row.key, %err, "stored record is not JSON; not sent");
            None
        }
    }
}
