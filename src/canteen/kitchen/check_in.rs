//! The counter: an order's pickup code (six digits, typed or scanned from
//! the QR on the member's phone) checks it in for the chosen meal.

use leptos::prelude::*;
use linli_core::canteen::mutations::ServeOrder;
use linli_core::canteen::pricing::MealMode;
use linli_core::canteen::records::{read_pickup_code, Order, OrderStatus};
use linli_core::canteen::CanteenMutation;
use linli_core::Mutation;

use crate::canteen::data;
use crate::canteen::i18n::texts;
use crate::forms::ErrorLine;
use crate::sync::{use_community, MutateError};

#[component]
pub fn CounterCheckIn(
    /// The chosen meal's orders.
    orders: Memo<Vec<Order>>,
) -> impl IntoView {
    let t = texts();
    let community = use_community();
    let error = RwSignal::new(None::<MutateError>);
    let code = RwSignal::new(String::new());
    let checked_in = RwSignal::new(None::<String>);
    let not_found = RwSignal::new(false);
    // Not six digits: said apart from "no such order", so staff retype it.
    let unreadable = RwSignal::new(false);
    let check_in = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        checked_in.set(None);
        let typed = read_pickup_code(&code.get_untracked());
        unreadable.set(typed.is_none());
        not_found.set(false);
        let Some(typed) = typed else { return };
        let waiting = orders.get_untracked().into_iter().find(|order| {
            order.pickup_code() == typed
                && order.status == OrderStatus::Placed
                && order.mode != MealMode::Delivery
        });
        not_found.set(waiting.is_none());
        let Some(order) = waiting else { return };
        let name = community
            .with_view(|view| data::member_name(view, order.member.as_str()))
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
    view! {
        <h3>{t.check_in}</h3>
        <form class="inline-form" on:submit=check_in data-testid="check-in">
            <label>
                <span>{t.check_in_code}</span>
                <input type="text" inputmode="numeric" autocomplete="off" spellcheck="false" prop:value=code on:input=move |ev| code.set(event_target_value(&ev)) />
            </label>
            <button type="submit">{t.check_in_button}</button>
            <crate::scan::ScanButton code=code />
        </form>
        {move || checked_in.get().map(|name| view! { <p class="note" role="status" data-testid="checked-in">{(t.checked_in)(&name)}</p> })}
        <Show when=move || not_found.get()>
            <p class="error" role="alert">{t.no_order_for_code}</p>
        </Show>
        <Show when=move || unreadable.get()>
            <p class="error" role="alert">{t.pickup_code_format}</p>
        </Show>
        <ErrorLine error=error />
    }
}
