//! The village rules module (村规民约): the charter and its versions, votes,
//! proposals from suggestion to adoption, fireside meetings and the figures
//! of participation. Every change is a core mutation, so a tablet at a
//! meeting works with no network and the server decides the same way.
//!
//! - this file: the rules page and its sections;
//! - `charter/`: the charter, its versions compared, the pledge;
//! - `votes/`: ballots, tallies, paper counts; `proposals`, `comments`:
//!   from a suggestion to a vote; `meetings`: fireside meetings;
//! - `register`: the voters' register (officers); `figures`: participation
//!   by year; `data`: reading the records; `i18n`: the module's strings.

mod charter;
mod comments;
mod data;
mod figures;
pub mod i18n;
mod meetings;
mod proposals;
mod register;
mod votes;

use leptos::prelude::*;

use crate::sync::use_community;
use i18n::texts;

/// The village rules page: with a session, the village's own charter,
/// votes, proposals and meetings; before that, how the process works.
#[component]
pub fn RulesPage() -> impl IntoView {
    let t = texts();
    let community = use_community();
    let signed_in = move || community.session.get().is_some();
    view! {
        <section class="page" aria-labelledby="rules-title" data-testid="page-rules">
            <h1 id="rules-title">{t.title}</h1>
            <crate::shell::CommunityPlace />
            <Show when=signed_in fallback=move || view! { <p class="note">{t.sign_in_hint}</p> }>
                <votes::Votes />
                <charter::Charter />
                <proposals::Proposals />
                <meetings::Meetings />
                <figures::Figures />
                <register::Register />
            </Show>
            <p class="lead">{t.intro}</p>
            <div class="card">
                <h2>{t.steps_heading}</h2>
                <ol class="steps">
                    {t.steps.iter().map(|step| view! { <li>{*step}</li> }).collect_view()}
                </ol>
            </div>
            <p class="note">{t.results}</p>
        </section>
    }
}
