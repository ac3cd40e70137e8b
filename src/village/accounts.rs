//! The public accounts (村务公开): the collective's published income and
//! expenses by year, category and month with charts, its contracts,
//! distributions and subsidies; and the committee's books, where officers
//! draft entries, publish months, correct, and pay out.
//!
//! A correction counts in the month of the entry it corrects and shows
//! beside it, as the core's `ledger::corrected_total` counts it.

use leptos::prelude::*;
use linli_core::calendar::Date;
use linli_core::canteen::Fen;
use linli_core::role::OFFICERS;
use linli_core::rules::records::{Voter, VOTER_PREFIX};
use linli_core::village::dividends::{
    self, households, shares, weights, Distribution, DistributionRef, DistributionStatus, DraftDistribution,
    MarkKeyHousehold, PaySubsidy, ShareRule, Subsidy, SubsidyKind,
};
use linli_core::village::ledger::{
    self, Category, Contract, Entry, EntryRef, Month, Parcel, PublishPeriod, RecordEntry, WithdrawDraft,
    MAX_ENTRY,
};
use linli_core::village::VillageMutation;
use linli_core::Mutation;

use super::chart::{Bar, BarChart};
use super::data::{all, published, today, years};
use super::i18n::texts;
use crate::forms::{invalid_input, run_mutation, run_mutation_then, typed_yuan, ErrorLine, InputField};
use crate::sync::{new_id, use_community, MutateError};

/// The month an entry counts in: a correction's is the corrected entry's.
fn counts_in(published_in: Month, entry: &Entry) -> Month {
    entry
        .corrects
        .as_ref()
        .map_or(published_in, |corrected| corrected.month)
}

