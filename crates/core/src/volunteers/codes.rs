//! Volunteer sign-in codes: what a volunteer shows the organiser of an
//! activity (as digits read aloud or as a QR code) to be signed in and out.
//! Each member makes their own, at random on their device; making a new one
//! retires the old, so a code seen over someone's shoulder stops working as
//! soon as its member asks. The code is never the member's id: only the
//! member and the people who sign volunteers in (grid workers, officers,
//! admins) ever receive it.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::ids::MemberId;
use crate::members::to_value;
use crate::rejection::{rejected, ApplyError, RejectionCode};
use crate::role::Actor;
use crate::time::Timestamp;
use crate::tx::{scan_records, Tx};

pub const CODE_PREFIX: &str = "vol/code/";

/// Nine digits, read aloud in three groups of three: about 30 bits, and a
/// guess can only ever be tried by an organiser, in front of the volunteer.
pub const CODE_DIGITS: usize = 9;

/// `vol/code/<member>`.
pub fn code_key(member: &MemberId) -> String {
    format!("{CODE_PREFIX}{member}")
}

/// A member's current sign-in code.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct VolunteerCode {
    pub member: MemberId,
    pub code: String,
    pub issued_at: Timestamp,
}

/// `newVolunteerCode`: the actor's new code, made on their device; the
/// old one stops working.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NewVolunteerCode {
    pub code: String,
}

/// Whether `code` has a sign-in code's shape (spaces and dashes removed).
pub fn is_volunteer_code(code: &str) -> bool {
    code.len() == CODE_DIGITS && code.bytes().all(|byte| byte.is_ascii_digit())
}

/// What was typed or scanned, without the spaces and dashes people add.
pub fn typed_code(input: &str) -> String {
    input
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect()
}

/// `123 456 789`: a code as it is read out.
pub fn code_for_reading(code: &str) -> String {
    crate::text::grouped(code, 3, ' ')
}

/// The member whose current code is `typed`, among the codes in `records`
/// (an organiser's view).
pub fn member_with_code(records: &BTreeMap<String, Value>, typed: &str) -> Option<MemberId> {
    let typed = typed_code(typed);
    records
        .range(CODE_PREFIX.to_owned()..)
        .take_while(|(key, _)| key.starts_with(CODE_PREFIX))
        .filter_map(|(_, value)| serde_json::from_value::<VolunteerCode>(value.clone()).ok())
        .find(|code| code.code == typed)
        .map(|code| code.member)
}

pub async fn new_volunteer_code(
    tx: &mut impl Tx,
    actor: &Actor,
    args: &NewVolunteerCode,
    now: Timestamp,
) -> Result<(), ApplyError> {
    let key = code_key(&actor.member);
    if !is_volunteer_code(&args.code) {
        return Err(rejected(RejectionCode::InvalidArgs, &key));
    }
    // Two members with one code would sign in the wrong one: the second to
    // arrive makes another.
    let codes: Vec<VolunteerCode> = scan_records(tx, CODE_PREFIX).await?;
    if codes
        .iter()
        .any(|other| other.code == args.code && other.member != actor.member)
    {
        return Err(rejected(RejectionCode::AlreadyExists, &key));
    }
    let record = VolunteerCode {
        member: actor.member.clone(),
        code: args.code.clone(),
        issued_at: now,
    };
    tx.put(&key, to_value(&record)).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::role::Role;
    use crate::tx::{now_or_never, MemTx};

    /// Runs `newVolunteerCode` for `who` over `records`, keeping its writes.
    fn make(records: &mut BTreeMap<String, Value>, who: &str, code: &str) -> Result<(), ApplyError> {
        let actor = Actor::new(who.parse().unwrap(), [Role::Volunteer]);
        let mut tx = MemTx::new(records);
        now_or_never(new_volunteer_code(
            &mut tx,
            &actor,
            &NewVolunteerCode { code: code.into() },
            Timestamp(1),
        ))
        .expect("finishes")?;
        for (key, change) in tx.into_changes() {
            if let Some(value) = change {
                records.insert(key, value);
            }
        }
        Ok(())
    }

    #[test]
    fn a_new_code_retires_the_old_and_codes_stay_unique() {
        let mut records = BTreeMap::new();
        make(&mut records, "v1", "123456789").unwrap();
        assert_eq!(
            member_with_code(&records, "123 456 789"),
            Some("v1".parse().unwrap())
        );
        make(&mut records, "v1", "987654321").unwrap();
        assert_eq!(member_with_code(&records, "123456789"), None);
        assert_eq!(
            member_with_code(&records, "987-654-321"),
            Some("v1".parse().unwrap())
        );
        assert!(make(&mut records, "v2", "987654321").is_err());
        assert!(make(&mut records, "v2", "12345").is_err());
        assert!(make(&mut records, "v2", "v2").is_err());
    }
}
