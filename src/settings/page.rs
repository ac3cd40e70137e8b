//! The settings page: language and the large-text mode.

use leptos::prelude::*;

use super::use_settings_context;
use crate::i18n::{use_texts, Lang};
use crate::store::settings::SettingsProblem;

/// Language choice and the large-text, high-contrast switch. Both take effect
/// at once and are remembered on this device.
#[component]
pub fn SettingsPage() -> impl IntoView {
    let t = use_texts();
    let context = use_settings_context();
    let settings = context.settings;
    let problem = context.problem;

    let language_choice = move |lang: Lang| {
        view! {
            <label class="choice" data-testid=format!("lang-{}", lang.tag())>
                <input
                    type="radio"
                    name="lang"
                    value=lang.tag()
                    prop:checked=move || settings.get().lang == lang
                    on:change=move |_| settings.update(|s| s.lang = lang)
                />
                <span lang=lang.tag()>{lang.native_name()}</span>
            </label>
        }
    };

    view! {
        <section class="page" aria-labelledby="settings-title">
            <h1 id="settings-title">{move || t.get().settings_title}</h1>

            <fieldset class="card">
                <legend>{move || t.get().settings_language}</legend>
                {Lang::ALL.map(language_choice)}
            </fieldset>

            <div class="card">
                <label class="switch" data-testid="large-text">
                    <input
                        type="checkbox"
                        role="switch"
                        prop:checked=move || settings.get().large_text
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            settings.update(|s| s.large_text = on);
                        }
                    />
                    <span class="switch-text">
                        <strong>{move || t.get().settings_large_text}</strong>
                        <small>{move || t.get().settings_large_text_hint}</small>
                    </span>
                </label>
            </div>

            <p class="note" role="status" data-testid="settings-storage-note">
                {move || {
                    let t = t.get();
                    match problem.get() {
                        None => t.settings_saved_here,
                        Some(SettingsProblem::Unreadable(_)) => t.settings_unreadable,
                        Some(SettingsProblem::StorageUnavailable(_)) => {
                            t.settings_storage_unavailable
                        }
                    }
                }}
            </p>
        </section>
    }
}
