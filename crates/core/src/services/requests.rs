//! Appointments and home services (预约上门, 代办, 代缴, 入户认证, 代购):
//! the catalogue, a resident's request (or one made for them, recorded as
//! entered by whoever made it), the staff's confirmed time and volunteer,
//! the volunteer's report (for a purchase: the items, the amount spent and
//! the receipt, settled from the balance or in cash: a balance is charged
//! when the resident confirms), and the resident's confirmation with feedback. Every step is on the request's timeline.

use serde::{Deserialize, Serialize};

use super::records::{
    self, Feedback, PreferredTime, Purchase, RequestStatus, RequestStep, Service, ServiceKind,
    ServiceRequest, Settlement,
};
use super::{ON_BEHALF, SERVICE_STAFF};
use crate::calendar::LocalTime;
use crate::ids::MemberId;
use crate::members::{read, to_value};
use crate::rejection::{rejected, valid_id, ApplyError, RejectionCode};
use crate::role::Actor;
use crate::text;
use crate::time::{Timestamp, DAY_MS, MINUTE_MS};
use crate::tx::Tx;

pub const NAME_MAX_CHARS: usize = 40;
pub const NOTE_MAX_CHARS: usize = 500;
pub const ADDRESS_MAX_CHARS: usize = 120;
pub const PHONE_MAX_CHARS: usize = 20;
/// Times a resident may offer.
pub const MAX_PREFERRED: usize = 5;
/// How far ahead a request or an appointment may be.
pub const MAX_DAYS_AHEAD: i64 = 60;
/// How far a volunteer's device clock may run ahead of the server's.
const CLOCK_SKEW_MS: i64 = 5 * MINUTE_MS;
/// The longest one home service may count for.
const MAX_SERVICE_MS: i64 = 12 * 60 * MINUTE_MS;

/// `requestService`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RequestService {
    pub id: String,
    pub service: String,
    /// For another member (a volunteer, grid worker or officer only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub member: Option<MemberId>,
    pub preferred: Vec<PreferredTime>,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub address: String,
    #[serde(default)]
    pub phone: String,
}

/// `confirmService`: the staff's time, and the volunteer who goes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ConfirmService {
    pub member: MemberId,
    pub id: String,
    pub scheduled_at: Timestamp,
    #[serde(default)]
    pub volunteer: Option<MemberId>,
}

/// `completeService`: the volunteer's report.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CompleteService {
    pub member: MemberId,
    pub id: String,
    pub started_at: Timestamp,
    pub ended_at: Timestamp,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub purchase: Option<Purchase>,
}

/// `closeServiceRequest`: the resident confirms it was done.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CloseServiceRequest {
    pub id: String,
    #[serde(default)]
    pub feedback: Option<Feedback>,
}

/// `cancelServiceRequest`, by the resident or whoever may act for them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CancelServiceRequest {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub member: Option<MemberId>,
    pub id: String,
}

pub async fn upsert_service(
    tx: &mut impl Tx,
    _actor: &Actor,
    args: &Service,
    _now: Timestamp,
) -> Result<(), ApplyError> {
    let key = records::service(&args.id);
    valid_id(&args.id, &key)?;
    let service = Service {
        id: args.id.clone(),
        name_zh: text::required(&args.name_zh, NAME_MAX_CHARS, &key)?,
        name_en: text::optional(&args.name_en, NAME_MAX_CHARS, &key)?,
        kind: args.kind,
        bring: text::optional(&args.bring, NOTE_MAX_CHARS, &key)?,
        provider: text::optional(&args.provider, NAME_MAX_CHARS, &key)?,
        at_home: args.at_home,
        active: args.active,
    };
    tx.put(&key, to_value(&service)).await?;
    Ok(())
}

/// The member a request is for, and whether the actor may act for them.
fn for_member(actor: &Actor, member: &Option<MemberId>, target: &str) -> Result<MemberId, ApplyError> {
    match member {
        Some(other) if *other != actor.member && !actor.has_any(&ON_BEHALF) => {
            Err(rejected(RejectionCode::Forbidden, target))
        }
        Some(other) => Ok(other.clone()),
        None => Ok(actor.member.clone()),
    }
}

