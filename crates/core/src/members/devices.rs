//! A member's signed-in devices: each joined with an invite code and holds a
//! token the server keeps. The server writes a device's record when it joins
//! (`device/<member>/<device>`: its name, when it joined, when it last
//! synced); the member, or a manager for a lost phone, signs it out with a
//! mutation, which the server carries out by revoking its token: the
//! device's next sync is refused and it keeps what it had not sent.

use serde::{Deserialize, Serialize};

use super::{managed_member, may_manage, read, to_value, MemberRecord};
use crate::ids::MemberId;
use crate::keys;
use crate::rejection::{rejected, valid_id, ApplyError, RejectionCode};
use crate::role::Actor;
use crate::text;
use crate::time::Timestamp;
use crate::tx::{scan_records, Tx};

pub const DEVICE_PREFIX: &str = "device/";
pub const DEVICE_NAME_MAX_CHARS: usize = 40;

pub fn device(member: &MemberId, id: &str) -> String {
    format!("{DEVICE_PREFIX}{member}/{id}")
}

pub fn devices_of(member: &MemberId) -> String {
    format!("{DEVICE_PREFIX}{member}/")
}

/// `device/<member>/<id>`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DeviceRecord {
    pub id: String,
    pub member: MemberId,
    /// The name the member gave it, or the browser's description of itself.
    pub name: String,
    pub joined_at: Timestamp,
    /// The last pull, to the hour (the server does not rewrite it more often).
    #[serde(default)]
    pub last_synced_at: Option<Timestamp>,
    #[serde(default)]
    pub signed_out_at: Option<Timestamp>,
    #[serde(default)]
    pub signed_out_by: Option<MemberId>,
}

/// `signOutDevice`: the member signs out one of their devices (or a
/// manager a member's device).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SignOutDevice {
    pub member: MemberId,
    pub device: String,
}

/// `signOutMember`: a manager signs out every device of a member (a lost
/// phone, a departed worker).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SignOutMember {
    pub member: MemberId,
}

/// `nameDevice`: the member names one of their own devices.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NameDevice {
    pub device: String,
    pub name: String,
}

/// Whether `actor` may sign out `member`'s devices: their own, or as a
/// manager within their power.
async fn may_sign_out(tx: &mut impl Tx, actor: &Actor, member: &MemberId) -> Result<bool, ApplyError> {
    if *member == actor.member {
        return Ok(true);
    }
    if !actor.has_any(&crate::role::OFFICERS) {
        return Ok(false);
    }
    let record: MemberRecord = read(tx, &keys::member(member)).await?;
    Ok(may_manage(actor, &record.roles))
}

pub async fn sign_out_device(
    tx: &mut impl Tx,
    actor: &Actor,
    args: &SignOutDevice,
    now: Timestamp,
) -> Result<(), ApplyError> {
    valid_id(&args.device, DEVICE_PREFIX)?;
    let key = device(&args.member, &args.device);
    if !may_sign_out(tx, actor, &args.member).await? {
        return Err(rejected(RejectionCode::Forbidden, &key));
    }
    let mut record: DeviceRecord = read(tx, &key).await?;
    if record.signed_out_at.is_some() {
        return Err(rejected(RejectionCode::AlreadyExists, &key));
    }
    record.signed_out_at = Some(now);
    record.signed_out_by = Some(actor.member.clone());
    tx.put(&key, to_value(&record)).await?;
    Ok(())
}

pub async fn sign_out_member(
    tx: &mut impl Tx,
    actor: &Actor,
    args: &SignOutMember,
    now: Timestamp,
) -> Result<(), ApplyError> {
    managed_member(tx, actor, &args.member).await?;
    sign_out_all(tx, actor, &args.member, now).await
}

/// Marks every device of `member` that is still signed in as signed out.
pub(super) async fn sign_out_all(
    tx: &mut impl Tx,
    actor: &Actor,
    member: &MemberId,
    now: Timestamp,
) -> Result<(), ApplyError> {
    let records: Vec<DeviceRecord> = scan_records(tx, &devices_of(member)).await?;
    for mut record in records
        .into_iter()
        .filter(|record| record.signed_out_at.is_none())
    {
        record.signed_out_at = Some(now);
        record.signed_out_by = Some(actor.member.clone());
        tx.put(&device(member, &record.id), to_value(&record)).await?;
    }
    Ok(())
}

pub async fn name_device(
    tx: &mut impl Tx,
    actor: &Actor,
    args: &NameDevice,
    _now: Timestamp,
) -> Result<(), ApplyError> {
    valid_id(&args.device, DEVICE_PREFIX)?;
    let key = device(&actor.member, &args.device);
    let mut record: DeviceRecord = read(tx, &key).await?;
    record.name = text::required(&args.name, DEVICE_NAME_MAX_CHARS, &key)?;
    tx.put(&key, to_value(&record)).await?;
    Ok(())
}
