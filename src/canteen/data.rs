//! Reading the canteen's records out of the member's view, typed.

pub use crate::view::{all, local_time, member_name, members_by_name, now, shown_name, today};

use std::collections::BTreeMap;

use linli_core::calendar::Date;
use linli_core::canteen::ledger::LedgerEntry;
use linli_core::canteen::menu::{DailyMenu, Dish, Meal};
use linli_core::canteen::mutations::{order_price, pricing_time};
use linli_core::canteen::pricing::{MealMode, OrderLine, PriceBreakdown};
use linli_core::canteen::records::{self, Order};
use linli_core::canteen::subscription::{Plan, Subscription};
use linli_core::tx::{now_or_never, MemTx};
use linli_core::{MemberId, Timestamp};
use serde_json::Value;

pub fn dishes(view: &BTreeMap<String, Value>) -> Vec<Dish> {
    all(view, records::DISH_PREFIX)
}

pub fn plans(view: &BTreeMap<String, Value>) -> Vec<Plan> {
    all(view, records::PLAN_PREFIX)
}

pub fn daily_menu(view: &BTreeMap<String, Value>, date: Date, meal: Meal) -> Option<DailyMenu> {
    view.get(&records::daily_menu(date, meal))
        .and_then(|value| serde_json::from_value(value.clone()).ok())
}

/// The canteen's settings (cut-offs, fees), or the usual ones.
pub fn settings(view: &BTreeMap<String, Value>) -> records::CanteenSettings {
    view.get(records::SETTINGS_KEY)
        .and_then(|value| serde_json::from_value(value.clone()).ok())
        .unwrap_or_default()
}

/// The portions already ordered for a meal.
pub fn portions(view: &BTreeMap<String, Value>, date: Date, meal: Meal) -> records::Portions {
    view.get(&records::portions(date, meal))
        .and_then(|value| serde_json::from_value(value.clone()).ok())
        .unwrap_or_default()
}

pub fn orders(view: &BTreeMap<String, Value>) -> Vec<Order> {
    all(view, records::ORDER_PREFIX)
}

pub fn ledger(view: &BTreeMap<String, Value>, member: &MemberId) -> Vec<LedgerEntry> {
    all(view, &records::ledger_of(member))
}

pub fn subscriptions(view: &BTreeMap<String, Value>) -> Vec<Subscription> {
    all(view, "canteen/sub/")
}

/// The price the server will compute, predicted on this device's records
/// and clock.
pub fn predict_price(
    view: &BTreeMap<String, Value>,
    member: &MemberId,
    lines: &[OrderLine],
    mode: MealMode,
    date: Date,
    meal: Meal,
    now: Timestamp,
) -> Option<PriceBreakdown> {
    let mut tx = MemTx::new(view);
    now_or_never(order_price(
        &mut tx,
        member,
        lines,
        mode,
        pricing_time(date, meal, now),
    ))?
    .ok()
}

/// The charity funds, each with its ledger.
pub fn funds(
    view: &BTreeMap<String, Value>,
) -> Vec<(
    linli_core::canteen::charity::CharityFund,
    Vec<linli_core::canteen::charity::FundEntry>,
)> {
    use linli_core::canteen::charity;
    all::<charity::CharityFund>(view, charity::FUND_PREFIX)
        .into_iter()
        .map(|fund| {
            let entries = all(view, &charity::fund_entries(&fund.id));
            (fund, entries)
        })
        .collect()
}

/// A member's diner profile (staff see every member's), or an empty one.
pub fn diner(view: &BTreeMap<String, Value>, member: &MemberId) -> records::DinerProfile {
    crate::view::one(view, &records::diner(member)).unwrap_or_default()
}

/// The diner profiles this device holds, each with its member.
pub fn diners(view: &BTreeMap<String, Value>) -> Vec<(MemberId, records::DinerProfile)> {
    linli_core::tx::under_prefix(view, records::DINER_PREFIX)
        .filter_map(|(key, value)| {
            let member = key.strip_prefix(records::DINER_PREFIX)?.parse().ok()?;
            Some((member, serde_json::from_value(value.clone()).ok()?))
        })
        .collect()
}