/// Everything public about the collective's money, for every villager.
#[component]
pub fn PublicAccounts() -> impl IntoView {
    let t = texts();
    let community = use_community();
    // One memo per kind of record, so that a household confirming its
    // dividend rebuilds the distributions only, never an entry's open
    // correction form.
    let entries = Memo::new(move |_| community.with_view(published).unwrap_or_default());
    let contracts = Memo::new(move |_| {
        community
            .with_view(|view| all::<Contract>(view, ledger::CONTRACT_PREFIX))
            .unwrap_or_default()
    });
    let distributions = Memo::new(move |_| {
        community
            .with_view(|view| all::<Distribution>(view, dividends::DISTRIBUTION_PREFIX))
            .unwrap_or_default()
    });
    let subsidies = Memo::new(move |_| {
        community
            .with_view(|view| all::<Subsidy>(view, dividends::SUBSIDY_PREFIX))
            .unwrap_or_default()
    });
    let periods = Memo::new(move |_| {
        community
            .with_view(|view| all::<ledger::Period>(view, ledger::PERIOD_PREFIX))
            .unwrap_or_default()
    });
    let chosen_year = RwSignal::new(None::<i32>);
    let year = Memo::new(move |_| {
        chosen_year
            .get()
            .or_else(|| years(&entries.get()).first().copied())
            .unwrap_or_else(|| today().year())
    });
    // The year's entries, each where it counts (a correction in its
    // corrected entry's month, so with it): what the totals, the charts,
    // the contracts and the list all read.
    let of_year = Memo::new(move |_| {
        let year = year.get();
        entries
            .get()
            .into_iter()
            .filter(|(published_in, entry)| counts_in(*published_in, entry).year == year)
            .collect::<Vec<(Month, Entry)>>()
    });
    let officer = Memo::new(move |_| community.actor().is_some_and(|actor| actor.has_any(&OFFICERS)));
    view! {
        <section class="card" aria-labelledby="accounts-title" data-testid="public-accounts">
            <h2 id="accounts-title">{t.accounts}</h2>
            <p class="note">{t.accounts_intro}</p>
            <label class="field">
                <span>{t.year}</span>
                <select data-testid="accounts-year" on:change=move |ev| chosen_year.set(event_target_value(&ev).parse().ok())>
                    {move || {
                        let shown = year.get();
                        let mut offered = years(&entries.get());
                        if !offered.contains(&shown) {
                            offered.insert(0, shown);
                        }
                        offered.into_iter().map(|option| view! {
                            <option value=option.to_string() prop:selected=option == shown>{option.to_string()}</option>
                        }).collect_view()
                    }}
                </select>
            </label>
            {move || {
                let year = year.get();
                let of_year = of_year.get();
                if of_year.is_empty() {
                    return view! { <p class="note" data-testid="accounts-empty">{t.no_accounts}</p> }.into_any();
                }
                let months_published = periods.get().iter().filter(|period| period.month.year == year).count();
                let income: i64 = of_year.iter().filter(|(_, e)| e.category.is_income()).map(|(_, e)| e.amount.0).sum();
                let expense: i64 = of_year.iter().filter(|(_, e)| !e.category.is_income()).map(|(_, e)| e.amount.0).sum();
                let category_bars: Vec<Bar> = ledger::by_category(of_year.iter().map(|(_, entry)| entry))
                    .iter()
                    .filter_map(|total| total.category.map(|category| (category, total.amount)))
                    .map(|(category, amount)| {
                        let signed = if category.is_income() { amount } else { -amount };
                        Bar::new(t.category(category), signed, Fen(amount).to_string())
                    })
                    .collect();
                let month_bars: Vec<Bar> = (1..=12u8)
                    .filter_map(|month| {
                        let month = Month { year, month };
                        let any = of_year.iter().any(|(published_in, entry)| counts_in(*published_in, entry) == month);
                        any.then(|| {
                            let net = ledger::corrected_total(&of_year, month);
                            Bar::new(month.to_string(), net, Fen(net).to_string())
                        })
                    })
                    .collect();
                view! {
                    <p class="meta">{(t.published_months)(months_published)}</p>
                    <dl class="totals" data-testid="accounts-totals">
                        <div><dt>{t.income}</dt><dd data-testid="accounts-income">{Fen(income).to_string()}</dd></div>
                        <div><dt>{t.expense}</dt><dd data-testid="accounts-expense">{Fen(expense).to_string()}</dd></div>
                        <div><dt>{t.balance}</dt><dd>{Fen(income - expense).to_string()}</dd></div>
                    </dl>
                    <BarChart title=t.by_category rows=category_bars test_id="chart-categories" />
                    <BarChart title=t.net_by_month rows=month_bars test_id="chart-months" />
                }.into_any()
            }}
            <h3>{t.contracts}</h3>
            <ul class="plain-list" data-testid="accounts-contracts">
                {move || {
                    let of_year = of_year.get();
                    contracts.get().into_iter().map(|contract| {
                        let received: Fen = of_year
                            .iter()
                            .filter(|(_, entry)| entry.contract.as_deref() == Some(contract.id.as_str()))
                            .map(|(_, entry)| entry.amount)
                            .sum();
                        let line = (t.contract_line)(
                            &contract.transferee,
                            &contract.area.to_string(),
                            &contract.price_per_mu.to_string(),
                            contract.from_year,
                            contract.until_year,
                        );
                        let money = (t.contract_received)(&contract.yearly().to_string(), &received.to_string());
                        view! { <li><p>{line}</p><p class="meta">{money}</p></li> }
                    }).collect_view()
                }}
            </ul>
            <h3>{t.distributions}</h3>
            <ul class="plain-list" data-testid="accounts-distributions">
                <For
                    each={move || distributions.get().into_iter().filter(|d| d.year == year.get()).collect::<Vec<_>>()}
                    key=|distribution| (distribution.id.clone(), distribution.status, distribution.acknowledged)
                    let:distribution
                >
                    <li data-testid="distribution" data-id=distribution.id.clone()>
                        <p>{(t.distribution_line)(&distribution.title, &distribution.total.to_string(), t.rule(distribution.rule))}</p>
                        <p class="meta">
                            {t.status(distribution.status)}
                            {(distribution.status == DistributionStatus::Paid).then(|| format!(" · {}", (t.distribution_counts)(distribution.acknowledged, distribution.households)))}
                        </p>
                        {
                            let unpaid = distribution.status != DistributionStatus::Paid;
                            let shown = distribution.clone();
                            move || (officer.get() && unpaid).then(|| view! { <DistributionSteps distribution=shown.clone() /> })
                        }
                    </li>
                </For>
            </ul>
            <h3>{t.subsidies}</h3>
            <ul class="plain-list" data-testid="accounts-subsidies">
                {move || subsidies.get().into_iter().filter(|s| s.year == year.get()).map(|subsidy| view! {
                    <li>{(t.subsidy_line)(t.subsidy_kind(subsidy.kind), &subsidy.total.to_string(), subsidy.households)}</li>
                }).collect_view()}
            </ul>
            <details>
                <summary>{t.entries}</summary>
                <ul class="plain-list ledger" data-testid="accounts-entries">
                    <For
                        each={move || {
                            let of_year = of_year.get();
                            of_year
                                .iter()
                                .map(|(published_in, entry)| {
                                    let corrections: Vec<String> = of_year
                                        .iter()
                                        .filter(|(_, other)| {
                                            other.corrects.as_ref().is_some_and(|of| of.month == *published_in && of.id == entry.id)
                                        })
                                        .map(|(_, other)| other.id.clone())
                                        .collect();
                                    (*published_in, entry.clone(), corrections)
                                })
                                .collect::<Vec<_>>()
                        }}
                        key=|(published_in, entry, corrections)| (*published_in, entry.id.clone(), corrections.len())
                        let:((published_in, entry, corrections))
                    >
                        <li><EntryLine published_in=published_in entry=entry corrections=corrections officer=officer /></li>
                    </For>
                </ul>
            </details>
        </section>
    }
}