pub async fn request_service(
    tx: &mut impl Tx,
    actor: &Actor,
    args: &RequestService,
    now: Timestamp,
) -> Result<(), ApplyError> {
    let member = for_member(actor, &args.member, records::REQUEST_PREFIX)?;
    let key = records::request(&member, &args.id);
    valid_id(&args.id, &key)?;
    valid_id(&args.service, records::SERVICE_PREFIX)?;
    if tx.get(&crate::keys::member(&member)).await?.is_none() {
        return Err(rejected(RejectionCode::NotFound, &key));
    }
    let service: Service = read(tx, &records::service(&args.service)).await?;
    if !service.active {
        return Err(rejected(RejectionCode::WrongStage, &key));
    }
    let today = LocalTime::of(now).date;
    let times_ok = !args.preferred.is_empty()
        && args.preferred.len() <= MAX_PREFERRED
        && args.preferred.iter().all(|time| {
            time.date >= today
                && today.days_until(time.date) <= MAX_DAYS_AHEAD
                && time.from < time.until
                && time.until <= 24 * 60
        });
    if !times_ok {
        return Err(rejected(RejectionCode::InvalidArgs, &key));
    }
    if tx.get(&key).await?.is_some() {
        return Err(rejected(RejectionCode::AlreadyExists, &key));
    }
    let address = if service.at_home {
        text::required(&args.address, ADDRESS_MAX_CHARS, &key)?
    } else {
        text::optional(&args.address, ADDRESS_MAX_CHARS, &key)?
    };
    let phone = text::optional(&args.phone, PHONE_MAX_CHARS, &key)?;
    if !phone.chars().all(|c| c.is_ascii_digit() || c == '-' || c == ' ') {
        return Err(rejected(RejectionCode::InvalidArgs, &key));
    }
    let request = ServiceRequest {
        id: args.id.clone(),
        service: args.service.clone(),
        member,
        entered_by: actor.member.clone(),
        preferred: args.preferred.clone(),
        note: text::optional(&args.note, NOTE_MAX_CHARS, &key)?,
        address,
        phone,
        status: RequestStatus::Requested,
        scheduled_at: None,
        volunteer: None,
        started_at: None,
        ended_at: None,
        purchase: None,
        feedback: None,
        timeline: vec![RequestStep {
            status: RequestStatus::Requested,
            by: actor.member.clone(),
            at: now,
            note: String::new(),
        }],
    };
    tx.put(&key, to_value(&request)).await?;
    Ok(())
}

/// Writes the request and keeps the assigned volunteer's copy in step
/// (removing a former volunteer's).
async fn save(
    tx: &mut impl Tx,
    request: &ServiceRequest,
    former: Option<&MemberId>,
) -> Result<(), ApplyError> {
    tx.put(&records::request(&request.member, &request.id), to_value(request))
        .await?;
    if let Some(former) = former.filter(|former| request.volunteer.as_ref() != Some(*former)) {
        tx.del(&records::assigned(former, &request.member, &request.id))
            .await?;
    }
    if let Some(volunteer) = &request.volunteer {
        tx.put(
            &records::assigned(volunteer, &request.member, &request.id),
            to_value(request),
        )
        .await?;
    }
    Ok(())
}

