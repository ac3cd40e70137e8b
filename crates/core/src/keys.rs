//! Record keys and who may see each record.
//!
//! Every record lives at a `kind/id[/more]` key in its community's key space.
//! Who may read a record follows from its key alone, so the server can file
//! each record under its audience when it writes it and filter a pull without
//! reading values.

use crate::ids::{ClientId, MemberId, NoticeId};
use crate::role::{Actor, Role};

pub const MEMBER_PREFIX: &str = "member/";
pub const NOTICE_PREFIX: &str = "notice/";
pub const ACK_PREFIX: &str = "ack/";
pub const REJECTION_PREFIX: &str = "rejection/";
/// The canteen's records; those under a member's id are private to that
/// member and the canteen's staff (see [`Audience::of_key`]).
pub const CANTEEN_PREFIX: &str = "canteen/";
/// Canteen record kinds filed under a member id: `canteen/<kind>/<member>/…`.
pub const CANTEEN_PRIVATE_KINDS: [&str; 4] = ["diner", "sub", "order", "ledger"];
/// Who runs the canteen and so reads every member's canteen records.
pub const CANTEEN_STAFF_ROLES: [Role; 3] = [Role::CanteenStaff, Role::Officer, Role::Admin];

pub fn member(id: &MemberId) -> String {
    format!("{MEMBER_PREFIX}{id}")
}

pub fn notice(id: &NoticeId) -> String {
    format!("{NOTICE_PREFIX}{id}")
}

/// All acknowledgements of one notice share this prefix.
pub fn acks_of(notice: &NoticeId) -> String {
    format!("{ACK_PREFIX}{notice}/")
}

pub fn ack(notice: &NoticeId, member: &MemberId) -> String {
    format!("{ACK_PREFIX}{notice}/{member}")
}

/// The error record a rejected mutation leaves for its member. The member id
/// comes first so that the audience can be read off the key.
pub fn rejection(member: &MemberId, client: &ClientId, mutation_id: u64) -> String {
    format!("{REJECTION_PREFIX}{member}/{client}/{mutation_id}")
}

/// Who may read a record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Audience {
    /// Every member of the community.
    Community,
    /// One member only.
    Member(MemberId),
    /// Members holding any of these roles.
    Roles(Vec<Role>),
    /// One member, and members holding any of these roles.
    MemberAndRoles(MemberId, Vec<Role>),
}

impl Audience {
    /// The audience of the record at `key`. Unknown kinds are the most
    /// private choice that still lets an admin see them.
    pub fn of_key(key: &str) -> Audience {
        if let Some(rest) = key.strip_prefix(REJECTION_PREFIX) {
            return match rest.split('/').next().map(str::parse::<MemberId>) {
                Some(Ok(member)) => Audience::Member(member),
                _ => Audience::Roles(vec![Role::Admin]),
            };
        }
        if let Some(rest) = key.strip_prefix(CANTEEN_PREFIX) {
            let mut parts = rest.split('/');
            let kind = parts.next().unwrap_or_default();
            if !CANTEEN_PRIVATE_KINDS.contains(&kind) {
                return Audience::Community;
            }
            return match parts.next().map(str::parse::<MemberId>) {
                Some(Ok(member)) => Audience::MemberAndRoles(member, CANTEEN_STAFF_ROLES.to_vec()),
                _ => Audience::Roles(vec![Role::Admin]),
            };
        }
        if let Some(rest) = key.strip_prefix(crate::rules::records::RULES_PREFIX) {
            return rules_audience(rest);
        }
        if [MEMBER_PREFIX, NOTICE_PREFIX, ACK_PREFIX]
            .iter()
            .any(|prefix| key.starts_with(prefix))
        {
            Audience::Community
        } else {
            Audience::Roles(vec![Role::Admin])
        }
    }

    /// The audience as tags, stored beside a record (see [`reader_tags`]).
    pub fn tags(&self) -> Vec<String> {
        match self {
            Audience::Community => vec![COMMUNITY_TAG.to_owned()],
            Audience::Member(member) => vec![format!("member:{member}")],
            Audience::Roles(roles) => roles.iter().map(|role| format!("role:{role}")).collect(),
            Audience::MemberAndRoles(member, roles) => std::iter::once(format!("member:{member}"))
                .chain(roles.iter().map(|role| format!("role:{role}")))
                .collect(),
        }
    }
}

