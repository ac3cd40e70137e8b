//! For officers: the community's grids, each with its worker and the members
//! placed in it, and a form to set up a new grid or change one (its name,
//! area and worker). A community with no grid yet starts here.

use leptos::prelude::*;
use linli_core::role::OFFICERS;
use linli_core::volunteers::records::{self, Grid, GridMember};
use linli_core::volunteers::VolunteersMutation;
use linli_core::{MemberId, Mutation};

use super::data;
use super::i18n::texts;
use crate::forms::{run_mutation, ErrorLine};
use crate::sync::{new_id, use_community, MutateError};

#[component]
pub fn Grids() -> impl IntoView {
    let t = texts();
    let community = use_community();
    let officer = community.actor().is_some_and(|actor| actor.has_any(&OFFICERS));
    if !officer {
        return ().into_any();
    }
    // Each grid with its worker's name and its members' names.
    let grids = Memo::new(move |_| {
        community
            .with_view(|view| {
                let placed: Vec<GridMember> = data::all(view, records::PERSON_PREFIX);
                data::grids(view)
                    .into_iter()
                    .map(|grid| {
                        let worker = grid
                            .worker
                            .as_ref()
                            .map(|worker| data::member_name(view, worker.as_str()));
                        let members: Vec<String> = placed
                            .iter()
                            .filter(|person| person.grid == grid.id)
                            .map(|person| data::member_name(view, person.member.as_str()))
                            .collect();
                        (grid, worker, members)
                    })
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    });
    let editing = RwSignal::new(None::<Grid>);
    view! {
        <section class="card grids" aria-labelledby="grids-title" data-testid="grids">
            <h2 id="grids-title">{t.grids_title}</h2>
            <Show when=move || grids.get().is_empty()>
                <p class="note">{t.no_grids_yet}</p>
            </Show>
            <ul class="plain-list">
                {move || grids.get().into_iter().map(|(grid, worker, members)| {
                    let count = members.len();
                    let chosen = grid.clone();
                    view! {
                        <li data-testid="grid" data-grid=grid.id.clone()>
                            <strong>{grid.name.clone()}</strong> " · " {grid.area.clone()}
                            <br />
                            <span class="meta">{t.grid_worker} {worker.unwrap_or_else(|| t.no_worker.to_owned())}</span>
                            <details>
                                <summary>{(t.grid_members)(count)}</summary>
                                <p data-testid="grid-members">{members.join("、")}</p>
                            </details>
                            <button type="button" class="secondary" on:click=move |_| editing.set(Some(chosen.clone()))>{t.edit_grid}</button>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <GridForm editing=editing />
        </section>
    }
    .into_any()
}

/// A new grid, or the one chosen above: its name, area and worker.
#[component]
fn GridForm(
    /// The grid being changed; `None` for a new one.
    editing: RwSignal<Option<Grid>>,
) -> impl IntoView {
    let t = texts();
    let community = use_community();
    let error = RwSignal::new(None::<MutateError>);
    let name = RwSignal::new(String::new());
    let area = RwSignal::new(String::new());
    let worker = RwSignal::new(String::new());
    Effect::new(move |_| {
        let grid = editing.get();
        name.set(grid.as_ref().map(|grid| grid.name.clone()).unwrap_or_default());
        area.set(grid.as_ref().map(|grid| grid.area.clone()).unwrap_or_default());
        worker.set(
            grid.and_then(|grid| grid.worker)
                .map(|worker| worker.to_string())
                .unwrap_or_default(),
        );
    });
    let members = community.with_view(data::members_by_name).unwrap_or_default();
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let grid = Grid {
            id: editing
                .get_untracked()
                .map_or_else(|| new_id("g"), |grid| grid.id),
            name: name.get_untracked(),
            area: area.get_untracked(),
            worker: worker.get_untracked().parse::<MemberId>().ok(),
        };
        run_mutation(
            community,
            Mutation::Volunteers(VolunteersMutation::UpsertGrid(grid)),
            error,
        );
        editing.set(None);
    };
    view! {
        <form on:submit=save data-testid="grid-form">
            <h3>{move || if editing.get().is_some() { t.edit_grid } else { t.new_grid }}</h3>
            <label class="field"><span>{t.grid_name}</span>
                <input type="text" required maxlength="40" prop:value=name on:input=move |ev| name.set(event_target_value(&ev)) /></label>
            <label class="field"><span>{t.grid_area}</span>
                <input type="text" maxlength="200" prop:value=area on:input=move |ev| area.set(event_target_value(&ev)) /></label>
            <label class="field"><span>{t.grid_worker}</span>
                <select prop:value=worker on:change=move |ev| worker.set(event_target_value(&ev))>
                    <option value="">{t.no_worker}</option>
                    {members.into_iter().map(|member| view! { <option value=member.id.to_string()>{member.name}</option> }).collect_view()}
                </select></label>
            <button type="submit">{t.save}</button>
            <ErrorLine error=error />
        </form>
    }
}
