//! Whether a member was signed in on this device when the app last ran,
//! kept in `localStorage` because it can be read before the first paint,
//! unlike IndexedDB, where the session itself is: the status bar and the
//! home page keep the place of what a member's screens show (the sync row,
//! the notice board) from the first frame, so nothing moves when IndexedDB
//! answers (tests/e2e/layout-shift.spec.ts). Only a hint: what is shown
//! once the session is read always follows the session.
//!
//! ## Usage
//! ```ignore
//! let expected = was_signed_in();
//! Effect::new(move |_| if community.loaded.get() { remember_signed_in(community.session.get().is_some()) });
//! ```

const KEY: &str = "linli.signed-in";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// Whether the last run of the app on this device had a member signed in.
pub fn was_signed_in() -> bool {
    storage()
        .and_then(|storage| storage.get_item(KEY).ok().flatten())
        .is_some()
}

/// Keeps, for the next start, whether a member is signed in now. A refusal
/// (private mode, a full quota) costs only the hint.
pub fn remember_signed_in(signed_in: bool) {
    if let Some(storage) = storage() {
        let _ = if signed_in {
            storage.set_item(KEY, "1")
        } else {
            storage.remove_item(KEY)
        };
    }
}
