//! How many portions of each dish the chosen meal's orders need.

use std::collections::BTreeMap;

use leptos::prelude::*;
use linli_core::canteen::records::Order;

use crate::canteen::data;
use crate::canteen::i18n::texts;
use crate::sync::use_community;

#[component]
pub fn PortionCounts(
    /// The chosen meal's orders.
    orders: Memo<Vec<Order>>,
) -> impl IntoView {
    let t = texts();
    let community = use_community();
    let counts = Memo::new(move |_| {
        let names: BTreeMap<String, String> = community
            .with_view(|view| {
                data::dishes(view)
                    .into_iter()
                    .map(|dish| (dish.id, data::shown_name(&dish.name_zh, &dish.name_en)))
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
    view! {
        <h3>{t.counts}</h3>
        <table class="counts" data-testid="kitchen-counts">
            <tbody>
                {move || counts.get().into_iter().map(|(dish, count)| view! {
                    <tr data-testid="count-row"><td>{dish}</td><td class="count">{count}</td></tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}
