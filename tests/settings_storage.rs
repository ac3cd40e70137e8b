//! The settings storage wrapper in a real browser's `localStorage`.
//!
//! Run with `cargo test --target wasm32-unknown-unknown` (headless Chromium).

#![cfg(target_arch = "wasm32")]

use linli::i18n::Lang;
use linli::store::settings::{load_settings, save_settings, Settings, SettingsProblem, SETTINGS_KEY};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn local_storage() -> web_sys::Storage {
    web_sys::window()
        .expect("a browser window")
        .local_storage()
        .expect("localStorage is allowed")
        .expect("localStorage exists")
}

/// Puts `raw` under the settings key exactly as given, as a hand edit or a
/// broken build would leave it.
fn store_raw(raw: &str) {
    local_storage()
        .set_item(SETTINGS_KEY, raw)
        .expect("write to localStorage");
}

fn clear() {
    local_storage()
        .remove_item(SETTINGS_KEY)
        .expect("clear localStorage");
}

#[wasm_bindgen_test]
fn with_nothing_stored_the_defaults_load_without_a_problem() {
    clear();
    let loaded = load_settings();
    assert_eq!(loaded.settings, Settings::default());
    assert_eq!(loaded.settings.lang, Lang::Zh, "Chinese is the default language");
    assert!(!loaded.settings.large_text);
    assert_eq!(loaded.problem, None);
}

#[wasm_bindgen_test]
fn saved_settings_load_back_unchanged() {
    clear();
    let chosen = Settings {
        lang: Lang::En,
        large_text: true,
    };
    save_settings(&chosen).expect("saving works");
    let loaded = load_settings();
    assert_eq!(loaded.settings, chosen);
    assert_eq!(loaded.problem, None);
}

#[wasm_bindgen_test]
fn a_stored_value_that_is_not_json_gives_the_defaults_and_says_so() {
    store_raw("{not json at all");
    let loaded = load_settings();
    assert_eq!(loaded.settings, Settings::default());
    assert!(
        matches!(loaded.problem, Some(SettingsProblem::Unreadable(_))),
        "expected an Unreadable problem, got {:?}",
        loaded.problem
    );
}

#[wasm_bindgen_test]
fn an_unknown_language_is_unreadable_not_a_panic() {
    store_raw(r#"{"lang":"fr","large_text":true}"#);
    let loaded = load_settings();
    assert_eq!(loaded.settings, Settings::default());
    assert!(matches!(loaded.problem, Some(SettingsProblem::Unreadable(_))));
}

#[wasm_bindgen_test]
fn a_value_from_an_older_build_keeps_the_fields_it_has() {
    // Written before large_text existed: the language survives.
    store_raw(r#"{"lang":"en"}"#);
    let loaded = load_settings();
    assert_eq!(loaded.settings.lang, Lang::En);
    assert!(!loaded.settings.large_text);
    assert_eq!(loaded.problem, None);
}

#[wasm_bindgen_test]
fn saving_replaces_an_unreadable_value() {
    store_raw("[1, 2");
    assert!(load_settings().problem.is_some());
    let chosen = Settings {
        lang: Lang::Zh,
        large_text: true,
    };
    save_settings(&chosen).expect("saving works");
    let loaded = load_settings();
    assert_eq!(loaded.settings, chosen);
    assert_eq!(loaded.problem, None);
    assert_eq!(
        local_storage().get_item(SETTINGS_KEY).unwrap().as_deref(),
        Some(r#"{"lang":"zh-CN","large_text":true}"#),
        "the stored format is plain JSON with the language tag"
    );
}

#[wasm_bindgen_test]
fn valid_json_of_the_wrong_shape_is_unreadable() {
    for raw in [
        "null",
        "42",
        r#""zh-CN""#,
        r#"["zh-CN", true]"#,
        r#"{"large_text":"yes"}"#,
        r#"{"lang":7}"#,
    ] {
        store_raw(raw);
        let loaded = load_settings();
        assert_eq!(loaded.settings, Settings::default(), "{raw}");
        assert!(
            matches!(loaded.problem, Some(SettingsProblem::Unreadable(_))),
            "{raw}: {:?}",
            loaded.problem
        );
    }
}
