//! For those who run grids: placing members in a grid with their parts,
//! adding households, and setting the three visit rounds (shown with their
//! dates); and for every member, their own volunteer profile.

use leptos::prelude::*;
use linli_core::calendar::{format_minute_of_day, parse_minute_of_day, Date, Weekday};
use linli_core::role::OFFICERS;
use linli_core::volunteers::mutations::SetVolunteerProfile;
use linli_core::volunteers::records::{
    self, Availability, GridMember, Household, HouseholdCategory, Part, VisitPlan, VolunteerProfile,
};
use linli_core::volunteers::visits::rounds;
use linli_core::volunteers::VolunteersMutation;
use linli_core::{MemberId, Mutation};

use super::data;
use super::i18n::texts;
use crate::forms::{invalid_input, run_mutation, ErrorLine};
use crate::sync::{new_id, use_community, MutateError};

const WEEKDAYS: [Weekday; 7] = [
    Weekday::Monday,
    Weekday::Tuesday,
    Weekday::Wednesday,
    Weekday::Thursday,
    Weekday::Friday,
    Weekday::Saturday,
    Weekday::Sunday,
];
const CATEGORIES: [HouseholdCategory; 3] = [
    HouseholdCategory::Key,
    HouseholdCategory::General,
    HouseholdCategory::Difficulty,
];

