//! Policy look-up and questions: a search over the policies and public
//! answers on the device (the core's `policies::search`, no server round
//! trip), every policy, the officers' form to publish one, the member's
//! questions, and the officers' answers.

use leptos::prelude::*;
use linli_core::calendar::Date;
use linli_core::role::OFFICERS;
use linli_core::services::policies::{
    search, AnswerQuestion, AskQuestion, Found, PublishPolicy, WithdrawPolicy,
};
use linli_core::services::records::{Faq, Policy, Question};
use linli_core::services::ServicesMutation;
use linli_core::Mutation;

use super::data;
use super::i18n::texts;
use crate::forms::{run_mutation, ErrorLine};
use crate::sync::{new_id, use_community, MutateError};

/// The search box, its results, and every policy below.
#[component]
pub fn Policies() -> impl IntoView {
    let t = texts();
    let community = use_community();
    let query = RwSignal::new(String::new());
    let records = Memo::new(move |_| {
        community
            .with_view(|view| (data::policies(view), data::faqs(view)))
            .unwrap_or_default()
    });
    let results = Memo::new(move |_| {
        let (policies, faqs) = records.get();
        search(&policies, &faqs, &query.get())
            .into_iter()
            .filter_map(|found| match found {
                Found::Policy(id) => policies
                    .iter()
                    .find(|policy| policy.id == id)
                    .cloned()
                    .map(Result::Ok),
                Found::Faq(id) => faqs.iter().find(|faq| faq.id == id).cloned().map(Result::Err),
            })
            .collect::<Vec<Result<Policy, Faq>>>()
    });
    let officer = community.actor().is_some_and(|actor| actor.has_any(&OFFICERS));
    view! {
        <section class="card policies" aria-labelledby="policies-title" data-testid="policies">
            <h2 id="policies-title">{t.policies}</h2>
            <label class="field">
                <span>{t.search}</span>
                <input
                    type="search"
                    placeholder=t.search_hint
                    prop:value=query
                    on:input=move |ev| query.set(event_target_value(&ev))
                    data-testid="policy-search"
                />
            </label>
            <Show when=move || !query.get().trim().is_empty() && results.get().is_empty()>
                <p class="note" data-testid="policy-none">{t.no_results}</p>
            </Show>
            <ul class="plain-list" data-testid="policy-results">
                {move || results.get().into_iter().map(|found| match found {
                    Ok(policy) => view! { <li><PolicyCard policy=policy officer=false /></li> }.into_any(),
                    Err(faq) => view! { <li><FaqCard faq=faq /></li> }.into_any(),
                }).collect_view()}
            </ul>
            <details data-testid="all-policies">
                <summary>{move || (t.all_policies)(records.get().0.len())}</summary>
                <ul class="plain-list">
                    {move || records.get().0.into_iter().map(|policy| view! { <li><PolicyCard policy=policy officer=officer /></li> }).collect_view()}
                </ul>
            </details>
            {officer.then(|| view! { <PublishForm /> })}
        </section>
    }
}

#[component]
fn PolicyCard(policy: Policy, officer: bool) -> impl IntoView {
    let t = texts();
    let community = use_community();
    let error = RwSignal::new(None::<MutateError>);
    let effective = (policy.effective_from.is_some() || policy.effective_until.is_some()).then(|| {
        let shown = |date: Option<Date>| {
            date.map(|date| date.to_string())
                .unwrap_or_else(|| "—".to_owned())
        };
        (t.effective)(&shown(policy.effective_from), &shown(policy.effective_until))
    });
    let id = StoredValue::new(policy.id.clone());
    let withdraw = move |_| {
        run_mutation(
            community,
            Mutation::Services(ServicesMutation::WithdrawPolicy(WithdrawPolicy {
                id: id.get_value(),
            })),
            error,
        )
    };
    let spoken = format!("{}。{}", policy.title, policy.body);
    view! {
        <article class="policy" data-testid="policy" data-policy=policy.id.clone()>
            <h3>{policy.title.clone()} " " <span class="badge">{policy.category.clone()}</span></h3>
            <crate::shell::ReadAloud text=move || spoken.clone() />
            <p class="policy-body">{policy.body.clone()}</p>
            {effective.map(|line| view! { <p class="meta">{line}</p> })}
            {(!policy.where_to_apply.is_empty()).then(|| view! { <p class="meta">{(t.where_to_apply)(&policy.where_to_apply)}</p> })}
            {officer.then(|| view! {
                <button type="button" class="secondary" on:click=withdraw>{t.withdraw}</button>
            })}
            <ErrorLine error=error />
        </article>
    }
}

#[component]
fn FaqCard(faq: Faq) -> impl IntoView {
    let t = texts();
    view! {
        <article class="faq" data-testid="faq">
            <h3><span class="badge">{t.faq_label}</span> " " {faq.question.clone()}</h3>
            <p>{faq.answer.clone()}</p>
        </article>
    }
}

