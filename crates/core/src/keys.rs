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

/// The longest key a record may have.
pub const KEY_MAX_LEN: usize = 512;

/// Checks that `key` can be a record key: segments separated by `/`, each
/// 1 to 100 ASCII letters, digits, `-`, `_`, `.` or `:`. Every key the
/// modules build from ids, dates and numbers has that shape, so a key
/// without it can only come from arguments that slipped past a check (a NUL,
/// a slash inside an id), and both sides refuse to write it.
///
/// ```
/// use linli_core::keys::check_key;
/// assert!(check_key("rules/ballot/v1/lianjiaying-v03").is_ok());
/// assert!(check_key("rules/vote/v\u{0}").is_err());
/// assert!(check_key("notice//x").is_err());
/// ```
pub fn check_key(key: &str) -> Result<(), crate::tx::TxError> {
    let segment_ok = |segment: &str| {
        (1..=100).contains(&segment.len())
            && segment
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b':'))
    };
    if key.len() <= KEY_MAX_LEN && key.split('/').all(segment_ok) {
        Ok(())
    } else {
        Err(crate::tx::TxError::InvalidKey(key.chars().take(80).collect()))
    }
}

/// Who may read the records of one kind, as the module that owns the kind
/// declares it next to its keys (see [`RecordKind`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Readers {
    /// Every member of the community.
    Community,
    /// The member whose id is the key's first part after the prefix, and
    /// the holders of these roles; with none, that member alone, whatever
    /// roles anyone holds.
    Member(&'static [Role]),
    /// The holders of these roles.
    Roles(&'static [Role]),
    /// The worker of the grid whose id is the key's first part after the
    /// prefix, and officers and admins.
    Grid,
    /// The members of the household whose key ([`household_key`]) is the
    /// key's first part after the prefix, as the village register files
    /// them, and officers and admins.
    Household,
    /// No device at all: only the server reads them (a secret vote's
    /// meeting counts).
    Server,
}

impl Readers {
    /// How docs/PROTOCOL.md's table of records names these readers (a test
    /// holds the two together).
    pub fn describe(self) -> String {
        use crate::role::holders_of as roles;
        match self {
            Readers::Community => "the community".to_owned(),
            Readers::Member([]) => "that member only".to_owned(),
            Readers::Member(others) => format!("that member, {}", roles(others)),
            Readers::Roles(holders) => roles(holders),
            Readers::Grid => "the grid's worker, officers, admins".to_owned(),
            Readers::Household => "the household's members, officers, admins".to_owned(),
            Readers::Server => "no device (the server only)".to_owned(),
        }
    }
}

/// One kind of record: the key prefix a module files it under (or a whole
/// key, for a record the community has one of) and who may read it.
///
/// Every module lists its kinds in a `RECORD_KINDS` table beside its keys,
/// and [`ALL_RECORD_KINDS`] gathers them. A record whose key no module
/// declared is read by nobody: a new kind is private until its module says
/// who reads it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RecordKind {
    pub prefix: &'static str,
    pub readers: Readers,
}

impl RecordKind {
    pub const fn new(prefix: &'static str, readers: Readers) -> RecordKind {
        RecordKind { prefix, readers }
    }

    /// Whether `key` is of this kind: under the prefix, or the whole key.
    pub fn holds(&self, key: &str) -> bool {
        if self.prefix.ends_with('/') {
            key.starts_with(self.prefix)
        } else {
            key == self.prefix
        }
    }
}

/// The records every community has whatever its modules: the notices about
/// refused changes.
pub const RECORD_KINDS: &[RecordKind] = &[RecordKind::new(REJECTION_PREFIX, Readers::Member(&[]))];

/// Every declared kind, module by module (gathered with the modules in
/// `crate::mutation`).
pub use crate::mutation::ALL_RECORD_KINDS;

/// The declared kind `key` is of: the one with the longest matching prefix.
pub fn kind_of(key: &str) -> Option<&'static RecordKind> {
    ALL_RECORD_KINDS
        .iter()
        .flat_map(|kinds| kinds.iter())
        .filter(|kind| kind.holds(key))
        .max_by_key(|kind| kind.prefix.len())
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
    /// The members of one household, and officers and admins.
    Household(String),
    /// No member: a kind no module declared, a key that does not name the
    /// member or grid its kind needs, or a record only the server reads.
    Nobody,
}

