//! Whether the browser believes it has a network.
//!
//! `navigator.onLine` is only a hint: `true` means "some network", not "the
//! server answers". The status bar shows it; the sync engine will treat a
//! failed request, not this flag, as the truth.

use leptos::ev;
use leptos::prelude::*;

/// A signal that follows the browser's `online` and `offline` events.
///
/// ## Usage
/// ```no_run
/// # use leptos::prelude::*;
/// let online = linli::shell::use_online();
/// let label = move || if online.get() { "在线" } else { "离线" };
/// ```
pub fn use_online() -> ReadSignal<bool> {
    let (online, set_online) = signal(window().navigator().on_line());
    // The listeners live as long as the page: the status bar never unmounts.
    let _ = window_event_listener(ev::online, move |_| set_online.set(true));
    let _ = window_event_listener(ev::offline, move |_| set_online.set(false));
    online
}
