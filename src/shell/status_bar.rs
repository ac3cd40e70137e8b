//! The status bar: online or offline, changes waiting to sync, the last
//! sync, its last problem, and "sync now".

use leptos::prelude::*;

use crate::i18n::{texts, Texts};
use crate::store::StoreError;
use crate::sync::api::ApiError;
use crate::sync::{use_community, SyncProblem};
use linli_core::time::DAY_MS;

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

/// When the last sync was, in the device's time zone: the time alone if it
/// was today, else the date and how many days ago, so that three days
/// offline never read like this morning. `at` and `now` are ms since the epoch.
pub fn last_sync_text(t: &Texts, at: f64, now: f64) -> String {
    let date = js_sys::Date::new(&at.into());
    let time = format!("{:02}:{:02}", date.get_hours(), date.get_minutes());
    let midnight = |ms: f64| {
        let day = js_sys::Date::new(&ms.into());
        day.set_hours(0);
        day.set_minutes(0);
        day.set_seconds(0);
        day.set_milliseconds(0);
        day.get_time()
    };
    // Rounded: a day with a daylight-saving change is not 24 hours long.
    let days_ago = ((midnight(now) - midnight(at)) / DAY_MS as f64).round();
    if days_ago < 1.0 {
        (t.status_synced_at)(&time)
    } else {
        (t.status_synced_on)(date.get_month() + 1, date.get_date(), &time, days_ago as u32)
    }
}

/// Whether the last sync failed for want of an answer: the network may be
/// up while the server is not.
fn server_unreachable(problem: Option<SyncProblem>) -> bool {
    matches!(problem, Some(SyncProblem::Api(ApiError::Offline)))
}

/// Always visible, so a member knows before acting whether a change will go
/// out now or wait on this device.
#[component]
pub fn StatusBar(
    /// Whether the browser reports a network (shown as online only while
    /// the server answers too).
    online: ReadSignal<bool>,
) -> impl IntoView {
    let t = texts();
    let community = use_community();
    let status = community.status;
    let signed_in = move || community.session.get().is_some();
    // Until IndexedDB answers, the sync row's place is kept if a member was
    // signed in last time (see `first_paint`), so the page does not move.
    let expected = super::was_signed_in();
    let loaded = community.loaded;
    Effect::new(move |_| {
        if loaded.get() {
            super::remember_signed_in(signed_in());
        }
    });
    let sync_row = move || signed_in() || (expected && !loaded.get());
    // "Online" means the server answered, not only that there is a network.
    let reachable = move || online.get() && !(signed_in() && server_unreachable(status.problem.get()));
    let sync_line = move || {
        if !loaded.get() {
            String::new()
        } else if let Some((done, all)) = status.progress.get() {
            (t.status_progress)(done, all)
        } else if status.syncing.get() {
            t.status_syncing.to_owned()
        } else {
            status.last_synced_at.get().map_or_else(
                || t.status_never_synced.to_owned(),
                |at| last_sync_text(t, at, js_sys::Date::now()),
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
                    class:offline=move || !reachable()
                    role="status"
                    data-testid="network-status"
                    data-online=move || reachable().to_string()
                    title=move || (!reachable()).then_some(t.status_offline_hint)
                >
                    <span class="dot" aria-hidden="true"></span>
                    {move || {
                        if reachable() {
                            t.status_online
                        } else if online.get() {
                            t.status_server_unreachable
                        } else {
                            t.status_offline
                        }
                    }}
                </span>
            </div>
            <Show when=sync_row>
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
                {move || status.clock_off_minutes.get().map(|minutes| view! {
                    <p class="sync-problem" role="alert" data-testid="clock-warning">{(t.status_clock_off)(minutes)}</p>
                })}
                <Show when=move || status.problem.get().is_some()>
                    <p class="sync-problem" role="alert" data-testid="sync-problem">
                        {move || status.problem.get().map(|problem| problem_text(t, &problem))}
                    </p>
                </Show>
            </Show>
        </header>
    }
}
