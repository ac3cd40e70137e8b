//! Charity meals (爱心助餐): a canteen keeps funds that donors give to, each
//! paying part or all of the meals of members who carry its diner tag (such
//! as `low_income`, 困难家庭, set by staff). A fund's money is an append-only
//! ledger like a member's; while it has money, an eligible member's order is
//! paid from it by its rule (a percentage, up to a cap per meal), shown on
//! the bill like any rule; once it runs out the rule stops applying, and the
//! kitchen says so. The ledger names donors, never a recipient: a meal's
//! entry carries the order's random id and nothing of the member, so the
//! community can see what each donor gave and how many meals were served.

use serde::{Deserialize, Serialize};

use super::money::Fen;
use super::pricing::{Adjustment, PriceBreakdown};
use crate::members::{read, to_value};
use crate::rejection::{rejected, valid_id, ApplyError, RejectionCode};
use crate::role::Actor;
use crate::text;
use crate::time::Timestamp;
use crate::tx::{scan_records, Tx};

pub const FUND_PREFIX: &str = "canteen/fund/";
pub const FUND_ENTRY_PREFIX: &str = "canteen/fundentry/";

/// How an adjustment paid by a fund names its rule: `fund:<id>`.
pub const FUND_RULE_PREFIX: &str = "fund:";

pub const NAME_MAX_CHARS: usize = 40;
pub const TAG_MAX_CHARS: usize = 40;

pub fn fund(id: &str) -> String {
    format!("{FUND_PREFIX}{id}")
}

pub fn fund_entries(fund: &str) -> String {
    format!("{FUND_ENTRY_PREFIX}{fund}/")
}

pub fn fund_entry(fund: &str, id: &str) -> String {
    format!("{FUND_ENTRY_PREFIX}{fund}/{id}")
}

/// `canteen/fund/<id>`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CharityFund {
    pub id: String,
    pub name: String,
    /// The diner tag that makes a member eligible.
    pub tag: String,
    /// The share of an eligible meal the fund pays, 1 to 100.
    pub percent: u8,
    /// The most it pays for one meal; `None` for no cap.
    #[serde(default)]
    pub cap_per_meal: Option<Fen>,
    #[serde(default = "yes")]
    pub active: bool,
}

fn yes() -> bool {
    true
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FundEntryKind {
    Donation,
    /// A meal paid (negative).
    Meal,
    /// A paid meal's order cancelled (positive).
    Refund,
}

/// `canteen/fundentry/<fund>/<id>`: never changed or removed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FundEntry {
    pub id: String,
    pub fund: String,
    pub kind: FundEntryKind,
    /// Positive for donations and refunds, negative for meals.
    pub amount: Fen,
    /// The donor, for a donation.
    #[serde(default)]
    pub donor: String,
    #[serde(default)]
    pub purpose: String,
    pub at: Timestamp,
}

/// `donateToFund`: a donation, entered by staff.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DonateToFund {
    pub fund: String,
    pub id: String,
    pub donor: String,
    pub amount: Fen,
    #[serde(default)]
    pub purpose: String,
}

/// What a fund holds.
pub fn fund_balance(entries: &[FundEntry]) -> Fen {
    entries.iter().map(|entry| entry.amount).sum()
}

/// What the community may see of a fund: each donor's total, and meals
/// served (paid meals less refunded ones).
pub fn fund_summary(entries: &[FundEntry]) -> (Vec<(String, Fen)>, u32) {
    let mut donors: Vec<(String, Fen)> = Vec::new();
    let mut meals: i64 = 0;
    for entry in entries {
        match entry.kind {
            FundEntryKind::Donation => match donors.iter_mut().find(|(donor, _)| *donor == entry.donor) {
                Some((_, total)) => *total = *total + entry.amount,
                None => donors.push((entry.donor.clone(), entry.amount)),
            },
            FundEntryKind::Meal => meals += 1,
            FundEntryKind::Refund => meals -= 1,
        }
    }
    (donors, meals.max(0) as u32)
}

/// How much `fund` pays of a meal costing `total`, with `balance` left:
/// its share, within its cap and what it holds.
pub fn fund_share(fund: &CharityFund, total: Fen, balance: Fen) -> Fen {
    let share = total.percent(fund.percent);
    let capped = fund.cap_per_meal.map_or(share, |cap| share.min(cap));
    capped.min(balance).max(Fen::ZERO)
}

