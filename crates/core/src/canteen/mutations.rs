//! The canteen's mutations: one function each, run by the browser to show
//! the result at once and by the server to decide, with the server's clock.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::ledger::{balance, entry_amount, EntryKind, LedgerEntry, LedgerError};
use super::menu::{DailyMenu, Dish, Meal};
use super::money::Fen;
use super::pricing::{merge_lines, price, Diner, Effect, Eligibility, MealMode, OrderLine, PricingRule};
use super::records::{self, CanteenSettings, DinerProfile, Order, OrderStatus, Portions};
use super::subscription::{DateRange, Plan, Subscription};
use crate::calendar::{Date, LocalTime};
use crate::canteen::CANTEEN_STAFF;
use crate::ids::{check_id, MemberId};
use crate::members::{read, to_value};
use crate::rejection::{rejected, valid_id, ApplyError, RejectionCode};
use crate::role::Actor;
use crate::time::Timestamp;
use crate::tx::{scan_records, Tx};

/// `placeOrder`: a member orders for themself, or staff at the counter for
/// `member`. `expectedTotal` is the price the orderer saw: the server refuses
/// the order if its own reckoning differs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PlaceOrder {
    pub id: String,
    #[serde(default)]
    pub member: Option<MemberId>,
    pub date: Date,
    pub meal: Meal,
    pub mode: MealMode,
    pub lines: Vec<OrderLine>,
    pub expected_total: Fen,
}

/// `cancelOrder`, before the meal's cut-off; the charge is refunded.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CancelOrder {
    pub id: String,
    #[serde(default)]
    pub member: Option<MemberId>,
}

/// `checkIn` (picked up at the counter) or `markDelivered`, by staff.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ServeOrder {
    pub id: String,
    pub member: MemberId,
}

/// `topUp`: staff record money a member paid in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TopUp {
    pub id: String,
    pub member: MemberId,
    pub amount: Fen,
    #[serde(default)]
    pub reference: String,
}

/// `setDinerProfile`, by staff.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SetDinerProfile {
    pub member: MemberId,
    pub birth_date: Option<Date>,
    pub tags: Vec<String>,
    pub address: String,
}

/// `subscribe`: buys a plan from `start`; the plan's price is charged.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Subscribe {
    pub id: String,
    #[serde(default)]
    pub member: Option<MemberId>,
    pub plan: String,
    pub start: Date,
}

/// `pauseSubscription`: the days from `from` to `to` are not served and roll forward.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PauseSubscription {
    pub id: String,
    #[serde(default)]
    pub member: Option<MemberId>,
    pub from: Date,
    pub to: Date,
}

/// `resumeSubscription`: served again from `on`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ResumeSubscription {
    pub id: String,
    #[serde(default)]
    pub member: Option<MemberId>,
    pub on: Date,
}

/// The most lines an order may have, and portions of one dish.
pub const MAX_ORDER_LINES: usize = 20;
pub const MAX_PORTIONS_PER_DISH: u32 = 20;
/// The most dishes on one meal's menu, or named by one pricing rule.
pub const MAX_MENU_DISHES: usize = 200;
/// The most pauses one subscription may have, and the longest one.
pub const MAX_PAUSES: usize = 30;
pub const MAX_PAUSE_DAYS: i64 = 366;
/// How far ahead a subscription may start.
pub const MAX_DAYS_AHEAD: i64 = 366;
/// Ledger ids that meals make: a top-up may not take one of them.
const RESERVED_LEDGER_SUFFIXES: [&str; 3] = ["-charge", "-refund", "-subscription"];

fn is_staff(actor: &Actor) -> bool {
    actor.has_any(&CANTEEN_STAFF)
}

/// The member a change is for: the actor, or (staff only) another member.
fn for_member(actor: &Actor, member: &Option<MemberId>, target: &str) -> Result<MemberId, ApplyError> {
    match member {
        Some(other) if *other != actor.member && !is_staff(actor) => {
            Err(rejected(RejectionCode::Forbidden, target))
        }
        Some(other) => Ok(other.clone()),
        None => Ok(actor.member.clone()),
    }
}

async fn settings(tx: &mut impl Tx) -> Result<CanteenSettings, ApplyError> {
    Ok(tx
        .get(records::SETTINGS_KEY)
        .await?
        .and_then(|value| serde_json::from_value(value).ok())
        .unwrap_or_default())
}

/// The moment orders for `meal` on `date` close (and cancelling them): the
/// server's clock decides, and the order form shows it beforehand.
pub fn cutoff_moment(settings: &CanteenSettings, date: Date, meal: Meal) -> Timestamp {
    let (days, minute) = settings.cutoff(meal);
    LocalTime {
        date: date.add_days(days),
        minute,
    }
    .timestamp()
}

/// The time an order is priced at: when the meal starts, or now if later
/// (an order at the counter during the meal).
pub fn pricing_time(date: Date, meal: Meal, now: Timestamp) -> LocalTime {
    let starts = LocalTime {
        date,
        minute: meal.starts_at(),
    };
    let current = LocalTime::of(now);
    if current > starts {
        current
    } else {
        starts
    }
}

