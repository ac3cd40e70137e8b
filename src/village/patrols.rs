//! Fire-safety patrols for the grids the member runs (officers: every
//! grid): the open findings and the patrol history at a glance, and the
//! form that walks the checklist unit by unit. Each finding becomes a case
//! on the grid's chain when the patrol is saved (the core's `recordPatrol`).

use leptos::prelude::*;
use linli_core::role::OFFICERS;
use linli_core::village::patrols::{
    self, checklist, AddPatrolItem, AddedItems, CheckItem, ItemResult, Patrol, RecordPatrol, UnitCheck,
};
use linli_core::village::VillageMutation;
use linli_core::volunteers::records::{self as vol, Case, Grid};
use linli_core::Mutation;

use super::data::{all, one, today};
use super::i18n::texts;
use crate::forms::{invalid_input, run_mutation_then, ErrorLine, InputField};
use crate::sync::{new_id, use_community, MutateError};

/// Every grid the member patrols, each with its findings, history and form.
#[component]
pub fn Patrols() -> impl IntoView {
    let t = texts();
    let community = use_community();
    let grids = Memo::new(move |_| {
        let actor = community.actor()?;
        community.with_view(|view| {
            all::<Grid>(view, vol::GRID_PREFIX)
                .into_iter()
                .filter(|grid| actor.has_any(&OFFICERS) || grid.is_worked_by(&actor))
                .collect::<Vec<_>>()
        })
    });
    view! {
        <Show when=move || grids.get().is_some_and(|grids| !grids.is_empty())>
            <section class="card" aria-labelledby="patrols-title" data-testid="patrols">
                <h2 id="patrols-title">{t.patrols}</h2>
                <p class="note">{t.patrols_intro}</p>
                <For each=move || grids.get().unwrap_or_default() key=|grid| grid.id.clone() let:grid>
                    <GridPatrols grid=grid />
                </For>
            </section>
        </Show>
    }
}

