//! The 萌宝驿站 childcare station: children's profiles kept by their
//! guardians, the station's sessions (early education, parent–child play,
//! parenting guidance) with an age range and places, temporary care
//! (临时托管) booked by the hour within opening hours and each hour's
//! places, and check-in and check-out at the station, out only to a person
//! on the child's list.
//!
//! A child's profile, sign-ups and bookings are filed under the guardian and
//! read by them and the station's staff only ([`CHILDCARE_STAFF`]): not by
//! officers, not by the rest of the community. What the community reads is
//! the station, its sessions, and how many places each session and each
//! hour has taken: counts, never names.
//!
//! ## Usage
//! ```
//! use linli_core::calendar::Date;
//! use linli_core::services::childcare::months_old;
//! let born = Date::new(2024, 3, 15).unwrap();
//! assert_eq!(months_old(born, Date::new(2026, 3, 14).unwrap()), 23);
//! assert_eq!(months_old(born, Date::new(2026, 3, 15).unwrap()), 24);
//! ```

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::calendar::{Date, LocalTime, MinuteOfDay};
use crate::ids::MemberId;
use crate::members::{read, to_value};
use crate::rejection::{rejected, valid_id, ApplyError, RejectionCode};
use crate::role::{Actor, Role};
use crate::text;
use crate::time::Timestamp;
use crate::tx::Tx;

pub const STATION_KEY: &str = "care/station";
pub const CHILD_PREFIX: &str = "care/child/";
pub const SESSION_PREFIX: &str = "care/session/";
pub const SIGNUP_PREFIX: &str = "care/signup/";
pub const BOOKING_PREFIX: &str = "care/booking/";
pub const SLOTS_PREFIX: &str = "care/slots/";

/// Who runs the station: its sessions, the day's roster, check-in and
/// check-out. The only readers of children's records besides their guardian.
pub const CHILDCARE_STAFF: [Role; 1] = [Role::ChildcareStaff];

/// Who sets the station's hours and places: its staff, and the officers
/// and admins who open it (they do not read the children's records).
pub const STATION_KEEPERS: [Role; 3] = [Role::ChildcareStaff, Role::Officer, Role::Admin];

pub const NAME_MAX_CHARS: usize = 40;
pub const NOTE_MAX_CHARS: usize = 300;
/// People allowed to collect one child.
pub const MAX_COLLECTORS: usize = 6;
/// How far ahead a session or a booking may be.
pub const MAX_DAYS_AHEAD: i64 = 60;
/// The oldest child the station takes: six years.
pub const MAX_MONTHS: u16 = 72;

pub fn child(guardian: &MemberId, id: &str) -> String {
    format!("{CHILD_PREFIX}{guardian}/{id}")
}

pub fn session(id: &str) -> String {
    format!("{SESSION_PREFIX}{id}")
}

pub fn signup(guardian: &MemberId, session: &str, child: &str) -> String {
    format!("{SIGNUP_PREFIX}{guardian}/{session}/{child}")
}

pub fn booking(guardian: &MemberId, id: &str) -> String {
    format!("{BOOKING_PREFIX}{guardian}/{id}")
}

pub fn slots(date: Date) -> String {
    format!("{SLOTS_PREFIX}{date}")
}

/// Whole months from `born` to `on` (a child born on the 15th turns one
/// month old on the next month's 15th).
pub fn months_old(born: Date, on: Date) -> i32 {
    let months = (on.year() - born.year()) * 12 + i32::from(on.month()) - i32::from(born.month());
    if on.day() < born.day() {
        months - 1
    } else {
        months
    }
}

/// `care/station`: the station's place, its opening hours for temporary
/// care, how long a slot is and how many children each slot takes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Station {
    pub name: String,
    pub place: String,
    pub opens: MinuteOfDay,
    pub closes: MinuteOfDay,
    /// 30 or 60: bookings start and end on a slot's edge.
    pub slot_minutes: u16,
    pub places_per_slot: u32,
    /// The youngest child temporary care takes, in months.
    pub min_months: u16,
    pub max_months: u16,
}

/// Someone a guardian allows to collect the child. The staff confirm by
/// this description, not a photo: none is kept.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Collector {
    pub name: String,
    /// 妈妈, 奶奶, 邻居…
    pub relation: String,
    /// What the staff look for: "短发，戴眼镜，手机尾号 0312".
    #[serde(default)]
    pub description: String,
}

/// `care/child/<guardian>/<id>`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Child {
    pub id: String,
    pub guardian: MemberId,
    pub name: String,
    pub birth_date: Date,
    #[serde(default)]
    pub allergies: String,
    #[serde(default)]
    pub care_notes: String,
    pub collectors: Vec<Collector>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SessionKind {
    EarlyEducation,
    ParentChildPlay,
    ParentingGuidance,
}

