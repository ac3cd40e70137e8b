//! The grid dashboard: the households of the grids the member visits, with
//! where each stands in the three visit rounds (overdue first), a filter, and
//! the visit log.

use leptos::prelude::*;
use linli_core::volunteers::mutations::LogVisit;
use linli_core::volunteers::records::{HouseholdCategory, Part};
use linli_core::volunteers::visits::VisitState;
use linli_core::volunteers::VolunteersMutation;
use linli_core::Mutation;

use super::data::{self, HouseholdRow};
use super::i18n::{texts, Texts};
use crate::forms::{run_mutation, ErrorLine, ShowMore};
use crate::sync::{new_id, use_community, MutateError};

fn state_name(t: &Texts, state: Option<VisitState>) -> &'static str {
    match state {
        Some(VisitState::Overdue) => t.state_overdue,
        Some(VisitState::Due) => t.state_due,
        Some(VisitState::Visited) => t.state_visited,
        Some(VisitState::NotYet) => t.state_not_yet,
        None => t.state_no_plan,
    }
}

fn category_name(t: &Texts, category: HouseholdCategory) -> &'static str {
    match category {
        HouseholdCategory::Key => t.category_key,
        HouseholdCategory::General => t.category_general,
        HouseholdCategory::Difficulty => t.category_difficulty,
    }
}

/// Households shown at a time.
const PAGE: usize = 100;

/// Overdue first, then due, not yet, visited.
fn urgency(row: &HouseholdRow) -> u8 {
    match row.state {
        Some(VisitState::Overdue) => 0,
        Some(VisitState::Due) => 1,
        Some(VisitState::NotYet) | None => 2,
        Some(VisitState::Visited) => 3,
    }
}

/// The grids whose households this member visits: those they run, or their
/// own grid if they are one of its 铁三角.
pub fn visited_grids(view: &data::View, actor: &linli_core::Actor) -> Vec<String> {
    let mut grids: Vec<String> = data::grids_run_by(view, actor)
        .into_iter()
        .map(|grid| grid.id)
        .collect();
    if let Some(person) = data::grid_member(view, &actor.member) {
        if person.parts.iter().any(|part| *part != Part::Volunteer) && !grids.contains(&person.grid) {
            grids.push(person.grid);
        }
    }
    grids
}

#[component]
pub fn Households() -> impl IntoView {
    let t = texts();
    let community = use_community();
    let filter = RwSignal::new(String::new());
    let only_open = RwSignal::new(true);
    let rows = Memo::new(move |_| {
        let Some(actor) = community.actor() else {
            return Vec::new();
        };
        community
            .with_view(|view| {
                let grids = visited_grids(view, &actor);
                let mut rows = data::household_rows(view, &grids, data::today());
                rows.sort_by(|a, b| {
                    urgency(a)
                        .cmp(&urgency(b))
                        .then_with(|| a.household.address.cmp(&b.household.address))
                });
                rows
            })
            .unwrap_or_default()
    });
    let counts = Memo::new(move |_| {
        let rows = rows.get();
        let count = |state| rows.iter().filter(|row| row.state == Some(state)).count();
        (
            count(VisitState::Overdue),
            count(VisitState::Due),
            count(VisitState::Visited),
            rows.len(),
        )
    });
    // A cheap phone cannot lay out thousands of rows at each keystroke: the
    // list shows a page, and more on request; a new filter starts again at one page.
    let limit = RwSignal::new(PAGE);
    let matching = Memo::new(move |_| {
        let needle = filter.get();
        let needle = needle.trim();
        let open = only_open.get();
        rows.get()
            .into_iter()
            .filter(|row| !open || matches!(row.state, Some(VisitState::Overdue | VisitState::Due)))
            .filter(|row| {
                needle.is_empty()
                    || row.household.address.contains(needle)
                    || row.household.head.contains(needle)
            })
            .collect::<Vec<_>>()
    });
    let shown = Memo::new(move |_| matching.get().into_iter().take(limit.get()).collect::<Vec<_>>());
    view! {
        <Show when=move || { counts.get().3 > 0 }>
            <section class="card households" aria-labelledby="households-title" data-testid="households">
                <h2 id="households-title">{t.households}</h2>
                <p data-testid="visit-counts">
                    {move || { let (overdue, due, visited, all) = counts.get(); (t.household_counts)(overdue, due, visited, all) }}
                </p>
                <label class="field">
                    <span>{t.filter_households}</span>
                    <input type="search" data-testid="household-filter" prop:value=move || filter.get() on:input=move |ev| { limit.set(PAGE); filter.set(event_target_value(&ev)); } />
                </label>
                <label class="choice">
                    <input type="checkbox" data-testid="only-open" prop:checked=move || only_open.get() on:change=move |ev| { limit.set(PAGE); only_open.set(event_target_checked(&ev)); } />
                    {t.only_open_visits}
                </label>
                <ul class="plain-list household-list">
                    <For
                        each=move || shown.get()
                        key=|row| (row.household.id.clone(), row.last_visit)
                        children=move |row| view! { <HouseholdItem row=row /> }
                    />
                </ul>
                <ShowMore limit step=PAGE total=Signal::derive(move || matching.get().len()) label=t.more_households test_id="more-households" />
            </section>
        </Show>
    }
}

