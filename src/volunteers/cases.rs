//! The case chain: anyone reports; the grid worker accepts, handles and
//! answers, or escalates to the community; everyone involved sees the timeline.

use leptos::prelude::*;
use linli_core::role::OFFICERS;
use linli_core::volunteers::cases::{CaseAction, CaseStatus};
use linli_core::volunteers::mutations::{AdvanceCase, ReportCase};
use linli_core::volunteers::records::{Case, CaseKind};
use linli_core::volunteers::VolunteersMutation;
use linli_core::Mutation;

use super::data;
use super::i18n::{texts, Texts};
use crate::forms::{run_mutation, ErrorLine, ShowMore};
use crate::sync::{new_id, use_community, MutateError};

const KINDS: [CaseKind; 3] = [CaseKind::Hazard, CaseKind::Dispute, CaseKind::Request];

fn kind_name(t: &Texts, kind: CaseKind) -> &'static str {
    t.case_kinds[KINDS.iter().position(|k| *k == kind).unwrap_or(0)]
}

fn status_name(t: &Texts, status: CaseStatus) -> &'static str {
    t.case_statuses[CaseStatus::ALL.iter().position(|s| *s == status).unwrap_or(0)]
}

fn action_name(t: &Texts, action: Option<CaseAction>) -> &'static str {
    match action {
        None => t.case_reported,
        Some(action) => t.case_actions[CaseAction::ALL.iter().position(|a| *a == action).unwrap_or(0)],
    }
}

/// Cases shown at a time: an officer's community can hold thousands.
const PAGE: usize = 20;

#[component]
pub fn Cases() -> impl IntoView {
    let t = texts();
    let community = use_community();
    let cases = Memo::new(move |_| {
        let Some(actor) = community.actor() else {
            return Vec::new();
        };
        community
            .with_view(|view| {
                let runs: Vec<String> = data::grids_run_by(view, &actor)
                    .into_iter()
                    .map(|grid| grid.id)
                    .collect();
                data::cases(view)
                    .into_iter()
                    .filter(|case| case.reporter == actor.member || runs.contains(&case.grid))
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    });
    let limit = RwSignal::new(PAGE);
    let shown = Memo::new(move |_| cases.get().into_iter().take(limit.get()).collect::<Vec<_>>());
    view! {
        <section class="card cases" aria-labelledby="cases-title" data-testid="cases">
            <h2 id="cases-title">{t.cases}</h2>
            <ReportForm />
            <Show when=move || cases.get().is_empty()>
                <p class="note">{t.no_cases}</p>
            </Show>
            <For
                each=move || shown.get()
                key=|case| (case.id.clone(), case.timeline.len())
                children=move |case| view! { <CaseCard case=case /> }
            />
            <ShowMore limit step=PAGE total=Signal::derive(move || cases.get().len()) label=t.more_cases test_id="more-cases" />
        </section>
    }
}

#[component]
fn ReportForm() -> impl IntoView {
    let t = texts();
    let community = use_community();
    let error = RwSignal::new(None::<MutateError>);
    let grids = community.with_view(data::grids).unwrap_or_default();
    let own_grid = community
        .actor()
        .and_then(|actor| {
            community
                .with_view(|view| data::grid_member(view, &actor.member))
                .flatten()
        })
        .map(|person| person.grid);
    let grid = RwSignal::new(
        own_grid
            .or_else(|| grids.first().map(|grid| grid.id.clone()))
            .unwrap_or_default(),
    );
    let kind = RwSignal::new(CaseKind::Hazard);
    let place = RwSignal::new(String::new());
    let text = RwSignal::new(String::new());
    let report = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let case = ReportCase {
            id: new_id("case"),
            kind: kind.get_untracked(),
            grid: grid.get_untracked(),
            place: place.get_untracked(),
            text: text.get_untracked(),
        };
        run_mutation(
            community,
            Mutation::Volunteers(VolunteersMutation::ReportCase(case)),
            error,
        );
        place.set(String::new());
        text.set(String::new());
    };
    view! {
        <details class="report-case" data-testid="report-case">
            <summary>{t.report_case}</summary>
            <form on:submit=report>
                <label class="field"><span>{t.case_kind}</span>
                    <select data-testid="case-kind" on:change=move |ev| {
                        let index: usize = event_target_value(&ev).parse().unwrap_or(0);
                        kind.set(KINDS[index.min(KINDS.len() - 1)]);
                    }>
                        {KINDS.iter().enumerate().map(|(index, kind)| view! { <option value=index.to_string()>{kind_name(t, *kind)}</option> }).collect_view()}
                    </select></label>
                <label class="field"><span>{t.grid}</span>
                    <select data-testid="case-grid" prop:value=move || grid.get() on:change=move |ev| grid.set(event_target_value(&ev))>
                        {grids.into_iter().map(|option| view! { <option value=option.id.clone()>{option.name}</option> }).collect_view()}
                    </select></label>
                <label class="field"><span>{t.activity_place}</span>
                    <input required data-testid="case-place" prop:value=move || place.get() on:input=move |ev| place.set(event_target_value(&ev)) /></label>
                <label class="field"><span>{t.case_text}</span>
                    <textarea rows="3" required data-testid="case-text" prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev))></textarea></label>
                <button type="submit" data-testid="submit-case">{t.submit_case}</button>
                <ErrorLine error=error />
            </form>
        </details>
    }
}

