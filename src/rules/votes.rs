//! Votes: the ballot (changeable until the close, with a warning when the
//! device is offline near the close), the tally as a bar chart with turnout
//! and quorum, paper counts from meetings, and the officer's count.

use std::collections::BTreeSet;

use leptos::prelude::*;
use linli_core::role::OFFICERS;
use linli_core::rules::mutations::{CastBallot, CountVote, EnterPaperTally};
use linli_core::rules::records::{Electorate, Vote};
use linli_core::rules::tally::{Outcome, Tally};
use linli_core::rules::RulesMutation;
use linli_core::time::HOUR_MS;
use linli_core::{MemberId, Mutation, Timestamp};

use super::data;
use super::i18n::texts;
use crate::forms::{invalid_input, run_mutation, ErrorLine};
use crate::shell::use_online;
use crate::sync::{new_id, use_community, MutateError};

/// How close to the close an offline ballot earns a warning.
const WARN_BEFORE_CLOSE_MS: i64 = 24 * HOUR_MS;

#[component]
pub fn Votes() -> impl IntoView {
    let t = texts();
    let community = use_community();
    // One clock for the page, as it stays open: votes open and close on
    // screen too, and the list reorders when one closes.
    let now = RwSignal::new(data::now());
    let ticker =
        set_interval_with_handle(move || now.set(data::now()), std::time::Duration::from_secs(30)).ok();
    on_cleanup(move || {
        if let Some(ticker) = ticker {
            ticker.clear();
        }
    });
    let votes = Memo::new(move |_| {
        community
            .with_view(|view| data::votes(view, now.get()))
            .unwrap_or_default()
    });
    view! {
        <section class="card votes" aria-labelledby="votes-title" data-testid="votes">
            <h2 id="votes-title">{t.votes}</h2>
            <Show when=move || votes.get().is_empty()>
                <p class="note">{t.no_votes}</p>
            </Show>
            <For each=move || votes.get() key=|vote| vote.id.clone() children=move |vote| view! { <VoteCard vote=vote now=now /> } />
        </section>
    }
}