/// One published entry, its corrections beside it; officers may correct it.
#[component]
fn EntryLine(
    published_in: Month,
    entry: Entry,
    corrections: Vec<String>,
    officer: Memo<bool>,
) -> impl IntoView {
    let t = texts();
    let community = use_community();
    let error = RwSignal::new(None::<MutateError>);
    let done = RwSignal::new(false);
    let amount = RwSignal::new(String::new());
    let original = StoredValue::new((published_in, entry.id.clone(), entry.category));
    let correct = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let typed = amount.get_untracked();
        let (negative, digits) = match typed.trim().strip_prefix(['-', '−']) {
            Some(rest) => (true, rest.to_owned()),
            None => (false, typed),
        };
        let Some(Fen(fen)) = typed_yuan(&digits, MAX_ENTRY, error) else {
            return;
        };
        let (month, id, category) = original.get_value();
        run_mutation_then(
            community,
            Mutation::Village(VillageMutation::RecordEntry(RecordEntry {
                id: new_id("fix"),
                date: today(),
                category,
                amount: Fen(if negative { -fen } else { fen }),
                note: String::new(),
                contract: None,
                corrects: Some(EntryRef { month, id }),
            })),
            error,
            done,
        );
    };
    let sign = if entry.category.is_income() { "" } else { "−" };
    let is_original = entry.corrects.is_none();
    view! {
        <article class="ledger-entry" data-testid="ledger-entry" data-id=entry.id.clone()>
            <p>
                {entry.date.to_string()} " · " {t.category(entry.category)} " · "
                <strong>{format!("{sign}{}", entry.amount)}</strong>
            </p>
            {(!entry.note.is_empty()).then(|| view! { <p class="meta">{entry.note.clone()}</p> })}
            {entry.corrects.as_ref().map(|of| view! {
                <p class="badge pending" data-testid="entry-correction">{(t.correction_of)(&of.month.to_string(), &of.id)}</p>
            })}
            {corrections.into_iter().map(|by| view! { <p class="badge pending">{(t.corrected_by)(&by)}</p> }).collect_view()}
            {move || (officer.get() && is_original).then(|| view! {
                <details>
                    <summary>{t.correct}</summary>
                    <form class="inline-form" on:submit=correct>
                        <InputField label=t.correction_amount value=amount inputmode="decimal" />
                        <button type="submit">{t.correct}</button>
                    </form>
                    <p class="note">{t.correction_hint}</p>
                    <Show when=move || done.get()><p role="status">{t.saved}</p></Show>
                    <ErrorLine error=error />
                </details>
            })}
        </article>
    }
}

