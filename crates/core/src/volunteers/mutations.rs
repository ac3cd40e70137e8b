//! The volunteers and grids mutations: one function each, run by the
//! browser to show the result at once and by the server to decide.

use serde::{Deserialize, Serialize};

use super::cases::CaseAction;
use super::records::{
    self, Activity, Attendance, Availability, CareCategory, CareEntry, CareService, Case, CaseKind, CaseStep,
    Grid, GridMember, Household, Part, Signup, VisitLog, VisitPlan, VolunteerProfile,
};
use crate::calendar::{Date, LocalTime};
use crate::ids::MemberId;
use crate::members::{read, to_value};
use crate::rejection::{rejected, valid_id, ApplyError, RejectionCode};
use crate::role::Actor;
use crate::role::OFFICERS;
use crate::text;
use crate::time::Timestamp;
use crate::time::{DAY_MS, HOUR_MS, MINUTE_MS};
use crate::tx::Tx;

pub const NAME_MAX_CHARS: usize = 80;
pub const NOTE_MAX_CHARS: usize = 2000;
/// How far ahead of the server's clock a device's clock may run when it
/// stamps a sign-in or sign-out.
pub const CLOCK_SKEW_MS: i64 = 5 * MINUTE_MS;
/// How long before an activity starts and after it ends attendance may be stamped.
pub const ATTENDANCE_MARGIN_MS: i64 = 2 * HOUR_MS;
/// The longest an activity may last: its hours count toward certificates.
pub const ACTIVITY_MAX_MS: i64 = 7 * DAY_MS;
/// How long after an activity began it may still be posted (a device that
/// was offline when the organiser made it).
pub const ACTIVITY_LATE_POST_MS: i64 = 30 * DAY_MS;
/// The most places an activity may offer.
pub const ACTIVITY_MAX_SLOTS: u32 = 10_000;
/// The most skills in a profile or an activity, and weekly slots in a profile.
pub const SKILLS_MAX: usize = 20;
pub const AVAILABILITY_MAX: usize = 21;
/// The most steps a case's timeline keeps (a case escalated and taken back
/// again and again stops growing).
pub const CASE_STEPS_MAX: usize = 100;
/// The most services one care-ledger entry records.
pub const CARE_SERVICES_MAX: usize = 1_000;

/// `setVolunteerProfile`: the member's own skills and weekly availability.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SetVolunteerProfile {
    pub skills: Vec<String>,
    pub availability: Vec<Availability>,
}

/// `postActivity`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PostActivity {
    pub id: String,
    pub title: String,
    pub starts_at: Timestamp,
    pub ends_at: Timestamp,
    pub place: String,
    pub slots: u32,
    #[serde(default)]
    pub skills: Vec<String>,
    #[serde(default)]
    pub grid: Option<String>,
}

/// `signUp` and `withdrawSignup`: the member's own.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ActivityRef {
    pub activity: String,
}

/// `signIn` and `signOut`: the organiser stamps a volunteer, read from their
/// member code, at `at` by the organiser's device (checked against the
/// server's clock).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct StampAttendance {
    pub activity: String,
    pub member: MemberId,
    pub at: Timestamp,
}

/// `logVisit`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LogVisit {
    pub id: String,
    pub household: String,
    pub date: Date,
    pub found: String,
    pub done: String,
}

/// `reportCase`: anyone reports what they saw.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ReportCase {
    pub id: String,
    pub kind: CaseKind,
    pub grid: String,
    pub place: String,
    pub text: String,
}

/// `advanceCase`: the next step on the case chain.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AdvanceCase {
    pub case: String,
    pub action: CaseAction,
    #[serde(default)]
    pub note: String,
}

/// `addCareEntry`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AddCareEntry {
    pub id: String,
    pub grid: String,
    pub person: String,
    pub category: CareCategory,
    pub needs: String,
    pub next_visit: Option<Date>,
}

