//! The canteen's records and their keys. Menu, daily menus, rules, plans,
//! settings and the portions ordered per meal are the community's; a
//! member's profile, subscriptions, orders and ledger are filed under their
//! id, readable by them and the canteen's staff only ([`RECORD_KINDS`](super::RECORD_KINDS)).

use serde::{Deserialize, Serialize};

use super::menu::{Meal, MinuteOfDayPair};
use super::money::Fen;
use super::pricing::{MealMode, OrderLine, PriceBreakdown};
use crate::calendar::Date;
use crate::ids::MemberId;
use crate::time::Timestamp;

pub const DISH_PREFIX: &str = "canteen/dish/";
pub const MENU_PREFIX: &str = "canteen/menu/";
pub const RULE_PREFIX: &str = "canteen/rule/";
pub const PLAN_PREFIX: &str = "canteen/plan/";
pub const SETTINGS_KEY: &str = "canteen/settings";
pub const ORDER_PREFIX: &str = "canteen/order/";
pub const PORTIONS_PREFIX: &str = "canteen/portions/";
pub const DINER_PREFIX: &str = "canteen/diner/";
pub const SUBSCRIPTION_PREFIX: &str = "canteen/sub/";
pub const LEDGER_PREFIX: &str = "canteen/ledger/";

pub fn dish(id: &str) -> String {
    format!("{DISH_PREFIX}{id}")
}

pub fn daily_menu(date: Date, meal: Meal) -> String {
    format!("{MENU_PREFIX}{date}/{}", meal_name(meal))
}

pub fn rule(id: &str) -> String {
    format!("{RULE_PREFIX}{id}")
}

pub fn plan(id: &str) -> String {
    format!("{PLAN_PREFIX}{id}")
}

pub fn diner(member: &MemberId) -> String {
    format!("{DINER_PREFIX}{member}")
}

pub fn subscription(member: &MemberId, id: &str) -> String {
    format!("{SUBSCRIPTION_PREFIX}{member}/{id}")
}

pub fn subscriptions_of(member: &MemberId) -> String {
    format!("{SUBSCRIPTION_PREFIX}{member}/")
}

pub fn order(member: &MemberId, id: &str) -> String {
    format!("{ORDER_PREFIX}{member}/{id}")
}

/// Portions ordered of each dish for one meal.
pub fn portions(date: Date, meal: Meal) -> String {
    format!("{PORTIONS_PREFIX}{date}/{}", meal_name(meal))
}

pub fn ledger_entry(member: &MemberId, id: &str) -> String {
    format!("{LEDGER_PREFIX}{member}/{id}")
}

pub fn ledger_of(member: &MemberId) -> String {
    format!("{LEDGER_PREFIX}{member}/")
}

fn meal_name(meal: Meal) -> &'static str {
    match meal {
        Meal::Breakfast => "breakfast",
        Meal::Lunch => "lunch",
        Meal::Dinner => "dinner",
    }
}

/// `canteen/portions/<date>/<meal>`: how many portions of each dish the
/// orders for one meal hold (cancelled ones not), kept by every order and
/// cancellation. What is left of a dish's daily capacity follows from it,
/// on the server and on a member's device alike, without anyone's orders.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Portions {
    /// Dish id → portions.
    pub dishes: std::collections::BTreeMap<String, u32>,
}

impl Portions {
    pub fn of(&self, dish: &str) -> u32 {
        self.dishes.get(dish).copied().unwrap_or(0)
    }

    /// Portions of `dish` still to be had for the meal; `None` when the
    /// kitchen set no daily capacity. What the order form shows before an
    /// order, and what `placeOrder` refuses beyond.
    pub fn left_of(&self, dish: &crate::canteen::menu::Dish) -> Option<u32> {
        dish.daily_capacity
            .map(|capacity| capacity.saturating_sub(self.of(&dish.id)))
    }

    /// Adds (`sign` +1) or takes away (-1) an order's lines.
    pub fn count(&mut self, lines: &[OrderLine], sign: i8) {
        for line in lines {
            let portions = self.dishes.entry(line.dish.clone()).or_default();
            *portions = if sign >= 0 {
                portions.saturating_add(line.quantity)
            } else {
                portions.saturating_sub(line.quantity)
            };
        }
        self.dishes.retain(|_, portions| *portions > 0);
    }
}

