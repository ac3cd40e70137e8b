//! The root component: settings, the service worker, the frame and the routes.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::path;

use crate::canteen::CanteenPage;
use crate::home::HomePage;
use crate::i18n::texts;
use crate::lazy::lazy_view;
use crate::members::{AuditPage, MembersPage};
use crate::pwa::register_service_worker;
use crate::rules::RulesPage;
use crate::services::ServicesPage;
use crate::settings::{provide_settings, SettingsPage};
use crate::shell::{start_auto_lock, use_online, BottomNav, StatusBar, UpdateBanner};
use crate::sync::provide_community;
use crate::village::VillagePage;
use crate::volunteers::certificate::CertificatePage;
use crate::volunteers::VolunteersPage;

/// The whole app. Settings are provided first because every string depends
/// on the language they hold.
#[component]
pub fn App() -> impl IntoView {
    let settings = provide_settings().settings;
    start_auto_lock(provide_community());
    let update = register_service_worker();
    let online = use_online();
    let lang = Memo::new(move |_| settings.get().lang);

    view! {
        <Router>
            // Rebuilt when the language changes: every string below is read
            // once (see `i18n::texts`), so this is what switches them all.
            {move || {
                let _ = lang.get();
                view! { <Frame update=update online=online /> }
            }}
        </Router>
    }
}

/// The frame and the routes, in the current language.
#[component]
fn Frame(update: crate::pwa::ServiceWorkerUpdate, online: ReadSignal<bool>) -> impl IntoView {
    let t = texts();
    view! {
        <a class="skip-link" href="#main">{t.skip_to_content}</a>
        <StatusBar online=online />
        <UpdateBanner update=update />
        <main id="main" tabindex="-1">
            <Routes fallback=NotFound>
                <Route path=path!("/") view=HomePage />
                <Route path=path!("/canteen") view=CanteenScreen />
                <Route path=path!("/rules") view=RulesScreen />
                <Route path=path!("/volunteers") view=VolunteersScreen />
                <Route path=path!("/volunteers/certificate") view=CertificateScreen />
                <Route path=path!("/services") view=ServicesScreen />
                <Route path=path!("/village") view=VillageScreen />
                <Route path=path!("/settings") view=SettingsScreen />
                <Route path=path!("/members") view=MembersScreen />
                <Route path=path!("/members/audit") view=AuditScreen />
            </Routes>
        </main>
        <BottomNav />
    }
}

/// Any path the app does not know: say so and offer the way home.
#[component]
fn NotFound() -> impl IntoView {
    let t = texts();
    view! {
        <section class="page" data-testid="page-not-found">
            <h1>{t.not_found_title}</h1>
            <p>
                <A href="/">{t.not_found_back}</A>
            </p>
        </section>
    }
}

// A villager who only votes never waits for the canteen's code (see `crate::lazy`).
lazy_view!(CanteenScreen, canteen_screen, CanteenPage);
lazy_view!(RulesScreen, rules_screen, RulesPage);
lazy_view!(VolunteersScreen, volunteers_screen, VolunteersPage);
lazy_view!(ServicesScreen, services_screen, ServicesPage);
lazy_view!(VillageScreen, village_screen, VillagePage);
// The certificate is printed from the volunteers' screen: their module.
lazy_view!(
    CertificateScreen,
    certificate_screen,
    CertificatePage,
    module = volunteers_screen
);
// Settings too (the account, registering members): rarely opened.
lazy_view!(SettingsScreen, settings_screen, SettingsPage);
// Managing members and reading the audit log: officers' screens.
lazy_view!(MembersScreen, members_screen, MembersPage);
lazy_view!(AuditScreen, audit_screen, AuditPage, module = members_screen);
