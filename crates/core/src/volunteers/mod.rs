//! Volunteers and grids (网格 / 志愿者): the grid registry and who belongs
//! where, activities with sign-in and service hours, household visit rounds
//! (三遍走), the case chain (巡查—上报—处置—反馈) and the care ledger (帮扶台账).
//!
//! Care-ledger entries are filed under their grid (`vol/care/<grid>/…`): only
//! that grid's worker, officers and admins ever receive them
//! (`Readers::Grid` below).
//!
//! - this file: the module's declaration, its records' readers and its
//!   mutations (who may run each, the rule that applies it, an example);
//! - [`records`]: the records and their keys; [`mutations`]: the rules;
//! - [`hours`], [`visits`], [`cases`]: service hours, visit rounds and the
//!   case chain's steps; [`codes`]: volunteers' sign-in codes.

pub mod cases;
pub mod codes;
pub mod hours;
pub mod mutations;
pub mod records;
pub mod visits;

use crate::keys::{Readers, RecordKind};
use crate::role::{MayRun, Role, OFFICERS};
use mutations::{
    ActivityRef, AddCareEntry, AdvanceCase, LogVisit, PostActivity, RecordCareService, ReportCase,
    SetVolunteerProfile, StampAttendance,
};
use records::{Grid, GridMember, Household, VisitPlan};

/// Who may try the grid mutations; whether they run that grid is checked
/// by each mutation.
pub const GRID_RUNNERS: [Role; 3] = [Role::GridWorker, Role::Officer, Role::Admin];

/// Who reads each of the volunteers and grids records.
pub const RECORD_KINDS: &[crate::keys::RecordKind] = &[
    RecordKind::new(records::GRID_PREFIX, Readers::Community),
    RecordKind::new(records::PERSON_PREFIX, Readers::Community),
    RecordKind::new(records::PROFILE_PREFIX, Readers::Community),
    RecordKind::new(records::ACTIVITY_PREFIX, Readers::Community),
    RecordKind::new(records::SIGNUP_PREFIX, Readers::Community),
    RecordKind::new(records::ATTENDANCE_PREFIX, Readers::Community),
    RecordKind::new(records::HOUSEHOLD_PREFIX, Readers::Community),
    RecordKind::new(records::PLAN_PREFIX, Readers::Community),
    RecordKind::new(records::VISIT_PREFIX, Readers::Community),
    RecordKind::new(records::CASE_PREFIX, Readers::Community),
    RecordKind::new(records::CARE_PREFIX, Readers::Grid),
    RecordKind::new(codes::CODE_PREFIX, Readers::Member(&GRID_RUNNERS)),
];

declare_module! {
    /// The volunteers and grids mutations: the registry, activities and attendance, visits,
    /// cases and the care ledger.
    module "volunteers" as VolunteersMutation;
    records: RECORD_KINDS;
    mutations {
        UpsertGrid(Grid) = "upsertGrid" {
            who: MayRun::Holders(&OFFICERS),
            run: mutations::upsert_grid,
            example: {"id": "g1", "name": "第一网格", "area": "1-3号楼", "worker": "m2"},
        }
        AssignToGrid(GridMember) = "assignToGrid" {
            who: MayRun::Holders(&GRID_RUNNERS),
            run: mutations::assign_to_grid,
            example: {"member": "m1", "grid": "g1", "parts": ["party_member", "household_head"]},
        }
        SetVolunteerProfile(SetVolunteerProfile) = "setVolunteerProfile" {
            who: MayRun::AnyMember,
            run: mutations::set_profile,
            example: {"skills": ["理发"], "availability": [{"weekday": "saturday", "from": 540, "until": 720}]},
        }
        PostActivity(PostActivity) = "postActivity" {
            who: MayRun::Holders(&GRID_RUNNERS),
            run: mutations::post_activity,
            example: {"id": "a1", "title": "扫雪", "startsAt": 0, "endsAt": 10, "place": "小区", "slots": 10,
                      "skills": [], "grid": null},
        }
        SignUp(ActivityRef) = "signUp" {
            who: MayRun::AnyMember,
            run: mutations::sign_up,
            example: {"activity": "a1"},
        }
        WithdrawSignup(ActivityRef) = "withdrawSignup" {
            who: MayRun::AnyMember,
            run: mutations::withdraw_signup,
            example: {"activity": "a1"},
        }
        NewVolunteerCode(codes::NewVolunteerCode) = "newVolunteerCode" {
            who: MayRun::AnyMember,
            run: codes::new_volunteer_code,
            example: {"code": "123456789"},
        }
        SignIn(StampAttendance) = "signIn" {
            who: MayRun::AnyMember,
            run: mutations::sign_in,
            example: {"activity": "a1", "member": "m1", "at": 5},
        }
        SignOut(StampAttendance) = "signOut" {
            who: MayRun::AnyMember,
            run: mutations::sign_out,
            example: {"activity": "a1", "member": "m1", "at": 9},
        }
        AddHousehold(Household) = "addHousehold" {
            who: MayRun::Holders(&GRID_RUNNERS),
            run: mutations::add_household,
            example: {"id": "h1", "grid": "g1", "address": "1号楼1单元101", "head": "王大爷", "category": "key"},
        }
        SetVisitPlan(VisitPlan) = "setVisitPlan" {
            who: MayRun::Holders(&GRID_RUNNERS),
            run: mutations::set_visit_plan,
            example: {"id": "winter", "grid": null, "name": "冬季三遍走", "start": "2026-02-20",
                      "roundDays": [7, 14, 10]},
        }
        LogVisit(LogVisit) = "logVisit" {
            who: MayRun::AnyMember,
            run: mutations::log_visit,
            example: {"id": "v1", "household": "h1", "date": "2026-02-21", "found": "暖气不热", "done": "已报修"},
        }
        ReportCase(ReportCase) = "reportCase" {
            who: MayRun::AnyMember,
            run: mutations::report_case,
            example: {"id": "k1", "kind": "hazard", "grid": "g1", "place": "3号楼楼道", "text": "楼道堆放杂物"},
        }
        AdvanceCase(AdvanceCase) = "advanceCase" {
            who: MayRun::Holders(&GRID_RUNNERS),
            run: mutations::advance_case,
            example: {"case": "k1", "action": "accept", "note": ""},
        }
        AddCareEntry(AddCareEntry) = "addCareEntry" {
            who: MayRun::Holders(&GRID_RUNNERS),
            run: mutations::add_care_entry,
            example: {"id": "c1", "grid": "g1", "person": "李奶奶", "category": "solitary_elder", "needs": "买菜",
                      "nextVisit": null},
        }
        RecordCareService(RecordCareService) = "recordCareService" {
            who: MayRun::Holders(&GRID_RUNNERS),
            run: mutations::record_care_service,
            example: {"grid": "g1", "id": "c1", "kind": "代缴电费", "note": "", "nextVisit": "2026-03-01"},
        }
    }
}
