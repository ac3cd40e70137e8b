//! The charity meal funds at the counter: each fund's balance (and a plain
//! warning once it is low or used up, when its rule stops paying), a
//! donation, the fund's settings, and the members it helps (the diner tag
//! staff give them).

use leptos::prelude::*;
use linli_core::canteen::charity::{fund_balance, CharityFund, DonateToFund};
use linli_core::canteen::mutations::SetDinerProfile;
use linli_core::canteen::{CanteenMutation, Fen};
use linli_core::{MemberId, Mutation};

use crate::canteen::data;
use crate::canteen::i18n::texts;
use crate::forms::{invalid_input, run_mutation, typed_yuan, ErrorLine, MemberSelect};
use crate::sync::{new_id, use_community, MutateError};

/// Below this a fund is about to run out: a few meals' worth.
const LOW: Fen = Fen(5_000);

#[component]
pub fn FundsDesk() -> impl IntoView {
    let t = texts();
    let community = use_community();
    let funds = Memo::new(move |_| community.with_view(data::funds).unwrap_or_default());
    view! {
        <h3>{t.charity_desk}</h3>
        <div data-testid="funds-desk">
            {move || funds.get().into_iter().map(|(fund, entries)| {
                let balance = fund_balance(&entries);
                view! { <FundCard fund=fund balance=balance /> }
            }).collect_view()}
        </div>
        <details>
            <summary>{t.fund_new}</summary>
            <FundForm fund=None />
        </details>
    }
}

#[component]
fn FundCard(fund: CharityFund, balance: Fen) -> impl IntoView {
    let t = texts();
    let community = use_community();
    let error = RwSignal::new(None::<MutateError>);
    let warning = if balance <= Fen::ZERO {
        Some((t.charity_empty)(&fund.name))
    } else if balance < LOW {
        Some((t.charity_low)(&fund.name, &balance.to_string()))
    } else {
        None
    };
    let donor = RwSignal::new(String::new());
    let yuan = RwSignal::new(String::new());
    let purpose = RwSignal::new(String::new());
    let fund_id = StoredValue::new(fund.id.clone());
    let donate = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(amount) = typed_yuan(&yuan.get_untracked(), Fen::MAX_TOP_UP, error) else {
            return;
        };
        run_mutation(
            community,
            Mutation::Canteen(CanteenMutation::DonateToFund(DonateToFund {
                fund: fund_id.get_value(),
                id: new_id("d"),
                donor: donor.get_untracked(),
                amount,
                purpose: purpose.get_untracked(),
            })),
            error,
        );
        yuan.set(String::new());
    };
    let field = move |label: &'static str, value: RwSignal<String>, test_id: &'static str| {
        view! {
            <label class="field">
                <span>{label}</span>
                <input type="text" prop:value=value on:input=move |ev| value.set(event_target_value(&ev)) data-testid=test_id />
            </label>
        }
    };
    let tag = fund.tag.clone();
    view! {
        <article class="fund" data-testid="fund-desk" data-fund=fund.id.clone()>
            <h4>{fund.name.clone()} " · " <span data-testid="fund-balance">{(t.charity_left)(&balance.to_string())}</span></h4>
            {warning.map(|text| view! { <p class="warning" role="alert" data-testid="fund-warning">{text}</p> })}
            <form class="inline-form" on:submit=donate>
                {field(t.donor, donor, "donor")}
                {field(t.donation, yuan, "donation")}
                {field(t.donation_purpose, purpose, "donation-purpose")}
                <button type="submit" data-testid="donate">{t.donate}</button>
            </form>
            <ErrorLine error=error />
            <Eligible tag=tag />
            <details>
                <summary>{t.fund_save}</summary>
                <FundForm fund=Some(fund.clone()) />
            </details>
        </article>
    }
}