impl SessionKind {
    pub const ALL: [SessionKind; 3] = [
        SessionKind::EarlyEducation,
        SessionKind::ParentChildPlay,
        SessionKind::ParentingGuidance,
    ];
}

/// `care/session/<id>`: one session, with how many places are taken.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CareSession {
    pub id: String,
    pub kind: SessionKind,
    pub title: String,
    pub date: Date,
    pub from: MinuteOfDay,
    pub until: MinuteOfDay,
    pub min_months: u16,
    pub max_months: u16,
    pub places: u32,
    /// Kept by the sign-ups themselves.
    pub taken: u32,
}

/// `scheduleCareSession`: a new session, or new details for one (its
/// sign-ups kept).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ScheduleCareSession {
    pub id: String,
    pub kind: SessionKind,
    pub title: String,
    pub date: Date,
    pub from: MinuteOfDay,
    pub until: MinuteOfDay,
    pub min_months: u16,
    pub max_months: u16,
    pub places: u32,
}

/// `care/signup/<guardian>/<session>/<child>`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SessionSignup {
    pub session: String,
    pub child: String,
    pub guardian: MemberId,
    pub at: Timestamp,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BookingStatus {
    Booked,
    CheckedIn,
    CheckedOut,
    Cancelled,
}

/// Who took the child home, as the staff confirmed it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Handover {
    pub collector: String,
    pub relation: String,
    pub confirmed_by: MemberId,
    pub at: Timestamp,
}

/// `care/booking/<guardian>/<id>`: temporary care for one child.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CareBooking {
    pub id: String,
    pub guardian: MemberId,
    pub child: String,
    pub date: Date,
    pub from: MinuteOfDay,
    pub until: MinuteOfDay,
    pub status: BookingStatus,
    pub entered_by: MemberId,
    pub checked_in_at: Option<Timestamp>,
    pub checked_in_by: Option<MemberId>,
    pub handover: Option<Handover>,
    /// The slots whose places it holds, by their first minute: what a
    /// cancel gives back, whatever the station's slots have become since.
    pub slots: Vec<MinuteOfDay>,
}

/// `care/slots/<date>`: temporary-care places taken per slot, by the slot's
/// first minute.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SlotLoad {
    pub taken: BTreeMap<MinuteOfDay, u32>,
}

impl SlotLoad {
    /// The fewest places left in any slot of `from..until`.
    pub fn left(&self, station: &Station, from: MinuteOfDay, until: MinuteOfDay) -> u32 {
        slot_starts(station, from, until)
            .map(|start| {
                station
                    .places_per_slot
                    .saturating_sub(self.taken.get(&start).copied().unwrap_or(0))
            })
            .min()
            .unwrap_or(0)
    }
}

fn slot_starts(
    station: &Station,
    from: MinuteOfDay,
    until: MinuteOfDay,
) -> impl Iterator<Item = MinuteOfDay> {
    let step = station.slot_minutes.max(1) as usize;
    (from..until).step_by(step)
}

/// `setStation`.
pub type SetStation = Station;

/// `saveChild`: adds or changes the guardian's own child (the guardian is
/// whoever saves it).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SaveChild {
    pub id: String,
    pub name: String,
    pub birth_date: Date,
    #[serde(default)]
    pub allergies: String,
    #[serde(default)]
    pub care_notes: String,
    pub collectors: Vec<Collector>,
}

/// `signUpCareSession` and `withdrawCareSignup`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CareSignupRef {
    pub session: String,
    pub child: String,
}

/// `bookCare`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BookCare {
    pub id: String,
    pub child: String,
    pub date: Date,
    pub from: MinuteOfDay,
    pub until: MinuteOfDay,
}

/// `cancelCare`: by the guardian, or the staff for them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CancelCare {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guardian: Option<MemberId>,
    pub id: String,
}

/// `checkInChild`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CheckInChild {
    pub guardian: MemberId,
    pub id: String,
}

/// `checkOutChild`: to this person, who must be on the child's list as it
/// is when the server decides (a list the guardian changed meanwhile wins).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CheckOutChild {
    pub guardian: MemberId,
    pub id: String,
    pub collector: String,
    pub relation: String,
}

/// Whether `session` has begun by `now`: sign-ups and withdrawals close then.
fn begun(session: &CareSession, now: Timestamp) -> bool {
    LocalTime::of(now)
        >= LocalTime {
            date: session.date,
            minute: session.from,
        }
}

