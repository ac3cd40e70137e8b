//! For the canteen's staff: adding or changing a dish, and choosing the dishes a meal serves.

use std::collections::BTreeSet;

use leptos::prelude::*;
use linli_core::calendar::Date;
use linli_core::canteen::menu::{Category, DailyMenu, DietTag, Dish, Meal, Portion};
use linli_core::canteen::CanteenMutation;
use linli_core::canteen::Fen;
use linli_core::Mutation;

use super::data;
use super::i18n::texts;
use crate::forms::{invalid_input, run_mutation, typed_yuan, ErrorLine};
use crate::sync::{new_id, use_community, MutateError};

/// In the order of `Texts::category_names`.
const CATEGORIES: [Category; 6] = [
    Category::HotDish,
    Category::ColdDish,
    Category::Staple,
    Category::PorridgeSoup,
    Category::Breakfast,
    Category::Pickle,
];
const TAGS: [DietTag; 4] = [
    DietTag::Soft,
    DietTag::LowOil,
    DietTag::LowSalt,
    DietTag::DiabeticFriendly,
];

/// The menu of `date` and `meal`, edited as a set of ticked dishes, and a form
/// for a new dish.
#[component]
pub fn MenuEditor(
    /// The date whose menu is edited.
    date: RwSignal<Date>,
    /// The meal whose menu is edited.
    meal: RwSignal<Meal>,
) -> impl IntoView {
    let t = texts();
    let english = crate::settings::use_settings().with_untracked(|s| s.lang == crate::i18n::Lang::En);
    let community = use_community();
    let error = RwSignal::new(None::<MutateError>);
    let dishes = Memo::new(move |_| community.with_view(data::dishes).unwrap_or_default());
    let chosen = RwSignal::new(BTreeSet::<String>::new());
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

    let name_zh = RwSignal::new(String::new());
    let name_en = RwSignal::new(String::new());
    let category = RwSignal::new(Category::HotDish);
    let yuan = RwSignal::new(String::new());
    let small = RwSignal::new(false);
    let tags = RwSignal::new(Vec::<DietTag>::new());
    let capacity = RwSignal::new(String::new());
    // The dish being changed, if the form holds an existing one.
    let editing = RwSignal::new(None::<String>);
    let clear_form = move || {
        editing.set(None);
        name_zh.set(String::new());
        name_en.set(String::new());
        yuan.set(String::new());
        capacity.set(String::new());
        small.set(false);
        tags.set(Vec::new());
    };
    let edit = move |dish: Dish| {
        editing.set(Some(dish.id));
        name_zh.set(dish.name_zh);
        name_en.set(dish.name_en);
        category.set(dish.category);
        yuan.set(dish.price.to_yuan_field());
        small.set(dish.portion == Portion::Small);
        tags.set(dish.tags);
        capacity.set(dish.daily_capacity.map(|n| n.to_string()).unwrap_or_default());
    };
    let add_dish = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let daily_capacity = match capacity.get_untracked().trim() {
            "" => Ok(None),
            typed => typed.parse::<u32>().map(Some),
        };
        let Some(price) = typed_yuan(&yuan.get_untracked(), Fen::MAX_PRICE, error) else {
            return;
        };
        let Ok(daily_capacity) = daily_capacity else {
            invalid_input(error);
            return;
        };
        let dish = Dish {
            id: editing.get_untracked().unwrap_or_else(|| new_id("d")),
            name_zh: name_zh.get_untracked(),
            name_en: name_en.get_untracked(),
            category: category.get_untracked(),
            price,
            portion: if small.get_untracked() {
                Portion::Small
            } else {
                Portion::Standard
            },
            tags: tags.get_untracked(),
            daily_capacity,
        };
        run_mutation(
            community,
            Mutation::Canteen(CanteenMutation::UpsertDish(dish)),
            error,
        );
        clear_form();
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
                                    <span>{format!("{} {}", if english { &dish.name_en } else { &dish.name_zh }, dish.price)}</span>
                                </label>
                                {
                                    let dish = dish.clone();
                                    view! {
                                        <button type="button" class="secondary" data-testid="edit-dish" on:click=move |_| edit(dish.clone())>
                                            {t.edit_dish}
                                        </button>
                                    }
                                }
                            </li>
                        }
                    }
                />
            </ul>
            <button type="button" on:click=save_menu>{t.save_menu}</button>
            <form class="add-dish" on:submit=add_dish>
                <h4>{move || if editing.get().is_some() { t.edit_dish } else { t.new_dish }}</h4>
                <label><span>{t.name_zh}</span>
                    <input type="text" required maxlength="40" prop:value=name_zh on:input=move |ev| name_zh.set(event_target_value(&ev)) /></label>
                <label><span>{t.name_en}</span>
                    <input type="text" required maxlength="40" prop:value=name_en on:input=move |ev| name_en.set(event_target_value(&ev)) /></label>
                <label><span>{t.category}</span>
                    <select
                        prop:value=move || CATEGORIES.iter().position(|c| *c == category.get()).unwrap_or(0).to_string()
                        on:change=move |ev| {
                            let index = event_target_value(&ev).parse::<usize>().unwrap_or(0);
                            category.set(CATEGORIES[index.min(CATEGORIES.len() - 1)]);
                        }
                    >
                        {t.category_names.iter().enumerate().map(|(index, name)| view! {
                            <option value=index.to_string()>{*name}</option>
                        }).collect_view()}
                    </select>
                </label>
                <label><span>{t.price_yuan}</span>
                    <input type="text" inputmode="decimal" required prop:value=yuan on:input=move |ev| yuan.set(event_target_value(&ev)) /></label>
                <label class="choice">
                    <input type="checkbox" prop:checked=move || small.get() on:change=move |ev| small.set(event_target_checked(&ev)) />
                    <span>{t.small_portion}</span>
                </label>
                <fieldset class="chips">
                    {TAGS.into_iter().enumerate().map(|(index, tag)| view! {
                        <label class="chip">
                            <input type="checkbox" prop:checked=move || tags.get().contains(&tag) on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                tags.update(|tags| { tags.retain(|t| *t != tag); if on { tags.push(tag); } });
                            } />
                            <span>{t.diet_tag_names[index]}</span>
                        </label>
                    }).collect_view()}
                </fieldset>
                <label><span>{t.daily_capacity}</span>
                    <input type="number" min="1" inputmode="numeric" prop:value=capacity on:input=move |ev| capacity.set(event_target_value(&ev)) /></label>
                <button type="submit">{move || if editing.get().is_some() { t.save_dish } else { t.add_dish }}</button>
                <Show when=move || editing.get().is_some()>
                    <button type="button" class="secondary" on:click=move |_| clear_form()>{t.cancel_edit}</button>
                </Show>
            </form>
            <ErrorLine error=error />
        </details>
    }
}
