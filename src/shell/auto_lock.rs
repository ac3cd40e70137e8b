//! Locks a shared device back to its chooser after the time without a touch
//! its members chose (`store::device_members::LockAfter`): at the canteen
//! counter the next diner never finds the last one's account open.
//!
//! ## Usage
//! ```ignore
//! // Once, at the root, after the community context:
//! crate::shell::start_auto_lock(use_community());
//! ```

use leptos::prelude::*;

use crate::store::device_members::LockAfter;
use crate::sync::Community;

/// How often the idle time is compared with the limit.
const CHECK_EVERY_MS: u64 = 5_000;

/// Watches touches, keys and scrolling, and locks when the limit passes.
pub fn start_auto_lock(community: Community) {
    let last_touch = StoredValue::new(js_sys::Date::now());
    let touched = move || last_touch.set_value(js_sys::Date::now());
    let _ = window_event_listener(leptos::ev::pointerdown, move |_| touched());
    let _ = window_event_listener(leptos::ev::keydown, move |_| touched());
    let _ = window_event_listener(leptos::ev::scroll, move |_| touched());
    let _ = set_interval_with_handle(
        move || {
            let members = community.members.get_untracked();
            let LockAfter::Seconds(seconds) = members.lock_after else {
                return;
            };
            let idle = js_sys::Date::now() - last_touch.get_value();
            if members.active.is_some() && idle >= f64::from(seconds) * 1000.0 {
                touched();
                leptos::task::spawn_local(async move { community.lock().await });
            }
        },
        std::time::Duration::from_millis(CHECK_EVERY_MS),
    );
}
