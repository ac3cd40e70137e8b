//! Ordering a meal: the day's menu with diet filters, portions, the mode,
//! and the price with the rules that made it.

use std::collections::BTreeMap;

use leptos::prelude::*;
use linli_core::calendar::Date;
use linli_core::canteen::menu::{DietTag, Meal};
use linli_core::canteen::mutations::PlaceOrder;
use linli_core::canteen::pricing::{MealMode, OrderLine};
use linli_core::canteen::CanteenMutation;
use linli_core::canteen::CANTEEN_STAFF;
use linli_core::{MemberId, Mutation};

use super::data;
use super::i18n::{texts, Texts};
use crate::forms::ErrorLine;
use crate::i18n::Lang;
use crate::sync::{new_id, use_community, MutateError};

const MODES: [MealMode; 3] = [MealMode::DineIn, MealMode::TakeAway, MealMode::Delivery];
const TAGS: [DietTag; 4] = [
    DietTag::Soft,
    DietTag::LowOil,
    DietTag::LowSalt,
    DietTag::DiabeticFriendly,
];

pub fn meal_name(t: &Texts, meal: Meal) -> &'static str {
    t.meal_names[Meal::ALL.iter().position(|m| *m == meal).unwrap_or(0)]
}

pub fn mode_name(t: &Texts, mode: MealMode) -> &'static str {
    t.mode_names[MODES.iter().position(|m| *m == mode).unwrap_or(0)]
}

/// A date and meal chooser shared by the order form and the kitchen.
#[component]
pub fn MealChooser(
    /// The chosen date.
    date: RwSignal<Date>,
    /// The chosen meal.
    meal: RwSignal<Meal>,
) -> impl IntoView {
    let t = texts();
    view! {
        <div class="meal-chooser">
            <label>
                <span>{t.date}</span>
                <input
                    type="date"
                    data-testid="meal-date"
                    prop:value=move || date.get().to_string()
                    on:change=move |ev| {
                        if let Ok(chosen) = event_target_value(&ev).parse() {
                            date.set(chosen);
                        }
                    }
                />
            </label>
            <label>
                <span>{t.meal}</span>
                <select data-testid="meal" on:change=move |ev| {
                    let chosen = event_target_value(&ev);
                    if let Some(found) = Meal::ALL.into_iter().find(|m| m.as_str() == chosen) {
                        meal.set(found);
                    }
                }>
                    {Meal::ALL
                        .into_iter()
                        .map(|option| view! {
                            <option value=option.as_str() selected=move || meal.get() == option>{meal_name(t, option)}</option>
                        })
                        .collect_view()}
                </select>
            </label>
        </div>
    }
}

