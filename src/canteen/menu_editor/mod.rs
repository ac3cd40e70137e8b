//! For the canteen's staff: choosing the dishes a meal serves
//! ([`MenuEditor`]), and adding or changing a dish ([`dish_form`]).

mod dish_form;

use std::collections::BTreeSet;

use leptos::prelude::*;
use linli_core::calendar::Date;
use linli_core::canteen::menu::{DailyMenu, Dish, Meal};
use linli_core::canteen::CanteenMutation;
use linli_core::Mutation;

use super::data;
use super::i18n::texts;
use crate::forms::{run_mutation, ErrorLine};
use crate::sync::{use_community, MutateError};

/// The menu of `date` and `meal`, edited as a set of ticked dishes, and the
/// form for a new dish or the one being changed.
#[component]
pub fn MenuEditor(
    /// The date whose menu is edited.
    date: RwSignal<Date>,
    /// The meal whose menu is edited.
    meal: RwSignal<Meal>,
) -> impl IntoView {
    let t = texts();
    let community = use_community();
    let error = RwSignal::new(None::<MutateError>);
    let dishes = Memo::new(move |_| community.with_view(data::dishes).unwrap_or_default());
    let chosen = RwSignal::new(BTreeSet::<String>::new());
    // The dish the form below holds to be changed, if any.
    let editing = RwSignal::new(None::<Dish>);
    Effect::new(move |_| {
        let current = community
            .with_view(|view| data::daily_menu(view, date.get(), meal.get()))
            .flatten()
            .map(|menu| menu.dishes.into_iter().collect())
            .unwrap_or_default();
        chosen.set(current);
    });
    let save_menu = move |_| {
        let menu = DailyMenu {
            date: date.get_untracked(),
            meal: meal.get_untracked(),
            dishes: chosen.get_untracked().into_iter().collect(),
        };
        run_mutation(
            community,
            Mutation::Canteen(CanteenMutation::SetDailyMenu(menu)),
            error,
        );
    };

    view! {
        <details class="menu-editor" data-testid="menu-editor">
            <summary>{t.menu_editor}</summary>
            <ul class="plain-list menu-choices">
                <For
                    each=move || dishes.get()
                    key=|dish| dish.clone()
                    children=move |dish| {
                        let id = dish.id.clone();
                        let toggle_id = id.clone();
                        let label = format!("{} {}", data::shown_name(&dish.name_zh, &dish.name_en), dish.price);
                        view! {
                            <li>
                                <label class="choice">
                                    <input
                                        type="checkbox"
                                        prop:checked=move || chosen.get().contains(&id)
                                        on:change=move |ev| {
                                            let on = event_target_checked(&ev);
                                            chosen.update(|chosen| {
                                                if on { chosen.insert(toggle_id.clone()); } else { chosen.remove(&toggle_id); }
                                            });
                                        }
                                    />
                                    <span>{label}</span>
                                </label>
                                <button type="button" class="secondary" data-testid="edit-dish" on:click=move |_| editing.set(Some(dish.clone()))>
                                    {t.edit_dish}
                                </button>
                            </li>
                        }
                    }
                />
            </ul>
            <button type="button" on:click=save_menu>{t.save_menu}</button>
            <ErrorLine error=error />
            <dish_form::DishForm editing=editing />
        </details>
    }
}
