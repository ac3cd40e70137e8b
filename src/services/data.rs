//! Reading the community services records out of the member's view, typed.

pub use crate::view::{all, local_time, member_name, members_by_name, now, one, shown_name, today};

use linli_core::calendar::LocalTime;
use linli_core::services::records::{self, Faq, Policy, Question, Service, ServiceRequest, Shelter};
use linli_core::{MemberId, Timestamp};

use crate::view::View;

pub fn services(view: &View) -> Vec<Service> {
    all(view, records::SERVICE_PREFIX)
}

pub fn service_name(view: &View, id: &str) -> String {
    one::<Service>(view, &records::service(id))
        .map(|service| crate::view::shown_name(&service.name_zh, &service.name_en))
        .unwrap_or_else(|| id.to_owned())
}

/// Every request this device holds: a resident's own, or all of them for
/// the service staff.
pub fn requests(view: &View) -> Vec<ServiceRequest> {
    all(view, records::REQUEST_PREFIX)
}

/// The requests assigned to `volunteer` (their own copies).
pub fn assigned_to(view: &View, volunteer: &MemberId) -> Vec<ServiceRequest> {
    all(view, &format!("{}{volunteer}/", records::ASSIGNED_PREFIX))
}

pub fn shelter(view: &View) -> Option<Shelter> {
    one(view, records::SHELTER_KEY)
}

pub fn policies(view: &View) -> Vec<Policy> {
    all(view, records::POLICY_PREFIX)
}

pub fn faqs(view: &View) -> Vec<Faq> {
    all(view, records::FAQ_PREFIX)
}

pub fn questions(view: &View) -> Vec<Question> {
    all(view, records::QUESTION_PREFIX)
}

/// A `datetime-local` field's value, read as Hohhot time.
pub fn parse_input_time(value: &str) -> Option<Timestamp> {
    value.parse::<LocalTime>().ok().map(LocalTime::timestamp)
}
