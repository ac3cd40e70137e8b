//! The member's small settings (language, large text), kept in `localStorage`
//! as JSON.
//!
//! Settings are tiny and read synchronously before the first render, which is
//! what `localStorage` is for; the community's records go to IndexedDB.
//! The JSON is parsed and written by the browser's own `JSON` object rather
//! than serde_json: for two fields that keeps several kilobytes out of a first
//! download that must fit a weak mobile link.
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

use js_sys::{Object, Reflect, JSON};
use wasm_bindgen::{JsCast, JsValue};

use crate::i18n::Lang;

/// The `localStorage` key. The version suffix lets a later, incompatible
/// shape live beside this one instead of being misread as it.
pub const SETTINGS_KEY: &str = "linli.settings.v1";

const LANG_FIELD: &str = "lang";
const LARGE_TEXT_FIELD: &str = "large_text";

/// What the member chose on the settings page.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
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
    let stored = local_storage().and_then(|storage| {
        storage
            .get_item(SETTINGS_KEY)
            .map_err(|err| SettingsProblem::StorageUnavailable(describe(&err)))
    });
    let parsed = match stored {
        Ok(None) => Ok(Settings::default()),
        Ok(Some(json)) => parse(&json),
        Err(problem) => Err(problem),
    };
    match parsed {
        Ok(settings) => LoadedSettings {
            settings,
            problem: None,
        },
        Err(problem) => LoadedSettings {
            settings: Settings::default(),
            problem: Some(problem),
        },
    }
}

/// Stores the settings, replacing whatever was there (an unreadable value
/// included: the member's fresh choice is worth more than it).
pub fn save_settings(settings: &Settings) -> Result<(), SettingsProblem> {
    let storage = local_storage()?;
    storage
        .set_item(SETTINGS_KEY, &to_json(settings))
        .map_err(|err| SettingsProblem::StorageUnavailable(describe(&err)))
}

/// `{"lang":"zh-CN","large_text":false}`. A field missing from an older build's
/// value takes its default; a field of the wrong type or an unknown language
/// makes the whole value unreadable.
fn parse(json: &str) -> Result<Settings, SettingsProblem> {
    let unreadable = |why: &str| SettingsProblem::Unreadable(why.to_owned());
    let value = JSON::parse(json).map_err(|err| SettingsProblem::Unreadable(describe(&err)))?;
    let object = value
        .dyn_into::<Object>()
        .ok()
        .filter(|object| !js_sys::Array::is_array(object))
        .ok_or_else(|| unreadable("not a JSON object"))?;
    let field = |name: &str| Reflect::get(&object, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED);

    let mut settings = Settings::default();
    let lang = field(LANG_FIELD);
    if !lang.is_undefined() {
        let tag = lang
            .as_string()
            .ok_or_else(|| unreadable("lang is not a string"))?;
        settings.lang = Lang::from_tag(&tag).ok_or_else(|| unreadable("unknown language"))?;
    }
    let large_text = field(LARGE_TEXT_FIELD);
    if !large_text.is_undefined() {
        settings.large_text = large_text
            .as_bool()
            .ok_or_else(|| unreadable("large_text is not true or false"))?;
    }
    Ok(settings)
}

fn to_json(settings: &Settings) -> String {
    format!(
        r#"{{"{LANG_FIELD}":"{}","{LARGE_TEXT_FIELD}":{}}}"#,
        settings.lang.tag(),
        settings.large_text
    )
}

fn local_storage() -> Result<web_sys::Storage, SettingsProblem> {
    let window = web_sys::window().ok_or_else(|| SettingsProblem::StorageUnavailable("no window".into()))?;
    match window.local_storage() {
        Ok(Some(storage)) => Ok(storage),
        Ok(None) => Err(SettingsProblem::StorageUnavailable("no localStorage".into())),
        Err(err) => Err(SettingsProblem::StorageUnavailable(describe(&err))),
    }
}

/// A JS exception's message, for logs.
fn describe(err: &JsValue) -> String {
    err.dyn_ref::<js_sys::Error>()
        .map(|err| String::from(err.message()))
        .or_else(|| err.as_string())
        .unwrap_or_else(|| "unknown error".into())
}
