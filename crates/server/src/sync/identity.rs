//! What only the server does for the members' mutations, and joining.
//!
//! The core's mutations decide who may register a member, change their
//! roles, sign out a device or withdraw an invite, and write the records
//! (`member/…`, `device/…`, `invite/…`). The server then carries the
//! decision into its own tables in the same transaction: members and their
//! roles, invite codes (kept only keyed with the server's key), device
//! tokens. A code a mutation names must be one the server issued to the
//! actor (their invite pad), so no device chooses a code.

use linli_core::members::devices::{self, DeviceRecord};
use linli_core::members::invites::{self, InviteRecord, DEFAULT_VALID_DAYS};
use linli_core::members::MembersMutation;
use linli_core::members::{MemberRecord, RegisterMember};
use linli_core::time::{DAY_MS, HOUR_MS};
use linli_core::tx::{Tx, TxError};
use linli_core::{keys, ApplyError, MemberId, Mutation, Rejection, RejectionCode, Timestamp};
use serde_json::Value;

use super::SyncError;
use crate::db::{AuditEntry, Database, DbError, NewInvite, PushRecords, Session};
use crate::secrets::{legacy_hash, new_device_id, new_token, normalize_invite_code, ServerKey};

/// Where a code in a mutation comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CodeSource {
    /// A device pushed it: it must be in the actor's pad.
    Pad,
    /// The server made it (the demo seed, the admin command).
    Server,
}

fn storage(err: DbError) -> ApplyError {
    ApplyError::Storage(TxError::Storage(err.to_string()))
}

/// The server's part of `mutation`, after the core has applied it.
pub async fn carry_out(
    records: &mut PushRecords<'_>,
    key: &ServerKey,
    session: &Session,
    mutation: &Mutation,
    source: CodeSource,
    now: Timestamp,
) -> Result<(), ApplyError> {
    let community = session.community.as_str();
    let now_ms = now.millis();
    match mutation {
        Mutation::Members(MembersMutation::RegisterMember(RegisterMember {
            id,
            roles,
            invite_code,
            invite_id,
            valid_days,
            ..
        })) => {
            let target = keys::member(id);
            let mut roles = roles.clone();
            roles.sort();
            roles.dedup();
            // The member's row and their code go in together or not at all.
            records.database().savepoint().await.map_err(storage)?;
            let added = records
                .database()
                .insert_member(community, id, &roles)
                .await
                .map_err(storage)?;
            let outcome = if added {
                let invite = invite_id.as_deref().unwrap_or(invites::FIRST_INVITE);
                let given = GivenInvite {
                    member: id,
                    invite,
                    code: invite_code,
                    valid_days: *valid_days,
                };
                bind_code(records, key, session, given, source, now).await
            } else {
                // The id is taken in the server's own tables.
                Err(Rejection::new(RejectionCode::AlreadyExists, target).into())
            };
            if outcome.is_err() {
                records
                    .database()
                    .rollback_to_savepoint()
                    .await
                    .map_err(storage)?;
            }
            outcome
        }
        Mutation::Members(MembersMutation::InviteMember(args)) => {
            let given = GivenInvite {
                member: &args.member,
                invite: &args.invite_id,
                code: &args.invite_code,
                valid_days: args.valid_days,
            };
            bind_code(records, key, session, given, source, now).await
        }
        Mutation::Members(MembersMutation::LinkDevice(args)) => {
            let given = GivenInvite {
                member: &session.actor.member,
                invite: &args.invite_id,
                code: &args.invite_code,
                valid_days: Some(invites::LINK_VALID_DAYS),
            };
            bind_code(records, key, session, given, source, now).await
        }
        Mutation::Members(MembersMutation::WithdrawInvite(args)) => records
            .database()
            .withdraw_invites(community, &args.member, Some(&args.invite), now_ms)
            .await
            .map_err(storage),
        Mutation::Members(MembersMutation::SetMemberRoles(args)) => {
            let mut roles = args.roles.clone();
            roles.sort();
            roles.dedup();
            records
                .database()
                .set_member_roles(community, &args.member, &roles)
                .await
                .map_err(storage)
        }
        Mutation::Members(MembersMutation::DeactivateMember(args)) => {
            let database = records.database();
            database
                .deactivate_member(community, &args.member)
                .await
                .map_err(storage)?;
            database
                .revoke_tokens(community, &args.member, None, now_ms)
                .await
                .map_err(storage)?;
            database
                .withdraw_invites(community, &args.member, None, now_ms)
                .await
                .map_err(storage)
        }
        Mutation::Members(MembersMutation::SignOutDevice(args)) => records
            .database()
            .revoke_tokens(community, &args.member, Some(&args.device), now_ms)
            .await
            .map_err(storage),
        Mutation::Members(MembersMutation::SignOutMember(args)) => records
            .database()
            .revoke_tokens(community, &args.member, None, now_ms)
            .await
            .map_err(storage),
        _ => Ok(()),
    }
}

