//! The collective's accounts (村集体经济): land parcels and who holds their
//! contract rights, land-transfer contracts, and an append-only ledger of
//! income and expenses in integer fen, published month by month for every
//! villager to read (村务公开).
//!
//! An entry is first a draft (`vil/draft/<id>`) that only officers read and
//! may still withdraw. Publishing a month moves its drafts to
//! `vil/entry/<month>/<id>`, which every villager reads and no mutation ever
//! changes or deletes: a mistake found later is a new entry that names the
//! one it corrects, dated in a month still open, and shows as a correction.
//!
//! ## Usage
//! ```
//! use linli_core::village::ledger::{Category, Month, Mu};
//! use linli_core::calendar::Date;
//! use linli_core::canteen::Fen;
//! let march: Month = "2026-03".parse().unwrap();
//! assert_eq!(march.to_string(), "2026-03");
//! assert_eq!(Month::of(Date::new(2026, 3, 31).unwrap()), march);
//! assert!(Category::LandTransfer.is_income() && !Category::Dividend.is_income());
//! // 3,000 mu at ¥800 a mu is ¥2,400,000 a year.
//! assert_eq!(Mu::parse("3000").unwrap().times(Fen(80_000)), Fen(240_000_000));
//! ```

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::calendar::{Date, LocalTime};
use crate::canteen::money::Fen;
use crate::ids::MemberId;
use crate::keys::household_key;
use crate::members::{read, to_value};
use crate::rejection::{rejected, valid_id, ApplyError, RejectionCode};
use crate::role::Actor;
use crate::text;
use crate::time::Timestamp;
use crate::tx::{scan_records, Tx};

pub const CONTRACT_PREFIX: &str = "vil/contract/";
pub const DRAFT_PREFIX: &str = "vil/draft/";
pub const ENTRY_PREFIX: &str = "vil/entry/";
pub const PERIOD_PREFIX: &str = "vil/period/";
pub const PARCEL_PREFIX: &str = "vil/parcel/";

/// The most one entry may be: ¥100,000,000, so no year's sum can overflow.
pub const MAX_ENTRY: Fen = Fen(10_000_000_000);
/// The largest area one parcel or contract may have: 100,000 mu.
pub const MAX_AREA: Mu = Mu(10_000_000);
pub const NOTE_MAX_CHARS: usize = 200;
pub const NAME_MAX_CHARS: usize = 60;

pub fn contract(id: &str) -> String {
    format!("{CONTRACT_PREFIX}{id}")
}

pub fn draft(id: &str) -> String {
    format!("{DRAFT_PREFIX}{id}")
}

pub fn entry(month: Month, id: &str) -> String {
    format!("{ENTRY_PREFIX}{month}/{id}")
}

pub fn entries_of(month: Month) -> String {
    format!("{ENTRY_PREFIX}{month}/")
}

pub fn period(month: Month) -> String {
    format!("{PERIOD_PREFIX}{month}")
}

/// A household's parcels, filed under its key so only it and the officers read them.
pub fn parcels_of(household: &str) -> String {
    format!("{PARCEL_PREFIX}{}/", household_key(household))
}

pub fn parcel(household: &str, id: &str) -> String {
    format!("{}{id}", parcels_of(household))
}

/// A calendar month, the period the accounts are published by; "2026-03" on
/// the wire and in keys.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month {
    pub year: i32,
    pub month: u8,
}

impl Month {
    pub fn of(date: Date) -> Month {
        Month {
            year: date.year(),
            month: date.month(),
        }
    }

    pub fn first_day(self) -> Date {
        Date::new(self.year, self.month, 1).expect("a month's first day")
    }
}

impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl FromStr for Month {
    type Err = String;

    fn from_str(text: &str) -> Result<Month, String> {
        let bad = || format!("not a month (YYYY-MM): {text:?}");
        let (year, month) = text.split_once('-').ok_or_else(bad)?;
        if year.len() != 4 || month.len() != 2 {
            return Err(bad());
        }
        let year: i32 = year.parse().map_err(|_| bad())?;
        let month: u8 = month.parse().map_err(|_| bad())?;
        Date::new(year, month, 1).map_err(|_| bad())?;
        Ok(Month { year, month })
    }
}

impl Serialize for Month {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Month {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Month, D::Error> {
        String::deserialize(deserializer)?
            .parse()
            .map_err(serde::de::Error::custom)
    }
}

/// An area in hundredths of a mu (亩), so a parcel of 2.35 mu is `Mu(235)`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Mu(pub u32);

impl fmt::Display for Mu {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{:02}", self.0 / 100, self.0 % 100)
    }
}

