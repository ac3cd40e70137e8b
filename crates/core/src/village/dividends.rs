//! Paying the collective's income out to households: dividends (分红) by a
//! rule the committee approves, and insurance subsidies (医保补贴 per
//! registered member, 防贫保险 premiums for households marked key), each
//! household's share a line only it and the officers read
//! (`vil/line/<household>/<source>`), acknowledged by its head in the app.
//!
//! A share never loses or invents a fen: [`shares`] gives each household
//! its whole fen and hands the fen left over one each to the largest
//! remainders, so the lines always add up to the total.
//!
//! ## Usage
//! ```
//! use linli_core::village::dividends::shares;
//! use linli_core::canteen::Fen;
//! // ¥100.00 among three equal households: 33.34 + 33.33 + 33.33.
//! let lines = shares(Fen(10_000), &[("a".into(), 1), ("b".into(), 1), ("c".into(), 1)]);
//! assert_eq!(lines.iter().map(|(_, fen)| fen.0).sum::<i64>(), 10_000);
//! assert_eq!(lines[0], ("a".to_owned(), Fen(3_334)));
//! ```

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::ledger::{self, Category, Parcel, MAX_ENTRY};
use crate::calendar::LocalTime;
use crate::canteen::money::Fen;
use crate::ids::MemberId;
use crate::keys::household_key;
use crate::members::{read, to_value};
use crate::rejection::{rejected, valid_id, ApplyError, RejectionCode};
use crate::role::Actor;
use crate::rules::records::{Voter, VOTER_PREFIX};
use crate::text;
use crate::time::Timestamp;
use crate::tx::{scan_records, Tx};

pub const DISTRIBUTION_PREFIX: &str = "vil/dist/";
pub const SUBSIDY_PREFIX: &str = "vil/subsidy/";
pub const LINE_PREFIX: &str = "vil/line/";
pub const HOUSEHOLD_PREFIX: &str = "vil/household/";

pub fn distribution(id: &str) -> String {
    format!("{DISTRIBUTION_PREFIX}{id}")
}

pub fn subsidy(id: &str) -> String {
    format!("{SUBSIDY_PREFIX}{id}")
}

/// A household's lines, under its key.
pub fn lines_of(household: &str) -> String {
    format!("{LINE_PREFIX}{}/", household_key(household))
}

pub fn line(household: &str, source: &str) -> String {
    format!("{}{source}", lines_of(household))
}

pub fn household(name: &str) -> String {
    format!("{HOUSEHOLD_PREFIX}{}", household_key(name))
}

/// How a distribution is shared.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ShareRule {
    /// By the members each household has on the register.
    PerMember,
    /// The same to every household.
    PerHousehold,
    /// By the mu of contract rights each household holds.
    PerMu,
}

impl ShareRule {
    pub const ALL: [ShareRule; 3] = [ShareRule::PerMember, ShareRule::PerHousehold, ShareRule::PerMu];
}

/// `total` shared by `weights` (household, weight): each household gets the
/// whole fen of its exact share, and the fen left over go one each to the
/// largest remainders (ties to the household first by name), so the shares
/// add up to `total` exactly. Households of weight 0 are left out.
pub fn shares(total: Fen, weights: &[(String, u64)]) -> Vec<(String, Fen)> {
    let weighed: Vec<&(String, u64)> = weights.iter().filter(|(_, weight)| *weight > 0).collect();
    let sum: u128 = weighed.iter().map(|(_, weight)| u128::from(*weight)).sum();
    if sum == 0 || total.0 <= 0 {
        return Vec::new();
    }
    let total_fen = total.0 as u128;
    let mut lines: Vec<(String, u128, u128)> = weighed
        .iter()
        .map(|(household, weight)| {
            let exact = total_fen * u128::from(*weight);
            (household.clone(), exact / sum, exact % sum)
        })
        .collect();
    let given: u128 = lines.iter().map(|(_, whole, _)| whole).sum();
    let mut left = total_fen - given;
    let mut by_remainder: Vec<usize> = (0..lines.len()).collect();
    by_remainder.sort_by(|a, b| {
        lines[*b]
            .2
            .cmp(&lines[*a].2)
            .then_with(|| lines[*a].0.cmp(&lines[*b].0))
    });
    for at in by_remainder {
        if left == 0 {
            break;
        }
        lines[at].1 += 1;
        left -= 1;
    }
    lines
        .into_iter()
        .map(|(household, fen, _)| (household, Fen(fen as i64)))
        .collect()
}