#[component]
fn VoteCard(
    vote: Vote,
    /// The page's clock.
    now: RwSignal<Timestamp>,
) -> impl IntoView {
    let t = texts();
    let community = use_community();
    let online = use_online();
    let error = RwSignal::new(None::<MutateError>);
    let vote_id = vote.id.clone();
    let actor = Memo::new(move |_| {
        community.revision.track();
        community.actor()
    });
    let officer = move || actor.get().is_some_and(|actor| actor.has_any(&OFFICERS));
    let tally = {
        let vote = vote.clone();
        Memo::new(move |_| community.with_view(|view| data::tally(view, &vote)))
    };
    let mine = {
        let vote = vote.clone();
        Memo::new(move |_| {
            let me = actor.get()?.member;
            community
                .with_view(|view| data::my_ballot(view, &vote, &me))
                .flatten()
        })
    };
    let (opens, closes) = (vote.opens_at, vote.closes_at);
    let is_open =
        move || now.get() >= opens && now.get() < closes && !tally.get().is_some_and(|(_, counted)| counted);
    let awaiting_count = move || now.get() >= closes && !tally.get().is_some_and(|(_, counted)| counted);
    let warn_offline =
        move || is_open() && !online.get() && closes.millis() - now.get().millis() < WARN_BEFORE_CLOSE_MS;
    let choice = RwSignal::new(None::<usize>);
    let cast = {
        let vote = vote_id.clone();
        move |_| {
            if let Some(choice) = choice.get_untracked() {
                let ballot = CastBallot {
                    vote: vote.clone(),
                    choice,
                };
                run_mutation(
                    community,
                    Mutation::Rules(RulesMutation::CastBallot(ballot)),
                    error,
                );
            }
        }
    };
    // Stored, so that the handlers are `Copy` and can sit in nested `Show`s.
    let stored_id = StoredValue::new(vote_id.clone());
    let count = move |_| {
        let vote = stored_id.get_value();
        run_mutation(
            community,
            Mutation::Rules(RulesMutation::CountVote(CountVote { vote })),
            error,
        )
    };
    let options = vote.options.clone();
    let names_options = vote.options.clone();
    let open_names = {
        let vote = vote.clone();
        Memo::new(move |_| {
            if vote.secret {
                return Vec::new();
            }
            community
                .with_view(|view| {
                    data::open_ballots(view, &vote.id)
                        .into_iter()
                        .map(|ballot| (data::member_name(view, ballot.member.as_str()), ballot.choice))
                        .collect()
                })
                .unwrap_or_default()
        })
    };
    let electorate = match vote.electorate {
        Electorate::Adults => t.electorate_adults,
        Electorate::Households => t.electorate_households,
    };
    let kind = if vote.secret {
        t.secret_ballot
    } else {
        t.open_ballot
    };
    let ballot_name = format!("ballot-{}", vote.id);
    let secret = vote.secret;
    let (question, quorum_percent) = (vote.question.clone(), vote.quorum_percent);
    let ballot_options = vote.options.clone();
    let my_choice_options = vote.options.clone();
    let paper_vote = StoredValue::new(vote.clone());

    view! {
        <article class="vote" data-testid="vote" data-vote=vote_id.clone()>
            <h3>{question}</h3>
            <p class="meta">
                {kind} " · " {electorate} " · " {format!("{} {}%", t.quorum, quorum_percent)}
                <br />
                {(t.voting_window)(&data::local_time(opens), &data::local_time(closes))}
            </p>
            {move || tally.get().map(|(tally, counted)| view! { <TallyView tally=tally counted=counted options=options.clone() secret=secret /> })}
            <Show when=is_open>
                <fieldset class="ballot">
                    <legend>{t.your_ballot}</legend>
                    {ballot_options.iter().enumerate().map(|(index, option)| {
                        let name = ballot_name.clone();
                        view! {
                            <label class="choice">
                                <input
                                    type="radio"
                                    name=name
                                    prop:checked=move || choice.get().or(mine.get().map(|ballot| ballot.choice)) == Some(index)
                                    on:change=move |_| choice.set(Some(index))
                                />
                                {option.clone()}
                            </label>
                        }
                    }).collect_view()}
                    <button type="button" data-testid="cast-ballot" on:click=cast.clone()>{t.cast_ballot}</button>
                </fieldset>
                <p class="note" data-testid="my-ballot">
                    {
                        let options = my_choice_options.clone();
                        move || mine.get().map_or(t.not_voted.to_owned(), |ballot| {
                            format!("{} · {}", (t.you_chose)(&options.get(ballot.choice).cloned().unwrap_or_default()), t.change_until_close)
                        })
                    }
                </p>
                <Show when=warn_offline>
                    <p class="warning" role="alert" data-testid="offline-close-warning">
                        {(t.offline_close_warning)(&data::local_time(closes))}
                    </p>
                </Show>
            </Show>
            <Show when=move || !is_open() && mine.get().is_some()>
                <p class="note" data-testid="my-closed-ballot">{t.you_voted}</p>
            </Show>
            <Show when=move || now.get() < opens>
                <p class="note">{t.not_open_yet}</p>
            </Show>
            <Show when=move || awaiting_count()>
                <p class="note">{t.awaiting_count}</p>
                <Show when=officer>
                    <button type="button" data-testid="count-vote" on:click=count>{t.count_vote}</button>
                </Show>
            </Show>
            <Show when=move || officer() && !tally.get().is_some_and(|(_, counted)| counted)>
                <PaperTallyForm vote=paper_vote.get_value() error=error />
            </Show>
            <Show when=move || !open_names.get().is_empty()>
                <details>
                    <summary>{t.who_voted}</summary>
                    <ul class="plain-list">
                        {
                            let options = names_options.clone();
                            move || open_names.get().into_iter().map(|(name, choice)| view! {
                                <li>{format!("{name}: {}", options.get(choice).cloned().unwrap_or_default())}</li>
                            }).collect_view()
                        }
                    </ul>
                </details>
            </Show>
            <ErrorLine error=error />
        </article>
    }
}

