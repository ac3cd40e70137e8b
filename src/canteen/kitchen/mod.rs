//! The kitchen and counter (canteen staff), one component per task:
//!
//! - [`counts`]: portions per dish for the chosen meal;
//! - [`check_in`]: picking up at the counter by pickup code (typed or scanned);
//! - [`deliveries`]: the delivery list with addresses;
//! - [`top_up`]: topping up a member's balance, with their statement;
//! - [`subscriptions`]: the members' monthly plans;
//! - [`funds`]: the charity meal funds, their donations and whom they help.
//!
//! The menu and the canteen's settings have their own screens
//! (`menu_editor.rs`, `settings_form.rs`), shown here too.

mod check_in;
mod counts;
mod deliveries;
mod funds;
mod subscriptions;
mod top_up;

use leptos::prelude::*;
use linli_core::canteen::menu::Meal;
use linli_core::canteen::records::{Order, OrderStatus};

use super::data;
use super::i18n::texts;
use super::order_form::MealChooser;
use crate::sync::use_community;

#[component]
pub fn Kitchen() -> impl IntoView {
    let t = texts();
    let community = use_community();
    // Today's meals: the counter serves an order on its own day only.
    let date = RwSignal::new(data::today());
    let meal = RwSignal::new(Meal::Lunch);
    // The chosen meal's orders, which the counts, the counter and the
    // delivery list all work from.
    let orders: Memo<Vec<Order>> = Memo::new(move |_| {
        let (date, meal) = (date.get(), meal.get());
        community
            .with_view(|view| {
                data::orders(view)
                    .into_iter()
                    .filter(|order| {
                        order.date == date && order.meal == meal && order.status != OrderStatus::Cancelled
                    })
                    .collect()
            })
            .unwrap_or_default()
    });

    view! {
        <section class="card kitchen" data-testid="kitchen">
            <h2>{t.kitchen}</h2>
            <MealChooser date=date meal=meal />
            <super::menu_editor::MenuEditor date=date meal=meal />
            <super::settings_form::SettingsForm />
            <counts::PortionCounts orders=orders />
            <check_in::CounterCheckIn orders=orders />
            <deliveries::Deliveries orders=orders />
            <top_up::TopUpForm />
            <subscriptions::AllSubscriptions />
            <funds::FundsDesk />
        </section>
    }
}