fn valid_day(now: Timestamp, date: Date) -> bool {
    let today = LocalTime::of(now).date;
    date >= today && today.days_until(date) <= MAX_DAYS_AHEAD
}

pub async fn set_station(
    tx: &mut impl Tx,
    _actor: &Actor,
    args: &SetStation,
    _now: Timestamp,
) -> Result<(), ApplyError> {
    let key = STATION_KEY;
    let hours_ok = args.opens < args.closes
        && args.closes <= 24 * 60
        && matches!(args.slot_minutes, 30 | 60)
        && args.opens.is_multiple_of(args.slot_minutes)
        && args.closes.is_multiple_of(args.slot_minutes)
        && (1..=200).contains(&args.places_per_slot)
        && args.min_months <= args.max_months
        && args.max_months <= MAX_MONTHS;
    if !hours_ok {
        return Err(rejected(RejectionCode::InvalidArgs, key));
    }
    let station = Station {
        name: text::required(&args.name, NAME_MAX_CHARS, key)?,
        place: text::optional(&args.place, NOTE_MAX_CHARS, key)?,
        ..args.clone()
    };
    tx.put(key, to_value(&station)).await?;
    Ok(())
}

pub async fn save_child(
    tx: &mut impl Tx,
    actor: &Actor,
    args: &SaveChild,
    now: Timestamp,
) -> Result<(), ApplyError> {
    let key = child(&actor.member, &args.id);
    valid_id(&args.id, &key)?;
    let today = LocalTime::of(now).date;
    if args.birth_date > today || months_old(args.birth_date, today) > i32::from(MAX_MONTHS) + 12 {
        return Err(rejected(RejectionCode::InvalidArgs, &key));
    }
    if args.collectors.is_empty() || args.collectors.len() > MAX_COLLECTORS {
        return Err(rejected(RejectionCode::InvalidArgs, &key));
    }
    let collectors = args
        .collectors
        .iter()
        .map(|collector| {
            Ok(Collector {
                name: text::required(&collector.name, NAME_MAX_CHARS, &key)?,
                relation: text::required(&collector.relation, NAME_MAX_CHARS, &key)?,
                description: text::optional(&collector.description, NOTE_MAX_CHARS, &key)?,
            })
        })
        .collect::<Result<Vec<_>, ApplyError>>()?;
    let saved = Child {
        id: args.id.clone(),
        guardian: actor.member.clone(),
        name: text::required(&args.name, NAME_MAX_CHARS, &key)?,
        birth_date: args.birth_date,
        allergies: text::optional(&args.allergies, NOTE_MAX_CHARS, &key)?,
        care_notes: text::optional(&args.care_notes, NOTE_MAX_CHARS, &key)?,
        collectors,
    };
    tx.put(&key, to_value(&saved)).await?;
    Ok(())
}

pub async fn schedule_session(
    tx: &mut impl Tx,
    _actor: &Actor,
    args: &ScheduleCareSession,
    now: Timestamp,
) -> Result<(), ApplyError> {
    let key = session(&args.id);
    valid_id(&args.id, &key)?;
    let shape_ok = valid_day(now, args.date)
        && args.from < args.until
        && args.until <= 24 * 60
        && args.min_months <= args.max_months
        && args.max_months <= MAX_MONTHS
        && (1..=200).contains(&args.places);
    if !shape_ok {
        return Err(rejected(RejectionCode::InvalidArgs, &key));
    }
    let existing = match tx.get(&key).await? {
        Some(value) => serde_json::from_value::<CareSession>(value).ok(),
        None => None,
    };
    let taken = existing.as_ref().map_or(0, |existing| existing.taken);
    // Children signed up keep the day and the ages they signed up for.
    let moved = existing.as_ref().is_some_and(|existing| {
        existing.taken > 0
            && (existing.date != args.date
                || existing.min_months != args.min_months
                || existing.max_months != args.max_months)
    });
    if moved {
        return Err(rejected(RejectionCode::WrongStage, &key));
    }
    if args.places < taken {
        return Err(rejected(RejectionCode::InvalidArgs, &key));
    }
    let scheduled = CareSession {
        id: args.id.clone(),
        kind: args.kind,
        title: text::required(&args.title, NAME_MAX_CHARS, &key)?,
        date: args.date,
        from: args.from,
        until: args.until,
        min_months: args.min_months,
        max_months: args.max_months,
        places: args.places,
        taken,
    };
    tx.put(&key, to_value(&scheduled)).await?;
    Ok(())
}

