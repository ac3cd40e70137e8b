//! Members of a community over the years: registered by an officer or
//! admin, each able to edit their own profile; their roles raised or
//! lowered; leaving, when they move away, with their records kept. Their
//! devices ([`devices`]) and their invite codes ([`invites`]) are here too.
//!
//! Who may act on whom: officers and admins manage members; only an admin
//! may give or take the officer or admin role, or act on an officer or
//! admin; and a community always keeps an active admin.
//!
//! - this file: the module's declaration (its records' readers and its
//!   mutations), the member record and the member mutations' rules;
//! - [`devices`]: a member's signed-in devices; [`invites`]: invite codes.

pub mod devices;
pub mod invites;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::ids::MemberId;
use crate::keys::{self, Readers, RecordKind};
use crate::rejection::{ApplyError, Rejection, RejectionCode};
use crate::role::{Actor, MayRun, Role, OFFICERS};
use crate::text;
use crate::time::Timestamp;
use crate::tx::{scan_records, Tx};
use devices::{NameDevice, SignOutDevice, SignOutMember};
use invites::{InviteMember, LinkDevice, WithdrawInvite};

pub use invites::{is_invite_code, INVITE_CODE_ALPHABET, INVITE_CODE_LEN};

pub const NAME_MAX_CHARS: usize = 40;

/// The members' records: every member reads the community's members; a
/// member's devices and invites reach that member and the managers.
pub const RECORD_KINDS: &[RecordKind] = &[
    RecordKind::new(keys::MEMBER_PREFIX, Readers::Community),
    RecordKind::new(devices::DEVICE_PREFIX, Readers::Member(&OFFICERS)),
    RecordKind::new(invites::INVITE_PREFIX, Readers::Member(&OFFICERS)),
];

declare_module! {
    /// The members' mutations: registering, profiles, roles, leaving, invites and devices.
    module "members" as MembersMutation;
    records: RECORD_KINDS;
    mutations {
        RegisterMember(RegisterMember) = "registerMember" {
            who: MayRun::Holders(&OFFICERS),
            run: register_member,
            example: {"id": "m9", "name": "新人", "roles": ["resident"], "inviteCode": "ABCDE23456GH"},
        }
        UpdateProfile(UpdateProfile) = "updateProfile" {
            who: MayRun::AnyMember,
            run: update_profile,
            example: {"name": "新名字"},
        }
        SetMemberRoles(SetMemberRoles) = "setMemberRoles" {
            who: MayRun::Holders(&OFFICERS),
            run: set_member_roles,
            example: {"member": "m9", "roles": ["resident", "volunteer"]},
        }
        DeactivateMember(DeactivateMember) = "deactivateMember" {
            who: MayRun::Holders(&OFFICERS),
            run: deactivate_member,
            example: {"member": "m9"},
        }
        InviteMember(InviteMember) = "inviteMember" {
            who: MayRun::Holders(&OFFICERS),
            run: invites::invite_member,
            example: {"member": "m9", "inviteId": "i2", "inviteCode": "ABCDE23456GH", "validDays": 7},
        }
        LinkDevice(LinkDevice) = "linkDevice" {
            who: MayRun::AnyMember,
            run: invites::link_device,
            example: {"inviteId": "i3", "inviteCode": "ABCDE23456GH"},
        }
        WithdrawInvite(WithdrawInvite) = "withdrawInvite" {
            who: MayRun::Holders(&OFFICERS),
            run: invites::withdraw_invite,
            example: {"member": "m9", "invite": "i2"},
        }
        SignOutDevice(SignOutDevice) = "signOutDevice" {
            who: MayRun::AnyMember,
            run: devices::sign_out_device,
            example: {"member": "m9", "device": "d1"},
        }
        SignOutMember(SignOutMember) = "signOutMember" {
            who: MayRun::Holders(&OFFICERS),
            run: devices::sign_out_member,
            example: {"member": "m9"},
        }
        NameDevice(NameDevice) = "nameDevice" {
            who: MayRun::AnyMember,
            run: devices::name_device,
            example: {"device": "d1", "name": "老人机"},
        }
    }
}

/// The `member/<id>` record every member of the community can see.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MemberRecord {
    pub id: MemberId,
    pub name: String,
    pub roles: Vec<Role>,
    /// False once the member has left: their records stay, with them as
    /// author, but they no longer sign in or appear in pickers.
    #[serde(default = "yes")]
    pub active: bool,
    #[serde(default)]
    pub left_at: Option<Timestamp>,
}