/// `recordCareService`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RecordCareService {
    pub grid: String,
    pub id: String,
    pub kind: String,
    #[serde(default)]
    pub note: String,
    pub next_visit: Option<Date>,
}

fn is_officer(actor: &Actor) -> bool {
    actor.has_any(&OFFICERS)
}

/// Whether `actor` runs `grid`: its assigned grid worker (holding the role),
/// or an officer or admin.
pub async fn runs_grid(tx: &mut impl Tx, actor: &Actor, grid: &str) -> Result<bool, ApplyError> {
    if is_officer(actor) {
        return Ok(true);
    }
    let record: Option<Grid> = tx
        .get(&records::grid(grid))
        .await?
        .and_then(|value| serde_json::from_value(value).ok());
    Ok(record.is_some_and(|grid| grid.is_worked_by(actor)))
}

async fn require_grid_runner(
    tx: &mut impl Tx,
    actor: &Actor,
    grid: &str,
    target: &str,
) -> Result<(), ApplyError> {
    if tx.get(&records::grid(grid)).await?.is_none() {
        return Err(rejected(RejectionCode::NotFound, &records::grid(grid)));
    }
    if !runs_grid(tx, actor, grid).await? {
        return Err(rejected(RejectionCode::Forbidden, target));
    }
    Ok(())
}

/// The non-empty items, trimmed, each once in their first order; at most `max`.
fn clean_list(items: &[String], max: usize, target: &str) -> Result<Vec<String>, ApplyError> {
    let mut cleaned: Vec<String> = Vec::new();
    for item in items.iter().filter(|item| !item.trim().is_empty()) {
        let item = text::required(item, NAME_MAX_CHARS, target)?;
        if !cleaned.contains(&item) {
            cleaned.push(item);
        }
    }
    if cleaned.len() > max {
        return Err(rejected(RejectionCode::InvalidArgs, target));
    }
    Ok(cleaned)
}

pub async fn upsert_grid(
    tx: &mut impl Tx,
    _actor: &Actor,
    grid: &Grid,
    _now: Timestamp,
) -> Result<(), ApplyError> {
    let key = records::grid(&grid.id);
    valid_id(&grid.id, &key)?;
    let record = Grid {
        id: grid.id.clone(),
        name: text::required(&grid.name, NAME_MAX_CHARS, &key)?,
        area: text::optional(&grid.area, NOTE_MAX_CHARS, &key)?,
        worker: grid.worker.clone(),
    };
    if let Some(worker) = &record.worker {
        if tx.get(&crate::keys::member(worker)).await?.is_none() {
            return Err(rejected(RejectionCode::NotFound, &key));
        }
    }
    tx.put(&key, to_value(&record)).await?;
    Ok(())
}

pub async fn assign_to_grid(
    tx: &mut impl Tx,
    actor: &Actor,
    args: &GridMember,
    _now: Timestamp,
) -> Result<(), ApplyError> {
    let key = records::person(&args.member);
    valid_id(&args.grid, records::GRID_PREFIX)?;
    require_grid_runner(tx, actor, &args.grid, &key).await?;
    if tx.get(&crate::keys::member(&args.member)).await?.is_none() {
        return Err(rejected(RejectionCode::NotFound, &key));
    }
    // A member placed in another grid moves only with that grid's runner too.
    let placed: Option<GridMember> = tx
        .get(&key)
        .await?
        .and_then(|value| serde_json::from_value(value).ok());
    if let Some(placed) = placed {
        if placed.grid != args.grid && !runs_grid(tx, actor, &placed.grid).await? {
            return Err(rejected(RejectionCode::Forbidden, &key));
        }
    }
    let mut parts = args.parts.clone();
    parts.sort();
    parts.dedup();
    let record = GridMember {
        member: args.member.clone(),
        grid: args.grid.clone(),
        parts,
    };
    tx.put(&key, to_value(&record)).await?;
    Ok(())
}

