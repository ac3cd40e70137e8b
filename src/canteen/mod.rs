//! The community canteen module (社区食堂 / 老年助餐): ordering with the
//! price and why, the member's orders, balance and monthly plans, and the
//! kitchen and counter views for the canteen's staff. All of it reads the
//! device's view and changes it through the core's mutations, so it works
//! offline and the server decides the same way.
//!
//! - this file: the canteen page (the visitor's explanation, or the
//!   member's screens and, for staff, the kitchen);
//! - `order_form/`: ordering a meal; `my_canteen`: the member's orders,
//!   pickup code and plans; `statement`: the month's money statement
//!   (the member's, and any member's for staff); `charity`: the charity
//!   meal funds as the community sees them;
//! - `kitchen/`: the staff's tasks; `menu_editor/`, `settings_form`: the
//!   menu, dishes and the canteen's settings;
//! - `data`: reading the canteen's records from the view; `i18n`: its
//!   strings; `diet_tags`: the diet chips two forms share.

mod charity;
mod data;
mod diet_tags;
pub mod i18n;
mod kitchen;
mod menu_editor;
mod my_canteen;
mod order_form;
mod settings_form;
mod statement;

use leptos::prelude::*;
use linli_core::canteen::CANTEEN_STAFF;

use crate::sync::use_community;
use i18n::texts;

/// The canteen's page: ordering and the member's own records when signed in,
/// the kitchen for staff, and what the canteen offers.
#[component]
pub fn CanteenPage() -> impl IntoView {
    let t = texts();
    let community = use_community();
    let signed_in = move || community.session.get().is_some();
    let staff = Memo::new(move |_| {
        community.revision.track();
        community
            .actor()
            .is_some_and(|actor| actor.has_any(&CANTEEN_STAFF))
    });
    view! {
        <section class="page" aria-labelledby="canteen-title" data-testid="page-canteen">
            <h1 id="canteen-title">{t.title}</h1>
            <crate::shell::CommunityPlace />
            <Show when=signed_in fallback=move || view! { <p class="note">{t.sign_in_hint}</p> }>
                <order_form::OrderForm />
                <my_canteen::MyCanteen />
                <charity::CharityMeals />
                <Show when=move || staff.get()>
                    <kitchen::Kitchen />
                </Show>
            </Show>
            // One demo community's canteen as the newspaper told it: for a
            // visitor only. A member's own community speaks through its menu
            // and prices above, never through another community's story.
            <Show when=move || !signed_in()>
                <p class="lead">{t.intro}</p>
                <div class="card">
                    <h2>{t.offers_heading}</h2>
                    <ul class="plain-list">
                        {t.offers.iter().map(|offer| view! { <li>{*offer}</li> }).collect_view()}
                    </ul>
                </div>
                <blockquote class="voice">
                    <p>{t.voice}</p>
                    <footer>{t.voice_by}</footer>
                </blockquote>
            </Show>
        </section>
    }
}
