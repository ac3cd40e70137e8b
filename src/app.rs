//! The root component: settings, the service worker, the frame and the routes.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::{lazy_route, path, Lazy, LazyRoute};

use crate::canteen::CanteenPage;
use crate::home::HomePage;
use crate::i18n::texts;
use crate::pwa::register_service_worker;
use crate::rules::RulesPage;
use crate::settings::{provide_settings, SettingsPage};
use crate::shell::{use_online, BottomNav, StatusBar, UpdateBanner};
use crate::sync::provide_community;
use crate::volunteers::certificate::CertificatePage;
use crate::volunteers::VolunteersPage;

/// The whole app. Settings are provided first because every string depends
/// on the language they hold.
#[component]
pub fn App() -> impl IntoView {
    let settings = provide_settings().settings;
    provide_community();
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
                <Route path=path!("/canteen") view={Lazy::<CanteenRoute>::new()} />
                <Route path=path!("/rules") view={Lazy::<RulesRoute>::new()} />
                <Route path=path!("/volunteers") view={Lazy::<VolunteersRoute>::new()} />
                <Route path=path!("/volunteers/certificate") view={Lazy::<CertificateRoute>::new()} />
                <Route path=path!("/settings") view={Lazy::<SettingsRoute>::new()} />
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

/// A route whose screens are a wasm module of their own (named after
/// `$route`), fetched the first time the route is opened:
/// scripts/split-wasm.sh cuts them out of the build and the service worker
/// precaches them for offline use. The shell every visit needs stays small,
/// and a villager who only votes never waits for the canteen's code. `data`
/// is empty: every screen reads the local replica.
macro_rules! lazy_page {
    ($route:ident, $page:ident) => {
        struct $route;

        #[lazy_route]
        impl LazyRoute for $route {
            fn data() -> Self {
                $route
            }

            fn view(_this: Self) -> AnyView {
                view! { <$page /> }.into_any()
            }
        }
    };
}

lazy_page!(CanteenRoute, CanteenPage);
lazy_page!(RulesRoute, RulesPage);
lazy_page!(VolunteersRoute, VolunteersPage);
lazy_page!(CertificateRoute, CertificatePage);
// Settings too (the account, registering members): rarely opened.
lazy_page!(SettingsRoute, SettingsPage);