pub async fn confirm_service(
    tx: &mut impl Tx,
    actor: &Actor,
    args: &ConfirmService,
    now: Timestamp,
) -> Result<(), ApplyError> {
    let key = records::request(&args.member, &args.id);
    valid_id(&args.id, &key)?;
    let mut request: ServiceRequest = read(tx, &key).await?;
    if !matches!(
        request.status,
        RequestStatus::Requested | RequestStatus::Confirmed
    ) {
        return Err(rejected(RejectionCode::WrongStage, &key));
    }
    let at = args.scheduled_at.millis();
    if at < now.millis() - DAY_MS || at > now.millis() + MAX_DAYS_AHEAD * DAY_MS {
        return Err(rejected(RejectionCode::InvalidArgs, &key));
    }
    if let Some(volunteer) = &args.volunteer {
        if tx.get(&crate::keys::member(volunteer)).await?.is_none() {
            return Err(rejected(RejectionCode::NotFound, &key));
        }
    }
    let former = request.volunteer.clone();
    request.status = RequestStatus::Confirmed;
    request.scheduled_at = Some(args.scheduled_at);
    request.volunteer = args.volunteer.clone();
    request.timeline.push(RequestStep {
        status: RequestStatus::Confirmed,
        by: actor.member.clone(),
        at: now,
        note: String::new(),
    });
    save(tx, &request, former.as_ref()).await
}

/// The request as the actor's device holds it: the member's record, or,
/// on the assigned volunteer's own phone, which receives only that, their
/// copy. The server holds both, and they agree.
async fn read_request(
    tx: &mut impl Tx,
    actor: &Actor,
    member: &MemberId,
    id: &str,
) -> Result<ServiceRequest, ApplyError> {
    let key = records::request(member, id);
    match tx.get(&key).await? {
        Some(value) => serde_json::from_value(value).map_err(|_| rejected(RejectionCode::NotFound, &key)),
        None => read(tx, &records::assigned(&actor.member, member, id)).await,
    }
}

pub async fn complete_service(
    tx: &mut impl Tx,
    actor: &Actor,
    args: &CompleteService,
    now: Timestamp,
) -> Result<(), ApplyError> {
    let key = records::request(&args.member, &args.id);
    valid_id(&args.id, &key)?;
    let mut request = read_request(tx, actor, &args.member, &args.id).await?;
    let assigned = request.volunteer.as_ref() == Some(&actor.member);
    if !assigned && !actor.has_any(&SERVICE_STAFF) {
        return Err(rejected(RejectionCode::Forbidden, &key));
    }
    if request.status != RequestStatus::Confirmed {
        return Err(rejected(RejectionCode::WrongStage, &key));
    }
    let (started, ended) = (args.started_at.millis(), args.ended_at.millis());
    if ended <= started || ended - started > MAX_SERVICE_MS || ended > now.millis() + CLOCK_SKEW_MS {
        return Err(rejected(RejectionCode::InvalidArgs, &key));
    }
    let service: Service = read(tx, &records::service(&request.service)).await?;
    let purchase = match (&args.purchase, service.kind) {
        (Some(purchase), ServiceKind::Purchase) => {
            if !purchase.spent.is_price() || !purchase.receipt.is_price() {
                return Err(rejected(RejectionCode::InvalidArgs, &key));
            }
            let items = text::required(&purchase.items, NOTE_MAX_CHARS, &key)?;
            Some(Purchase {
                items,
                ..purchase.clone()
            })
        }
        (None, ServiceKind::Purchase) | (Some(_), _) => {
            return Err(rejected(RejectionCode::InvalidArgs, &key));
        }
        (None, _) => None,
    };
    request.status = RequestStatus::Done;
    request.started_at = Some(args.started_at);
    request.ended_at = Some(args.ended_at);
    request.purchase = purchase;
    request.timeline.push(RequestStep {
        status: RequestStatus::Done,
        by: actor.member.clone(),
        at: now,
        note: text::optional(&args.note, NOTE_MAX_CHARS, &key)?,
    });
    let volunteer = request.volunteer.clone();
    save(tx, &request, volunteer.as_ref()).await
}

