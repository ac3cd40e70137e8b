//! Votes: the ballot (changeable until the close, with a warning when the
//! device is offline near the close), the tally as a bar chart with turnout
//! and quorum, paper counts from meetings, and the officer's count.
//!
//! - this file: the list of votes and each vote's card;
//! - [`ballot`]: the member's ballot; [`tally_view`]: the tally;
//! - [`paper_tally`]: an officer entering a meeting's paper counts.

mod ballot;
mod paper_tally;
mod tally_view;

use leptos::prelude::*;
use linli_core::role::OFFICERS;
use linli_core::rules::mutations::CountVote;
use linli_core::rules::records::{Electorate, Vote};
use linli_core::rules::RulesMutation;
use linli_core::time::HOUR_MS;
use linli_core::{Mutation, Timestamp};

use super::data;
use super::i18n::texts;
use crate::forms::{run_mutation, ErrorLine};
use crate::shell::use_online;
use crate::sync::{use_community, MutateError};

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
    // Every part of the card reads the options in the member's language.
    let vote = Vote {
        options: data::shown_options(t, &vote.options),
        ..vote
    };
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
    // The member's ballot is on this device only: the server has not seen
    // it, and decides by its own clock whether it arrived before the close.
    let unsent = {
        let vote = vote.clone();
        Memo::new(move |_| {
            let Some(me) = actor.get().map(|actor| actor.member) else {
                return false;
            };
            community.has_pending(&data::my_ballot_key(&vote, &me))
        })
    };
    let (opens, closes) = (vote.opens_at, vote.closes_at);
    let missed_the_close = move || now.get() >= closes && unsent.get();
    let is_open =
        move || now.get() >= opens && now.get() < closes && !tally.get().is_some_and(|(_, counted)| counted);
    let awaiting_count = move || now.get() >= closes && !tally.get().is_some_and(|(_, counted)| counted);
    let warn_offline =
        move || is_open() && !online.get() && closes.millis() - now.get().millis() < WARN_BEFORE_CLOSE_MS;
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
    let electorate = match vote.electorate {
        Electorate::Adults => t.electorate_adults,
        Electorate::Households => t.electorate_households,
    };
    let kind = if vote.secret {
        t.secret_ballot
    } else {
        t.open_ballot
    };
    let secret = vote.secret;
    let (question, quorum_percent) = (vote.question.clone(), vote.quorum_percent);
    let spoken_question = format!("{} {}", vote.question, vote.options.join("，"));
    let paper_vote = StoredValue::new(vote.clone());
    let ballot_vote = StoredValue::new(vote.clone());

    view! {
        <article class="vote" data-testid="vote" data-vote=vote_id.clone()>
            <h3>{question}</h3>
            <crate::shell::ReadAloud text=move || spoken_question.clone() />
            <p class="meta">
                {kind} " · " {electorate} " · " {format!("{} {}%", t.quorum, quorum_percent)}
                <br />
                {(t.voting_window)(&data::local_time(opens), &data::local_time(closes))}
            </p>
            {move || tally.get().map(|(tally, counted)| view! { <tally_view::TallyView tally=tally counted=counted options=options.clone() secret=secret /> })}
            <Show when=is_open>
                <ballot::BallotForm vote=ballot_vote.get_value() mine=mine error=error />
                <Show when=warn_offline>
                    <p class="warning" role="alert" data-testid="offline-close-warning">
                        {(t.offline_close_warning)(&data::local_time(closes))}
                    </p>
                </Show>
            </Show>
            <Show when=move || is_open() && unsent.get()>
                <p class="warning" role="status" data-testid="ballot-unsent">{(t.ballot_unsent)(&data::local_time(closes))}</p>
            </Show>
            <Show when=move || !is_open() && mine.get().is_some() && !unsent.get()>
                <p class="note" data-testid="my-closed-ballot">{t.you_voted}</p>
            </Show>
            <Show when=missed_the_close>
                <p class="warning" role="alert" data-testid="ballot-too-late">{t.ballot_too_late}</p>
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
                <paper_tally::PaperTallyForm vote=paper_vote.get_value() error=error />
            </Show>
            <OpenBallots vote=ballot_vote.get_value() />
            <ErrorLine error=error />
        </article>
    }
}

/// Who voted how, for an open (not secret) vote.
#[component]
fn OpenBallots(vote: Vote) -> impl IntoView {
    let t = texts();
    let community = use_community();
    let options = vote.options.clone();
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
    view! {
        <Show when=move || !open_names.get().is_empty()>
            <details>
                <summary>{t.who_voted}</summary>
                <ul class="plain-list">
                    {
                        let options = options.clone();
                        move || open_names.get().into_iter().map(|(name, choice)| view! {
                            <li>{format!("{name}: {}", options.get(choice).cloned().unwrap_or_default())}</li>
                        }).collect_view()
                    }
                </ul>
            </details>
        </Show>
    }
}
