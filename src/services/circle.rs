//! The 15-minute service circle: the service points near home searched on
//! the device (the core's `circle::search_points`), the member's own
//! family-doctor signing with the form to record it, and the officers' form
//! for a point.

use leptos::prelude::*;
use linli_core::calendar::Date;
use linli_core::role::OFFICERS;
use linli_core::services::circle::{
    self, search_points, DoctorSigning, PointKind, RemoveServicePoint, ServicePoint, SignFamilyDoctor,
};
use linli_core::services::ServicesMutation;
use linli_core::Mutation;

use super::i18n::texts;
use crate::forms::{invalid_input, run_mutation, ErrorLine};
use crate::sync::{new_id, use_community, MutateError};
use crate::view::{all, one, today};

/// The search, the points, the member's family doctor.
#[component]
pub fn ServiceCircle() -> impl IntoView {
    let t = texts();
    let community = use_community();
    let query = RwSignal::new(String::new());
    let points = Memo::new(move |_| {
        community
            .with_view(|view| all::<ServicePoint>(view, circle::POINT_PREFIX))
            .unwrap_or_default()
    });
    let found = Memo::new(move |_| {
        search_points(&points.get(), &query.get())
            .into_iter()
            .cloned()
            .collect::<Vec<_>>()
    });
    // Tracked: on a page opened cold the member is known a moment later.
    let officer = Memo::new(move |_| community.actor().is_some_and(|actor| actor.has_any(&OFFICERS)));
    view! {
        <section class="card circle" aria-labelledby="circle-title" data-testid="service-circle">
            <h2 id="circle-title">{t.circle}</h2>
            <p class="note">{t.circle_intro}</p>
            <label class="field">
                <span>{t.search}</span>
                <input
                    type="search"
                    placeholder=t.circle_hint
                    prop:value=query
                    on:input=move |ev| query.set(event_target_value(&ev))
                    data-testid="circle-search"
                />
            </label>
            <Show when=move || found.get().is_empty()>
                <p class="note" data-testid="circle-none">{t.no_results}</p>
            </Show>
            <ul class="plain-list" data-testid="circle-points">
                <For each=move || found.get() key=|point| format!("{point:?}") let:point>
                    <li><PointCard point=point officer=officer.get() /></li>
                </For>
            </ul>
            <FamilyDoctor />
            {move || officer.get().then(|| view! { <PointForm /> })}
        </section>
    }
}

#[component]
fn PointCard(point: ServicePoint, officer: bool) -> impl IntoView {
    let t = texts();
    let community = use_community();
    let error = RwSignal::new(None::<MutateError>);
    let id = StoredValue::new(point.id.clone());
    let remove = move |_| {
        run_mutation(
            community,
            Mutation::Services(ServicesMutation::RemoveServicePoint(RemoveServicePoint {
                id: id.get_value(),
            })),
            error,
        )
    };
    let tel = format!("tel:{}", point.phone.replace([' ', '-'], ""));
    view! {
        <article class="circle-point" data-testid="circle-point" data-point=point.id.clone()>
            <h3>{point.name.clone()} " " <span class="badge">{t.point_kind(point.kind)}</span></h3>
            <p class="meta">{(t.walk)(point.walk_minutes)} {(!point.hours.is_empty()).then(|| format!(" · {}", point.hours))}</p>
            {(!point.address.is_empty()).then(|| view! { <p class="meta">{point.address.clone()}</p> })}
            {(!point.offers.is_empty()).then(|| view! { <p>{point.offers.clone()}</p> })}
            {(!point.phone.is_empty()).then(|| view! { <p><a href=tel>{(t.call)(&point.phone)}</a></p> })}
            {officer.then(|| view! { <button type="button" class="secondary" on:click=remove>{t.remove_point}</button> })}
            <ErrorLine error=error />
        </article>
    }
}

