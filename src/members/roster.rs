//! The members screen for officers and admins: every member with their
//! roles, devices and unused invite codes, and what a manager does over the
//! years (roles up and down, a lost phone signed out, a new code for a new
//! phone, a member who moved away). Who may do what to whom is
//! `linli_core::members::may_manage`'s to say; this screen only leaves out
//! the controls it would refuse.

use leptos::prelude::*;
use linli_core::members::devices::SignOutMember;
use linli_core::members::invites::{
    invite_code_for_reading, invites_of, InviteMember, InviteRecord, WithdrawInvite, DEFAULT_VALID_DAYS,
};
use linli_core::members::MembersMutation;
use linli_core::members::{may_manage, DeactivateMember, MemberRecord, SetMemberRoles};
use linli_core::role::OFFICERS;
use linli_core::{Actor, MemberId, Mutation, Role};

use super::devices::{devices, DeviceList};
use super::i18n::texts;
use crate::account::RegisterMemberForm;
use crate::forms::{invalid_input, ErrorLine};
use crate::sync::{new_id, use_community, Community, MutateError};
use crate::view::{all, everyone_by_name, local_time, now};

/// Runs `mutation`; on success calls `done`, on failure reports into `error`.
fn act(
    community: Community,
    mutation: Mutation,
    error: RwSignal<Option<MutateError>>,
    done: impl FnOnce() + 'static,
) {
    leptos::task::spawn_local(async move {
        match community.mutate(mutation).await {
            Ok(()) => {
                error.set(None);
                done();
            }
            Err(err) => error.set(Some(err)),
        }
    });
}

fn confirmed(question: &str) -> bool {
    window().confirm_with_message(question).unwrap_or(false)
}

/// `/members`: the members, found by name, each with what may be done;
/// those who have left folded away; registering a new member.
#[component]
pub fn MembersPage() -> impl IntoView {
    let t = texts();
    let community = use_community();
    let actor = Memo::new(move |_| {
        community.revision.track();
        community.actor().filter(|actor| actor.has_any(&OFFICERS))
    });
    view! {
        <section class="page" aria-labelledby="members-title" data-testid="members-page">
            <h1 id="members-title">{t.members_title}</h1>
            {move || match actor.get() {
                Some(actor) => view! { <Roster actor=actor /> }.into_any(),
                None => view! { <p class="note" data-testid="members-only-managers">{t.members_only_managers}</p> }.into_any(),
            }}
        </section>
    }
}

#[component]
fn Roster(actor: Actor) -> impl IntoView {
    let t = texts();
    let community = use_community();
    let actor = StoredValue::new(actor);
    let search = RwSignal::new(String::new());
    let everyone = Memo::new(move |_| community.with_view(everyone_by_name).unwrap_or_default());
    let found = move |active: bool| {
        let query = search.get();
        let query = query.trim();
        everyone
            .get()
            .into_iter()
            .filter(|member| member.active == active && (query.is_empty() || member.name.contains(query)))
            .collect::<Vec<_>>()
    };
    view! {
        <p class="note">{t.members_intro}</p>
        <p><a href="/members/audit" class="action-link" data-testid="audit-link">{t.audit_link}</a></p>
        <label class="search">
            <span>{t.members_search}</span>
            <input type="search" prop:value=search on:input=move |ev| search.set(event_target_value(&ev)) data-testid="members-search" />
        </label>
        <ul class="plain-list member-list">
            <For
                each=move || found(true)
                key=|member| (member.id.clone(), member.name.clone(), member.roles.clone())
                let:member
            >
                <MemberCard member=member actor=actor.get_value() />
            </For>
        </ul>
        <Show when=move || found(true).is_empty()>
            <p class="note">{t.members_none_found}</p>
        </Show>
        <Show when=move || !found(false).is_empty()>
            <details class="departed">
                <summary>{move || (t.members_departed)(found(false).len())}</summary>
                <ul class="plain-list">
                    {move || found(false).into_iter().map(|member| view! {
                        <li data-testid="departed-member">
                            <strong>{member.name.clone()}</strong>
                            " · " {member.left_at.map(|at| (t.member_left)(&local_time(at)))}
                        </li>
                    }).collect_view()}
                </ul>
            </details>
        </Show>
        <RegisterMemberForm />
    }
}