/// The bill after the funds: the first active fund whose tag the member
/// carries and which still holds money pays its share, shown as an
/// adjustment named `fund:<id>`. One fund a meal.
pub async fn apply_funds(
    tx: &mut impl Tx,
    tags: &[String],
    mut breakdown: PriceBreakdown,
) -> Result<PriceBreakdown, ApplyError> {
    if breakdown.total <= Fen::ZERO || tags.is_empty() {
        return Ok(breakdown);
    }
    let funds: Vec<CharityFund> = scan_records(tx, FUND_PREFIX).await?;
    for fund in funds
        .into_iter()
        .filter(|fund| fund.active && tags.contains(&fund.tag))
    {
        let entries: Vec<FundEntry> = scan_records(tx, &fund_entries(&fund.id)).await?;
        let share = fund_share(&fund, breakdown.total, fund_balance(&entries));
        if share > Fen::ZERO {
            breakdown.adjustments.push(Adjustment {
                rule: format!("{FUND_RULE_PREFIX}{}", fund.id),
                label_zh: format!("爱心助餐（{}）", fund.name),
                label_en: format!("Charity meal ({})", fund.name),
                amount: -share,
            });
            breakdown.total = breakdown.total - share;
            break;
        }
    }
    Ok(breakdown)
}

/// The fund an order's bill was paid from, and how much.
pub fn paid_by_fund(breakdown: &PriceBreakdown) -> Option<(&str, Fen)> {
    breakdown.adjustments.iter().find_map(|adjustment| {
        let fund = adjustment.rule.strip_prefix(FUND_RULE_PREFIX)?;
        Some((fund, -adjustment.amount))
    })
}

/// Writes a fund's entry for an order (a meal paid, or its refund); the id
/// follows from the order's, so it is written once.
pub async fn record_meal(
    tx: &mut impl Tx,
    fund_id: &str,
    order_id: &str,
    kind: FundEntryKind,
    amount: Fen,
    now: Timestamp,
) -> Result<(), ApplyError> {
    let id = match kind {
        FundEntryKind::Refund => format!("{order_id}-refund"),
        _ => format!("{order_id}-meal"),
    };
    let key = fund_entry(fund_id, &id);
    if tx.get(&key).await?.is_some() {
        return Err(rejected(RejectionCode::AlreadyExists, &key));
    }
    let entry = FundEntry {
        id,
        fund: fund_id.to_owned(),
        kind,
        amount: if kind == FundEntryKind::Meal {
            -amount
        } else {
            amount
        },
        donor: String::new(),
        purpose: String::new(),
        at: now,
    };
    tx.put(&key, to_value(&entry)).await?;
    Ok(())
}

pub async fn set_charity_fund(
    tx: &mut impl Tx,
    _actor: &Actor,
    args: &CharityFund,
    _now: Timestamp,
) -> Result<(), ApplyError> {
    let key = fund(&args.id);
    valid_id(&args.id, &key)?;
    let cap_ok = args
        .cap_per_meal
        .is_none_or(|cap| cap.is_price() && cap > Fen::ZERO);
    if !(1..=100).contains(&args.percent) || !cap_ok {
        return Err(rejected(RejectionCode::InvalidArgs, &key));
    }
    let record = CharityFund {
        id: args.id.clone(),
        name: text::required(&args.name, NAME_MAX_CHARS, &key)?,
        tag: text::required(&args.tag, TAG_MAX_CHARS, &key)?,
        percent: args.percent,
        cap_per_meal: args.cap_per_meal,
        active: args.active,
    };
    tx.put(&key, to_value(&record)).await?;
    Ok(())
}