/// The dishes, rules, settings and the diner's profile an order is priced with.
pub async fn order_price(
    tx: &mut impl Tx,
    member: &MemberId,
    lines: &[OrderLine],
    mode: MealMode,
    at: LocalTime,
) -> Result<super::pricing::PriceBreakdown, ApplyError> {
    let dishes: Vec<Dish> = scan_records(tx, records::DISH_PREFIX).await?;
    let rules: Vec<PricingRule> = scan_records(tx, records::RULE_PREFIX).await?;
    let profile: DinerProfile = tx
        .get(&records::diner(member))
        .await?
        .and_then(|value| serde_json::from_value(value).ok())
        .unwrap_or_default();
    let settings = settings(tx).await?;
    let diner = Diner {
        birth_date: profile.birth_date,
        tags: profile.tags.clone(),
    };
    let breakdown = price(&dishes, lines, &diner, mode, at, &rules, settings.delivery_fee)
        .map_err(|_| rejected(RejectionCode::InvalidArgs, records::DISH_PREFIX))?;
    // What is left after the rules, a charity fund may pay.
    super::charity::apply_funds(tx, &profile.tags, breakdown).await
}

/// A ledger entry to write: whose, its id, its kind and unsigned amount, and what it is for.
struct NewEntry<'a> {
    member: &'a MemberId,
    id: String,
    kind: EntryKind,
    amount: Fen,
    reference: &'a str,
}

impl<'a> NewEntry<'a> {
    /// The charge for `what` (an order or a subscription), filed as `<what>-charge`.
    fn charge(member: &'a MemberId, what: &str, amount: Fen, reference: &'a str) -> Self {
        NewEntry {
            member,
            id: format!("{what}-charge"),
            kind: EntryKind::Charge,
            amount,
            reference,
        }
    }
}

/// Writes a ledger entry, checking the balance (and the canteen's credit) for a charge.
async fn record_entry(
    tx: &mut impl Tx,
    entry: NewEntry<'_>,
    actor: &Actor,
    now: Timestamp,
) -> Result<(), ApplyError> {
    if entry.amount == Fen::ZERO {
        return Ok(());
    }
    let entries: Vec<LedgerEntry> = scan_records(tx, &records::ledger_of(entry.member)).await?;
    let credit = settings(tx).await?.credit_limit;
    let key = records::ledger_entry(entry.member, &entry.id);
    let signed =
        entry_amount(entry.kind, entry.amount, balance(&entries), credit).map_err(|err| match err {
            LedgerError::NotPositive => rejected(RejectionCode::InvalidArgs, &key),
            LedgerError::InsufficientBalance { .. } => rejected(RejectionCode::InsufficientBalance, &key),
        })?;
    if tx.get(&key).await?.is_some() {
        return Err(rejected(RejectionCode::AlreadyExists, &key));
    }
    let written = LedgerEntry {
        id: entry.id,
        member: entry.member.to_string(),
        kind: entry.kind,
        amount: signed,
        reference: entry.reference.to_owned(),
        at: now,
        entered_by: actor.member.to_string(),
    };
    tx.put(&key, to_value(&written)).await?;
    Ok(())
}

/// Charges `amount` to `member`'s balance for something outside the
/// canteen (a purchase made for them, `services`), filed as
/// `<what>-charge`, with the balance and credit checks an order gets.
pub async fn charge_balance(
    tx: &mut impl Tx,
    actor: &Actor,
    member: &MemberId,
    what: &str,
    amount: Fen,
    reference: &str,
    now: Timestamp,
) -> Result<(), ApplyError> {
    record_entry(tx, NewEntry::charge(member, what, amount, reference), actor, now).await
}

