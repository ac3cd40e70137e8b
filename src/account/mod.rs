//! Joining a community with an invite code, the member's own account, and
//! registering new members (officers and admins).

mod register;

pub use register::RegisterMemberForm;

use leptos::prelude::*;
use linli_core::members::{member_record, UpdateProfile};
use linli_core::{Mutation, Role};

use crate::i18n::texts;
use crate::notices::{run_mutation, ErrorLine};
use crate::sync::api::ApiError;
use crate::sync::{use_community, MutateError, SyncProblem};

/// The invite-code form shown while no one is signed in on this device.
#[component]
pub fn JoinCard() -> impl IntoView {
    let t = texts();
    let community = use_community();
    let code = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<SyncProblem>);
    let busy = RwSignal::new(false);
    let join = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        busy.set(true);
        leptos::task::spawn_local(async move {
            problem.set(community.join(&code.get_untracked()).await.err());
            busy.set(false);
        });
    };
    let message = move || {
        problem.get().map(|problem| match problem {
            SyncProblem::Api(ApiError::InviteNotFound) => t.join_unknown,
            SyncProblem::Api(ApiError::Offline) => t.join_offline,
            SyncProblem::Api(_) => t.problem_server,
            SyncProblem::Store(_) => t.problem_storage_unavailable,
        })
    };
    view! {
        <section class="card join" aria-labelledby="join-title" data-testid="join">
            <h2 id="join-title">{t.join_title}</h2>
            <p class="note">{t.join_hint}</p>
            <form on:submit=join>
                <label>
                    <span>{t.join_code_label}</span>
                    <input
                        type="text"
                        name="invite-code"
                        autocomplete="one-time-code"
                        autocapitalize="characters"
                        spellcheck="false"
                        required
                        prop:value=code
                        on:input=move |ev| code.set(event_target_value(&ev))
                    />
                </label>
                <button type="submit" prop:disabled=move || busy.get()>{t.join_button}</button>
            </form>
            <Show when=move || problem.get().is_some()>
                <p class="error" role="alert">{message}</p>
            </Show>
        </section>
    }
}

/// The signed-in member's account: name, roles, registering members, sign-out.
#[component]
pub fn AccountPanel() -> impl IntoView {
    let t = texts();
    let community = use_community();
    let actor = Memo::new(move |_| {
        community.revision.track();
        community.actor()
    });
    let record = Memo::new(move |_| {
        let actor = actor.get()?;
        community
            .with_view(|view| member_record(view, &actor.member))
            .flatten()
    });
    let name = RwSignal::new(String::new());
    Effect::new(move |_| {
        if let Some(record) = record.get() {
            name.set(record.name);
        }
    });
    let error = RwSignal::new(None::<MutateError>);
    let save_name = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        run_mutation(
            community,
            Mutation::UpdateProfile(UpdateProfile {
                name: name.get_untracked(),
            }),
            error,
        );
    };
    let sign_out = move |_| {
        let t = t;
        let pending = community.status.pending.get_untracked();
        let question = if pending > 0 {
            (t.account_sign_out_warning)(pending)
        } else {
            t.account_sign_out_confirm.to_owned()
        };
        if window().confirm_with_message(&question).unwrap_or(false) {
            leptos::task::spawn_local(async move {
                let _ = community.sign_out().await;
            });
        }
    };
    let roles = move || {
        actor
            .get()
            .map(|actor| {
                actor
                    .roles
                    .iter()
                    .map(|role| t.role_name(*role))
                    .collect::<Vec<_>>()
                    .join("、")
            })
            .unwrap_or_default()
    };
    let may_register = move || {
        actor
            .get()
            .is_some_and(|actor| actor.has_any(&[Role::Officer, Role::Admin]))
    };

    view! {
        <section class="card account" aria-labelledby="account-title" data-testid="account">
            <h2 id="account-title">{t.account_title}</h2>
            <p>
                {t.account_community} ": "
                <strong data-testid="account-community">{move || community.session.get().map(|s| s.community).unwrap_or_default()}</strong>
            </p>
            <p>{t.account_roles} ": " <span data-testid="account-roles">{roles}</span></p>
            <form on:submit=save_name class="inline-form">
                <label>
                    <span>{t.account_name_label}</span>
                    <input type="text" maxlength="40" required prop:value=name on:input=move |ev| name.set(event_target_value(&ev)) data-testid="account-name" />
                </label>
                <button type="submit">{t.account_save_name}</button>
            </form>
            <ErrorLine error=error />
            <button type="button" class="danger" on:click=sign_out data-testid="sign-out">{t.account_sign_out}</button>
        </section>
        <Show when=may_register>
            <RegisterMemberForm />
        </Show>
    }
}
