//! The status bar: online or offline, changes waiting to sync, the last
//! sync, its last problem, and "sync now".

use leptos::prelude::*;

use crate::i18n::{texts, Texts};
use crate::store::StoreError;
use crate::sync::api::ApiError;
use crate::sync::{use_community, SyncProblem};

/// The sentence for a sync or storage problem.
pub fn problem_text(t: &Texts, problem: &SyncProblem) -> &'static str {
    match problem {
        SyncProblem::Api(ApiError::Offline) => t.problem_offline,
        SyncProblem::Api(ApiError::Unauthorized) => t.problem_unauthorized,
        SyncProblem::Api(ApiError::SignedOut) => t.problem_signed_out,
        SyncProblem::Api(ApiError::TooManyRequests(_)) => t.problem_too_many,
        SyncProblem::Api(ApiError::ClientStateNotFound) => t.problem_client_reset,
        SyncProblem::Api(ApiError::VersionNotSupported) => t.problem_version,
        SyncProblem::Api(_) => t.problem_server,
        SyncProblem::Store(StoreError::Unavailable) => t.problem_storage_unavailable,
        SyncProblem::Store(StoreError::QuotaExceeded) => t.problem_quota,
        SyncProblem::Store(_) => t.problem_storage_failed,
    }
}

/// "HH:MM" of a moment (ms since the epoch) in the device's time zone.
fn clock_time(ms: f64) -> String {
    let date = js_sys::Date::new(&ms.into());
    format!("{:02}:{:02}", date.get_hours(), date.get_minutes())
}

/// Always visible, so a member knows before acting whether a change will go
/// out now or wait on this device.
#[component]
pub fn StatusBar(
    /// Whether the browser reports a network.
    online: ReadSignal<bool>,
) -> impl IntoView {
    let t = texts();
    let community = use_community();
    let status = community.status;
    let signed_in = move || community.session.get().is_some();
    let sync_line = move || {
        if let Some((done, all)) = status.progress.get() {
            (t.status_progress)(done, all)
        } else if status.syncing.get() {
            t.status_syncing.to_owned()
        } else {
            status.last_synced_at.get().map_or_else(
                || t.status_never_synced.to_owned(),
                |at| (t.status_synced_at)(&clock_time(at)),
            )
        }
    };
    view! {
        <header class="status-bar">
            <div class="status-row">
                <span class="brand" aria-hidden="true">"邻里"</span>
                <span class="brand-name">{t.app_name}</span>
                <span
                    class="net"
                    class:offline=move || !online.get()
                    role="status"
                    data-testid="network-status"
                    data-online=move || online.get().to_string()
                    title=move || (!online.get()).then_some(t.status_offline_hint)
                >
                    <span class="dot" aria-hidden="true"></span>
                    {move || if online.get() { t.status_online } else { t.status_offline }}
                </span>
            </div>
            <Show when=signed_in>
                <div class="sync-row" data-testid="sync-status">
                    <Show when=move || { status.pending.get() > 0 }>
                        <span class="badge pending" data-testid="pending-count" data-count=move || status.pending.get().to_string()>
                            {move || (t.status_pending)(status.pending.get())}
                        </span>
                    </Show>
                    <span class="last-sync" data-testid="last-sync">{sync_line}</span>
                    <button
                        type="button"
                        class="sync-now"
                        prop:disabled=move || status.syncing.get()
                        on:click=move |_| leptos::task::spawn_local(async move { community.sync_now().await })
                        data-testid="sync-now"
                    >
                        {t.sync_now}
                    </button>
                </div>
                <Show when=move || status.problem.get().is_some()>
                    <p class="sync-problem" role="alert" data-testid="sync-problem">
                        {move || status.problem.get().map(|problem| problem_text(t, &problem))}
                    </p>
                </Show>
            </Show>
        </header>
    }
}
