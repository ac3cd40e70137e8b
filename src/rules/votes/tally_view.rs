//! A vote's tally: bars per option (online and paper stacked), turnout
//! against the electorate, the quorum and, once counted, the outcome.

use leptos::prelude::*;
use linli_core::rules::tally::{Outcome, Tally};

use crate::rules::i18n::texts;

/// Bars per option (online and paper stacked), turnout against the
/// electorate, the quorum and, once counted, the outcome. Inline SVG: a few
/// rectangles do not need a chart library.
#[component]
pub fn TallyView(tally: Tally, counted: bool, options: Vec<String>, secret: bool) -> impl IntoView {
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
