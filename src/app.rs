//! The root component: settings, the service worker, the frame and the routes.

use std::future::Future;

use leptos::prelude::*;
use leptos::wasm_split::SplitLoaderError;
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::path;

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
                <Route path=path!("/canteen") view=CanteenScreen />
                <Route path=path!("/rules") view=RulesScreen />
                <Route path=path!("/volunteers") view=VolunteersScreen />
                <Route path=path!("/volunteers/certificate") view=CertificateScreen />
                <Route path=path!("/settings") view=SettingsScreen />
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

/// The screen a lazily loaded module makes, once its module is fetched: a
/// plain function pointer into the module.
type ScreenFn = fn() -> AnyView;

/// A route whose screens are a wasm module of their own (named after
/// `$load`), fetched the first time the route is opened:
/// scripts/split-wasm.sh cuts them out of the build and the service worker
/// precaches them for offline use. The shell every visit needs stays small,
/// and a villager who only votes never waits for the canteen's code.
/// `fallible`: a module that cannot be fetched is a message with a way to
/// try again, where Leptos' `#[lazy_route]` would panic and stop the app.
macro_rules! lazy_screen {
    ($screen:ident, $load:ident, $page:ident) => {
        #[::leptos::wasm_split::wasm_split($load, wasm_split_path = ::leptos::wasm_split, fallible)]
        fn $load() -> Result<ScreenFn, SplitLoaderError> {
            Ok(|| view! { <$page /> }.into_any())
        }

        #[component]
        fn $screen() -> impl IntoView {
            view! { <LazyScreen load=$load /> }
        }
    };
}

lazy_screen!(CanteenScreen, canteen_screen, CanteenPage);
lazy_screen!(RulesScreen, rules_screen, RulesPage);
lazy_screen!(VolunteersScreen, volunteers_screen, VolunteersPage);
lazy_screen!(CertificateScreen, certificate_screen, CertificatePage);
// Settings too (the account, registering members): rarely opened.
lazy_screen!(SettingsScreen, settings_screen, SettingsPage);

/// Fetches a screen's module (see `lazy_screen!`) and shows the screen; says
/// so while it comes, and if it cannot come (a first visit whose network
/// dropped before the service worker had stored everything). A signal and a
/// task rather than a resource under `<Suspense>`: the same behaviour, and
/// 10 KB less in the first load.
#[component]
fn LazyScreen<Load, Loading>(load: Load) -> impl IntoView
where
    Load: Fn() -> Loading + Copy + Send + Sync + 'static,
    Loading: Future<Output = Result<ScreenFn, SplitLoaderError>> + 'static,
{
    let t = texts();
    let screen = RwSignal::new(None::<Option<ScreenFn>>);
    let fetch = move || {
        screen.set(None);
        leptos::task::spawn_local(async move { screen.set(Some(load().await.ok())) });
    };
    fetch();
    move || match screen.get() {
        None => view! { <p class="page note" role="status">{t.screen_loading}</p> }.into_any(),
        Some(Some(screen)) => screen(),
        Some(None) => view! {
            <section class="page" data-testid="screen-unavailable">
                <p role="alert">{t.screen_unavailable}</p>
                <button type="button" on:click=move |_| fetch()>{t.screen_try_again}</button>
            </section>
        }
        .into_any(),
    }
}
