//! The member's small settings (language, large text), kept in `localStorage`.
//!
//! Settings are tiny and read synchronously before the first render, which is
//! what `localStorage` is for; the community's records go to IndexedDB.
//!
//! ## Usage
//! ```no_run
//! use linli::store::settings::{load_settings, save_settings, Settings};
//! let loaded = load_settings();
//! if let Some(problem) = loaded.problem {
//!     // Show the member `problem`; the defaults are in `loaded.settings`.
//! }
//! let mut settings: Settings = loaded.settings;
//! settings.large_text = true;
//! if let Err(problem) = save_settings(&settings) {
//!     // Say that the choice will not outlive this page.
//! }
//! ```

use gloo_storage::{errors::StorageError, LocalStorage, Storage};
use serde::{Deserialize, Serialize};

use crate::i18n::Lang;

/// The `localStorage` key. The version suffix lets a later, incompatible
/// shape live beside this one instead of being misread as it.
pub const SETTINGS_KEY: &str = "linli.settings.v1";

/// What the member chose on the settings page.
///
/// `#[serde(default)]` lets a value saved by an older build, which lacks a
/// newer field, still load with that field at its default.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// The interface language.
    pub lang: Lang,
    /// Large text and high contrast, for elderly members.
    pub large_text: bool,
}

/// Why stored settings could not be used or kept. `Display` is for logs; the
/// member sees the translated sentence for the variant.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SettingsProblem {
    /// Something is stored under [`SETTINGS_KEY`] but it is not a settings
    /// value (hand-edited, or written by a broken build).
    #[error("stored settings are not valid: {0}")]
    Unreadable(String),
    /// `localStorage` refused: blocked, private mode, or over its quota.
    #[error("settings storage is unavailable: {0}")]
    StorageUnavailable(String),
}

/// The result of [`load_settings`]: always usable settings, and the problem
/// met on the way, if any, for the UI to show.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoadedSettings {
    pub settings: Settings,
    pub problem: Option<SettingsProblem>,
}

/// Reads the stored settings. Never fails: with nothing stored it gives the
/// defaults quietly, and with something unusable it gives the defaults and
/// says why, so a bad value can never blank the app.
pub fn load_settings() -> LoadedSettings {
    match LocalStorage::get::<Settings>(SETTINGS_KEY) {
        Ok(settings) => LoadedSettings {
            settings,
            problem: None,
        },
        Err(StorageError::KeyNotFound(_)) => LoadedSettings {
            settings: Settings::default(),
            problem: None,
        },
        Err(StorageError::SerdeError(err)) => LoadedSettings {
            settings: Settings::default(),
            problem: Some(SettingsProblem::Unreadable(err.to_string())),
        },
        Err(StorageError::JsError(err)) => LoadedSettings {
            settings: Settings::default(),
            problem: Some(SettingsProblem::StorageUnavailable(err.to_string())),
        },
    }
}

/// Stores the settings, replacing whatever was there (an unreadable value
/// included: the member's fresh choice is worth more than it).
pub fn save_settings(settings: &Settings) -> Result<(), SettingsProblem> {
    LocalStorage::set(SETTINGS_KEY, settings).map_err(|err| match err {
        StorageError::SerdeError(err) => SettingsProblem::Unreadable(err.to_string()),
        other => SettingsProblem::StorageUnavailable(other.to_string()),
    })
}
