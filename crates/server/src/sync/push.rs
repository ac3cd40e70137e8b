//! `POST /api/v1/push`: applying pushed mutations, each exactly once.
//!
//! Pushes are applied in one database transaction at a time, one push or
//! (on SQLite, see [`super::PushQueue`]) several that arrived together:
//!
//! 1. each community's row is locked before anything else is read, so the
//!    community's writers run one after another on every backend and any
//!    number of server instances;
//! 2. the clients' counters are read under that lock;
//! 3. each mutation is applied over [`PushRecords`] (its writes kept in
//!    memory, or dropped for a rejection record), first in a discovery pass
//!    that learns which records to fetch, then for real;
//! 4. the records, the communities' versions and the counters are written
//!    and the transaction commits. A counter moves only from the value read
//!    in step 2 (a conditional update): a transaction that finds it moved
//!    writes nothing.
//!
//! Nothing is acknowledged before the commit, so a crash loses a whole
//! transaction, which its clients send again, and never half of one.

use std::collections::{BTreeMap, BTreeSet};

use linli_core::protocol::{PushRequest, PushResponse, RejectionRecord, PUSH_VERSION};
use linli_core::{keys, ApplyError, Mutation, Rejection, RejectionCode, Timestamp};
use serde_json::Value;

use super::identity::{self, audit_entry, CodeSource};
use super::{check_schema, PushQueue, SyncError};
use crate::db::{Database, DbError, PushRecords, Session};
use crate::secrets::ServerKey;

/// How often a push starts again when a concurrent writer moved one of its
/// clients' counters first. The community lock makes that impossible, so a
/// retry is a guard that should never run, not a path that does.
const PUSH_ATTEMPTS: usize = 3;

/// `POST /api/v1/push`: checks the request, then applies it together with
/// the pushes that arrive with it at this server (`queue`).
pub async fn push(
    database: &Database,
    queue: &PushQueue,
    key: &ServerKey,
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
        .find(|m| !Mutation::names().any(|name| name == m.name))
    {
        return Err(SyncError::UnknownMutation(unknown.name.clone()));
    }
    queue.apply(database, key, session, request, now).await
}

/// One push to apply: who sent it, what, and the server's time of it.
#[derive(Clone, Copy)]
pub(super) struct PushJob<'a> {
    pub session: &'a Session,
    pub request: &'a PushRequest,
    pub now: Timestamp,
    pub key: &'a ServerKey,
}

/// Applies one push in a transaction of its own, starting again if a
/// concurrent writer moved a counter.
pub(super) async fn apply_alone(database: &Database, job: PushJob<'_>) -> Result<PushResponse, SyncError> {
    for attempt in 1..=PUSH_ATTEMPTS {
        match apply_together(database, &[job]).await {
            Ok(mut answers) => return answers.pop().unwrap_or(Err(SyncError::Conflict)),
            Err(SyncError::Conflict) if attempt < PUSH_ATTEMPTS => continue,
            Err(err) => return Err(err),
        }
    }
    Err(SyncError::Conflict)
}

/// One client's counter in a transaction.
#[derive(Clone)]
struct Counter {
    /// The client group it belongs to.
    group: String,
    /// As stored when the transaction read it (0: a client the server has not seen).
    stored: i64,
    /// After the mutations processed so far.
    last: i64,
    /// The version of the last mutation processed.
    version: i64,
}

