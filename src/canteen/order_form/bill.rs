//! How the meal is taken, and what it costs: the delivery fee, each pricing
//! rule that changed the price (an elder's discount, a free sanitation
//! workers' breakfast) and the total.

use leptos::prelude::*;
use linli_core::canteen::pricing::{MealMode, PriceBreakdown};

use super::{mode_name, MODES};
use crate::canteen::data;
use crate::canteen::i18n::texts;

#[component]
pub fn ModeChooser(
    /// Dine in, take away or delivery.
    mode: RwSignal<MealMode>,
) -> impl IntoView {
    let t = texts();
    view! {
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
    }
}

#[component]
pub fn Bill(
    /// The price the rules give the order, when it has a line.
    bill: Memo<Option<PriceBreakdown>>,
) -> impl IntoView {
    let t = texts();
    move || {
        bill.get().map(|bill| {
            // Each rule that changed the price, as shown and as read aloud.
            let adjustments: Vec<String> = bill
                .adjustments
                .iter()
                .map(|adjustment| {
                    let label = data::shown_name(&adjustment.label_zh, &adjustment.label_en);
                    format!("{label} {}", adjustment.amount)
                })
                .collect();
            let spoken = [adjustments.join("，"), format!("{} {}", t.total, bill.total)].join("。");
            view! {
                <div class="bill" data-testid="bill">
                    {(bill.delivery_fee.0 > 0).then(|| view! { <p>{t.delivery_fee} " " {bill.delivery_fee.to_string()}</p> })}
                    {adjustments.into_iter().map(|line| view! { <p class="adjustment" data-testid="adjustment">{line}</p> }).collect_view()}
                    <p class="total"><strong>{t.total} " " <span data-testid="total">{bill.total.to_string()}</span></strong></p>
                    <crate::shell::ReadAloud text=move || spoken.clone() />
                </div>
            }
        })
    }
}