pub async fn set_profile(
    tx: &mut impl Tx,
    actor: &Actor,
    args: &SetVolunteerProfile,
    _now: Timestamp,
) -> Result<(), ApplyError> {
    let key = records::profile(&actor.member);
    if args.availability.len() > AVAILABILITY_MAX
        || args
            .availability
            .iter()
            .any(|slot| slot.from >= slot.until || slot.until > 24 * 60)
    {
        return Err(rejected(RejectionCode::InvalidArgs, &key));
    }
    let profile = VolunteerProfile {
        member: actor.member.clone(),
        skills: clean_list(&args.skills, SKILLS_MAX, &key)?,
        availability: args.availability.clone(),
    };
    tx.put(&key, to_value(&profile)).await?;
    Ok(())
}

pub async fn post_activity(
    tx: &mut impl Tx,
    actor: &Actor,
    args: &PostActivity,
    now: Timestamp,
) -> Result<(), ApplyError> {
    let key = records::activity(&args.id);
    valid_id(&args.id, &key)?;
    let title = text::required(&args.title, NAME_MAX_CHARS, &key)?;
    let place = text::required(&args.place, NAME_MAX_CHARS, &key)?;
    let length = args.ends_at.millis() - args.starts_at.millis();
    if length <= 0
        || length > ACTIVITY_MAX_MS
        || args.ends_at <= now
        || args.starts_at.millis() < now.millis() - ACTIVITY_LATE_POST_MS
        || !(1..=ACTIVITY_MAX_SLOTS).contains(&args.slots)
    {
        return Err(rejected(RejectionCode::InvalidArgs, &key));
    }
    if let Some(grid) = &args.grid {
        valid_id(grid, records::GRID_PREFIX)?;
        require_grid_runner(tx, actor, grid, &key).await?;
    }
    if tx.get(&key).await?.is_some() {
        return Err(rejected(RejectionCode::AlreadyExists, &key));
    }
    let activity = Activity {
        id: args.id.clone(),
        title,
        starts_at: args.starts_at,
        ends_at: args.ends_at,
        place,
        slots: args.slots,
        skills: clean_list(&args.skills, SKILLS_MAX, &key)?,
        grid: args.grid.clone(),
        organiser: actor.member.clone(),
    };
    tx.put(&key, to_value(&activity)).await?;
    Ok(())
}

pub async fn sign_up(
    tx: &mut impl Tx,
    actor: &Actor,
    args: &ActivityRef,
    now: Timestamp,
) -> Result<(), ApplyError> {
    valid_id(&args.activity, records::ACTIVITY_PREFIX)?;
    let key = records::activity(&args.activity);
    let activity: Activity = read(tx, &key).await?;
    if now >= activity.ends_at {
        return Err(rejected(RejectionCode::TooLate, &key));
    }
    let signup_key = records::signup(&args.activity, &actor.member);
    if tx.get(&signup_key).await?.is_some() {
        return Err(rejected(RejectionCode::AlreadyExists, &key));
    }
    let taken = tx.scan(&records::signups_of(&args.activity)).await?.len() as u32;
    if taken >= activity.slots {
        return Err(rejected(RejectionCode::ActivityFull, &key));
    }
    let signup = Signup {
        member: actor.member.clone(),
        at: now,
    };
    tx.put(&signup_key, to_value(&signup)).await?;
    Ok(())
}

pub async fn withdraw_signup(
    tx: &mut impl Tx,
    actor: &Actor,
    args: &ActivityRef,
    _now: Timestamp,
) -> Result<(), ApplyError> {
    valid_id(&args.activity, records::ACTIVITY_PREFIX)?;
    let key = records::activity(&args.activity);
    let signup_key = records::signup(&args.activity, &actor.member);
    if tx.get(&signup_key).await?.is_none() {
        return Err(rejected(RejectionCode::NotFound, &key));
    }
    if tx
        .get(&records::attendance(&args.activity, &actor.member))
        .await?
        .is_some()
    {
        return Err(rejected(RejectionCode::WrongStage, &key));
    }
    tx.del(&signup_key).await?;
    Ok(())
}