/// One member: roles to change, devices to sign out, invite codes to give or
/// withdraw, and recording that they left. Without the power over them, only
/// who they are.
#[component]
fn MemberCard(member: MemberRecord, actor: Actor) -> impl IntoView {
    let t = texts();
    let community = use_community();
    let heading = format!("member-{}", member.id);
    let labelled_by = heading.clone();
    let managed = may_manage(&actor, &member.roles);
    let (id, name, roles) = (
        member.id.to_string(),
        member.name.clone(),
        crate::i18n::texts().role_list(&member.roles),
    );
    let signed_in = community
        .with_view(|view| devices(view, &member.id))
        .unwrap_or_default()
        .iter()
        .filter(|device| device.signed_out_at.is_none())
        .count();
    let body = if managed {
        view! { <MemberControls member=member actor=actor /> }.into_any()
    } else {
        view! {
            <p class="note">{(t.member_devices)(signed_in)}</p>
            <p class="note">{t.member_beyond_you}</p>
        }
        .into_any()
    };
    view! {
        <li class="card member" aria-labelledby=labelled_by data-testid="member" data-member=id>
            <h2 id=heading>{name}</h2>
            <p data-testid="member-roles">{roles}</p>
            {body}
        </li>
    }
}

#[component]
fn MemberControls(member: MemberRecord, actor: Actor) -> impl IntoView {
    let t = texts();
    let community = use_community();
    let error = RwSignal::new(None::<MutateError>);
    let saved = RwSignal::new(false);
    let id = StoredValue::new(member.id.clone());
    let name = StoredValue::new(member.name.clone());

    let chosen = RwSignal::new(member.roles.clone());
    let save_roles = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let roles = chosen.get_untracked();
        if roles.is_empty() {
            invalid_input(error);
            return;
        }
        let mutation = Mutation::Members(MembersMutation::SetMemberRoles(SetMemberRoles {
            member: id.get_value(),
            roles,
        }));
        act(community, mutation, error, move || saved.set(true));
    };
    let role_box = move |role: Role| {
        // An officer cannot give the officer or admin role: not offered.
        let offered = may_manage(&actor, &[role]);
        view! {
            <label class="choice">
                <input
                    type="checkbox"
                    value=role.as_str()
                    prop:checked=move || chosen.get().contains(&role)
                    prop:disabled=!offered
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        chosen.update(|roles| {
                            roles.retain(|kept| *kept != role);
                            if on {
                                roles.push(role);
                                roles.sort();
                            }
                        });
                    }
                />
                <span>{crate::i18n::texts().role_name(role)}</span>
            </label>
        }
    };

    let listed = Memo::new(move |_| {
        community
            .with_view(|view| devices(view, &id.get_value()))
            .unwrap_or_default()
    });
    let signed_in = Memo::new(move |_| {
        listed
            .get()
            .iter()
            .filter(|device| device.signed_out_at.is_none())
            .count()
    });
    let sign_out_all = move |_| {
        if confirmed(&(t.member_sign_out_all_confirm)(&name.get_value())) {
            let mutation = Mutation::Members(MembersMutation::SignOutMember(SignOutMember {
                member: id.get_value(),
            }));
            act(community, mutation, error, move || saved.set(true));
        }
    };
    let leave = move |_| {
        if confirmed(&(t.member_leave_confirm)(&name.get_value())) {
            let mutation = Mutation::Members(MembersMutation::DeactivateMember(DeactivateMember {
                member: id.get_value(),
            }));
            act(community, mutation, error, || {});
        }
    };

    view! {
        <form class="roles" on:submit=save_roles>
            <fieldset>
                <legend>{t.member_roles}</legend>
                {Role::ALL.map(role_box)}
            </fieldset>
            <button type="submit" data-testid="save-roles">{t.member_save_roles}</button>
        </form>
        <p class="note" data-testid="member-devices">{move || (t.member_devices)(signed_in.get())}</p>
        <DeviceList devices=listed />
        <Show when=move || { signed_in.get() > 0 }>
            <button type="button" class="danger" on:click=sign_out_all data-testid="sign-out-member">{t.member_sign_out_all}</button>
        </Show>
        <Invites member=id.get_value() name=name.get_value() error=error />
        <Show when=move || saved.get()>
            <p class="note" role="status">{t.member_saved}</p>
        </Show>
        <ErrorLine error=error />
        <button type="button" class="danger" on:click=leave data-testid="deactivate-member">{t.member_leave}</button>
    }
}

