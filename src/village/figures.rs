//! The committee's figures (村委会数字): what the seed of every report is —
//! participation, the charter's pledge rate, cases kept in the grid or sent
//! up, disputes resolved, visit rounds, volunteer hours, canteen meals and
//! the seniors' discount — computed from the records by the core
//! (`village::figures`), each with how it is counted, month by month, as
//! charts that print. Officers read and refresh them; everyone reads them
//! once the committee publishes them.

use leptos::prelude::*;
use linli_core::canteen::Fen;
use linli_core::role::OFFICERS;
use linli_core::village::figures::{self, Figures, MonthFigures, Rate, RefreshFigures};
use linli_core::village::VillageMutation;
use linli_core::Mutation;

use super::chart::{Bar, BarChart};
use super::data::{local_time, one};
use super::i18n::texts;
use crate::forms::{run_mutation, ErrorLine};
use crate::sync::{use_community, MutateError};

/// A share as a percentage with one decimal, or "—" with nothing to count.
fn percent(rate: Rate) -> String {
    rate.permille().map_or_else(
        || "—".to_owned(),
        |permille| {
            format!(
                "{}.{}% ({}/{})",
                permille / 10,
                permille % 10,
                rate.count,
                rate.of
            )
        },
    )
}

/// The nine figures, each with its bars by month.
fn figure_bars(months: &[MonthFigures]) -> [Vec<Bar>; 9] {
    let bars = |value: &dyn Fn(&MonthFigures) -> (i64, String)| -> Vec<Bar> {
        months
            .iter()
            .map(|month| {
                let (size, shown) = value(month);
                Bar::new(month.month.to_string(), size, shown)
            })
            .collect()
    };
    let rate = |rate: Rate| (i64::from(rate.permille().unwrap_or(0)), percent(rate));
    [
        bars(&|m| {
            (
                i64::from(m.proposals),
                format!("{} · {}", m.proposals, m.supports),
            )
        }),
        bars(&|m| {
            (
                i64::from(m.attendance),
                format!("{} · {}", m.meetings, m.attendance),
            )
        }),
        bars(&|m| rate(m.turnout)),
        bars(&|m| (i64::from(m.resolved_in_grid), m.resolved_in_grid.to_string())),
        bars(&|m| (i64::from(m.escalated), m.escalated.to_string())),
        bars(&|m| rate(m.disputes)),
        bars(&|m| rate(m.visits)),
        bars(&|m| {
            (
                m.volunteer_minutes as i64,
                format!("{:.1}", m.volunteer_minutes as f64 / 60.0),
            )
        }),
        bars(&|m| {
            let meals: u32 = m.meals.iter().map(|(_, count)| count).sum();
            let kinds: Vec<String> = m
                .meals
                .iter()
                .map(|(kind, count)| format!("{kind} {count}"))
                .collect();
            let discount: Fen = m.senior_discount;
            (
                i64::from(meals),
                format!("{meals} ({}) · {discount}", kinds.join(", ")),
            )
        }),
    ]
}

#[component]
pub fn CommitteeFigures() -> impl IntoView {
    let t = texts();
    let community = use_community();
    let error = RwSignal::new(None::<MutateError>);
    let officer = Memo::new(move |_| community.actor().is_some_and(|actor| actor.has_any(&OFFICERS)));
    let shown = Memo::new(move |_| {
        let key = if officer.get() {
            figures::OFFICERS_KEY
        } else {
            figures::PUBLIC_KEY
        };
        community.with_view(|view| one::<Figures>(view, key)).flatten()
    });
    let refresh = move |public: bool| {
        run_mutation(
            community,
            Mutation::Village(VillageMutation::RefreshFigures(RefreshFigures { public })),
            error,
        )
    };
    let print = move |_| {
        let _ = window().print();
    };
    view! {
        <Show when=move || officer.get() || shown.get().is_some()>
            <section class="card figures" aria-labelledby="figures-title" data-testid="committee-figures">
                <h2 id="figures-title">{t.figures}</h2>
                <p class="note">{t.figures_intro}</p>
                {move || match shown.get() {
                    None => view! { <p class="note">{t.no_figures}</p> }.into_any(),
                    Some(found) => {
                        let rows = figure_bars(&found.months);
                        view! {
                            <p class="meta">{(t.computed_at)(&local_time(found.computed_at))}</p>
                            <h3>{t.pledge_rate} ": " <span data-testid="pledge-rate">{percent(found.pledge)}</span></h3>
                            <p class="note">{t.pledge_definition}</p>
                            {t.figure_rows.iter().zip(rows).map(|((name, definition), bars)| view! {
                                <h3>{*name}</h3>
                                <p class="note">{*definition}</p>
                                <BarChart title=*name rows=bars test_id="figure-chart" />
                            }).collect_view()}
                        }.into_any()
                    }
                }}
                <div class="actions no-print">
                    {move || officer.get().then(|| view! {
                        <button type="button" on:click=move |_| refresh(false) data-testid="refresh-figures">{t.refresh}</button>
                        <button type="button" class="secondary" on:click=move |_| refresh(true)>{t.refresh_public}</button>
                    })}
                    <button type="button" class="secondary" on:click=print>{t.print}</button>
                </div>
                <ErrorLine error=error />
            </section>
        </Show>
    }
}