pub async fn place_order(
    tx: &mut impl Tx,
    actor: &Actor,
    args: &PlaceOrder,
    now: Timestamp,
) -> Result<(), ApplyError> {
    let member = for_member(actor, &args.member, records::ORDER_PREFIX)?;
    let key = records::order(&member, &args.id);
    valid_id(&args.id, &key)?;
    // Limits go by dish: a dish on two lines is one dish.
    let lines = merge_lines(&args.lines);
    if lines.is_empty()
        || args.lines.len() > MAX_ORDER_LINES
        || args.lines.iter().any(|line| line.quantity == 0)
        || lines.iter().any(|line| line.quantity > MAX_PORTIONS_PER_DISH)
    {
        return Err(rejected(RejectionCode::InvalidArgs, &key));
    }
    if tx.get(&key).await?.is_some() {
        return Err(rejected(RejectionCode::AlreadyExists, &key));
    }
    let settings = settings(tx).await?;
    if now >= cutoff_moment(&settings, args.date, args.meal) {
        return Err(rejected(RejectionCode::TooLate, &key));
    }
    // Only what the day's menu serves at that meal can be ordered.
    let menu: DailyMenu = read(tx, &records::daily_menu(args.date, args.meal))
        .await
        .map_err(|_| rejected(RejectionCode::NotFound, &key))?;
    if lines.iter().any(|line| !menu.dishes.contains(&line.dish)) {
        return Err(rejected(RejectionCode::NotFound, &key));
    }
    // Capacity: portions already ordered for that day and meal.
    let dishes: Vec<Dish> = scan_records(tx, records::DISH_PREFIX).await?;
    let portions_key = records::portions(args.date, args.meal);
    let mut portions: Portions = tx
        .get(&portions_key)
        .await?
        .and_then(|value| serde_json::from_value(value).ok())
        .unwrap_or_default();
    for line in &lines {
        let left = dishes
            .iter()
            .find(|dish| dish.id == line.dish)
            .and_then(|dish| portions.left_of(dish));
        if left.is_some_and(|left| line.quantity > left) {
            return Err(rejected(RejectionCode::SoldOut, &key));
        }
    }
    let breakdown = order_price(
        tx,
        &member,
        &lines,
        args.mode,
        pricing_time(args.date, args.meal, now),
    )
    .await?;
    if breakdown.total != args.expected_total {
        return Err(rejected(RejectionCode::PriceMismatch, &key));
    }
    record_entry(
        tx,
        NewEntry::charge(&member, &args.id, breakdown.total, &key),
        actor,
        now,
    )
    .await?;
    if let Some((fund, amount)) = super::charity::paid_by_fund(&breakdown) {
        super::charity::record_meal(
            tx,
            fund,
            &args.id,
            super::charity::FundEntryKind::Meal,
            amount,
            now,
        )
        .await?;
    }
    let order = Order {
        id: args.id.clone(),
        member,
        date: args.date,
        meal: args.meal,
        mode: args.mode,
        lines: lines.clone(),
        price: breakdown,
        status: OrderStatus::Placed,
        entered_by: actor.member.clone(),
        placed_at: now,
        served_at: None,
    };
    tx.put(&key, to_value(&order)).await?;
    portions.count(&lines, 1);
    tx.put(&portions_key, to_value(&portions)).await?;
    Ok(())
}

pub async fn cancel_order(
    tx: &mut impl Tx,
    actor: &Actor,
    args: &CancelOrder,
    now: Timestamp,
) -> Result<(), ApplyError> {
    let member = for_member(actor, &args.member, records::ORDER_PREFIX)?;
    valid_id(&args.id, records::ORDER_PREFIX)?;
    let key = records::order(&member, &args.id);
    let mut order: Order = read(tx, &key).await?;
    if order.status != OrderStatus::Placed {
        return Err(rejected(RejectionCode::InvalidArgs, &key));
    }
    let settings = settings(tx).await?;
    if now >= cutoff_moment(&settings, order.date, order.meal) {
        return Err(rejected(RejectionCode::TooLate, &key));
    }
    let refund = order.price.total;
    record_entry(
        tx,
        NewEntry {
            member: &member,
            id: format!("{}-refund", order.id),
            kind: EntryKind::Refund,
            amount: refund,
            reference: &key,
        },
        actor,
        now,
    )
    .await?;
    if let Some((fund, amount)) = super::charity::paid_by_fund(&order.price) {
        super::charity::record_meal(
            tx,
            fund,
            &order.id,
            super::charity::FundEntryKind::Refund,
            amount,
            now,
        )
        .await?;
    }
    order.status = OrderStatus::Cancelled;
    tx.put(&key, to_value(&order)).await?;
    let portions_key = records::portions(order.date, order.meal);
    let mut portions: Portions = tx
        .get(&portions_key)
        .await?
        .and_then(|value| serde_json::from_value(value).ok())
        .unwrap_or_default();
    portions.count(&order.lines, -1);
    tx.put(&portions_key, to_value(&portions)).await?;
    Ok(())
}

/// `checkIn`: a dine-in or take-away order is picked up at the counter.
pub async fn check_in(
    tx: &mut impl Tx,
    _actor: &Actor,
    args: &ServeOrder,
    now: Timestamp,
) -> Result<(), ApplyError> {
    serve_order(tx, args, Service::AtTheCounter, now).await
}

/// `markDelivered`: a delivery reached its member.
pub async fn mark_delivered(
    tx: &mut impl Tx,
    _actor: &Actor,
    args: &ServeOrder,
    now: Timestamp,
) -> Result<(), ApplyError> {
    serve_order(tx, args, Service::Delivered, now).await
}

/// How an order was served, which must fit its mode.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Service {
    AtTheCounter,
    Delivered,
}

