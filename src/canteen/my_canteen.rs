//! The member's own canteen records: orders (each to be picked up with its
//! own code, read aloud or scanned), balance and statement, and monthly
//! plans with pauses that roll over.

use leptos::prelude::*;
use linli_core::calendar::Date;
use linli_core::canteen::mutations::{
    cutoff_moment, CancelOrder, PauseSubscription, ResumeSubscription, Subscribe,
};
use linli_core::canteen::pricing::MealMode;
use linli_core::canteen::records::{pickup_code_for_reading, OrderStatus};
use linli_core::canteen::subscription::Subscription;
use linli_core::canteen::CanteenMutation;
use linli_core::canteen::Fen;
use linli_core::Mutation;
use linli_core::Timestamp;

use super::data;
use super::i18n::texts;
use super::order_form::{meal_name, mode_name};
use crate::forms::{run_mutation, unsent_notice, ErrorLine};
use crate::sync::{new_id, use_community, MutateError};

fn status_name(t: &super::i18n::Texts, status: OrderStatus) -> &'static str {
    t.order_status_names[match status {
        OrderStatus::Placed => 0,
        OrderStatus::Cancelled => 1,
        OrderStatus::PickedUp => 2,
        OrderStatus::Delivered => 3,
    }]
}

#[component]
pub fn MyCanteen() -> impl IntoView {
    let t = texts();
    let community = use_community();
    let error = RwSignal::new(None::<MutateError>);
    let me = Memo::new(move |_| {
        community.revision.track();
        community.actor().map(|actor| actor.member)
    });
    let orders = Memo::new(move |_| {
        let Some(me) = me.get() else { return Vec::new() };
        let mut orders: Vec<_> = community
            .with_view(|view| {
                data::orders(view)
                    .into_iter()
                    .filter(|order| order.member == me)
                    .collect()
            })
            .unwrap_or_default();
        // Newest meal first.
        orders.sort_by_key(|order: &linli_core::canteen::records::Order| {
            std::cmp::Reverse((order.date, order.meal))
        });
        orders
    });
    let balance = Memo::new(move |_| {
        let Some(me) = me.get() else { return Fen::ZERO };
        community
            .with_view(|view| linli_core::canteen::ledger::balance(&data::ledger(view, &me)))
            .unwrap_or_default()
    });
    view! {
        <section class="card my-canteen" data-testid="my-canteen">
            <h2>{t.my_orders}</h2>
            <p>
                {t.balance} ": " <strong data-testid="balance">{move || balance.get().to_string()}</strong>
            </p>
            <Show when=move || orders.get().is_empty()>
                <p class="note">{t.no_orders}</p>
            </Show>
            <ul class="order-list">
                <For
                    each=move || orders.get()
                    key=|order| (order.id.clone(), order.status)
                    children=move |order| {
                        let cancel = CancelOrder { id: order.id.clone(), member: None };
                        let items = community
                            .with_view(|view| {
                                let dishes = data::dishes(view);
                                order.lines.iter().map(|line| {
                                    let name = dishes.iter().find(|dish| dish.id == line.dish).map_or(line.dish.clone(), |dish| data::shown_name(&dish.name_zh, &dish.name_en));
                                    format!("{name}×{}", line.quantity)
                                }).collect::<Vec<_>>().join("、")
                            })
                            .unwrap_or_default();
                        let entered_by = (order.entered_by != order.member).then(|| {
                            let name = community
                                .with_view(|view| data::member_name(view, order.entered_by.as_str()))
                                .unwrap_or_default();
                            (t.entered_by)(&name)
                        });
                        let unsent = order_unsent_notice(community, &order);
                        view! {
                            <li class="order" data-testid="my-order" data-status=format!("{:?}", order.status)>
                                <strong>{format!("{} {} · {}", order.date, meal_name(t, order.meal), mode_name(t, order.mode))}</strong>
                                <span>{items}</span>
                                {entered_by.map(|by| view! { <span class="note" data-testid="order-entered-by">{by}</span> })}
                                {unsent}
                                <span>{t.total} " " <span data-testid="order-total">{order.price.total.to_string()}</span> " · " {status_name(t, order.status)}</span>
                                {(order.status == OrderStatus::Placed && order.mode != MealMode::Delivery).then(|| {
                                    let code = order.pickup_code();
                                    view! {
                                        <div class="pickup-code">
                                            <p>{t.my_code} " " <strong class="invite-code" data-testid="order-pickup-code">{pickup_code_for_reading(&code)}</strong></p>
                                            <div class="qr" inner_html=crate::qr::qr_svg(&code, 96)></div>
                                        </div>
                                    }
                                })}
                                {(order.status == OrderStatus::Placed).then(|| view! {
                                    <button type="button" class="secondary" on:click=move |_| run_mutation(community, Mutation::Canteen(CanteenMutation::CancelOrder(cancel.clone())), error)>
                                        {t.cancel_order}
                                    </button>
                                })}
                            </li>
                        }
                    }
                />
            </ul>
            <ErrorLine error=error />
            <details data-testid="my-statement">
                <summary>{t.ledger}</summary>
                <super::statement::MonthStatement member=me />
            </details>
            <MyPlans me=me />
        </section>
    }
}

