//! The 15-minute service circle (15分钟便民生活圈): the service points within
//! a short walk — the family doctor, clinics, pharmacies, merchants with
//! offers for seniors, employment guidance — with their hours, phone,
//! address and what they offer, searched on the phone with no network; and
//! a member's family-doctor signing (家庭医生签约), which only they and the
//! officers read.
//!
//! ## Usage
//! ```
//! use linli_core::services::circle::{search_points, PointKind, ServicePoint};
//! let pharmacy = ServicePoint {
//!     id: "p1".into(), kind: PointKind::Pharmacy, name: "仁和大药房".into(), address: "喜悦路8号".into(),
//!     phone: String::new(), hours: "08:00–21:00".into(), offers: "60岁以上老人药品九折".into(), walk_minutes: 5,
//! };
//! assert_eq!(search_points(&[pharmacy], "药房").len(), 1);
//! ```

use serde::{Deserialize, Serialize};

use crate::calendar::{Date, LocalTime};
use crate::ids::MemberId;
use crate::members::{read, to_value};
use crate::rejection::{rejected, valid_id, ApplyError, RejectionCode};
use crate::role::{Actor, OFFICERS};
use crate::text;
use crate::time::Timestamp;
use crate::tx::Tx;

pub const POINT_PREFIX: &str = "svc/point/";
pub const DOCTOR_PREFIX: &str = "svc/doctor/";

pub const NAME_MAX_CHARS: usize = 60;
pub const TEXT_MAX_CHARS: usize = 300;
/// "15 minutes" is the promise; a point further than an hour's walk is not
/// in the circle.
pub const MAX_WALK_MINUTES: u16 = 60;

pub fn point(id: &str) -> String {
    format!("{POINT_PREFIX}{id}")
}

pub fn doctor(member: &MemberId) -> String {
    format!("{DOCTOR_PREFIX}{member}")
}

/// What a service point is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PointKind {
    FamilyDoctor,
    Clinic,
    Pharmacy,
    Merchant,
    Employment,
    Other,
}

impl PointKind {
    pub const ALL: [PointKind; 6] = [
        PointKind::FamilyDoctor,
        PointKind::Clinic,
        PointKind::Pharmacy,
        PointKind::Merchant,
        PointKind::Employment,
        PointKind::Other,
    ];
}

/// `svc/point/<id>` (and `upsertServicePoint`'s arguments).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ServicePoint {
    pub id: String,
    pub kind: PointKind,
    pub name: String,
    #[serde(default)]
    pub address: String,
    #[serde(default)]
    pub phone: String,
    /// As the point writes them: "周一至周五 08:00–17:30".
    #[serde(default)]
    pub hours: String,
    /// What it offers, offers for seniors included.
    #[serde(default)]
    pub offers: String,
    pub walk_minutes: u16,
}

/// `removeServicePoint`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RemoveServicePoint {
    pub id: String,
}

/// `signFamilyDoctor`: the member's own signing, or an officer's record of
/// another member's.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SignFamilyDoctor {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub member: Option<MemberId>,
    /// The family-doctor point the doctor works at.
    pub point: String,
    pub doctor: String,
    pub since: Date,
}

/// `svc/doctor/<member>`: whom the member signed with, and since when.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DoctorSigning {
    pub member: MemberId,
    pub point: String,
    pub doctor: String,
    pub since: Date,
    pub recorded_by: MemberId,
    pub recorded_at: Timestamp,
}

pub async fn upsert_point(
    tx: &mut impl Tx,
    _actor: &Actor,
    args: &ServicePoint,
    _now: Timestamp,
) -> Result<(), ApplyError> {
    let key = point(&args.id);
    valid_id(&args.id, &key)?;
    if args.walk_minutes == 0 || args.walk_minutes > MAX_WALK_MINUTES {
        return Err(rejected(RejectionCode::InvalidArgs, &key));
    }
    let phone = text::optional(&args.phone, 20, &key)?;
    if !phone.chars().all(|c| c.is_ascii_digit() || c == '-' || c == ' ') {
        return Err(rejected(RejectionCode::InvalidArgs, &key));
    }
    let saved = ServicePoint {
        id: args.id.clone(),
        kind: args.kind,
        name: text::required(&args.name, NAME_MAX_CHARS, &key)?,
        address: text::optional(&args.address, NAME_MAX_CHARS, &key)?,
        phone,
        hours: text::optional(&args.hours, NAME_MAX_CHARS, &key)?,
        offers: text::optional(&args.offers, TEXT_MAX_CHARS, &key)?,
        walk_minutes: args.walk_minutes,
    };
    tx.put(&key, to_value(&saved)).await?;
    Ok(())
}

pub async fn remove_point(
    tx: &mut impl Tx,
    _actor: &Actor,
    args: &RemoveServicePoint,
    _now: Timestamp,
) -> Result<(), ApplyError> {
    let key = point(&args.id);
    valid_id(&args.id, &key)?;
    if tx.get(&key).await?.is_none() {
        return Err(rejected(RejectionCode::NotFound, &key));
    }
    tx.del(&key).await?;
    Ok(())
}