#[component]
fn GridPatrols(grid: Grid) -> impl IntoView {
    let t = texts();
    let community = use_community();
    let id = StoredValue::new(grid.id.clone());
    let state = Memo::new(move |_| {
        let grid = id.get_value();
        community
            .with_view(|view| {
                let added: Option<AddedItems> = one(view, &patrols::checklist_key(&grid));
                let mut history: Vec<Patrol> = all(view, &patrols::patrols_of(&grid));
                history.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| b.id.cmp(&a.id)));
                let open: Vec<Case> = all::<Case>(view, vol::CASE_PREFIX)
                    .into_iter()
                    .filter(|case| case.grid == grid && case.patrol.is_some() && case.status.is_open())
                    .collect();
                (checklist(added.as_ref()), history, open)
            })
            .unwrap_or_default()
    });
    let officer = Memo::new(move |_| community.actor().is_some_and(|actor| actor.has_any(&OFFICERS)));
    // Its own memo: a case moving along the chain must not rebuild the
    // checklist being walked.
    let items = Memo::new(move |_| state.get().0);
    view! {
        <article class="grid-patrols" data-testid="grid-patrols" data-grid=grid.id.clone()>
            <h3>{format!("{}：{}", t.grid, grid.name)}</h3>
            <h4>{t.open_findings}</h4>
            {move || {
                let (items, _, open) = state.get();
                if open.is_empty() {
                    return view! { <p class="note">{t.no_findings}</p> }.into_any();
                }
                view! {
                    <ul class="plain-list" data-testid="open-findings">
                        {open.into_iter().map(|case| {
                            let item = case.patrol.as_ref().map(|from| {
                                let label = items.iter().find(|i| i.id == from.item || i.label == from.item).map_or(from.item.as_str(), |i| i.label.as_str());
                                t.item(&from.item, label)
                            }).unwrap_or_default();
                            view! {
                                <li data-testid="open-finding" data-case=case.id.clone()>
                                    <strong>{item}</strong> " · " {case.place.clone()} " · " {case.text.clone()}
                                    <p class="meta">{(t.case_status)(t.case_status_name(case.status))}</p>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            <h4>{t.history}</h4>
            {move || {
                let (_, history, _) = state.get();
                if history.is_empty() {
                    return view! { <p class="note">{t.no_patrols}</p> }.into_any();
                }
                view! {
                    <ul class="plain-list" data-testid="patrol-history">
                        {history.into_iter().map(|patrol| view! {
                            <li>{(t.patrol_line)(&patrol.date.to_string(), patrol.units.len(), patrol.cases.len())}</li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            <PatrolForm grid=grid.id.clone() items=items />
            <Show when=move || officer.get()>
                <ItemForm grid=id.get_value() />
            </Show>
        </article>
    }
}

/// Walks the checklist: a unit at a time, each item fine or a finding with
/// its note, then the whole patrol saved at once.
#[component]
fn PatrolForm(grid: String, items: Memo<Vec<CheckItem>>) -> impl IntoView {
    let t = texts();
    let community = use_community();
    let error = RwSignal::new(None::<MutateError>);
    let saved = RwSignal::new(None::<usize>);
    let building = RwSignal::new(String::new());
    let unit = RwSignal::new(String::new());
    // Per item id: whether it is a finding, and its note.
    let marks = RwSignal::new(Vec::<(String, bool, String)>::new());
    let units = RwSignal::new(Vec::<UnitCheck>::new());
    let grid = StoredValue::new(grid);
    // Once the patrol is made on the device: say so, and start a new one.
    let done = RwSignal::new(false);
    let findings_sent = RwSignal::new(0usize);
    Effect::new(move |_| {
        if done.get() {
            saved.set(Some(findings_sent.get_untracked()));
            units.set(Vec::new());
            done.set(false);
        }
    });
    let mark = move |item: String, finding: bool, note: Option<String>| {
        marks.update(|marks| match marks.iter_mut().find(|(id, _, _)| *id == item) {
            Some(found) => {
                found.1 = finding;
                if let Some(note) = note {
                    found.2 = note;
                }
            }
            None => marks.push((item, finding, note.unwrap_or_default())),
        })
    };
    let add_unit = move |_| {
        let results: Vec<ItemResult> = items
            .get_untracked()
            .iter()
            .map(|item| {
                let (finding, note) = marks
                    .get_untracked()
                    .into_iter()
                    .find(|(id, _, _)| *id == item.id)
                    .map_or((false, String::new()), |(_, finding, note)| (finding, note));
                ItemResult {
                    item: item.id.clone(),
                    finding,
                    note: note.trim().to_owned(),
                }
            })
            .collect();
        let missing_note = results
            .iter()
            .any(|result| result.finding && result.note.is_empty());
        if building.get_untracked().trim().is_empty() || missing_note {
            invalid_input(error);
            return;
        }
        error.set(None);
        units.update(|units| {
            units.push(UnitCheck {
                building: building.get_untracked().trim().to_owned(),
                unit: unit.get_untracked().trim().to_owned(),
                results,
            })
        });
        unit.set(String::new());
        marks.set(Vec::new());
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let walked = units.get_untracked();
        if walked.is_empty() {
            invalid_input(error);
            return;
        }
        findings_sent.set(
            walked
                .iter()
                .flat_map(|unit| &unit.results)
                .filter(|result| result.finding)
                .count(),
        );
        saved.set(None);
        run_mutation_then(
            community,
            Mutation::Village(VillageMutation::RecordPatrol(RecordPatrol {
                grid: grid.get_value(),
                id: new_id("patrol"),
                date: today(),
                units: walked,
            })),
            error,
            done,
        );
    };
    view! {
        <details data-testid="patrol-form">
            <summary>{t.record_patrol}</summary>
            <form class="inline-form" on:submit=submit>
                <InputField label=t.building value=building test_id="patrol-building" />
                <InputField label=t.unit value=unit test_id="patrol-unit" />
                {move || items.get().into_iter().map(|item| {
                    let id = item.id.clone();
                    let finding = Memo::new({
                        let id = id.clone();
                        move |_| marks.get().iter().any(|(mark, finding, _)| *mark == id && *finding)
                    });
                    let name = t.item(&item.id, &item.label);
                    let (fine_id, found_id, note_id) = (id.clone(), id.clone(), id.clone());
                    let note = Memo::new({
                        let id = id.clone();
                        move |_| marks.get().into_iter().find(|(mark, _, _)| *mark == id).map(|(_, _, note)| note).unwrap_or_default()
                    });
                    view! {
                        <fieldset data-testid="patrol-item" data-item=id.clone()>
                            <legend>{name}</legend>
                            <label class="choice">
                                <input type="radio" name=format!("item-{id}") prop:checked=move || !finding.get()
                                    on:change=move |_| mark(fine_id.clone(), false, None) />
                                {t.fine}
                            </label>
                            <label class="choice">
                                <input type="radio" name=format!("item-{id}") prop:checked=move || finding.get()
                                    on:change=move |_| mark(found_id.clone(), true, None) data-testid="patrol-finding" />
                                {t.finding}
                            </label>
                            <Show when=move || finding.get()>
                                <label class="field">
                                    <span>{t.finding_note}</span>
                                    <input type="text" data-testid="patrol-note" prop:value=note on:input={
                                        let note_id = note_id.clone();
                                        move |ev| mark(note_id.clone(), true, Some(event_target_value(&ev)))
                                    } />
                                </label>
                            </Show>
                        </fieldset>
                    }
                }).collect_view()}
                <button type="button" class="secondary" on:click=add_unit data-testid="patrol-add-unit">{t.add_unit}</button>
                <p class="meta">{move || (t.units_so_far)(units.get().len())}</p>
                <button type="submit" data-testid="patrol-save">{t.save_patrol}</button>
            </form>
            {move || saved.get().map(|findings| view! { <p role="status" data-testid="patrol-saved">{(t.patrol_saved)(findings)}</p> })}
            <ErrorLine error=error />
        </details>
    }
}

/// The officers' form for an item of the grid's own.
#[component]
fn ItemForm(grid: String) -> impl IntoView {
    let t = texts();
    let community = use_community();
    let error = RwSignal::new(None::<MutateError>);
    let done = RwSignal::new(false);
    let label = RwSignal::new(String::new());
    let grid = StoredValue::new(grid);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        run_mutation_then(
            community,
            Mutation::Village(VillageMutation::AddPatrolItem(AddPatrolItem {
                grid: grid.get_value(),
                id: new_id("item"),
                label: label.get_untracked(),
            })),
            error,
            done,
        );
    };
    view! {
        <form class="inline-form" on:submit=submit>
            <InputField label=t.item_label value=label />
            <button type="submit" class="secondary">{t.add_item}</button>
        </form>
        <Show when=move || done.get()><p role="status">{t.saved}</p></Show>
        <ErrorLine error=error />
    }
}
