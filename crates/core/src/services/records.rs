//! The community services records and their keys.
//!
//! The catalogue, the shelter, policy articles and public answers are the
//! community's to read. A request for a service (with the resident's
//! address and phone) is filed under its member, for them and the service
//! staff; the volunteer assigned to it reads their own copy, filed under
//! them ([`RECORD_KINDS`](super::RECORD_KINDS)). A question is its asker's
//! and the officers' until an answer to a public question makes it public.

use serde::{Deserialize, Serialize};

use crate::calendar::{Date, MinuteOfDay};
use crate::canteen::money::Fen;
use crate::ids::MemberId;
use crate::time::Timestamp;

pub const SERVICE_PREFIX: &str = "svc/service/";
pub const REQUEST_PREFIX: &str = "svc/request/";
pub const ASSIGNED_PREFIX: &str = "svc/assigned/";
pub const SHELTER_KEY: &str = "svc/shelter/now";
pub const POLICY_PREFIX: &str = "svc/policy/";
pub const QUESTION_PREFIX: &str = "svc/question/";
pub const FAQ_PREFIX: &str = "svc/faq/";

pub fn service(id: &str) -> String {
    format!("{SERVICE_PREFIX}{id}")
}

pub fn request(member: &MemberId, id: &str) -> String {
    format!("{REQUEST_PREFIX}{member}/{id}")
}

/// The assigned volunteer's copy of a request.
pub fn assigned(volunteer: &MemberId, member: &MemberId, id: &str) -> String {
    format!("{ASSIGNED_PREFIX}{volunteer}/{member}/{id}")
}

pub fn policy(id: &str) -> String {
    format!("{POLICY_PREFIX}{id}")
}

pub fn question(member: &MemberId, id: &str) -> String {
    format!("{QUESTION_PREFIX}{member}/{id}")
}

pub fn faq(id: &str) -> String {
    format!("{FAQ_PREFIX}{id}")
}

/// What kind of help a service is (the seed page's 预约上门, 代办, 代缴,
/// 入户认证, 代购).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ServiceKind {
    HomeVisit,
    Errand,
    Payment,
    Certification,
    Purchase,
}

impl ServiceKind {
    pub const ALL: [ServiceKind; 5] = [
        ServiceKind::HomeVisit,
        ServiceKind::Errand,
        ServiceKind::Payment,
        ServiceKind::Certification,
        ServiceKind::Purchase,
    ];
}

/// `svc/service/<id>`: one service of the community's catalogue.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Service {
    pub id: String,
    pub name_zh: String,
    #[serde(default)]
    pub name_en: String,
    pub kind: ServiceKind,
    /// What to bring or have ready.
    #[serde(default)]
    pub bring: String,
    /// Who provides it (the community office, a volunteer team, a partner).
    #[serde(default)]
    pub provider: String,
    /// Whether someone comes to the home.
    pub at_home: bool,
    /// Withdrawn services stay for their past requests.
    #[serde(default = "yes")]
    pub active: bool,
}

fn yes() -> bool {
    true
}

/// A time the resident would like: a day and a window in it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PreferredTime {
    pub date: Date,
    pub from: MinuteOfDay,
    pub until: MinuteOfDay,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RequestStatus {
    Requested,
    Confirmed,
    Done,
    Closed,
    Cancelled,
}

/// How a purchase made for the resident is paid back.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Settlement {
    /// From the resident's balance (the one the canteen keeps).
    Balance,
    /// In cash, handed over at the door.
    Cash,
}

/// 代购: what was bought, what it cost and what the receipt says.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Purchase {
    pub items: String,
    pub spent: Fen,
    pub receipt: Fen,
    pub settlement: Settlement,
}

/// The resident's word once it is done.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Feedback {
    /// 1 to 5.
    pub stars: u8,
    #[serde(default)]
    pub text: String,
}

/// One step of a request's timeline.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RequestStep {
    pub status: RequestStatus,
    pub by: MemberId,
    pub at: Timestamp,
    #[serde(default)]
    pub note: String,
}

/// `svc/request/<member>/<id>` (and the assigned volunteer's copy).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ServiceRequest {
    pub id: String,
    pub service: String,
    pub member: MemberId,
    /// Who made the request: the resident, or a volunteer, grid worker or
    /// officer for them.
    pub entered_by: MemberId,
    pub preferred: Vec<PreferredTime>,
    pub note: String,
    pub address: String,
    pub phone: String,
    pub status: RequestStatus,
    pub scheduled_at: Option<Timestamp>,
    pub volunteer: Option<MemberId>,
    /// When the volunteer started and finished, by their device.
    pub started_at: Option<Timestamp>,
    pub ended_at: Option<Timestamp>,
    pub purchase: Option<Purchase>,
    pub feedback: Option<Feedback>,
    pub timeline: Vec<RequestStep>,
}

/// What the weather is that the shelter opens for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Weather {
    Heat,
    Storm,
    Cold,
}

impl Weather {
    pub const ALL: [Weather; 3] = [Weather::Heat, Weather::Storm, Weather::Cold];
}

/// `svc/shelter/now`: the bad-weather rest area (热水、防暑茶、姜茶、应急药品).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Shelter {
    pub open: bool,
    pub weather: Weather,
    pub place: String,
    pub on_hand: String,
    /// Whether outdoor workers are pointed to it ([`super::shelter::points_to`]).
    #[serde(default)]
    pub outdoor_workers: bool,
    pub opened_by: MemberId,
    pub opened_at: Timestamp,
    pub closed_at: Option<Timestamp>,
}

/// `svc/policy/<id>`: a policy article (政策查询).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Policy {
    pub id: String,
    pub title: String,
    pub body: String,
    pub category: String,
    pub effective_from: Option<Date>,
    pub effective_until: Option<Date>,
    pub where_to_apply: String,
    pub published_by: MemberId,
    pub published_at: Timestamp,
}

/// An officer's answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Answer {
    pub text: String,
    pub by: MemberId,
    pub at: Timestamp,
}

/// `svc/question/<member>/<id>`: a member's question (业务咨询).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Question {
    pub id: String,
    pub member: MemberId,
    pub text: String,
    /// Whether its answer may be published for everyone (without the name).
    pub public: bool,
    pub asked_at: Timestamp,
    pub answer: Option<Answer>,
}

/// `svc/faq/<questionId>`: a public question with its answer, without the asker.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Faq {
    pub id: String,
    pub question: String,
    pub answer: String,
    pub answered_at: Timestamp,
}