pub async fn sign_up_session(
    tx: &mut impl Tx,
    actor: &Actor,
    args: &CareSignupRef,
    now: Timestamp,
) -> Result<(), ApplyError> {
    let session_key = session(&args.session);
    valid_id(&args.session, &session_key)?;
    valid_id(&args.child, &session_key)?;
    let mut care_session: CareSession = read(tx, &session_key).await?;
    let child: Child = read(tx, &child(&actor.member, &args.child)).await?;
    if begun(&care_session, now) {
        return Err(rejected(RejectionCode::TooLate, &session_key));
    }
    let age = months_old(child.birth_date, care_session.date);
    if age < i32::from(care_session.min_months) || age > i32::from(care_session.max_months) {
        return Err(rejected(RejectionCode::InvalidArgs, &session_key));
    }
    let key = signup(&actor.member, &args.session, &args.child);
    if tx.get(&key).await?.is_some() {
        return Err(rejected(RejectionCode::AlreadyExists, &session_key));
    }
    if care_session.taken >= care_session.places {
        return Err(rejected(RejectionCode::ActivityFull, &session_key));
    }
    care_session.taken += 1;
    tx.put(&session_key, to_value(&care_session)).await?;
    let entry = SessionSignup {
        session: args.session.clone(),
        child: args.child.clone(),
        guardian: actor.member.clone(),
        at: now,
    };
    tx.put(&key, to_value(&entry)).await?;
    Ok(())
}

pub async fn withdraw_signup(
    tx: &mut impl Tx,
    actor: &Actor,
    args: &CareSignupRef,
    now: Timestamp,
) -> Result<(), ApplyError> {
    let session_key = session(&args.session);
    valid_id(&args.session, &session_key)?;
    valid_id(&args.child, &session_key)?;
    let key = signup(&actor.member, &args.session, &args.child);
    if tx.get(&key).await?.is_none() {
        return Err(rejected(RejectionCode::NotFound, &session_key));
    }
    let mut care_session: CareSession = read(tx, &session_key).await?;
    if begun(&care_session, now) {
        return Err(rejected(RejectionCode::TooLate, &session_key));
    }
    care_session.taken = care_session.taken.saturating_sub(1);
    tx.put(&session_key, to_value(&care_session)).await?;
    tx.del(&key).await?;
    Ok(())
}

pub async fn book_care(
    tx: &mut impl Tx,
    actor: &Actor,
    args: &BookCare,
    now: Timestamp,
) -> Result<(), ApplyError> {
    let key = booking(&actor.member, &args.id);
    valid_id(&args.id, &key)?;
    valid_id(&args.child, &key)?;
    let station: Station = read(tx, STATION_KEY).await?;
    let child: Child = read(tx, &child(&actor.member, &args.child)).await?;
    let step = station.slot_minutes.max(1);
    let hours_ok = valid_day(now, args.date)
        && args.from < args.until
        && args.from >= station.opens
        && args.until <= station.closes
        && args.from.is_multiple_of(step)
        && args.until.is_multiple_of(step);
    // The slot already begun can be booked (a parent at the door at 10:15
    // books 10:00–11:00); a booking whose first slot is over cannot.
    let over = LocalTime::of(now)
        >= LocalTime {
            date: args.date,
            minute: args.from + step,
        };
    if !hours_ok || over {
        return Err(rejected(RejectionCode::InvalidArgs, &key));
    }
    let age = months_old(child.birth_date, args.date);
    if age < i32::from(station.min_months) || age > i32::from(station.max_months) {
        return Err(rejected(RejectionCode::InvalidArgs, &key));
    }
    if tx.get(&key).await?.is_some() {
        return Err(rejected(RejectionCode::AlreadyExists, &key));
    }
    let overlapping =
        crate::tx::scan_records::<CareBooking>(tx, &format!("{BOOKING_PREFIX}{}/", actor.member))
            .await?
            .into_iter()
            .any(|other| {
                other.child == args.child
                    && other.date == args.date
                    && matches!(other.status, BookingStatus::Booked | BookingStatus::CheckedIn)
                    && other.from < args.until
                    && args.from < other.until
            });
    if overlapping {
        return Err(rejected(RejectionCode::AlreadyExists, &key));
    }
    let slots_key = slots(args.date);
    let mut load: SlotLoad = match tx.get(&slots_key).await? {
        Some(value) => serde_json::from_value(value).unwrap_or_default(),
        None => SlotLoad::default(),
    };
    if load.left(&station, args.from, args.until) == 0 {
        return Err(rejected(RejectionCode::ActivityFull, &key));
    }
    let held: Vec<MinuteOfDay> = slot_starts(&station, args.from, args.until).collect();
    for start in &held {
        *load.taken.entry(*start).or_insert(0) += 1;
    }
    tx.put(&slots_key, to_value(&load)).await?;
    let booked = CareBooking {
        id: args.id.clone(),
        guardian: actor.member.clone(),
        child: args.child.clone(),
        date: args.date,
        from: args.from,
        until: args.until,
        status: BookingStatus::Booked,
        entered_by: actor.member.clone(),
        checked_in_at: None,
        checked_in_by: None,
        handover: None,
        slots: held,
    };
    tx.put(&key, to_value(&booked)).await?;
    Ok(())
}