/// While an order is still on this device: that the server has not seen
/// it, and by when it must (the meal's cut-off, by the server's clock);
/// once that has passed, that it will not count and what to do instead.
fn order_unsent_notice(
    community: crate::sync::Community,
    order: &linli_core::canteen::records::Order,
) -> impl IntoView {
    let t = texts();
    let key = linli_core::canteen::records::order(&order.member, &order.id);
    let closes = community
        .with_view(|view| cutoff_moment(&data::settings(view), order.date, order.meal))
        .unwrap_or(Timestamp(0));
    let placed = order.status == OrderStatus::Placed;
    move || {
        (placed && community.has_pending(&key)).then(|| {
            unsent_notice(
                closes,
                (t.order_unsent)(&data::local_time(closes)),
                t.order_unsent_late,
                "order",
            )
        })
    }
}

/// The member's meal plans, each with its pauses, and the plans on offer.
#[component]
fn MyPlans(
    /// The signed-in member.
    me: Memo<Option<linli_core::MemberId>>,
) -> impl IntoView {
    let t = texts();
    let community = use_community();
    let error = RwSignal::new(None::<MutateError>);
    let subscriptions = Memo::new(move |_| {
        let Some(me) = me.get() else { return Vec::new() };
        community
            .with_view(|view| {
                data::subscriptions(view)
                    .into_iter()
                    .filter(|subscription| subscription.member == me.as_str())
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    });
    let plans = Memo::new(move |_| community.with_view(data::plans).unwrap_or_default());

    view! {
            <h2>{t.subscriptions}</h2>
            <ul class="subscriptions">
                <For
                    each=move || subscriptions.get()
                    key=|subscription| (subscription.id.clone(), subscription.pauses.len(), subscription.end_date())
                    children=move |subscription| view! { <SubscriptionCard subscription=subscription /> }
                />
            </ul>
            <div class="plans">
                {move || plans.get().into_iter().map(|plan| {
                    let plan_id = plan.id.clone();
                    view! {
                        <p class="plan">
                            {format!("{} {}", data::shown_name(&plan.name_zh, &plan.name_en), plan.price)} " "
                            <button type="button" class="secondary" on:click=move |_| {
                                let subscribe = Subscribe { id: new_id("s"), member: None, plan: plan_id.clone(), start: data::today().add_days(1) };
                                run_mutation(community, Mutation::Canteen(CanteenMutation::Subscribe(subscribe)), error);
                            }>{t.subscribe}</button>
                        </p>
                    }
                }).collect_view()}
            </div>
        <ErrorLine error=error />
    }
}

#[component]
fn SubscriptionCard(subscription: Subscription) -> impl IntoView {
    let t = texts();
    let community = use_community();
    let error = RwSignal::new(None::<MutateError>);
    let from = RwSignal::new(data::today().add_days(1));
    let to = RwSignal::new(data::today().add_days(3));
    let plan_name = community
        .with_view(|view| {
            data::plans(view)
                .into_iter()
                .find(|plan| plan.id == subscription.plan)
                .map(|plan| data::shown_name(&plan.name_zh, &plan.name_en))
                .unwrap_or_else(|| subscription.plan.clone())
        })
        .unwrap_or_default();
    let id = subscription.id.clone();
    let pause = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let args = PauseSubscription {
            id: id.clone(),
            member: None,
            from: from.get_untracked(),
            to: to.get_untracked(),
        };
        run_mutation(
            community,
            Mutation::Canteen(CanteenMutation::PauseSubscription(args)),
            error,
        );
    };
    // Resuming serves again from tomorrow: today's meal is already planned.
    let has_pauses = subscription.pauses.iter().any(|pause| pause.to >= data::today());
    let resume_id = subscription.id.clone();
    let resume = move |_| {
        let args = ResumeSubscription {
            id: resume_id.clone(),
            member: None,
            on: data::today().add_days(1),
        };
        run_mutation(
            community,
            Mutation::Canteen(CanteenMutation::ResumeSubscription(args)),
            error,
        );
    };
    // A pause still on this device stops its first day's meal only if it
    // reaches the server by the end of that day.
    let pause_key = subscription
        .member
        .parse()
        .map(|member| linli_core::canteen::records::subscription(&member, &subscription.id))
        .unwrap_or_default();
    let newest_pause = subscription.pauses.last().map(|pause| pause.from);
    let pause_unsent = move || {
        let from = newest_pause?;
        community.has_pending(&pause_key).then(|| {
            let deadline = Subscription::pause_deadline(from);
            unsent_notice(
                deadline,
                (t.pause_unsent)(&data::local_time(deadline)),
                t.pause_unsent_late,
                "pause",
            )
        })
    };
    let date_input = move |signal: RwSignal<Date>, test_id: &'static str| {
        view! {
            <input
                type="date"
                data-testid=test_id
                prop:value=move || signal.get().to_string()
                on:change=move |ev| {
                    if let Ok(date) = event_target_value(&ev).parse() {
                        signal.set(date);
                    }
                }
            />
        }
    };
    view! {
        <li class="subscription" data-testid="subscription">
            <strong>{plan_name}</strong>
            " "
            <span data-testid="end-date">{(t.ends_on)(&subscription.end_date().to_string())}</span>
            <form class="pause" on:submit=pause>
                <label><span>{t.pause_from}</span>{date_input(from, "pause-from")}</label>
                <label><span>{t.pause_to}</span>{date_input(to, "pause-to")}</label>
                <button type="submit" data-testid="pause">{t.pause}</button>
            </form>
            {has_pauses.then(|| view! {
                <button type="button" class="secondary" on:click=resume data-testid="resume">{t.resume}</button>
            })}
            {pause_unsent}
            <ErrorLine error=error />
        </li>
    }
}