/// For officers: a new policy article.
#[component]
fn PublishForm() -> impl IntoView {
    let t = texts();
    let community = use_community();
    let error = RwSignal::new(None::<MutateError>);
    let title = RwSignal::new(String::new());
    let body = RwSignal::new(String::new());
    let category = RwSignal::new(String::new());
    let from = RwSignal::new(String::new());
    let until = RwSignal::new(String::new());
    let place = RwSignal::new(String::new());
    let publish = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let date = |typed: String| typed.parse::<Date>().ok();
        let args = PublishPolicy {
            id: new_id("p"),
            title: title.get_untracked(),
            body: body.get_untracked(),
            category: category.get_untracked(),
            effective_from: date(from.get_untracked()),
            effective_until: date(until.get_untracked()),
            where_to_apply: place.get_untracked(),
        };
        leptos::task::spawn_local(async move {
            match community
                .mutate(Mutation::Services(ServicesMutation::PublishPolicy(args)))
                .await
            {
                Ok(()) => {
                    error.set(None);
                    title.set(String::new());
                    body.set(String::new());
                }
                Err(err) => error.set(Some(err)),
            }
        });
    };
    let field = move |label: &'static str, value: RwSignal<String>, kind: &'static str| {
        view! {
            <label class="field">
                <span>{label}</span>
                <input type=kind prop:value=value on:input=move |ev| value.set(event_target_value(&ev)) />
            </label>
        }
    };
    view! {
        <details class="publish-policy" data-testid="publish-policy">
            <summary>{t.publish}</summary>
            <form on:submit=publish>
                {field(t.policy_title, title, "text")}
                <label class="field">
                    <span>{t.policy_body}</span>
                    <textarea rows="5" prop:value=body on:input=move |ev| body.set(event_target_value(&ev))></textarea>
                </label>
                {field(t.policy_category, category, "text")}
                {field(t.policy_from, from, "date")}
                {field(t.policy_until, until, "date")}
                {field(t.policy_where, place, "text")}
                <button type="submit">{t.publish}</button>
                <ErrorLine error=error />
            </form>
        </details>
    }
}

/// Asking a question, the member's questions with their answers, and for
/// officers the questions waiting for one.
#[component]
pub fn Questions() -> impl IntoView {
    let t = texts();
    let community = use_community();
    let error = RwSignal::new(None::<MutateError>);
    let text = RwSignal::new(String::new());
    let public = RwSignal::new(true);
    let me = community.actor().map(|actor| actor.member);
    let officer = community.actor().is_some_and(|actor| actor.has_any(&OFFICERS));
    let questions = Memo::new(move |_| community.with_view(data::questions).unwrap_or_default());
    let mine = {
        let me = me.clone();
        move || {
            questions
                .get()
                .into_iter()
                .filter(|question| Some(&question.member) == me.as_ref())
                .collect::<Vec<_>>()
        }
    };
    let waiting = move || {
        questions
            .get()
            .into_iter()
            .filter(|question| question.answer.is_none())
            .collect::<Vec<_>>()
    };
    let ask = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let args = AskQuestion {
            id: new_id("q"),
            text: text.get_untracked(),
            public: public.get_untracked(),
        };
        leptos::task::spawn_local(async move {
            match community
                .mutate(Mutation::Services(ServicesMutation::AskQuestion(args)))
                .await
            {
                Ok(()) => {
                    error.set(None);
                    text.set(String::new());
                }
                Err(err) => error.set(Some(err)),
            }
        });
    };
    view! {
        <section class="card questions" aria-labelledby="questions-title" data-testid="questions">
            <h2 id="questions-title">{t.ask}</h2>
            <form on:submit=ask>
                <label class="field">
                    <span>{t.ask_label}</span>
                    <textarea rows="3" prop:value=text on:input=move |ev| text.set(event_target_value(&ev)) data-testid="question-text"></textarea>
                </label>
                <label class="check">
                    <input type="checkbox" prop:checked=public on:change=move |ev| public.set(event_target_checked(&ev)) data-testid="question-public" />
                    {t.ask_public}
                </label>
                <button type="submit" data-testid="question-send">{t.ask_send}</button>
                <ErrorLine error=error />
            </form>
            <h3>{t.my_questions}</h3>
            <ul class="plain-list">
                {move || mine().into_iter().map(|question| view! { <li><QuestionCard question=question answering=false /></li> }).collect_view()}
            </ul>
            {officer.then(|| view! {
                <h3>{t.questions_to_answer}</h3>
                <ul class="plain-list" data-testid="questions-to-answer">
                    {move || waiting().into_iter().map(|question| view! { <li><QuestionCard question=question answering=true /></li> }).collect_view()}
                </ul>
            })}
        </section>
    }
}

#[component]
fn QuestionCard(question: Question, answering: bool) -> impl IntoView {
    let t = texts();
    let community = use_community();
    let error = RwSignal::new(None::<MutateError>);
    let answer = RwSignal::new(String::new());
    let (member, id) = (question.member.clone(), question.id.clone());
    let send = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        run_mutation(
            community,
            Mutation::Services(ServicesMutation::AnswerQuestion(AnswerQuestion {
                member: member.clone(),
                id: id.clone(),
                answer: answer.get_untracked(),
            })),
            error,
        );
    };
    let visibility = if question.public {
        t.public_question
    } else {
        t.private_question
    };
    view! {
        <article class="question" data-testid="question">
            <p><strong>{question.text.clone()}</strong> " " <span class="note">{visibility}</span></p>
            {match question.answer.clone() {
                Some(answer) => view! { <p data-testid="question-answer">{answer.text}</p> }.into_any(),
                None => view! { <p class="note">{t.waiting_answer}</p> }.into_any(),
            }}
            {answering.then(|| view! {
                <form class="inline-form" on:submit=send>
                    <label class="field">
                        <span>{t.answer_label}</span>
                        <input type="text" prop:value=answer on:input=move |ev| answer.set(event_target_value(&ev)) data-testid="answer-text" />
                    </label>
                    <button type="submit" data-testid="answer-send">{t.answer_send}</button>
                </form>
            })}
            <ErrorLine error=error />
        </article>
    }
}