/// The booking `id` of `guardian`, with its key, if it is at `status`
/// (`wrong_stage` otherwise): each step of a booking follows one before.
async fn booking_at(
    tx: &mut impl Tx,
    guardian: &MemberId,
    id: &str,
    status: BookingStatus,
) -> Result<(String, CareBooking), ApplyError> {
    let key = booking(guardian, id);
    valid_id(id, &key)?;
    let booked: CareBooking = read(tx, &key).await?;
    if booked.status != status {
        return Err(rejected(RejectionCode::WrongStage, &key));
    }
    Ok((key, booked))
}

pub async fn cancel_care(
    tx: &mut impl Tx,
    actor: &Actor,
    args: &CancelCare,
    _now: Timestamp,
) -> Result<(), ApplyError> {
    let guardian = match &args.guardian {
        Some(other) if *other != actor.member && !actor.has_any(&CHILDCARE_STAFF) => {
            return Err(rejected(RejectionCode::Forbidden, BOOKING_PREFIX));
        }
        Some(other) => other.clone(),
        None => actor.member.clone(),
    };
    let (key, mut booked) = booking_at(tx, &guardian, &args.id, BookingStatus::Booked).await?;
    let slots_key = slots(booked.date);
    if let Some(value) = tx.get(&slots_key).await? {
        let mut load: SlotLoad = serde_json::from_value(value).unwrap_or_default();
        for start in &booked.slots {
            if let Some(taken) = load.taken.get_mut(start) {
                *taken = taken.saturating_sub(1);
            }
        }
        tx.put(&slots_key, to_value(&load)).await?;
    }
    booked.status = BookingStatus::Cancelled;
    tx.put(&key, to_value(&booked)).await?;
    Ok(())
}

pub async fn check_in_child(
    tx: &mut impl Tx,
    actor: &Actor,
    args: &CheckInChild,
    now: Timestamp,
) -> Result<(), ApplyError> {
    let (key, mut booked) = booking_at(tx, &args.guardian, &args.id, BookingStatus::Booked).await?;
    if LocalTime::of(now).date != booked.date {
        return Err(rejected(RejectionCode::NotToday, &key));
    }
    booked.status = BookingStatus::CheckedIn;
    booked.checked_in_at = Some(now);
    booked.checked_in_by = Some(actor.member.clone());
    tx.put(&key, to_value(&booked)).await?;
    Ok(())
}

pub async fn check_out_child(
    tx: &mut impl Tx,
    actor: &Actor,
    args: &CheckOutChild,
    now: Timestamp,
) -> Result<(), ApplyError> {
    let (key, mut booked) = booking_at(tx, &args.guardian, &args.id, BookingStatus::CheckedIn).await?;
    let child: Child = read(tx, &child(&booked.guardian, &booked.child)).await?;
    // Only someone the guardian lists now: the staff pick them from the
    // list on their screen, never type a name.
    let Some(collector) = child
        .collectors
        .iter()
        .find(|person| person.name == args.collector && person.relation == args.relation)
    else {
        return Err(rejected(RejectionCode::Forbidden, &key));
    };
    booked.status = BookingStatus::CheckedOut;
    booked.handover = Some(Handover {
        collector: collector.name.clone(),
        relation: collector.relation.clone(),
        confirmed_by: actor.member.clone(),
        at: now,
    });
    tx.put(&key, to_value(&booked)).await?;
    Ok(())
}

/// One line of the staff's roster for a day: a child booked for temporary
/// care or signed up for a session.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RosterEntry<'a> {
    Care(&'a CareBooking),
    Session(&'a SessionSignup, &'a CareSession),
}

impl RosterEntry<'_> {
    pub fn starts(&self) -> MinuteOfDay {
        match self {
            RosterEntry::Care(booking) => booking.from,
            RosterEntry::Session(_, session) => session.from,
        }
    }
}