/// An officer's next step on a distribution: approve a draft (not their
/// own), pay an approved one.
#[component]
fn DistributionSteps(distribution: Distribution) -> impl IntoView {
    let t = texts();
    let community = use_community();
    let error = RwSignal::new(None::<MutateError>);
    let id = StoredValue::new(distribution.id.clone());
    let mine = community
        .actor()
        .is_some_and(|actor| actor.member == distribution.drafted_by);
    let step = move |approve: bool| {
        let target = DistributionRef { id: id.get_value() };
        let mutation = if approve {
            VillageMutation::ApproveDistribution(target)
        } else {
            VillageMutation::PayDistribution(target)
        };
        run_mutation(community, Mutation::Village(mutation), error);
    };
    view! {
        {match distribution.status {
            DistributionStatus::Drafted if mine => view! { <p class="note">{t.approve_hint}</p> }.into_any(),
            DistributionStatus::Drafted => view! {
                <button type="button" on:click=move |_| step(true) data-testid="approve-distribution">{t.approve}</button>
            }.into_any(),
            _ => view! {
                <button type="button" on:click=move |_| step(false) data-testid="pay-distribution">{t.pay}</button>
            }.into_any(),
        }}
        <ErrorLine error=error />
    }
}

/// The committee's books: drafts, publishing a month, distributions,
/// subsidies and key households. Officers only.
#[component]
pub fn LedgerDesk() -> impl IntoView {
    let t = texts();
    let community = use_community();
    let officer = Memo::new(move |_| community.actor().is_some_and(|actor| actor.has_any(&OFFICERS)));
    view! {
        <Show when=move || officer.get()>
            <section class="card" aria-labelledby="desk-title" data-testid="ledger-desk">
                <h2 id="desk-title">{t.desk}</h2>
                <EntryForm />
                <Drafts />
                <PublishForm />
                <DistributionForm />
                <SubsidyForm />
            </section>
        </Show>
    }
}

#[component]
fn EntryForm() -> impl IntoView {
    let t = texts();
    let community = use_community();
    let error = RwSignal::new(None::<MutateError>);
    let done = RwSignal::new(false);
    let date = RwSignal::new(today().to_string());
    let category = RwSignal::new(Category::LandTransfer);
    let amount = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    let contract = RwSignal::new(String::new());
    let contracts = Memo::new(move |_| {
        community
            .with_view(|view| all::<Contract>(view, ledger::CONTRACT_PREFIX))
            .unwrap_or_default()
    });
    let typed_categories: Vec<Category> = Category::ALL
        .into_iter()
        .filter(|category| !category.is_paid_to_households())
        .collect();
    let offered = StoredValue::new(typed_categories.clone());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        done.set(false);
        let Ok(on) = date.get_untracked().parse::<Date>() else {
            invalid_input(error);
            return;
        };
        let Some(amount) = typed_yuan(&amount.get_untracked(), MAX_ENTRY, error) else {
            return;
        };
        let under = contract.get_untracked();
        let chosen = category.get_untracked();
        run_mutation_then(
            community,
            Mutation::Village(VillageMutation::RecordEntry(RecordEntry {
                id: new_id("e"),
                date: on,
                category: chosen,
                amount,
                note: note.get_untracked(),
                contract: (chosen == Category::LandTransfer && !under.is_empty()).then_some(under),
                corrects: None,
            })),
            error,
            done,
        );
    };
    view! {
        <details data-testid="entry-form">
            <summary>{t.record_entry}</summary>
            <form class="inline-form" on:submit=submit>
                <InputField label=t.date value=date input_type="date" />
                <label class="field">
                    <span>{t.category}</span>
                    <select on:change=move |ev| {
                        let at: usize = event_target_value(&ev).parse().unwrap_or(0);
                        if let Some(chosen) = offered.get_value().get(at) {
                            category.set(*chosen);
                        }
                    }>
                        {typed_categories.into_iter().enumerate().map(|(at, option)| view! {
                            <option value=at.to_string()>{t.category(option)}</option>
                        }).collect_view()}
                    </select>
                </label>
                <InputField label=t.amount value=amount inputmode="decimal" />
                <label class="field">
                    <span>{t.contract}</span>
                    <select on:change=move |ev| contract.set(event_target_value(&ev))>
                        <option value="">{t.no_contract}</option>
                        {move || contracts.get().into_iter().map(|option| view! {
                            <option value=option.id.clone()>{option.transferee.clone()}</option>
                        }).collect_view()}
                    </select>
                </label>
                <InputField label=t.note value=note />
                <button type="submit">{t.save_draft}</button>
            </form>
            <Show when=move || done.get()><p role="status">{t.saved}</p></Show>
            <ErrorLine error=error />
        </details>
    }
}

