//! Community services (便民服务): appointments and home services (预约上门,
//! 代办, 代缴, 入户认证, 代购) with their timeline and the volunteer's report,
//! the bad-weather shelter, and policy look-up with questions to the
//! officers. Like every module, each change is a core mutation, made on a
//! phone with no network and decided the same way by the server.
//!
//! - this file: the module's declaration, its records' readers and its
//!   mutations (who may run each, the rule that applies it, an example);
//! - [`records`]: the records and their keys;
//! - [`requests`]: the catalogue and the requests; [`shelter`]: the
//!   shelter; [`policies`]: policy articles, questions and the search;
//!   [`childcare`]: the 萌宝驿站 childcare station; [`circle`]: the
//!   15-minute service circle and family-doctor signings.

pub mod childcare;
pub mod circle;
pub mod policies;
pub mod records;
pub mod requests;
pub mod shelter;

use crate::keys::{Readers, RecordKind};
use crate::role::{MayRun, Role, OFFICERS};
use childcare::{
    BookCare, CancelCare, CareSignupRef, CheckInChild, CheckOutChild, SaveChild, ScheduleCareSession,
    SetStation, CHILDCARE_STAFF, STATION_KEEPERS,
};
use circle::{RemoveServicePoint, ServicePoint, SignFamilyDoctor};
use policies::{AnswerQuestion, AskQuestion, PublishPolicy, WithdrawPolicy};
use records::Service;
use requests::{CancelServiceRequest, CloseServiceRequest, CompleteService, ConfirmService, RequestService};
use shelter::{CloseShelter, OpenShelter};

/// Who confirms a request's time and assigns its volunteer, and reads every
/// request with the resident's address and phone.
pub const SERVICE_STAFF: [Role; 3] = [Role::Officer, Role::Admin, Role::GridWorker];

/// Who may request a service for another member (a neighbour without a
/// phone, an elder at the door).
pub const ON_BEHALF: [Role; 4] = [Role::Volunteer, Role::GridWorker, Role::Officer, Role::Admin];

/// Who opens and closes the bad-weather shelter.
pub const SHELTER_KEEPERS: [Role; 3] = [Role::CanteenStaff, Role::Officer, Role::Admin];

/// Who reads each of the services records.
pub const RECORD_KINDS: &[RecordKind] = &[
    RecordKind::new(records::SERVICE_PREFIX, Readers::Community),
    RecordKind::new(records::REQUEST_PREFIX, Readers::Member(&SERVICE_STAFF)),
    RecordKind::new(records::ASSIGNED_PREFIX, Readers::Member(&[])),
    RecordKind::new(records::SHELTER_KEY, Readers::Community),
    RecordKind::new(records::POLICY_PREFIX, Readers::Community),
    RecordKind::new(records::QUESTION_PREFIX, Readers::Member(&OFFICERS)),
    RecordKind::new(records::FAQ_PREFIX, Readers::Community),
    RecordKind::new(circle::POINT_PREFIX, Readers::Community),
    RecordKind::new(circle::DOCTOR_PREFIX, Readers::Member(&OFFICERS)),
    RecordKind::new(childcare::STATION_KEY, Readers::Community),
    RecordKind::new(childcare::SESSION_PREFIX, Readers::Community),
    RecordKind::new(childcare::SLOTS_PREFIX, Readers::Community),
    RecordKind::new(childcare::CHILD_PREFIX, Readers::Member(&CHILDCARE_STAFF)),
    RecordKind::new(childcare::SIGNUP_PREFIX, Readers::Member(&CHILDCARE_STAFF)),
    RecordKind::new(childcare::BOOKING_PREFIX, Readers::Member(&CHILDCARE_STAFF)),
];