/// The activity, if `actor` may stamp attendance for it and `at` is a
/// believable moment: its organiser or an officer, never the volunteer for
/// themself, within the activity's hours and not ahead of the server's clock.
async fn stampable(
    tx: &mut impl Tx,
    actor: &Actor,
    args: &StampAttendance,
    now: Timestamp,
) -> Result<Activity, ApplyError> {
    valid_id(&args.activity, records::ACTIVITY_PREFIX)?;
    let key = records::activity(&args.activity);
    let activity: Activity = read(tx, &key).await?;
    if (activity.organiser != actor.member && !is_officer(actor)) || args.member == actor.member {
        return Err(rejected(RejectionCode::Forbidden, &key));
    }
    if tx.get(&crate::keys::member(&args.member)).await?.is_none() {
        return Err(rejected(RejectionCode::NotFound, &key));
    }
    let at = args.at.millis();
    if at > now.millis().saturating_add(CLOCK_SKEW_MS)
        || at < activity.starts_at.millis().saturating_sub(ATTENDANCE_MARGIN_MS)
        || at > activity.ends_at.millis().saturating_add(ATTENDANCE_MARGIN_MS)
    {
        return Err(rejected(RejectionCode::InvalidArgs, &key));
    }
    Ok(activity)
}

pub async fn sign_in(
    tx: &mut impl Tx,
    actor: &Actor,
    args: &StampAttendance,
    now: Timestamp,
) -> Result<(), ApplyError> {
    stampable(tx, actor, args, now).await?;
    let key = records::attendance(&args.activity, &args.member);
    if tx.get(&key).await?.is_some() {
        return Err(rejected(RejectionCode::AlreadyExists, &key));
    }
    let attendance = Attendance {
        activity: args.activity.clone(),
        member: args.member.clone(),
        signed_in_at: args.at,
        signed_out_at: None,
        recorded_by: actor.member.clone(),
    };
    tx.put(&key, to_value(&attendance)).await?;
    Ok(())
}

pub async fn sign_out(
    tx: &mut impl Tx,
    actor: &Actor,
    args: &StampAttendance,
    now: Timestamp,
) -> Result<(), ApplyError> {
    stampable(tx, actor, args, now).await?;
    let key = records::attendance(&args.activity, &args.member);
    let mut attendance: Attendance = read(tx, &key).await?;
    if attendance.signed_out_at.is_some() {
        return Err(rejected(RejectionCode::AlreadyExists, &key));
    }
    if args.at <= attendance.signed_in_at {
        return Err(rejected(RejectionCode::InvalidArgs, &key));
    }
    attendance.signed_out_at = Some(args.at);
    tx.put(&key, to_value(&attendance)).await?;
    Ok(())
}

pub async fn add_household(
    tx: &mut impl Tx,
    actor: &Actor,
    args: &Household,
    _now: Timestamp,
) -> Result<(), ApplyError> {
    let key = records::household(&args.id);
    valid_id(&args.id, &key)?;
    valid_id(&args.grid, records::GRID_PREFIX)?;
    require_grid_runner(tx, actor, &args.grid, &key).await?;
    // Changing a household, even moving it here, needs its present grid's runner too.
    let present: Option<Household> = tx
        .get(&key)
        .await?
        .and_then(|value| serde_json::from_value(value).ok());
    if let Some(present) = present {
        if present.grid != args.grid && !runs_grid(tx, actor, &present.grid).await? {
            return Err(rejected(RejectionCode::Forbidden, &key));
        }
    }
    let household = Household {
        id: args.id.clone(),
        grid: args.grid.clone(),
        address: text::required(&args.address, NAME_MAX_CHARS, &key)?,
        head: text::required(&args.head, NAME_MAX_CHARS, &key)?,
        category: args.category,
    };
    tx.put(&key, to_value(&household)).await?;
    Ok(())
}

