//! Questionnaires: each one's questions answered on the phone with no
//! network, its results as charts once published (officers watch a named
//! one's count while it is open), its written suggestions taken up as
//! proposals; and the officers' form to publish one.

use leptos::prelude::*;
use linli_core::calendar::Date;
use linli_core::role::OFFICERS;
use linli_core::rules::records::{Proposal, PROPOSAL_PREFIX};
use linli_core::village::questionnaires::{
    self, Answer, AnswerQuestionnaire, CloseQuestionnaire, LinkQuestionnaireSuggestion, PublishQuestionnaire,
    Question, QuestionKind, Questionnaire, QuestionnaireResult, Tally,
};
use linli_core::village::VillageMutation;
use linli_core::Mutation;

use super::chart::{Bar, BarChart};
use super::data::{all, one, today};
use super::i18n::texts;
use crate::forms::{invalid_input, run_mutation, run_mutation_then, ErrorLine, InputField};
use crate::sync::{new_id, use_community, MutateError};

/// Every questionnaire, newest first, and the officers' form.
#[component]
pub fn Questionnaires() -> impl IntoView {
    let t = texts();
    let community = use_community();
    let asked = Memo::new(move |_| {
        let mut asked = community
            .with_view(|view| all::<Questionnaire>(view, questionnaires::QUESTIONNAIRE_PREFIX))
            .unwrap_or_default();
        asked.sort_by(|a, b| b.opens.cmp(&a.opens).then_with(|| a.id.cmp(&b.id)));
        asked
    });
    let officer = Memo::new(move |_| community.actor().is_some_and(|actor| actor.has_any(&OFFICERS)));
    view! {
        <section class="card" aria-labelledby="questionnaires-title" data-testid="questionnaires">
            <h2 id="questionnaires-title">{t.questionnaires}</h2>
            <Show when=move || !asked.get().is_empty() fallback=move || view! { <p class="note">{t.no_questionnaires}</p> }>
                <ul class="plain-list">
                    <For each=move || asked.get() key=|asked| (asked.id.clone(), asked.closed) let:asked>
                        <li><QuestionnaireCard asked=asked /></li>
                    </For>
                </ul>
            </Show>
            {move || officer.get().then(|| view! { <PublishForm /> })}
        </section>
    }
}

#[component]
fn QuestionnaireCard(asked: Questionnaire) -> impl IntoView {
    let t = texts();
    let community = use_community();
    let error = RwSignal::new(None::<MutateError>);
    let id = StoredValue::new(asked.id.clone());
    let questions = StoredValue::new(asked.questions.clone());
    let anonymous = asked.anonymous;
    let closed = asked.closed;
    // Each its own memo, so a sync that changes one (a new proposal, the
    // officers' count) never rebuilds a half-filled answer form.
    let officer = Memo::new(move |_| community.actor().is_some_and(|actor| actor.has_any(&OFFICERS)));
    let answered = Memo::new(move |_| {
        let Some(me) = community.actor() else { return false };
        let mine = if anonymous {
            questionnaires::done(&me.member, &id.get_value())
        } else {
            questionnaires::answer(&me.member, &id.get_value())
        };
        community
            .with_view(|view| view.contains_key(&mine))
            .unwrap_or(false)
    });
    let result = Memo::new(move |_| {
        community
            .with_view(|view| one::<QuestionnaireResult>(view, &questionnaires::result(&id.get_value())))
            .flatten()
    });
    let live = Memo::new(move |_| {
        community
            .with_view(|view| one::<Tally>(view, &questionnaires::tally(&id.get_value())))
            .flatten()
    });
    // Open by the device's day, checked again whenever the records change
    // (the server's clock decides at the edges).
    let opens = asked.opens;
    let closes = asked.closes;
    let open = Memo::new(move |_| {
        let _ = community.revision.get();
        !closed && opens <= today() && today() <= closes
    });
    let close = move |_| {
        run_mutation(
            community,
            Mutation::Village(VillageMutation::CloseQuestionnaire(CloseQuestionnaire {
                id: id.get_value(),
            })),
            error,
        )
    };
    view! {
        <article class="questionnaire" data-testid="questionnaire" data-id=asked.id.clone()>
            <h3>
                {asked.title.clone()} " "
                <span class="badge">{if anonymous { t.anonymous } else { t.named }}</span>
                {closed.then(|| view! { " " <span class="badge done">{t.closed}</span> })}
            </h3>
            <p class="meta">{(t.open_dates)(&asked.opens.to_string(), &asked.closes.to_string())}</p>
            {(!asked.intro.is_empty()).then(|| view! { <p>{asked.intro.clone()}</p> })}
            <Show when=move || open.get() && !answered.get()>
                <AnswerForm id=id.get_value() questions=questions.get_value() />
            </Show>
            <Show when=move || answered.get()>
                <p class="badge done" data-testid="questionnaire-answered">{if anonymous { t.answered_anonymous } else { t.answered }}</p>
            </Show>
            {move || match (result.get(), live.get()) {
                (Some(result), _) => view! {
                    <Results id=id.get_value() questions=questions.get_value() result=result officer=officer.get() />
                }.into_any(),
                (None, Some(live)) if officer.get() => view! {
                    <h4>{t.live_count}</h4>
                    <Counts questions=questions.get_value() tally=live />
                }.into_any(),
                _ => view! { <p class="note">{t.results_after_close}</p> }.into_any(),
            }}
            <Show when=move || officer.get() && !closed>
                <button type="button" class="secondary" on:click=close data-testid="close-questionnaire">{t.close_now}</button>
            </Show>
            <ErrorLine error=error />
        </article>
    }
}

