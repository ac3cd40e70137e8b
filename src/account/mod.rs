//! Joining a community with an invite code, the member's own account, a
//! shared device's members (the chooser, PINs, locking), and registering
//! new members (officers and admins).

mod chooser;
pub mod i18n;
mod pin;
mod register;
mod shared_device;

pub use chooser::MemberChooser;
pub use register::RegisterMemberForm;
pub use shared_device::SharedDeviceCard;

use leptos::prelude::*;
use linli_core::members::MembersMutation;
use linli_core::members::{member_record, UpdateProfile};
use linli_core::role::OFFICERS;
use linli_core::Mutation;

use crate::forms::{run_mutation, ErrorLine};
use crate::i18n::texts;
use crate::members::DevicesCard;
use crate::sync::api::ApiError;
use crate::sync::{use_community, MutateError, SyncProblem};

/// The invite-code form shown while no one is signed in on this device, or
/// (`again`) when the server signed it out and its member joins it again.
#[component]
pub fn JoinCard(#[prop(optional)] again: bool) -> impl IntoView {
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
            SyncProblem::Api(ApiError::InviteNotFound) => t.join_unknown.to_owned(),
            SyncProblem::Api(ApiError::InviteUsed) => t.join_used.to_owned(),
            SyncProblem::Api(ApiError::InviteExpired) => t.join_expired.to_owned(),
            SyncProblem::Api(ApiError::MemberLeft) => t.join_left.to_owned(),
            SyncProblem::Api(ApiError::TooManyRequests(seconds)) => (t.join_too_many)(seconds),
            SyncProblem::Api(ApiError::Offline) => t.join_offline.to_owned(),
            SyncProblem::Api(_) => t.problem_server.to_owned(),
            SyncProblem::Store(_) => t.problem_storage_unavailable.to_owned(),
        })
    };
    view! {
        <section class="card join" aria-labelledby="join-title" data-testid="join">
            <h2 id="join-title">{if again { t.rejoin_title } else { t.join_title }}</h2>
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

/// The signed-in member's account: name, roles, sign-out, their devices,
/// and for officers and admins the way to the members screen.
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
            Mutation::Members(MembersMutation::UpdateProfile(UpdateProfile {
                name: name.get_untracked(),
            })),
            error,
        );
    };
    // Signing out clears this device's copy, so changes not yet sent go
    // first; if they cannot, signing out is refused and says why. Only a
    // device the server no longer lets in (it can never send them) may
    // still sign out, after a warning that names what is lost.
    let unsent = RwSignal::new(None::<usize>);
    let sign_out = move |_| {
        let t = t;
        leptos::task::spawn_local(async move {
            let pending = community.send_pending().await;
            let locked_out = matches!(
                community.status.problem.get_untracked(),
                Some(SyncProblem::Api(ApiError::SignedOut | ApiError::Unauthorized))
            );
            let question = match (pending, locked_out) {
                (0, _) => t.account_sign_out_confirm.to_owned(),
                (pending, true) => (t.account_sign_out_warning)(pending),
                (pending, false) => {
                    unsent.set(Some(pending));
                    return;
                }
            };
            unsent.set(None);
            if window().confirm_with_message(&question).unwrap_or(false) {
                let _ = community.sign_out().await;
            }
        });
    };
    let roles = move || {
        actor
            .get()
            .map(|actor| t.role_list(&actor.roles))
            .unwrap_or_default()
    };
    let may_manage = move || actor.get().is_some_and(|actor| actor.has_any(&OFFICERS));

    view! {
        <section class="card account" aria-labelledby="account-title" data-testid="account">
            <h2 id="account-title">{t.account_title}</h2>
            <p>
                {t.account_community} ": "
                <strong data-testid="account-community">{move || community.session.get().map(|session| {
                    // Its name as the server keeps it; the id only for a
                    // session from before the server sent names.
                    session
                        .community_name
                        .filter(|name| !name.zh.is_empty())
                        .map_or(session.community, |name| name.in_current_lang().to_owned())
                }).unwrap_or_default()}</strong>
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
            <Show when=move || unsent.get().is_some()>
                <p class="error" role="alert" data-testid="sign-out-refused">
                    {move || unsent.get().map(|pending| (t.account_sign_out_unsent)(pending))}
                </p>
            </Show>
        </section>
        <Show when=may_manage>
            <p class="card">
                <a href="/members" class="action-link" data-testid="members-link">{crate::members::i18n::texts().members_link}</a>
            </p>
        </Show>
        <SharedDeviceCard />
        <DevicesCard />
    }
}