pub async fn close_service_request(
    tx: &mut impl Tx,
    actor: &Actor,
    args: &CloseServiceRequest,
    now: Timestamp,
) -> Result<(), ApplyError> {
    let key = records::request(&actor.member, &args.id);
    valid_id(&args.id, &key)?;
    let mut request: ServiceRequest = read(tx, &key).await?;
    if request.status != RequestStatus::Done {
        return Err(rejected(RejectionCode::WrongStage, &key));
    }
    let feedback = match &args.feedback {
        Some(feedback) if !(1..=5).contains(&feedback.stars) => {
            return Err(rejected(RejectionCode::InvalidArgs, &key));
        }
        Some(feedback) => Some(Feedback {
            stars: feedback.stars,
            text: text::optional(&feedback.text, NOTE_MAX_CHARS, &key)?,
        }),
        None => None,
    };
    // A purchase to be paid from the balance is charged when the resident
    // confirms it: their phone holds their balance (the volunteer's does
    // not), and what they confirm is what the receipt says.
    if let Some(purchase) = request
        .purchase
        .as_ref()
        .filter(|purchase| purchase.settlement == Settlement::Balance)
    {
        crate::canteen::mutations::charge_balance(
            tx,
            actor,
            &request.member,
            &format!("svc-{}", request.id),
            purchase.receipt,
            &format!("svc:{}", request.id),
            now,
        )
        .await?;
    }
    request.status = RequestStatus::Closed;
    request.feedback = feedback;
    request.timeline.push(RequestStep {
        status: RequestStatus::Closed,
        by: actor.member.clone(),
        at: now,
        note: String::new(),
    });
    let volunteer = request.volunteer.clone();
    save(tx, &request, volunteer.as_ref()).await
}

pub async fn cancel_service_request(
    tx: &mut impl Tx,
    actor: &Actor,
    args: &CancelServiceRequest,
    now: Timestamp,
) -> Result<(), ApplyError> {
    let member = match &args.member {
        Some(other) if *other != actor.member && !actor.has_any(&SERVICE_STAFF) => {
            return Err(rejected(RejectionCode::Forbidden, records::REQUEST_PREFIX));
        }
        Some(other) => other.clone(),
        None => actor.member.clone(),
    };
    let key = records::request(&member, &args.id);
    valid_id(&args.id, &key)?;
    let mut request: ServiceRequest = read(tx, &key).await?;
    if !matches!(
        request.status,
        RequestStatus::Requested | RequestStatus::Confirmed
    ) {
        return Err(rejected(RejectionCode::WrongStage, &key));
    }
    request.status = RequestStatus::Cancelled;
    request.timeline.push(RequestStep {
        status: RequestStatus::Cancelled,
        by: actor.member.clone(),
        at: now,
        note: String::new(),
    });
    let volunteer = request.volunteer.clone();
    save(tx, &request, volunteer.as_ref()).await
}

