//! The root component: settings, the service worker, the frame and the routes.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::path;

use crate::canteen::CanteenPage;
use crate::home::HomePage;
use crate::i18n::use_texts;
use crate::pwa::register_service_worker;
use crate::rules::RulesPage;
use crate::settings::{provide_settings, SettingsPage};
use crate::shell::{use_online, BottomNav, StatusBar, UpdateBanner};
use crate::volunteers::VolunteersPage;

/// The whole app. Settings are provided first because every string depends
/// on the language they hold.
#[component]
pub fn App() -> impl IntoView {
    provide_settings();
    let update = register_service_worker();
    let online = use_online();
    let t = use_texts();

    view! {
        <Router>
            <a class="skip-link" href="#main">{move || t.get().skip_to_content}</a>
            <StatusBar online=online />
            <UpdateBanner update=update />
            <main id="main" tabindex="-1">
                <Routes fallback=NotFound>
                    <Route path=path!("/") view=HomePage />
                    <Route path=path!("/canteen") view=CanteenPage />
                    <Route path=path!("/rules") view=RulesPage />
                    <Route path=path!("/volunteers") view=VolunteersPage />
                    <Route path=path!("/settings") view=SettingsPage />
                </Routes>
            </main>
            <BottomNav />
        </Router>
    }
}

/// Any path the app does not know: say so and offer the way home.
#[component]
fn NotFound() -> impl IntoView {
    let t = use_texts();
    view! {
        <section class="page" data-testid="page-not-found">
            <h1>{move || t.get().not_found_title}</h1>
            <p>
                <A href="/">{move || t.get().not_found_back}</A>
            </p>
        </section>
    }
}