declare_module! {
    /// The community services' mutations: the catalogue and requests, the
    /// shelter, policies and questions, the childcare station.
    module "services" as ServicesMutation;
    records: RECORD_KINDS;
    mutations {
        UpsertService(Service) = "upsertService" {
            who: MayRun::Holders(&OFFICERS),
            run: requests::upsert_service,
            example: {"id": "s1", "nameZh": "上门理发", "nameEn": "Haircut at home", "kind": "home_visit",
                      "bring": "", "provider": "志愿者服务队", "atHome": true, "active": true},
        }
        RequestService(RequestService) = "requestService" {
            who: MayRun::AnyMember,
            run: requests::request_service,
            example: {"id": "r1", "service": "s1", "preferred": [{"date": "2026-03-02", "from": 540, "until": 660}],
                      "note": "", "address": "3号楼2单元101", "phone": "13800000000"},
        }
        ConfirmService(ConfirmService) = "confirmService" {
            who: MayRun::Holders(&SERVICE_STAFF),
            run: requests::confirm_service,
            example: {"member": "m1", "id": "r1", "scheduledAt": 5, "volunteer": "m2"},
        }
        CompleteService(CompleteService) = "completeService" {
            who: MayRun::AnyMember,
            run: requests::complete_service,
            example: {"member": "m1", "id": "r1", "startedAt": 1, "endedAt": 2, "note": "", "purchase": null},
        }
        CloseServiceRequest(CloseServiceRequest) = "closeServiceRequest" {
            who: MayRun::AnyMember,
            run: requests::close_service_request,
            example: {"id": "r1", "feedback": {"stars": 5, "text": "谢谢"}},
        }
        CancelServiceRequest(CancelServiceRequest) = "cancelServiceRequest" {
            who: MayRun::AnyMember,
            run: requests::cancel_service_request,
            example: {"id": "r1"},
        }
        OpenShelter(OpenShelter) = "openShelter" {
            who: MayRun::Holders(&SHELTER_KEEPERS),
            run: shelter::open_shelter,
            example: {"weather": "heat", "place": "食堂休息区", "onHand": "热水、防暑茶", "outdoorWorkers": true},
        }
        CloseShelter(CloseShelter) = "closeShelter" {
            who: MayRun::Holders(&SHELTER_KEEPERS),
            run: shelter::close_shelter,
            example: {},
        }
        PublishPolicy(PublishPolicy) = "publishPolicy" {
            who: MayRun::Holders(&OFFICERS),
            run: policies::publish_policy,
            example: {"id": "p1", "title": "助餐补贴", "body": "60周岁以上", "category": "养老",
                      "effectiveFrom": null, "effectiveUntil": null, "whereToApply": "社区服务站"},
        }
        WithdrawPolicy(WithdrawPolicy) = "withdrawPolicy" {
            who: MayRun::Holders(&OFFICERS),
            run: policies::withdraw_policy,
            example: {"id": "p1"},
        }
        AskQuestion(AskQuestion) = "askQuestion" {
            who: MayRun::AnyMember,
            run: policies::ask_question,
            example: {"id": "q1", "text": "医保怎么交？", "public": true},
        }
        AnswerQuestion(AnswerQuestion) = "answerQuestion" {
            who: MayRun::Holders(&OFFICERS),
            run: policies::answer_question,
            example: {"member": "m1", "id": "q1", "answer": "到社区服务站"},
        }
        UpsertServicePoint(ServicePoint) = "upsertServicePoint" {
            who: MayRun::Holders(&OFFICERS),
            run: circle::upsert_point,
            example: {"id": "pt1", "kind": "pharmacy", "name": "仁和大药房", "address": "喜悦路8号", "phone": "0471-1234567",
                      "hours": "08:00–21:00", "offers": "60岁以上老人药品九折", "walkMinutes": 5},
        }
        RemoveServicePoint(RemoveServicePoint) = "removeServicePoint" {
            who: MayRun::Holders(&OFFICERS),
            run: circle::remove_point,
            example: {"id": "pt1"},
        }
        SignFamilyDoctor(SignFamilyDoctor) = "signFamilyDoctor" {
            who: MayRun::AnyMember,
            run: circle::sign_family_doctor,
            example: {"point": "pt1", "doctor": "王建华", "since": "2025-03-01"},
        }
        SetStation(SetStation) = "setStation" {
            who: MayRun::Holders(&STATION_KEEPERS),
            run: childcare::set_station,
            example: {"name": "萌宝驿站", "place": "社区服务中心二楼", "opens": 480, "closes": 1080,
                      "slotMinutes": 60, "placesPerSlot": 6, "minMonths": 12, "maxMonths": 72},
        }
        SaveChild(SaveChild) = "saveChild" {
            who: MayRun::AnyMember,
            run: childcare::save_child,
            example: {"id": "c1", "name": "小宝", "birthDate": "2024-01-10", "allergies": "花生",
                      "careNotes": "", "collectors": [{"name": "王芳", "relation": "妈妈", "description": "短发"}]},
        }
        ScheduleCareSession(ScheduleCareSession) = "scheduleCareSession" {
            who: MayRun::Holders(&CHILDCARE_STAFF),
            run: childcare::schedule_session,
            example: {"id": "cs1", "kind": "early_education", "title": "绘本时光", "date": "2026-03-05",
                      "from": 900, "until": 960, "minMonths": 24, "maxMonths": 48, "places": 10},
        }
        SignUpCareSession(CareSignupRef) = "signUpCareSession" {
            who: MayRun::AnyMember,
            run: childcare::sign_up_session,
            example: {"session": "cs1", "child": "c1"},
        }
        WithdrawCareSignup(CareSignupRef) = "withdrawCareSignup" {
            who: MayRun::AnyMember,
            run: childcare::withdraw_signup,
            example: {"session": "cs1", "child": "c1"},
        }
        BookCare(BookCare) = "bookCare" {
            who: MayRun::AnyMember,
            run: childcare::book_care,
            example: {"id": "b1", "child": "c1", "date": "2026-03-02", "from": 540, "until": 660},
        }
        CancelCare(CancelCare) = "cancelCare" {
            who: MayRun::AnyMember,
            run: childcare::cancel_care,
            example: {"id": "b1"},
        }
        CheckInChild(CheckInChild) = "checkInChild" {
            who: MayRun::Holders(&CHILDCARE_STAFF),
            run: childcare::check_in_child,
            example: {"guardian": "m1", "id": "b1"},
        }
        CheckOutChild(CheckOutChild) = "checkOutChild" {
            who: MayRun::Holders(&CHILDCARE_STAFF),
            run: childcare::check_out_child,
            example: {"guardian": "m1", "id": "b1", "collector": "王芳", "relation": "妈妈"},
        }
    }
}
