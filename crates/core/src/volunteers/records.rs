//! The volunteers and grids records and their keys.
//!
//! All are the community's to read except the care ledger, filed under its
//! grid (`vol/care/<grid>/<id>`) for that grid's worker, officers and admins
//! ([`RECORD_KINDS`](super::RECORD_KINDS)).

use serde::{Deserialize, Serialize};

use super::cases::{CaseAction, CaseStatus};
use crate::calendar::{Date, MinuteOfDay, Weekday};
use crate::ids::MemberId;
use crate::time::Timestamp;

pub const GRID_PREFIX: &str = "vol/grid/";
pub const PERSON_PREFIX: &str = "vol/person/";
pub const PROFILE_PREFIX: &str = "vol/profile/";
pub const ACTIVITY_PREFIX: &str = "vol/activity/";
pub const ATTENDANCE_PREFIX: &str = "vol/attendance/";
pub const HOUSEHOLD_PREFIX: &str = "vol/household/";
pub const PLAN_PREFIX: &str = "vol/plan/";
pub const VISIT_PREFIX: &str = "vol/visit/";
pub const CASE_PREFIX: &str = "vol/case/";
pub const CARE_PREFIX: &str = "vol/care/";
pub const SIGNUP_PREFIX: &str = "vol/signup/";

pub fn grid(id: &str) -> String {
    format!("{GRID_PREFIX}{id}")
}

pub fn person(member: &MemberId) -> String {
    format!("{PERSON_PREFIX}{member}")
}

pub fn profile(member: &MemberId) -> String {
    format!("{PROFILE_PREFIX}{member}")
}

pub fn activity(id: &str) -> String {
    format!("{ACTIVITY_PREFIX}{id}")
}

pub fn signup(activity: &str, member: &MemberId) -> String {
    format!("{SIGNUP_PREFIX}{activity}/{member}")
}

pub fn signups_of(activity: &str) -> String {
    format!("{SIGNUP_PREFIX}{activity}/")
}

pub fn attendance(activity: &str, member: &MemberId) -> String {
    format!("{ATTENDANCE_PREFIX}{activity}/{member}")
}

pub fn household(id: &str) -> String {
    format!("{HOUSEHOLD_PREFIX}{id}")
}

pub fn plan(id: &str) -> String {
    format!("{PLAN_PREFIX}{id}")
}

pub fn visit(household: &str, id: &str) -> String {
    format!("{VISIT_PREFIX}{household}/{id}")
}

pub fn case(id: &str) -> String {
    format!("{CASE_PREFIX}{id}")
}

/// The grid comes first so that the audience can be read off the key.
pub fn care(grid: &str, id: &str) -> String {
    format!("{CARE_PREFIX}{grid}/{id}")
}

/// `vol/grid/<id>`: a grid (网格) and its grid worker (网格员).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Grid {
    pub id: String,
    pub name: String,
    /// The streets, buildings or groups it covers.
    pub area: String,
    pub worker: Option<MemberId>,
}

impl Grid {
    /// Whether `actor` is this grid's worker: assigned here and holding the
    /// grid-worker role. Officers and admins run every grid besides (see
    /// `mutations::runs_grid`).
    pub fn is_worked_by(&self, actor: &crate::role::Actor) -> bool {
        actor.has_any(&[crate::role::Role::GridWorker]) && self.worker.as_ref() == Some(&actor.member)
    }
}

/// A member's part in their grid.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Part {
    PartyMember,
    BuildingHead,
    /// 联户长: looks after a group of neighbouring households.
    HouseholdHead,
    Volunteer,
}

impl Part {
    pub const ALL: [Part; 4] = [
        Part::PartyMember,
        Part::BuildingHead,
        Part::HouseholdHead,
        Part::Volunteer,
    ];
}

/// `vol/person/<member>`: which grid a member belongs to and their parts there.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GridMember {
    pub member: MemberId,
    pub grid: String,
    pub parts: Vec<Part>,
}

/// A weekly time a volunteer is usually free.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Availability {
    pub weekday: Weekday,
    pub from: MinuteOfDay,
    pub until: MinuteOfDay,
}

/// `vol/profile/<member>`: a volunteer's skills and weekly availability.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct VolunteerProfile {
    pub member: MemberId,
    pub skills: Vec<String>,
    pub availability: Vec<Availability>,
}

/// `vol/activity/<id>`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Activity {
    pub id: String,
    pub title: String,
    pub starts_at: Timestamp,
    pub ends_at: Timestamp,
    pub place: String,
    pub slots: u32,
    pub skills: Vec<String>,
    pub grid: Option<String>,
    pub organiser: MemberId,
}

/// `vol/signup/<activity>/<member>`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Signup {
    pub member: MemberId,
    pub at: Timestamp,
}

/// `vol/attendance/<activity>/<member>`: signed in and out by the organiser.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Attendance {
    pub activity: String,
    pub member: MemberId,
    pub signed_in_at: Timestamp,
    pub signed_out_at: Option<Timestamp>,
    pub recorded_by: MemberId,
}

/// How much attention a household needs; the visit rounds go in this order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HouseholdCategory {
    /// 重点户: e.g. elders living alone, people under care.
    Key,
    General,
    /// 困难户.
    Difficulty,
}

/// `vol/household/<id>`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Household {
    pub id: String,
    pub grid: String,
    pub address: String,
    pub head: String,
    pub category: HouseholdCategory,
}

/// `vol/plan/<id>`: a plan of three visit rounds (三遍走) from `start`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct VisitPlan {
    pub id: String,
    /// One grid, or every grid when `None`.
    pub grid: Option<String>,
    pub name: String,
    pub start: Date,
    /// Days for the key, general and difficulty rounds.
    pub round_days: [u16; 3],
}

/// `vol/visit/<household>/<id>`: one visit.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct VisitLog {
    pub id: String,
    pub household: String,
    pub visitor: MemberId,
    pub date: Date,
    pub found: String,
    pub done: String,
    pub at: Timestamp,
}

/// What a case is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CaseKind {
    /// A safety hazard: corridor clutter, flying-wire charging, a blocked fire exit.
    Hazard,
    Dispute,
    Request,
}

/// One step on a case's timeline.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CaseStep {
    /// `None` for the report itself.
    pub action: Option<CaseAction>,
    pub by: MemberId,
    pub at: Timestamp,
    pub note: String,
}

/// `vol/case/<id>`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Case {
    pub id: String,
    pub kind: CaseKind,
    pub grid: String,
    pub place: String,
    pub text: String,
    pub reporter: MemberId,
    pub status: CaseStatus,
    pub timeline: Vec<CaseStep>,
    /// The fire-safety patrol whose finding opened it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub patrol: Option<PatrolRef>,
}

/// The patrol a case came from, and the checklist item found.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PatrolRef {
    pub grid: String,
    pub patrol: String,
    /// The item's id (a standard one) or label (one officers added).
    pub item: String,
}

/// Whom a care-ledger entry is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CareCategory {
    SolitaryElder,
    Disabled,
    ChildInDifficulty,
}

/// A service given to a person on the care ledger.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CareService {
    /// Such as in-home certification, paying bills on their behalf, errands.
    pub kind: String,
    pub note: String,
    pub by: MemberId,
    pub at: Timestamp,
}

/// `vol/care/<grid>/<id>`: one person on the grid's care ledger (帮扶台账).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CareEntry {
    pub id: String,
    pub grid: String,
    pub person: String,
    pub category: CareCategory,
    pub needs: String,
    pub services: Vec<CareService>,
    pub next_visit: Option<Date>,
}
