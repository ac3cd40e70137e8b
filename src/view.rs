//! Reading typed records out of the member's view (the confirmed records
//! with the pending changes on top): the helpers every module's `data.rs`
//! shares.
//!
//! ## Usage
//! ```no_run
//! # let view = std::collections::BTreeMap::new();
//! use linli::view::{all, member_name};
//! let notices: Vec<linli_core::notices::Notice> = all(&view, linli_core::keys::NOTICE_PREFIX);
//! let author = member_name(&view, "jinyu-wenyuan-officer");
//! ```

use std::collections::BTreeMap;

use linli_core::calendar::{format_minute_of_day, Date, LocalTime};
use linli_core::members::{member_record, MemberRecord};
use linli_core::tx::under_prefix;
use linli_core::{MemberId, Timestamp};
use serde::de::DeserializeOwned;
use serde_json::Value;

pub type View = BTreeMap<String, Value>;

/// Every record under `prefix` that decodes as `T`, in key order.
pub fn all<T: DeserializeOwned>(view: &View, prefix: &str) -> Vec<T> {
    under_prefix(view, prefix)
        .filter_map(|(_, value)| serde_json::from_value(value.clone()).ok())
        .collect()
}

/// The record at `key`, if it decodes as `T`.
pub fn one<T: DeserializeOwned>(view: &View, key: &str) -> Option<T> {
    view.get(key)
        .and_then(|value| serde_json::from_value(value.clone()).ok())
}

/// A record's name in the member's language: the English one in English
/// mode when the record has it, else the Chinese.
pub fn shown_name(zh: &str, en: &str) -> String {
    if crate::i18n::current_lang() == crate::i18n::Lang::En && !en.trim().is_empty() {
        en.to_owned()
    } else {
        zh.to_owned()
    }
}

/// A member's name, or their id when the view has no such member.
pub fn member_name(view: &View, member: &str) -> String {
    member
        .parse::<MemberId>()
        .ok()
        .and_then(|id| member_record(view, &id))
        .map_or_else(|| member.to_owned(), |record| record.name)
}

/// Every member, those who have left included, by name.
pub fn everyone_by_name(view: &View) -> Vec<MemberRecord> {
    let mut members: Vec<MemberRecord> = all(view, linli_core::keys::MEMBER_PREFIX);
    members.sort_by(|a, b| a.name.cmp(&b.name));
    members
}

/// The community's members who have not left, by name: for choosing one in
/// a form.
pub fn members_by_name(view: &View) -> Vec<MemberRecord> {
    let mut members = everyone_by_name(view);
    members.retain(|member| member.active);
    members
}

/// The members who have left: kept out of registers and counts.
pub fn departed(view: &View) -> std::collections::BTreeSet<MemberId> {
    all::<MemberRecord>(view, linli_core::keys::MEMBER_PREFIX)
        .into_iter()
        .filter(|member| !member.active)
        .map(|member| member.id)
        .collect()
}

/// "2026-11-27 10:00", in Hohhot.
pub fn local_time(at: Timestamp) -> String {
    let local = LocalTime::of(at);
    format!("{} {}", local.date, format_minute_of_day(local.minute))
}

/// Now, by this device's clock.
pub fn now() -> Timestamp {
    Timestamp(js_sys::Date::now() as i64)
}

/// Today in Hohhot.
pub fn today() -> Date {
    LocalTime::of(now()).date
}
