//! Proposals: a new one, the list by stage, and each one's support,
//! comments ([`comments`](super::comments)), draft articles, review and
//! the officers' next steps.

use leptos::prelude::*;
use linli_core::role::OFFICERS;
use linli_core::rules::mutations::{
    CreateProposal, MoveProposal, OpenVote, ProposalRef, RecordReview, SetDraft,
};
use linli_core::rules::records::{self, Article, Electorate, Origin, Proposal, Stage};
use linli_core::rules::RulesMutation;
use linli_core::time::DAY_MS;
use linli_core::{Mutation, Timestamp};

use super::comments;
use super::data;
use super::i18n::{texts, Texts};
use crate::forms::{invalid_input, run_mutation, ErrorLine};
use crate::sync::{new_id, use_community, MutateError};
use linli_core::rules::charter::{format_articles, parse_articles};

pub fn stage_name(t: &Texts, stage: Stage) -> &'static str {
    t.stage_names[Stage::ALL.iter().position(|s| *s == stage).unwrap_or(0)]
}

#[component]
pub fn Proposals() -> impl IntoView {
    let t = texts();
    let community = use_community();
    let stage_filter = RwSignal::new(None::<Stage>);
    let proposals = Memo::new(move |_| {
        let filter = stage_filter.get();
        community
            .with_view(data::proposals)
            .unwrap_or_default()
            .into_iter()
            .filter(|proposal| filter.is_none_or(|stage| proposal.stage == stage))
            .collect::<Vec<_>>()
    });
    view! {
        <section class="card proposals" aria-labelledby="proposals-title" data-testid="proposals">
            <h2 id="proposals-title">{t.proposals}</h2>
            <NewProposal />
            <label class="field">
                <span>{t.stage}</span>
                <select on:change=move |ev| {
                    let index: Option<usize> = event_target_value(&ev).parse().ok();
                    stage_filter.set(index.and_then(|index| Stage::ALL.get(index).copied()));
                }>
                    <option value="">{t.all_stages}</option>
                    {Stage::ALL.iter().enumerate().map(|(index, stage)| view! {
                        <option value=index.to_string()>{stage_name(t, *stage)}</option>
                    }).collect_view()}
                </select>
            </label>
            <For
                each=move || proposals.get()
                key=|proposal| (proposal.id.clone(), proposal.updated_at, proposal.stage)
                children=move |proposal| view! { <ProposalCard proposal=proposal /> }
            />
        </section>
    }
}

#[component]
fn NewProposal() -> impl IntoView {
    let t = texts();
    let community = use_community();
    let error = RwSignal::new(None::<MutateError>);
    let title = RwSignal::new(String::new());
    let body = RwSignal::new(String::new());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let proposal = CreateProposal {
            id: new_id("p"),
            title: title.get_untracked(),
            text: body.get_untracked(),
            from_meeting: None,
        };
        run_mutation(
            community,
            Mutation::Rules(RulesMutation::CreateProposal(proposal)),
            error,
        );
        title.set(String::new());
        body.set(String::new());
    };
    view! {
        <details class="new-proposal">
            <summary>{t.new_proposal}</summary>
            <form on:submit=submit>
                <label class="field">
                    <span>{t.proposal_title}</span>
                    <input required maxlength="80" prop:value=move || title.get() on:input=move |ev| title.set(event_target_value(&ev)) />
                </label>
                <label class="field">
                    <span>{t.proposal_text}</span>
                    <textarea rows="3" prop:value=move || body.get() on:input=move |ev| body.set(event_target_value(&ev))></textarea>
                </label>
                <button type="submit">{t.submit_proposal}</button>
                <ErrorLine error=error />
            </form>
        </details>
    }
}