/// The member's family doctor (家庭医生签约): shown to them, recorded by them.
#[component]
fn FamilyDoctor() -> impl IntoView {
    let t = texts();
    let community = use_community();
    let error = RwSignal::new(None::<MutateError>);
    let state = Memo::new(move |_| {
        let me = community.actor()?.member;
        community.with_view(|view| {
            let signing = one::<DoctorSigning>(view, &circle::doctor(&me));
            let doctors: Vec<ServicePoint> = all::<ServicePoint>(view, circle::POINT_PREFIX)
                .into_iter()
                .filter(|point| point.kind == PointKind::FamilyDoctor)
                .collect();
            (signing, doctors)
        })
    });
    let point = RwSignal::new(String::new());
    let doctor = RwSignal::new(String::new());
    let since = RwSignal::new(today().to_string());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let chosen = if point.get_untracked().is_empty() {
            state
                .get_untracked()
                .and_then(|(_, doctors)| doctors.first().map(|point| point.id.clone()))
        } else {
            Some(point.get_untracked())
        };
        let (Some(chosen), Ok(since)) = (chosen, since.get_untracked().parse::<Date>()) else {
            invalid_input(error);
            return;
        };
        run_mutation(
            community,
            Mutation::Services(ServicesMutation::SignFamilyDoctor(SignFamilyDoctor {
                member: None,
                point: chosen,
                doctor: doctor.get_untracked(),
                since,
            })),
            error,
        );
    };
    view! {
        <section class="circle-doctor" aria-labelledby="doctor-title" data-testid="family-doctor">
            <h3 id="doctor-title">{t.family_doctor}</h3>
            {move || state.get().map(|(signing, doctors)| match signing {
                Some(signing) => {
                    let at = doctors
                        .iter()
                        .find(|point| point.id == signing.point)
                        .map_or_else(|| signing.point.clone(), |point| point.name.clone());
                    view! { <p data-testid="doctor-signed">{(t.signed_with)(&signing.doctor, &at, &signing.since.to_string())}</p> }.into_any()
                }
                None => view! { <p class="note">{t.not_signed}</p> }.into_any(),
            })}
            <p class="note">{t.doctor_private}</p>
            <form class="inline-form" on:submit=submit data-testid="doctor-form">
                <label class="field">
                    <span>{t.doctor_point}</span>
                    <select data-testid="doctor-point" on:change=move |ev| point.set(event_target_value(&ev))>
                        {move || state.get().map(|(_, doctors)| doctors).unwrap_or_default().into_iter().map(|option| {
                            let id = option.id.clone();
                            // Rebuilt options keep showing the one chosen.
                            view! { <option value=option.id.clone() prop:selected=move || point.get() == id>{option.name.clone()}</option> }
                        }).collect_view()}
                    </select>
                </label>
                <label class="field">
                    <span>{t.doctor_name}</span>
                    <input type="text" prop:value=doctor on:input=move |ev| doctor.set(event_target_value(&ev)) data-testid="doctor-name" />
                </label>
                <label class="field">
                    <span>{t.doctor_since}</span>
                    <input type="date" prop:value=since on:input=move |ev| since.set(event_target_value(&ev)) data-testid="doctor-since" />
                </label>
                <button type="submit" data-testid="doctor-save">{t.doctor_save}</button>
            </form>
            <ErrorLine error=error />
        </section>
    }
}

/// The officers' form for a service point.
#[component]
fn PointForm() -> impl IntoView {
    let t = texts();
    let community = use_community();
    let error = RwSignal::new(None::<MutateError>);
    let kind = RwSignal::new(PointKind::FamilyDoctor);
    let name = RwSignal::new(String::new());
    let address = RwSignal::new(String::new());
    let phone = RwSignal::new(String::new());
    let hours = RwSignal::new(String::new());
    let offers = RwSignal::new(String::new());
    let walk = RwSignal::new("10".to_owned());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Ok(walk_minutes) = walk.get_untracked().trim().parse::<u16>() else {
            invalid_input(error);
            return;
        };
        run_mutation(
            community,
            Mutation::Services(ServicesMutation::UpsertServicePoint(ServicePoint {
                id: new_id("pt"),
                kind: kind.get_untracked(),
                name: name.get_untracked(),
                address: address.get_untracked(),
                phone: phone.get_untracked(),
                hours: hours.get_untracked(),
                offers: offers.get_untracked(),
                walk_minutes,
            })),
            error,
        );
    };
    let field = move |label: &'static str, value: RwSignal<String>| {
        view! {
            <label class="field">
                <span>{label}</span>
                <input type="text" prop:value=value on:input=move |ev| value.set(event_target_value(&ev)) />
            </label>
        }
    };
    view! {
        <details data-testid="point-form">
            <summary>{t.add_point}</summary>
            <form class="inline-form" on:submit=submit>
                <label class="field">
                    <span>{t.point_kind_label}</span>
                    <select on:change=move |ev| {
                        let index: usize = event_target_value(&ev).parse().unwrap_or(0);
                        kind.set(PointKind::ALL.get(index).copied().unwrap_or(PointKind::Other));
                    }>
                        {PointKind::ALL.into_iter().enumerate().map(|(index, option)| view! {
                            <option value=index.to_string()>{t.point_kind(option)}</option>
                        }).collect_view()}
                    </select>
                </label>
                {field(t.point_name, name)}
                {field(t.point_address, address)}
                {field(t.phone, phone)}
                {field(t.point_hours, hours)}
                {field(t.point_offers, offers)}
                {field(t.point_walk, walk)}
                <button type="submit">{t.add_point}</button>
            </form>
            <ErrorLine error=error />
        </details>
    }
}