#[component]
fn Drafts() -> impl IntoView {
    let t = texts();
    let community = use_community();
    let error = RwSignal::new(None::<MutateError>);
    let drafts = Memo::new(move |_| {
        community
            .with_view(|view| all::<Entry>(view, ledger::DRAFT_PREFIX))
            .unwrap_or_default()
    });
    let withdraw = move |id: String| {
        run_mutation(
            community,
            Mutation::Village(VillageMutation::WithdrawDraft(WithdrawDraft { id })),
            error,
        )
    };
    view! {
        <h3>{t.drafts}</h3>
        <Show when=move || !drafts.get().is_empty() fallback=move || view! { <p class="note">{t.no_drafts}</p> }>
            <ul class="plain-list" data-testid="ledger-drafts">
                <For each=move || drafts.get() key=|entry| entry.id.clone() let:entry>
                    <li>
                        {format!("{} · {} · {}", entry.date, t.category(entry.category), entry.amount)}
                        {(!entry.note.is_empty()).then(|| format!(" · {}", entry.note))}
                        {entry.paid_out.is_none().then(|| {
                            let id = entry.id.clone();
                            view! { <button type="button" class="secondary" on:click=move |_| withdraw(id.clone())>{t.withdraw}</button> }
                        })}
                    </li>
                </For>
            </ul>
        </Show>
        <ErrorLine error=error />
    }
}

#[component]
fn PublishForm() -> impl IntoView {
    let t = texts();
    let community = use_community();
    let error = RwSignal::new(None::<MutateError>);
    let done = RwSignal::new(false);
    let last_month = Month::of(Month::of(today()).first_day().add_days(-1));
    let month = RwSignal::new(last_month.to_string());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Ok(month) = month.get_untracked().parse::<Month>() else {
            invalid_input(error);
            return;
        };
        run_mutation_then(
            community,
            Mutation::Village(VillageMutation::PublishPeriod(PublishPeriod { month })),
            error,
            done,
        );
    };
    view! {
        <form class="inline-form" on:submit=submit data-testid="publish-form">
            <InputField label=t.publish_month value=month input_type="month" />
            <button type="submit">{t.publish}</button>
        </form>
        <Show when=move || done.get()><p role="status">{t.saved}</p></Show>
        <ErrorLine error=error />
    }
}

