//! How the meal is taken, and what it costs: the delivery fee, each pricing
//! rule that changed the price (an elder's discount, a free sanitation
//! workers' breakfast) and the total.

use leptos::prelude::*;
use linli_core::canteen::pricing::{MealMode, PriceBreakdown};

use super::{mode_name, MODES};
use crate::canteen::i18n::texts;
use crate::i18n::Lang;

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
    let lang = crate::settings::use_settings().with_untracked(|settings| settings.lang);
    move || {
        bill.get().map(|bill| {
            // What the order costs and why, as the lines above say it.
            let adjustments: Vec<String> = bill
                .adjustments
                .iter()
                .map(|adjustment| {
                    let label = if lang == Lang::En { &adjustment.label_en } else { &adjustment.label_zh };
                    format!("{label} {}", adjustment.amount)
                })
                .collect();
            let spoken = [adjustments.join("，"), format!("{} {}", t.total, bill.total)].join("。");
            view! {
                <div class="bill" data-testid="bill">
                    {(bill.delivery_fee.0 > 0).then(|| view! { <p>{t.delivery_fee} " " {bill.delivery_fee.to_string()}</p> })}
                    {bill.adjustments.iter().map(|adjustment| {
                        let label = if lang == Lang::En { adjustment.label_en.clone() } else { adjustment.label_zh.clone() };
                        view! { <p class="adjustment" data-testid="adjustment">{format!("{label} {}", adjustment.amount)}</p> }
                    }).collect_view()}
                    <p class="total"><strong>{t.total} " " <span data-testid="total">{bill.total.to_string()}</span></strong></p>
                    <crate::shell::ReadAloud text=move || spoken.clone() />
                </div>
            }
        })
    }
}
