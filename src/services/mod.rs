//! The community services module (便民服务): appointments and home services
//! with the volunteer's report, the bad-weather shelter, and policy look-up
//! with questions. Every change is a core mutation (`linli_core::services`),
//! so it works with no network and the server decides the same way.
//!
//! - this file: the services page;
//! - `requests`: the catalogue, the member's requests, the staff's queue and
//!   the volunteer's assignments; `shelter`: the shelter's banner and its
//!   keepers' form; `policies`: the search, the policies, questions;
//!   `childcare`: the 萌宝驿站 childcare station; `circle`: the 15-minute
//!   service circle and the member's family doctor;
//! - `data`: reading the records; `i18n`: the module's strings.

pub mod childcare;
mod circle;
mod data;
pub mod i18n;
mod policies;
mod requests;
pub mod shelter;

use leptos::prelude::*;

use crate::sync::use_community;
use i18n::texts;

/// The services page: with a session, the member's services; before that,
/// what the page offers.
#[component]
pub fn ServicesPage() -> impl IntoView {
    let t = texts();
    let community = use_community();
    let signed_in = move || community.session.get().is_some();
    view! {
        <section class="page" aria-labelledby="services-title" data-testid="page-services">
            <h1 id="services-title">{t.title}</h1>
            <crate::shell::CommunityPlace />
            <p class="lead">{t.intro}</p>
            <Show when=signed_in fallback=move || view! { <p class="note">{t.sign_in_hint}</p> }>
                <shelter::ShelterBanner />
                <shelter::ShelterKeeper />
                <requests::Assignments />
                <requests::Queue />
                <requests::Catalogue />
                <requests::MyRequests />
                <childcare::ChildcareStation />
                <policies::Policies />
                <policies::Questions />
                <circle::ServiceCircle />
            </Show>
        </section>
    }
}