impl Audience {
    /// The audience of the record at `key`, from its kind's declaration.
    pub fn of_key(key: &str) -> Audience {
        let Some(kind) = kind_of(key) else {
            return Audience::Nobody;
        };
        let first = key[kind.prefix.len().min(key.len())..]
            .split('/')
            .next()
            .unwrap_or_default();
        match kind.readers {
            Readers::Community => Audience::Community,
            Readers::Roles(roles) => Audience::Roles(roles.to_vec()),
            Readers::Server => Audience::Nobody,
            Readers::Member(roles) => match first.parse::<MemberId>() {
                Ok(member) if roles.is_empty() => Audience::Member(member),
                Ok(member) => Audience::MemberAndRoles(member, roles.to_vec()),
                Err(_) => Audience::Nobody,
            },
            Readers::Grid => match crate::ids::check_id(first) {
                Ok(()) => Audience::Grid(first.to_owned()),
                Err(_) => Audience::Nobody,
            },
            Readers::Household => match crate::ids::check_id(first) {
                Ok(()) => Audience::Household(first.to_owned()),
                Err(_) => Audience::Nobody,
            },
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
            Audience::Grid(grid) => with_officers(grid_tag(grid)),
            Audience::Household(household) => with_officers(household_tag(household)),
            Audience::Nobody => Vec::new(),
        }
    }
}

const COMMUNITY_TAG: &str = "community";

/// `tag` and the officers' and admins' role tags: who reads a grid's or a
/// household's records besides its own people.
fn with_officers(tag: String) -> Vec<String> {
    std::iter::once(tag)
        .chain(crate::role::OFFICERS.iter().map(|role| format!("role:{role}")))
        .collect()
}

/// The tag of the grid a grid worker runs. Which grids a member runs is in
/// the records (`vol/grid/<id>`), not in the session, so the server adds
/// these tags to a reader's own when it answers a pull.
pub fn grid_tag(grid: &str) -> String {
    format!("grid:{grid}")
}

/// The tag of a household, by its key ([`household_key`]). Which household
/// a member is in is in the register (`rules/voter/<member>`), not in the
/// session, so the server adds the member's household tag when it answers a
/// pull, as it adds grid tags.
pub fn household_tag(household_key: &str) -> String {
    format!("household:{household_key}")
}

/// A household's name as the register writes it ("1组3号") made into a key
/// part, always an id (`ids::check_id`, at most 64 characters): `x` and the
/// name's UTF-8 bytes in hex for a name of up to 31 bytes (ten Chinese
/// characters, as "1组3号" or "三组12号" are), exact, so two households never
/// share a key; `h` and a 64-bit FNV-1a hash for a longer name
/// ("大庆路社区3号楼2单元501室"), where two households sharing a key is a
/// chance of about one in 10¹³ for a thousand households.
///
/// ```
/// use linli_core::keys::household_key;
/// assert_eq!(household_key("1组1号"), "x31e7bb8431e58fb7");
/// assert!(household_key("大庆路社区3号楼2单元501室").starts_with('h'));
/// ```
pub fn household_key(name: &str) -> String {
    use std::fmt::Write;
    let bytes = name.as_bytes();
    if bytes.len() <= 31 {
        let mut key = String::with_capacity(1 + bytes.len() * 2);
        key.push('x');
        for byte in bytes {
            let _ = write!(key, "{byte:02x}");
        }
        key
    } else {
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        for byte in bytes {
            hash ^= u64::from(*byte);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
        format!("h{hash:016x}")
    }
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
    fn every_household_key_is_an_id_and_exact_names_differ() {
        for length in 0..60 {
            let name = "组".repeat(length / 3) + &"1".repeat(length % 3) + "号";
            let key = household_key(&name);
            assert!(crate::ids::check_id(&key).is_ok(), "{name}: {key}");
        }
        assert_ne!(household_key("1组3号"), household_key("1组30号"));
        assert_eq!(
            Audience::of_key(&format!(
                "vil/line/{}/d1",
                household_key("大庆路社区3号楼2单元501室")
            ))
            .tags()
            .len(),
            3
        );
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
    fn a_kind_no_module_declared_is_read_by_nobody() {
        for key in [
            "secret/x",
            "rules/newkind/1",
            "vol/newkind/1",
            "canteen/newkind/m1/1",
        ] {
            assert!(!may_read(&actor("m1", &Role::ALL), key), "{key}");
            assert_eq!(Audience::of_key(key), Audience::Nobody);
        }
        assert!(
            !may_read(&actor("m1", &Role::ALL), "rules/papercount/v1/t1"),
            "a secret vote's meeting counts reach no device"
        );
    }

    #[test]
    fn every_kind_is_declared_once_and_described() {
        let mut prefixes = std::collections::BTreeSet::new();
        for kind in ALL_RECORD_KINDS.iter().flat_map(|kinds| kinds.iter()) {
            assert!(prefixes.insert(kind.prefix), "{} declared twice", kind.prefix);
            assert!(
                check_key(kind.prefix.trim_end_matches('/')).is_ok(),
                "{}",
                kind.prefix
            );
            assert!(!kind.readers.describe().is_empty());
        }
    }
}
