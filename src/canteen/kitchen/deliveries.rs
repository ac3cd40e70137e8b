//! The chosen meal's deliveries, with each member's address, marked
//! delivered one by one.

use leptos::prelude::*;
use linli_core::canteen::mutations::ServeOrder;
use linli_core::canteen::pricing::MealMode;
use linli_core::canteen::records::{self, DinerProfile, Order, OrderStatus};
use linli_core::canteen::CanteenMutation;
use linli_core::Mutation;

use crate::canteen::data;
use crate::canteen::i18n::texts;
use crate::forms::{run_mutation, ErrorLine};
use crate::sync::{use_community, MutateError};

#[component]
pub fn Deliveries(
    /// The chosen meal's orders.
    orders: Memo<Vec<Order>>,
) -> impl IntoView {
    let t = texts();
    let community = use_community();
    let error = RwSignal::new(None::<MutateError>);
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
    view! {
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
        <ErrorLine error=error />
    }
}
