//! For officers: the village register (选民登记) that votes count their
//! electorate and quorum against; each entry is read by its member and the
//! officers only, as it holds a birth date.

use leptos::prelude::*;
use linli_core::calendar::Date;
use linli_core::role::OFFICERS;
use linli_core::rules::records::{Electorate, Voter};
use linli_core::rules::RulesMutation;
use linli_core::{MemberId, Mutation};

use super::data;
use super::i18n::texts;
use crate::forms::{invalid_input, run_mutation, ErrorLine};
use crate::sync::{use_community, MutateError};

#[component]
pub fn Register() -> impl IntoView {
    let t = texts();
    let community = use_community();
    if !community.actor().is_some_and(|actor| actor.has_any(&OFFICERS)) {
        return ().into_any();
    }
    let error = RwSignal::new(None::<MutateError>);
    let counts = Memo::new(move |_| {
        let today = linli_core::calendar::LocalTime::of(data::now()).date;
        community
            .with_view(|view| {
                let register = data::register(view);
                let adults = register
                    .iter()
                    .filter(|voter| voter.eligible(Electorate::Adults, today))
                    .count();
                let households = register
                    .iter()
                    .filter(|voter| voter.eligible(Electorate::Households, today))
                    .count();
                (register.len(), adults, households)
            })
            .unwrap_or_default()
    });
    let members = community.with_view(data::members_by_name).unwrap_or_default();
    let member = RwSignal::new(String::new());
    let birth = RwSignal::new(String::new());
    let household = RwSignal::new(String::new());
    let head = RwSignal::new(false);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (Ok(member), Ok(birth_date)) = (
            member.get_untracked().parse::<MemberId>(),
            birth.get_untracked().parse::<Date>(),
        ) else {
            invalid_input(error);
            return;
        };
        let voter = Voter {
            member,
            birth_date,
            household: household.get_untracked(),
            household_head: head.get_untracked(),
        };
        run_mutation(community, Mutation::Rules(RulesMutation::SetVoter(voter)), error);
    };
    view! {
        <section class="card register" aria-labelledby="register-title" data-testid="register">
            <h2 id="register-title">{t.register}</h2>
            <p data-testid="register-counts">
                {move || { let (all, adults, households) = counts.get(); format!("{} {all} · {} {adults} · {} {households}", t.register_entries, t.register_adults, t.register_households) }}
            </p>
            <details>
                <summary>{t.register_entry}</summary>
                <form on:submit=save>
                    <label class="field"><span>{t.register_member}</span>
                        <select required on:change=move |ev| member.set(event_target_value(&ev))>
                            <option value="">"—"</option>
                            {members.into_iter().map(|member| view! { <option value=member.id.to_string()>{member.name}</option> }).collect_view()}
                        </select></label>
                    <label class="field"><span>{t.register_birth}</span>
                        <input type="date" required prop:value=move || birth.get() on:input=move |ev| birth.set(event_target_value(&ev)) /></label>
                    <label class="field"><span>{t.register_household}</span>
                        <input required prop:value=move || household.get() on:input=move |ev| household.set(event_target_value(&ev)) /></label>
                    <label class="choice">
                        <input type="checkbox" prop:checked=move || head.get() on:change=move |ev| head.set(event_target_checked(&ev)) />
                        {t.register_head}
                    </label>
                    <button type="submit">{t.save_register}</button>
                    <ErrorLine error=error />
                </form>
            </details>
        </section>
    }
    .into_any()
}
