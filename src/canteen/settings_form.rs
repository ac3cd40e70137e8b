//! For the canteen's staff: the ordering cut-off of each meal, the delivery
//! fee and how much credit a balance may run to.

use leptos::prelude::*;
use linli_core::calendar::{format_minute_of_day, parse_minute_of_day};
use linli_core::canteen::menu::Meal;
use linli_core::canteen::records::{self, CanteenSettings};
use linli_core::canteen::CanteenMutation;
use linli_core::canteen::Fen;
use linli_core::Mutation;

use super::i18n::texts;
use super::order_form::meal_name;
use crate::forms::{invalid_input, run_mutation, typed_yuan, ErrorLine};
use crate::sync::{use_community, MutateError};

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
    let delivery = RwSignal::new(current.delivery_fee.to_yuan_field());
    let credit = RwSignal::new(current.credit_limit.to_yuan_field());
    // Per meal: whether the cut-off is the day before, and its time.
    let cutoffs: Vec<(Meal, RwSignal<bool>, RwSignal<String>)> = Meal::ALL
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
            let Some(delivery_fee) = typed_yuan(&delivery.get_untracked(), Fen::MAX_PRICE, error) else {
                return;
            };
            let Some(credit_limit) = typed_yuan(&credit.get_untracked(), Fen::MAX_PRICE, error) else {
                return;
            };
            let Some(cutoffs) = parsed else {
                invalid_input(error);
                return;
            };
            let settings = CanteenSettings {
                delivery_fee,
                credit_limit,
                cutoffs,
            };
            run_mutation(
                community,
                Mutation::Canteen(CanteenMutation::SetCanteenSettings(settings)),
                error,
            );
        }
    };
    view! {
        <details class="canteen-settings" data-testid="canteen-settings">
            <summary>{t.settings}</summary>
            <form on:submit=save>
                {cutoffs.into_iter().map(|(meal, day_before, time)| {
                    let name = meal_name(t, meal);
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