fn yes() -> bool {
    true
}

impl MemberRecord {
    pub fn is_admin(&self) -> bool {
        self.active && self.roles.contains(&Role::Admin)
    }
}

/// `registerMember`: an officer or admin registers a member, with an invite
/// code from the server (the device keeps a few it was given; see
/// [`invites`]) that the new member's device will join with. The code never
/// enters a record: the server keeps only its keyed hash.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RegisterMember {
    pub id: MemberId,
    pub name: String,
    pub roles: Vec<Role>,
    pub invite_code: String,
    /// The invite's public id (`invite/<member>/<id>`); "first" if left out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invite_id: Option<String>,
    /// Days the code works for; [`invites::DEFAULT_VALID_DAYS`] if left out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_days: Option<u16>,
}

/// `updateProfile`: a member changes their own display name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct UpdateProfile {
    pub name: String,
}

/// `setMemberRoles`: a member's roles, raised or lowered.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SetMemberRoles {
    pub member: MemberId,
    pub roles: Vec<Role>,
}

/// `deactivateMember`: the member has left. Their devices are signed out
/// and their unused invites withdrawn; their records stay.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DeactivateMember {
    pub member: MemberId,
}

/// The `member/<id>` record in `records`, if there is one that decodes.
pub fn member_record(
    records: &std::collections::BTreeMap<String, Value>,
    id: &MemberId,
) -> Option<MemberRecord> {
    records
        .get(&keys::member(id))
        .and_then(|value| serde_json::from_value(value.clone()).ok())
}

/// Whether `roles` hold the power to manage members (officer, admin).
fn privileged(roles: &[Role]) -> bool {
    roles
        .iter()
        .any(|role| matches!(role, Role::Admin | Role::Officer))
}

/// Whether `actor` may act on a member whose roles are (or become) `roles`:
/// an officer on anyone without officer or admin roles, an admin on anyone.
pub fn may_manage(actor: &Actor, roles: &[Role]) -> bool {
    actor.has_any(&[Role::Admin]) || (actor.has_any(&[Role::Officer]) && !privileged(roles))
}

/// Roles sorted, each once, at least one.
fn clean_roles(roles: &[Role], target: &str) -> Result<Vec<Role>, Rejection> {
    let mut roles = roles.to_vec();
    roles.sort();
    roles.dedup();
    if roles.is_empty() {
        return Err(Rejection::new(RejectionCode::InvalidArgs, target.to_owned()));
    }
    Ok(roles)
}

/// Reads the member `id`, active, or rejects (`not_found`; `wrong_stage`
/// for one who has left).
pub(crate) async fn active_member(
    tx: &mut impl Tx,
    id: &MemberId,
) -> Result<(String, MemberRecord), ApplyError> {
    let key = keys::member(id);
    let record: MemberRecord = read(tx, &key).await?;
    if !record.active {
        return Err(Rejection::new(RejectionCode::WrongStage, key).into());
    }
    Ok((key, record))
}

/// Reads the member `id` for an actor who means to act on them, or rejects:
/// `not_found`, or `forbidden` when they are beyond the actor's power
/// ([`may_manage`]).
pub(crate) async fn managed_member(
    tx: &mut impl Tx,
    actor: &Actor,
    id: &MemberId,
) -> Result<(String, MemberRecord), ApplyError> {
    let key = keys::member(id);
    let record: MemberRecord = read(tx, &key).await?;
    if !may_manage(actor, &record.roles) {
        return Err(Rejection::new(RejectionCode::Forbidden, key).into());
    }
    Ok((key, record))
}

/// The ids of members who have left: kept out of electorates and registers
/// from the day they leave, while their past records keep them as author.
pub async fn departed_members(tx: &mut impl Tx) -> Result<std::collections::BTreeSet<MemberId>, ApplyError> {
    let members: Vec<MemberRecord> = scan_records(tx, keys::MEMBER_PREFIX).await?;
    Ok(members
        .into_iter()
        .filter(|member| !member.active)
        .map(|member| member.id)
        .collect())
}

