//! Who is on this device: the members who added themselves to it (a shared
//! tablet at the canteen counter or the village meeting holds several), who
//! is active now, each one's optional PIN, and when the device locks back
//! to the chooser. Kept in `localStorage`, read before the first render: it
//! says which member's IndexedDB database to open.
//!
//! Each member has a database of their own (their replica, outbox and
//! token), so one member's private records are never loaded while another
//! is active, and each member's changes are pushed under their own token.
//!
//! ## Usage
//! ```no_run
//! use linli::store::device_members::DeviceMembers;
//! let mut members = DeviceMembers::load();
//! if let Some(active) = members.active_member() {
//!     // Open `active.database` and show their community.
//! }
//! members.active = None; // Lock: back to the chooser.
//! let _ = members.save();
//! ```

use serde::{Deserialize, Serialize};

use super::StoreError;

/// The `localStorage` key (versioned like the settings').
pub const DEVICE_MEMBERS_KEY: &str = "linli.device-members.v1";

/// The database of the first member on a device: the one a device used
/// before it could hold several, so an existing device keeps its data.
pub const FIRST_DATABASE: &str = "linli";

/// The members on this device and who is active.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DeviceMembers {
    pub members: Vec<DeviceMember>,
    /// The database of the member using the device now; `None` when the
    /// device is locked (the chooser shows).
    pub active: Option<String>,
    #[serde(default)]
    pub lock_after: LockAfter,
}

/// One member on this device.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DeviceMember {
    /// Their IndexedDB database.
    pub database: String,
    pub member_id: String,
    pub community: String,
    /// Their name as their community knows it, for the chooser.
    pub name: String,
    /// Their community's name, for the chooser (a tablet may serve two).
    #[serde(default)]
    pub community_name: Option<super::local_db::CommunityName>,
    /// Changes of theirs not yet sent, as of when they were last active.
    #[serde(default)]
    pub pending: usize,
    #[serde(default)]
    pub pin: Option<PinHash>,
}

impl DeviceMember {
    /// A member just added to the device: no name or PIN yet, nothing pending.
    pub fn new(database: &str, member_id: &str, community: &str) -> DeviceMember {
        DeviceMember {
            database: database.to_owned(),
            member_id: member_id.to_owned(),
            community: community.to_owned(),
            name: String::new(),
            community_name: None,
            pending: 0,
            pin: None,
        }
    }
}

/// A PIN as the device keeps it: PBKDF2-SHA-256 of the digits with a
/// random salt. Four to six digits keep the next person at the counter out;
/// they are not a defence against someone who takes the tablet apart, which
/// is what signing the device out from another phone is for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PinHash {
    pub salt: String,
    pub hash: String,
}

/// When the device goes back to the chooser by itself.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum LockAfter {
    /// A member's own phone.
    #[default]
    Never,
    /// After this many seconds without a touch: 30 at the canteen counter,
    /// where the next diner is already waiting.
    Seconds(u32),
}

impl LockAfter {
    /// The choices the settings screen offers.
    pub const CHOICES: [LockAfter; 5] = [
        LockAfter::Never,
        LockAfter::Seconds(30),
        LockAfter::Seconds(120),
        LockAfter::Seconds(300),
        LockAfter::Seconds(900),
    ];
}

fn storage() -> Result<web_sys::Storage, StoreError> {
    web_sys::window()
        .and_then(|window| window.local_storage().ok().flatten())
        .ok_or(StoreError::Unavailable)
}

/// What the first screen needs of the stored list, read without it: the
/// active member's database and whether any member is on the device.
pub struct StoredSummary {
    pub active: Option<String>,
    pub has_members: bool,
}

/// Reads [`StoredSummary`] with the browser's own `JSON`, as the settings
/// are read: the list's full reading code travels with the parts that
/// change it (the sync engine, the chooser), off the first download.
pub fn stored_summary() -> StoredSummary {
    let parsed = storage()
        .ok()
        .and_then(|storage| storage.get_item(DEVICE_MEMBERS_KEY).ok().flatten())
        .and_then(|text| js_sys::JSON::parse(&text).ok());
    let field = |name: &str| {
        parsed
            .as_ref()
            .and_then(|parsed| js_sys::Reflect::get(parsed, &name.into()).ok())
    };
    StoredSummary {
        active: field("active").and_then(|active| active.as_string()),
        has_members: field("members")
            .filter(js_sys::Array::is_array)
            .is_some_and(|members| js_sys::Array::from(&members).length() > 0),
    }
}

impl DeviceMembers {
    /// What is stored; nothing (a new device, or storage refused) reads as
    /// no member.
    pub fn load() -> DeviceMembers {
        storage()
            .ok()
            .and_then(|storage| storage.get_item(DEVICE_MEMBERS_KEY).ok().flatten())
            .and_then(|text| serde_json::from_str(&text).ok())
            .unwrap_or_default()
    }

    pub fn save(&self) -> Result<(), StoreError> {
        let text = serde_json::to_string(self).map_err(|err| StoreError::Failed(err.to_string()))?;
        storage()?
            .set_item(DEVICE_MEMBERS_KEY, &text)
            .map_err(|_| StoreError::QuotaExceeded)
    }

    pub fn active_member(&self) -> Option<&DeviceMember> {
        let active = self.active.as_ref()?;
        self.members.iter().find(|member| &member.database == active)
    }

    pub fn by_database(&mut self, database: &str) -> Option<&mut DeviceMember> {
        self.members.iter_mut().find(|member| member.database == database)
    }

    /// The member `member_id` of `community`, if they are on this device.
    pub fn find(&self, community: &str, member_id: &str) -> Option<&DeviceMember> {
        self.members
            .iter()
            .find(|member| member.community == community && member.member_id == member_id)
    }

    /// A database name no member on this device uses: the first member's is
    /// [`FIRST_DATABASE`].
    pub fn new_database(&self, random: &str) -> String {
        if self
            .members
            .iter()
            .all(|member| member.database != FIRST_DATABASE)
        {
            FIRST_DATABASE.to_owned()
        } else {
            format!("{FIRST_DATABASE}-{random}")
        }
    }
}
