//! The diet tags (soft, low oil, low salt, suitable for diabetics) as
//! chips to tick: what a member keeps the menu to, and what staff say of a
//! dish.
//!
//! ```ignore
//! let tags = RwSignal::new(Vec::<DietTag>::new());
//! view! { <DietTagChips selected=tags /> }
//! ```

use leptos::prelude::*;
use linli_core::canteen::menu::DietTag;

use super::i18n::texts;

#[component]
pub fn DietTagChips(
    /// The ticked tags.
    selected: RwSignal<Vec<DietTag>>,
) -> impl IntoView {
    let t = texts();
    DietTag::ALL
        .into_iter()
        .enumerate()
        .map(|(index, tag)| {
            view! {
                <label class="chip">
                    <input type="checkbox" prop:checked=move || selected.get().contains(&tag) on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        selected.update(|tags| {
                            tags.retain(|t| *t != tag);
                            if on { tags.push(tag); }
                        });
                    } />
                    <span>{t.diet_tag_names[index]}</span>
                </label>
            }
        })
        .collect_view()
}
