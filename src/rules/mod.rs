//! The village rules module (村规民约): proposal, deliberation, vote, adoption.
//!
//! The foundation shows how 连家营村 revises its charter, from the seed page;
//! proposals, fireside meetings, votes and the versioned charter arrive with
//! the village rules issue, built on the sync engine.

use leptos::prelude::*;

use crate::i18n::texts;

/// The village rules page: the fireside talks and the path of a suggestion.
#[component]
pub fn RulesPage() -> impl IntoView {
    let t = texts();
    view! {
        <section class="page" aria-labelledby="rules-title" data-testid="page-rules">
            <h1 id="rules-title">{t.rules_title}</h1>
            <p class="place">{t.rules_place}</p>
            <p class="lead">{t.rules_intro}</p>
            <div class="card">
                <h2>{t.rules_steps_heading}</h2>
                <ol class="steps">
                    {move || t.rules_steps.iter().map(|step| view! { <li>{*step}</li> }).collect_view()}
                </ol>
            </div>
            <p class="note">{t.rules_results}</p>
        </section>
    }
}
