//! For the canteen's staff: the ordering cut-off of each meal, the delivery
//! fee and how much credit a balance may run to.

use leptos::prelude::*;
use linli_core::calendar::{format_minute_of_day, parse_minute_of_day};
use linli_core::canteen::menu::Meal;
use linli_core::canteen::records::{self, CanteenSettings};
use linli_core::canteen::Fen;
use linli_core::Mutation;

use super::i18n::texts;
use crate::notices::{invalid_input, run_mutation, ErrorLine};
use crate::sync::{use_community, MutateError};

const MEALS: [Meal; 3] = [Meal::Breakfast, Meal::Lunch, Meal::Dinner];

fn yuan(fen: Fen) -> String {
    format!("{:.2}", fen.0 as f64 / 100.0)
}

fn fen(text: &str) -> Option<Fen> {
    let yuan: f64 = text.trim().parse().ok()?;
    (yuan >= 0.0).then(|| Fen((yuan * 100.0).round() as i64))
}

#[component]
pub fn SettingsForm() -> impl IntoView {
    let t = texts();
    let community = use_community();
    let error = RwSignal::new(None::<MutateError>);
    let current: CanteenSettings = community
        .with_view(|view| {
            view.get(records::SETTINGS_KEY)
                .and_then(|value| serde_json::from_value(value.clone()).ok())
        })
        .flatten()
        .unwrap_or_default();
    let delivery = RwSignal::new(yuan(current.delivery_fee));
    let credit = RwSignal::new(yuan(current.credit_limit));
    // Per meal: whether the cut-off is the day before, and its time.
    let cutoffs: Vec<(Meal, RwSignal<bool>, RwSignal<String>)> = MEALS
        .iter()
        .map(|meal| {
            let (days, minute) = current.cutoff(*meal);
            (
                *meal,
                RwSignal::new(days < 0),
                RwSignal::new(format_minute_of_day(minute)),
            )
        })
        .collect();
    let save = {
        let cutoffs = cutoffs.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let parsed: Option<Vec<_>> = cutoffs
                .iter()
                .map(|(meal, day_before, time)| {
                    let minute = parse_minute_of_day(&time.get_untracked())?;
                    Some((*meal, (if day_before.get_untracked() { -1 } else { 0 }, minute)))
                })
                .collect();
            let (Some(delivery_fee), Some(credit_limit), Some(cutoffs)) = (
                fen(&delivery.get_untracked()),
                fen(&credit.get_untracked()),
                parsed,
            ) else {
                invalid_input(error);
                return;
            };
            let settings = CanteenSettings {
                delivery_fee,
                credit_limit,
                cutoffs,
            };
            run_mutation(community, Mutation::SetCanteenSettings(settings), error);
        }
    };
    view! {
        <details class="canteen-settings" data-testid="canteen-settings">
            <summary>{t.settings}</summary>
            <form on:submit=save>
                {cutoffs.into_iter().map(|(meal, day_before, time)| {
                    let name = t.meal_names[MEALS.iter().position(|m| *m == meal).unwrap_or(0)];
                    view! {
                        <fieldset>
                            <legend>{format!("{name} {}", t.cutoff)}</legend>
                            <label class="choice">
                                <input type="checkbox" prop:checked=move || day_before.get() on:change=move |ev| day_before.set(event_target_checked(&ev)) />
                                {t.cutoff_day_before}
                            </label>
                            <label><span>{t.cutoff_time}</span>
                                <input type="time" required prop:value=move || time.get() on:input=move |ev| time.set(event_target_value(&ev)) /></label>
                        </fieldset>
                    }
                }).collect_view()}
                <label><span>{t.delivery_fee_yuan}</span>
                    <input type="text" inputmode="decimal" prop:value=move || delivery.get() on:input=move |ev| delivery.set(event_target_value(&ev)) /></label>
                <label><span>{t.credit_limit_yuan}</span>
                    <input type="text" inputmode="decimal" prop:value=move || credit.get() on:input=move |ev| credit.set(event_target_value(&ev)) /></label>
                <button type="submit">{t.save_settings}</button>
                <ErrorLine error=error />
            </form>
        </details>
    }
}
