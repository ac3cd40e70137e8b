//! The community notice board: notices with who acknowledged them, a form
//! for those who may post, and the notices about changes the server refused.

mod rejections;

pub use rejections::RejectionNotices;

use leptos::prelude::*;
use linli_core::keys;
use linli_core::members::member_record;
use linli_core::notices::NoticesMutation;
use linli_core::notices::{
    may_change, AcknowledgeNotice, DeleteNotice, EditNotice, Notice, PostNotice, BODY_MAX_CHARS,
    NOTICE_EDITORS, TITLE_MAX_CHARS,
};
use linli_core::tx::under_prefix;
use linli_core::{Actor, Mutation, NoticeId};

use crate::forms::{run_mutation, ErrorLine};
use crate::i18n::texts;
use crate::sync::{new_id, use_community, Community, MutateError};

/// One notice as the board shows it.
#[derive(Clone, Debug, PartialEq)]
struct NoticeView {
    notice: Notice,
    author_name: String,
    acks: usize,
    acked_by_me: bool,
    may_change: bool,
    pending: bool,
}

fn notice_views(community: &Community, actor: &Actor) -> Vec<NoticeView> {
    community
        .with_view(|view| {
            let pending_keys = community.pending_keys();
            let mut notices: Vec<NoticeView> = under_prefix(view, keys::NOTICE_PREFIX)
                .filter_map(|(key, value)| {
                    let notice: Notice = serde_json::from_value(value.clone()).ok()?;
                    let acks_prefix = keys::acks_of(&notice.id);
                    let acks = under_prefix(view, &acks_prefix).count();
                    let author_name = member_record(view, &notice.author)
                        .map_or_else(|| notice.author.to_string(), |member| member.name);
                    Some(NoticeView {
                        acked_by_me: view.contains_key(&keys::ack(&notice.id, &actor.member)),
                        may_change: may_change(actor, &notice),
                        pending: pending_keys
                            .iter()
                            .any(|pending| pending == key || pending.starts_with(&acks_prefix)),
                        acks,
                        author_name,
                        notice,
                    })
                })
                .collect();
            notices.sort_by(|a, b| {
                b.notice
                    .posted_at
                    .cmp(&a.notice.posted_at)
                    .then(a.notice.id.cmp(&b.notice.id))
            });
            notices
        })
        .unwrap_or_default()
}

/// The notice board of the signed-in member's community.
#[component]
pub fn NoticeBoard() -> impl IntoView {
    let t = texts();
    let community = use_community();
    let actor = Memo::new(move |_| {
        community.revision.track();
        community.actor()
    });
    let notices = Memo::new(move |_| {
        actor
            .get()
            .map(|actor| notice_views(&community, &actor))
            .unwrap_or_default()
    });
    let may_post = move || actor.get().is_some_and(|actor| actor.has_any(&NOTICE_EDITORS));

    view! {
        // Above the notices while the shelter is open: the weather will not wait.
        <crate::services::shelter::ShelterBanner />
        <section class="card notices" aria-labelledby="notices-title" data-testid="notice-board">
            <h2 id="notices-title">{t.notices_title}</h2>
            <RejectionNotices />
            <Show when=may_post>
                <PostNoticeForm />
            </Show>
            <Show when=move || notices.get().is_empty()>
                <p class="note">{t.notices_empty}</p>
            </Show>
            <ul class="notice-list">
                <For
                    each=move || notices.get()
                    key=|view| (view.notice.id.clone(), view.notice.title.clone(), view.notice.body.clone(), view.acks, view.acked_by_me, view.pending, view.author_name.clone())
                    children=move |view| view! { <NoticeCard view=view /> }
                />
            </ul>
        </section>
    }
}

#[component]
fn PostNoticeForm() -> impl IntoView {
    let t = texts();
    let community = use_community();
    let title = RwSignal::new(String::new());
    let body = RwSignal::new(String::new());
    let error = RwSignal::new(None::<MutateError>);
    let post = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Ok(id) = new_id("n").parse::<NoticeId>() else {
            return;
        };
        let mutation = Mutation::Notices(NoticesMutation::PostNotice(PostNotice {
            id,
            title: title.get_untracked(),
            body: body.get_untracked(),
        }));
        leptos::task::spawn_local(async move {
            match community.mutate(mutation).await {
                Ok(()) => {
                    title.set(String::new());
                    body.set(String::new());
                    error.set(None);
                }
                Err(err) => error.set(Some(err)),
            }
        });
    };
    view! {
        <form class="post-notice" on:submit=post data-testid="post-notice">
            <h3>{t.notice_post_title}</h3>
            <NoticeFields title=title body=body />
            <button type="submit">{t.notice_post_button}</button>
            <ErrorLine error=error />
        </form>
    }
}