#[component]
fn ProposalCard(proposal: Proposal) -> impl IntoView {
    let t = texts();
    let community = use_community();
    let error = RwSignal::new(None::<MutateError>);
    let id = proposal.id.clone();
    let actor = community.actor();
    let officer = actor.as_ref().is_some_and(|actor| actor.has_any(&OFFICERS));
    let is_author = actor
        .as_ref()
        .is_some_and(|actor| actor.member == proposal.author);
    let me = actor.map(|actor| actor.member);
    let stage = proposal.stage;
    let support = {
        let id = id.clone();
        Memo::new(move |_| {
            community
                .with_view(|view| {
                    let mine = me
                        .as_ref()
                        .is_some_and(|me| view.contains_key(&records::support(&id, me)));
                    (
                        data::supporters(view, &id),
                        data::settings(view).support_threshold,
                        mine,
                    )
                })
                .unwrap_or((0, 0, false))
        })
    };
    let origin = match &proposal.origin {
        Origin::Online => t.origin_online.to_owned(),
        Origin::Meeting { meeting, .. } => community
            .with_view(|view| data::one::<records::Meeting>(view, &records::meeting(meeting)))
            .flatten()
            .map_or_else(
                || t.origin_meeting.to_owned(),
                |meeting| (t.origin_meeting_on)(&meeting.date.to_string(), &meeting.place),
            ),
    };
    let author = community
        .with_view(|view| data::member_name(view, proposal.author.as_str()))
        .unwrap_or_default();
    let run = move |mutation: Mutation| run_mutation(community, mutation, error);
    let support_click = {
        let id = id.clone();
        move |_| {
            run(Mutation::Rules(RulesMutation::SupportProposal(ProposalRef {
                proposal: id.clone(),
            })))
        }
    };
    let moves: Vec<Stage> = Stage::ALL
        .into_iter()
        .filter(|to| stage.officer_may_move_to(*to) && (officer || (is_author && *to == Stage::Withdrawn)))
        .filter(|to| *to != Stage::Review || !proposal.articles.is_empty())
        .collect();
    view! {
        <article class="proposal" data-testid="proposal" data-proposal=id.clone() data-stage=format!("{stage:?}")>
            <h3>{proposal.title.clone()} " " <span class="badge">{stage_name(t, stage)}</span></h3>
            <p class="meta">{origin} " · " {author}</p>
            {(!proposal.text.is_empty()).then(|| view! { <p>{proposal.text.clone()}</p> })}
            {matches!(stage, Stage::Collecting | Stage::Deliberating).then(|| view! {
                <p>
                    {move || { let (count, threshold, _) = support.get(); (t.supporters)(count, threshold) }}
                    " "
                    <Show when=move || !support.get().2 fallback=move || view! { <span class="ok">{t.supported}</span> }>
                        <button type="button" class="secondary" data-testid="support" on:click=support_click.clone()>{t.support}</button>
                    </Show>
                </p>
            })}
            {(!proposal.articles.is_empty()).then(|| view! {
                <ul class="plain-list articles draft">
                    {proposal.articles.iter().map(|article| view! {
                        <li>
                            <strong>{format!("{} · {}", t.article_label(article.number), article.title)}</strong>
                            " " {if article.text.is_empty() { t.repealed.to_owned() } else { article.text.clone() }}
                        </li>
                    }).collect_view()}
                </ul>
            })}
            {proposal.review.clone().map(|review| view! {
                <p class="review">
                    <strong>{(t.review_by)(&review.reviewer)}</strong> " "
                    {if review.passed { t.review_passed } else { t.review_failed }} ": " {review.finding}
                </p>
            })}
            {(officer && stage == Stage::Drafting).then(|| view! { <DraftEditor proposal=id.clone() articles=proposal.articles.clone() error=error /> })}
            {(officer && stage == Stage::Review).then(|| view! { <ReviewForm proposal=id.clone() error=error /> })}
            {(officer && stage == Stage::Review && proposal.review.as_ref().is_some_and(|review| review.passed))
                .then(|| view! { <OpenVoteForm proposal=id.clone() title=proposal.title.clone() error=error /> })}
            {(!moves.is_empty()).then(|| {
                let id = id.clone();
                view! {
                    <p class="actions">
                        {moves.into_iter().map(|to| {
                            let id = id.clone();
                            let label = if to == Stage::Withdrawn { t.withdraw.to_owned() } else { (t.move_to)(stage_name(t, to)) };
                            view! {
                                <button type="button" class="secondary" data-testid="move-proposal"
                                    on:click=move |_| run(Mutation::Rules(RulesMutation::MoveProposal(MoveProposal { proposal: id.clone(), to })))>
                                    {label}
                                </button>
                            }
                        }).collect_view()}
                    </p>
                }
            })}
            <comments::Comments proposal=id.clone() open=!stage.is_final() officer=officer error=error />
            <ErrorLine error=error />
        </article>
    }
}

