//! Reading the village records out of the member's view, typed.

use linli_core::rules::records::{voter, Voter};
use linli_core::village::ledger::{self, Entry, Month};
use linli_core::MemberId;

use crate::view::View;
pub use crate::view::{all, local_time, member_name, one, today};

/// The member's entry in the village register, if they are on it.
pub fn own_entry(view: &View, member: &MemberId) -> Option<Voter> {
    one(view, &voter(member))
}

/// Every published entry with the month it was published in, oldest month first.
pub fn published(view: &View) -> Vec<(Month, Entry)> {
    linli_core::tx::under_prefix(view, ledger::ENTRY_PREFIX)
        .filter_map(|(key, value)| {
            let month: Month = key[ledger::ENTRY_PREFIX.len()..]
                .split('/')
                .next()?
                .parse()
                .ok()?;
            Some((month, serde_json::from_value(value.clone()).ok()?))
        })
        .collect()
}

/// The years that have published accounts, newest first.
pub fn years(published: &[(Month, Entry)]) -> Vec<i32> {
    let mut years: Vec<i32> = published.iter().map(|(month, _)| month.year).collect();
    years.sort_unstable_by(|a, b| b.cmp(a));
    years.dedup();
    years
}
