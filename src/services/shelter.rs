//! The bad-weather shelter: the banner every member sees while it is open
//! (on the home page's notice board and here), and the form canteen staff
//! and officers open, update and close it with.

use leptos::prelude::*;
use linli_core::canteen::records::{diner, DinerProfile};
use linli_core::services::records::Weather;
use linli_core::services::shelter::{points_to, CloseShelter, OpenShelter};
use linli_core::services::{ServicesMutation, SHELTER_KEEPERS};
use linli_core::Mutation;

use super::data;
use super::i18n::texts;
use crate::forms::{run_mutation, ErrorLine};
use crate::sync::{use_community, MutateError};

/// While the shelter is open: what weather, where, and what is on hand.
#[component]
pub fn ShelterBanner() -> impl IntoView {
    let t = texts();
    let community = use_community();
    let shelter = Memo::new(move |_| {
        community
            .with_view(data::shelter)
            .flatten()
            .filter(|shelter| shelter.open)
    });
    // The member's own diner profile says whether they work outdoors; only
    // their phone (and the canteen staff's) holds it.
    let outdoor_tags = Memo::new(move |_| {
        let me = community.actor()?.member;
        community
            .with_view(|view| data::one::<DinerProfile>(view, &diner(&me)))
            .flatten()
            .map(|profile| profile.tags)
    });
    move || {
        shelter.get().map(|shelter| {
            let for_me = outdoor_tags
                .get()
                .is_some_and(|tags| points_to(&shelter, &tags));
            view! {
                <section class="card shelter-banner" role="status" data-testid="shelter-banner">
                    <p><strong>{(t.shelter_open)(t.weather(shelter.weather), &shelter.place)}</strong></p>
                    {(!shelter.on_hand.is_empty()).then(|| view! { <p>{(t.shelter_on_hand)(&shelter.on_hand)}</p> })}
                    {for_me.then(|| view! { <p class="shelter-for-you" data-testid="shelter-for-you">{t.shelter_for_you}</p> })}
                </section>
            }
        })
    }
}

/// For canteen staff and officers: open the shelter, change what it says,
/// close it.
#[component]
pub fn ShelterKeeper() -> impl IntoView {
    let t = texts();
    let community = use_community();
    let keeper = community
        .actor()
        .is_some_and(|actor| actor.has_any(&SHELTER_KEEPERS));
    let error = RwSignal::new(None::<MutateError>);
    let current = Memo::new(move |_| community.with_view(data::shelter).flatten());
    let is_open = move || current.get().is_some_and(|shelter| shelter.open);
    let weather = RwSignal::new(Weather::Heat);
    let place = RwSignal::new(t.shelter_place_default.to_owned());
    let on_hand = RwSignal::new(t.shelter_on_hand_default.to_owned());
    // What an open shelter says, so that updating it keeps the choice.
    let outdoor_workers = RwSignal::new(
        current
            .get_untracked()
            .is_none_or(|shelter| !shelter.open || shelter.outdoor_workers),
    );
    let open = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        run_mutation(
            community,
            Mutation::Services(ServicesMutation::OpenShelter(OpenShelter {
                weather: weather.get_untracked(),
                place: place.get_untracked(),
                on_hand: on_hand.get_untracked(),
                outdoor_workers: outdoor_workers.get_untracked(),
            })),
            error,
        );
    };
    let close = move |_| {
        run_mutation(
            community,
            Mutation::Services(ServicesMutation::CloseShelter(CloseShelter {})),
            error,
        )
    };
    keeper.then(|| {
        view! {
            <section class="card shelter-keeper" aria-labelledby="shelter-title" data-testid="shelter-keeper">
                <h2 id="shelter-title">{t.shelter_keeper}</h2>
                <Show when=move || !is_open()>
                    <p class="note">{t.shelter_closed}</p>
                </Show>
                <form class="inline-form" on:submit=open>
                    <label class="field">
                        <span>{t.shelter_weather}</span>
                        <select data-testid="shelter-weather" on:change=move |ev| {
                            let index: usize = event_target_value(&ev).parse().unwrap_or(0);
                            weather.set(Weather::ALL.get(index).copied().unwrap_or(Weather::Heat));
                        }>
                            {Weather::ALL.into_iter().enumerate().map(|(index, option)| view! {
                                <option value=index.to_string()>{t.weather(option)}</option>
                            }).collect_view()}
                        </select>
                    </label>
                    <label class="field">
                        <span>{t.shelter_place}</span>
                        <input type="text" prop:value=place on:input=move |ev| place.set(event_target_value(&ev)) />
                    </label>
                    <label class="field">
                        <span>{t.shelter_on_hand_label}</span>
                        <input type="text" prop:value=on_hand on:input=move |ev| on_hand.set(event_target_value(&ev)) />
                    </label>
                    <label class="check">
                        <input type="checkbox" prop:checked=outdoor_workers on:change=move |ev| outdoor_workers.set(event_target_checked(&ev)) data-testid="shelter-outdoor" />
                        <span>{t.shelter_outdoor_workers}</span>
                    </label>
                    <button type="submit" data-testid="shelter-open">{move || if is_open() { t.update_shelter } else { t.open_shelter }}</button>
                </form>
                <Show when=is_open>
                    <button type="button" class="danger" on:click=close data-testid="shelter-close">{t.close_shelter}</button>
                </Show>
                <ErrorLine error=error />
            </section>
        }
    })
}
