//! The root component: settings, the service worker, the frame and the routes.

use leptos::prelude::*;

use crate::canteen::CanteenPage;
use crate::home::HomePage;
use crate::i18n::texts;
use crate::lazy::lazy_view;
use crate::members::{AuditPage, MembersPage};
use crate::pwa::register_service_worker;
use crate::rules::RulesPage;
use crate::services::ServicesPage;
use crate::settings::{provide_settings, SettingsPage};
use crate::shell::{
    provide_router, start_auto_lock, use_online, use_path, BottomNav, StatusBar, UpdateBanner,
};
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
    provide_router();

    // Rebuilt when the language changes: every string below is read once
    // (see `i18n::texts`), so this is what switches them all.
    move || {
        let _ = lang.get();
        view! { <Frame update=update online=online /> }
    }
}

/// The frame and the page the address names (`shell::provide_router`), in
/// the current language.
#[component]
fn Frame(update: crate::pwa::ServiceWorkerUpdate, online: ReadSignal<bool>) -> impl IntoView {
    let t = texts();
    let path = use_path();
    view! {
        <a class="skip-link" href="#main">{t.skip_to_content}</a>
        <StatusBar online=online />
        <UpdateBanner update=update />
        <main id="main" tabindex="-1">
            {move || match path.get().as_str() {
                "/" => view! { <HomePage /> }.into_any(),
                "/canteen" => view! { <CanteenScreen /> }.into_any(),
                "/rules" => view! { <RulesScreen /> }.into_any(),
                "/volunteers" => view! { <VolunteersScreen /> }.into_any(),
                "/volunteers/certificate" => view! { <CertificateScreen /> }.into_any(),
                "/services" => view! { <ServicesScreen /> }.into_any(),
                "/village" => view! { <VillageScreen /> }.into_any(),
                "/settings" => view! { <SettingsScreen /> }.into_any(),
                "/members" => view! { <MembersScreen /> }.into_any(),
                "/members/audit" => view! { <AuditScreen /> }.into_any(),
                _ => view! { <NotFound /> }.into_any(),
            }}
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
                <a href="/">{t.not_found_back}</a>
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