/// The day's roster, by start time: bookings not cancelled and sign-ups of
/// the day's sessions.
pub fn roster<'a>(
    date: Date,
    bookings: &'a [CareBooking],
    signups: &'a [SessionSignup],
    sessions: &'a [CareSession],
) -> Vec<RosterEntry<'a>> {
    let mut entries: Vec<RosterEntry<'a>> = bookings
        .iter()
        .filter(|booking| booking.date == date && booking.status != BookingStatus::Cancelled)
        .map(RosterEntry::Care)
        .collect();
    for signup in signups {
        if let Some(session) = sessions
            .iter()
            .find(|session| session.id == signup.session && session.date == date)
        {
            entries.push(RosterEntry::Session(signup, session));
        }
    }
    entries.sort_by_key(RosterEntry::starts);
    entries
}

#[cfg(test)]
mod tests {
    use serde_json::Value;

    use super::*;
    use crate::time::{DAY_MS, MINUTE_MS};
    use crate::tx::{now_or_never, MemTx};

    /// 2026-03-02 08:00 in Hohhot.
    fn morning() -> Timestamp {
        LocalTime {
            date: Date::new(2026, 3, 2).unwrap(),
            minute: 8 * 60,
        }
        .timestamp()
    }

    fn guardian() -> Actor {
        Actor::new("g1".parse().unwrap(), [Role::Resident])
    }

    fn staff() -> Actor {
        Actor::new("s1".parse().unwrap(), [Role::ChildcareStaff])
    }

    fn run(
        records: &mut BTreeMap<String, Value>,
        apply: impl FnOnce(&mut MemTx) -> Result<(), ApplyError>,
    ) -> Result<(), ApplyError> {
        let mut tx = MemTx::new(records);
        apply(&mut tx)?;
        crate::tx::apply_changes(records, tx.into_changes());
        Ok(())
    }

    fn station(places: u32) -> Station {
        Station {
            name: "萌宝驿站".into(),
            place: "社区二楼".into(),
            opens: 8 * 60,
            closes: 18 * 60,
            slot_minutes: 60,
            places_per_slot: places,
            min_months: 12,
            max_months: 72,
        }
    }

    fn child_born(id: &str, born: Date) -> SaveChild {
        SaveChild {
            id: id.into(),
            name: "小宝".into(),
            birth_date: born,
            allergies: "花生".into(),
            care_notes: String::new(),
            collectors: vec![Collector {
                name: "王芳".into(),
                relation: "妈妈".into(),
                description: "短发".into(),
            }],
        }
    }

    /// A station with one place an hour and a guardian's two children, two
    /// and three years old.
    fn village() -> BTreeMap<String, Value> {
        let mut records = BTreeMap::new();
        run(&mut records, |tx| {
            now_or_never(set_station(tx, &staff(), &station(1), morning())).unwrap()?;
            for (id, year) in [("c1", 2024), ("c2", 2023)] {
                let born = Date::new(year, 1, 10).unwrap();
                now_or_never(save_child(tx, &guardian(), &child_born(id, born), morning())).unwrap()?;
            }
            Ok(())
        })
        .unwrap();
        records
    }

    fn book(id: &str, child: &str, from: u16, until: u16) -> BookCare {
        BookCare {
            id: id.into(),
            child: child.into(),
            date: Date::new(2026, 3, 2).unwrap(),
            from: from * 60,
            until: until * 60,
        }
    }

    fn refusal(result: Result<(), ApplyError>) -> RejectionCode {
        match result {
            Err(ApplyError::Rejected(rejection)) => rejection.code,
            other => panic!("expected a rejection, got {other:?}"),
        }
    }

    #[test]
    fn each_hour_takes_its_places_and_a_cancel_gives_them_back() {
        let mut records = village();
        let at = morning();
        run(&mut records, |tx| {
            now_or_never(book_care(tx, &guardian(), &book("b1", "c1", 9, 11), at)).unwrap()
        })
        .unwrap();
        // 10:00 is taken by b1: the second child cannot have 10–12.
        let full = run(&mut records, |tx| {
            now_or_never(book_care(tx, &guardian(), &book("b2", "c2", 10, 12), at)).unwrap()
        });
        assert_eq!(refusal(full), RejectionCode::ActivityFull);
        run(&mut records, |tx| {
            now_or_never(book_care(tx, &guardian(), &book("b2", "c2", 11, 12), at)).unwrap()
        })
        .unwrap();
        run(&mut records, |tx| {
            now_or_never(cancel_care(
                tx,
                &guardian(),
                &CancelCare {
                    guardian: None,
                    id: "b1".into(),
                },
                at,
            ))
            .unwrap()
        })
        .unwrap();
        run(&mut records, |tx| {
            now_or_never(book_care(tx, &guardian(), &book("b3", "c2", 9, 11), at)).unwrap()
        })
        .unwrap();
        let load: SlotLoad =
            serde_json::from_value(records[&slots(Date::new(2026, 3, 2).unwrap())].clone()).unwrap();
        assert_eq!(load.taken, BTreeMap::from([(540, 1), (600, 1), (660, 1)]));
        // Half-hour slots from now on: a cancel still gives back exactly the
        // hours the booking took.
        let halves = Station {
            slot_minutes: 30,
            ..station(1)
        };
        run(&mut records, |tx| {
            now_or_never(set_station(tx, &staff(), &halves, at)).unwrap()
        })
        .unwrap();
        let cancel = CancelCare {
            guardian: None,
            id: "b3".into(),
        };
        run(&mut records, |tx| {
            now_or_never(cancel_care(tx, &guardian(), &cancel, at)).unwrap()
        })
        .unwrap();
        let load: SlotLoad =
            serde_json::from_value(records[&slots(Date::new(2026, 3, 2).unwrap())].clone()).unwrap();
        assert_eq!(load.taken, BTreeMap::from([(540, 0), (600, 0), (660, 1)]));
    }

