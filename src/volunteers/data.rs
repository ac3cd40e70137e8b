//! Reading the grid records out of the member's view, typed.

use std::collections::BTreeMap;

use linli_core::calendar::{Date, LocalTime};
use linli_core::role::OFFICERS;
use linli_core::tx::under_prefix;
use linli_core::volunteers::records::{
    self, Activity, Attendance, CareEntry, Case, Grid, GridMember, Household, VisitLog, VisitPlan,
};
use linli_core::volunteers::visits::{visit_state, VisitState};
use linli_core::{Actor, MemberId, Timestamp};
use serde_json::Value;

pub use crate::view::{all, local_time, member_name, members_by_name, now, one, today, View};

pub fn grids(view: &View) -> Vec<Grid> {
    all(view, records::GRID_PREFIX)
}

pub fn grid_member(view: &View, member: &MemberId) -> Option<GridMember> {
    one(view, &records::person(member))
}

/// The grids `actor` runs: all for officers, their own for a grid worker.
pub fn grids_run_by(view: &View, actor: &Actor) -> Vec<Grid> {
    let officer = actor.has_any(&OFFICERS);
    grids(view)
        .into_iter()
        .filter(|grid| officer || grid.is_worked_by(actor))
        .collect()
}

/// Activities not yet over, soonest first; then the past ones, latest first.
pub fn activities(view: &View, now: Timestamp) -> Vec<Activity> {
    let mut activities: Vec<Activity> = all(view, records::ACTIVITY_PREFIX);
    activities.sort_by_key(|activity| {
        let over = activity.ends_at <= now;
        (
            over,
            if over {
                -activity.starts_at.millis()
            } else {
                activity.starts_at.millis()
            },
        )
    });
    activities
}

pub fn signups(view: &View, activity: &str) -> Vec<MemberId> {
    under_prefix(view, &records::signups_of(activity))
        .filter_map(|(key, _)| key.rsplit('/').next()?.parse().ok())
        .collect()
}

pub fn attendances(view: &View) -> Vec<Attendance> {
    all(view, records::ATTENDANCE_PREFIX)
}

/// A household with where it stands in the current visit plan.
#[derive(Clone, Debug, PartialEq)]
pub struct HouseholdRow {
    pub household: Household,
    pub state: Option<VisitState>,
    pub last_visit: Option<Date>,
}

/// The newest plan that covers `grid` (its own or every grid's).
pub fn plan_for(plans: &[VisitPlan], grid: &str) -> Option<VisitPlan> {
    plans
        .iter()
        .filter(|plan| plan.grid.as_deref().is_none_or(|covered| covered == grid))
        .max_by_key(|plan| plan.start)
        .cloned()
}

/// The households of `grids`, each with its visit state on `today`: one pass
/// over the visit logs, so thousands of logs stay cheap.
pub fn household_rows(view: &View, grids: &[String], today: Date) -> Vec<HouseholdRow> {
    let plans: Vec<VisitPlan> = all(view, records::PLAN_PREFIX);
    let mut last_visits: BTreeMap<String, Date> = BTreeMap::new();
    for (_, value) in under_prefix(view, records::VISIT_PREFIX) {
        if let (Some(household), Some(date)) = (
            value.get("household").and_then(Value::as_str),
            value
                .get("date")
                .and_then(Value::as_str)
                .and_then(|date| date.parse::<Date>().ok()),
        ) {
            let last = last_visits.entry(household.to_owned()).or_insert(date);
            *last = (*last).max(date);
        }
    }
    all::<Household>(view, records::HOUSEHOLD_PREFIX)
        .into_iter()
        .filter(|household| grids.contains(&household.grid))
        .map(|household| {
            let last_visit = last_visits.get(&household.id).copied();
            let state = plan_for(&plans, &household.grid)
                .map(|plan| visit_state(&plan, household.category, last_visit, today));
            HouseholdRow {
                household,
                state,
                last_visit,
            }
        })
        .collect()
}

pub fn visits_of(view: &View, household: &str) -> Vec<VisitLog> {
    let mut visits: Vec<VisitLog> = all(view, &format!("{}{household}/", records::VISIT_PREFIX));
    visits.sort_by_key(|visit| std::cmp::Reverse(visit.date));
    visits
}

/// Newest first.
pub fn cases(view: &View) -> Vec<Case> {
    let mut cases: Vec<Case> = all(view, records::CASE_PREFIX);
    cases.sort_by_key(|case| std::cmp::Reverse(case.timeline.first().map(|step| step.at)));
    cases
}

pub fn care_entries(view: &View) -> Vec<CareEntry> {
    all(view, records::CARE_PREFIX)
}

/// The moment a `datetime-local` value names in Hohhot.
pub fn parse_input_time(value: &str) -> Option<Timestamp> {
    value.parse::<LocalTime>().ok().map(LocalTime::timestamp)
}