/// The register's entries of members who have not left: who a household
/// counts, is paid for and can confirm by.
pub async fn registered(tx: &mut impl Tx) -> Result<Vec<Voter>, ApplyError> {
    let departed = crate::members::departed_members(tx).await?;
    let mut voters: Vec<Voter> = scan_records(tx, VOTER_PREFIX).await?;
    voters.retain(|voter| !departed.contains(&voter.member));
    Ok(voters)
}

/// The register's households with their members, by name.
pub fn households(voters: &[Voter]) -> BTreeMap<String, Vec<MemberId>> {
    let mut households: BTreeMap<String, Vec<MemberId>> = BTreeMap::new();
    for voter in voters {
        households
            .entry(voter.household.clone())
            .or_default()
            .push(voter.member.clone());
    }
    households
}

/// Each household's weight under `rule`, from the register and the parcels.
pub fn weights(rule: ShareRule, voters: &[Voter], parcels: &[Parcel]) -> Vec<(String, u64)> {
    match rule {
        ShareRule::PerMember => households(voters)
            .into_iter()
            .map(|(household, members)| (household, members.len() as u64))
            .collect(),
        ShareRule::PerHousehold => households(voters)
            .into_keys()
            .map(|household| (household, 1))
            .collect(),
        ShareRule::PerMu => {
            let mut held: BTreeMap<String, u64> = BTreeMap::new();
            for parcel in parcels {
                *held.entry(parcel.household.clone()).or_default() += u64::from(parcel.area.0);
            }
            held.into_iter().collect()
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DistributionStatus {
    /// Drafted by an officer, waiting for the committee.
    Drafted,
    /// Approved: every household's line is written.
    Approved,
    /// Paid out: the lines are paid and the ledger has the payment.
    Paid,
}

/// `vil/dist/<id>`: a dividend distribution, read by everyone; each
/// household's share is in its own line.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Distribution {
    pub id: String,
    pub title: String,
    pub year: i32,
    pub total: Fen,
    pub rule: ShareRule,
    pub status: DistributionStatus,
    pub drafted_by: MemberId,
    pub drafted_at: Timestamp,
    #[serde(default)]
    pub approved_by: Option<MemberId>,
    #[serde(default)]
    pub approved_at: Option<Timestamp>,
    #[serde(default)]
    pub paid_at: Option<Timestamp>,
    /// Households with a line, and how many heads acknowledged theirs.
    #[serde(default)]
    pub households: u32,
    #[serde(default)]
    pub acknowledged: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SubsidyKind {
    /// 医保补贴: the same to every registered member.
    MedicalInsurance,
    /// 防贫保险: a premium for every household marked key.
    AntiPoverty,
}

impl SubsidyKind {
    pub fn category(self) -> Category {
        match self {
            SubsidyKind::MedicalInsurance => Category::MedicalSubsidy,
            SubsidyKind::AntiPoverty => Category::AntiPovertyInsurance,
        }
    }
}

/// `vil/subsidy/<id>`: a subsidy paid for households, read by everyone in
/// totals; who got it is in the households' lines.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Subsidy {
    pub id: String,
    pub kind: SubsidyKind,
    pub year: i32,
    /// Per member or per household.
    pub each: Fen,
    pub total: Fen,
    pub households: u32,
    pub acknowledged: u32,
    pub paid_by: MemberId,
    pub paid_at: Timestamp,
}

/// Where a household's line comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LineKind {
    Dividend,
    MedicalInsurance,
    AntiPoverty,
}

/// `vil/line/<household>/<source>`: one household's share of a
/// distribution or subsidy.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HouseholdLine {
    pub household: String,
    pub source: String,
    pub kind: LineKind,
    pub year: i32,
    pub amount: Fen,
    /// What the share was counted on: members, 1, or hundredths of a mu.
    pub basis: u64,
    #[serde(default)]
    pub paid_at: Option<Timestamp>,
    #[serde(default)]
    pub acknowledged_by: Option<MemberId>,
    #[serde(default)]
    pub acknowledged_at: Option<Timestamp>,
}