/// The village rules' records are public but for two kinds: a secret ballot
/// reaches its voter alone, whatever roles anyone holds, and a register entry
/// (with a birth date) its member and the officers.
fn rules_audience(rest: &str) -> Audience {
    let mut parts = rest.split('/');
    let kind = parts.next().unwrap_or_default();
    let member = parts.next().map(str::parse::<MemberId>);
    match (kind, member) {
        ("secret", Some(Ok(member))) => Audience::Member(member),
        ("voter", Some(Ok(member))) => {
            Audience::MemberAndRoles(member, crate::rules::RULES_OFFICERS.to_vec())
        }
        ("secret" | "voter", _) => Audience::Roles(vec![Role::Admin]),
        _ => Audience::Community,
    }
}

const COMMUNITY_TAG: &str = "community";

/// The tags an actor reads with: a record is visible to them when its
/// audience tags and these share at least one.
pub fn reader_tags(actor: &Actor) -> Vec<String> {
    let mut tags = vec![COMMUNITY_TAG.to_owned(), format!("member:{}", actor.member)];
    tags.extend(actor.roles.iter().map(|role| format!("role:{role}")));
    tags
}

/// Whether `actor` may read the record at `key`.
pub fn may_read(actor: &Actor, key: &str) -> bool {
    let readers = reader_tags(actor);
    Audience::of_key(key)
        .tags()
        .iter()
        .any(|tag| readers.contains(tag))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actor(id: &str, roles: &[Role]) -> Actor {
        Actor::new(id.parse().unwrap(), roles.iter().copied())
    }

    #[test]
    fn a_rejection_is_read_by_its_member_only() {
        let key = rejection(&"m1".parse().unwrap(), &"c1".parse().unwrap(), 7);
        assert!(may_read(&actor("m1", &[Role::Resident]), &key));
        assert!(!may_read(&actor("m2", &Role::ALL), &key), "not even an admin");
    }

    #[test]
    fn notices_and_members_are_read_by_the_whole_community() {
        let reader = actor("m9", &[Role::Resident]);
        assert!(may_read(&reader, &notice(&"n1".parse().unwrap())));
        assert!(may_read(&reader, &member(&"m1".parse().unwrap())));
    }

    #[test]
    fn a_members_canteen_records_reach_them_and_the_canteen_staff_only() {
        let key = "canteen/order/m1/o-1";
        assert!(may_read(&actor("m1", &[Role::Resident]), key));
        assert!(may_read(&actor("cook", &[Role::CanteenStaff]), key));
        assert!(!may_read(
            &actor("m2", &[Role::Resident, Role::Volunteer, Role::GridWorker]),
            key
        ));
        assert!(
            may_read(&actor("m2", &[Role::Resident]), "canteen/dish/tofu"),
            "the menu is public"
        );
    }

    #[test]
    fn a_secret_ballot_reaches_its_voter_and_nobody_else() {
        let key = crate::rules::records::secret_ballot(&"m1".parse().unwrap(), "v1");
        assert!(may_read(&actor("m1", &[Role::Resident]), &key));
        assert!(
            !may_read(&actor("m2", &Role::ALL), &key),
            "no role, admin included"
        );
        let register = crate::rules::records::voter(&"m1".parse().unwrap());
        assert!(may_read(&actor("m1", &[Role::Resident]), &register));
        assert!(may_read(&actor("sec", &[Role::Officer]), &register));
        assert!(!may_read(&actor("m2", &[Role::GridWorker]), &register));
        assert!(
            may_read(&actor("m2", &[Role::Resident]), "rules/ballot/v1/m1"),
            "open ballots show names"
        );
    }

    #[test]
    fn unknown_kinds_are_kept_from_everyone_but_admins() {
        assert!(!may_read(&actor("m1", &[Role::Officer]), "secret/x"));
        assert!(may_read(&actor("m1", &[Role::Admin]), "secret/x"));
    }
}