pub async fn sign_family_doctor(
    tx: &mut impl Tx,
    actor: &Actor,
    args: &SignFamilyDoctor,
    now: Timestamp,
) -> Result<(), ApplyError> {
    let member = match &args.member {
        Some(other) if *other != actor.member && !actor.has_any(&OFFICERS) => {
            return Err(rejected(RejectionCode::Forbidden, DOCTOR_PREFIX));
        }
        Some(other) => other.clone(),
        None => actor.member.clone(),
    };
    let key = doctor(&member);
    valid_id(&args.point, &key)?;
    let at: ServicePoint = read(tx, &point(&args.point)).await?;
    if at.kind != PointKind::FamilyDoctor || args.since > LocalTime::of(now).date {
        return Err(rejected(RejectionCode::InvalidArgs, &key));
    }
    if tx.get(&crate::keys::member(&member)).await?.is_none() {
        return Err(rejected(RejectionCode::NotFound, &key));
    }
    let signing = DoctorSigning {
        member,
        point: args.point.clone(),
        doctor: text::required(&args.doctor, NAME_MAX_CHARS, &key)?,
        since: args.since,
        recorded_by: actor.member.clone(),
        recorded_at: now,
    };
    tx.put(&key, to_value(&signing)).await?;
    Ok(())
}

/// The points matching `query` (Chinese by two-character pieces, as the
/// policies are searched), best first, nearest first among equals; every
/// point, nearest first, for an empty query.
pub fn search_points<'a>(points: &'a [ServicePoint], query: &str) -> Vec<&'a ServicePoint> {
    let terms = super::policies::terms(query);
    let mut found: Vec<(u32, &ServicePoint)> = points
        .iter()
        .filter_map(|point| {
            if terms.is_empty() {
                return Some((0, point));
            }
            let body = format!("{} {} {}", point.offers, point.address, point.hours);
            let score = super::policies::score(&terms, &point.name, &body);
            (score > 0).then_some((score, point))
        })
        .collect();
    found.sort_by_key(|(score, point)| (std::cmp::Reverse(*score), point.walk_minutes));
    found.into_iter().map(|(_, point)| point).collect()
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::role::Role;
    use crate::tx::{now_or_never, MemTx};

    fn place(id: &str, kind: PointKind, name: &str, offers: &str, walk_minutes: u16) -> ServicePoint {
        ServicePoint {
            id: id.into(),
            kind,
            name: name.into(),
            address: String::new(),
            phone: String::new(),
            hours: String::new(),
            offers: offers.into(),
            walk_minutes,
        }
    }

    #[test]
    fn a_search_finds_by_name_and_offer_best_then_nearest() {
        let points = [
            place("far", PointKind::Pharmacy, "康宁药店", "送药上门", 14),
            place("near", PointKind::Pharmacy, "仁和药店", "老人九折", 4),
            place("shop", PointKind::Merchant, "乐购超市", "老人每周二鸡蛋特价", 8),
        ];
        let ids = |query| {
            search_points(&points, query)
                .iter()
                .map(|point| point.id.as_str())
                .collect::<Vec<_>>()
        };
        assert_eq!(ids("药店"), ["near", "far"]);
        assert_eq!(ids("老人"), ["near", "shop"]);
        assert_eq!(ids(""), ["near", "shop", "far"]);
        assert!(ids("停车").is_empty());
    }

    #[test]
    fn a_signing_is_with_a_family_doctor_point_and_another_members_is_an_officers_to_record() {
        let mut records = BTreeMap::new();
        records.insert(
            point("clinic"),
            to_value(&place("clinic", PointKind::FamilyDoctor, "社区卫生服务站", "", 5)),
        );
        records.insert(
            point("shop"),
            to_value(&place("shop", PointKind::Merchant, "超市", "", 5)),
        );
        records.insert("member/m1".to_owned(), serde_json::json!({}));
        let resident = Actor::new("m1".parse().unwrap(), [Role::Resident]);
        let officer = Actor::new("o1".parse().unwrap(), [Role::Officer]);
        let signing = |member: Option<&str>, at: &str| SignFamilyDoctor {
            member: member.map(|member| member.parse().unwrap()),
            point: at.into(),
            doctor: "王建华".into(),
            since: Date::new(2025, 3, 1).unwrap(),
        };
        let now = LocalTime {
            date: Date::new(2026, 3, 2).unwrap(),
            minute: 600,
        }
        .timestamp();
        let attempt = |actor: &Actor, args: SignFamilyDoctor| {
            let mut tx = MemTx::new(&records);
            now_or_never(sign_family_doctor(&mut tx, actor, &args, now))
                .unwrap()
                .map(|()| tx.into_changes())
        };
        assert!(
            attempt(&resident, signing(None, "shop")).is_err(),
            "a supermarket has no family doctor"
        );
        assert!(
            attempt(&resident, signing(Some("m2"), "clinic")).is_err(),
            "another member's"
        );
        let changes = attempt(&officer, signing(Some("m1"), "clinic")).unwrap();
        let saved: DoctorSigning =
            serde_json::from_value(changes[&doctor(&"m1".parse().unwrap())].clone().unwrap()).unwrap();
        assert_eq!(
            (saved.doctor.as_str(), saved.recorded_by.as_str()),
            ("王建华", "o1")
        );
        assert!(attempt(&resident, signing(None, "clinic")).is_ok());
    }
}