#[component]
fn HouseholdItem(row: HouseholdRow) -> impl IntoView {
    let t = texts();
    let community = use_community();
    let error = RwSignal::new(None::<MutateError>);
    let open = RwSignal::new(false);
    let found = RwSignal::new(String::new());
    let done = RwSignal::new(String::new());
    let id = StoredValue::new(row.household.id.clone());
    let log = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let visit = LogVisit {
            id: new_id("visit"),
            household: id.get_value(),
            date: data::today(),
            found: found.get_untracked(),
            done: done.get_untracked(),
        };
        run_mutation(
            community,
            Mutation::Volunteers(VolunteersMutation::LogVisit(visit)),
            error,
        );
        open.set(false);
    };
    let state = row.state;
    let class = match state {
        Some(VisitState::Overdue) => "household overdue",
        Some(VisitState::Due) => "household due",
        _ => "household",
    };
    view! {
        <li class=class data-testid="household" data-household=row.household.id.clone() data-state=state.map_or_else(|| "None".to_owned(), |state| format!("{state:?}"))>
            <strong>{row.household.address.clone()}</strong> " " {row.household.head.clone()}
            <span class="meta">
                {format!(" · {} · {}", category_name(t, row.household.category), state_name(t, state))}
                {row.last_visit.map(|date| format!(" · {} {date}", t.last_visit))}
            </span>
            {(row.last_visit.is_some()).then(|| view! {
                <details class="visits">
                    <summary>{t.visit_history}</summary>
                    <ul class="plain-list">
                        {move || community.with_view(|view| data::visits_of(view, &id.get_value()).into_iter().map(|visit| {
                            let visitor = data::member_name(view, visit.visitor.as_str());
                            view! { <li>{format!("{} {visitor}: {}", visit.date, visit.found)} {(!visit.done.is_empty()).then(|| format!(" → {}", visit.done))}</li> }
                        }).collect_view())}
                    </ul>
                </details>
            })}
            <Show when=move || !open.get()>
                <button type="button" class="secondary" data-testid="log-visit" on:click=move |_| open.set(true)>{t.log_visit}</button>
            </Show>
            <Show when=move || open.get()>
                <form class="visit-form" on:submit=log>
                    <label class="field"><span>{t.found}</span>
                        <textarea rows="2" required data-testid="visit-found" prop:value=move || found.get() on:input=move |ev| found.set(event_target_value(&ev))></textarea></label>
                    <label class="field"><span>{t.done}</span>
                        <textarea rows="2" data-testid="visit-done" prop:value=move || done.get() on:input=move |ev| done.set(event_target_value(&ev))></textarea></label>
                    <button type="submit" data-testid="save-visit">{t.save_visit}</button>
                </form>
            </Show>
            <ErrorLine error=error />
        </li>
    }
}