/// The members who carry the fund's tag, and adding or removing one: the
/// tag is part of their diner profile, kept as it is otherwise.
#[component]
fn Eligible(tag: String) -> impl IntoView {
    let t = texts();
    let community = use_community();
    let error = RwSignal::new(None::<MutateError>);
    let tag = StoredValue::new(tag);
    let helped = Memo::new(move |_| {
        community
            .with_view(|view| {
                data::diners(view)
                    .into_iter()
                    .filter(|(_, profile)| profile.tags.contains(&tag.get_value()))
                    .map(|(member, _)| (data::member_name(view, member.as_str()), member))
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    });
    let members = Memo::new(move |_| community.with_view(data::members_by_name).unwrap_or_default());
    let chosen = RwSignal::new(None::<MemberId>);
    let set_tag = move |member: MemberId, on: bool| {
        let Some(mut profile) = community.with_view(|view| data::diner(view, &member)) else {
            return;
        };
        profile.tags.retain(|held| *held != tag.get_value());
        if on {
            profile.tags.push(tag.get_value());
        }
        run_mutation(
            community,
            Mutation::Canteen(CanteenMutation::SetDinerProfile(SetDinerProfile {
                member,
                birth_date: profile.birth_date,
                tags: profile.tags,
                address: profile.address,
            })),
            error,
        );
    };
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match chosen.get_untracked() {
            Some(member) => set_tag(member, true),
            None => invalid_input(error),
        }
    };
    view! {
        <p>{move || (t.eligible)(helped.get().len())}</p>
        <ul class="plain-list" data-testid="fund-eligible">
            {move || helped.get().into_iter().map(|(name, member)| view! {
                <li>
                    {name} " "
                    <button type="button" class="secondary" on:click=move |_| set_tag(member.clone(), false)>{t.eligible_remove}</button>
                </li>
            }).collect_view()}
        </ul>
        <form class="inline-form" on:submit=add>
            <MemberSelect label=t.eligible_add none=t.nobody_chosen members=members chosen=chosen test_id="fund-add-member" />
            <button type="submit" data-testid="fund-add">{t.eligible_add}</button>
        </form>
        <ErrorLine error=error />
    }
}

/// A fund's settings: a new one, or `fund`'s.
#[component]
fn FundForm(fund: Option<CharityFund>) -> impl IntoView {
    let t = texts();
    let community = use_community();
    let error = RwSignal::new(None::<MutateError>);
    let id = fund.as_ref().map(|fund| fund.id.clone());
    let name = RwSignal::new(fund.as_ref().map(|fund| fund.name.clone()).unwrap_or_default());
    let tag = RwSignal::new(
        fund.as_ref()
            .map_or_else(|| "low_income".to_owned(), |fund| fund.tag.clone()),
    );
    let percent = RwSignal::new(fund.as_ref().map_or(100, |fund| fund.percent).to_string());
    let cap = RwSignal::new(
        fund.as_ref()
            .and_then(|fund| fund.cap_per_meal)
            .map(|cap| cap.to_yuan_field())
            .unwrap_or_default(),
    );
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Ok(percent) = percent.get_untracked().trim().parse::<u8>() else {
            invalid_input(error);
            return;
        };
        let cap_per_meal = match cap.get_untracked().trim() {
            "" => None,
            typed => match typed_yuan(typed, Fen::MAX_PRICE, error) {
                Some(cap) => Some(cap),
                None => return,
            },
        };
        run_mutation(
            community,
            Mutation::Canteen(CanteenMutation::SetCharityFund(CharityFund {
                id: id.clone().unwrap_or_else(|| new_id("f")),
                name: name.get_untracked(),
                tag: tag.get_untracked(),
                percent,
                cap_per_meal,
                active: true,
            })),
            error,
        );
    };
    let field = move |label: &'static str, value: RwSignal<String>| {
        view! {
            <label class="field">
                <span>{label}</span>
                <input type="text" prop:value=value on:input=move |ev| value.set(event_target_value(&ev)) />
            </label>
        }
    };
    view! {
        <form on:submit=save data-testid="fund-form">
            {field(t.fund_name, name)}
            {field(t.fund_tag, tag)}
            {field(t.fund_percent, percent)}
            {field(t.fund_cap, cap)}
            <button type="submit">{t.fund_save}</button>
            <ErrorLine error=error />
        </form>
    }
}
