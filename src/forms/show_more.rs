//! A long list shown a page at a time. A cheap phone cannot lay out
//! thousands of cards at once (an officer's community holds 1,500 cases and
//! 3,000 households), and nobody reads past the first screenful before
//! looking for something: the list shows `step` items, and a button shows
//! the next `step`.
//!
//! ## Usage
//! ```ignore
//! let limit = RwSignal::new(20);
//! let shown = Memo::new(move |_| cases.get().into_iter().take(limit.get()).collect::<Vec<_>>());
//! view! {
//!     <For each=move || shown.get() key=|case| case.id.clone() children=… />
//!     <ShowMore limit step=20 total=Signal::derive(move || cases.get().len()) label=t.more_cases test_id="more-cases" />
//! }
//! ```

use leptos::prelude::*;

/// The button under a paged list, while some of it is hidden.
#[component]
pub fn ShowMore(
    /// How many of the list are shown; the button raises it by `step`.
    limit: RwSignal<usize>,
    /// How many more each press shows.
    step: usize,
    /// How long the whole list is.
    #[prop(into)]
    total: Signal<usize>,
    /// The button's words, given how many are still hidden.
    label: fn(usize) -> String,
    /// The button's `data-testid`.
    test_id: &'static str,
) -> impl IntoView {
    let hidden = move || total.get().saturating_sub(limit.get());
    view! {
        <Show when=move || { hidden() > 0 }>
            <button type="button" class="secondary" data-testid=test_id on:click=move |_| limit.update(|limit| *limit += step)>
                {move || label(hidden())}
            </button>
        </Show>
    }
}