#[component]
pub fn OrderForm() -> impl IntoView {
    let t = texts();
    let lang = crate::settings::use_settings().with_untracked(|settings| settings.lang);
    let community = use_community();
    let date = RwSignal::new(data::today().add_days(1));
    let meal = RwSignal::new(Meal::Lunch);
    let mode = RwSignal::new(MealMode::DineIn);
    let filter = RwSignal::new(Vec::<DietTag>::new());
    let search = RwSignal::new(String::new());
    let quantities = RwSignal::new(BTreeMap::<String, u32>::new());
    let error = RwSignal::new(None::<MutateError>);
    let done = RwSignal::new(false);
    // Staff at the counter order for an elder who came in: "entered by" staff.
    let for_member = RwSignal::new(None::<MemberId>);
    let staff = Memo::new(move |_| {
        community.revision.track();
        community
            .actor()
            .is_some_and(|actor| actor.has_any(&CANTEEN_STAFF))
    });
    let members = Memo::new(move |_| {
        if staff.get() {
            community.with_view(data::members_by_name).unwrap_or_default()
        } else {
            Vec::new()
        }
    });

    let menu = Memo::new(move |_| {
        let (date, meal, filter, search) = (date.get(), meal.get(), filter.get(), search.get());
        let search = search.trim().to_lowercase();
        community
            .with_view(|view| {
                let Some(menu) = data::daily_menu(view, date, meal) else {
                    return Vec::new();
                };
                data::dishes(view)
                    .into_iter()
                    .filter(|dish| menu.dishes.contains(&dish.id))
                    .filter(|dish| filter.iter().all(|tag| dish.tags.contains(tag)))
                    .filter(|dish| {
                        search.is_empty()
                            || dish.name_zh.contains(&search)
                            || dish.name_en.to_lowercase().contains(&search)
                    })
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    });
    let lines = move || {
        quantities
            .get()
            .into_iter()
            .filter(|(_, quantity)| *quantity > 0)
            .map(|(dish, quantity)| OrderLine { dish, quantity })
            .collect::<Vec<_>>()
    };
    let bill = Memo::new(move |_| {
        let lines = lines();
        if lines.is_empty() {
            return None;
        }
        let member = for_member
            .get()
            .or_else(|| community.actor().map(|actor| actor.member))?;
        community
            .with_view(|view| {
                data::predict_price(
                    view,
                    &member,
                    &lines,
                    mode.get(),
                    date.get(),
                    meal.get(),
                    data::now(),
                )
            })
            .flatten()
    });
    let place = move |_| {
        let Some(expected) = bill.get_untracked() else {
            return;
        };
        let mutation = Mutation::Canteen(CanteenMutation::PlaceOrder(PlaceOrder {
            id: new_id("o"),
            member: for_member.get_untracked(),
            date: date.get_untracked(),
            meal: meal.get_untracked(),
            mode: mode.get_untracked(),
            lines: lines(),
            expected_total: expected.total,
        }));
        leptos::task::spawn_local(async move {
            match community.mutate(mutation).await {
                Ok(()) => {
                    quantities.set(BTreeMap::new());
                    error.set(None);
                    done.set(true);
                }
                Err(err) => error.set(Some(err)),
            }
        });
    };
    let change = move |dish: String, by: i32| {
        done.set(false);
        quantities.update(|quantities| {
            let quantity = quantities.entry(dish).or_default();
            *quantity = (*quantity as i32 + by).clamp(0, 20) as u32;
        });
    };

    view! {
        <section class="card canteen-order" data-testid="order-form">
            <h2>{t.order_title}</h2>
            <Show when=move || staff.get()>
                <label>
                    <span>{t.order_for}</span>
                    <select data-testid="order-for" on:change=move |ev| for_member.set(event_target_value(&ev).parse().ok())>
                        <option value="">{t.myself}</option>
                        {move || members.get().into_iter().map(|member| view! {
                            <option value=member.id.to_string()>{member.name}</option>
                        }).collect_view()}
                    </select>
                </label>
            </Show>
            <MealChooser date=date meal=meal />
            <label>
                <span>{t.search}</span>
                <input type="search" data-testid="dish-search" prop:value=search on:input=move |ev| search.set(event_target_value(&ev)) />
            </label>
            <fieldset class="chips">
                <legend>{t.filter}</legend>
                {TAGS
                    .into_iter()
                    .enumerate()
                    .map(|(index, tag)| view! {
                        <label class="chip">
                            <input type="checkbox" on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                filter.update(|filter| {
                                    filter.retain(|t| *t != tag);
                                    if on { filter.push(tag); }
                                });
                            } />
                            <span>{t.diet_tag_names[index]}</span>
                        </label>
                    })
                    .collect_view()}
            </fieldset>
            <Show when=move || menu.get().is_empty()>
                <p class="note">{t.no_menu}</p>
            </Show>
            <ul class="dish-list">
                <For
                    each=move || menu.get()
                    key=|dish| dish.clone()
                    children=move |dish| {
                        let id = dish.id.clone();
                        let (minus, plus) = (id.clone(), id.clone());
                        let quantity = move || quantities.get().get(&id).copied().unwrap_or(0);
                        let name = if lang == Lang::En { dish.name_en.clone() } else { dish.name_zh.clone() };
                        view! {
                            <li class="dish" data-testid="dish" data-dish=dish.id.clone()>
                                <span class="dish-name">{name}</span>
                                <span class="dish-price">{dish.price.to_string()}</span>
                                <button type="button" class="secondary qty" aria-label=t.remove on:click=move |_| change(minus.clone(), -1)>"−"</button>
                                <span class="qty-value" data-testid="quantity">{quantity}</span>
                                <button type="button" class="qty" aria-label=t.add on:click=move |_| change(plus.clone(), 1) data-testid="add">"+"</button>
                            </li>
                        }
                    }
                />
            </ul>
            <label>
                <span>{t.mode}</span>
                <select data-testid="mode" on:change=move |ev| {
                    let index = event_target_value(&ev).parse::<usize>().unwrap_or(0);
                    mode.set(MODES[index.min(2)]);
                }>
                    {MODES.into_iter().enumerate().map(|(index, option)| view! {
                        <option value=index.to_string() selected=move || mode.get() == option>{mode_name(t, option)}</option>
                    }).collect_view()}
                </select>
            </label>
            {move || bill.get().map(|bill| view! {
                <div class="bill" data-testid="bill">
                    {(bill.delivery_fee.0 > 0).then(|| view! { <p>{t.delivery_fee} " " {bill.delivery_fee.to_string()}</p> })}
                    {bill.adjustments.iter().map(|adjustment| {
                        let label = if lang == Lang::En { adjustment.label_en.clone() } else { adjustment.label_zh.clone() };
                        view! { <p class="adjustment" data-testid="adjustment">{format!("{label} {}", adjustment.amount)}</p> }
                    }).collect_view()}
                    <p class="total"><strong>{t.total} " " <span data-testid="total">{bill.total.to_string()}</span></strong></p>
                </div>
            })}
            <button type="button" on:click=place prop:disabled=move || bill.get().is_none() data-testid="place-order">
                {t.place_order}
            </button>
            <Show when=move || done.get()>
                <p class="note" role="status">{t.ordered}</p>
            </Show>
            <ErrorLine error=error />
        </section>
    }
}
