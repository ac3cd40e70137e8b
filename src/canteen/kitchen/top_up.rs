//! Topping up a member's balance at the counter, with the member's
//! statement (staff see any member's).

use leptos::prelude::*;
use linli_core::canteen::mutations::TopUp;
use linli_core::canteen::{CanteenMutation, Fen};
use linli_core::{MemberId, Mutation};

use crate::canteen::data;
use crate::canteen::i18n::texts;
use crate::forms::{invalid_input, run_mutation, typed_yuan, ErrorLine};
use crate::sync::{new_id, use_community, MutateError};

#[component]
pub fn TopUpForm() -> impl IntoView {
    let t = texts();
    let community = use_community();
    let error = RwSignal::new(None::<MutateError>);
    let members = Memo::new(move |_| community.with_view(data::members_by_name).unwrap_or_default());
    let member = RwSignal::new(String::new());
    let yuan = RwSignal::new(String::new());
    let chosen = Memo::new(move |_| member.get().parse::<MemberId>().ok());
    let top_up = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(member) = chosen.get_untracked() else {
            invalid_input(error);
            return;
        };
        let Some(amount) = typed_yuan(&yuan.get_untracked(), Fen::MAX_TOP_UP, error) else {
            return;
        };
        run_mutation(
            community,
            Mutation::Canteen(CanteenMutation::TopUp(TopUp {
                id: new_id("t"),
                member,
                amount,
                reference: String::new(),
            })),
            error,
        );
        yuan.set(String::new());
    };
    view! {
        <h3>{t.top_up}</h3>
        <form class="inline-form" on:submit=top_up data-testid="top-up">
            <label>
                <span>{t.top_up_member}</span>
                <select on:change=move |ev| member.set(event_target_value(&ev))>
                    <option value="">"—"</option>
                    {move || members.get().into_iter().map(|member| view! {
                        <option value=member.id.to_string()>{member.name}</option>
                    }).collect_view()}
                </select>
            </label>
            <label>
                <span>{t.top_up_amount}</span>
                <input type="text" inputmode="decimal" prop:value=yuan on:input=move |ev| yuan.set(event_target_value(&ev)) />
            </label>
            <button type="submit">{t.top_up}</button>
        </form>
        <ErrorLine error=error />
        // Staff see the chosen member's balance and statement.
        {move || chosen.get().is_some().then(|| view! {
            <div class="member-ledger" data-testid="member-ledger">
                <crate::canteen::statement::MonthStatement member=chosen />
            </div>
        })}
    }
}
