//! Adding a dish, or changing the one chosen in the menu editor: its names,
//! category, price in yuan, portion, diet tags and daily capacity.

use leptos::prelude::*;
use linli_core::canteen::menu::{Category, DietTag, Dish, Portion};
use linli_core::canteen::{CanteenMutation, Fen};
use linli_core::Mutation;

use crate::canteen::diet_tags::DietTagChips;
use crate::canteen::i18n::texts;
use crate::forms::{invalid_input, run_mutation, typed_yuan, ErrorLine};
use crate::sync::{new_id, use_community, MutateError};

#[component]
pub fn DishForm(
    /// The dish being changed; `None` for a new one. The form sets it back
    /// to `None` once saved or cancelled.
    editing: RwSignal<Option<Dish>>,
) -> impl IntoView {
    let t = texts();
    let community = use_community();
    let error = RwSignal::new(None::<MutateError>);
    let name_zh = RwSignal::new(String::new());
    let name_en = RwSignal::new(String::new());
    let category = RwSignal::new(Category::HotDish);
    let yuan = RwSignal::new(String::new());
    let small = RwSignal::new(false);
    let tags = RwSignal::new(Vec::<DietTag>::new());
    let capacity = RwSignal::new(String::new());
    // Fills the fields from the dish chosen for editing, or empties them.
    Effect::new(move |_| {
        let dish = editing.get();
        name_zh.set(dish.as_ref().map(|dish| dish.name_zh.clone()).unwrap_or_default());
        name_en.set(dish.as_ref().map(|dish| dish.name_en.clone()).unwrap_or_default());
        category.set(dish.as_ref().map_or(Category::HotDish, |dish| dish.category));
        yuan.set(
            dish.as_ref()
                .map(|dish| dish.price.to_yuan_field())
                .unwrap_or_default(),
        );
        small.set(dish.as_ref().is_some_and(|dish| dish.portion == Portion::Small));
        tags.set(dish.as_ref().map(|dish| dish.tags.clone()).unwrap_or_default());
        capacity.set(
            dish.and_then(|dish| dish.daily_capacity)
                .map(|n| n.to_string())
                .unwrap_or_default(),
        );
    });
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(price) = typed_yuan(&yuan.get_untracked(), Fen::MAX_PRICE, error) else {
            return;
        };
        let daily_capacity = match capacity.get_untracked().trim() {
            "" => Ok(None),
            typed => typed.parse::<u32>().map(Some),
        };
        let Ok(daily_capacity) = daily_capacity else {
            invalid_input(error);
            return;
        };
        let dish = Dish {
            id: editing
                .get_untracked()
                .map_or_else(|| new_id("d"), |dish| dish.id),
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
        editing.set(None);
    };
    let text_field = |label: &'static str, value: RwSignal<String>| {
        view! {
            <label><span>{label}</span>
                <input type="text" required maxlength="40" prop:value=value on:input=move |ev| value.set(event_target_value(&ev)) /></label>
        }
    };
    view! {
        <form class="add-dish" on:submit=save>
            <h4>{move || if editing.get().is_some() { t.edit_dish } else { t.new_dish }}</h4>
            {text_field(t.name_zh, name_zh)}
            {text_field(t.name_en, name_en)}
            <label><span>{t.category}</span>
                <select
                    prop:value=move || Category::ALL.iter().position(|c| *c == category.get()).unwrap_or(0).to_string()
                    on:change=move |ev| {
                        let index = event_target_value(&ev).parse::<usize>().unwrap_or(0);
                        category.set(Category::ALL[index.min(Category::ALL.len() - 1)]);
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
                <DietTagChips selected=tags />
            </fieldset>
            <label><span>{t.daily_capacity}</span>
                <input type="number" min="1" inputmode="numeric" prop:value=capacity on:input=move |ev| capacity.set(event_target_value(&ev)) /></label>
            <button type="submit">{move || if editing.get().is_some() { t.save_dish } else { t.add_dish }}</button>
            <Show when=move || editing.get().is_some()>
                <button type="button" class="secondary" on:click=move |_| editing.set(None)>{t.cancel_edit}</button>
            </Show>
            <ErrorLine error=error />
        </form>
    }
}
