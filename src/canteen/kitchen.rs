//! The kitchen and counter (canteen staff): portions per dish for a meal, the
//! delivery list with addresses, pickup check-in by code, top-ups, and the
//! members' monthly plans.

use std::collections::BTreeMap;

use leptos::prelude::*;
use linli_core::canteen::menu::Meal;
use linli_core::canteen::mutations::{ServeOrder, TopUp};
use linli_core::canteen::pricing::MealMode;
use linli_core::canteen::records::{self, DinerProfile, OrderStatus};
use linli_core::canteen::CanteenMutation;
use linli_core::canteen::Fen;
use linli_core::{MemberId, Mutation};

use super::data;
use super::i18n::texts;
use super::order_form::MealChooser;
use crate::forms::{invalid_input, run_mutation, typed_yuan, ErrorLine};
use crate::sync::{new_id, use_community, MutateError};

#[component]
pub fn Kitchen() -> impl IntoView {
    let t = texts();
    let community = use_community();
    let date = RwSignal::new(data::today().add_days(1));
    let meal = RwSignal::new(Meal::Lunch);
    let error = RwSignal::new(None::<MutateError>);
    let orders = Memo::new(move |_| {
        let (date, meal) = (date.get(), meal.get());
        community
            .with_view(|view| {
                data::orders(view)
                    .into_iter()
                    .filter(|order| {
                        order.date == date && order.meal == meal && order.status != OrderStatus::Cancelled
                    })
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    });
    let counts = Memo::new(move |_| {
        let names: BTreeMap<String, String> = community
            .with_view(|view| {
                data::dishes(view)
                    .into_iter()
                    .map(|dish| (dish.id, dish.name_zh))
                    .collect()
            })
            .unwrap_or_default();
        let mut counts: BTreeMap<String, u32> = BTreeMap::new();
        for order in orders.get() {
            for line in order.lines {
                *counts
                    .entry(names.get(&line.dish).cloned().unwrap_or(line.dish))
                    .or_default() += line.quantity;
            }
        }
        counts.into_iter().collect::<Vec<_>>()
    });
    let deliveries = Memo::new(move |_| {
        orders
            .get()
            .into_iter()
            .filter(|order| order.mode == MealMode::Delivery)
            .map(|order| {
                let (name, address) = community
                    .with_view(|view| {
                        let address = view
                            .get(&records::diner(&order.member))
                            .and_then(|value| serde_json::from_value::<DinerProfile>(value.clone()).ok())
                            .map(|profile| profile.address)
                            .unwrap_or_default();
                        (data::member_name(view, order.member.as_str()), address)
                    })
                    .unwrap_or_default();
                (order, name, address)
            })
            .collect::<Vec<_>>()
    });

    let code = RwSignal::new(String::new());
    let checked_in = RwSignal::new(None::<String>);
    let not_found = RwSignal::new(false);
    let check_in = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let typed = code.get_untracked().trim().to_owned();
        let waiting = orders.get_untracked().into_iter().find(|order| {
            order.member.as_str() == typed
                && order.status == OrderStatus::Placed
                && order.mode != MealMode::Delivery
        });
        not_found.set(waiting.is_none());
        checked_in.set(None);
        let Some(order) = waiting else { return };
        let name = community
            .with_view(|view| data::member_name(view, &typed))
            .unwrap_or_default();
        let serve = Mutation::Canteen(CanteenMutation::CheckIn(ServeOrder {
            id: order.id,
            member: order.member,
        }));
        leptos::task::spawn_local(async move {
            match community.mutate(serve).await {
                Ok(()) => {
                    checked_in.set(Some(name));
                    code.set(String::new());
                    error.set(None);
                }
                Err(err) => error.set(Some(err)),
            }
        });
    };

    let members = Memo::new(move |_| community.with_view(data::members_by_name).unwrap_or_default());
    let top_up_member = RwSignal::new(String::new());
    let top_up_yuan = RwSignal::new(String::new());
    let top_up = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Ok(member) = top_up_member.get_untracked().parse::<MemberId>() else {
            invalid_input(error);
            return;
        };
        let Some(amount) = typed_yuan(&top_up_yuan.get_untracked(), Fen::MAX_TOP_UP, error) else {
            return;
        };
        run_mutation(
            community,
            Mutation::Canteen(CanteenMutation::TopUp(TopUp {
                id: new_id("t"),
                member,
                amount,
                reference: String::new(),
            })),
            error,
        );
        top_up_yuan.set(String::new());
    };
    let subscriptions = Memo::new(move |_| {
        community
            .with_view(|view| {
                data::subscriptions(view)
                    .into_iter()
                    .map(|subscription| (data::member_name(view, &subscription.member), subscription))
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    });

    view! {
        <section class="card kitchen" data-testid="kitchen">
            <h2>{t.kitchen}</h2>
            <MealChooser date=date meal=meal />
            <super::menu_editor::MenuEditor date=date meal=meal />
            <super::settings_form::SettingsForm />
            <h3>{t.counts}</h3>
            <table class="counts" data-testid="kitchen-counts">
                <tbody>
                    {move || counts.get().into_iter().map(|(dish, count)| view! {
                        <tr data-testid="count-row"><td>{dish}</td><td class="count">{count}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
            <h3>{t.check_in}</h3>
            <form class="inline-form" on:submit=check_in data-testid="check-in">
                <label>
                    <span>{t.check_in_code}</span>
                    <input type="text" autocapitalize="off" spellcheck="false" prop:value=code on:input=move |ev| code.set(event_target_value(&ev)) />
                </label>
                <button type="submit">{t.check_in_button}</button>
                <crate::scan::ScanButton code=code />
            </form>
            {move || checked_in.get().map(|name| view! { <p class="note" role="status" data-testid="checked-in">{(t.checked_in)(&name)}</p> })}
            <Show when=move || not_found.get()>
                <p class="error" role="alert">{t.no_order_for_code}</p>
            </Show>
            <h3>{t.deliveries}</h3>
            <Show when=move || deliveries.get().is_empty()>
                <p class="note">{t.no_deliveries}</p>
            </Show>
            <ul class="deliveries">
                {move || deliveries.get().into_iter().map(|(order, name, address)| {
                    let delivered = order.status == OrderStatus::Delivered;
                    let serve = ServeOrder { id: order.id.clone(), member: order.member.clone() };
                    view! {
                        <li data-testid="delivery">
                            <strong>{name}</strong> " " {address}
                            {(!delivered).then(|| view! {
                                <button type="button" class="secondary" on:click=move |_| run_mutation(community, Mutation::Canteen(CanteenMutation::MarkDelivered(serve.clone())), error)>
                                    {t.mark_delivered}
                                </button>
                            })}
                        </li>
                    }
                }).collect_view()}
            </ul>
            <h3>{t.top_up}</h3>
            <form class="inline-form" on:submit=top_up data-testid="top-up">
                <label>
                    <span>{t.top_up_member}</span>
                    <select on:change=move |ev| top_up_member.set(event_target_value(&ev))>
                        <option value="">"—"</option>
                        {move || members.get().into_iter().map(|member| view! {
                            <option value=member.id.to_string()>{member.name}</option>
                        }).collect_view()}
                    </select>
                </label>
                <label>
                    <span>{t.top_up_amount}</span>
                    <input type="text" inputmode="decimal" prop:value=top_up_yuan on:input=move |ev| top_up_yuan.set(event_target_value(&ev)) />
                </label>
                <button type="submit">{t.top_up}</button>
            </form>
            // Staff see any member's balance and statement.
            {move || {
                let member = top_up_member.get().parse::<MemberId>().ok()?;
                let entries = community.with_view(|view| data::ledger(view, &member)).unwrap_or_default();
                let balance = linli_core::canteen::ledger::balance(&entries);
                Some(view! {
                    <div class="member-ledger" data-testid="member-ledger">
                        <p>{t.balance} ": " <strong>{balance.to_string()}</strong></p>
                        <ul class="plain-list">
                            {entries.into_iter().rev().take(20).map(|entry| view! {
                                <li>{format!("{} {}", entry.amount, entry.reference)}</li>
                            }).collect_view()}
                        </ul>
                    </div>
                })
            }}
            <ErrorLine error=error />
            <h3>{t.all_subscriptions}</h3>
            <ul class="plain-list" data-testid="all-subscriptions">
                {move || subscriptions.get().into_iter().map(|(name, subscription)| view! {
                    <li data-testid="member-subscription" data-member=subscription.member.clone()>
                        {name} " · " <span data-testid="end-date">{(t.ends_on)(&subscription.end_date().to_string())}</span>
                    </li>
                }).collect_view()}
            </ul>
        </section>
    }
}