/// Bars per option (online and paper stacked), turnout against the
/// electorate, the quorum and, once counted, the outcome. Inline SVG: a few
/// rectangles do not need a chart library.
#[component]
fn TallyView(tally: Tally, counted: bool, options: Vec<String>, secret: bool) -> impl IntoView {
    let t = texts();
    let totals = tally.totals();
    let most = totals
        .as_ref()
        .and_then(|totals| totals.iter().copied().max())
        .unwrap_or(0)
        .max(1);
    let row_height = 34;
    let height = row_height * options.len() as u32;
    // A secret vote's counts: none before the count, and after it only the
    // totals, where they single out no small group.
    let hidden_counts = secret && (!counted || totals.is_none());
    let bars = options
        .iter()
        .enumerate()
        .map(|(index, option)| {
            let y = row_height * index as u32;
            let total = totals.as_ref().and_then(|totals| totals.get(index)).copied().unwrap_or(0);
            // Open votes show the meeting's share of each bar; secret ones one bar.
            let paper = tally.paper.as_ref().and_then(|paper| paper.get(index)).copied().unwrap_or(0);
            let online = total - paper.min(total);
            let width = |count: u32| count * 150 / most;
            view! {
                <g data-testid="tally-row" data-option=option.clone() data-total=total.to_string()>
                    <text x="0" y=(y + 21).to_string()>{option.clone()}</text>
                    <rect class="bar-online" x="72" y=(y + 6).to_string() width=width(online).to_string() height="22"></rect>
                    <rect class="bar-paper" x=(72 + width(online)).to_string() y=(y + 6).to_string() width=width(paper).to_string() height="22"></rect>
                    <text x=(80 + width(online) + width(paper)).to_string() y=(y + 21).to_string()>
                        {if paper > 0 { format!("{total} ({} {paper})", t.on_paper) } else { total.to_string() }}
                    </text>
                </g>
            }
        })
        .collect_view();
    let withheld_note = if counted {
        t.counts_withheld
    } else {
        t.secret_until_count
    };
    let turnout = (t.turnout)(tally.turnout, tally.electorate, tally.turnout_permille());
    let quorum = if tally.quorum_met {
        t.quorum_met
    } else {
        t.quorum_not_met
    };
    let outcome = counted.then(|| match tally.outcome {
        Outcome::Winner(0) => t.outcome_adopted.to_owned(),
        Outcome::Winner(option) => (t.outcome_winner)(&options.get(option).cloned().unwrap_or_default()),
        Outcome::Tie => t.outcome_tie.to_owned(),
        Outcome::NoQuorum => t.outcome_no_quorum.to_owned(),
    });
    view! {
        <div class="tally" data-testid="tally" data-turnout=tally.turnout.to_string() data-counted=counted.to_string()>
            {(!hidden_counts).then(|| view! {
                <svg class="tally-chart" role="img" aria-label=t.tally viewBox=format!("0 0 360 {height}") width="100%" height=height.to_string()>
                    {bars}
                </svg>
            })}
            {hidden_counts.then(|| view! { <p class="note" data-testid="counts-withheld">{withheld_note}</p> })}
            <p data-testid="turnout">{turnout} " · " {quorum}</p>
            {outcome.map(|outcome| view! { <p class="outcome" data-testid="outcome"><strong>{outcome}</strong></p> })}
        </div>
    }
}