impl Mu {
    /// Reads "2.35" or "3000" as typed into a form.
    pub fn parse(typed: &str) -> Option<Mu> {
        let typed = typed.trim();
        let (whole, part) = typed.split_once('.').unwrap_or((typed, ""));
        if whole.is_empty()
            || part.len() > 2
            || !whole.bytes().chain(part.bytes()).all(|b| b.is_ascii_digit())
        {
            return None;
        }
        let whole: u32 = whole.parse().ok()?;
        let part: u32 = format!("{part:0<2}").parse().ok()?;
        let area = Mu(whole.checked_mul(100)?.checked_add(part)?);
        (area <= MAX_AREA).then_some(area)
    }

    /// What `price` per mu comes to for this area, to the nearest fen.
    pub fn times(self, price: Fen) -> Fen {
        Fen((i64::from(self.0) * price.0 + 50).div_euclid(100))
    }
}

/// What an entry is for; income or expense follows from it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// 土地流转: a transferee's yearly payment.
    LandTransfer,
    /// 投资收益: the return on what the collective invested.
    Investment,
    OtherIncome,
    /// 分红: dividends paid to households.
    Dividend,
    /// 医保补贴: medical-insurance subsidies per member.
    MedicalSubsidy,
    /// 防贫保险: anti-poverty insurance premiums for key households.
    AntiPovertyInsurance,
    /// 公益事业: roads, lights, the cultural square.
    PublicWorks,
    /// 管理费用.
    Administration,
    OtherExpense,
}

impl Category {
    pub const ALL: [Category; 9] = [
        Category::LandTransfer,
        Category::Investment,
        Category::OtherIncome,
        Category::Dividend,
        Category::MedicalSubsidy,
        Category::AntiPovertyInsurance,
        Category::PublicWorks,
        Category::Administration,
        Category::OtherExpense,
    ];

    pub fn is_income(self) -> bool {
        matches!(
            self,
            Category::LandTransfer | Category::Investment | Category::OtherIncome
        )
    }

    /// Categories whose entries a payment to households makes, never typed in.
    pub fn is_paid_to_households(self) -> bool {
        matches!(
            self,
            Category::Dividend | Category::MedicalSubsidy | Category::AntiPovertyInsurance
        )
    }
}

/// Where a published entry is: its month and id.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct EntryRef {
    pub month: Month,
    pub id: String,
}

/// One line of the ledger, a draft (`vil/draft/<id>`) or published
/// (`vil/entry/<month>/<id>`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Entry {
    pub id: String,
    pub date: Date,
    pub category: Category,
    /// Positive; a correction's may be negative.
    pub amount: Fen,
    pub note: String,
    /// The transfer contract a land-transfer payment is under.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contract: Option<String>,
    /// The distribution or subsidy whose payment this is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paid_out: Option<String>,
    /// The published entry this corrects.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub corrects: Option<EntryRef>,
    pub recorded_by: MemberId,
    pub recorded_at: Timestamp,
}

impl Entry {
    /// Income counts up, expense down.
    pub fn signed(&self) -> i64 {
        if self.category.is_income() {
            self.amount.0
        } else {
            -self.amount.0
        }
    }
}

/// `vil/period/<month>`: the month's accounts were published, with their totals.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Period {
    pub month: Month,
    pub income: Fen,
    pub expense: Fen,
    pub entries: u32,
    pub published_by: MemberId,
    pub published_at: Timestamp,
}

/// `vil/contract/<id>` (and `saveContract`'s arguments, without the
/// recording): a land-transfer contract (土地流转合同), kept as signed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Contract {
    pub id: String,
    /// Who takes the land: the agricultural company.
    pub transferee: String,
    pub area: Mu,
    /// Yuan per mu per year, in fen.
    pub price_per_mu: Fen,
    pub from_year: i32,
    pub until_year: i32,
    pub signed_on: Date,
    #[serde(default)]
    pub note: String,
}

impl Contract {
    /// What the transferee owes each year of the term.
    pub fn yearly(&self) -> Fen {
        self.area.times(self.price_per_mu)
    }
}

/// `vil/parcel/<household>/<id>` (and `saveParcel`'s arguments): a parcel
/// of the village's land and the household holding its contract rights
/// (土地承包经营权).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Parcel {
    pub id: String,
    /// The household as the register names it.
    pub household: String,
    /// Where it is: "东滩地3号".
    pub name: String,
    pub area: Mu,
    /// The transfer contract the parcel is let under, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contract: Option<String>,
}