pub async fn donate_to_fund(
    tx: &mut impl Tx,
    _actor: &Actor,
    args: &DonateToFund,
    now: Timestamp,
) -> Result<(), ApplyError> {
    valid_id(&args.fund, FUND_PREFIX)?;
    let key = fund_entry(&args.fund, &args.id);
    valid_id(&args.id, &key)?;
    let _: CharityFund = read(tx, &fund(&args.fund)).await?;
    if args.amount <= Fen::ZERO || args.amount > Fen::MAX_TOP_UP {
        return Err(rejected(RejectionCode::InvalidArgs, &key));
    }
    if tx.get(&key).await?.is_some() {
        return Err(rejected(RejectionCode::AlreadyExists, &key));
    }
    let entry = FundEntry {
        id: args.id.clone(),
        fund: args.fund.clone(),
        kind: FundEntryKind::Donation,
        amount: args.amount,
        donor: text::required(&args.donor, NAME_MAX_CHARS, &key)?,
        purpose: text::optional(&args.purpose, NAME_MAX_CHARS * 2, &key)?,
        at: now,
    };
    tx.put(&key, to_value(&entry)).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fund(percent: u8, cap: Option<i64>) -> CharityFund {
        CharityFund {
            id: "f1".into(),
            name: "爱心基金".into(),
            tag: "low_income".into(),
            percent,
            cap_per_meal: cap.map(Fen),
            active: true,
        }
    }

    #[test]
    fn a_fund_pays_its_share_within_its_cap_and_what_it_holds() {
        assert_eq!(fund_share(&fund(100, None), Fen(800), Fen(10_000)), Fen(800));
        assert_eq!(fund_share(&fund(50, None), Fen(801), Fen(10_000)), Fen(401));
        assert_eq!(fund_share(&fund(100, Some(500)), Fen(800), Fen(10_000)), Fen(500));
        assert_eq!(fund_share(&fund(100, None), Fen(800), Fen(300)), Fen(300));
        assert_eq!(fund_share(&fund(100, None), Fen(800), Fen::ZERO), Fen::ZERO);
        assert_eq!(fund_share(&fund(100, None), Fen(800), Fen(-5)), Fen::ZERO);
    }

    #[test]
    fn the_summary_names_donors_and_counts_meals_never_recipients() {
        let entry = |id: &str, kind, amount, donor: &str| FundEntry {
            id: id.into(),
            fund: "f1".into(),
            kind,
            amount: Fen(amount),
            donor: donor.into(),
            purpose: String::new(),
            at: Timestamp(0),
        };
        let entries = [
            entry("d1", FundEntryKind::Donation, 50_000, "魏家宴"),
            entry("d2", FundEntryKind::Donation, 20_000, "张先生"),
            entry("d3", FundEntryKind::Donation, 10_000, "魏家宴"),
            entry("o1-meal", FundEntryKind::Meal, -800, ""),
            entry("o2-meal", FundEntryKind::Meal, -800, ""),
            entry("o2-refund", FundEntryKind::Refund, 800, ""),
        ];
        let (donors, meals) = fund_summary(&entries);
        assert_eq!(
            donors,
            vec![
                ("魏家宴".to_owned(), Fen(60_000)),
                ("张先生".to_owned(), Fen(20_000))
            ]
        );
        assert_eq!(meals, 1);
        assert_eq!(fund_balance(&entries), Fen(79_200));
    }
}

#[cfg(test)]
mod order_tests {
    use std::collections::BTreeMap;

    use serde_json::{json, Value};

    use super::*;
    use crate::canteen::mutations::{cancel_order, order_price, pricing_time, CancelOrder, PlaceOrder};
    use crate::canteen::pricing::{MealMode, OrderLine};
    use crate::canteen::records;
    use crate::role::Role;
    use crate::tx::{now_or_never, MemTx};

    fn apply(records: &mut BTreeMap<String, Value>, run: impl FnOnce(&mut MemTx) -> Result<(), ApplyError>) {
        let mut tx = MemTx::new(records);
        run(&mut tx).expect("applied");
        for (key, change) in tx.into_changes() {
            match change {
                Some(value) => records.insert(key, value),
                None => records.remove(&key),
            };
        }
    }