/// One question's controls for each question, and the send button.
#[component]
fn AnswerForm(id: String, questions: Vec<Question>) -> impl IntoView {
    let t = texts();
    let community = use_community();
    let error = RwSignal::new(None::<MutateError>);
    let chosen: Vec<RwSignal<Vec<u8>>> = questions.iter().map(|_| RwSignal::new(Vec::new())).collect();
    let written: Vec<RwSignal<String>> = questions.iter().map(|_| RwSignal::new(String::new())).collect();
    let fields = StoredValue::new((chosen.clone(), written.clone()));
    let id = StoredValue::new(id);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (chosen, written) = fields.get_value();
        let answers = chosen
            .iter()
            .zip(&written)
            .map(|(choices, text)| Answer {
                choices: choices.get_untracked(),
                text: text.get_untracked().trim().to_owned(),
            })
            .collect();
        run_mutation(
            community,
            Mutation::Village(VillageMutation::AnswerQuestionnaire(AnswerQuestionnaire {
                questionnaire: id.get_value(),
                answers,
            })),
            error,
        );
    };
    let group = id.get_value();
    view! {
        <form class="answer-form" on:submit=submit data-testid="answer-form">
            {questions.into_iter().enumerate().map(|(at, question)| {
                let choices = chosen[at];
                let text = written[at];
                let name = format!("{group}-q{at}");
                match question.kind {
                    QuestionKind::Text => view! {
                        <label class="field">
                            <span>{question.text.clone()}</span>
                            <textarea rows="2" prop:value=text on:input=move |ev| text.set(event_target_value(&ev)) data-testid="answer-text"></textarea>
                        </label>
                    }.into_any(),
                    kind => view! {
                        <fieldset>
                            <legend>{question.text.clone()}</legend>
                            {question.options.iter().enumerate().map(|(option_at, option)| {
                                let option_at = option_at as u8;
                                let input_type = if kind == QuestionKind::Single { "radio" } else { "checkbox" };
                                view! {
                                    <label class="choice">
                                        <input
                                            type=input_type
                                            name=name.clone()
                                            prop:checked=move || choices.get().contains(&option_at)
                                            on:change=move |ev| {
                                                let on = event_target_checked(&ev);
                                                choices.update(|picked| {
                                                    if kind == QuestionKind::Single {
                                                        picked.clear();
                                                    }
                                                    picked.retain(|at| *at != option_at);
                                                    if on {
                                                        picked.push(option_at);
                                                        picked.sort_unstable();
                                                    }
                                                });
                                            }
                                        />
                                        {option.clone()}
                                    </label>
                                }
                            }).collect_view()}
                        </fieldset>
                    }.into_any(),
                }
            }).collect_view()}
            <button type="submit" data-testid="answer-send">{t.answer}</button>
            <ErrorLine error=error />
        </form>
    }
}