/// The visit plans covering the grids the member runs, with their rounds.
#[component]
pub fn GridAdmin() -> impl IntoView {
    let t = texts();
    let community = use_community();
    let Some(actor) = community.actor() else {
        return ().into_any();
    };
    let grids = community
        .with_view(|view| data::grids_run_by(view, &actor))
        .unwrap_or_default();
    if grids.is_empty() {
        return ().into_any();
    }
    let officer = actor.has_any(&OFFICERS);
    let grid_ids: Vec<String> = grids.iter().map(|grid| grid.id.clone()).collect();
    let grid_names: std::collections::BTreeMap<String, String> = grids
        .iter()
        .map(|grid| (grid.id.clone(), grid.name.clone()))
        .collect();
    let plans = Memo::new(move |_| {
        community
            .with_view(|view| {
                data::all::<VisitPlan>(view, records::PLAN_PREFIX)
                    .into_iter()
                    .filter(|plan| plan.grid.as_ref().is_none_or(|grid| grid_ids.contains(grid)))
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    });
    let grid_options = StoredValue::new(grids);
    view! {
        <section class="card grid-admin" aria-labelledby="grid-admin-title" data-testid="grid-admin">
            <h2 id="grid-admin-title">{t.grid_admin}</h2>
            <ul class="plain-list">
                {move || plans.get().into_iter().map(|plan| {
                    // The grid by its name, never its id.
                    let label = plan.grid.as_ref().map_or_else(
                        || t.all_grids.to_owned(),
                        |grid| grid_names.get(grid).cloned().unwrap_or_else(|| grid.clone()),
                    );
                    view! {
                        <li data-testid="visit-plan">
                            <strong>{format!("{} · {label}", plan.name)}</strong>
                            <ol>
                                {rounds(&plan).into_iter().map(|round| {
                                    let category = t.round_categories[usize::from(round.number - 1)];
                                    view! { <li>{format!("{category}: {} — {}", round.starts, round.due)}</li> }
                                }).collect_view()}
                            </ol>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <PlanForm grids=grid_options officer=officer />
            <HouseholdForm grids=grid_options />
            <AssignForm grids=grid_options />
        </section>
    }
    .into_any()
}

fn grid_select(grids: StoredValue<Vec<records::Grid>>, chosen: RwSignal<String>) -> impl IntoView {
    view! {
        <select on:change=move |ev| chosen.set(event_target_value(&ev))>
            {grids.get_value().into_iter().map(|grid| view! { <option value=grid.id.clone()>{grid.name}</option> }).collect_view()}
        </select>
    }
}

fn first_grid(grids: StoredValue<Vec<records::Grid>>) -> String {
    grids
        .get_value()
        .first()
        .map(|grid| grid.id.clone())
        .unwrap_or_default()
}

#[component]
fn PlanForm(grids: StoredValue<Vec<records::Grid>>, officer: bool) -> impl IntoView {
    let t = texts();
    let community = use_community();
    let error = RwSignal::new(None::<MutateError>);
    let grid = RwSignal::new(if officer { String::new() } else { first_grid(grids) });
    let name = RwSignal::new(String::new());
    let start = RwSignal::new(data::today().to_string());
    let days: [RwSignal<String>; 3] = [
        RwSignal::new("7".into()),
        RwSignal::new("14".into()),
        RwSignal::new("14".into()),
    ];
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let parsed: Option<Vec<u16>> = days
            .iter()
            .map(|day| day.get_untracked().trim().parse().ok())
            .collect();
        let (Ok(start), Some(parsed)) = (start.get_untracked().parse::<Date>(), parsed) else {
            return invalid_input(error);
        };
        let chosen = grid.get_untracked();
        let plan = VisitPlan {
            id: new_id("plan"),
            grid: (!chosen.is_empty()).then_some(chosen),
            name: name.get_untracked(),
            start,
            round_days: [parsed[0], parsed[1], parsed[2]],
        };
        run_mutation(
            community,
            Mutation::Volunteers(VolunteersMutation::SetVisitPlan(plan)),
            error,
        );
    };
    view! {
        <details>
            <summary>{t.new_plan}</summary>
            <form on:submit=save>
                <label class="field"><span>{t.grid}</span>
                    <select on:change=move |ev| grid.set(event_target_value(&ev))>
                        {officer.then(|| view! { <option value="">{t.all_grids}</option> })}
                        {grids.get_value().into_iter().map(|grid| view! { <option value=grid.id.clone()>{grid.name}</option> }).collect_view()}
                    </select></label>
                <label class="field"><span>{t.plan_name}</span>
                    <input required prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev)) /></label>
                <label class="field"><span>{t.plan_start}</span>
                    <input type="date" required prop:value=move || start.get() on:input=move |ev| start.set(event_target_value(&ev)) /></label>
                {days.into_iter().enumerate().map(|(index, day)| view! {
                    <label class="field"><span>{format!("{} ({})", t.round_categories[index], t.days)}</span>
                        <input type="number" min="1" prop:value=move || day.get() on:input=move |ev| day.set(event_target_value(&ev)) /></label>
                }).collect_view()}
                <button type="submit">{t.save}</button>
                <ErrorLine error=error />
            </form>
        </details>
    }
}

#[component]
fn HouseholdForm(grids: StoredValue<Vec<records::Grid>>) -> impl IntoView {
    let t = texts();
    let community = use_community();
    let error = RwSignal::new(None::<MutateError>);
    let grid = RwSignal::new(first_grid(grids));
    let address = RwSignal::new(String::new());
    let head = RwSignal::new(String::new());
    let category = RwSignal::new(1usize);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let household = Household {
            id: new_id("h"),
            grid: grid.get_untracked(),
            address: address.get_untracked(),
            head: head.get_untracked(),
            category: CATEGORIES[category.get_untracked().min(2)],
        };
        run_mutation(
            community,
            Mutation::Volunteers(VolunteersMutation::AddHousehold(household)),
            error,
        );
        address.set(String::new());
        head.set(String::new());
    };
    view! {
        <details>
            <summary>{t.add_household}</summary>
            <form on:submit=save>
                <label class="field"><span>{t.grid}</span>{grid_select(grids, grid)}</label>
                <label class="field"><span>{t.address}</span>
                    <input required prop:value=move || address.get() on:input=move |ev| address.set(event_target_value(&ev)) /></label>
                <label class="field"><span>{t.head}</span>
                    <input required prop:value=move || head.get() on:input=move |ev| head.set(event_target_value(&ev)) /></label>
                <label class="field"><span>{t.household_category}</span>
                    <select on:change=move |ev| category.set(event_target_value(&ev).parse().unwrap_or(1))>
                        {[t.category_key, t.category_general, t.category_difficulty].into_iter().enumerate().map(|(index, name)| view! {
                            <option value=index.to_string() selected=index == 1>{name}</option>
                        }).collect_view()}
                    </select></label>
                <button type="submit">{t.save}</button>
                <ErrorLine error=error />
            </form>
        </details>
    }
}

#[component]
fn AssignForm(grids: StoredValue<Vec<records::Grid>>) -> impl IntoView {
    let t = texts();
    let community = use_community();
    let error = RwSignal::new(None::<MutateError>);
    let grid = RwSignal::new(first_grid(grids));
    let member = RwSignal::new(String::new());
    let parts = RwSignal::new(Vec::<Part>::new());
    let members = community.with_view(data::members_by_name).unwrap_or_default();
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Ok(member) = member.get_untracked().parse::<MemberId>() else {
            return invalid_input(error);
        };
        let assignment = GridMember {
            member,
            grid: grid.get_untracked(),
            parts: parts.get_untracked(),
        };
        run_mutation(
            community,
            Mutation::Volunteers(VolunteersMutation::AssignToGrid(assignment)),
            error,
        );
    };
    view! {
        <details>
            <summary>{t.assign_member}</summary>
            <form on:submit=save>
                <label class="field"><span>{t.member}</span>
                    <select required on:change=move |ev| member.set(event_target_value(&ev))>
                        <option value="">"—"</option>
                        {members.into_iter().map(|member| view! { <option value=member.id.to_string()>{member.name}</option> }).collect_view()}
                    </select></label>
                <label class="field"><span>{t.grid}</span>{grid_select(grids, grid)}</label>
                <fieldset class="chips">
                    <legend>{t.parts_legend}</legend>
                    {Part::ALL.iter().enumerate().map(|(index, part)| {
                        let part = *part;
                        view! {
                            <label class="chip">
                                <input type="checkbox" on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    parts.update(|parts| { parts.retain(|p| *p != part); if on { parts.push(part); } });
                                } />
                                {t.parts[index]}
                            </label>
                        }
                    }).collect_view()}
                </fieldset>
                <button type="submit">{t.save}</button>
                <ErrorLine error=error />
            </form>
        </details>
    }
}

