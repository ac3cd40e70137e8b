//! The member's own household (我家): its land, its dividends and
//! subsidies, each confirmed by the household head in the app. These
//! records reach only the household's members and the officers.

use leptos::prelude::*;
use linli_core::village::dividends::{
    self, AcknowledgeLine, HouseholdLine, HouseholdMark, LineKind, ShareRule,
};
use linli_core::village::ledger::{self, Mu, Parcel};
use linli_core::village::VillageMutation;
use linli_core::Mutation;

use super::data::{all, member_name, one, own_entry};
use super::i18n::texts;
use crate::forms::{run_mutation, ErrorLine};
use crate::sync::{use_community, MutateError};

/// What the household holds and has been paid, for its members.
#[component]
pub fn MyHousehold() -> impl IntoView {
    let t = texts();
    let community = use_community();
    let state = Memo::new(move |_| {
        let me = community.actor()?.member;
        community.with_view(|view| {
            let entry = own_entry(view, &me)?;
            let parcels: Vec<Parcel> = all(view, &ledger::parcels_of(&entry.household));
            let mut lines: Vec<HouseholdLine> = all(view, &dividends::lines_of(&entry.household));
            lines.sort_by(|a, b| b.year.cmp(&a.year).then_with(|| a.source.cmp(&b.source)));
            let marked: Option<HouseholdMark> = one(view, &dividends::household(&entry.household));
            let rules: Vec<(String, ShareRule)> = lines
                .iter()
                .filter_map(|line| {
                    one::<dividends::Distribution>(view, &dividends::distribution(&line.source))
                        .map(|found| (line.source.clone(), found.rule))
                })
                .collect();
            Some((entry, parcels, lines, marked.is_some_and(|mark| mark.key), rules))
        })?
    });
    let registered = move || state.get().is_some();
    view! {
        <section class="card" aria-labelledby="household-title" data-testid="my-household">
            <h2 id="household-title">{t.household}</h2>
            <Show when=registered fallback=move || view! { <p class="note">{t.not_registered}</p> }>
                {move || state.get().map(|(entry, parcels, lines, key, rules)| {
                    let head = entry.household_head;
                    view! {
                        <p><strong>{(t.your_household)(&entry.household)}</strong></p>
                        <p class="note">{t.household_private}</p>
                        {key.then(|| view! { <p class="badge done">{t.key_household}</p> })}
                        <h3>{t.your_land}</h3>
                        {if parcels.is_empty() {
                            view! { <p class="note">{t.no_land}</p> }.into_any()
                        } else {
                            view! {
                                <ul class="plain-list" data-testid="household-parcels">
                                    {parcels.into_iter().map(|parcel| view! {
                                        <li>{(t.parcel)(&parcel.name, &parcel.area.to_string())}</li>
                                    }).collect_view()}
                                </ul>
                            }.into_any()
                        }}
                        <h3>{t.your_lines}</h3>
                        {if lines.is_empty() {
                            view! { <p class="note">{t.no_lines}</p> }.into_any()
                        } else {
                            view! {
                                <ul class="plain-list" data-testid="household-lines">
                                    {lines.into_iter().map(|line| {
                                        let rule = rules.iter().find(|(source, _)| *source == line.source).map(|(_, rule)| *rule);
                                        view! { <li><LineCard line=line rule=rule head=head /></li> }
                                    }).collect_view()}
                                </ul>
                            }.into_any()
                        }}
                        {head.then(|| view! { <p class="note">{t.acknowledge_hint}</p> })}
                    }
                })}
            </Show>
        </section>
    }
}

/// One line: what, how much and on what basis, paid or not, confirmed or
/// not, with the head's button.
#[component]
fn LineCard(line: HouseholdLine, rule: Option<ShareRule>, head: bool) -> impl IntoView {
    let t = texts();
    let community = use_community();
    let error = RwSignal::new(None::<MutateError>);
    let source = StoredValue::new(line.source.clone());
    let acknowledge = move |_| {
        run_mutation(
            community,
            Mutation::Village(VillageMutation::AcknowledgeLine(AcknowledgeLine {
                source: source.get_value(),
            })),
            error,
        )
    };
    let basis = match (line.kind, rule) {
        (LineKind::AntiPoverty, _) | (LineKind::Dividend, Some(ShareRule::PerHousehold)) => {
            t.basis_household.to_owned()
        }
        (LineKind::Dividend, Some(ShareRule::PerMu)) => (t.basis_mu)(&Mu(line.basis as u32).to_string()),
        _ => (t.basis_members)(line.basis),
    };
    let confirmed = line.acknowledged_by.clone().map(|by| {
        let name = community
            .with_view(|view| member_name(view, by.as_str()))
            .unwrap_or_else(|| by.to_string());
        (t.acknowledged)(&name)
    });
    let can_acknowledge = head && line.paid_at.is_some() && confirmed.is_none();
    view! {
        <article class="household-line" data-testid="household-line" data-source=line.source.clone()>
            <h4>{format!("{} {}", line.year, t.line_kind(line.kind))} " " <strong>{line.amount.to_string()}</strong></h4>
            <p class="meta">{basis} " · " {if line.paid_at.is_some() { t.paid } else { t.not_paid }}</p>
            {confirmed.map(|text| view! { <p class="badge done" data-testid="line-acknowledged">{text}</p> })}
            {can_acknowledge.then(|| view! {
                <button type="button" on:click=acknowledge data-testid="acknowledge-line">{t.acknowledge}</button>
            })}
            <ErrorLine error=error />
        </article>
    }
}