/// Each choice question's counts as a chart, each text question's texts.
#[component]
fn Counts(questions: Vec<Question>, tally: Tally) -> impl IntoView {
    let t = texts();
    view! {
        <p class="meta" data-testid="questionnaire-respondents">{(t.respondents)(tally.respondents)}</p>
        {questions.into_iter().enumerate().map(|(at, question)| match question.kind {
            QuestionKind::Text => {
                let texts = tally.texts.get(at).cloned().unwrap_or_default();
                view! {
                    <h5>{question.text.clone()}</h5>
                    <ul class="plain-list suggestions">{texts.into_iter().map(|text| view! { <li>{text}</li> }).collect_view()}</ul>
                }.into_any()
            }
            _ => {
                let counts = tally.counts.get(at).cloned().unwrap_or_default();
                let rows = question
                    .options
                    .iter()
                    .zip(counts)
                    .map(|(option, count)| Bar::new(option.clone(), i64::from(count), count.to_string()))
                    .collect();
                view! { <BarChart title=question.text.clone() rows=rows test_id="questionnaire-chart" /> }.into_any()
            }
        }).collect_view()}
    }
}

/// Published results; the suggestions with their proposals, and for
/// officers a way to take one up.
#[component]
fn Results(
    id: String,
    questions: Vec<Question>,
    result: QuestionnaireResult,
    officer: bool,
) -> impl IntoView {
    let t = texts();
    let community = use_community();
    let error = RwSignal::new(None::<MutateError>);
    let Some(tally) = result.tally.clone() else {
        return view! { <p class="note" data-testid="questionnaire-respondents">{(t.too_few)(result.respondents)}</p> }.into_any();
    };
    let links = result.links.clone();
    let proposals: Vec<Proposal> = community
        .with_view(|view| all::<Proposal>(view, PROPOSAL_PREFIX))
        .unwrap_or_default();
    let offered = proposals.clone();
    let title_of = move |proposal: &str| {
        proposals
            .iter()
            .find(|found| found.id == proposal)
            .map_or_else(|| proposal.to_owned(), |found| found.title.clone())
    };
    let proposal_choice = RwSignal::new(String::new());
    let id = StoredValue::new(id);
    let link = move |question: usize, text: usize| {
        let proposal = proposal_choice.get_untracked();
        if proposal.is_empty() {
            invalid_input(error);
            return;
        }
        run_mutation(
            community,
            Mutation::Village(VillageMutation::LinkQuestionnaireSuggestion(
                LinkQuestionnaireSuggestion {
                    questionnaire: id.get_value(),
                    question,
                    text,
                    proposal,
                },
            )),
            error,
        );
    };
    let suggestions: Vec<(usize, usize, String, Option<String>)> = questions
        .iter()
        .enumerate()
        .filter(|(_, question)| question.kind == QuestionKind::Text)
        .flat_map(|(question, _)| {
            tally
                .texts
                .get(question)
                .cloned()
                .unwrap_or_default()
                .into_iter()
                .enumerate()
                .map({
                    let links = links.clone();
                    move |(text_at, text)| {
                        let linked = links
                            .iter()
                            .find(|link| link.question == question && link.text == text_at)
                            .map(|link| link.proposal.clone());
                        (question, text_at, text, linked)
                    }
                })
        })
        .collect();
    let choice_questions: Vec<Question> = questions
        .iter()
        .map(|question| Question {
            text: question.text.clone(),
            kind: question.kind,
            options: question.options.clone(),
        })
        .filter(|question| question.kind != QuestionKind::Text)
        .collect();
    let choice_tally = Tally {
        respondents: tally.respondents,
        counts: questions
            .iter()
            .zip(&tally.counts)
            .filter(|(question, _)| question.kind != QuestionKind::Text)
            .map(|(_, counts)| counts.clone())
            .collect(),
        texts: choice_questions.iter().map(|_| Vec::new()).collect(),
    };
    view! {
        <Counts questions=choice_questions tally=choice_tally />
        {(!suggestions.is_empty()).then(|| view! {
            <h4>{t.suggestions}</h4>
            {officer.then(|| view! {
                <label class="field">
                    <span>{t.link_to}</span>
                    <select on:change=move |ev| proposal_choice.set(event_target_value(&ev)) data-testid="link-proposal">
                        <option value="">"—"</option>
                        {offered.into_iter().map(|proposal| view! { <option value=proposal.id.clone()>{proposal.title.clone()}</option> }).collect_view()}
                    </select>
                </label>
            })}
            <ul class="plain-list suggestions" data-testid="questionnaire-suggestions">
                {suggestions.into_iter().map(|(question, text_at, text, linked)| view! {
                    <li>
                        {text}
                        {linked.as_deref().map(|proposal| view! { " " <span class="badge done">{(t.linked_to)(&title_of(proposal))}</span> })}
                        {(officer && linked.is_none()).then(|| view! {
                            " " <button type="button" class="secondary" on:click=move |_| link(question, text_at)>{t.link}</button>
                        })}
                    </li>
                }).collect_view()}
            </ul>
        })}
        <ErrorLine error=error />
    }
    .into_any()
}