#[component]
fn DistributionForm() -> impl IntoView {
    let t = texts();
    let community = use_community();
    let error = RwSignal::new(None::<MutateError>);
    let done = RwSignal::new(false);
    let title = RwSignal::new(String::new());
    let year = RwSignal::new(today().year().to_string());
    let total = RwSignal::new(String::new());
    let rule = RwSignal::new(ShareRule::PerMember);
    // What approval would write, by the register and parcels this device holds.
    let preview = Memo::new(move |_| {
        let total = Fen::parse_yuan(&total.get(), MAX_ENTRY).ok()?;
        community.with_view(|view| {
            let voters: Vec<Voter> = all(view, VOTER_PREFIX);
            let parcels: Vec<Parcel> = all(view, ledger::PARCEL_PREFIX);
            let lines = shares(total, &weights(rule.get(), &voters, &parcels));
            (t.preview)(
                lines.len(),
                &lines.iter().map(|(_, fen)| *fen).sum::<Fen>().to_string(),
            )
        })
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Ok(year) = year.get_untracked().trim().parse::<i32>() else {
            invalid_input(error);
            return;
        };
        let Some(total) = typed_yuan(&total.get_untracked(), MAX_ENTRY, error) else {
            return;
        };
        run_mutation_then(
            community,
            Mutation::Village(VillageMutation::DraftDistribution(DraftDistribution {
                id: new_id("d"),
                title: title.get_untracked(),
                year,
                total,
                rule: rule.get_untracked(),
            })),
            error,
            done,
        );
    };
    view! {
        <details data-testid="distribution-form">
            <summary>{t.draft_distribution}</summary>
            <form class="inline-form" on:submit=submit>
                <InputField label=t.dist_title value=title />
                <InputField label=t.year value=year input_type="number" />
                <InputField label=t.total value=total inputmode="decimal" />
                <label class="field">
                    <span>{t.rule}</span>
                    <select on:change=move |ev| {
                        let at: usize = event_target_value(&ev).parse().unwrap_or(0);
                        rule.set(ShareRule::ALL.get(at).copied().unwrap_or(ShareRule::PerMember));
                    }>
                        {ShareRule::ALL.into_iter().enumerate().map(|(at, option)| view! {
                            <option value=at.to_string()>{t.rule(option)}</option>
                        }).collect_view()}
                    </select>
                </label>
                <p class="note" data-testid="distribution-preview">{move || preview.get()}</p>
                <button type="submit">{t.save_draft}</button>
            </form>
            <Show when=move || done.get()><p role="status">{t.saved}</p></Show>
            <ErrorLine error=error />
        </details>
    }
}

#[component]
fn SubsidyForm() -> impl IntoView {
    let t = texts();
    let community = use_community();
    let error = RwSignal::new(None::<MutateError>);
    let done = RwSignal::new(false);
    let kind = RwSignal::new(SubsidyKind::MedicalInsurance);
    let year = RwSignal::new(today().year().to_string());
    let each = RwSignal::new(String::new());
    let household = RwSignal::new(String::new());
    let names = Memo::new(move |_| {
        community
            .with_view(|view| {
                households(&all::<Voter>(view, VOTER_PREFIX))
                    .into_keys()
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    });
    let pay = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Ok(year) = year.get_untracked().trim().parse::<i32>() else {
            invalid_input(error);
            return;
        };
        let Some(each) = typed_yuan(&each.get_untracked(), Fen::MAX_TOP_UP, error) else {
            return;
        };
        run_mutation_then(
            community,
            Mutation::Village(VillageMutation::PaySubsidy(PaySubsidy {
                id: new_id("sub"),
                kind: kind.get_untracked(),
                year,
                each,
            })),
            error,
            done,
        );
    };
    let mark = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let chosen = household.get_untracked();
        let chosen = if chosen.is_empty() {
            names.get_untracked().first().cloned().unwrap_or_default()
        } else {
            chosen
        };
        run_mutation_then(
            community,
            Mutation::Village(VillageMutation::MarkKeyHousehold(MarkKeyHousehold {
                household: chosen,
                key: true,
            })),
            error,
            done,
        );
    };
    view! {
        <details data-testid="subsidy-form">
            <summary>{t.pay_subsidy}</summary>
            <form class="inline-form" on:submit=pay>
                <label class="field">
                    <span>{t.category}</span>
                    <select on:change=move |ev| kind.set(if event_target_value(&ev) == "1" { SubsidyKind::AntiPoverty } else { SubsidyKind::MedicalInsurance })>
                        <option value="0">{t.subsidy_kind(SubsidyKind::MedicalInsurance)}</option>
                        <option value="1">{t.subsidy_kind(SubsidyKind::AntiPoverty)}</option>
                    </select>
                </label>
                <InputField label=t.year value=year input_type="number" />
                <InputField label=t.each value=each inputmode="decimal" />
                <button type="submit">{t.pay_subsidy}</button>
            </form>
            <form class="inline-form" on:submit=mark>
                <label class="field">
                    <span>{t.household_name}</span>
                    <select on:change=move |ev| household.set(event_target_value(&ev))>
                        {move || names.get().into_iter().map(|name| view! { <option value=name.clone()>{name.clone()}</option> }).collect_view()}
                    </select>
                </label>
                <button type="submit" class="secondary">{t.mark_key}</button>
            </form>
            <Show when=move || done.get()><p role="status">{t.saved}</p></Show>
            <ErrorLine error=error />
        </details>
    }
}
