//! Whether the browser believes it has a network.
//!
//! `navigator.onLine` is only a hint: `true` means "some network", not "the
//! server answers". The status bar shows it; the sync engine will treat a
//! failed request, not this flag, as the truth.

use leptos::ev;
use leptos::prelude::*;

/// The signal the first caller made, shared with the components below it.
#[derive(Clone, Copy)]
struct Network(ReadSignal<bool>);

/// A signal that follows the browser's `online` and `offline` events.
///
/// The first call (the app, at its root) adds the two window listeners and
/// shares the signal with every component below it; later calls (one per
/// vote card, say) get that signal and add none. The listeners go when the
/// component that added them goes.
///
/// ## Usage
/// ```no_run
/// # use leptos::prelude::*;
/// let online = linli::shell::use_online();
/// let label = move || if online.get() { "在线" } else { "离线" };
/// ```
pub fn use_online() -> ReadSignal<bool> {
    if let Some(Network(online)) = use_context::<Network>() {
        return online;
    }
    let (online, set_online) = signal(window().navigator().on_line());
    let went_online = window_event_listener(ev::online, move |_| set_online.set(true));
    let went_offline = window_event_listener(ev::offline, move |_| set_online.set(false));
    on_cleanup(move || {
        went_online.remove();
        went_offline.remove();
    });
    provide_context(Network(online));
    online
}
