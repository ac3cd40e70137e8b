//! The member's settings: held in one signal for the whole app, written
//! through to browser storage, and applied to the document (`lang`, text size).

mod page;

pub use page::SettingsPage;

use leptos::prelude::*;

use crate::store::settings::{load_settings, save_settings, Settings, SettingsProblem};

/// Shared by context: the settings and the last storage problem to show.
#[derive(Clone, Copy)]
pub struct SettingsContext {
    pub settings: RwSignal<Settings>,
    pub problem: RwSignal<Option<SettingsProblem>>,
}

/// Loads the stored settings, provides them to the app, and keeps storage and
/// the document in step with every later change. Call once, at the root.
pub fn provide_settings() -> SettingsContext {
    let loaded = load_settings();
    let context = SettingsContext {
        settings: RwSignal::new(loaded.settings),
        problem: RwSignal::new(loaded.problem),
    };
    let SettingsContext { settings, problem } = context;

    // Effects push state outward only: to the <html> element and to storage.
    // The first run just applies what was loaded; saving it back would replace
    // an unreadable stored value before the member chose anything.
    Effect::new(move |previous: Option<Settings>| {
        let current = settings.get();
        apply_to_document(&current);
        if previous.is_some_and(|previous| previous != current) {
            // A failed save keeps the choice for this page and says so; a
            // success clears an earlier problem, which the new value replaced.
            problem.set(save_settings(&current).err());
        }
        current
    });

    provide_context(context);
    context
}

/// The settings signal, for reading and for the settings page to write.
pub fn use_settings() -> RwSignal<Settings> {
    use_settings_context().settings
}

/// The whole settings context, including the storage problem to show.
pub fn use_settings_context() -> SettingsContext {
    expect_context::<SettingsContext>()
}

/// `lang` tells screen readers and the font fallback which language is shown;
/// the `large-text` class switches the stylesheet's large, high-contrast theme.
fn apply_to_document(settings: &Settings) {
    let Some(root) = document().document_element() else {
        return;
    };
    // Neither call can fail on the root element of a live document; a failure
    // would only leave the previous look in place, so it is not worth a notice.
    let _ = root.set_attribute("lang", settings.lang.tag());
    let _ = root
        .class_list()
        .toggle_with_force("large-text", settings.large_text);
}