/// `vil/household/<household>`: what officers mark about a household.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HouseholdMark {
    pub household: String,
    /// A key household for anti-poverty monitoring (防贫监测户).
    pub key: bool,
    pub marked_by: MemberId,
    pub marked_at: Timestamp,
}

/// `draftDistribution`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DraftDistribution {
    pub id: String,
    pub title: String,
    pub year: i32,
    pub total: Fen,
    pub rule: ShareRule,
}

/// `approveDistribution`, `payDistribution`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DistributionRef {
    pub id: String,
}

/// `paySubsidy`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PaySubsidy {
    pub id: String,
    pub kind: SubsidyKind,
    pub year: i32,
    pub each: Fen,
}

/// `markKeyHousehold`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MarkKeyHousehold {
    pub household: String,
    pub key: bool,
}

/// `acknowledgeLine`: the household head confirms the household got it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AcknowledgeLine {
    pub source: String,
}

fn plausible_year(year: i32, now: Timestamp) -> bool {
    let this_year = LocalTime::of(now).date.year();
    (this_year - 30..=this_year + 1).contains(&year)
}

pub async fn draft_distribution(
    tx: &mut impl Tx,
    actor: &Actor,
    args: &DraftDistribution,
    now: Timestamp,
) -> Result<(), ApplyError> {
    let key = distribution(&args.id);
    valid_id(&args.id, &key)?;
    // A household's line is filed by its source's id: one id, one source.
    if tx.get(&subsidy(&args.id)).await?.is_some() {
        return Err(rejected(RejectionCode::AlreadyExists, &key));
    }
    if args.total <= Fen::ZERO || args.total > MAX_ENTRY || !plausible_year(args.year, now) {
        return Err(rejected(RejectionCode::InvalidArgs, &key));
    }
    if let Some(existing) = tx.get(&key).await? {
        let existing: Distribution =
            serde_json::from_value(existing).map_err(|_| rejected(RejectionCode::AlreadyExists, &key))?;
        if existing.status != DistributionStatus::Drafted {
            return Err(rejected(RejectionCode::WrongStage, &key));
        }
    }
    let drafted = Distribution {
        id: args.id.clone(),
        title: text::required(&args.title, ledger::NAME_MAX_CHARS, &key)?,
        year: args.year,
        total: args.total,
        rule: args.rule,
        status: DistributionStatus::Drafted,
        drafted_by: actor.member.clone(),
        drafted_at: now,
        approved_by: None,
        approved_at: None,
        paid_at: None,
        households: 0,
        acknowledged: 0,
    };
    tx.put(&key, to_value(&drafted)).await?;
    Ok(())
}

/// What each household would get from `distribution` by the register and
/// parcels in `tx` now: what approval writes, and the officers' preview.
pub async fn lines_for(
    tx: &mut impl Tx,
    rule: ShareRule,
    total: Fen,
) -> Result<Vec<(String, Fen, u64)>, ApplyError> {
    let voters = registered(tx).await?;
    let mut parcels: Vec<Parcel> = scan_records(tx, ledger::PARCEL_PREFIX).await?;
    // Land of a household no one registered is left in is no one's to be paid for.
    parcels.retain(|parcel| voters.iter().any(|voter| voter.household == parcel.household));
    let weights = weights(rule, &voters, &parcels);
    let basis: BTreeMap<&String, u64> = weights
        .iter()
        .map(|(household, weight)| (household, *weight))
        .collect();
    Ok(shares(total, &weights)
        .into_iter()
        .map(|(household, amount)| {
            let weight = basis[&household];
            (household, amount, weight)
        })
        .collect())
}

/// The distribution `id` with its key, refused unless it is at `stage`.
async fn distribution_at(
    tx: &mut impl Tx,
    id: &str,
    stage: DistributionStatus,
) -> Result<(String, Distribution), ApplyError> {
    let key = distribution(id);
    valid_id(id, &key)?;
    let found: Distribution = read(tx, &key).await?;
    if found.status != stage {
        return Err(rejected(RejectionCode::WrongStage, &key));
    }
    Ok((key, found))
}