async fn serve_order(
    tx: &mut impl Tx,
    args: &ServeOrder,
    service: Service,
    now: Timestamp,
) -> Result<(), ApplyError> {
    let delivered = service == Service::Delivered;
    valid_id(&args.id, records::ORDER_PREFIX)?;
    let key = records::order(&args.member, &args.id);
    let mut order: Order = read(tx, &key).await?;
    // A meal is served on its own day: the counter cannot hand out
    // tomorrow's lunch today, nor mark yesterday's delivery done.
    if order.date != LocalTime::of(now).date {
        return Err(rejected(RejectionCode::NotToday, &key));
    }
    let right_mode = (order.mode == MealMode::Delivery) == delivered;
    if order.status != OrderStatus::Placed || !right_mode {
        return Err(rejected(RejectionCode::InvalidArgs, &key));
    }
    order.status = if delivered {
        OrderStatus::Delivered
    } else {
        OrderStatus::PickedUp
    };
    order.served_at = Some(now);
    tx.put(&key, to_value(&order)).await?;
    Ok(())
}

pub async fn top_up(tx: &mut impl Tx, actor: &Actor, args: &TopUp, now: Timestamp) -> Result<(), ApplyError> {
    let target = records::ledger_entry(&args.member, &args.id);
    valid_id(&args.id, &target)?;
    let reference = crate::text::optional(&args.reference, 80, &target)?;
    if args.amount > Fen::MAX_TOP_UP
        || RESERVED_LEDGER_SUFFIXES
            .iter()
            .any(|suffix| args.id.ends_with(suffix))
    {
        return Err(rejected(RejectionCode::InvalidArgs, &target));
    }
    record_entry(
        tx,
        NewEntry {
            member: &args.member,
            id: args.id.clone(),
            kind: EntryKind::TopUp,
            amount: args.amount,
            reference: &reference,
        },
        actor,
        now,
    )
    .await
}

pub async fn set_diner_profile(
    tx: &mut impl Tx,
    _actor: &Actor,
    args: &SetDinerProfile,
    _now: Timestamp,
) -> Result<(), ApplyError> {
    let key = records::diner(&args.member);
    let mut tags = args.tags.clone();
    tags.sort();
    tags.dedup();
    if args.address.chars().count() > 200 || tags.len() > 16 || tags.iter().any(|tag| check_id(tag).is_err())
    {
        return Err(rejected(RejectionCode::InvalidArgs, &key));
    }
    let profile = DinerProfile {
        member: Some(args.member.clone()),
        birth_date: args.birth_date,
        tags,
        address: args.address.trim().to_owned(),
    };
    tx.put(&key, to_value(&profile)).await?;
    Ok(())
}

pub async fn upsert_dish(
    tx: &mut impl Tx,
    _actor: &Actor,
    dish: &Dish,
    _now: Timestamp,
) -> Result<(), ApplyError> {
    let key = records::dish(&dish.id);
    valid_id(&dish.id, &key)?;
    let mut dish = dish.clone();
    dish.name_zh = crate::text::required(&dish.name_zh, 40, &key)?;
    dish.name_en = crate::text::required(&dish.name_en, 40, &key)?;
    dish.tags.sort();
    dish.tags.dedup();
    if !dish.price.is_price() || dish.daily_capacity.is_some_and(|capacity| capacity > 100_000) {
        return Err(rejected(RejectionCode::InvalidArgs, &key));
    }
    tx.put(&key, to_value(&dish)).await?;
    Ok(())
}

pub async fn set_daily_menu(
    tx: &mut impl Tx,
    _actor: &Actor,
    menu: &DailyMenu,
    _now: Timestamp,
) -> Result<(), ApplyError> {
    let key = records::daily_menu(menu.date, menu.meal);
    let mut unique = std::collections::BTreeSet::new();
    if menu.dishes.len() > MAX_MENU_DISHES || !menu.dishes.iter().all(|dish| unique.insert(dish)) {
        return Err(rejected(RejectionCode::InvalidArgs, &key));
    }
    for dish in &menu.dishes {
        valid_id(dish, &key)?;
        if tx.get(&records::dish(dish)).await?.is_none() {
            return Err(rejected(RejectionCode::NotFound, &records::dish(dish)));
        }
    }
    tx.put(&key, to_value(menu)).await?;
    Ok(())
}

pub async fn upsert_rule(
    tx: &mut impl Tx,
    _actor: &Actor,
    rule: &PricingRule,
    _now: Timestamp,
) -> Result<(), ApplyError> {
    let key = records::rule(&rule.id);
    valid_id(&rule.id, &key)?;
    let mut rule = rule.clone();
    rule.label_zh = crate::text::required(&rule.label_zh, 80, &key)?;
    rule.label_en = crate::text::required(&rule.label_en, 80, &key)?;
    rule.modes.dedup();
    rule.weekdays.sort();
    rule.weekdays.dedup();
    let effect_ok = match &rule.effect {
        Effect::PercentOfPrice(percent) => *percent <= 100,
        Effect::FixedPrice(price) => price.is_price(),
        Effect::FreeItem | Effect::FreeDelivery => true,
    };
    let eligibility_ok = match &rule.eligibility {
        Eligibility::AgeAtLeast(_) => true,
        Eligibility::MemberTag(tag) => check_id(tag).is_ok(),
    };
    let window_ok = rule
        .window
        .is_none_or(|window| window.from < window.until && window.until <= 24 * 60);
    if !effect_ok
        || !eligibility_ok
        || !window_ok
        || rule.modes.len() > 3
        || rule.dishes.len() > MAX_MENU_DISHES
        || rule.dishes.iter().any(|dish| check_id(dish).is_err())
    {
        return Err(rejected(RejectionCode::InvalidArgs, &key));
    }
    tx.put(&key, to_value(&rule)).await?;
    Ok(())
}

