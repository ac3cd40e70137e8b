//! The home page: what Linli is, and a way into each module.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::use_texts;

/// Greets the member and links the three modules with a line on each.
#[component]
pub fn HomePage() -> impl IntoView {
    let t = use_texts();
    view! {
        <section class="page" aria-labelledby="home-title" data-testid="page-home">
            <h1 id="home-title">{move || t.get().home_title}</h1>
            <p class="lead">{move || t.get().home_intro}</p>
            <ul class="module-cards">
                <li>
                    <A href="/canteen">
                        <strong>{move || t.get().nav_canteen}</strong>
                        <span>{move || t.get().home_canteen_summary}</span>
                    </A>
                </li>
                <li>
                    <A href="/rules">
                        <strong>{move || t.get().nav_rules}</strong>
                        <span>{move || t.get().home_rules_summary}</span>
                    </A>
                </li>
                <li>
                    <A href="/volunteers">
                        <strong>{move || t.get().nav_volunteers}</strong>
                        <span>{move || t.get().home_volunteers_summary}</span>
                    </A>
                </li>
            </ul>
            <p class="note">{move || t.get().home_offline_note}</p>
        </section>
    }
}
