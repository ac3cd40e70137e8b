//! The care ledger (帮扶台账): only the grid's worker, officers and admins
//! ever receive these records, so the section shows only where there are any
//! or the member runs a grid.

use leptos::prelude::*;
use linli_core::volunteers::mutations::{AddCareEntry, RecordCareService};
use linli_core::volunteers::records::{CareCategory, CareEntry};
use linli_core::volunteers::VolunteersMutation;
use linli_core::Mutation;

use super::data;
use super::i18n::texts;
use crate::forms::{run_mutation, ErrorLine};
use crate::sync::{new_id, use_community, MutateError};

const CATEGORIES: [CareCategory; 3] = [
    CareCategory::SolitaryElder,
    CareCategory::Disabled,
    CareCategory::ChildInDifficulty,
];

#[component]
pub fn CareLedger() -> impl IntoView {
    let t = texts();
    let community = use_community();
    let entries = Memo::new(move |_| community.with_view(data::care_entries).unwrap_or_default());
    let grids = Memo::new(move |_| {
        let Some(actor) = community.actor() else {
            return Vec::new();
        };
        community
            .with_view(|view| data::grids_run_by(view, &actor))
            .unwrap_or_default()
    });
    view! {
        <Show when=move || !grids.get().is_empty() || !entries.get().is_empty()>
            <section class="card care" aria-labelledby="care-title" data-testid="care-ledger">
                <h2 id="care-title">{t.care_ledger}</h2>
                <p class="note">{t.care_private}</p>
                <AddCareForm grids=grids />
                <For
                    each=move || entries.get()
                    key=|entry| (entry.grid.clone(), entry.id.clone(), entry.services.len())
                    children=move |entry| view! { <CareCard entry=entry /> }
                />
            </section>
        </Show>
    }
}

#[component]
fn AddCareForm(grids: Memo<Vec<linli_core::volunteers::records::Grid>>) -> impl IntoView {
    let t = texts();
    let community = use_community();
    let error = RwSignal::new(None::<MutateError>);
    let grid = RwSignal::new(String::new());
    let person = RwSignal::new(String::new());
    let needs = RwSignal::new(String::new());
    let category = RwSignal::new(0usize);
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let chosen = match grid.get_untracked() {
            empty if empty.is_empty() => grids
                .get_untracked()
                .first()
                .map(|grid| grid.id.clone())
                .unwrap_or_default(),
            chosen => chosen,
        };
        let entry = AddCareEntry {
            id: new_id("care"),
            grid: chosen,
            person: person.get_untracked(),
            category: CATEGORIES[category.get_untracked().min(2)],
            needs: needs.get_untracked(),
            next_visit: None,
        };
        run_mutation(
            community,
            Mutation::Volunteers(VolunteersMutation::AddCareEntry(entry)),
            error,
        );
        person.set(String::new());
        needs.set(String::new());
    };
    view! {
        <details>
            <summary>{t.add_care}</summary>
            <form on:submit=add>
                <label class="field"><span>{t.grid}</span>
                    <select on:change=move |ev| grid.set(event_target_value(&ev))>
                        {move || grids.get().into_iter().map(|grid| view! { <option value=grid.id.clone()>{grid.name}</option> }).collect_view()}
                    </select></label>
                <label class="field"><span>{t.care_person}</span>
                    <input required prop:value=move || person.get() on:input=move |ev| person.set(event_target_value(&ev)) /></label>
                <label class="field"><span>{t.care_category}</span>
                    <select on:change=move |ev| category.set(event_target_value(&ev).parse().unwrap_or(0))>
                        {t.care_categories.iter().enumerate().map(|(index, name)| view! { <option value=index.to_string()>{*name}</option> }).collect_view()}
                    </select></label>
                <label class="field"><span>{t.care_needs}</span>
                    <textarea rows="2" required prop:value=move || needs.get() on:input=move |ev| needs.set(event_target_value(&ev))></textarea></label>
                <button type="submit">{t.save}</button>
                <ErrorLine error=error />
            </form>
        </details>
    }
}

#[component]
fn CareCard(entry: CareEntry) -> impl IntoView {
    let t = texts();
    let community = use_community();
    let error = RwSignal::new(None::<MutateError>);
    let kind = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    let next = RwSignal::new(entry.next_visit.map(|date| date.to_string()).unwrap_or_default());
    let (grid, id) = (
        StoredValue::new(entry.grid.clone()),
        StoredValue::new(entry.id.clone()),
    );
    let record = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let service = RecordCareService {
            grid: grid.get_value(),
            id: id.get_value(),
            kind: kind.get_untracked(),
            note: note.get_untracked(),
            next_visit: next.get_untracked().parse().ok(),
        };
        run_mutation(
            community,
            Mutation::Volunteers(VolunteersMutation::RecordCareService(service)),
            error,
        );
        kind.set(String::new());
        note.set(String::new());
    };
    let category = t.care_categories[CATEGORIES.iter().position(|c| *c == entry.category).unwrap_or(0)];
    let services = community
        .with_view(|view| {
            entry
                .services
                .iter()
                .rev()
                .map(|service| {
                    format!(
                        "{} {} · {} {}",
                        data::local_time(service.at),
                        service.kind,
                        data::member_name(view, service.by.as_str()),
                        service.note
                    )
                })
                .collect::<Vec<_>>()
        })
        .unwrap_or_default();
    view! {
        <article class="care-entry" data-testid="care-entry" data-grid=entry.grid.clone()>
            <h3>{entry.person.clone()} " " <span class="badge">{category}</span></h3>
            <p>{t.care_needs} ": " {entry.needs.clone()}</p>
            {entry.next_visit.map(|date| view! { <p class="meta">{format!("{} {date}", t.next_visit)}</p> })}
            <ul class="plain-list">{services.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}</ul>
            <form class="inline-form" on:submit=record>
                <input required placeholder=t.service_kind aria-label=t.service_kind prop:value=move || kind.get() on:input=move |ev| kind.set(event_target_value(&ev)) />
                <input placeholder=t.service_note aria-label=t.service_note prop:value=move || note.get() on:input=move |ev| note.set(event_target_value(&ev)) />
                <input type="date" aria-label=t.next_visit prop:value=move || next.get() on:input=move |ev| next.set(event_target_value(&ev)) />
                <button type="submit">{t.record_service}</button>
            </form>
            <ErrorLine error=error />
        </article>
    }
}
