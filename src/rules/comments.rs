//! A proposal's comments: reading them, adding one while the proposal is
//! open, and (officers) hiding one with the reason shown in its place.

use leptos::prelude::*;
use linli_core::rules::mutations::{AddComment, HideComment};
use linli_core::rules::records;
use linli_core::rules::RulesMutation;
use linli_core::Mutation;

use super::data;
use super::i18n::texts;
use crate::forms::run_mutation;
use crate::sync::{new_id, use_community, MutateError};

#[component]
pub fn Comments(
    /// The proposal's id.
    proposal: String,
    /// Whether the proposal still takes comments.
    open: bool,
    /// Whether the member may hide comments.
    officer: bool,
    /// Where a refused comment is said.
    error: RwSignal<Option<MutateError>>,
) -> impl IntoView {
    let t = texts();
    let community = use_community();
    let comments = {
        let id = proposal.clone();
        Memo::new(move |_| {
            community
                .with_view(|view| data::comments(view, &id))
                .unwrap_or_default()
        })
    };
    let text = RwSignal::new(String::new());
    let add_comment = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let comment = AddComment {
            id: new_id("c"),
            proposal: proposal.clone(),
            text: text.get_untracked(),
        };
        run_mutation(
            community,
            Mutation::Rules(RulesMutation::AddComment(comment)),
            error,
        );
        text.set(String::new());
    };
    view! {
        <details class="comments">
            <summary>{move || format!("{} ({})", t.comments, comments.get().len())}</summary>
            <ul class="plain-list">
                <For
                    each=move || comments.get()
                    key=|comment| (comment.id.clone(), comment.hidden.is_some())
                    children=move |comment| view! { <CommentItem comment=comment officer=officer error=error /> }
                />
            </ul>
            {open.then(|| view! {
                <form on:submit=add_comment class="inline-form">
                    <label class="field">
                        <span>{t.your_comment}</span>
                        <textarea rows="2" maxlength="1000" prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev))></textarea>
                    </label>
                    <button type="submit">{t.add_comment}</button>
                </form>
            })}
        </details>
    }
}

#[component]
fn CommentItem(
    comment: records::Comment,
    officer: bool,
    error: RwSignal<Option<MutateError>>,
) -> impl IntoView {
    let t = texts();
    let community = use_community();
    let author = community
        .with_view(|view| data::member_name(view, comment.author.as_str()))
        .unwrap_or_default();
    let reason = RwSignal::new(String::new());
    let hide = {
        let (proposal, id) = (comment.proposal.clone(), comment.id.clone());
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let hide = HideComment {
                proposal: proposal.clone(),
                id: id.clone(),
                reason: reason.get_untracked(),
            };
            run_mutation(
                community,
                Mutation::Rules(RulesMutation::HideComment(hide)),
                error,
            );
        }
    };
    match comment.hidden {
        Some(hidden) => view! {
            <li class="comment hidden-comment">
                <span class="meta">{author} " · " {data::local_time(comment.at)}</span>
                <p><em>{(t.comment_hidden)(&hidden.reason)}</em></p>
            </li>
        }
        .into_any(),
        None => view! {
            <li class="comment">
                <span class="meta">{author} " · " {data::local_time(comment.at)}</span>
                <p>{comment.text}</p>
                {officer.then(|| view! {
                    <form class="inline-form" on:submit=hide>
                        <input placeholder=t.hide_reason aria-label=t.hide_reason prop:value=move || reason.get() on:input=move |ev| reason.set(event_target_value(&ev)) />
                        <button type="submit" class="secondary">{t.hide_comment}</button>
                    </form>
                })}
            </li>
        }
        .into_any(),
    }
}
