//! Registering a member: the officer's device chooses the invite code (so it
//! works offline), shows it with a QR code, and the server keeps its hash.

use leptos::prelude::*;
use linli_core::members::{RegisterMember, INVITE_CODE_ALPHABET, INVITE_CODE_LEN};
use linli_core::{MemberId, Mutation, Role};

use crate::i18n::texts;
use crate::notices::ErrorLine;
use crate::sync::{new_id, use_community, MutateError};

/// A new invite code from the browser's cryptographic random generator.
fn new_invite_code() -> Option<String> {
    let mut bytes = [0u8; INVITE_CODE_LEN];
    let crypto = window().crypto().ok()?;
    crypto.get_random_values_with_u8_array(&mut bytes).ok()?;
    Some(
        bytes
            .iter()
            .map(|byte| INVITE_CODE_ALPHABET[*byte as usize % INVITE_CODE_ALPHABET.len()] as char)
            .collect(),
    )
}

/// The form an officer or admin registers a member with.
#[component]
pub fn RegisterMemberForm() -> impl IntoView {
    let t = texts();
    let community = use_community();
    let name = RwSignal::new(String::new());
    let role = RwSignal::new(Role::Resident);
    let error = RwSignal::new(None::<MutateError>);
    let issued = RwSignal::new(None::<(String, String)>);
    let register = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (Some(code), Ok(id)) = (new_invite_code(), new_id("m").parse::<MemberId>()) else {
            return;
        };
        let member_name = name.get_untracked();
        let mutation = Mutation::RegisterMember(RegisterMember {
            id,
            name: member_name.clone(),
            roles: vec![role.get_untracked()],
            invite_code: code.clone(),
        });
        leptos::task::spawn_local(async move {
            match community.mutate(mutation).await {
                Ok(()) => {
                    issued.set(Some((member_name, code)));
                    name.set(String::new());
                    error.set(None);
                }
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
            <ErrorLine error=error />
            {move || issued.get().map(|(member, code)| view! {
                <div class="invite" data-testid="invite">
                    <p><strong>{(t.register_done)(&member)}</strong></p>
                    <p class="invite-code" data-testid="invite-code">{code.clone()}</p>
                    <div class="qr" inner_html=crate::qr::qr_svg(&code, 180)></div>
                    <p class="note">{t.register_code_hint}</p>
                </div>
            })}
        </section>
    }
}
