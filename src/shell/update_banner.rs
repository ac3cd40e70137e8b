//! The "update available" banner.

use leptos::prelude::*;

use crate::i18n::use_texts;
use crate::pwa::ServiceWorkerUpdate;

/// Shown when a new version has been downloaded and waits; the button asks
/// it to take over, and the page reloads into it. Never forced: a member in
/// the middle of a form finishes first.
#[component]
pub fn UpdateBanner(
    /// The service worker's update state, from [`crate::pwa::register_service_worker`].
    update: ServiceWorkerUpdate,
) -> impl IntoView {
    let t = use_texts();
    view! {
        <Show when=move || update.ready.get()>
            <div class="update-banner" role="alert" data-testid="update-banner">
                <span>{move || t.get().update_available}</span>
                <button type="button" on:click=move |_| update.activate()>
                    {move || t.get().update_now}
                </button>
            </div>
        </Show>
    }
}
