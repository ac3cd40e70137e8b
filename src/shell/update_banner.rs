//! The "update available" banner.

use leptos::prelude::*;

use crate::i18n::texts;
use crate::pwa::ServiceWorkerUpdate;

/// Shown when a new version has been downloaded and waits; the button asks
/// it to take over, and the page reloads into it. Never forced: a member in
/// the middle of a form finishes first.
#[component]
pub fn UpdateBanner(
    /// The service worker's update state, from [`crate::pwa::register_service_worker`].
    update: ServiceWorkerUpdate,
) -> impl IntoView {
    let t = texts();
    view! {
        <Show when=move || update.ready.get()>
            <div class="update-banner" role="alert" data-testid="update-banner">
                <span>{t.update_available}</span>
                <button type="button" on:click=move |_| update.activate()>
                    {t.update_now}
                </button>
            </div>
        </Show>
    }
}