pub async fn approve_distribution(
    tx: &mut impl Tx,
    actor: &Actor,
    args: &DistributionRef,
    now: Timestamp,
) -> Result<(), ApplyError> {
    let (key, mut approved) = distribution_at(tx, &args.id, DistributionStatus::Drafted).await?;
    // The committee approves what one of its members drafted: never the
    // drafter alone.
    if approved.drafted_by == actor.member {
        return Err(rejected(RejectionCode::Forbidden, &key));
    }
    let lines = lines_for(tx, approved.rule, approved.total).await?;
    if lines.is_empty() {
        return Err(rejected(RejectionCode::NotFound, &key));
    }
    for (household, amount, basis) in &lines {
        let share = HouseholdLine {
            household: household.clone(),
            source: approved.id.clone(),
            kind: LineKind::Dividend,
            year: approved.year,
            amount: *amount,
            basis: *basis,
            paid_at: None,
            acknowledged_by: None,
            acknowledged_at: None,
        };
        tx.put(&line(household, &approved.id), to_value(&share)).await?;
    }
    approved.status = DistributionStatus::Approved;
    approved.approved_by = Some(actor.member.clone());
    approved.approved_at = Some(now);
    approved.households = lines.len() as u32;
    tx.put(&key, to_value(&approved)).await?;
    Ok(())
}

pub async fn pay_distribution(
    tx: &mut impl Tx,
    actor: &Actor,
    args: &DistributionRef,
    now: Timestamp,
) -> Result<(), ApplyError> {
    let (key, mut paid) = distribution_at(tx, &args.id, DistributionStatus::Approved).await?;
    let lines: Vec<(String, serde_json::Value)> = tx.scan(LINE_PREFIX).await?;
    for (line_key, value) in lines {
        let Ok(mut share) = serde_json::from_value::<HouseholdLine>(value) else {
            continue;
        };
        if share.source == paid.id {
            share.paid_at = Some(now);
            tx.put(&line_key, to_value(&share)).await?;
        }
    }
    let note = format!("{} {}", paid.year, paid.title);
    ledger::record_payment(tx, actor, Category::Dividend, &paid.id, paid.total, note, now).await?;
    paid.status = DistributionStatus::Paid;
    paid.paid_at = Some(now);
    tx.put(&key, to_value(&paid)).await?;
    Ok(())
}

pub async fn mark_key_household(
    tx: &mut impl Tx,
    actor: &Actor,
    args: &MarkKeyHousehold,
    now: Timestamp,
) -> Result<(), ApplyError> {
    let key = household(&args.household);
    if !ledger::household_exists(tx, &args.household).await? {
        return Err(rejected(RejectionCode::NotFound, &key));
    }
    let mark = HouseholdMark {
        household: args.household.clone(),
        key: args.key,
        marked_by: actor.member.clone(),
        marked_at: now,
    };
    tx.put(&key, to_value(&mark)).await?;
    Ok(())
}

pub async fn pay_subsidy(
    tx: &mut impl Tx,
    actor: &Actor,
    args: &PaySubsidy,
    now: Timestamp,
) -> Result<(), ApplyError> {
    let key = subsidy(&args.id);
    valid_id(&args.id, &key)?;
    if args.each <= Fen::ZERO || args.each > Fen::MAX_TOP_UP || !plausible_year(args.year, now) {
        return Err(rejected(RejectionCode::InvalidArgs, &key));
    }
    if tx.get(&key).await?.is_some() || tx.get(&distribution(&args.id)).await?.is_some() {
        return Err(rejected(RejectionCode::AlreadyExists, &key));
    }
    let voters = registered(tx).await?;
    let mut marks: Vec<HouseholdMark> = scan_records(tx, HOUSEHOLD_PREFIX).await?;
    marks.retain(|mark| voters.iter().any(|voter| voter.household == mark.household));
    let paid_for: Vec<(String, u64)> = match args.kind {
        SubsidyKind::MedicalInsurance => households(&voters)
            .into_iter()
            .map(|(household, members)| (household, members.len() as u64))
            .collect(),
        SubsidyKind::AntiPoverty => marks
            .iter()
            .filter(|mark| mark.key)
            .map(|mark| (mark.household.clone(), 1))
            .collect(),
    };
    if paid_for.is_empty() {
        return Err(rejected(RejectionCode::NotFound, &key));
    }
    let mut total = Fen::ZERO;
    for (household, count) in &paid_for {
        let amount = Fen(args.each.0 * *count as i64);
        total = total + amount;
        let share = HouseholdLine {
            household: household.clone(),
            source: args.id.clone(),
            kind: match args.kind {
                SubsidyKind::MedicalInsurance => LineKind::MedicalInsurance,
                SubsidyKind::AntiPoverty => LineKind::AntiPoverty,
            },
            year: args.year,
            amount,
            basis: *count,
            paid_at: Some(now),
            acknowledged_by: None,
            acknowledged_at: None,
        };
        tx.put(&line(household, &args.id), to_value(&share)).await?;
    }
    if total > MAX_ENTRY {
        return Err(rejected(RejectionCode::InvalidArgs, &key));
    }
    let note = format!("{} {}", args.year, args.id);
    ledger::record_payment(tx, actor, args.kind.category(), &args.id, total, note, now).await?;
    let paid = Subsidy {
        id: args.id.clone(),
        kind: args.kind,
        year: args.year,
        each: args.each,
        total,
        households: paid_for.len() as u32,
        acknowledged: 0,
        paid_by: actor.member.clone(),
        paid_at: now,
    };
    tx.put(&key, to_value(&paid)).await?;
    Ok(())
}

