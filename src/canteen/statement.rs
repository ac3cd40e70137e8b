//! The member's money statement (收支明细), a month at a time: each line
//! dated and said in words (a top-up with its receipt, a meal with its day
//! and mode, a refund, a meal plan), who entered it when not the member,
//! the running balance, and a print button for the month.

use leptos::prelude::*;
use linli_core::calendar::{format_minute_of_day, LocalTime};
use linli_core::canteen::ledger::{month_statement, EntryFor, LedgerEntry};
use linli_core::canteen::records::Order;
use linli_core::canteen::subscription::{Plan, Subscription};
use linli_core::MemberId;

use super::data;
use super::i18n::{texts, Texts};
use super::order_form::{meal_name, mode_name};
use crate::view::{one, View};

/// What a line is for, in words, from the records it refers to.
fn describe(t: &Texts, view: &View, entry: &LedgerEntry) -> String {
    match entry.purpose() {
        EntryFor::TopUp { receipt } if receipt.is_empty() => t.statement_top_up.to_owned(),
        EntryFor::TopUp { receipt } => format!("{} · {receipt}", t.statement_top_up),
        EntryFor::Order { key, refund } => {
            let meal = one::<Order>(view, &key).map_or_else(
                || t.statement_meal_unknown.to_owned(),
                |order| {
                    (t.statement_meal)(
                        order.date.month(),
                        order.date.day(),
                        meal_name(t, order.meal),
                        mode_name(t, order.mode),
                    )
                },
            );
            if refund {
                (t.statement_refund)(&meal)
            } else {
                meal
            }
        }
        EntryFor::Subscription { key } => {
            let plan = one::<Subscription>(view, &key)
                .and_then(|subscription| {
                    one::<Plan>(view, &linli_core::canteen::records::plan(&subscription.plan))
                })
                .map(|plan| data::shown_name(&plan.name_zh, &plan.name_en))
                .unwrap_or_default();
            (t.statement_plan)(&plan)
        }
    }
}

#[component]
pub fn MonthStatement(
    /// The member whose statement it is.
    member: Memo<Option<MemberId>>,
) -> impl IntoView {
    let t = texts();
    let community = crate::sync::use_community();
    let today = data::today();
    let month = RwSignal::new((today.year(), today.month()));
    let step = move |by: i32| {
        month.update(|(year, month)| {
            let index = *year * 12 + i32::from(*month) - 1 + by;
            *year = index.div_euclid(12);
            *month = (index.rem_euclid(12) + 1) as u8;
        })
    };
    let statement = Memo::new(move |_| {
        let me = member.get()?;
        let (year, month) = month.get();
        community.with_view(|view| {
            let statement = month_statement(&data::ledger(view, &me), year, month);
            let lines: Vec<_> = statement
                .lines
                .iter()
                .map(|line| {
                    let at = LocalTime::of(line.entry.at);
                    let by = (line.entry.entered_by != me.as_str())
                        .then(|| (t.entered_by)(&data::member_name(view, &line.entry.entered_by)));
                    (
                        format!(
                            "{} {}",
                            (t.statement_day)(at.date.month(), at.date.day()),
                            format_minute_of_day(at.minute)
                        ),
                        describe(t, view, &line.entry),
                        by,
                        line.entry.amount,
                        line.balance,
                    )
                })
                .collect();
            (statement.opening, lines, statement.closing)
        })
    });
    view! {
        <section class="statement" data-testid="statement" aria-labelledby="statement-title">
            <h3 id="statement-title">{t.ledger} " · " {move || { let (year, month) = month.get(); (t.statement_month)(year, month) }}</h3>
            <p class="no-print actions">
                <button type="button" class="secondary" on:click=move |_| step(-1)>{t.previous_month}</button>
                <button type="button" class="secondary" on:click=move |_| step(1)>{t.next_month}</button>
                <button type="button" class="secondary" on:click=move |_| { let _ = window().print(); }>{t.print_statement}</button>
            </p>
            {move || statement.get().map(|(opening, lines, closing)| view! {
                <p>{t.brought_forward} ": " <strong data-testid="statement-opening">{opening.to_string()}</strong></p>
                <table class="statement-lines">
                    <thead><tr><th scope="col">{t.statement_when}</th><th scope="col">{t.statement_what}</th><th scope="col">{t.statement_amount}</th><th scope="col">{t.balance}</th></tr></thead>
                    <tbody>
                        {lines.into_iter().map(|(when, what, by, amount, balance)| view! {
                            <tr data-testid="statement-line">
                                <td>{when}</td>
                                <td>{what} {by.map(|by| view! { <br /><small>{by}</small> })}</td>
                                <td class="amount">{amount.to_string()}</td>
                                <td class="amount" data-testid="statement-balance">{balance.to_string()}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
                <p>{t.month_end_balance} ": " <strong data-testid="statement-closing">{closing.to_string()}</strong></p>
            })}
        </section>
    }
}
