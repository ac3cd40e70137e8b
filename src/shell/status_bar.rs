//! The status bar: the app's name and whether the device is online.

use leptos::prelude::*;

use crate::i18n::use_texts;

/// Always visible, so a member knows before acting whether a change will go
/// out now or wait on this device. The sync issue adds the pending count and
/// the time of the last sync here.
#[component]
pub fn StatusBar(
    /// Whether the browser reports a network.
    online: ReadSignal<bool>,
) -> impl IntoView {
    let t = use_texts();
    view! {
        <header class="status-bar">
            <span class="brand" aria-hidden="true">"邻里"</span>
            <span class="brand-name">{move || t.get().app_name}</span>
            <span
                class="net"
                class:offline=move || !online.get()
                role="status"
                data-testid="network-status"
                data-online=move || online.get().to_string()
                title=move || (!online.get()).then(|| t.get().status_offline_hint)
            >
                <span class="dot" aria-hidden="true"></span>
                {move || if online.get() { t.get().status_online } else { t.get().status_offline }}
            </span>
        </header>
    }
}