/// Applies `jobs` in one transaction (see the module documentation) and
/// returns each one's answer: its counts, or why it was refused (a client
/// of another member). `Err` when the transaction as a whole failed and
/// wrote nothing.
pub(super) async fn apply_together(
    database: &Database,
    jobs: &[PushJob<'_>],
) -> Result<Vec<Result<PushResponse, SyncError>>, SyncError> {
    let mut tx = database.begin_write().await?;
    let mut answers: Vec<Option<Result<PushResponse, SyncError>>> = jobs.iter().map(|_| None).collect();
    let mut counters: BTreeMap<String, Counter> = BTreeMap::new();
    let communities: BTreeSet<&str> = jobs.iter().map(|job| job.session.community.as_str()).collect();
    for community in communities {
        let version = tx.lock_community(community).await?;
        // Each push's client group is bound to its member on first use.
        let groups: Vec<&str> = jobs
            .iter()
            .filter(|job| job.session.community == community)
            .map(|job| job.request.client_group_id.as_str())
            .collect();
        let mut owners = tx.client_group_owners(&groups).await?;
        let mut these = Vec::new();
        for (index, job) in jobs.iter().enumerate() {
            if job.session.community != community {
                continue;
            }
            let group = job.request.client_group_id.as_str();
            let member = job.session.actor.member.as_str();
            if !owners.contains_key(group) {
                match super::bind_client_group(&mut tx, group, community, member).await {
                    Ok(()) => {}
                    // The transaction failed: nothing of the batch is written.
                    Err(SyncError::Db(err)) => return Err(SyncError::Db(err)),
                    Err(refused) => {
                        answers[index] = Some(Err(refused));
                        continue;
                    }
                }
                owners.insert(group.to_owned(), (community.to_owned(), member.to_owned()));
            }
            if owners.get(group) != Some(&(community.to_owned(), member.to_owned())) {
                answers[index] = Some(Err(SyncError::WrongMember));
                continue;
            }
            let mut own = true;
            for pushed in &job.request.mutations {
                let client = pushed.client_id.as_str();
                if !counters.contains_key(client) {
                    let (stored_group, stored) = match tx.client(client).await? {
                        Some((stored_group, last)) => (stored_group, last),
                        None => (group.to_owned(), 0),
                    };
                    let counter = Counter {
                        group: stored_group,
                        stored,
                        last: stored,
                        version: 0,
                    };
                    counters.insert(client.to_owned(), counter);
                }
                own &= counters[client].group == group;
            }
            if own {
                these.push(index);
            } else {
                answers[index] = Some(Err(SyncError::WrongMember));
            }
        }
        let mut records = PushRecords::new(&mut tx, community, version);
        // A first pass learns which records the mutations read, so that they
        // are fetched in a few statements rather than one each; the second
        // applies them for real.
        records.discover();
        let mut trial = counters.clone();
        for &index in &these {
            apply_in_order(&mut records, jobs[index], &mut trial).await?;
        }
        records.fetch_discovered().await?;
        for &index in &these {
            let response = apply_in_order(&mut records, jobs[index], &mut counters).await?;
            answers[index] = Some(Ok(response));
        }
        records.flush().await?;
    }
    for (client, counter) in &counters {
        if counter.last == counter.stored {
            continue;
        }
        let moved = tx
            .advance_client(
                client,
                &counter.group,
                counter.stored,
                counter.last,
                counter.version,
            )
            .await?;
        if !moved {
            tx.rollback().await?;
            return Err(SyncError::Conflict);
        }
    }
    tx.commit().await?;
    Ok(answers
        .into_iter()
        .map(|answer| answer.unwrap_or(Err(SyncError::Conflict)))
        .collect())
}

/// Runs one push's mutations over `records` in order: each client's next
/// one is applied (or refused, with a rejection record), older ones are
/// skipped, and after a missing one that client's rest waits for a later push.
async fn apply_in_order(
    records: &mut PushRecords<'_>,
    job: PushJob<'_>,
    counters: &mut BTreeMap<String, Counter>,
) -> Result<PushResponse, SyncError> {
    let mut response = PushResponse::default();
    let mut stopped: BTreeSet<&str> = BTreeSet::new();
    for pushed in &job.request.mutations {
        let client = pushed.client_id.as_str();
        let Some(counter) = counters.get_mut(client) else {
            continue;
        };
        // An id past i64 can never be the next one: treated as a gap.
        let id = i64::try_from(pushed.id).unwrap_or(i64::MAX);
        if stopped.contains(client) {
            continue;
        }
        if id <= counter.last {
            response.skipped += 1;
            continue;
        }
        if id > counter.last + 1 {
            // An earlier mutation never arrived; the client sends it again
            // with everything after it, so stop here and lose nothing.
            stopped.insert(client);
            continue;
        }
        let version = records.begin_mutation();
        let outcome = match Mutation::parse(&pushed.name, &pushed.args) {
            Ok(mutation) => apply(records, job.key, job.session, &mutation, CodeSource::Pad, job.now).await,
            Err(_) => Err(ApplyError::Rejected(Rejection::new(
                RejectionCode::InvalidArgs,
                None,
            ))),
        };
        match outcome {
            Ok(()) => {
                records.keep_mutation();
                records.log(audit_entry(job.session, pushed, "applied", job.now));
                response.applied += 1;
            }
            Err(ApplyError::Rejected(rejection)) => {
                records.discard_mutation();
                record_rejection(records, job.session, pushed, &rejection, job.now).await?;
                records.keep_mutation();
                records.log(audit_entry(job.session, pushed, rejection.code.as_str(), job.now));
                response.rejected += 1;
            }
            Err(ApplyError::Storage(err)) => {
                return Err(SyncError::Db(DbError::Storage(err.to_string())));
            }
        }
        counter.last = id;
        counter.version = version;
    }
    Ok(response)
}

/// Applies one mutation for `session` outside any client's queue (the demo
/// seed uses it): the same apply as a push, without a mutation counter.
/// Returns the rejection if a rule refused it.
pub async fn apply_directly(
    database: &Database,
    key: &ServerKey,
    session: &Session,
    mutation: &Mutation,
    now: Timestamp,
) -> Result<Result<(), Rejection>, SyncError> {
    let mut tx = database.begin_write().await?;
    let version = tx.lock_community(&session.community).await?;
    let mut records = PushRecords::new(&mut tx, &session.community, version);
    records.begin_mutation();
    match apply(&mut records, key, session, mutation, CodeSource::Server, now).await {
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

/// The core's apply, then what only the server does for it (its own
/// tables of members, invites and tokens: `identity.rs`).
async fn apply(
    records: &mut PushRecords<'_>,
    key: &ServerKey,
    session: &Session,
    mutation: &Mutation,
    source: CodeSource,
    now: Timestamp,
) -> Result<(), ApplyError> {
    mutation.apply(records, &session.actor, now).await?;
    if records.discovering() {
        return Ok(());
    }
    identity::carry_out(records, key, session, mutation, source, now).await
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
