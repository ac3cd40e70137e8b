//! One tab syncs at a time, and one tab syncs on its own: the Web Locks API,
//! where the browser has it.

use js_sys::{Function, Object, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

const LOCK_NAME: &str = "linli-sync";

/// Runs `work` holding the sync lock and returns `true`; returns `false`
/// without running it if another tab holds the lock (that tab's sync will
/// reach this one through the broadcast channel). Without Web Locks, runs it.
pub async fn with_sync_lock<F: std::future::Future<Output = ()>>(work: F) -> bool {
    let Some((locks, request)) = lock_manager() else {
        work.await;
        return true;
    };
    let (granted_tx, granted_rx) = futures::channel::oneshot::channel::<Option<Function>>();
    // The browser calls this with the lock, or with null if it is taken; the
    // lock is held until the promise it returns settles.
    let callback = Closure::once_into_js(move |lock: JsValue| -> Promise {
        if lock.is_null() {
            let _ = granted_tx.send(None);
            return Promise::resolve(&JsValue::UNDEFINED);
        }
        let mut release = None;
        let held = Promise::new(&mut |resolve, _reject| release = Some(resolve));
        let _ = granted_tx.send(release);
        held
    });
    let options = Object::new();
    let _ = Reflect::set(&options, &"ifAvailable".into(), &JsValue::TRUE);
    if request
        .call3(&locks, &LOCK_NAME.into(), &options, &callback)
        .is_err()
    {
        work.await;
        return true;
    }
    match granted_rx.await {
        Ok(Some(release)) => {
            work.await;
            let _ = release.call0(&JsValue::NULL);
            true
        }
        _ => false,
    }
}

const LEADER_LOCK_NAME: &str = "linli-sync-leader";

/// Calls `on_elected` once this tab holds the leader lock, which it then
/// keeps until it closes; the next tab waiting is elected then. Without Web
/// Locks every tab is elected at once (they still sync one at a time).
pub fn claim_leadership(on_elected: impl FnOnce() + 'static) {
    let Some((locks, request)) = lock_manager() else {
        on_elected();
        return;
    };
    let on_elected = std::rc::Rc::new(std::cell::Cell::new(Some(on_elected)));
    let elect = {
        let on_elected = on_elected.clone();
        move || {
            if let Some(on_elected) = on_elected.take() {
                on_elected();
            }
        }
    };
    let callback = Closure::once_into_js(move |_lock: JsValue| -> Promise {
        elect();
        // Never settles: the lock is this tab's for its life.
        Promise::new(&mut |_resolve, _reject| {})
    });
    if request
        .call2(&locks, &LEADER_LOCK_NAME.into(), &callback)
        .is_err()
    {
        // Cannot ask: behave as without Web Locks.
        if let Some(on_elected) = on_elected.take() {
            on_elected();
        }
    }
}

fn lock_manager() -> Option<(JsValue, Function)> {
    let navigator = web_sys::window()?.navigator();
    let locks = Reflect::get(&navigator, &"locks".into()).ok()?;
    if locks.is_undefined() || locks.is_null() {
        return None;
    }
    let request = Reflect::get(&locks, &"request".into())
        .ok()?
        .dyn_into::<Function>()
        .ok()?;
    Some((locks, request))
}
