//! Members of a community: registered by an officer or admin, each able to
//! edit their own profile.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::ids::MemberId;
use crate::keys;
use crate::rejection::{ApplyError, Rejection, RejectionCode};
use crate::role::{Actor, Role};
use crate::text;
use crate::tx::Tx;

pub const NAME_MAX_CHARS: usize = 40;
/// Invite codes are typed by people over 60 from a slip of paper: long enough
/// not to be guessed (the server also limits tries), short enough to type.
pub const INVITE_CODE_LEN: usize = 10;
/// Letters and digits that cannot be confused with each other when read aloud
/// or handwritten (no 0/O, 1/I/L).
pub const INVITE_CODE_ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";

/// The `member/<id>` record every member of the community can see.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MemberRecord {
    pub id: MemberId,
    pub name: String,
    pub roles: Vec<Role>,
}

/// `registerMember`: an officer or admin registers a member, with the invite
/// code the new member's device will join with. The code never enters a
/// record: the server keeps only its hash.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RegisterMember {
    pub id: MemberId,
    pub name: String,
    pub roles: Vec<Role>,
    pub invite_code: String,
}

/// `updateProfile`: a member changes their own display name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct UpdateProfile {
    pub name: String,
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

/// Whether `code` has the shape of an invite code (the alphabet and length).
pub fn is_invite_code(code: &str) -> bool {
    code.len() == INVITE_CODE_LEN && code.bytes().all(|b| INVITE_CODE_ALPHABET.contains(&b))
}

pub async fn register_member(
    tx: &mut impl Tx,
    actor: &Actor,
    args: &RegisterMember,
) -> Result<(), ApplyError> {
    let key = keys::member(&args.id);
    // Only an admin can make another admin or an officer: an officer cannot
    // raise anyone to their own level or above.
    let grants_power = args
        .roles
        .iter()
        .any(|role| matches!(role, Role::Admin | Role::Officer));
    if grants_power && !actor.has_any(&[Role::Admin]) {
        return Err(Rejection::new(RejectionCode::Forbidden, key).into());
    }
    let name = text::required(&args.name, NAME_MAX_CHARS, &key)?;
    if args.roles.is_empty() || args.roles.len() > Role::ALL.len() || !is_invite_code(&args.invite_code) {
        return Err(Rejection::new(RejectionCode::InvalidArgs, key).into());
    }
    if tx.get(&key).await?.is_some() {
        return Err(Rejection::new(RejectionCode::AlreadyExists, key).into());
    }
    let mut roles = args.roles.clone();
    roles.sort();
    roles.dedup();
    let record = MemberRecord {
        id: args.id.clone(),
        name,
        roles,
    };
    tx.put(&key, to_value(&record)).await?;
    Ok(())
}

pub async fn update_profile(tx: &mut impl Tx, actor: &Actor, args: &UpdateProfile) -> Result<(), ApplyError> {
    let key = keys::member(&actor.member);
    let name = text::required(&args.name, NAME_MAX_CHARS, &key)?;
    let mut record: MemberRecord = read(tx, &key).await?;
    record.name = name;
    tx.put(&key, to_value(&record)).await?;
    Ok(())
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