#[component]
fn DraftEditor(
    proposal: String,
    articles: Vec<Article>,
    error: RwSignal<Option<MutateError>>,
) -> impl IntoView {
    let t = texts();
    let community = use_community();
    let text = RwSignal::new(format_articles(&articles));
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(articles) = parse_articles(&text.get_untracked()) else {
            invalid_input(error);
            return;
        };
        let draft = SetDraft {
            proposal: proposal.clone(),
            articles,
        };
        run_mutation(community, Mutation::Rules(RulesMutation::SetDraft(draft)), error);
    };
    view! {
        <form class="draft-editor" on:submit=save>
            <label class="field">
                <span>{t.draft_articles}</span>
                <textarea rows="5" data-testid="draft-text" placeholder=t.draft_hint
                    prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev))></textarea>
            </label>
            <p class="note">{t.draft_hint}</p>
            <button type="submit">{t.save_draft}</button>
        </form>
    }
}

#[component]
fn ReviewForm(proposal: String, error: RwSignal<Option<MutateError>>) -> impl IntoView {
    let t = texts();
    let community = use_community();
    let reviewer = RwSignal::new(String::new());
    let finding = RwSignal::new(String::new());
    let passed = RwSignal::new(true);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let review = RecordReview {
            proposal: proposal.clone(),
            reviewer: reviewer.get_untracked(),
            finding: finding.get_untracked(),
            passed: passed.get_untracked(),
        };
        run_mutation(
            community,
            Mutation::Rules(RulesMutation::RecordReview(review)),
            error,
        );
    };
    view! {
        <form class="review-form" on:submit=save>
            <label class="field">
                <span>{t.reviewer}</span>
                <input required prop:value=move || reviewer.get() on:input=move |ev| reviewer.set(event_target_value(&ev)) />
            </label>
            <label class="field">
                <span>{t.finding}</span>
                <textarea rows="2" required prop:value=move || finding.get() on:input=move |ev| finding.set(event_target_value(&ev))></textarea>
            </label>
            <label class="choice">
                <input type="checkbox" prop:checked=move || passed.get() on:change=move |ev| passed.set(event_target_checked(&ev)) />
                {t.review_passed}
            </label>
            <button type="submit">{t.record_review}</button>
        </form>
    }
}

#[component]
fn OpenVoteForm(proposal: String, title: String, error: RwSignal<Option<MutateError>>) -> impl IntoView {
    let t = texts();
    let community = use_community();
    let question = RwSignal::new((t.vote_question_about)(&title));
    let secret = RwSignal::new(false);
    let households = RwSignal::new(false);
    let quorum = RwSignal::new("50".to_owned());
    let days = RwSignal::new("7".to_owned());
    let open = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let now = data::now();
        let days: i64 = days.get_untracked().trim().parse().unwrap_or(0);
        let vote = OpenVote {
            id: new_id("v"),
            proposal: proposal.clone(),
            question: question.get_untracked(),
            options: Vec::new(),
            secret: secret.get_untracked(),
            electorate: if households.get_untracked() {
                Electorate::Households
            } else {
                Electorate::Adults
            },
            quorum_percent: quorum.get_untracked().trim().parse().unwrap_or(0),
            opens_at: now,
            closes_at: Timestamp(now.millis() + days * DAY_MS),
        };
        run_mutation(community, Mutation::Rules(RulesMutation::OpenVote(vote)), error);
    };
    view! {
        <details class="open-vote">
            <summary>{t.open_vote}</summary>
            <form on:submit=open>
                <label class="field">
                    <span>{t.vote_question}</span>
                    <input required prop:value=move || question.get() on:input=move |ev| question.set(event_target_value(&ev)) />
                </label>
                <label class="choice">
                    <input type="checkbox" prop:checked=move || secret.get() on:change=move |ev| secret.set(event_target_checked(&ev)) />
                    {t.secret_ballot}
                </label>
                <label class="choice">
                    <input type="checkbox" prop:checked=move || households.get() on:change=move |ev| households.set(event_target_checked(&ev)) />
                    {t.electorate_households}
                </label>
                <label class="field">
                    <span>{t.quorum} " %"</span>
                    <input type="number" min="1" max="100" prop:value=move || quorum.get() on:input=move |ev| quorum.set(event_target_value(&ev)) />
                </label>
                <label class="field">
                    <span>{t.vote_days}</span>
                    <input type="number" min="1" max="60" prop:value=move || days.get() on:input=move |ev| days.set(event_target_value(&ev)) />
                </label>
                <button type="submit">{t.open_vote}</button>
            </form>
        </details>
    }
}