/// The member's own skills and weekly availability.
#[component]
pub fn ProfileForm() -> impl IntoView {
    let t = texts();
    let community = use_community();
    let error = RwSignal::new(None::<MutateError>);
    let current: Option<VolunteerProfile> = community.actor().and_then(|actor| {
        community
            .with_view(|view| data::one(view, &records::profile(&actor.member)))
            .flatten()
    });
    let skills = RwSignal::new(
        current
            .as_ref()
            .map(|profile| profile.skills.join("、"))
            .unwrap_or_default(),
    );
    let slots = RwSignal::new(current.map(|profile| profile.availability).unwrap_or_default());
    let weekday = RwSignal::new(5usize);
    let from = RwSignal::new("09:00".to_owned());
    let until = RwSignal::new("11:00".to_owned());
    let add_slot = move |_| {
        let (Some(from), Some(until)) = (
            parse_minute_of_day(&from.get_untracked()),
            parse_minute_of_day(&until.get_untracked()),
        ) else {
            return invalid_input(error);
        };
        let weekday = WEEKDAYS[weekday.get_untracked().min(6)];
        slots.update(|slots| slots.push(Availability { weekday, from, until }));
    };
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let profile = SetVolunteerProfile {
            skills: skills
                .get_untracked()
                .split(['、', ',', '，'])
                .map(|skill| skill.trim().to_owned())
                .collect(),
            availability: slots.get_untracked(),
        };
        run_mutation(
            community,
            Mutation::Volunteers(VolunteersMutation::SetVolunteerProfile(profile)),
            error,
        );
    };
    view! {
        <details class="profile" data-testid="volunteer-profile">
            <summary>{t.profile}</summary>
            <form on:submit=save>
                <label class="field"><span>{t.skills}</span>
                    <input prop:value=move || skills.get() on:input=move |ev| skills.set(event_target_value(&ev)) /></label>
                <ul class="plain-list">
                    {move || slots.get().into_iter().enumerate().map(|(index, slot)| {
                        let day = t.weekdays[WEEKDAYS.iter().position(|w| *w == slot.weekday).unwrap_or(0)];
                        view! {
                            <li>
                                {format!("{day} {}—{}", format_minute_of_day(slot.from), format_minute_of_day(slot.until))} " "
                                <button type="button" class="secondary" on:click=move |_| slots.update(|slots| { slots.remove(index); })>{t.remove}</button>
                            </li>
                        }
                    }).collect_view()}
                </ul>
                <div class="inline-form">
                    <select aria-label=t.weekday on:change=move |ev| weekday.set(event_target_value(&ev).parse().unwrap_or(0))>
                        {t.weekdays.iter().enumerate().map(|(index, day)| view! { <option value=index.to_string() selected=index == 5>{*day}</option> }).collect_view()}
                    </select>
                    <input type="time" aria-label=t.from prop:value=move || from.get() on:input=move |ev| from.set(event_target_value(&ev)) />
                    <input type="time" aria-label=t.until prop:value=move || until.get() on:input=move |ev| until.set(event_target_value(&ev)) />
                    <button type="button" class="secondary" on:click=add_slot>{t.add_time}</button>
                </div>
                <button type="submit">{t.save}</button>
                <ErrorLine error=error />
            </form>
        </details>
    }
}