/// `removeParcel`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RemoveParcel {
    pub household: String,
    pub id: String,
}

/// `recordEntry`: a draft entry typed in by an officer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RecordEntry {
    pub id: String,
    pub date: Date,
    pub category: Category,
    pub amount: Fen,
    #[serde(default)]
    pub note: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contract: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub corrects: Option<EntryRef>,
}

/// `withdrawDraft`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct WithdrawDraft {
    pub id: String,
}

/// `publishPeriod`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PublishPeriod {
    pub month: Month,
}

/// Whether `month` was published.
pub async fn is_published(tx: &mut impl Tx, month: Month) -> Result<bool, ApplyError> {
    Ok(tx.get(&period(month)).await?.is_some())
}

/// Whether the register has a household of this name with a member who has not left.
pub async fn household_exists(tx: &mut impl Tx, household: &str) -> Result<bool, ApplyError> {
    let voters = super::dividends::registered(tx).await?;
    Ok(voters.iter().any(|voter| voter.household == household))
}

pub async fn save_contract(
    tx: &mut impl Tx,
    _actor: &Actor,
    args: &Contract,
    _now: Timestamp,
) -> Result<(), ApplyError> {
    let key = contract(&args.id);
    valid_id(&args.id, &key)?;
    // Kept as signed: a new agreement is a new contract.
    if tx.get(&key).await?.is_some() {
        return Err(rejected(RejectionCode::AlreadyExists, &key));
    }
    let term_ok = args.from_year <= args.until_year && args.until_year - args.from_year < 100;
    let price_ok = args.price_per_mu > Fen::ZERO && args.price_per_mu <= Fen::MAX_PRICE;
    if !term_ok || !price_ok || args.area == Mu(0) || args.area > MAX_AREA {
        return Err(rejected(RejectionCode::InvalidArgs, &key));
    }
    let saved = Contract {
        transferee: text::required(&args.transferee, NAME_MAX_CHARS, &key)?,
        note: text::optional(&args.note, NOTE_MAX_CHARS, &key)?,
        ..args.clone()
    };
    tx.put(&key, to_value(&saved)).await?;
    Ok(())
}

pub async fn save_parcel(
    tx: &mut impl Tx,
    _actor: &Actor,
    args: &Parcel,
    _now: Timestamp,
) -> Result<(), ApplyError> {
    valid_id(&args.id, PARCEL_PREFIX)?;
    let household = text::required(&args.household, 80, PARCEL_PREFIX)?;
    let key = parcel(&household, &args.id);
    if args.area == Mu(0) || args.area > MAX_AREA {
        return Err(rejected(RejectionCode::InvalidArgs, &key));
    }
    if !household_exists(tx, &household).await? {
        return Err(rejected(RejectionCode::NotFound, &key));
    }
    if let Some(under) = &args.contract {
        valid_id(under, &key)?;
        if tx.get(&contract(under)).await?.is_none() {
            return Err(rejected(RejectionCode::NotFound, &contract(under)));
        }
    }
    let saved = Parcel {
        household,
        name: text::required(&args.name, NAME_MAX_CHARS, &key)?,
        ..args.clone()
    };
    tx.put(&key, to_value(&saved)).await?;
    Ok(())
}

pub async fn remove_parcel(
    tx: &mut impl Tx,
    _actor: &Actor,
    args: &RemoveParcel,
    _now: Timestamp,
) -> Result<(), ApplyError> {
    valid_id(&args.id, PARCEL_PREFIX)?;
    let key = parcel(&args.household, &args.id);
    if tx.get(&key).await?.is_none() {
        return Err(rejected(RejectionCode::NotFound, &key));
    }
    tx.del(&key).await?;
    Ok(())
}

