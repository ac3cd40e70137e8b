//! A labelled text field bound to a signal: the one shape most form fields
//! have, written once.
//!
//! ## Usage
//! ```ignore
//! let title = RwSignal::new(String::new());
//! view! { <InputField label=t.title value=title /> }
//! view! { <InputField label=t.date value=date input_type="date" /> }
//! view! { <InputField label=t.amount value=amount inputmode="decimal" test_id="amount" /> }
//! ```

use leptos::prelude::*;

/// `<label class="field"><span>label</span><input …></label>`, the input
/// showing and setting `value`.
#[component]
pub fn InputField(
    /// What the field asks for, read out with it.
    label: &'static str,
    /// What was typed; the field follows it when it is set elsewhere.
    value: RwSignal<String>,
    /// The input's type: "text" unless said ("date", "month", "number").
    #[prop(default = "text")]
    input_type: &'static str,
    /// The phone keyboard to offer ("decimal" for money).
    #[prop(optional)]
    inputmode: Option<&'static str>,
    /// A hint inside the empty field.
    #[prop(optional)]
    placeholder: Option<&'static str>,
    /// The field's `data-testid`.
    #[prop(optional)]
    test_id: Option<&'static str>,
) -> impl IntoView {
    view! {
        <label class="field">
            <span>{label}</span>
            <input
                type=input_type
                inputmode=inputmode
                placeholder=placeholder
                data-testid=test_id
                prop:value=value
                on:input=move |ev| value.set(event_target_value(&ev))
            />
        </label>
    }
}