/// What the canteen knows of a member for pricing and delivery, entered by
/// staff (age and tags are checked at the counter).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DinerProfile {
    pub member: Option<MemberId>,
    pub birth_date: Option<Date>,
    /// Such as `sanitation_worker`, `mobility_impaired`, `low_income`.
    pub tags: Vec<String>,
    /// Where deliveries go.
    pub address: String,
}

/// How the canteen runs: cut-offs, delivery fee and credit.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CanteenSettings {
    pub delivery_fee: Fen,
    /// How far below zero a balance may go; 0 means no credit.
    pub credit_limit: Fen,
    /// Per meal: (days before the meal's date, minute of that day) after
    /// which orders for the meal are closed.
    pub cutoffs: Vec<(Meal, MinuteOfDayPair)>,
}

impl Default for CanteenSettings {
    fn default() -> Self {
        Self {
            delivery_fee: Fen(300),
            credit_limit: Fen::ZERO,
            cutoffs: Meal::ALL
                .into_iter()
                .map(|meal| (meal, meal.default_cutoff()))
                .collect(),
        }
    }
}

impl CanteenSettings {
    /// The cut-off for `meal` (the canteen's own, or the usual one).
    pub fn cutoff(&self, meal: Meal) -> MinuteOfDayPair {
        self.cutoffs
            .iter()
            .find(|(for_meal, _)| *for_meal == meal)
            .map_or_else(|| meal.default_cutoff(), |(_, cutoff)| *cutoff)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrderStatus {
    Placed,
    Cancelled,
    PickedUp,
    Delivered,
}

/// `canteen/order/<member>/<id>`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Order {
    pub id: String,
    pub member: MemberId,
    pub date: Date,
    pub meal: Meal,
    pub mode: MealMode,
    pub lines: Vec<OrderLine>,
    pub price: PriceBreakdown,
    pub status: OrderStatus,
    /// Who placed it: the member, or staff at the counter for them.
    pub entered_by: MemberId,
    pub placed_at: Timestamp,
    pub served_at: Option<Timestamp>,
}

/// How many digits a pickup code has: few enough to read out at the
/// counter, and looked up only among one meal's orders.
pub const PICKUP_CODE_DIGITS: usize = 6;

/// The pickup code of the order `order_id`: six digits that follow from
/// the order's id, so the device that places an order knows its code with
/// no network. Only the member and the canteen's staff ever see an order's
/// id (its record is filed under the member), and ids are random, so no one
/// else can work out a code; each order has its own.
///
/// ```
/// use linli_core::canteen::records::{pickup_code, read_pickup_code};
/// let code = pickup_code("o-5f2c9a1e");
/// assert_eq!(code.len(), 6);
/// assert_ne!(code, pickup_code("o-5f2c9a1f"));
/// assert_eq!(read_pickup_code(&format!(" {} {} ", &code[..3], &code[3..])), Some(code));
/// ```
pub fn pickup_code(order_id: &str) -> String {
    // FNV-1a: the secret is the id, not the hash, so any well-mixed hash
    // does; this one needs no dependency in the browser.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in "linli-pickup:".bytes().chain(order_id.bytes()) {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{:06}", hash % 1_000_000)
}

/// A pickup code as typed or scanned (spaces, dashes, full-width digits
/// allowed); `None` if it is not six digits.
pub fn read_pickup_code(typed: &str) -> Option<String> {
    let digits: String = typed
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '－'))
        .map(crate::text::ascii_digit)
        .collect();
    (digits.len() == PICKUP_CODE_DIGITS && digits.bytes().all(|b| b.is_ascii_digit())).then_some(digits)
}

/// A pickup code grouped for reading aloud: `123 456`.
pub fn pickup_code_for_reading(code: &str) -> String {
    crate::text::grouped(code, PICKUP_CODE_DIGITS / 2, ' ')
}

impl Order {
    pub fn pickup_code(&self) -> String {
        pickup_code(&self.id)
    }
}
