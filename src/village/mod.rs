//! The village affairs module (村务): the collective economy's public
//! accounts and the household's own lines, questionnaires, fire-safety
//! patrols and the committee's figures. Every change is a core mutation
//! (`linli_core::village`), so it works with no network and the server
//! decides the same way.
//!
//! - this file: the village page;
//! - `household`: the member's own household (land, dividends, subsidies,
//!   the head's confirmation); `accounts`: the public accounts and the
//!   committee's books; `questionnaires`; `patrols`; `figures`;
//! - `chart`: the bar chart they share; `data`: reading the records;
//!   `i18n`: the module's strings.

mod accounts;
mod chart;
mod data;
mod figures;
mod household;
pub mod i18n;
mod patrols;
mod questionnaires;

use leptos::prelude::*;

use crate::sync::use_community;
use i18n::texts;

/// The village page: with a session, the household, the accounts, the
/// questionnaires, the patrols and the figures; before that, what it offers.
#[component]
pub fn VillagePage() -> impl IntoView {
    let t = texts();
    let community = use_community();
    let signed_in = move || community.session.get().is_some();
    view! {
        <section class="page" aria-labelledby="village-title" data-testid="page-village">
            <h1 id="village-title">{t.title}</h1>
            <crate::shell::CommunityPlace />
            <p class="lead">{t.intro}</p>
            <Show when=signed_in fallback=move || view! { <p class="note">{t.sign_in_hint}</p> }>
                <household::MyHousehold />
                <accounts::PublicAccounts />
                <accounts::LedgerDesk />
                <questionnaires::Questionnaires />
                <patrols::Patrols />
                <figures::CommitteeFigures />
            </Show>
        </section>
    }
}