/// An invite a mutation gives: its member, its public id, the code as
/// typed and the days it works for.
struct GivenInvite<'a> {
    member: &'a MemberId,
    invite: &'a str,
    code: &'a str,
    valid_days: Option<u16>,
}

/// Binds the invite's code to its member, for the days the core gave it
/// (the invite record it wrote holds the same end).
async fn bind_code(
    records: &mut PushRecords<'_>,
    key: &ServerKey,
    session: &Session,
    given: GivenInvite<'_>,
    source: CodeSource,
    now: Timestamp,
) -> Result<(), ApplyError> {
    let target = invites::invite(given.member, given.invite);
    let code = normalize_invite_code(given.code)
        .ok_or_else(|| Rejection::new(RejectionCode::InvalidArgs, target.clone()))?;
    let hash = key.hash(&code);
    let invite = NewInvite {
        community: session.community.as_str(),
        member: given.member,
        invite_id: given.invite,
        code_hash: &hash,
        expires_at: now.millis() + i64::from(given.valid_days.unwrap_or(DEFAULT_VALID_DAYS)) * DAY_MS,
    };
    let database = records.database();
    let bound = match source {
        CodeSource::Pad => {
            database
                .bind_pad_code(&invite, &session.actor.member, now.millis())
                .await
        }
        CodeSource::Server => database.insert_invite(&invite, now.millis()).await,
    }
    .map_err(storage)?;
    if !bound {
        // Not a code the server gave this officer (or it was used up).
        return Err(Rejection::new(RejectionCode::InvalidArgs, target).into());
    }
    Ok(())
}

/// What the audit log keeps of a processed mutation.
pub fn audit_entry(
    session: &Session,
    pushed: &linli_core::protocol::PushMutation,
    outcome: &str,
    now: Timestamp,
) -> AuditEntry {
    let args = match Mutation::parse(&pushed.name, &pushed.args) {
        Ok(mutation) => mutation.audit_args(),
        // Unreadable arguments: kept without anything that may be a secret.
        Err(_) => linli_core::mutation::strip_secrets(pushed.args.clone()),
    };
    AuditEntry {
        seq: 0,
        community: session.community.clone(),
        at: now.millis(),
        member_id: session.actor.member.to_string(),
        device_id: session.device.clone(),
        client_id: pushed.client_id.to_string(),
        mutation_id: i64::try_from(pushed.id).unwrap_or(i64::MAX),
        module: Mutation::module_of(&pushed.name).to_owned(),
        name: pushed.name.clone(),
        args: args.to_string(),
        outcome: outcome.to_owned(),
    }
}

/// A device that joined.
#[derive(Clone, Debug)]
pub struct Joined {
    pub token: String,
    pub session: Session,
}

/// Why a code did not join.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum JoinRefused {
    #[error("this invite code is unknown or was withdrawn")]
    Unknown,
    #[error("this invite code has been used")]
    Used,
    #[error("this invite code has expired")]
    Expired,
    #[error("this member has left the community")]
    MemberLeft,
}

