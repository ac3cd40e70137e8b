//! Searching the day's menu by name and keeping to a diet.

use leptos::prelude::*;
use linli_core::canteen::menu::DietTag;

use crate::canteen::diet_tags::DietTagChips;
use crate::canteen::i18n::texts;

#[component]
pub fn DishFilter(
    /// What the member typed to search the menu.
    search: RwSignal<String>,
    /// The diet tags every shown dish must have.
    filter: RwSignal<Vec<DietTag>>,
) -> impl IntoView {
    let t = texts();
    view! {
        <label>
            <span>{t.search}</span>
            <input type="search" data-testid="dish-search" prop:value=search on:input=move |ev| search.set(event_target_value(&ev)) />
        </label>
        <fieldset class="chips">
            <legend>{t.filter}</legend>
            <DietTagChips selected=filter />
        </fieldset>
    }
}
