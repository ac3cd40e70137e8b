//! Ordering a meal: the day's menu with diet filters, portions, the mode,
//! and the price with the rules that made it.
//!
//! - this file: the form, which holds the order being made, and the
//!   meal chooser the kitchen shares;
//! - [`dish_filter`]: searching the menu and keeping to a diet;
//! - [`dish_list`]: the day's dishes with their portions;
//! - [`bill`]: the mode (dine in, take away, delivery) and the price.

mod bill;
mod dish_filter;
mod dish_list;

use std::collections::BTreeMap;

use leptos::prelude::*;
use linli_core::calendar::Date;
use linli_core::canteen::menu::{DietTag, Meal};
use linli_core::canteen::mutations::{cutoff_moment, PlaceOrder};
use linli_core::canteen::pricing::{MealMode, OrderLine};
use linli_core::canteen::records::{pickup_code, pickup_code_for_reading};
use linli_core::canteen::CanteenMutation;
use linli_core::canteen::CANTEEN_STAFF;
use linli_core::{MemberId, Mutation, Timestamp};

use super::data;
use super::i18n::{texts, Texts};
use crate::forms::{ErrorLine, MemberSelect};
use crate::sync::{new_id, use_community, MutateError};

pub(super) const MODES: [MealMode; 3] = [MealMode::DineIn, MealMode::TakeAway, MealMode::Delivery];

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

/// For staff at the counter: whom the order is for (an elder who came in
/// without a phone), the order then "entered by" staff. Others see nothing.
#[component]
fn OrderFor(
    /// The member chosen; `None` for the one ordering.
    for_member: RwSignal<Option<MemberId>>,
) -> impl IntoView {
    let t = texts();
    let community = use_community();
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

    view! {
            <Show when=move || staff.get()>
                <MemberSelect label=t.order_for none=t.myself members=members chosen=for_member test_id="order-for" />
            </Show>
    }
}

#[component]
pub fn OrderForm() -> impl IntoView {
    let t = texts();
    let community = use_community();
    let date = RwSignal::new(data::today().add_days(1));
    let meal = RwSignal::new(Meal::Lunch);
    let mode = RwSignal::new(MealMode::DineIn);
    let filter = RwSignal::new(Vec::<DietTag>::new());
    let search = RwSignal::new(String::new());
    let quantities = RwSignal::new(BTreeMap::<String, u32>::new());
    let error = RwSignal::new(None::<MutateError>);
    let done = RwSignal::new(false);
    // The pickup code of the order just placed, to show with the thanks.
    let placed_code = RwSignal::new(None::<String>);
    let for_member = RwSignal::new(None::<MemberId>);
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
    // Shown before ordering: when this meal's orders close, and what is
    // left of each dish the kitchen limits.
    let closes = Memo::new(move |_| {
        let (date, meal) = (date.get(), meal.get());
        community
            .with_view(|view| cutoff_moment(&data::settings(view), date, meal))
            .unwrap_or(Timestamp(0))
    });
    let left = Memo::new(move |_| {
        let (date, meal) = (date.get(), meal.get());
        community
            .with_view(|view| {
                let portions = data::portions(view, date, meal);
                menu.get()
                    .iter()
                    .filter_map(|dish| Some((dish.id.clone(), portions.left_of(dish)?)))
                    .collect::<BTreeMap<String, u32>>()
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
        let id = new_id("o");
        // Known at once, offline too: the code follows from the order's id.
        let code =
            (mode.get_untracked() != MealMode::Delivery).then(|| pickup_code_for_reading(&pickup_code(&id)));
        let mutation = Mutation::Canteen(CanteenMutation::PlaceOrder(PlaceOrder {
            id,
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
                    placed_code.set(code);
                }
                Err(err) => error.set(Some(err)),
            }
        });
    };
    let change = Callback::new(move |(dish, by): (String, i32)| {
        done.set(false);
        quantities.update(|quantities| {
            let quantity = quantities.entry(dish).or_default();
            *quantity = (*quantity as i32 + by).clamp(0, 20) as u32;
        });
    });

    view! {
        <section class="card canteen-order" data-testid="order-form">
            <h2>{t.order_title}</h2>
            <OrderFor for_member=for_member />
            <MealChooser date=date meal=meal />
            {move || {
                let at = data::local_time(closes.get());
                if data::now() < closes.get() {
                    view! { <p class="note" data-testid="order-closes">{(t.order_closes_at)(&at)}</p> }.into_any()
                } else {
                    view! { <p class="warning" data-testid="order-closed">{(t.order_closed)(&at)}</p> }.into_any()
                }
            }}
            <dish_filter::DishFilter search=search filter=filter />
            <Show when=move || menu.get().is_empty()>
                <p class="note">{t.no_menu}</p>
            </Show>
            <dish_list::DishList menu=menu left=left quantities=quantities on_change=change />
            <bill::ModeChooser mode=mode />
            <bill::Bill bill=bill />
            <button type="button" on:click=place prop:disabled=move || bill.get().is_none() data-testid="place-order">
                {t.place_order}
            </button>
            <Show when=move || done.get()>
                <p class="note" role="status">
                    {t.ordered}
                    {move || placed_code.get().map(|code| view! {
                        " " {t.my_code} " " <strong class="invite-code" data-testid="ordered-pickup-code">{code}</strong>
                    })}
                </p>
            </Show>
            <ErrorLine error=error />
        </section>
    }
}
