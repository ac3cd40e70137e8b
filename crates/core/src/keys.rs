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
    /// The worker of one grid, and officers and admins.
    Grid(String),
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
        if let Some(rest) = key.strip_prefix(crate::volunteers::records::CARE_PREFIX) {
            return match rest.split('/').next() {
                Some(grid) if crate::ids::check_id(grid).is_ok() => Audience::Grid(grid.to_owned()),
                _ => Audience::Roles(vec![Role::Admin]),
            };
        }
        if key.starts_with(crate::volunteers::records::VOLUNTEERS_PREFIX) {
            return Audience::Community;
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
            Audience::Grid(grid) => std::iter::once(grid_tag(grid))
                .chain(
                    crate::volunteers::GRID_OFFICERS
                        .iter()
                        .map(|role| format!("role:{role}")),
                )
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

/// The tag of the grid a grid worker runs. Which grids a member runs is in
/// the records (`vol/grid/<id>`), not in the session, so the server adds
/// these tags to a reader's own when it answers a pull.
pub fn grid_tag(grid: &str) -> String {
    format!("grid:{grid}")
}

/// A short stable fingerprint of a reader's tags (FNV-1a, 32 bits, so that
/// it stays exact as a JavaScript number). A pull
/// cookie carries it: when a member's tags change (a new role, a grid handed
/// over) the server sees a different fingerprint and starts the member's
/// copy afresh, so records their old tags kept from them arrive and those
/// their new tags exclude go.
pub fn readers_fingerprint(tags: &[String]) -> u32 {
    let mut sorted: Vec<&String> = tags.iter().collect();
    sorted.sort();
    sorted.dedup();
    let mut hash: u32 = 0x811c_9dc5;
    for tag in sorted {
        for byte in tag.bytes().chain(std::iter::once(b' ')) {
            hash ^= u32::from(byte);
            hash = hash.wrapping_mul(0x0100_0193);
        }
    }
    hash
}

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
    fn a_care_entry_reaches_its_grids_worker_and_the_officers_only() {
        let key = crate::volunteers::records::care("g3", "e1");
        let worker = |grid: &str| {
            let mut tags = reader_tags(&actor("w", &[Role::GridWorker]));
            tags.push(grid_tag(grid));
            tags
        };
        let audience = Audience::of_key(&key).tags();
        assert!(audience.iter().any(|tag| worker("g3").contains(tag)));
        assert!(
            !audience.iter().any(|tag| worker("g4").contains(tag)),
            "another grid's worker"
        );
        assert!(may_read(&actor("o", &[Role::Officer]), &key));
        assert!(!may_read(
            &actor("v", &[Role::Volunteer, Role::Resident, Role::GridWorker]),
            &key
        ));
        assert!(
            may_read(&actor("v", &[Role::Resident]), "vol/case/k1"),
            "cases are the community's"
        );
    }

    #[test]
    fn the_fingerprint_follows_the_set_of_tags() {
        let tags = |list: &[&str]| list.iter().map(|tag| tag.to_string()).collect::<Vec<_>>();
        assert_eq!(
            readers_fingerprint(&tags(&["a", "b"])),
            readers_fingerprint(&tags(&["b", "a"]))
        );
        assert_ne!(
            readers_fingerprint(&tags(&["a", "b"])),
            readers_fingerprint(&tags(&["a", "b", "grid:g1"]))
        );
    }

    #[test]
    fn unknown_kinds_are_kept_from_everyone_but_admins() {
        assert!(!may_read(&actor("m1", &[Role::Officer]), "secret/x"));
        assert!(may_read(&actor("m1", &[Role::Admin]), "secret/x"));
    }
}
