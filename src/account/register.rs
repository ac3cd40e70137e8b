//! Registering a member: the officer's device takes an invite code from the
//! ones the server gave it in advance (its pad, so registering works with no
//! network), shows it with a QR code, and the server checks it made it.

use leptos::prelude::*;
use linli_core::members::invites::invite_code_for_reading;
use linli_core::members::MembersMutation;
use linli_core::members::RegisterMember;
use linli_core::{MemberId, Mutation, Role};

use crate::forms::ErrorLine;
use crate::i18n::texts;
use crate::sync::{new_id, use_community, MutateError};

/// The form an officer or admin registers a member with.
#[component]
pub fn RegisterMemberForm() -> impl IntoView {
    let t = texts();
    let community = use_community();
    let name = RwSignal::new(String::new());
    let role = RwSignal::new(Role::Resident);
    let error = RwSignal::new(None::<MutateError>);
    let issued = RwSignal::new(None::<(String, String)>);
    let no_codes = RwSignal::new(false);
    let register = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Ok(id) = new_id("m").parse::<MemberId>() else {
            return;
        };
        issued.set(None);
        let member_name = name.get_untracked();
        let roles = vec![role.get_untracked()];
        leptos::task::spawn_local(async move {
            let registered = community
                .mutate_with_invite_code(|invite_code| {
                    Mutation::Members(MembersMutation::RegisterMember(RegisterMember {
                        id,
                        name: member_name.clone(),
                        roles,
                        invite_code,
                        invite_id: None,
                        valid_days: None,
                    }))
                })
                .await;
            no_codes.set(matches!(registered, Ok(None)));
            match registered {
                Ok(Some(code)) => {
                    issued.set(Some((member_name, code)));
                    name.set(String::new());
                    error.set(None);
                }
                Ok(None) => error.set(None),
                Err(err) => error.set(Some(err)),
            }
        });
    };
    view! {
        <section class="card register" aria-labelledby="register-title" data-testid="register-member">
            <h2 id="register-title">{t.register_title}</h2>
            <form on:submit=register>
                <label>
                    <span>{t.register_name_label}</span>
                    <input type="text" maxlength="40" required prop:value=name on:input=move |ev| name.set(event_target_value(&ev)) />
                </label>
                <label>
                    <span>{t.register_role_label}</span>
                    <select on:change=move |ev| {
                        if let Ok(chosen) = event_target_value(&ev).parse::<Role>() {
                            role.set(chosen);
                        }
                    }>
                        {Role::ALL
                            .into_iter()
                            .map(|option| view! {
                                <option value=option.as_str() selected=move || role.get() == option>
                                    {move || t.role_name(option)}
                                </option>
                            })
                            .collect_view()}
                    </select>
                </label>
                <button type="submit">{t.register_button}</button>
            </form>
            <p class="note" data-testid="codes-left" data-count=move || community.invite_codes_left().to_string()>{move || (t.register_codes_left)(community.invite_codes_left())}</p>
            <Show when=move || no_codes.get()>
                <p class="error" role="alert">{t.register_no_codes}</p>
            </Show>
            <ErrorLine error=error />
            {move || issued.get().map(|(member, code)| view! {
                <div class="invite" data-testid="invite">
                    <p><strong>{(t.register_done)(&member)}</strong></p>
                    <p class="invite-code" data-testid="invite-code">{invite_code_for_reading(&code)}</p>
                    <div class="qr" inner_html=crate::qr::qr_svg(&code, 180)></div>
                    <p class="note">{t.register_code_hint}</p>
                </div>
            })}
        </section>
    }
}
