//! For officers: entering the counts of a paper or show-of-hands meeting.

use std::collections::BTreeSet;

use leptos::prelude::*;
use linli_core::rules::mutations::EnterPaperTally;
use linli_core::rules::records::Vote;
use linli_core::rules::RulesMutation;
use linli_core::{MemberId, Mutation};

use crate::forms::{invalid_input, run_mutation};
use crate::rules::data;
use crate::rules::i18n::texts;
use crate::sync::{new_id, use_community, MutateError};

/// For officers: the counts of a paper or show-of-hands meeting, with the
/// voters who took part there ticked off the register.
#[component]
pub fn PaperTallyForm(vote: Vote, error: RwSignal<Option<MutateError>>) -> impl IntoView {
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