/// A member's unused invite codes, each to withdraw, and a new one to give
/// from this device's pad (so it works with no network).
#[component]
fn Invites(member: MemberId, name: String, error: RwSignal<Option<MutateError>>) -> impl IntoView {
    let t = texts();
    let shell = crate::i18n::texts();
    let community = use_community();
    let member = StoredValue::new(member);
    let open = Memo::new(move |_| {
        let now = now();
        community
            .with_view(|view| all::<InviteRecord>(view, &invites_of(&member.get_value())))
            .unwrap_or_default()
            .into_iter()
            .filter(|invite| invite.open_at(now))
            .collect::<Vec<_>>()
    });
    let days = RwSignal::new(DEFAULT_VALID_DAYS.to_string());
    let issued = RwSignal::new(None::<String>);
    let no_codes = RwSignal::new(false);
    let give = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Ok(valid_days) = days.get_untracked().trim().parse::<u16>() else {
            invalid_input(error);
            return;
        };
        issued.set(None);
        leptos::task::spawn_local(async move {
            let given = community
                .mutate_with_invite_code(|invite_code| {
                    Mutation::Members(MembersMutation::InviteMember(InviteMember {
                        member: member.get_value(),
                        invite_id: new_id("i"),
                        invite_code,
                        valid_days: Some(valid_days),
                    }))
                })
                .await;
            no_codes.set(matches!(given, Ok(None)));
            match given {
                Ok(Some(code)) => {
                    issued.set(Some(code));
                    error.set(None);
                }
                Ok(None) => error.set(None),
                Err(err) => error.set(Some(err)),
            }
        });
    };
    view! {
        <Show when=move || !open.get().is_empty()>
            <h3>{t.invites_heading}</h3>
            <ul class="plain-list">
                <For each=move || open.get() key=|invite| invite.id.clone() let:invite>
                    <li data-testid="open-invite">
                        {(t.invite_valid_until)(&local_time(invite.expires_at))} " "
                        <button
                            type="button"
                            on:click=move |_| {
                                let mutation = Mutation::Members(MembersMutation::WithdrawInvite(WithdrawInvite {
                                    member: member.get_value(),
                                    invite: invite.id.clone(),
                                }));
                                act(community, mutation, error, || {});
                            }
                            data-testid="withdraw-invite"
                        >
                            {t.invite_withdraw}
                        </button>
                    </li>
                </For>
            </ul>
        </Show>
        <form class="inline-form" on:submit=give>
            <label>
                <span>{t.invite_days_label}</span>
                <input type="number" min="1" max="365" inputmode="numeric" required prop:value=days on:input=move |ev| days.set(event_target_value(&ev)) />
            </label>
            <button type="submit" data-testid="new-invite">{t.invite_new}</button>
        </form>
        <Show when=move || no_codes.get()>
            <p class="error" role="alert">{shell.register_no_codes}</p>
        </Show>
        {move || issued.get().map(|code| view! {
            <div class="invite" data-testid="invite">
                <p><strong>{(t.invite_for)(&name)}</strong></p>
                <p class="invite-code" data-testid="invite-code">{invite_code_for_reading(&code)}</p>
                <div class="qr" inner_html=crate::qr::qr_svg(&code, 180)></div>
                <p class="note">{t.invite_hint}</p>
            </div>
        })}
    }
}