pub async fn acknowledge_line(
    tx: &mut impl Tx,
    actor: &Actor,
    args: &AcknowledgeLine,
    now: Timestamp,
) -> Result<(), ApplyError> {
    valid_id(&args.source, LINE_PREFIX)?;
    let voter: Voter = read(tx, &crate::rules::records::voter(&actor.member))
        .await
        .map_err(|_| rejected(RejectionCode::NotEligible, LINE_PREFIX))?;
    let key = line(&voter.household, &args.source);
    if !voter.household_head {
        return Err(rejected(RejectionCode::NotEligible, &key));
    }
    let mut share: HouseholdLine = read(tx, &key).await?;
    if share.paid_at.is_none() {
        return Err(rejected(RejectionCode::WrongStage, &key));
    }
    if share.acknowledged_at.is_some() {
        return Err(rejected(RejectionCode::AlreadyExists, &key));
    }
    share.acknowledged_by = Some(actor.member.clone());
    share.acknowledged_at = Some(now);
    tx.put(&key, to_value(&share)).await?;
    // The public count of households that confirmed.
    if share.kind == LineKind::Dividend {
        let source_key = distribution(&args.source);
        let mut counted: Distribution = read(tx, &source_key).await?;
        counted.acknowledged += 1;
        tx.put(&source_key, to_value(&counted)).await?;
    } else {
        let source_key = subsidy(&args.source);
        let mut counted: Subsidy = read(tx, &source_key).await?;
        counted.acknowledged += 1;
        tx.put(&source_key, to_value(&counted)).await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::village::ledger::Mu;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn the_shares_always_add_up_to_the_total(
            total in 1i64..=MAX_ENTRY.0,
            weights in proptest::collection::vec(0u64..=10_000_000, 1..200),
        ) {
            let named: Vec<(String, u64)> = weights
                .iter()
                .enumerate()
                .map(|(n, weight)| (format!("{n:03}"), *weight))
                .collect();
            let lines = shares(Fen(total), &named);
            if weights.iter().all(|weight| *weight == 0) {
                prop_assert!(lines.is_empty());
            } else {
                prop_assert_eq!(lines.iter().map(|(_, fen)| fen.0).sum::<i64>(), total);
                let sum: u128 = weights.iter().map(|weight| u128::from(*weight)).sum();
                for (household, fen) in &lines {
                    let weight = named.iter().find(|(name, _)| name == household).unwrap().1;
                    let exact = total as u128 * u128::from(weight);
                    // Never more than a fen from the exact share.
                    prop_assert!(fen.0 as u128 * sum >= exact - exact % sum);
                    prop_assert!((fen.0 as u128) <= exact / sum + 1);
                    prop_assert!(weight > 0);
                }
            }
        }
    }

    proptest! {
        #[test]
        fn every_rule_shares_any_register_to_the_fen(
            total in 1i64..=MAX_ENTRY.0,
            members in proptest::collection::vec(0usize..30, 1..120),
            parcels in proptest::collection::vec((0usize..30, 1u32..=500_000), 0..60),
        ) {
            let voters: Vec<Voter> = members
                .iter()
                .enumerate()
                .map(|(n, household)| Voter {
                    member: format!("m{n}").parse().unwrap(),
                    birth_date: crate::calendar::Date::new(1970, 1, 1).unwrap(),
                    household: format!("{household}号"),
                    household_head: false,
                })
                .collect();
            let parcels: Vec<Parcel> = parcels
                .iter()
                .enumerate()
                .map(|(n, (household, area))| Parcel {
                    id: format!("p{n}"),
                    household: format!("{household}号"),
                    name: "地".into(),
                    area: Mu(*area),
                    contract: None,
                })
                .collect();
            for rule in ShareRule::ALL {
                let lines = shares(Fen(total), &weights(rule, &voters, &parcels));
                let households: std::collections::BTreeSet<&String> = lines.iter().map(|(household, _)| household).collect();
                prop_assert_eq!(households.len(), lines.len(), "one line a household");
                if rule != ShareRule::PerMu || !parcels.is_empty() {
                    prop_assert_eq!(lines.iter().map(|(_, fen)| fen.0).sum::<i64>(), total, "{:?}", rule);
                }
            }
        }
    }

    #[test]
    fn a_member_who_left_is_neither_shared_to_nor_paid_for() {
        use crate::members::{to_value, MemberRecord};
        use crate::tx::{now_or_never, MemTx};
        let voter = |member: &str, household: &str| Voter {
            member: member.parse().unwrap(),
            birth_date: crate::calendar::Date::new(1960, 1, 1).unwrap(),
            household: household.into(),
            household_head: false,
        };
        let record = |member: &str, active: bool| MemberRecord {
            id: member.parse().unwrap(),
            name: member.into(),
            roles: vec![crate::role::Role::Resident],
            active,
            left_at: None,
        };
        let mut records = std::collections::BTreeMap::new();
        for (member, household, active) in [
            ("a1", "1号", true),
            ("a2", "1号", false),
            ("b1", "2号", true),
            ("c1", "3号", false),
        ] {
            records.insert(
                crate::rules::records::voter(&member.parse().unwrap()),
                to_value(&voter(member, household)),
            );
            records.insert(
                crate::keys::member(&member.parse().unwrap()),
                to_value(&record(member, active)),
            );
        }
        let mut tx = MemTx::new(&records);
        let lines = now_or_never(lines_for(&mut tx, ShareRule::PerMember, Fen(300)))
            .unwrap()
            .unwrap();
        // 3号's only member left: no line; 1号 counts one member, not two.
        assert_eq!(
            lines,
            [("1号".to_owned(), Fen(150), 1), ("2号".to_owned(), Fen(150), 1)]
        );
    }

    #[test]
    fn the_rules_weigh_members_households_and_mu() {
        let voter = |member: &str, household: &str| Voter {
            member: member.parse().unwrap(),
            birth_date: crate::calendar::Date::new(1960, 1, 1).unwrap(),
            household: household.into(),
            household_head: false,
        };
        let voters = [voter("a1", "1号"), voter("a2", "1号"), voter("b1", "2号")];
        let parcel = |household: &str, area: u32| Parcel {
            id: format!("p{area}"),
            household: household.into(),
            name: "东滩".into(),
            area: Mu(area),
            contract: None,
        };
        let parcels = [parcel("2号", 350), parcel("2号", 150)];
        assert_eq!(
            weights(ShareRule::PerMember, &voters, &parcels),
            [("1号".to_owned(), 2), ("2号".to_owned(), 1)]
        );
        assert_eq!(
            weights(ShareRule::PerHousehold, &voters, &parcels),
            [("1号".to_owned(), 1), ("2号".to_owned(), 1)]
        );
        assert_eq!(
            weights(ShareRule::PerMu, &voters, &parcels),
            [("2号".to_owned(), 500)]
        );
        // ¥1.00 by members: 67 + 33 (the fen left over to the larger remainder).
        let per_member = shares(Fen(100), &weights(ShareRule::PerMember, &voters, &parcels));
        assert_eq!(
            per_member,
            [("1号".to_owned(), Fen(67)), ("2号".to_owned(), Fen(33))]
        );
    }
}