/// For officers: the counts of a paper or show-of-hands meeting, with the
/// voters who took part there ticked off the register.
#[component]
fn PaperTallyForm(vote: Vote, error: RwSignal<Option<MutateError>>) -> impl IntoView {
    let t = texts();
    let community = use_community();
    let label = RwSignal::new(String::new());
    let counts: Vec<RwSignal<String>> = vote
        .options
        .iter()
        .map(|_| RwSignal::new(String::new()))
        .collect();
    let blank = RwSignal::new(String::new());
    let voters = RwSignal::new(BTreeSet::<MemberId>::new());
    let vote_id = vote.id.clone();
    let eligible = {
        let vote = vote.clone();
        Memo::new(move |_| {
            community
                .with_view(|view| {
                    let mut eligible: Vec<(MemberId, String)> = data::may_vote_at_meeting(view, &vote)
                        .into_iter()
                        .map(|member| {
                            let name = data::member_name(view, member.as_str());
                            (member, name)
                        })
                        .collect();
                    eligible.sort_by(|a, b| a.1.cmp(&b.1));
                    eligible
                })
                .unwrap_or_default()
        })
    };
    let submit = {
        let counts = counts.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let parsed: Option<Vec<u32>> = counts
                .iter()
                .map(|count| count.get_untracked().trim().parse::<u32>().ok())
                .collect();
            let blank_papers = match blank.get_untracked().trim() {
                "" => Some(0),
                typed => typed.parse::<u32>().ok(),
            };
            let (Some(parsed), Some(blank_papers)) = (parsed, blank_papers) else {
                invalid_input(error);
                return;
            };
            let tally = EnterPaperTally {
                id: new_id("paper"),
                vote: vote_id.clone(),
                label: label.get_untracked(),
                counts: parsed,
                blank: blank_papers,
                voters: voters.get_untracked().into_iter().collect(),
            };
            run_mutation(
                community,
                Mutation::Rules(RulesMutation::EnterPaperTally(tally)),
                error,
            );
            voters.set(BTreeSet::new());
            label.set(String::new());
            blank.set(String::new());
            for count in &counts {
                count.set(String::new());
            }
        }
    };
    view! {
        <details class="paper-tally" data-testid="paper-tally">
            <summary>{t.enter_paper_tally}</summary>
            <form on:submit=submit>
                <label class="field">
                    <span>{t.paper_label}</span>
                    <input data-testid="paper-label" prop:value=move || label.get() on:input=move |ev| label.set(event_target_value(&ev)) />
                </label>
                {vote.options.iter().zip(counts.clone()).map(|(option, count)| view! {
                    <label class="field">
                        <span>{option.clone()}</span>
                        <input type="number" min="0" inputmode="numeric" data-testid="paper-count"
                            prop:value=move || count.get() on:input=move |ev| count.set(event_target_value(&ev)) />
                    </label>
                }).collect_view()}
                <label class="field">
                    <span>{t.paper_blank}</span>
                    <input type="number" min="0" inputmode="numeric" data-testid="paper-blank"
                        prop:value=move || blank.get() on:input=move |ev| blank.set(event_target_value(&ev)) />
                </label>
                <p class="note">{t.paper_rule}</p>
                <fieldset>
                    <legend>{move || format!("{} ({})", t.paper_voters, voters.get().len())}</legend>
                    <For
                        each=move || eligible.get()
                        key=|(member, _)| member.clone()
                        children=move |(member, name)| {
                            let toggled = member.clone();
                            view! {
                                <label class="choice">
                                    <input type="checkbox" data-testid="paper-voter" data-member=member.to_string()
                                        prop:checked=move || voters.get().contains(&member)
                                        on:change=move |ev| {
                                            let on = event_target_checked(&ev);
                                            voters.update(|voters| { if on { voters.insert(toggled.clone()); } else { voters.remove(&toggled); } });
                                        } />
                                    {name}
                                </label>
                            }
                        }
                    />
                </fieldset>
                <button type="submit" data-testid="save-paper-tally">{t.save_paper_tally}</button>
            </form>
        </details>
    }
}