/// `POST /api/v1/join`: trades an invite code for a new device's token, in
/// one transaction: the invite is used, the token stored, and the device's
/// record and the invite's are written (and the join logged).
pub async fn join(
    database: &Database,
    key: &ServerKey,
    typed_code: &str,
    device_name: &str,
    now: Timestamp,
) -> Result<Result<Joined, JoinRefused>, SyncError> {
    let Some(code) = normalize_invite_code(typed_code) else {
        return Ok(Err(JoinRefused::Unknown));
    };
    let (keyed, legacy) = (key.hash(&code), legacy_hash(&code));
    let mut tx = database.begin_write().await?;
    let Some(invite) = tx.find_invite([&keyed, &legacy]).await? else {
        return Ok(Err(JoinRefused::Unknown));
    };
    let Some(member) = invite
        .member_id
        .as_deref()
        .and_then(|id| id.parse::<MemberId>().ok())
    else {
        // A pad code not given to anyone yet.
        return Ok(Err(JoinRefused::Unknown));
    };
    if invite.withdrawn_at.is_some() {
        return Ok(Err(JoinRefused::Unknown));
    }
    if invite.used {
        return Ok(Err(JoinRefused::Used));
    }
    if now.millis() >= invite.expires_at {
        return Ok(Err(JoinRefused::Expired));
    }
    let community = invite.community.clone();
    let version = tx.lock_community(&community).await?;
    let mut records = PushRecords::new(&mut tx, &community, version);
    let record: Option<MemberRecord> = records
        .get(&keys::member(&member))
        .await
        .map_err(|err| SyncError::Db(DbError::Storage(err.to_string())))?
        .and_then(|value| serde_json::from_value(value).ok());
    let Some(record) = record else {
        return Ok(Err(JoinRefused::Unknown));
    };
    if !record.active {
        return Ok(Err(JoinRefused::MemberLeft));
    }
    let session = Session {
        community: community.clone(),
        actor: linli_core::Actor::new(member.clone(), record.roles.iter().copied()),
        device: new_device_id(),
    };
    let name = clean_device_name(device_name);
    records.begin_mutation();
    let device = DeviceRecord {
        id: session.device.clone(),
        member: member.clone(),
        name: name.clone(),
        joined_at: now,
        last_synced_at: Some(now),
        signed_out_at: None,
        signed_out_by: None,
    };
    write(&mut records, &devices::device(&member, &device.id), &device).await?;
    let invite_key = invites::invite(
        &member,
        invite.invite_id.as_deref().unwrap_or(invites::FIRST_INVITE),
    );
    let invite_record: Option<InviteRecord> = records
        .get(&invite_key)
        .await
        .map_err(|err| SyncError::Db(DbError::Storage(err.to_string())))?
        .and_then(|value| serde_json::from_value(value).ok());
    if let Some(mut invite_record) = invite_record {
        invite_record.used_at = Some(now);
        write(&mut records, &invite_key, &invite_record).await?;
    }
    records.keep_mutation();
    records.log(AuditEntry {
        seq: 0,
        community: community.clone(),
        at: now.millis(),
        member_id: member.to_string(),
        device_id: session.device.clone(),
        client_id: String::new(),
        mutation_id: 0,
        module: "members".into(),
        name: "join".into(),
        args: serde_json::json!({ "device": name }).to_string(),
        outcome: "applied".into(),
    });
    records.flush().await?;
    if !tx.use_invite(&invite.code_hash, &keyed).await? {
        tx.rollback().await?;
        return Ok(Err(JoinRefused::Used));
    }
    let token = new_token();
    tx.insert_token(&key.hash(&token), &session, &name, now.millis())
        .await?;
    tx.commit().await?;
    Ok(Ok(Joined { token, session }))
}

async fn write<T: serde::Serialize>(
    records: &mut PushRecords<'_>,
    key: &str,
    value: &T,
) -> Result<(), SyncError> {
    let value = serde_json::to_value(value).unwrap_or(Value::Null);
    records
        .put(key, value)
        .await
        .map_err(|err| SyncError::Db(DbError::Storage(err.to_string())))
}

/// The name a device gave itself, made fit to show: its first 40 characters
/// of text, or a plain default.
fn clean_device_name(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .filter(|c| !c.is_control())
        .take(devices::DEVICE_NAME_MAX_CHARS)
        .collect();
    let cleaned = cleaned.trim();
    if cleaned.is_empty() {
        "设备 Device".to_owned()
    } else {
        cleaned.to_owned()
    }
}

/// Once an hour at most, the device's record says when it last synced (a
/// write per pull would make every other device's next pull carry it).
pub async fn note_sync(
    database: &Database,
    session: &Session,
    token_hash: &str,
    last_seen_at: i64,
    now: Timestamp,
) {
    if now.millis() - last_seen_at < HOUR_MS || session.device.is_empty() {
        return;
    }
    let noted = async {
        database.touch_token(token_hash, now.millis()).await?;
        let mut tx = database.begin_write().await?;
        let version = tx.lock_community(&session.community).await?;
        let mut records = PushRecords::new(&mut tx, &session.community, version);
        let key = devices::device(&session.actor.member, &session.device);
        let record: Option<DeviceRecord> = records
            .get(&key)
            .await
            .map_err(|err| DbError::Storage(err.to_string()))?
            .and_then(|value| serde_json::from_value(value).ok());
        if let Some(mut record) = record {
            records.begin_mutation();
            record.last_synced_at = Some(now);
            records
                .put(&key, serde_json::to_value(&record).unwrap_or(Value::Null))
                .await
                .map_err(|err| DbError::Storage(err.to_string()))?;
            records.keep_mutation();
            records.flush().await?;
        } else {
            drop(records);
        }
        tx.commit().await?;
        Ok::<(), DbError>(())
    };
    if let Err(err) = noted.await {
        tracing::warn!(%err, "could not note a device's sync");
    }
}

/// Roles that let a member fetch invite codes for their pad.
/// How many unused codes a member's pad may hold: an officer registers
/// members with them, anyone else only links their own devices.
pub fn pad_limit(session: &Session) -> i64 {
    if session.actor.has_any(&linli_core::role::OFFICERS) {
        crate::db::PAD_LIMIT
    } else {
        OWN_DEVICES_PAD_LIMIT
    }
}

/// A member who registers no one needs a code or two for their own phones.
pub const OWN_DEVICES_PAD_LIMIT: i64 = 3;