pub async fn set_visit_plan(
    tx: &mut impl Tx,
    actor: &Actor,
    args: &VisitPlan,
    _now: Timestamp,
) -> Result<(), ApplyError> {
    let key = records::plan(&args.id);
    valid_id(&args.id, &key)?;
    // Whoever may set a plan for its grid (or, without one, the community).
    async fn may_plan(
        tx: &mut impl Tx,
        actor: &Actor,
        grid: &Option<String>,
        key: &str,
    ) -> Result<(), ApplyError> {
        match grid {
            Some(grid) => {
                valid_id(grid, records::GRID_PREFIX)?;
                require_grid_runner(tx, actor, grid, key).await
            }
            None if !is_officer(actor) => Err(rejected(RejectionCode::Forbidden, key)),
            None => Ok(()),
        }
    }
    may_plan(tx, actor, &args.grid, &key).await?;
    let present: Option<VisitPlan> = tx
        .get(&key)
        .await?
        .and_then(|value| serde_json::from_value(value).ok());
    if let Some(present) = present {
        // Replacing a plan needs the right to set the plan it replaces.
        may_plan(tx, actor, &present.grid, &key).await?;
    }
    if args.round_days.iter().any(|days| !(1..=366).contains(days)) {
        return Err(rejected(RejectionCode::InvalidArgs, &key));
    }
    let plan = VisitPlan {
        name: text::required(&args.name, NAME_MAX_CHARS, &key)?,
        ..args.clone()
    };
    tx.put(&key, to_value(&plan)).await?;
    Ok(())
}

/// Whether `actor` may visit a household of `grid`: who runs the grid, or
/// its 铁三角 (party members, building heads, household heads).
async fn may_visit(tx: &mut impl Tx, actor: &Actor, grid: &str) -> Result<bool, ApplyError> {
    if runs_grid(tx, actor, grid).await? {
        return Ok(true);
    }
    let person: Option<GridMember> = tx
        .get(&records::person(&actor.member))
        .await?
        .and_then(|value| serde_json::from_value(value).ok());
    Ok(person.is_some_and(|person| {
        person.grid == grid && person.parts.iter().any(|part| *part != Part::Volunteer)
    }))
}

pub async fn log_visit(
    tx: &mut impl Tx,
    actor: &Actor,
    args: &LogVisit,
    now: Timestamp,
) -> Result<(), ApplyError> {
    valid_id(&args.household, records::HOUSEHOLD_PREFIX)?;
    let key = records::visit(&args.household, &args.id);
    valid_id(&args.id, &key)?;
    let household: Household = read(tx, &records::household(&args.household)).await?;
    if !may_visit(tx, actor, &household.grid).await? {
        return Err(rejected(RejectionCode::Forbidden, &key));
    }
    if args.date > LocalTime::of(Timestamp(now.millis() + CLOCK_SKEW_MS)).date {
        return Err(rejected(RejectionCode::InvalidArgs, &key));
    }
    if tx.get(&key).await?.is_some() {
        return Err(rejected(RejectionCode::AlreadyExists, &key));
    }
    let visit = VisitLog {
        id: args.id.clone(),
        household: args.household.clone(),
        visitor: actor.member.clone(),
        date: args.date,
        found: text::required(&args.found, NOTE_MAX_CHARS, &key)?,
        done: text::optional(&args.done, NOTE_MAX_CHARS, &key)?,
        at: now,
    };
    tx.put(&key, to_value(&visit)).await?;
    Ok(())
}

pub async fn report_case(
    tx: &mut impl Tx,
    actor: &Actor,
    args: &ReportCase,
    now: Timestamp,
) -> Result<(), ApplyError> {
    let key = records::case(&args.id);
    valid_id(&args.id, &key)?;
    let place = text::required(&args.place, NAME_MAX_CHARS, &key)?;
    let body = text::required(&args.text, NOTE_MAX_CHARS, &key)?;
    valid_id(&args.grid, records::GRID_PREFIX)?;
    if tx.get(&records::grid(&args.grid)).await?.is_none() {
        return Err(rejected(RejectionCode::NotFound, &records::grid(&args.grid)));
    }
    if tx.get(&key).await?.is_some() {
        return Err(rejected(RejectionCode::AlreadyExists, &key));
    }
    let case = Case {
        id: args.id.clone(),
        kind: args.kind,
        grid: args.grid.clone(),
        place,
        text: body.clone(),
        reporter: actor.member.clone(),
        status: super::cases::CaseStatus::Reported,
        timeline: vec![CaseStep {
            action: None,
            by: actor.member.clone(),
            at: now,
            note: body,
        }],
        patrol: None,
    };
    tx.put(&key, to_value(&case)).await?;
    Ok(())
}

