//! Parts of the app that are wasm modules of their own, fetched the first
//! time they are shown: each module's screens, the settings screen, the
//! notice board. scripts/split-wasm.sh cuts them out of the build and the
//! service worker precaches them for offline use, so the shell every visit
//! needs stays small, and a villager who only votes never waits for the
//! canteen's code.
//!
//! ## Usage
//! ```ignore
//! // A component `BoardPart` that shows `NoticeBoard` from a module of its own,
//! // `notice_board`:
//! lazy_view!(BoardPart, notice_board, NoticeBoard);
//! view! { <BoardPart /> }
//! ```

use std::future::Future;
use std::pin::Pin;

use leptos::prelude::*;
use leptos::wasm_split::SplitLoaderError;

use crate::i18n::texts;

/// The view a lazily loaded part makes, once its module is fetched: a plain
/// function pointer into the module.
pub type ViewFn = fn() -> AnyView;

/// Declares the component `$part`, which shows the component `$view` from a
/// wasm module of its own named `$load`, through [`LazyView`]; with
/// `module = $module`, from that module, shared with other parts (a part
/// that is seldom opened alone, so it adds no shared chunks of its own).
/// `fallible`: a module that cannot be fetched is a message with a way to
/// try again, where Leptos' `#[lazy_route]` would panic and stop the app.
macro_rules! lazy_view {
    ($part:ident, $load:ident, $view:ident) => {
        $crate::lazy::lazy_view!($part, $load, $view, module = $load);
    };
    ($part:ident, $load:ident, $view:ident, module = $module:ident) => {
        #[::leptos::wasm_split::wasm_split($module, wasm_split_path = ::leptos::wasm_split, fallible)]
        fn $load() -> Result<$crate::lazy::ViewFn, $crate::lazy::ModuleUnavailable> {
            Ok(|| ::leptos::prelude::IntoAny::into_any(::leptos::view! { <$view /> }))
        }

        #[::leptos::component]
        fn $part() -> impl ::leptos::prelude::IntoView {
            fn load() -> $crate::lazy::Loading {
                ::std::boxed::Box::pin($load())
            }
            ::leptos::view! { <$crate::lazy::LazyView load=load /> }
        }
    };
}
pub(crate) use lazy_view;

/// A part's module on its way: boxed, so that one [`LazyView`] serves every
/// part instead of a copy of it for each.
pub type Loading = Pin<Box<dyn Future<Output = Result<ViewFn, ModuleUnavailable>>>>;

/// A module could not be fetched (a first visit whose network dropped before
/// the service worker had stored it): what every split point gives back
/// then, the parts here and the sync engine (`crate::sync::engine`). Not
/// remembered: the next call tries again.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ModuleUnavailable;

impl From<SplitLoaderError> for ModuleUnavailable {
    fn from(_: SplitLoaderError) -> Self {
        ModuleUnavailable
    }
}

/// Fetches a part's module (see [`lazy_view!`]) and shows the part; says so
/// while it comes, and if it cannot come (a first visit whose network
/// dropped before the service worker had stored everything). A signal and a
/// task rather than a resource under `<Suspense>`: the same behaviour, and
/// 10 KB less in the first load.
#[component]
pub fn LazyView(
    /// Fetches the part's module (see [`lazy_view!`]).
    load: fn() -> Loading,
) -> impl IntoView {
    let t = texts();
    let part = RwSignal::new(None::<Option<ViewFn>>);
    let fetch = move || {
        part.set(None);
        leptos::task::spawn_local(async move { part.set(Some(load().await.ok())) });
    };
    fetch();
    move || match part.get() {
        None => view! { <p class="page note" role="status">{t.screen_loading}</p> }.into_any(),
        Some(Some(part)) => part(),
        Some(None) => view! {
            <section class="page" data-testid="screen-unavailable">
                <p role="alert">{t.screen_unavailable}</p>
                <button type="button" on:click=move |_| fetch()>{t.screen_try_again}</button>
            </section>
        }
        .into_any(),
    }
}
