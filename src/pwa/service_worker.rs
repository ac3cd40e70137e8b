//! Registers the service worker and tells the page when a new version waits.
//!
//! The worker itself is `public/sw.js`. On first install it takes control at
//! once (there is nothing to replace); a later version installs in the
//! background and *waits*, so a page is never swapped under a member's
//! fingers. This module notices the waiting worker, raises
//! [`ServiceWorkerUpdate::ready`], and on request tells it to take over and
//! reloads the page into the new version.
//!
//! ## Usage
//! ```no_run
//! # use leptos::prelude::*;
//! let update = linli::pwa::register_service_worker();
//! // Render a banner while `update.ready.get()`; its button calls `update.activate()`.
//! ```

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::{spawn_local, JsFuture};
use web_sys::{ServiceWorker, ServiceWorkerContainer, ServiceWorkerRegistration, ServiceWorkerState};

/// The worker's URL; it must sit at the root for its scope to cover every route.
const SERVICE_WORKER_URL: &str = "/sw.js";

/// The message `public/sw.js` answers with `skipWaiting()`.
const SKIP_WAITING_MESSAGE: &str = "skip-waiting";

/// The page's view of service worker updates.
#[derive(Clone, Copy)]
pub struct ServiceWorkerUpdate {
    /// A new version is installed and waiting to take over.
    pub ready: RwSignal<bool>,
    /// The member asked for the update, so the coming change of controller
    /// should reload the page (and only then: the very first install also
    /// changes the controller, and must not reload).
    activating: RwSignal<bool>,
}

impl ServiceWorkerUpdate {
    /// Asks the waiting worker to take over; the page reloads when it has.
    pub fn activate(&self) {
        self.activating.set(true);
        spawn_local(async move {
            let Some(container) = container() else { return };
            let Ok(registration) = JsFuture::from(container.get_registration()).await else {
                return;
            };
            let Ok(registration) = registration.dyn_into::<ServiceWorkerRegistration>() else {
                return;
            };
            if let Some(waiting) = registration.waiting() {
                if let Err(err) = waiting.post_message(&JsValue::from_str(SKIP_WAITING_MESSAGE)) {
                    leptos::logging::warn!("could not ask the new version to take over: {err:?}");
                }
            }
        });
    }
}

/// Registers `/sw.js` and watches for updates. Where service workers are not
/// available (an insecure origin, an old browser) the app still works online
/// and `ready` simply never turns true.
pub fn register_service_worker() -> ServiceWorkerUpdate {
    let update = ServiceWorkerUpdate {
        ready: RwSignal::new(false),
        activating: RwSignal::new(false),
    };
    let Some(container) = container() else {
        return update;
    };

    let on_controller_change = Closure::<dyn FnMut()>::new(move || {
        if update.activating.get_untracked() {
            let _ = window().location().reload();
        }
    });
    container.set_oncontrollerchange(Some(on_controller_change.as_ref().unchecked_ref()));
    // Page-lifetime listener: leaking its closure is the intended ownership.
    on_controller_change.forget();

    spawn_local(async move {
        match JsFuture::from(container.register(SERVICE_WORKER_URL)).await {
            Ok(registration) => {
                if let Ok(registration) = registration.dyn_into::<ServiceWorkerRegistration>() {
                    watch_for_waiting_worker(&container, registration, update.ready);
                }
            }
            Err(err) => leptos::logging::warn!("service worker registration failed: {err:?}"),
        }
    });
    update
}

/// `navigator.serviceWorker`, or `None` where the browser has none.
fn container() -> Option<ServiceWorkerContainer> {
    let navigator = window().navigator();
    let present = js_sys::Reflect::has(&navigator, &JsValue::from_str("serviceWorker")).unwrap_or(false);
    present.then(|| navigator.service_worker())
}

/// Raises `ready` when a new worker is waiting: one already waiting at page
/// load, or one that finishes installing while the page is open. A worker
/// installed while no controller exists is the first install, not an update.
fn watch_for_waiting_worker(
    container: &ServiceWorkerContainer,
    registration: ServiceWorkerRegistration,
    ready: RwSignal<bool>,
) {
    let container = container.clone();
    let raise_if_waiting = move |worker: &ServiceWorker| {
        if worker.state() == ServiceWorkerState::Installed && container.controller().is_some() {
            ready.set(true);
        }
    };
    if let Some(waiting) = registration.waiting() {
        raise_if_waiting(&waiting);
    }

    let watched = registration.clone();
    let on_update_found = Closure::<dyn FnMut()>::new(move || {
        // A small update can finish installing before this event is handled,
        // so the new worker may already be the waiting one.
        if let Some(waiting) = watched.waiting() {
            raise_if_waiting(&waiting);
        }
        let Some(installing) = watched.installing() else {
            return;
        };
        let worker = installing.clone();
        let raise_if_waiting = raise_if_waiting.clone();
        let on_state_change = Closure::<dyn FnMut()>::new(move || raise_if_waiting(&worker));
        installing.set_onstatechange(Some(on_state_change.as_ref().unchecked_ref()));
        on_state_change.forget();
    });
    registration.set_onupdatefound(Some(on_update_found.as_ref().unchecked_ref()));
    on_update_found.forget();
}
