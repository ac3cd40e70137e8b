//! Invite codes: how a member's device joins. A code is made by the server
//! with full entropy; an officer's device keeps a few the server gave it (an
//! invite pad), so it can register a member with no network and hand out
//! the code on paper or as a QR code. The server accepts a code in a
//! mutation only if it issued that code to the actor, and keeps only its
//! keyed hash. A code works once, until it expires (30 days unless the
//! officer says otherwise), and can be withdrawn. The invite's public side
//! is a record, `invite/<member>/<id>`, with no code in it.

use serde::{Deserialize, Serialize};

use super::{managed_member, may_manage, read, to_value, MemberRecord};
use crate::ids::MemberId;
use crate::keys;
use crate::rejection::{rejected, valid_id, ApplyError, RejectionCode};
use crate::role::Actor;
use crate::time::Timestamp;
use crate::time::DAY_MS;
use crate::tx::{scan_records, Tx};

pub const INVITE_PREFIX: &str = "invite/";
/// Codes are typed by people over 60 from a slip of paper, in three groups
/// of four: 12 characters of 31 carry 59 bits, which together with the
/// server's keyed hash and its limit on tries leaves guessing hopeless.
pub const INVITE_CODE_LEN: usize = 12;
/// Letters and digits that cannot be confused with each other when read aloud
/// or handwritten (no 0/O, 1/I/L).
pub const INVITE_CODE_ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";
/// How long a code works unless the officer chose otherwise.
pub const DEFAULT_VALID_DAYS: u16 = 30;
pub const MAX_VALID_DAYS: u16 = 365;
/// The invite a registration makes when it names none.
pub const FIRST_INVITE: &str = "first";

pub fn invite(member: &MemberId, id: &str) -> String {
    format!("{INVITE_PREFIX}{member}/{id}")
}

pub fn invites_of(member: &MemberId) -> String {
    format!("{INVITE_PREFIX}{member}/")
}

/// Whether `code` has the shape of an invite code (the alphabet and length).
pub fn is_invite_code(code: &str) -> bool {
    code.len() == INVITE_CODE_LEN && code.bytes().all(|b| INVITE_CODE_ALPHABET.contains(&b))
}

/// `ABCD-EFGH-JKLM`: an invite code as people read it off paper.
pub fn invite_code_for_reading(code: &str) -> String {
    crate::text::grouped(code, 4, '-')
}

/// `invite/<member>/<id>`: an invite without its code.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InviteRecord {
    pub id: String,
    pub member: MemberId,
    pub issued_by: MemberId,
    pub created_at: Timestamp,
    pub expires_at: Timestamp,
    /// When a device joined with it (written by the server).
    #[serde(default)]
    pub used_at: Option<Timestamp>,
    #[serde(default)]
    pub withdrawn_at: Option<Timestamp>,
}

impl InviteRecord {
    /// Not used, not withdrawn, not expired at `now`.
    pub fn open_at(&self, now: Timestamp) -> bool {
        self.used_at.is_none() && self.withdrawn_at.is_none() && now < self.expires_at
    }
}

/// `inviteMember`: a new code for a member already registered (a new phone,
/// or after their devices were signed out).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct InviteMember {
    pub member: MemberId,
    pub invite_id: String,
    pub invite_code: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_days: Option<u16>,
}

/// How long a code for the member's own other device works: it is typed
/// on the other phone there and then.
pub const LINK_VALID_DAYS: u16 = 1;

/// `linkDevice`: a member makes a code for their own other device (a
/// second phone, the family tablet), valid for [`LINK_VALID_DAYS`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LinkDevice {
    pub invite_id: String,
    pub invite_code: String,
}

/// `withdrawInvite`: an unused invite stops working.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct WithdrawInvite {
    pub member: MemberId,
    pub invite: String,
}

/// Writes the invite record for a code the server binds to `member`.
pub(super) async fn put_invite(
    tx: &mut impl Tx,
    actor: &Actor,
    member: &MemberId,
    id: &str,
    valid_days: Option<u16>,
    now: Timestamp,
) -> Result<(), ApplyError> {
    let key = invite(member, id);
    valid_id(id, &keys::member(member))?;
    let days = valid_days.unwrap_or(DEFAULT_VALID_DAYS);
    if !(1..=MAX_VALID_DAYS).contains(&days) {
        return Err(rejected(RejectionCode::InvalidArgs, &key));
    }
    if tx.get(&key).await?.is_some() {
        return Err(rejected(RejectionCode::AlreadyExists, &key));
    }
    let record = InviteRecord {
        id: id.to_owned(),
        member: member.clone(),
        issued_by: actor.member.clone(),
        created_at: now,
        expires_at: Timestamp(now.millis() + i64::from(days) * DAY_MS),
        used_at: None,
        withdrawn_at: None,
    };
    tx.put(&key, to_value(&record)).await?;
    Ok(())
}

pub async fn invite_member(
    tx: &mut impl Tx,
    actor: &Actor,
    args: &InviteMember,
    now: Timestamp,
) -> Result<(), ApplyError> {
    let (key, record) = managed_member(tx, actor, &args.member).await?;
    if !record.active {
        return Err(rejected(RejectionCode::WrongStage, &key));
    }
    if !is_invite_code(&args.invite_code) {
        return Err(rejected(RejectionCode::InvalidArgs, &key));
    }
    put_invite(tx, actor, &args.member, &args.invite_id, args.valid_days, now).await
}

pub async fn link_device(
    tx: &mut impl Tx,
    actor: &Actor,
    args: &LinkDevice,
    now: Timestamp,
) -> Result<(), ApplyError> {
    let key = keys::member(&actor.member);
    let record: MemberRecord = read(tx, &key).await?;
    if !record.active {
        return Err(rejected(RejectionCode::WrongStage, &key));
    }
    if !is_invite_code(&args.invite_code) {
        return Err(rejected(RejectionCode::InvalidArgs, &key));
    }
    put_invite(
        tx,
        actor,
        &actor.member,
        &args.invite_id,
        Some(LINK_VALID_DAYS),
        now,
    )
    .await
}

pub async fn withdraw_invite(
    tx: &mut impl Tx,
    actor: &Actor,
    args: &WithdrawInvite,
    now: Timestamp,
) -> Result<(), ApplyError> {
    valid_id(&args.invite, INVITE_PREFIX)?;
    let member: MemberRecord = read(tx, &keys::member(&args.member)).await?;
    let key = invite(&args.member, &args.invite);
    if !may_manage(actor, &member.roles) {
        return Err(rejected(RejectionCode::Forbidden, &key));
    }
    let mut record: InviteRecord = read(tx, &key).await?;
    if record.used_at.is_some() || record.withdrawn_at.is_some() {
        return Err(rejected(RejectionCode::WrongStage, &key));
    }
    record.withdrawn_at = Some(now);
    tx.put(&key, to_value(&record)).await?;
    Ok(())
}

/// Withdraws every unused invite of `member` (who has left).
pub(super) async fn withdraw_all(
    tx: &mut impl Tx,
    member: &MemberId,
    now: Timestamp,
) -> Result<(), ApplyError> {
    let records: Vec<InviteRecord> = scan_records(tx, &invites_of(member)).await?;
    for mut record in records
        .into_iter()
        .filter(|record| record.used_at.is_none() && record.withdrawn_at.is_none())
    {
        record.withdrawn_at = Some(now);
        tx.put(&invite(member, &record.id), to_value(&record)).await?;
    }
    Ok(())
}
