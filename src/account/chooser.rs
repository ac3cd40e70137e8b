//! The chooser a shared device shows when no member is active: each member
//! on it by name, a PIN where they set one, and the way to add another.
//! Works with no network: the PIN is checked on the device.

use leptos::prelude::*;

use super::i18n::texts;
use super::pin::{self, PinInput};
use super::JoinCard;
use crate::store::device_members::{DeviceMember, DeviceMembers};
use crate::sync::use_community;

/// Wrong PINs allowed before the chooser makes the next try wait.
const TRIES: u32 = 5;
const WAIT_SECONDS: u32 = 30;

/// Who is using this device? A tap on a name opens that member (after their
/// PIN, if they set one).
#[component]
pub fn MemberChooser() -> impl IntoView {
    let t = texts();
    let community = use_community();
    // The list as stored: the first screen knew only that there is one.
    community.members.set(DeviceMembers::load());
    let members = Memo::new(move |_| community.members.get().members);
    let picked = RwSignal::new(None::<DeviceMember>);
    let adding = RwSignal::new(false);
    let open = move |member: DeviceMember| {
        leptos::task::spawn_local(async move {
            let _ = community.switch_to(&member.database).await;
        });
    };
    let pick = move |member: DeviceMember| {
        if member.pin.is_some() {
            picked.set(Some(member));
        } else {
            open(member);
        }
    };
    view! {
        <section class="card chooser" aria-labelledby="chooser-title" data-testid="chooser">
            <h2 id="chooser-title">{t.chooser_title}</h2>
            <p class="note">{t.chooser_hint}</p>
            <ul class="chooser-list">
                <For each=move || members.get() key=|member| (member.database.clone(), member.name.clone(), member.pending) let:member>
                    <li>
                        <ChooserLine member=member.clone() on_pick=Callback::new(pick) />
                    </li>
                </For>
            </ul>
            {move || picked.get().map(|member| view! {
                <PinForm member=member on_open=Callback::new(open) on_cancel=Callback::new(move |()| picked.set(None)) />
            })}
            <Show
                when=move || adding.get()
                fallback=move || view! {
                    <button type="button" class="secondary" on:click=move |_| adding.set(true) data-testid="chooser-add">
                        {t.chooser_add}
                    </button>
                }
            >
                <JoinCard />
            </Show>
        </section>
    }
}

/// One member's button in the chooser.
#[component]
fn ChooserLine(member: DeviceMember, on_pick: Callback<DeviceMember>) -> impl IntoView {
    let t = texts();
    let name = if member.name.is_empty() {
        t.chooser_unnamed.to_owned()
    } else {
        member.name.clone()
    };
    let unsent = (member.pending > 0).then(|| (t.chooser_unsent)(member.pending));
    let has_pin = member.pin.is_some();
    let member_id = member.member_id.clone();
    let community_name = member
        .community_name
        .as_ref()
        .map(|name| name.in_current_lang().to_owned())
        .unwrap_or_default();
    view! {
        <button
            type="button"
            class="chooser-member"
            data-testid="choose-member"
            data-member=member_id
            on:click=move |_| on_pick.run(member.clone())
        >
            <strong>{name}</strong>
            <span class="note">{community_name}</span>
            {has_pin.then(|| view! { <span class="badge">{t.chooser_has_pin}</span> })}
            {unsent.map(|unsent| view! { <span class="chooser-unsent" data-testid="chooser-unsent">{unsent}</span> })}
        </button>
    }
}

/// The PIN of the member picked; wrong tries are counted, and after
/// [`TRIES`] the next waits [`WAIT_SECONDS`].
#[component]
fn PinForm(member: DeviceMember, on_open: Callback<DeviceMember>, on_cancel: Callback<()>) -> impl IntoView {
    let t = texts();
    let typed = RwSignal::new(String::new());
    let wrong = RwSignal::new(0u32);
    let waiting = RwSignal::new(false);
    let checking = RwSignal::new(false);
    let name = if member.name.is_empty() {
        member.member_id.clone()
    } else {
        member.name.clone()
    };
    let kept = StoredValue::new(member);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if waiting.get_untracked() {
            return;
        }
        checking.set(true);
        leptos::task::spawn_local(async move {
            let member = kept.get_value();
            let Some(hash) = member.pin.clone() else {
                return;
            };
            if pin::matches(&typed.get_untracked(), &hash).await {
                on_open.run(member);
            } else {
                wrong.update(|wrong| *wrong += 1);
                typed.set(String::new());
                if wrong.get_untracked() >= TRIES {
                    waiting.set(true);
                    crate::timer::sleep((WAIT_SECONDS * 1000) as i32).await;
                    wrong.set(0);
                    waiting.set(false);
                }
            }
            checking.set(false);
        });
    };
    let message = move || {
        if waiting.get() {
            Some((t.pin_wait)(WAIT_SECONDS))
        } else {
            let wrong = wrong.get();
            (wrong > 0).then(|| (t.pin_wrong)(TRIES - wrong))
        }
    };
    view! {
        <form class="pin-form" on:submit=submit data-testid="pin-form">
            <label>
                <span>{(t.pin_enter)(&name)}</span>
                <PinInput typed=typed autocomplete="off" test_id="pin-input" />
            </label>
            <button type="submit" prop:disabled=move || waiting.get() || checking.get()>{t.pin_open}</button>
            <button type="button" class="secondary" on:click=move |_| on_cancel.run(())>{t.chooser_cancel}</button>
            {move || message().map(|message| view! { <p class="error" role="alert" data-testid="pin-error">{message}</p> })}
        </form>
    }
}
