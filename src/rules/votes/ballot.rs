//! The member's ballot on an open vote: one choice, changeable until the
//! close (the last one counts).

use leptos::prelude::*;
use linli_core::rules::mutations::CastBallot;
use linli_core::rules::records::{Ballot, Vote};
use linli_core::rules::RulesMutation;
use linli_core::Mutation;

use crate::forms::run_mutation;
use crate::rules::i18n::texts;
use crate::sync::{use_community, MutateError};

#[component]
pub fn BallotForm(
    vote: Vote,
    /// The member's ballot so far, if any.
    mine: Memo<Option<Ballot>>,
    /// Where a refused ballot is said.
    error: RwSignal<Option<MutateError>>,
) -> impl IntoView {
    let t = texts();
    let community = use_community();
    let choice = RwSignal::new(None::<usize>);
    let vote_id = vote.id.clone();
    let cast = move |_| {
        if let Some(choice) = choice.get_untracked() {
            let ballot = CastBallot {
                vote: vote_id.clone(),
                choice,
            };
            run_mutation(
                community,
                Mutation::Rules(RulesMutation::CastBallot(ballot)),
                error,
            );
        }
    };
    let ballot_name = format!("ballot-{}", vote.id);
    let options = vote.options.clone();
    view! {
        <fieldset class="ballot">
            <legend>{t.your_ballot}</legend>
            {vote.options.iter().enumerate().map(|(index, option)| {
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
            <button type="button" data-testid="cast-ballot" on:click=cast>{t.cast_ballot}</button>
        </fieldset>
        <p class="note" data-testid="my-ballot">
            {move || mine.get().map_or(t.not_voted.to_owned(), |ballot| {
                format!("{} · {}", (t.you_chose)(&options.get(ballot.choice).cloned().unwrap_or_default()), t.change_until_close)
            })}
        </p>
    }
}