/// The officers' form: the questionnaire's frame, then its questions one by one.
#[component]
fn PublishForm() -> impl IntoView {
    let t = texts();
    let community = use_community();
    let error = RwSignal::new(None::<MutateError>);
    let done = RwSignal::new(false);
    let title = RwSignal::new(String::new());
    let intro = RwSignal::new(String::new());
    let anonymous = RwSignal::new(true);
    let opens = RwSignal::new(today().to_string());
    let closes = RwSignal::new(today().add_days(14).to_string());
    let questions = RwSignal::new(Vec::<Question>::new());
    let question_text = RwSignal::new(String::new());
    let question_kind = RwSignal::new(QuestionKind::Single);
    let options = RwSignal::new(String::new());
    let add_question = move |_| {
        let kind = question_kind.get_untracked();
        let listed: Vec<String> = options
            .get_untracked()
            .split(['、', ',', '，', ';', '；'])
            .map(|option| option.trim().to_owned())
            .filter(|option| !option.is_empty())
            .collect();
        let question = Question {
            text: question_text.get_untracked().trim().to_owned(),
            kind,
            options: if kind == QuestionKind::Text {
                Vec::new()
            } else {
                listed
            },
        };
        let fits = !question.text.is_empty() && (kind == QuestionKind::Text || question.options.len() >= 2);
        if !fits {
            invalid_input(error);
            return;
        }
        error.set(None);
        questions.update(|questions| questions.push(question));
        question_text.set(String::new());
        options.set(String::new());
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (Ok(opens), Ok(closes)) = (
            opens.get_untracked().parse::<Date>(),
            closes.get_untracked().parse::<Date>(),
        ) else {
            invalid_input(error);
            return;
        };
        run_mutation_then(
            community,
            Mutation::Village(VillageMutation::PublishQuestionnaire(PublishQuestionnaire {
                id: new_id("q"),
                title: title.get_untracked(),
                intro: intro.get_untracked(),
                questions: questions.get_untracked(),
                anonymous: anonymous.get_untracked(),
                opens,
                closes,
            })),
            error,
            done,
        );
    };
    let kinds = [QuestionKind::Single, QuestionKind::Multiple, QuestionKind::Text];
    view! {
        <details data-testid="questionnaire-form">
            <summary>{t.publish_questionnaire}</summary>
            <form class="inline-form" on:submit=submit>
                <InputField label=t.q_title value=title />
                <InputField label=t.q_intro value=intro />
                <label class="choice">
                    <input type="checkbox" prop:checked=anonymous on:change=move |ev| anonymous.set(event_target_checked(&ev)) />
                    {t.anonymous}
                </label>
                <InputField label=t.q_opens value=opens input_type="date" />
                <InputField label=t.q_closes value=closes input_type="date" />
                <fieldset>
                    <legend>{move || (t.questions_so_far)(questions.get().len())}</legend>
                    <ol>{move || questions.get().into_iter().map(|question| view! {
                        <li>{format!("{} ({})", question.text, t.question_kind(question.kind))}</li>
                    }).collect_view()}</ol>
                    <InputField label=t.q_text value=question_text />
                    <label class="field">
                        <span>{t.q_kind}</span>
                        <select on:change=move |ev| {
                            let at: usize = event_target_value(&ev).parse().unwrap_or(0);
                            question_kind.set(kinds.get(at).copied().unwrap_or(QuestionKind::Single));
                        }>
                            {kinds.into_iter().enumerate().map(|(at, kind)| view! {
                                <option value=at.to_string()>{t.question_kind(kind)}</option>
                            }).collect_view()}
                        </select>
                    </label>
                    <InputField label=t.q_options value=options placeholder=t.q_options_hint />
                    <button type="button" class="secondary" on:click=add_question>{t.add_question}</button>
                </fieldset>
                <button type="submit">{t.publish}</button>
            </form>
            <Show when=move || done.get()><p role="status">{t.saved}</p></Show>
            <ErrorLine error=error />
        </details>
    }
}
