//! The account's shared-device part: switching member, the member's PIN on
//! this device, when the device locks by itself, and a code to sign in the
//! member's own other phone.

use leptos::prelude::*;
use linli_core::members::invites::{invite_code_for_reading, LinkDevice};
use linli_core::members::MembersMutation;
use linli_core::Mutation;

use super::i18n::texts;
use super::pin::{self, PinInput};
use crate::forms::ErrorLine;
use crate::store::device_members::{DeviceMembers, LockAfter};
use crate::sync::{new_id, use_community, MutateError};

/// Switch member, PIN, lock, and a code for another phone.
#[component]
pub fn SharedDeviceCard() -> impl IntoView {
    let t = texts();
    let community = use_community();
    let navigate = crate::shell::use_navigate();
    community.members.set(DeviceMembers::load());
    let count = move || community.members.get().members.len();
    let switch = move |_| {
        leptos::task::spawn_local(async move {
            community.lock().await;
            navigate("/");
        });
    };
    view! {
        <section class="card shared-device" aria-labelledby="pin-title" data-testid="shared-device">
            <p class="note">{move || (t.switch_hint)(count())}</p>
            <button type="button" class="secondary" on:click=switch data-testid="switch-member">{t.switch_member}</button>
            <PinPart />
            <LockChoice />
        </section>
        <LinkDevicePart />
    }
}

/// Sets, changes or removes the active member's PIN on this device.
#[component]
fn PinPart() -> impl IntoView {
    let t = texts();
    let community = use_community();
    let has_pin = move || {
        community
            .members
            .get()
            .active_member()
            .is_some_and(|member| member.pin.is_some())
    };
    // Read here, in the view: the language is a context, which the async
    // steps below cannot reach.
    let storage_failed = crate::i18n::texts().problem_storage_unavailable;
    let typed = RwSignal::new(String::new());
    let message = RwSignal::new(None::<(bool, &'static str)>);
    let store = move |pin: Option<crate::store::device_members::PinHash>| {
        let mut members = DeviceMembers::load();
        let Some(active) = members.active.clone() else {
            return false;
        };
        let Some(member) = members.by_database(&active) else {
            return false;
        };
        member.pin = pin;
        let saved = members.save().is_ok();
        community.members.set(members);
        saved
    };
    let set_pin = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let digits = typed.get_untracked();
        if !pin::is_pin(&digits) {
            message.set(Some((false, t.pin_shape)));
            return;
        }
        leptos::task::spawn_local(async move {
            let saved = match pin::protect(&digits).await {
                Ok(hash) => store(Some(hash)),
                Err(_) => false,
            };
            typed.set(String::new());
            message.set(Some(if saved {
                (true, t.pin_saved)
            } else {
                (false, storage_failed)
            }));
        });
    };
    let remove_pin = move |_| {
        let saved = store(None);
        message.set(Some(if saved {
            (true, t.pin_removed)
        } else {
            (false, storage_failed)
        }));
    };
    view! {
        <h2 id="pin-title">{t.pin_title}</h2>
        <p class="note">{t.pin_intro}</p>
        <p data-testid="pin-state">{move || if has_pin() { t.pin_is_set } else { t.pin_none }}</p>
        <form class="inline-form" on:submit=set_pin>
            <label>
                <span>{t.pin_label}</span>
                <PinInput typed=typed autocomplete="new-password" test_id="pin-new" />
            </label>
            <button type="submit" data-testid="pin-save">{move || if has_pin() { t.pin_change } else { t.pin_set }}</button>
        </form>
        <Show when=has_pin>
            <button type="button" class="secondary" on:click=remove_pin data-testid="pin-remove">{t.pin_remove}</button>
        </Show>
        {move || message.get().map(|(ok, text)| {
            view! { <p class=if ok { "ok" } else { "error" } role="status" data-testid="pin-message">{text}</p> }
        })}
    }
}

/// When this device goes back to the chooser by itself (all its members).
#[component]
fn LockChoice() -> impl IntoView {
    let t = texts();
    let community = use_community();
    let chosen = move || community.members.get().lock_after;
    let choose = move |ev: leptos::ev::Event| {
        let index: usize = event_target_value(&ev).parse().unwrap_or(0);
        let mut members = DeviceMembers::load();
        members.lock_after = LockAfter::CHOICES.get(index).copied().unwrap_or_default();
        let _ = members.save();
        community.members.set(members);
    };
    view! {
        <label class="field">
            <span>{t.lock_label}</span>
            <select on:change=choose data-testid="lock-after">
                {LockAfter::CHOICES
                    .into_iter()
                    .enumerate()
                    .map(|(index, choice)| view! {
                        <option value=index.to_string() prop:selected=move || chosen() == choice>{t.lock_choice(choice)}</option>
                    })
                    .collect_view()}
            </select>
        </label>
        <p class="note">{t.lock_hint}</p>
    }
}

/// A one-day code for the member's own other phone, from the device's pad:
/// works offline, and the server checks it gave the code to this member.
#[component]
fn LinkDevicePart() -> impl IntoView {
    let t = texts();
    let community = use_community();
    let code = RwSignal::new(None::<String>);
    let empty_pad = RwSignal::new(false);
    let error = RwSignal::new(None::<MutateError>);
    let make = move |_| {
        leptos::task::spawn_local(async move {
            let made = community
                .mutate_with_invite_code(|invite_code| {
                    Mutation::Members(MembersMutation::LinkDevice(LinkDevice {
                        invite_id: new_id("link"),
                        invite_code,
                    }))
                })
                .await;
            match made {
                Ok(Some(made)) => {
                    error.set(None);
                    empty_pad.set(false);
                    code.set(Some(made));
                }
                Ok(None) => empty_pad.set(true),
                Err(err) => error.set(Some(err)),
            }
        });
    };
    view! {
        <section class="card link-device" aria-labelledby="link-title" data-testid="link-device">
            <h2 id="link-title">{t.link_title}</h2>
            <p class="note">{t.link_intro}</p>
            <button type="button" on:click=make data-testid="link-make">{t.link_make}</button>
            <Show when=move || empty_pad.get()>
                <p class="error" role="alert">{t.link_empty_pad}</p>
            </Show>
            <ErrorLine error=error />
            {move || code.get().map(|code| view! {
                <div class="invite">
                    <p>{t.link_code} ": " <span class="invite-code" data-testid="link-code">{invite_code_for_reading(&code)}</span></p>
                    <div class="qr" inner_html=crate::qr::qr_svg(&code, 180)></div>
                    <p class="note">{t.link_valid}</p>
                </div>
            })}
        </section>
    }
}
