//! A member's signed-in devices, as the server recorded them when each
//! joined: the member signs out a lost phone from another device, and names
//! this one; a manager signs out a member's devices from the members screen.

use std::cmp::Reverse;

use leptos::prelude::*;
use linli_core::members::devices::{devices_of, DeviceRecord, NameDevice, SignOutDevice};
use linli_core::members::MembersMutation;
use linli_core::{MemberId, Mutation};

use super::i18n::texts;
use crate::forms::{run_mutation, ErrorLine};
use crate::sync::{use_community, MutateError};
use crate::view::{all, local_time, View};

/// `member`'s devices: signed-in ones first, then newest first.
pub fn devices(view: &View, member: &MemberId) -> Vec<DeviceRecord> {
    let mut devices: Vec<DeviceRecord> = all(view, &devices_of(member));
    devices.sort_by_key(|device| (device.signed_out_at.is_some(), Reverse(device.joined_at)));
    devices
}

/// The signed-in member's own devices, on the settings screen.
#[component]
pub fn DevicesCard() -> impl IntoView {
    let t = texts();
    let community = use_community();
    let member = Memo::new(move |_| {
        community
            .session
            .get()
            .and_then(|session| session.member_id.parse::<MemberId>().ok())
    });
    let listed = Memo::new(move |_| {
        member
            .get()
            .and_then(|member| community.with_view(|view| devices(view, &member)))
            .unwrap_or_default()
    });
    view! {
        <section class="card devices" aria-labelledby="devices-title" data-testid="devices">
            <h2 id="devices-title">{t.devices_title}</h2>
            <p class="note">{t.devices_intro}</p>
            <Show when=move || listed.get().is_empty()>
                <p class="note" data-testid="devices-pending">{t.devices_pending}</p>
            </Show>
            <DeviceList devices=listed />
        </section>
    }
}

/// Devices with what can be done to each: the signed-in ones listed, the
/// signed-out ones folded away below them.
#[component]
pub fn DeviceList(
    /// The devices to show, as [`devices`] orders them.
    #[prop(into)]
    devices: Signal<Vec<DeviceRecord>>,
) -> impl IntoView {
    let t = texts();
    let signed_in = Memo::new(move |_| {
        devices
            .get()
            .into_iter()
            .filter(|device| device.signed_out_at.is_none())
            .collect::<Vec<_>>()
    });
    let signed_out = Memo::new(move |_| {
        devices
            .get()
            .into_iter()
            .filter(|device| device.signed_out_at.is_some())
            .collect::<Vec<_>>()
    });
    view! {
        <ul class="plain-list device-list">
            <For each=move || signed_in.get() key=|device| (device.id.clone(), device.name.clone(), device.last_synced_at) let:device>
                <DeviceRow device=device />
            </For>
        </ul>
        <Show when=move || !signed_out.get().is_empty()>
            <details class="signed-out-devices">
                <summary>{move || (t.devices_signed_out)(signed_out.get().len())}</summary>
                <ul class="plain-list device-list">
                    <For each=move || signed_out.get() key=|device| device.id.clone() let:device>
                        <DeviceRow device=device />
                    </For>
                </ul>
            </details>
        </Show>
    }
}

/// One device: its name and times; this device can be renamed, any other
/// signed-in one signed out.
#[component]
fn DeviceRow(device: DeviceRecord) -> impl IntoView {
    let t = texts();
    let community = use_community();
    let error = RwSignal::new(None::<MutateError>);
    let this_device = community
        .session
        .get_untracked()
        .is_some_and(|session| session.device_id == device.id && session.member_id == device.member.as_str());
    let synced = device.last_synced_at.map_or_else(
        || t.device_never_synced.to_owned(),
        |at| (t.device_synced)(&local_time(at)),
    );
    let state = device
        .signed_out_at
        .map(|at| (t.device_signed_out)(&local_time(at)));
    let signed_in = device.signed_out_at.is_none();

    let name = RwSignal::new(device.name.clone());
    let rename = {
        let id = device.id.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            run_mutation(
                community,
                Mutation::Members(MembersMutation::NameDevice(NameDevice {
                    device: id.clone(),
                    name: name.get_untracked(),
                })),
                error,
            );
        }
    };
    let sign_out = {
        let (member, id, label) = (device.member.clone(), device.id.clone(), device.name.clone());
        move |_| {
            if window()
                .confirm_with_message(&(t.device_sign_out_confirm)(&label))
                .unwrap_or(false)
            {
                run_mutation(
                    community,
                    Mutation::Members(MembersMutation::SignOutDevice(SignOutDevice {
                        member: member.clone(),
                        device: id.clone(),
                    })),
                    error,
                );
            }
        }
    };
    view! {
        <li class="device" data-testid="device" data-this=this_device.to_string()>
            <p>
                <strong data-testid="device-name">{device.name.clone()}</strong>
                {this_device.then(|| view! { " " <span class="badge">{t.device_this}</span> })}
            </p>
            <p class="note">{(t.device_joined)(&local_time(device.joined_at))} " · " {synced}</p>
            {state.map(|state| view! { <p class="note" data-testid="device-signed-out">{state}</p> })}
            {(this_device && signed_in).then(|| view! {
                <form class="inline-form" on:submit=rename>
                    <label>
                        <span>{t.device_name_label}</span>
                        <input type="text" maxlength="40" required prop:value=name on:input=move |ev| name.set(event_target_value(&ev)) data-testid="device-name-input" />
                    </label>
                    <button type="submit">{t.device_save_name}</button>
                </form>
            })}
            {(!this_device && signed_in).then(|| view! {
                <button type="button" class="danger" on:click=sign_out data-testid="device-sign-out">{t.device_sign_out}</button>
            })}
            <ErrorLine error=error />
        </li>
    }
}