#[component]
fn CaseCard(case: Case) -> impl IntoView {
    let t = texts();
    let community = use_community();
    let error = RwSignal::new(None::<MutateError>);
    let note = RwSignal::new(String::new());
    let case_id = StoredValue::new(case.id.clone());
    let actor = community.actor();
    let officer = actor.as_ref().is_some_and(|actor| actor.has_any(&OFFICERS));
    let runs = actor.as_ref().is_some_and(|actor| {
        community
            .with_view(|view| {
                data::grids_run_by(view, actor)
                    .iter()
                    .any(|grid| grid.id == case.grid)
            })
            .unwrap_or(false)
    });
    let may_act = if case.status.needs_community() {
        officer
    } else {
        runs
    };
    let actions: Vec<CaseAction> = CaseAction::ALL
        .into_iter()
        .filter(|action| may_act && case.status.after(*action).is_some())
        .collect();
    let timeline = community
        .with_view(|view| {
            case.timeline
                .iter()
                .map(|step| {
                    (
                        action_name(t, step.action),
                        data::member_name(view, step.by.as_str()),
                        step.at,
                        step.note.clone(),
                    )
                })
                .collect::<Vec<_>>()
        })
        .unwrap_or_default();
    view! {
        <article class="case" data-testid="case" data-case=case.id.clone() data-status=format!("{:?}", case.status)>
            <h3>{format!("{} · {}", kind_name(t, case.kind), case.place)} " " <span class="badge">{status_name(t, case.status)}</span></h3>
            <p>{case.text.clone()}</p>
            <ol class="timeline" data-testid="timeline">
                {timeline.into_iter().map(|(action, by, at, note)| view! {
                    <li data-testid="timeline-step">
                        <strong>{action}</strong> " " {by} " · " {data::local_time(at)}
                        {(!note.is_empty()).then(|| view! { <br /> <span>{note}</span> })}
                    </li>
                }).collect_view()}
            </ol>
            {(!actions.is_empty()).then(|| view! {
                <div class="case-actions">
                    <label class="field"><span>{t.case_note}</span>
                        <input data-testid="case-note" prop:value=move || note.get() on:input=move |ev| note.set(event_target_value(&ev)) /></label>
                    <p class="actions">
                        {actions.into_iter().map(|action| view! {
                            <button type="button" class="secondary" data-testid=format!("case-{action:?}").to_lowercase()
                                on:click=move |_| {
                                    let step = AdvanceCase { case: case_id.get_value(), action, note: note.get_untracked() };
                                    run_mutation(community, Mutation::Volunteers(VolunteersMutation::AdvanceCase(step)), error);
                                    note.set(String::new());
                                }>
                                {action_name(t, Some(action))}
                            </button>
                        }).collect_view()}
                    </p>
                </div>
            })}
            <ErrorLine error=error />
        </article>
    }
}