pub async fn record_entry(
    tx: &mut impl Tx,
    actor: &Actor,
    args: &RecordEntry,
    now: Timestamp,
) -> Result<(), ApplyError> {
    let key = draft(&args.id);
    valid_id(&args.id, &key)?;
    if args.category.is_paid_to_households() && args.corrects.is_none() {
        // Made by paying a distribution or a subsidy, with its lines.
        return Err(rejected(RejectionCode::InvalidArgs, &key));
    }
    let amount_ok = match args.corrects {
        None => args.amount > Fen::ZERO && args.amount <= MAX_ENTRY,
        Some(_) => args.amount != Fen::ZERO && args.amount.0.abs() <= MAX_ENTRY.0,
    };
    if !amount_ok || args.date > LocalTime::of(now).date {
        return Err(rejected(RejectionCode::InvalidArgs, &key));
    }
    let month = Month::of(args.date);
    if is_published(tx, month).await? {
        return Err(rejected(RejectionCode::TooLate, &period(month)));
    }
    if tx.get(&key).await?.is_some() {
        return Err(rejected(RejectionCode::AlreadyExists, &key));
    }
    if let Some(under) = &args.contract {
        valid_id(under, &key)?;
        if args.category != Category::LandTransfer {
            return Err(rejected(RejectionCode::InvalidArgs, &key));
        }
        read::<Contract>(tx, &contract(under)).await?;
    }
    if let Some(corrected) = &args.corrects {
        valid_id(&corrected.id, &key)?;
        let original: Entry = read(tx, &entry(corrected.month, &corrected.id)).await?;
        if original.category != args.category || original.corrects.is_some() {
            return Err(rejected(RejectionCode::InvalidArgs, &key));
        }
    }
    let recorded = Entry {
        id: args.id.clone(),
        date: args.date,
        category: args.category,
        amount: args.amount,
        note: text::optional(&args.note, NOTE_MAX_CHARS, &key)?,
        contract: args.contract.clone(),
        paid_out: None,
        corrects: args.corrects.clone(),
        recorded_by: actor.member.clone(),
        recorded_at: now,
    };
    tx.put(&key, to_value(&recorded)).await?;
    Ok(())
}

/// Drafts the ledger entry of a payment to households (a distribution or a
/// subsidy), dated `today`. Its month must be open.
pub(super) async fn record_payment(
    tx: &mut impl Tx,
    actor: &Actor,
    category: Category,
    source: &str,
    amount: Fen,
    note: String,
    now: Timestamp,
) -> Result<(), ApplyError> {
    let today = LocalTime::of(now).date;
    if is_published(tx, Month::of(today)).await? {
        return Err(rejected(RejectionCode::TooLate, &period(Month::of(today))));
    }
    let id = format!("pay-{source}");
    let key = draft(&id);
    if tx.get(&key).await?.is_some() {
        return Err(rejected(RejectionCode::AlreadyExists, &key));
    }
    let payment = Entry {
        id,
        date: today,
        category,
        amount,
        note,
        contract: None,
        paid_out: Some(source.to_owned()),
        corrects: None,
        recorded_by: actor.member.clone(),
        recorded_at: now,
    };
    tx.put(&key, to_value(&payment)).await?;
    Ok(())
}

pub async fn withdraw_draft(
    tx: &mut impl Tx,
    _actor: &Actor,
    args: &WithdrawDraft,
    _now: Timestamp,
) -> Result<(), ApplyError> {
    let key = draft(&args.id);
    valid_id(&args.id, &key)?;
    let drafted: Entry = read(tx, &key).await?;
    if drafted.paid_out.is_some() {
        // The households' lines say it was paid; the ledger must too.
        return Err(rejected(RejectionCode::WrongStage, &key));
    }
    tx.del(&key).await?;
    Ok(())
}

pub async fn publish_period(
    tx: &mut impl Tx,
    actor: &Actor,
    args: &PublishPeriod,
    now: Timestamp,
) -> Result<(), ApplyError> {
    let key = period(args.month);
    // Only a month that is over: entries are still being dated in this one.
    if args.month >= Month::of(LocalTime::of(now).date) {
        return Err(rejected(RejectionCode::WrongStage, &key));
    }
    if tx.get(&key).await?.is_some() {
        return Err(rejected(RejectionCode::AlreadyExists, &key));
    }
    let mut drafts: Vec<Entry> = scan_records(tx, DRAFT_PREFIX).await?;
    drafts.retain(|draft| Month::of(draft.date) == args.month);
    let (mut income, mut expense, mut count) = (Fen::ZERO, Fen::ZERO, 0u32);
    for moved in drafts {
        if moved.category.is_income() {
            income = income + moved.amount;
        } else {
            expense = expense + moved.amount;
        }
        count += 1;
        tx.del(&draft(&moved.id)).await?;
        tx.put(&entry(args.month, &moved.id), to_value(&moved)).await?;
    }
    let published = Period {
        month: args.month,
        income,
        expense,
        entries: count,
        published_by: actor.member.clone(),
        published_at: now,
    };
    tx.put(&key, to_value(&published)).await?;
    Ok(())
}

