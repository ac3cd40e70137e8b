//! Participation: per proposal (supporters, comments, turnout) and per year
//! (proposals, meeting attendance, votes and their average turnout).

use std::collections::BTreeMap;

use leptos::prelude::*;
use linli_core::calendar::LocalTime;

use super::data;
use super::i18n::texts;
use super::proposals::stage_name;
use crate::sync::use_community;

/// One year's participation.
#[derive(Clone, Debug, Default, PartialEq)]
struct Year {
    proposals: usize,
    meetings: usize,
    attendance: u32,
    votes: usize,
    turnout_permille_sum: u32,
}

#[component]
pub fn Figures() -> impl IntoView {
    let t = texts();
    let community = use_community();
    let figures = Memo::new(move |_| {
        community
            .with_view(|view| {
                let mut years: BTreeMap<i32, Year> = BTreeMap::new();
                let votes = data::votes(view, data::now());
                let rows: Vec<(String, &'static str, usize, usize, Option<String>)> = data::proposals(view)
                    .into_iter()
                    .map(|proposal| {
                        years
                            .entry(LocalTime::of(proposal.created_at).date.year())
                            .or_default()
                            .proposals += 1;
                        let turnout = proposal
                            .vote
                            .as_ref()
                            .and_then(|id| votes.iter().find(|vote| vote.id == *id))
                            .map(|vote| {
                                let (tally, _) = data::tally(view, vote);
                                format!(
                                    "{}.{}%",
                                    tally.turnout_permille() / 10,
                                    tally.turnout_permille() % 10
                                )
                            });
                        (
                            proposal.title.clone(),
                            stage_name(t, proposal.stage),
                            data::supporters(view, &proposal.id),
                            data::comments(view, &proposal.id).len(),
                            turnout,
                        )
                    })
                    .collect();
                for meeting in data::meetings(view) {
                    let year = years.entry(meeting.date.year()).or_default();
                    year.meetings += 1;
                    year.attendance += meeting.attendance;
                }
                for vote in &votes {
                    let (tally, _) = data::tally(view, vote);
                    let year = years.entry(LocalTime::of(vote.opens_at).date.year()).or_default();
                    year.votes += 1;
                    year.turnout_permille_sum += tally.turnout_permille();
                }
                (rows, years)
            })
            .unwrap_or_default()
    });
    view! {
        <section class="card figures" aria-labelledby="figures-title" data-testid="figures">
            <h2 id="figures-title">{t.figures}</h2>
            <details>
                <summary>{t.per_year}</summary>
                <table>
                    <thead><tr>{t.year_columns.iter().map(|column| view! { <th scope="col">{*column}</th> }).collect_view()}</tr></thead>
                    <tbody>
                        {move || figures.get().1.into_iter().rev().map(|(year, figures)| {
                            let average = figures.turnout_permille_sum.checked_div(figures.votes as u32).unwrap_or(0);
                            view! {
                                <tr>
                                    <th scope="row">{year}</th>
                                    <td>{figures.proposals}</td>
                                    <td>{format!("{} ({})", figures.meetings, figures.attendance)}</td>
                                    <td>{figures.votes}</td>
                                    <td>{format!("{}.{}%", average / 10, average % 10)}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </details>
            <details>
                <summary>{t.per_proposal}</summary>
                <table>
                    <thead><tr>{t.proposal_columns.iter().map(|column| view! { <th scope="col">{*column}</th> }).collect_view()}</tr></thead>
                    <tbody>
                        {move || figures.get().0.into_iter().map(|(title, stage, supporters, comments, turnout)| view! {
                            <tr>
                                <th scope="row">{title}</th>
                                <td>{stage}</td>
                                <td>{supporters}</td>
                                <td>{comments}</td>
                                <td>{turnout.unwrap_or_else(|| "—".to_owned())}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </details>
        </section>
    }
}