pub async fn upsert_plan(
    tx: &mut impl Tx,
    _actor: &Actor,
    plan: &Plan,
    _now: Timestamp,
) -> Result<(), ApplyError> {
    let key = records::plan(&plan.id);
    valid_id(&plan.id, &key)?;
    let mut plan = plan.clone();
    plan.name_zh = crate::text::required(&plan.name_zh, 80, &key)?;
    plan.name_en = crate::text::required(&plan.name_en, 80, &key)?;
    if plan.served_days == 0
        || plan.served_days > 366
        || !plan.price.is_price()
        || plan.daily_contents.len() > 10
    {
        return Err(rejected(RejectionCode::InvalidArgs, &key));
    }
    tx.put(&key, to_value(&plan)).await?;
    Ok(())
}

pub async fn set_settings(
    tx: &mut impl Tx,
    _actor: &Actor,
    settings: &CanteenSettings,
    _now: Timestamp,
) -> Result<(), ApplyError> {
    let mut meals = std::collections::BTreeSet::new();
    // A cut-off is up to a week before the meal's day, at a minute of a day.
    let cutoffs_ok = settings.cutoffs.len() <= 3
        && settings.cutoffs.iter().all(|(meal, (days, minute))| {
            meals.insert(*meal) && (-7..=0).contains(days) && *minute < 24 * 60
        });
    if !settings.delivery_fee.is_price() || !settings.credit_limit.is_price() || !cutoffs_ok {
        return Err(rejected(RejectionCode::InvalidArgs, records::SETTINGS_KEY));
    }
    tx.put(records::SETTINGS_KEY, to_value(settings)).await?;
    Ok(())
}

pub async fn subscribe(
    tx: &mut impl Tx,
    actor: &Actor,
    args: &Subscribe,
    now: Timestamp,
) -> Result<(), ApplyError> {
    let member = for_member(actor, &args.member, "canteen/sub/")?;
    let key = records::subscription(&member, &args.id);
    valid_id(&args.id, &key)?;
    valid_id(&args.plan, records::PLAN_PREFIX)?;
    let today = LocalTime::of(now).date;
    if args.start < today {
        return Err(rejected(RejectionCode::TooLate, &key));
    }
    if today.days_until(args.start) > MAX_DAYS_AHEAD {
        return Err(rejected(RejectionCode::InvalidArgs, &key));
    }
    if tx.get(&key).await?.is_some() {
        return Err(rejected(RejectionCode::AlreadyExists, &key));
    }
    let plan: Plan = read(tx, &records::plan(&args.plan)).await?;
    record_entry(
        tx,
        NewEntry {
            member: &member,
            id: format!("{}-subscription", args.id),
            kind: EntryKind::Charge,
            amount: plan.price,
            reference: &key,
        },
        actor,
        now,
    )
    .await?;
    let subscription = Subscription {
        id: args.id.clone(),
        member: member.to_string(),
        plan: plan.id,
        start: args.start,
        served_days: plan.served_days,
        pauses: Vec::new(),
    };
    tx.put(&key, to_value(&subscription)).await?;
    Ok(())
}

async fn change_subscription(
    tx: &mut impl Tx,
    actor: &Actor,
    id: &str,
    member: &Option<MemberId>,
    change: impl FnOnce(&mut Subscription) -> Result<(), super::subscription::PauseError>,
) -> Result<(), ApplyError> {
    let member = for_member(actor, member, "canteen/sub/")?;
    valid_id(id, "canteen/sub/")?;
    let key = records::subscription(&member, id);
    let mut subscription: Subscription = read(tx, &key).await?;
    change(&mut subscription).map_err(|err| match err {
        super::subscription::PauseError::StartsInThePast => rejected(RejectionCode::TooLate, &key),
        _ => rejected(RejectionCode::InvalidArgs, &key),
    })?;
    tx.put(&key, to_value(&subscription)).await?;
    Ok(())
}

pub async fn pause_subscription(
    tx: &mut impl Tx,
    actor: &Actor,
    args: &PauseSubscription,
    now: Timestamp,
) -> Result<(), ApplyError> {
    let today = LocalTime::of(now).date;
    let range = DateRange {
        from: args.from,
        to: args.to,
    };
    change_subscription(tx, actor, &args.id, &args.member, |subscription| {
        if subscription.pauses.len() >= MAX_PAUSES || range.from.days_until(range.to) > MAX_PAUSE_DAYS {
            return Err(super::subscription::PauseError::TooLong);
        }
        subscription.pause(range, today)
    })
    .await
}