/// Half-hours of home service `volunteer` gave, by the half-hour rule, per
/// request done (a purchase, a visit): what the certificate adds to the
/// activities' hours.
/// Each with when it started and its half-hours.
pub fn service_half_hours<'a>(
    requests: &'a [ServiceRequest],
    volunteer: &MemberId,
) -> Vec<(&'a ServiceRequest, Timestamp, u32)> {
    requests
        .iter()
        .filter(|request| request.volunteer.as_ref() == Some(volunteer))
        .filter(|request| matches!(request.status, RequestStatus::Done | RequestStatus::Closed))
        .filter_map(|request| {
            let (started, ended) = (request.started_at?, request.ended_at?);
            Some((
                request,
                started,
                crate::volunteers::hours::half_hours(started, ended),
            ))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use serde_json::Value;

    use super::*;
    use crate::role::Role;
    use crate::tx::{now_or_never, MemTx};

    const HOUR: i64 = 60 * MINUTE_MS;

    /// Applies a change to `records` as a device would, keeping its writes.
    fn run(
        records: &mut BTreeMap<String, Value>,
        apply: impl FnOnce(&mut MemTx) -> Result<(), ApplyError>,
    ) -> Result<(), ApplyError> {
        let mut tx = MemTx::new(records);
        apply(&mut tx)?;
        for (key, change) in tx.into_changes() {
            match change {
                Some(value) => records.insert(key, value),
                None => records.remove(&key),
            };
        }
        Ok(())
    }

    /// What the assigned volunteer's phone holds: the service and their
    /// copy of a confirmed request, not the member's own record.
    fn volunteers_view(kind: ServiceKind) -> BTreeMap<String, Value> {
        let service = Service {
            id: "s1".into(),
            name_zh: "代购".into(),
            name_en: String::new(),
            kind,
            bring: String::new(),
            provider: String::new(),
            at_home: true,
            active: true,
        };
        let request = ServiceRequest {
            id: "r1".into(),
            service: "s1".into(),
            member: "m1".parse().unwrap(),
            entered_by: "m1".parse().unwrap(),
            preferred: Vec::new(),
            note: String::new(),
            address: "1号楼".into(),
            phone: String::new(),
            status: RequestStatus::Confirmed,
            scheduled_at: Some(Timestamp(HOUR)),
            volunteer: Some("v1".parse().unwrap()),
            started_at: None,
            ended_at: None,
            purchase: None,
            feedback: None,
            timeline: Vec::new(),
        };
        BTreeMap::from([
            (records::service("s1"), to_value(&service)),
            (
                records::assigned(&"v1".parse().unwrap(), &"m1".parse().unwrap(), "r1"),
                to_value(&request),
            ),
        ])
    }

    fn report(purchase: Option<Purchase>) -> CompleteService {
        CompleteService {
            member: "m1".parse().unwrap(),
            id: "r1".into(),
            started_at: Timestamp(HOUR),
            ended_at: Timestamp(2 * HOUR),
            note: "好了".into(),
            purchase,
        }
    }

    #[test]
    fn the_volunteers_phone_predicts_the_report_from_its_copy() {
        let volunteer = Actor::new("v1".parse().unwrap(), [Role::Volunteer]);
        let mut view = volunteers_view(ServiceKind::HomeVisit);
        run(&mut view, |tx| {
            now_or_never(complete_service(
                tx,
                &volunteer,
                &report(None),
                Timestamp(3 * HOUR),
            ))
            .unwrap()
        })
        .unwrap();
        let copy = &view[&records::assigned(&"v1".parse().unwrap(), &"m1".parse().unwrap(), "r1")];
        assert_eq!(copy["status"], serde_json::json!("done"));
        // Someone else's phone, with no copy, cannot.
        let other = Actor::new("v2".parse().unwrap(), [Role::Volunteer]);
        let mut view = volunteers_view(ServiceKind::HomeVisit);
        assert!(run(&mut view, |tx| {
            now_or_never(complete_service(tx, &other, &report(None), Timestamp(3 * HOUR))).unwrap()
        })
        .is_err());
    }

    #[test]
    fn a_purchase_needs_its_report_and_nothing_else_takes_one() {
        let volunteer = Actor::new("v1".parse().unwrap(), [Role::Volunteer]);
        let purchase = Purchase {
            items: "鸡蛋".into(),
            spent: crate::canteen::money::Fen(1200),
            receipt: crate::canteen::money::Fen(1200),
            settlement: Settlement::Balance,
        };
        let mut view = volunteers_view(ServiceKind::Purchase);
        assert!(run(&mut view, |tx| {
            now_or_never(complete_service(
                tx,
                &volunteer,
                &report(None),
                Timestamp(3 * HOUR),
            ))
            .unwrap()
        })
        .is_err());
        let mut view = volunteers_view(ServiceKind::HomeVisit);
        assert!(run(&mut view, |tx| {
            now_or_never(complete_service(
                tx,
                &volunteer,
                &report(Some(purchase.clone())),
                Timestamp(3 * HOUR),
            ))
            .unwrap()
        })
        .is_err());
        // Reported at a time the server has not reached: refused.
        let mut view = volunteers_view(ServiceKind::Purchase);
        assert!(run(&mut view, |tx| {
            now_or_never(complete_service(
                tx,
                &volunteer,
                &report(Some(purchase.clone())),
                Timestamp(HOUR),
            ))
            .unwrap()
        })
        .is_err());
        let mut view = volunteers_view(ServiceKind::Purchase);
        run(&mut view, |tx| {
            now_or_never(complete_service(
                tx,
                &volunteer,
                &report(Some(purchase)),
                Timestamp(3 * HOUR),
            ))
            .unwrap()
        })
        .unwrap();
    }
}