    #[test]
    fn bookings_keep_to_the_opening_hours_slots_and_ages() {
        let mut records = village();
        let at = morning();
        for (args, why) in [
            (book("b1", "c1", 7, 9), "before opening"),
            (book("b1", "c1", 17, 19), "after closing"),
            (
                BookCare {
                    from: 9 * 60 + 15,
                    ..book("b1", "c1", 9, 10)
                },
                "off a slot's edge",
            ),
            (
                BookCare {
                    date: Date::new(2026, 3, 1).unwrap(),
                    ..book("b1", "c1", 9, 10)
                },
                "yesterday",
            ),
        ] {
            let result = run(&mut records, |tx| {
                now_or_never(book_care(tx, &guardian(), &args, at)).unwrap()
            });
            assert_eq!(refusal(result), RejectionCode::InvalidArgs, "{why}");
        }
        // At 10:15 the hour begun can be booked, not one already over.
        let quarter_past_ten = Timestamp(at.millis() + (2 * 60 + 15) * MINUTE_MS);
        let over = run(&mut records, |tx| {
            now_or_never(book_care(
                tx,
                &guardian(),
                &book("b0", "c1", 9, 10),
                quarter_past_ten,
            ))
            .unwrap()
        });
        assert_eq!(refusal(over), RejectionCode::InvalidArgs);
        run(&mut records, |tx| {
            now_or_never(book_care(
                tx,
                &guardian(),
                &book("b0", "c1", 10, 11),
                quarter_past_ten,
            ))
            .unwrap()
        })
        .unwrap();
        let begun_earlier = run(&mut records, |tx| {
            now_or_never(book_care(
                tx,
                &guardian(),
                &book("b9", "c2", 9, 11),
                quarter_past_ten,
            ))
            .unwrap()
        });
        assert_eq!(
            refusal(begun_earlier),
            RejectionCode::InvalidArgs,
            "its first hour is over"
        );
        // A baby under the station's twelve months.
        run(&mut records, |tx| {
            now_or_never(save_child(
                tx,
                &guardian(),
                &child_born("c3", Date::new(2025, 9, 1).unwrap()),
                at,
            ))
            .unwrap()
        })
        .unwrap();
        let baby = run(&mut records, |tx| {
            now_or_never(book_care(tx, &guardian(), &book("b1", "c3", 9, 10), at)).unwrap()
        });
        assert_eq!(refusal(baby), RejectionCode::InvalidArgs);
        // Someone else's child is not found on their phone or the server.
        let other = Actor::new("g2".parse().unwrap(), [Role::Resident]);
        let theirs = run(&mut records, |tx| {
            now_or_never(book_care(tx, &other, &book("b1", "c1", 9, 10), at)).unwrap()
        });
        assert_eq!(refusal(theirs), RejectionCode::NotFound);
    }