    /// A canteen with one dish at ¥8 on Tuesday's lunch, a member tagged
    /// `low_income` with ¥20, and a fund paying half, up to ¥3 a meal,
    /// holding ¥5.
    fn canteen() -> BTreeMap<String, Value> {
        let date = "2026-03-03";
        BTreeMap::from([
            (
                records::dish("tofu"),
                json!({"id": "tofu", "nameZh": "家常豆腐", "nameEn": "", "category": "hot_dish",
                "price": 800, "portion": "standard", "tags": [], "dailyCapacity": null}),
            ),
            (
                format!("canteen/menu/{date}/lunch"),
                json!({"date": date, "meal": "lunch", "dishes": ["tofu"]}),
            ),
            (
                records::diner(&"m1".parse().unwrap()),
                json!({"member": "m1", "birthDate": null, "tags": ["low_income"], "address": ""}),
            ),
            (
                "canteen/ledger/m1/t1".into(),
                json!({"id": "t1", "member": "m1", "kind": "top_up", "amount": 2000,
                "reference": "", "at": 0, "enteredBy": "staff"}),
            ),
            (
                fund("f1"),
                json!({"id": "f1", "name": "爱心基金", "tag": "low_income", "percent": 50, "capPerMeal": 300, "active": true}),
            ),
            (
                fund_entry("f1", "d1"),
                json!({"id": "d1", "fund": "f1", "kind": "donation", "amount": 500, "donor": "魏家宴",
                "purpose": "", "at": 0}),
            ),
        ])
    }

    fn entries_of(records: &BTreeMap<String, Value>) -> Vec<FundEntry> {
        crate::tx::under_prefix(records, &fund_entries("f1"))
            .map(|(_, value)| serde_json::from_value(value.clone()).unwrap())
            .collect()
    }

    fn order(records: &mut BTreeMap<String, Value>, id: &str, now: Timestamp) -> Fen {
        let member: crate::ids::MemberId = "m1".parse().unwrap();
        let date = "2026-03-03".parse().unwrap();
        let lines = vec![OrderLine {
            dish: "tofu".into(),
            quantity: 1,
        }];
        let at = pricing_time(date, crate::canteen::menu::Meal::Lunch, now);
        let mut tx = MemTx::new(records);
        let expected = now_or_never(order_price(&mut tx, &member, &lines, MealMode::DineIn, at))
            .unwrap()
            .unwrap()
            .total;
        let actor = Actor::new(member, [Role::Resident]);
        let args = PlaceOrder {
            id: id.into(),
            member: None,
            date,
            meal: crate::canteen::menu::Meal::Lunch,
            mode: MealMode::DineIn,
            lines,
            expected_total: expected,
        };
        apply(records, |tx| {
            now_or_never(crate::canteen::mutations::place_order(tx, &actor, &args, now)).unwrap()
        });
        expected
    }

    #[test]
    fn a_fund_pays_its_share_until_it_runs_out_and_a_cancel_gives_it_back() {
        let now = crate::calendar::LocalTime {
            date: "2026-03-03".parse().unwrap(),
            minute: 8 * 60,
        }
        .timestamp();
        let mut records = canteen();
        // Half of ¥8 is ¥4, capped at ¥3: she pays ¥5.
        assert_eq!(order(&mut records, "o1", now), Fen(500));
        assert_eq!(records[&fund_entry("f1", "o1-meal")]["amount"], json!(-300));
        // ¥2 left: the fund pays ¥2, she ¥6.
        assert_eq!(order(&mut records, "o2", now), Fen(600));
        // Empty: the rule no longer applies.
        assert_eq!(order(&mut records, "o3", now), Fen(800));
        assert!(!records.contains_key(&fund_entry("f1", "o3-meal")));
        let entries: Vec<FundEntry> = entries_of(&records);
        assert_eq!(fund_balance(&entries), Fen::ZERO);
        assert_eq!(fund_summary(&entries).1, 2);
        // Cancelled, the second meal's ¥2 go back to the fund, ¥6 to her.
        let actor = Actor::new("m1".parse().unwrap(), [Role::Resident]);
        let cancel = CancelOrder {
            id: "o2".into(),
            member: None,
        };
        apply(&mut records, |tx| {
            now_or_never(cancel_order(tx, &actor, &cancel, now)).unwrap()
        });
        let entries: Vec<FundEntry> = entries_of(&records);
        assert_eq!(fund_balance(&entries), Fen(200));
        assert_eq!(fund_summary(&entries).1, 1);
        // The public ledger names no one who ate.
        assert!(records
            .iter()
            .filter(|(key, _)| key.starts_with(FUND_ENTRY_PREFIX))
            .all(|(_, entry)| !entry.to_string().contains("m1")));
    }
}
