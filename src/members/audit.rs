//! `/members/audit`: the server's log of every change, for officers and
//! admins: who entered a paper tally, who changed a price. It lives on the
//! server (a device holds only its community's current records), so this
//! screen is the one that needs a connection, and says so.

use leptos::prelude::*;
use linli_core::Mutation;
use serde_json::Value;

use super::i18n::texts;
use crate::sync::api::{self, ApiError, AuditEntry};
use crate::sync::use_community;
use crate::view::{everyone_by_name, local_time, member_name};

/// Where the log stands on this screen.
#[derive(Clone, Debug, PartialEq)]
enum Loading {
    Busy,
    Done,
    Failed(ApiError),
}

/// The log, newest first, filtered by member and module, a page at a time.
#[component]
pub fn AuditPage() -> impl IntoView {
    let t = texts();
    let community = use_community();
    let token = Memo::new(move |_| community.session.get().map(|session| session.token));
    let member = RwSignal::new(String::new());
    let module = RwSignal::new(String::new());
    let entries = RwSignal::new(Vec::<AuditEntry>::new());
    let next = RwSignal::new(None::<i64>);
    let loading = RwSignal::new(Loading::Busy);
    // Only the newest request's answer is shown: a slow answer for the
    // filters chosen before must not replace the one for the filters now.
    let generation = StoredValue::new(0_u64);

    let load = move |before: Option<i64>| {
        let Some(token) = token.get_untracked() else {
            return;
        };
        generation.update_value(|generation| *generation += 1);
        let asked = generation.get_value();
        let (who, which) = (member.get_untracked(), module.get_untracked());
        loading.set(Loading::Busy);
        leptos::task::spawn_local(async move {
            let answer = api::audit(&token, &who, &which, before).await;
            if generation.get_value() != asked {
                return;
            }
            match answer {
                Ok(page) => {
                    if before.is_some() {
                        entries.update(|shown| shown.extend(page.entries));
                    } else {
                        entries.set(page.entries);
                    }
                    next.set(page.next);
                    loading.set(Loading::Done);
                }
                Err(err) => loading.set(Loading::Failed(err)),
            }
        });
    };
    Effect::new(move |_| {
        token.track();
        member.track();
        module.track();
        load(None);
    });

    let members = Memo::new(move |_| community.with_view(everyone_by_name).unwrap_or_default());
    let problem = move || match loading.get() {
        Loading::Failed(ApiError::Offline) => Some(t.audit_offline),
        Loading::Failed(ApiError::Server { status: 403, .. }) => Some(t.audit_forbidden),
        Loading::Failed(ApiError::SignedOut) => Some(crate::i18n::texts().problem_signed_out),
        Loading::Failed(_) => Some(t.audit_failed),
        _ => None,
    };

    view! {
        <section class="page" aria-labelledby="audit-title" data-testid="audit-page">
            <h1 id="audit-title">{t.audit_title}</h1>
            <p class="note">{t.audit_intro}</p>
            <div class="filters">
                <label>
                    <span>{t.audit_member}</span>
                    <select on:change=move |ev| member.set(event_target_value(&ev)) data-testid="audit-member">
                        <option value="">{t.audit_everyone}</option>
                        {move || members.get().into_iter().map(|record| view! {
                            <option value=record.id.to_string() selected=member.get_untracked() == record.id.as_str()>{record.name.clone()}</option>
                        }).collect_view()}
                    </select>
                </label>
                <label>
                    <span>{t.audit_module}</span>
                    <select on:change=move |ev| module.set(event_target_value(&ev)) data-testid="audit-module">
                        <option value="">{t.audit_all_modules}</option>
                        {Mutation::modules().iter().map(|(name, _)| view! {
                            <option value=*name>{t.module_label(name)}</option>
                        }).collect_view()}
                    </select>
                </label>
            </div>
            <Show when=move || problem().is_some()>
                <p class="error" role="alert" data-testid="audit-problem">{problem}</p>
            </Show>
            <Show when=move || loading.get() == Loading::Done && entries.get().is_empty()>
                <p class="note" data-testid="audit-empty">{t.audit_empty}</p>
            </Show>
            <ol class="plain-list audit-list" aria-busy=move || (loading.get() == Loading::Busy).to_string()>
                <For each=move || entries.get() key=|entry| entry.seq let:entry>
                    <AuditRow entry=entry />
                </For>
            </ol>
            <Show when=move || loading.get() == Loading::Busy>
                <p class="note" role="status">{t.audit_loading}</p>
            </Show>
            <Show when=move || next.get().is_some() && loading.get() == Loading::Done>
                <button type="button" on:click=move |_| load(next.get_untracked()) data-testid="audit-more">{t.audit_more}</button>
            </Show>
        </section>
    }
}

#[component]
fn AuditRow(entry: AuditEntry) -> impl IntoView {
    let t = texts();
    let community = use_community();
    let who = community
        .with_view(|view| member_name(view, &entry.member_id))
        .unwrap_or_else(|| entry.member_id.clone());
    let outcome = if entry.outcome == "applied" {
        t.audit_applied.to_owned()
    } else {
        (t.audit_refused)(&entry.outcome)
    };
    let details = readable_args(&entry.args);
    view! {
        <li class="audit-entry" data-testid="audit-entry" data-name=entry.name.clone()>
            <p>
                <time>{local_time(linli_core::Timestamp(entry.at))}</time> " · "
                <strong data-testid="audit-who">{who}</strong> " · "
                <span data-testid="audit-what">{t.action_label(&entry.name)}</span> " · "
                <span>{t.module_label(&entry.module)}</span>
            </p>
            <p class="note">{outcome} " · " {(t.audit_device)(&entry.device_id)}</p>
            {(!details.is_empty()).then(|| view! {
                <details>
                    <summary>{t.audit_details}</summary>
                    <dl class="audit-args">
                        {details.into_iter().map(|(name, value)| view! {
                            <dt>{name}</dt>
                            <dd>{value}</dd>
                        }).collect_view()}
                    </dl>
                </details>
            })}
        </li>
    }
}

/// The arguments as name and value pairs, strings without their quotes.
fn readable_args(args: &str) -> Vec<(String, String)> {
    let Ok(Value::Object(fields)) = serde_json::from_str::<Value>(args) else {
        return Vec::new();
    };
    fields
        .into_iter()
        .map(|(name, value)| {
            let shown = match value {
                Value::String(text) => text,
                other => other.to_string(),
            };
            (name, shown)
        })
        .collect()
}
