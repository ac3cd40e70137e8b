//! What every form shares: running a change and saying why it failed, in
//! the member's language, under the form.
//!
//! ```ignore
//! let error = RwSignal::new(None::<MutateError>);
//! let save = move |_| {
//!     let Some(price) = typed_yuan(&yuan.get_untracked(), Fen::MAX_PRICE, error) else { return };
//!     run_mutation(community, CanteenMutation::UpsertDish(dish_with(price)).into(), error);
//! };
//! view! { <form on:submit=save>…<ErrorLine error /></form> }
//! ```

mod input_field;
mod show_more;

pub use input_field::InputField;
pub use show_more::ShowMore;

use leptos::prelude::*;
use linli_core::canteen::money::{Fen, YuanError};
use linli_core::{Mutation, Timestamp};

use crate::i18n::{texts, Texts};
use crate::sync::{Community, MutateError};

/// The sentence for a failed change.
pub fn mutate_error_text(t: &Texts, err: &MutateError) -> &'static str {
    match err {
        MutateError::SignedOut => t.join_hint,
        MutateError::Rejected(rejection) => t.rejection(rejection.code),
        MutateError::Store(crate::store::StoreError::QuotaExceeded) => t.problem_quota,
        MutateError::Store(crate::store::StoreError::Unavailable) => t.problem_storage_unavailable,
        MutateError::Store(_) => t.problem_storage_failed,
        MutateError::RulesUnavailable => t.problem_rules_unavailable,
        MutateError::Money(YuanError::Empty) => t.money_empty,
        MutateError::Money(YuanError::NotANumber) => t.money_not_a_number,
        MutateError::Money(YuanError::Negative) => t.money_negative,
        MutateError::Money(YuanError::TooManyDecimals) => t.money_too_many_decimals,
        MutateError::Money(YuanError::TooLarge) => t.money_too_large,
    }
}

/// Shows under a form that what was typed cannot be sent (a number or date
/// that does not read), in the words of an `invalid_args` refusal.
pub fn invalid_input(error: RwSignal<Option<MutateError>>) {
    error.set(Some(MutateError::Rejected(linli_core::Rejection::new(
        linli_core::RejectionCode::InvalidArgs,
        None,
    ))));
}

/// Reads an amount typed in yuan, the one way every form does
/// ([`Fen::parse_yuan`]); if it does not read, says why under the form.
pub fn typed_yuan(typed: &str, max: Fen, error: RwSignal<Option<MutateError>>) -> Option<Fen> {
    Fen::parse_yuan(typed, max)
        .map_err(|reason| error.set(Some(MutateError::Money(reason))))
        .ok()
}

/// Runs `mutation` and reports a failure into `error`.
pub fn run_mutation(community: Community, mutation: Mutation, error: RwSignal<Option<MutateError>>) {
    leptos::task::spawn_local(async move {
        error.set(community.mutate(mutation).await.err());
    });
}

/// Like [`run_mutation`], and `done` turns true once the change is made on
/// the device (for a form's "saved" line); a later failure leaves it as it
/// was.
pub fn run_mutation_then(
    community: Community,
    mutation: Mutation,
    error: RwSignal<Option<MutateError>>,
    done: RwSignal<bool>,
) {
    leptos::task::spawn_local(async move {
        let result = community.mutate(mutation).await;
        if result.is_ok() {
            done.set(true);
        }
        error.set(result.err());
    });
}

/// A failed change, said for people.
#[component]
pub fn ErrorLine(
    /// The last failure, if any.
    error: RwSignal<Option<MutateError>>,
) -> impl IntoView {
    let t = texts();
    view! {
        <Show when=move || error.get().is_some()>
            <p class="error" role="alert">{move || error.get().map(|err| mutate_error_text(t, &err))}</p>
        </Show>
    }
}

/// What a change still on this device says when the server's clock decides
/// whether it counts (a ballot's close, an order's cut-off, the first day of
/// a pause, the end of an activity): before `deadline`, `before` (that it
/// has not reached the server and by when it must); after, `late` (that it
/// will not count, and what to do instead). Test ids `<kind>-unsent` and
/// `<kind>-unsent-late`.
pub fn unsent_notice(
    deadline: Timestamp,
    before: String,
    late: &'static str,
    kind: &'static str,
) -> impl IntoView {
    let (text, test_id) = if crate::view::now() < deadline {
        (before, format!("{kind}-unsent"))
    } else {
        (late.to_owned(), format!("{kind}-unsent-late"))
    };
    view! { <p class="warning" role="status" data-testid=test_id>{text}</p> }
}

/// A choice of member (whom an order or a request is for, which volunteer
/// goes): `none` first, for nobody chosen, then each member by name.
#[component]
pub fn MemberSelect(
    /// What the field is for.
    label: &'static str,
    /// The first option, meaning no member chosen ("myself", "nobody").
    none: &'static str,
    /// The members offered, by name.
    #[prop(into)]
    members: Signal<Vec<linli_core::members::MemberRecord>>,
    /// The member chosen.
    chosen: RwSignal<Option<linli_core::MemberId>>,
    test_id: &'static str,
) -> impl IntoView {
    view! {
        <label class="field">
            <span>{label}</span>
            <select data-testid=test_id on:change=move |ev| chosen.set(event_target_value(&ev).parse().ok())>
                <option value="">{none}</option>
                {move || members.get().into_iter().map(|member| view! {
                    <option value=member.id.to_string()>{member.name}</option>
                }).collect_view()}
            </select>
        </label>
    }
}