/// The net (income up, expense down) of `month` after all corrections:
/// its own entries that correct nothing, and every correction, whenever
/// published, of one of its entries. `published` holds each published
/// entry with the month it was published in.
pub fn corrected_total(published: &[(Month, Entry)], month: Month) -> i64 {
    published
        .iter()
        .filter(|(published_in, entry)| match &entry.corrects {
            Some(corrected) => corrected.month == month,
            None => *published_in == month,
        })
        .map(|(_, entry)| entry.signed())
        .sum()
}

/// One category's sum over some entries.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CategoryTotal {
    pub category: Option<Category>,
    pub amount: i64,
    pub corrections: u32,
}

/// Income, expense and each category's sum over `entries`, corrections
/// counted in, in [`Category::ALL`]'s order (categories with no entry left out).
pub fn by_category<'a>(entries: impl IntoIterator<Item = &'a Entry>) -> Vec<CategoryTotal> {
    let mut totals: Vec<CategoryTotal> = Category::ALL
        .iter()
        .map(|category| CategoryTotal {
            category: Some(*category),
            ..CategoryTotal::default()
        })
        .collect();
    let mut any = [false; Category::ALL.len()];
    for entry in entries {
        let at = Category::ALL
            .iter()
            .position(|category| *category == entry.category)
            .expect("every category is listed");
        any[at] = true;
        totals[at].amount += entry.amount.0;
        totals[at].corrections += u32::from(entry.corrects.is_some());
    }
    totals
        .into_iter()
        .zip(any)
        .filter_map(|(total, seen)| seen.then_some(total))
        .collect()
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use proptest::prelude::*;
    use serde_json::Value;

    use super::*;
    use crate::role::Role;
    use crate::tx::{apply_changes, now_or_never, under_prefix, MemTx};

    /// One thing an officer may do to the ledger.
    #[derive(Clone, Debug)]
    enum Step {
        Record {
            id: u8,
            month: u8,
            day: u8,
            income: bool,
            amount: i64,
        },
        Correct {
            id: u8,
            of: u8,
            amount: i64,
        },
        Withdraw {
            id: u8,
        },
        Publish {
            month: u8,
        },
    }

    fn step() -> impl Strategy<Value = Step> {
        prop_oneof![
            (0u8..40, 1u8..=5, 1u8..=28, any::<bool>(), 1i64..1_000_000).prop_map(
                |(id, month, day, income, amount)| Step::Record {
                    id,
                    month,
                    day,
                    income,
                    amount
                }
            ),
            (0u8..40, 0u8..40, -500_000i64..500_000).prop_map(|(id, of, amount)| Step::Correct {
                id,
                of,
                amount
            }),
            (0u8..40).prop_map(|id| Step::Withdraw { id }),
            (1u8..=5).prop_map(|month| Step::Publish { month }),
        ]
    }

    fn month(month: u8) -> Month {
        Month { year: 2026, month }
    }

    fn run(records: &mut BTreeMap<String, Value>, step: &Step, now: Timestamp) {
        let officer = Actor::new("o1".parse().unwrap(), [Role::Officer]);
        let mut tx = MemTx::new(records);
        let outcome = match step {
            Step::Record {
                id,
                month: m,
                day,
                income,
                amount,
            } => now_or_never(record_entry(
                &mut tx,
                &officer,
                &RecordEntry {
                    id: format!("e{id}"),
                    date: Date::new(2026, *m, *day).unwrap(),
                    category: if *income {
                        Category::Investment
                    } else {
                        Category::PublicWorks
                    },
                    amount: Fen(*amount),
                    note: String::new(),
                    contract: None,
                    corrects: None,
                },
                now,
            )),
            Step::Correct { id, of, amount } => {
                // Correct whichever published entry `of` names, in its own category.
                let published: Vec<(Month, Entry)> = published_entries(records);
                let Some((in_month, original)) =
                    published.get(usize::from(*of) % published.len().max(1)).cloned()
                else {
                    return;
                };
                now_or_never(record_entry(
                    &mut tx,
                    &officer,
                    &RecordEntry {
                        id: format!("c{id}"),
                        date: Date::new(2026, 6, 1).unwrap(),
                        category: original.category,
                        amount: Fen(*amount),
                        note: "更正".into(),
                        contract: None,
                        corrects: Some(EntryRef {
                            month: in_month,
                            id: original.id,
                        }),
                    },
                    now,
                ))
            }
            Step::Withdraw { id } => now_or_never(withdraw_draft(
                &mut tx,
                &officer,
                &WithdrawDraft { id: format!("e{id}") },
                now,
            )),
            Step::Publish { month: m } => now_or_never(publish_period(
                &mut tx,
                &officer,
                &PublishPeriod { month: month(*m) },
                now,
            )),
        };
        if let Some(Ok(())) = outcome {
            let changes = tx.into_changes();
            apply_changes(records, changes);
        }
    }

    fn published_entries(records: &BTreeMap<String, Value>) -> Vec<(Month, Entry)> {
        under_prefix(records, ENTRY_PREFIX)
            .map(|(key, value)| {
                let month: Month = key[ENTRY_PREFIX.len()..ENTRY_PREFIX.len() + 7].parse().unwrap();
                (month, serde_json::from_value(value.clone()).unwrap())
            })
            .collect()
    }

    fn month_snapshot(records: &BTreeMap<String, Value>, m: Month) -> Vec<(String, Value)> {
        let entries = entries_of(m);
        under_prefix(records, &entries)
            .chain(records.get_key_value(&period(m)))
            .map(|(key, value)| (key.clone(), value.clone()))
            .collect()
    }

    proptest! {
        #[test]
        fn a_published_month_never_changes_and_corrections_count_against_it(
            steps in proptest::collection::vec(step(), 1..80),
        ) {
            // June 2026: January to May may be published; corrections are dated in June.
            let now = LocalTime { date: Date::new(2026, 6, 15).unwrap(), minute: 600 }.timestamp();
            let mut records = BTreeMap::new();
            let mut frozen: BTreeMap<Month, Vec<(String, Value)>> = BTreeMap::new();
            for step in &steps {
                run(&mut records, step, now);
                for m in (1..=5).map(month) {
                    if records.contains_key(&period(m)) {
                        let now_seen = month_snapshot(&records, m);
                        let first_seen = frozen.entry(m).or_insert_with(|| now_seen.clone());
                        prop_assert_eq!(&now_seen, first_seen, "published {} changed", m);
                    }
                }
            }
            // Publish June too, so that the corrections are public, then check the sums.
            let later = LocalTime { date: Date::new(2026, 7, 2).unwrap(), minute: 600 }.timestamp();
            run(&mut records, &Step::Publish { month: 6 }, later);
            let published = published_entries(&records);
            for m in frozen.keys() {
                let original: i64 = published
                    .iter()
                    .filter(|(in_month, entry)| in_month == m && entry.corrects.is_none())
                    .map(|(_, entry)| entry.signed())
                    .sum();
                let corrections: i64 = published
                    .iter()
                    .filter(|(_, entry)| entry.corrects.as_ref().is_some_and(|of| of.month == *m))
                    .map(|(_, entry)| entry.signed())
                    .sum();
                prop_assert_eq!(corrected_total(&published, *m), original + corrections);
                let totals: Period = serde_json::from_value(records[&period(*m)].clone()).unwrap();
                prop_assert_eq!(totals.income.0 - totals.expense.0, original);
            }
        }
    }

    #[test]
    fn a_draft_dated_in_a_published_month_is_refused_and_only_a_month_over_publishes() {
        let now = LocalTime {
            date: Date::new(2026, 3, 10).unwrap(),
            minute: 600,
        }
        .timestamp();
        let mut records = BTreeMap::new();
        run(
            &mut records,
            &Step::Record {
                id: 1,
                month: 2,
                day: 3,
                income: true,
                amount: 500,
            },
            now,
        );
        run(&mut records, &Step::Publish { month: 3 }, now);
        assert!(!records.contains_key(&period(month(3))), "March is not over");
        run(&mut records, &Step::Publish { month: 2 }, now);
        assert!(records.contains_key(&entry(month(2), "e1")));
        assert!(!records.contains_key(&draft("e1")));
        let officer = Actor::new("o1".parse().unwrap(), [Role::Officer]);
        let late = RecordEntry {
            id: "e2".into(),
            date: Date::new(2026, 2, 20).unwrap(),
            category: Category::OtherIncome,
            amount: Fen(100),
            note: String::new(),
            contract: None,
            corrects: None,
        };
        let mut tx = MemTx::new(&records);
        let refused = now_or_never(record_entry(&mut tx, &officer, &late, now)).unwrap();
        assert!(
            matches!(refused, Err(ApplyError::Rejected(rejection)) if rejection.code == RejectionCode::TooLate)
        );
        assert_eq!(Mu::parse("2.5"), Some(Mu(250)));
        assert_eq!(Mu::parse("2.555"), None);
    }
}