pub async fn resume_subscription(
    tx: &mut impl Tx,
    actor: &Actor,
    args: &ResumeSubscription,
    now: Timestamp,
) -> Result<(), ApplyError> {
    let today = LocalTime::of(now).date;
    change_subscription(tx, actor, &args.id, &args.member, |subscription| {
        subscription.resume(args.on, today)
    })
    .await
}

/// Reads a typed record from a view map (the browser's), if it decodes.
pub fn decode<T: serde::de::DeserializeOwned>(value: &Value) -> Option<T> {
    serde_json::from_value(value.clone()).ok()
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use serde_json::json;

    use super::*;
    use crate::canteen::menu::{Category, Portion};
    use crate::canteen::CanteenMutation;
    use crate::replica::run;
    use crate::role::Role;
    use crate::tx::apply_changes;

    const TUESDAY_8AM: &str = "2025-04-08";

    fn at(date: &str, hour: u16) -> Timestamp {
        LocalTime {
            date: date.parse().unwrap(),
            minute: hour * 60,
        }
        .timestamp()
    }

    fn staff() -> Actor {
        Actor::new("cook".parse().unwrap(), [Role::CanteenStaff])
    }

    fn senior() -> Actor {
        Actor::new("liu".parse().unwrap(), [Role::Resident])
    }

    /// Applies `mutation` for `actor` at `now` to `records`, or returns the rejection code.
    fn apply(
        records: &mut BTreeMap<String, Value>,
        actor: &Actor,
        mutation: Mutation,
        now: Timestamp,
    ) -> Result<(), RejectionCode> {
        match run(records, actor, &mutation, now) {
            Ok(changes) => {
                apply_changes(records, changes);
                Ok(())
            }
            Err(ApplyError::Rejected(rejection)) => Err(rejection.code),
            Err(ApplyError::Storage(err)) => panic!("{err}"),
        }
    }

    use crate::mutation::Mutation;

    /// A canteen with one dish (capacity 2), lunch on Tuesday, the demo rules,
    /// and a senior with ¥10 on her balance.
    fn canteen() -> BTreeMap<String, Value> {
        let mut records = BTreeMap::new();
        let now = at(TUESDAY_8AM, 8);
        let tofu = Dish {
            id: "tofu".into(),
            name_zh: "家常豆腐".into(),
            name_en: "Tofu".into(),
            category: Category::HotDish,
            price: Fen(800),
            portion: Portion::Standard,
            tags: vec![],
            daily_capacity: Some(2),
        };
        let setup = [
            Mutation::Canteen(CanteenMutation::UpsertDish(tofu)),
            Mutation::Canteen(CanteenMutation::SetDailyMenu(DailyMenu {
                date: TUESDAY_8AM.parse().unwrap(),
                meal: Meal::Lunch,
                dishes: vec!["tofu".into()],
            })),
            Mutation::Canteen(CanteenMutation::SetDinerProfile(SetDinerProfile {
                member: senior().member,
                birth_date: Some("1943-03-15".parse().unwrap()),
                tags: vec![],
                address: String::new(),
            })),
            Mutation::Canteen(CanteenMutation::TopUp(TopUp {
                id: "t1".into(),
                member: senior().member,
                amount: Fen(1000),
                reference: String::new(),
            })),
        ];
        for mutation in setup.into_iter().chain(
            crate::canteen::pricing::demo_rules()
                .into_iter()
                .map(|rule| Mutation::from(CanteenMutation::UpsertPricingRule(rule))),
        ) {
            apply(&mut records, &staff(), mutation, now).unwrap();
        }
        records
    }

    fn order(id: &str, quantity: u32, expected: i64) -> Mutation {
        Mutation::Canteen(CanteenMutation::PlaceOrder(PlaceOrder {
            id: id.into(),
            member: None,
            date: TUESDAY_8AM.parse().unwrap(),
            meal: Meal::Lunch,
            mode: MealMode::DineIn,
            lines: vec![OrderLine {
                dish: "tofu".into(),
                quantity,
            }],
            expected_total: Fen(expected),
        }))
    }

    fn balance_of(records: &BTreeMap<String, Value>, member: &MemberId) -> Fen {
        let prefix = records::ledger_of(member);
        records
            .iter()
            .filter(|(key, _)| key.starts_with(&prefix))
            .map(|(_, value)| Fen(value["amount"].as_i64().unwrap()))
            .sum()
    }

    #[test]
    fn an_order_is_picked_up_on_its_own_day_only() {
        let mut records = canteen();
        apply(&mut records, &senior(), order("o1", 1, 480), at("2025-04-07", 8)).unwrap();
        let check_in = Mutation::Canteen(CanteenMutation::CheckIn(ServeOrder {
            id: "o1".into(),
            member: senior().member,
        }));
        assert_eq!(
            apply(&mut records, &staff(), check_in.clone(), at("2025-04-07", 12)),
            Err(RejectionCode::NotToday),
            "the day before"
        );
        assert_eq!(
            apply(&mut records, &staff(), check_in.clone(), at("2025-04-09", 12)),
            Err(RejectionCode::NotToday),
            "the day after"
        );
        apply(&mut records, &staff(), check_in.clone(), at(TUESDAY_8AM, 12)).unwrap();
        assert_eq!(
            records[&records::order(&senior().member, "o1")]["status"],
            json!("picked_up")
        );
        let deliver = Mutation::Canteen(CanteenMutation::MarkDelivered(ServeOrder {
            id: "o1".into(),
            member: senior().member,
        }));
        assert_eq!(
            apply(&mut records, &staff(), deliver, at(TUESDAY_8AM, 12)),
            Err(RejectionCode::InvalidArgs),
            "a dine-in order is not delivered"
        );
    }

    #[test]
    fn an_order_charges_the_balance_and_a_cancel_refunds_it() {
        let mut records = canteen();
        apply(&mut records, &senior(), order("o1", 1, 480), at(TUESDAY_8AM, 8)).unwrap();
        assert_eq!(balance_of(&records, &senior().member), Fen(520));
        let cancel = Mutation::Canteen(CanteenMutation::CancelOrder(CancelOrder {
            id: "o1".into(),
            member: None,
        }));
        apply(&mut records, &senior(), cancel.clone(), at(TUESDAY_8AM, 9)).unwrap();
        assert_eq!(balance_of(&records, &senior().member), Fen(1000));
        assert_eq!(
            records[&records::order(&senior().member, "o1")]["status"],
            json!("cancelled")
        );
        assert_eq!(
            apply(&mut records, &senior(), cancel, at(TUESDAY_8AM, 9)),
            Err(RejectionCode::InvalidArgs),
            "once"
        );
    }

    #[test]
    fn an_order_the_balance_cannot_cover_is_refused() {
        let mut records = canteen();
        let unlimited: Dish = serde_json::from_value(records["canteen/dish/tofu"].clone()).unwrap();
        let unlimited = Dish {
            daily_capacity: None,
            ..unlimited
        };
        apply(
            &mut records,
            &staff(),
            Mutation::Canteen(CanteenMutation::UpsertDish(unlimited)),
            at(TUESDAY_8AM, 8),
        )
        .unwrap();
        // Two portions: 2 × ¥8.00 at 60% = ¥9.60 of the ¥10; one more (¥4.80) is too much.
        apply(&mut records, &senior(), order("o1", 2, 960), at(TUESDAY_8AM, 8)).unwrap();
        assert_eq!(
            apply(&mut records, &senior(), order("o2", 1, 480), at(TUESDAY_8AM, 8)),
            Err(RejectionCode::InsufficientBalance)
        );
        assert_eq!(balance_of(&records, &senior().member), Fen(40));
    }

    #[test]
    fn capacity_sells_out() {
        let mut records = canteen();
        apply(
            &mut records,
            &staff(),
            Mutation::Canteen(CanteenMutation::TopUp(TopUp {
                id: "t2".into(),
                member: senior().member,
                amount: Fen(5000),
                reference: String::new(),
            })),
            at(TUESDAY_8AM, 8),
        )
        .unwrap();
        apply(&mut records, &senior(), order("o1", 2, 960), at(TUESDAY_8AM, 8)).unwrap();
        assert_eq!(
            apply(&mut records, &senior(), order("o2", 1, 480), at(TUESDAY_8AM, 8)),
            Err(RejectionCode::SoldOut)
        );
    }

    #[test]
    fn staff_can_order_for_an_elder_at_the_counter_and_are_recorded_as_entering_it() {
        let mut records = canteen();
        let Mutation::Canteen(CanteenMutation::PlaceOrder(mut for_elder)) = order("o1", 1, 480) else {
            unreachable!()
        };
        for_elder.member = Some(senior().member);
        apply(
            &mut records,
            &staff(),
            Mutation::Canteen(CanteenMutation::PlaceOrder(for_elder.clone())),
            at(TUESDAY_8AM, 8),
        )
        .unwrap();
        let placed = &records[&records::order(&senior().member, "o1")];
        assert_eq!(placed["enteredBy"], json!("cook"));
        assert_eq!(placed["member"], json!("liu"));
        // A resident cannot order on someone else's account.
        let other = Actor::new("wang".parse().unwrap(), [Role::Resident]);
        for_elder.id = "o2".into();
        assert_eq!(
            apply(
                &mut records,
                &other,
                Mutation::Canteen(CanteenMutation::PlaceOrder(for_elder)),
                at(TUESDAY_8AM, 8)
            ),
            Err(RejectionCode::Forbidden)
        );
    }

    #[test]
    fn the_cutoff_and_the_menu_are_enforced() {
        let mut records = canteen();
        assert_eq!(
            apply(&mut records, &senior(), order("o1", 1, 480), at(TUESDAY_8AM, 10)),
            Err(RejectionCode::TooLate)
        );
        let Mutation::Canteen(CanteenMutation::PlaceOrder(mut dinner)) = order("o2", 1, 480) else {
            unreachable!()
        };
        dinner.meal = Meal::Dinner;
        assert_eq!(
            apply(
                &mut records,
                &senior(),
                Mutation::Canteen(CanteenMutation::PlaceOrder(dinner)),
                at(TUESDAY_8AM, 8)
            ),
            Err(RejectionCode::NotFound),
            "no dinner menu"
        );
    }

    /// An order of tofu in `quantities`, one line each.
    fn order_in_lines(id: &str, quantities: &[u32], expected: i64) -> Mutation {
        let Mutation::Canteen(CanteenMutation::PlaceOrder(mut placed)) = order(id, 1, expected) else {
            unreachable!()
        };
        placed.lines = quantities
            .iter()
            .map(|quantity| OrderLine {
                dish: "tofu".into(),
                quantity: *quantity,
            })
            .collect();
        Mutation::Canteen(CanteenMutation::PlaceOrder(placed))
    }

    #[test]
    fn capacity_counts_a_dish_across_the_lines_of_one_order() {
        let mut records = canteen();
        // Capacity 2: one line of two is refused with two lines of one as well.
        assert_eq!(
            apply(
                &mut records,
                &senior(),
                order_in_lines("o1", &[1, 1, 1], 1440),
                at(TUESDAY_8AM, 8)
            ),
            Err(RejectionCode::SoldOut)
        );
        apply(
            &mut records,
            &senior(),
            order_in_lines("o2", &[1, 1], 960),
            at(TUESDAY_8AM, 8),
        )
        .unwrap();
        let placed = &records[&records::order(&senior().member, "o2")];
        assert_eq!(
            placed["lines"],
            json!([{"dish": "tofu", "quantity": 2}]),
            "kept as one line"
        );
        assert_eq!(
            records[&records::portions(TUESDAY_8AM.parse().unwrap(), Meal::Lunch)]["dishes"]["tofu"],
            2
        );
        assert_eq!(
            apply(
                &mut records,
                &staff(),
                order_in_lines("o3", &[1], 480),
                at(TUESDAY_8AM, 8)
            ),
            Err(RejectionCode::SoldOut),
            "staff see what is left too"
        );
        let cancel = Mutation::Canteen(CanteenMutation::CancelOrder(CancelOrder {
            id: "o2".into(),
            member: None,
        }));
        apply(&mut records, &senior(), cancel, at(TUESDAY_8AM, 9)).unwrap();
        assert!(
            records[&records::portions(TUESDAY_8AM.parse().unwrap(), Meal::Lunch)]["dishes"]
                .get("tofu")
                .is_none(),
            "a cancellation gives the portions back"
        );
    }

    #[test]
    fn the_cap_of_twenty_portions_is_per_dish_not_per_line() {
        let mut records = canteen();
        let unlimited: Dish = serde_json::from_value(records["canteen/dish/tofu"].clone()).unwrap();
        apply(
            &mut records,
            &staff(),
            Mutation::Canteen(CanteenMutation::UpsertDish(Dish {
                daily_capacity: None,
                ..unlimited
            })),
            at(TUESDAY_8AM, 8),
        )
        .unwrap();
        assert_eq!(
            apply(
                &mut records,
                &staff(),
                order_in_lines("o1", &[20, 1], 0),
                at(TUESDAY_8AM, 8)
            ),
            Err(RejectionCode::InvalidArgs)
        );
        assert_eq!(
            apply(
                &mut records,
                &staff(),
                order_in_lines("o2", &[1; 21], 0),
                at(TUESDAY_8AM, 8)
            ),
            Err(RejectionCode::InvalidArgs),
            "at most twenty lines"
        );
    }

    #[test]
    fn a_free_item_is_one_portion_per_dish_however_the_lines_are_split() {
        use crate::canteen::pricing::{price, Diner, Effect, Eligibility, PricingRule};
        let tofu: Dish = serde_json::from_value(canteen()["canteen/dish/tofu"].clone()).unwrap();
        let free = PricingRule {
            id: "free".into(),
            label_zh: "免费一份".into(),
            label_en: "One free".into(),
            eligibility: Eligibility::MemberTag("sanitation_worker".into()),
            modes: vec![],
            weekdays: vec![],
            window: None,
            dishes: vec![],
            effect: Effect::FreeItem,
        };
        let worker = Diner {
            birth_date: None,
            tags: vec!["sanitation_worker".into()],
        };
        let lunch = LocalTime {
            date: TUESDAY_8AM.parse().unwrap(),
            minute: 11 * 60 + 30,
        };
        let bill = |quantities: &[u32]| {
            let lines: Vec<OrderLine> = quantities
                .iter()
                .map(|quantity| OrderLine {
                    dish: "tofu".into(),
                    quantity: *quantity,
                })
                .collect();
            price(
                std::slice::from_ref(&tofu),
                &lines,
                &worker,
                MealMode::DineIn,
                lunch,
                std::slice::from_ref(&free),
                Fen::ZERO,
            )
            .unwrap()
            .total
        };
        assert_eq!(bill(&[3]), Fen(1600), "three portions, one free");
        assert_eq!(bill(&[1, 1, 1]), Fen(1600), "not one free per line");
    }
}