    #[test]
    fn check_out_goes_only_to_a_listed_person_after_check_in_on_the_day() {
        let mut records = village();
        let at = morning();
        run(&mut records, |tx| {
            now_or_never(book_care(tx, &guardian(), &book("b1", "c1", 9, 11), at)).unwrap()
        })
        .unwrap();
        let g1: MemberId = "g1".parse().unwrap();
        let out = |collector: &str, relation: &str| CheckOutChild {
            guardian: g1.clone(),
            id: "b1".into(),
            collector: collector.into(),
            relation: relation.into(),
        };
        let early = run(&mut records, |tx| {
            now_or_never(check_out_child(tx, &staff(), &out("王芳", "妈妈"), at)).unwrap()
        });
        assert_eq!(refusal(early), RejectionCode::WrongStage);
        let check_in = CheckInChild {
            guardian: g1.clone(),
            id: "b1".into(),
        };
        let tomorrow = Timestamp(at.millis() + DAY_MS);
        let wrong_day = run(&mut records, |tx| {
            now_or_never(check_in_child(tx, &staff(), &check_in, tomorrow)).unwrap()
        });
        assert_eq!(refusal(wrong_day), RejectionCode::NotToday);
        let arrived = Timestamp(at.millis() + 60 * MINUTE_MS);
        run(&mut records, |tx| {
            now_or_never(check_in_child(tx, &staff(), &check_in, arrived)).unwrap()
        })
        .unwrap();
        let stranger = run(&mut records, |tx| {
            now_or_never(check_out_child(tx, &staff(), &out("王芳", "邻居"), arrived)).unwrap()
        });
        assert_eq!(refusal(stranger), RejectionCode::Forbidden);
        run(&mut records, |tx| {
            now_or_never(check_out_child(tx, &staff(), &out("王芳", "妈妈"), arrived)).unwrap()
        })
        .unwrap();
        let booked: CareBooking = serde_json::from_value(records[&booking(&g1, "b1")].clone()).unwrap();
        assert_eq!(booked.status, BookingStatus::CheckedOut);
        let handover = booked.handover.unwrap();
        assert_eq!(
            (handover.collector.as_str(), handover.relation.as_str()),
            ("王芳", "妈妈")
        );
    }

    #[test]
    fn a_session_takes_children_of_its_ages_up_to_its_places() {
        let mut records = village();
        let at = morning();
        let play = ScheduleCareSession {
            id: "play".into(),
            kind: SessionKind::ParentChildPlay,
            title: "亲子游戏".into(),
            date: Date::new(2026, 3, 5).unwrap(),
            from: 15 * 60,
            until: 16 * 60,
            min_months: 24,
            max_months: 48,
            places: 1,
        };
        run(&mut records, |tx| {
            now_or_never(schedule_session(tx, &staff(), &play, at)).unwrap()
        })
        .unwrap();
        let sign = |child: &str| CareSignupRef {
            session: "play".into(),
            child: child.into(),
        };
        // c1 is 25 months old on the day, c2 37: both fit, but one place.
        run(&mut records, |tx| {
            now_or_never(sign_up_session(tx, &guardian(), &sign("c1"), at)).unwrap()
        })
        .unwrap();
        let full = run(&mut records, |tx| {
            now_or_never(sign_up_session(tx, &guardian(), &sign("c2"), at)).unwrap()
        });
        assert_eq!(refusal(full), RejectionCode::ActivityFull);
        run(&mut records, |tx| {
            now_or_never(withdraw_signup(tx, &guardian(), &sign("c1"), at)).unwrap()
        })
        .unwrap();
        run(&mut records, |tx| {
            now_or_never(sign_up_session(tx, &guardian(), &sign("c2"), at)).unwrap()
        })
        .unwrap();
        let taken: CareSession = serde_json::from_value(records[&session("play")].clone()).unwrap();
        assert_eq!(taken.taken, 1);
    }

    #[test]
    fn the_roster_lists_the_days_children_by_start() {
        let g1: MemberId = "g1".parse().unwrap();
        let day = Date::new(2026, 3, 2).unwrap();
        let booking_at = |id: &str, from: u16, status| CareBooking {
            id: id.into(),
            guardian: g1.clone(),
            child: "c1".into(),
            date: day,
            from,
            until: from + 60,
            status,
            entered_by: g1.clone(),
            checked_in_at: None,
            checked_in_by: None,
            handover: None,
            slots: vec![from],
        };
        let bookings = [
            booking_at("late", 14 * 60, BookingStatus::Booked),
            booking_at("gone", 9 * 60, BookingStatus::Cancelled),
        ];
        let sessions = [CareSession {
            id: "story".into(),
            kind: SessionKind::EarlyEducation,
            title: "绘本".into(),
            date: day,
            from: 10 * 60,
            until: 11 * 60,
            min_months: 12,
            max_months: 72,
            places: 5,
            taken: 1,
        }];
        let signups = [SessionSignup {
            session: "story".into(),
            child: "c2".into(),
            guardian: g1.clone(),
            at: morning(),
        }];
        let roster = roster(day, &bookings, &signups, &sessions);
        let starts: Vec<_> = roster.iter().map(RosterEntry::starts).collect();
        assert_eq!(starts, [600, 840]);
    }
}
