//! The village rules module (村规民约): proposal, deliberation, vote, adoption.
//!
//! The foundation shows how 连家营村 revises its charter, from the seed page;
//! proposals, fireside meetings, votes and the versioned charter arrive with
//! the village rules issue, built on the sync engine.

use leptos::prelude::*;

use crate::i18n::use_texts;

/// The village rules page: the fireside talks and the path of a suggestion.
#[component]
pub fn RulesPage() -> impl IntoView {
    let t = use_texts();
    view! {
        <section class="page" aria-labelledby="rules-title" data-testid="page-rules">
            <h1 id="rules-title">{move || t.get().rules_title}</h1>
            <p class="place">{move || t.get().rules_place}</p>
            <p class="lead">{move || t.get().rules_intro}</p>
            <div class="card">
                <h2>{move || t.get().rules_steps_heading}</h2>
                <ol class="steps">
                    {move || t.get().rules_steps.iter().map(|step| view! { <li>{*step}</li> }).collect_view()}
                </ol>
            </div>
            <p class="note">{move || t.get().rules_results}</p>
        </section>
    }
}