pub async fn advance_case(
    tx: &mut impl Tx,
    actor: &Actor,
    args: &AdvanceCase,
    now: Timestamp,
) -> Result<(), ApplyError> {
    valid_id(&args.case, records::CASE_PREFIX)?;
    let key = records::case(&args.case);
    let mut case: Case = read(tx, &key).await?;
    let allowed = if case.status.needs_community() {
        is_officer(actor)
    } else {
        runs_grid(tx, actor, &case.grid).await?
    };
    if !allowed {
        return Err(rejected(RejectionCode::Forbidden, &key));
    }
    let next = case
        .status
        .after(args.action)
        .ok_or_else(|| rejected(RejectionCode::WrongStage, &key))?;
    let note = match args.action {
        // What was done and what the reporter is told must be written down.
        CaseAction::Handle | CaseAction::Feedback => text::required(&args.note, NOTE_MAX_CHARS, &key)?,
        CaseAction::Accept | CaseAction::Escalate => text::optional(&args.note, NOTE_MAX_CHARS, &key)?,
    };
    if case.timeline.len() >= CASE_STEPS_MAX {
        return Err(rejected(RejectionCode::WrongStage, &key));
    }
    case.status = next;
    case.timeline.push(CaseStep {
        action: Some(args.action),
        by: actor.member.clone(),
        at: now,
        note,
    });
    tx.put(&key, to_value(&case)).await?;
    Ok(())
}

pub async fn add_care_entry(
    tx: &mut impl Tx,
    actor: &Actor,
    args: &AddCareEntry,
    _now: Timestamp,
) -> Result<(), ApplyError> {
    valid_id(&args.grid, records::GRID_PREFIX)?;
    let key = records::care(&args.grid, &args.id);
    valid_id(&args.id, &key)?;
    require_grid_runner(tx, actor, &args.grid, &key).await?;
    if tx.get(&key).await?.is_some() {
        return Err(rejected(RejectionCode::AlreadyExists, &key));
    }
    let entry = CareEntry {
        id: args.id.clone(),
        grid: args.grid.clone(),
        person: text::required(&args.person, NAME_MAX_CHARS, &key)?,
        category: args.category,
        needs: text::required(&args.needs, NOTE_MAX_CHARS, &key)?,
        services: Vec::new(),
        next_visit: args.next_visit,
    };
    tx.put(&key, to_value(&entry)).await?;
    Ok(())
}

pub async fn record_care_service(
    tx: &mut impl Tx,
    actor: &Actor,
    args: &RecordCareService,
    now: Timestamp,
) -> Result<(), ApplyError> {
    valid_id(&args.grid, records::GRID_PREFIX)?;
    valid_id(&args.id, records::CARE_PREFIX)?;
    let key = records::care(&args.grid, &args.id);
    require_grid_runner(tx, actor, &args.grid, &key).await?;
    let mut entry: CareEntry = read(tx, &key).await?;
    if entry.services.len() >= CARE_SERVICES_MAX {
        return Err(rejected(RejectionCode::InvalidArgs, &key));
    }
    entry.services.push(CareService {
        kind: text::required(&args.kind, NAME_MAX_CHARS, &key)?,
        note: text::optional(&args.note, NOTE_MAX_CHARS, &key)?,
        by: actor.member.clone(),
        at: now,
    });
    entry.next_visit = args.next_visit;
    tx.put(&key, to_value(&entry)).await?;
    Ok(())
}