/// Refuses a change that would leave the community without an active admin.
async fn keep_an_admin(tx: &mut impl Tx, changed: &MemberRecord, key: &str) -> Result<(), ApplyError> {
    if changed.is_admin() {
        return Ok(());
    }
    let members: Vec<MemberRecord> = scan_records(tx, keys::MEMBER_PREFIX).await?;
    let another = members
        .iter()
        .any(|member| member.id != changed.id && member.is_admin());
    let was_admin = members
        .iter()
        .any(|member| member.id == changed.id && member.is_admin());
    if was_admin && !another {
        return Err(Rejection::new(RejectionCode::LastAdmin, key.to_owned()).into());
    }
    Ok(())
}

pub async fn register_member(
    tx: &mut impl Tx,
    actor: &Actor,
    args: &RegisterMember,
    now: Timestamp,
) -> Result<(), ApplyError> {
    let key = keys::member(&args.id);
    let roles = clean_roles(&args.roles, &key)?;
    // Only an admin can make another admin or an officer: an officer cannot
    // raise anyone to their own level or above.
    if !may_manage(actor, &roles) {
        return Err(Rejection::new(RejectionCode::Forbidden, key).into());
    }
    let name = text::required(&args.name, NAME_MAX_CHARS, &key)?;
    if args.roles.len() > Role::ALL.len() || !is_invite_code(&args.invite_code) {
        return Err(Rejection::new(RejectionCode::InvalidArgs, key).into());
    }
    if tx.get(&key).await?.is_some() {
        return Err(Rejection::new(RejectionCode::AlreadyExists, key).into());
    }
    let record = MemberRecord {
        id: args.id.clone(),
        name,
        roles,
        active: true,
        left_at: None,
    };
    tx.put(&key, to_value(&record)).await?;
    let invite = args.invite_id.as_deref().unwrap_or(invites::FIRST_INVITE);
    invites::put_invite(tx, actor, &args.id, invite, args.valid_days, now).await
}

pub async fn update_profile(
    tx: &mut impl Tx,
    actor: &Actor,
    args: &UpdateProfile,
    _now: Timestamp,
) -> Result<(), ApplyError> {
    let key = keys::member(&actor.member);
    let name = text::required(&args.name, NAME_MAX_CHARS, &key)?;
    let mut record: MemberRecord = read(tx, &key).await?;
    record.name = name;
    tx.put(&key, to_value(&record)).await?;
    Ok(())
}

pub async fn set_member_roles(
    tx: &mut impl Tx,
    actor: &Actor,
    args: &SetMemberRoles,
    _now: Timestamp,
) -> Result<(), ApplyError> {
    let (key, mut record) = active_member(tx, &args.member).await?;
    let roles = clean_roles(&args.roles, &key)?;
    // Both the roles held and the roles given must be within the actor's power.
    if !may_manage(actor, &record.roles) || !may_manage(actor, &roles) {
        return Err(Rejection::new(RejectionCode::Forbidden, key).into());
    }
    record.roles = roles;
    keep_an_admin(tx, &record, &key).await?;
    tx.put(&key, to_value(&record)).await?;
    Ok(())
}

pub async fn deactivate_member(
    tx: &mut impl Tx,
    actor: &Actor,
    args: &DeactivateMember,
    now: Timestamp,
) -> Result<(), ApplyError> {
    let (key, mut record) = managed_member(tx, actor, &args.member).await?;
    if !record.active {
        return Err(Rejection::new(RejectionCode::WrongStage, key).into());
    }
    record.active = false;
    record.left_at = Some(now);
    keep_an_admin(tx, &record, &key).await?;
    tx.put(&key, to_value(&record)).await?;
    devices::sign_out_all(tx, actor, &args.member, now).await?;
    invites::withdraw_all(tx, &args.member, now).await
}

/// Reads and decodes the record at `key`, or rejects with `NotFound`. A
/// record that does not decode counts as missing: it can only come from a
/// newer or broken writer, and acting on a guess would be worse.
pub(crate) async fn read<T: serde::de::DeserializeOwned>(
    tx: &mut impl Tx,
    key: &str,
) -> Result<T, ApplyError> {
    tx.get(key)
        .await?
        .and_then(|value| serde_json::from_value(value).ok())
        .ok_or_else(|| Rejection::new(RejectionCode::NotFound, key.to_owned()).into())
}

pub(crate) fn to_value<T: Serialize>(record: &T) -> Value {
    // Records are plain structs of strings, numbers and lists: serialising
    // them cannot fail.
    serde_json::to_value(record).unwrap_or(Value::Null)
}