/// The title and text fields of a notice, for posting and for editing. The
/// limits are the core's, so the browser stops what the rules would refuse.
#[component]
fn NoticeFields(
    /// The title being typed.
    title: RwSignal<String>,
    /// The text being typed.
    body: RwSignal<String>,
) -> impl IntoView {
    let t = texts();
    view! {
        <label>
            <span>{t.notice_title_label}</span>
            <input
                type="text"
                maxlength=TITLE_MAX_CHARS
                required
                prop:value=title
                on:input=move |ev| title.set(event_target_value(&ev))
            />
        </label>
        <label>
            <span>{t.notice_body_label}</span>
            <textarea
                rows="3"
                maxlength=BODY_MAX_CHARS
                prop:value=body
                on:input=move |ev| body.set(event_target_value(&ev))
            ></textarea>
        </label>
    }
}

#[component]
fn NoticeCard(view: NoticeView) -> impl IntoView {
    let t = texts();
    let community = use_community();
    let editing = RwSignal::new(false);
    let title = RwSignal::new(view.notice.title.clone());
    let body = RwSignal::new(view.notice.body.clone());
    let error = RwSignal::new(None::<MutateError>);
    let id = view.notice.id.clone();
    let key = keys::notice(&id);

    let acknowledge = {
        let id = id.clone();
        move |_| {
            run_mutation(
                community,
                Mutation::Notices(NoticesMutation::AcknowledgeNotice(AcknowledgeNotice {
                    id: id.clone(),
                })),
                error,
            )
        }
    };
    let save = {
        let id = id.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            editing.set(false);
            run_mutation(
                community,
                Mutation::Notices(NoticesMutation::EditNotice(EditNotice {
                    id: id.clone(),
                    title: title.get_untracked(),
                    body: body.get_untracked(),
                })),
                error,
            );
        }
    };
    let delete = {
        let id = id.clone();
        move |_| {
            if window()
                .confirm_with_message(t.notice_confirm_delete)
                .unwrap_or(false)
            {
                run_mutation(
                    community,
                    Mutation::Notices(NoticesMutation::DeleteNotice(DeleteNotice { id: id.clone() })),
                    error,
                );
            }
        }
    };
    let NoticeView {
        notice,
        author_name,
        acks,
        acked_by_me,
        may_change,
        pending,
    } = view;

    view! {
        <li class="notice" data-testid="notice" data-notice-id=notice.id.to_string()>
            <Show
                when=move || editing.get()
                fallback={
                    let notice_title = notice.title.clone();
                    let notice_body = notice.body.clone();
                    let author_name = author_name.clone();
                    move || view! {
                        <h3 class="notice-title">{notice_title.clone()}</h3>
                        <p class="notice-body">{notice_body.clone()}</p>
                        {
                            let spoken = format!("{notice_title}。{notice_body}");
                            view! { <crate::shell::ReadAloud text=move || spoken.clone() /> }
                        }
                        <p class="meta">
                            {(t.notice_by)(&author_name)}
                            {pending.then(|| view! { <span class="badge pending" data-testid="notice-pending">{t.notice_pending}</span> })}
                        </p>
                    }
                }
            >
                <form class="edit-notice" on:submit=save.clone()>
                    <NoticeFields title=title body=body />
                    <button type="submit">{t.notice_save}</button>
                    <button type="button" class="secondary" on:click=move |_| editing.set(false)>{t.notice_cancel}</button>
                </form>
            </Show>
            <RejectionNotices target=key.clone() />
            <div class="actions">
                <span class="acks" data-testid="ack-count">{move || (t.notice_ack_count)(acks)}</span>
                {if acked_by_me {
                    view! { <span class="badge done">{t.notice_acked}</span> }.into_any()
                } else {
                    view! { <button type="button" on:click=acknowledge data-testid="ack">{t.notice_ack}</button> }.into_any()
                }}
                {may_change.then(|| view! {
                    <button type="button" class="secondary" on:click=move |_| editing.set(true) data-testid="edit-notice">{t.notice_edit}</button>
                    <button type="button" class="secondary" on:click=delete.clone() data-testid="delete-notice">{t.notice_delete}</button>
                })}
            </div>
            <ErrorLine error=error />
        </li>
    }
}
