//! The community canteen module (社区食堂 / 老年助餐).
//!
//! The foundation shows the canteen as the seed page describes it; menus,
//! subscriptions, pricing rules, orders and the balance arrive with the
//! canteen issue, built on the sync engine.

use leptos::prelude::*;

use crate::i18n::texts;

/// The canteen's page: who runs it, what it offers, and a resident's voice.
#[component]
pub fn CanteenPage() -> impl IntoView {
    let t = texts();
    view! {
        <section class="page" aria-labelledby="canteen-title" data-testid="page-canteen">
            <h1 id="canteen-title">{t.canteen_title}</h1>
            <p class="place">{t.canteen_place}</p>
            <p class="lead">{t.canteen_intro}</p>
            <div class="card">
                <h2>{t.canteen_offers_heading}</h2>
                <ul class="plain-list">
                    {move || t.canteen_offers.iter().map(|offer| view! { <li>{*offer}</li> }).collect_view()}
                </ul>
            </div>
            <blockquote class="voice">
                <p>{t.canteen_voice}</p>
                <footer>{t.canteen_voice_by}</footer>
            </blockquote>
        </section>
    }
}
