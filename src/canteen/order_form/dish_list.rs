//! The dishes on the menu, each with its diet tags, and − and + for their
//! portions.

use std::collections::BTreeMap;

use leptos::prelude::*;
use linli_core::canteen::menu::{DietTag, Dish};

use crate::canteen::data;
use crate::canteen::i18n::texts;

#[component]
pub fn DishList(
    /// The dishes to show (the day's menu, filtered).
    menu: Memo<Vec<Dish>>,
    /// Portions left of each dish with a daily capacity, by dish id.
    left: Memo<BTreeMap<String, u32>>,
    /// The portions ordered so far, by dish id.
    quantities: RwSignal<BTreeMap<String, u32>>,
    /// Called with a dish id and +1 or −1.
    on_change: Callback<(String, i32)>,
) -> impl IntoView {
    let t = texts();
    // The day's menu read out: each dish with its price.
    let spoken = move || {
        menu.get()
            .iter()
            .map(|dish| {
                format!(
                    "{} {}",
                    data::shown_name(&dish.name_zh, &dish.name_en),
                    dish.price
                )
            })
            .collect::<Vec<_>>()
            .join("，")
    };
    view! {
        <crate::shell::ReadAloud text=spoken />
        <ul class="dish-list">
            <For
                each=move || menu.get()
                key=|dish| dish.clone()
                children=move |dish| {
                    let id = dish.id.clone();
                    let (minus, plus) = (id.clone(), id.clone());
                    let dish_left = {
                        let id = id.clone();
                        move || left.get().get(&id).copied()
                    };
                    let sold_out = {
                        let dish_left = dish_left.clone();
                        move || dish_left() == Some(0)
                    };
                    let left_text = move || {
                        dish_left().map(|left| if left == 0 { t.sold_out.to_owned() } else { (t.portions_left)(left) })
                    };
                    let quantity = move || quantities.get().get(&id).copied().unwrap_or(0);
                    let name = data::shown_name(&dish.name_zh, &dish.name_en);
                    // Its diet tags in words, so a member keeping to a diet sees them without filtering.
                    let tags = DietTag::ALL
                        .iter()
                        .zip(t.diet_tag_names)
                        .filter(|(tag, _)| dish.tags.contains(tag))
                        .map(|(_, tag_name)| tag_name)
                        .collect::<Vec<_>>()
                        .join(" · ");
                    view! {
                        <li class="dish" data-testid="dish" data-dish=dish.id.clone()>
                            <span class="dish-name">
                                {name}
                                {(!tags.is_empty()).then(|| view! { <br /><small class="dish-tags" data-testid="dish-tags">{tags}</small> })}
                                {move || left_text().map(|text| view! { <br /><small class="dish-left" data-testid="dish-left">{text}</small> })}
                            </span>
                            <span class="dish-price">{dish.price.to_string()}</span>
                            <button type="button" class="secondary qty" aria-label=t.remove on:click=move |_| on_change.run((minus.clone(), -1))>"−"</button>
                            <span class="qty-value" data-testid="quantity">{quantity}</span>
                            <button type="button" class="qty" aria-label=t.add prop:disabled=sold_out on:click=move |_| on_change.run((plus.clone(), 1)) data-testid="add">"+"</button>
                        </li>
                    }
                }
            />
        </ul>
    }
}
