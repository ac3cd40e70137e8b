//! The settings page: language and the large-text mode.

use leptos::prelude::*;

use super::use_settings_context;
use crate::account::{AccountPanel, JoinCard, MemberChooser};
use crate::i18n::{texts, Lang};
use crate::store::settings::SettingsProblem;
use crate::sync::use_community;

/// Language choice and the large-text, high-contrast switch. Both take effect
/// at once and are remembered on this device.
#[component]
pub fn SettingsPage() -> impl IntoView {
    let t = texts();
    let context = use_settings_context();
    let settings = context.settings;
    let problem = context.problem;
    let community = use_community();

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
            <h1 id="settings-title">{t.settings_title}</h1>

            <fieldset class="card">
                <legend>{t.settings_language}</legend>
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
                        <strong>{t.settings_large_text}</strong>
                        <small>{t.settings_large_text_hint}</small>
                    </span>
                </label>
            </div>

            <Show when=move || community.loaded.get()>
                <Show
                    when=move || community.session.get().is_some()
                    fallback=move || {
                        view! {
                            <Show when=move || community.holds_members.get() fallback=|| view! { <JoinCard /> }>
                                <MemberChooser />
                            </Show>
                        }
                    }
                >
                    <Show when=move || community.signed_out_remotely()>
                        <p class="error" role="alert" data-testid="signed-out">{t.problem_signed_out}</p>
                        <JoinCard again=true />
                    </Show>
                    <AccountPanel />
                    <Show when=move || community.status.storage_kept.get() == Some(false)>
                        <p class="warning" role="status" data-testid="storage-not-kept">{t.settings_storage_not_kept}</p>
                    </Show>
                </Show>
            </Show>

            <p class="note" role="status" data-testid="settings-storage-note">
                {move || {
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
