//! The prepaid balance: an append-only ledger in fen. Staff top up; each
//! order or subscription day charges; a cancelled order is refunded. The
//! balance is the sum of the entries, and a charge may not take it below
//! zero unless the canteen allows credit.

use serde::{Deserialize, Serialize};

use super::money::Fen;
use crate::time::Timestamp;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntryKind {
    TopUp,
    Charge,
    Refund,
}

/// One ledger entry. Entries are never changed or removed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LedgerEntry {
    pub id: String,
    pub member: String,
    pub kind: EntryKind,
    /// Positive for top-ups and refunds, negative for charges.
    pub amount: Fen,
    /// What it is for: an order id, a subscription day, a receipt number.
    pub reference: String,
    pub at: Timestamp,
    /// Who entered it (staff for a top-up; the member or staff for an order).
    pub entered_by: String,
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum LedgerError {
    #[error("the amount must be more than zero")]
    NotPositive,
    #[error("the balance {balance} is not enough for {amount}")]
    InsufficientBalance { balance: Fen, amount: Fen },
}

/// The balance: the sum of the entries.
pub fn balance<'a>(entries: impl IntoIterator<Item = &'a LedgerEntry>) -> Fen {
    entries.into_iter().map(|entry| entry.amount).sum()
}

/// The signed amount of a new entry of `kind` for `amount` (> 0), checked
/// against the balance: a charge may take it down to `-credit_limit` at most.
pub fn entry_amount(
    kind: EntryKind,
    amount: Fen,
    balance: Fen,
    credit_limit: Fen,
) -> Result<Fen, LedgerError> {
    if amount <= Fen::ZERO {
        return Err(LedgerError::NotPositive);
    }
    match kind {
        EntryKind::TopUp | EntryKind::Refund => Ok(amount),
        EntryKind::Charge if balance - amount < -credit_limit => {
            Err(LedgerError::InsufficientBalance { balance, amount })
        }
        EntryKind::Charge => Ok(-amount),
    }
}

/// What a ledger entry is for, read off its kind and reference: the words
/// a statement shows instead of a record key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EntryFor {
    /// Money paid in at the counter, with the receipt number staff typed.
    TopUp { receipt: String },
    /// An order's charge, or its refund when cancelled: the order's key.
    Order { key: String, refund: bool },
    /// A meal plan's charge: the subscription's key.
    Subscription { key: String },
}

impl LedgerEntry {
    pub fn purpose(&self) -> EntryFor {
        let reference = self.reference.clone();
        match self.kind {
            EntryKind::TopUp => EntryFor::TopUp { receipt: reference },
            _ if reference.starts_with(super::records::SUBSCRIPTION_PREFIX) => {
                EntryFor::Subscription { key: reference }
            }
            kind => EntryFor::Order {
                key: reference,
                refund: kind == EntryKind::Refund,
            },
        }
    }
}

/// One line of a statement: the entry and the balance after it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatementLine {
    pub entry: LedgerEntry,
    pub balance: Fen,
}

/// A month's statement: the balance brought forward and the month's
/// entries, oldest first, each with the balance after it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Statement {
    pub opening: Fen,
    pub lines: Vec<StatementLine>,
    pub closing: Fen,
}

/// The statement of `year`-`month` (in Hohhot's time) from all of a
/// member's entries, in any order.
///
/// ```
/// use linli_core::canteen::ledger::{month_statement, EntryKind, LedgerEntry};
/// use linli_core::canteen::Fen;
/// use linli_core::Timestamp;
/// let entry = |id: &str, amount: i64, at: i64| LedgerEntry {
///     id: id.into(), member: "m".into(), amount: Fen(amount), reference: String::new(),
///     kind: if amount < 0 { EntryKind::Charge } else { EntryKind::TopUp },
///     at: Timestamp(at), entered_by: "m".into(),
/// };
/// // 2025-03-31 12:00 and 2025-04-02 12:00, China time.
/// let entries = [entry("b", -480, 1_743_566_400_000), entry("a", 5000, 1_743_393_600_000)];
/// let april = month_statement(&entries, 2025, 4);
/// assert_eq!((april.opening, april.closing), (Fen(5000), Fen(4520)));
/// assert_eq!(april.lines.len(), 1);
/// ```
pub fn month_statement(entries: &[LedgerEntry], year: i32, month: u8) -> Statement {
    let mut sorted: Vec<&LedgerEntry> = entries.iter().collect();
    sorted.sort_by(|a, b| (a.at, &a.id).cmp(&(b.at, &b.id)));
    let month_of = |entry: &LedgerEntry| {
        let date = crate::calendar::LocalTime::of(entry.at).date;
        (date.year(), date.month())
    };
    let mut opening = Fen::ZERO;
    let mut running = Fen::ZERO;
    let mut lines = Vec::new();
    for entry in sorted {
        running = running + entry.amount;
        match month_of(entry).cmp(&(year, month)) {
            std::cmp::Ordering::Less => opening = running,
            std::cmp::Ordering::Equal => lines.push(StatementLine {
                entry: entry.clone(),
                balance: running,
            }),
            std::cmp::Ordering::Greater => break,
        }
    }
    let closing = lines.last().map_or(opening, |line| line.balance);
    Statement {
        opening,
        lines,
        closing,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_month_statement_runs_its_balance_from_the_one_brought_forward() {
        let day = |day: i64| Timestamp(1_743_436_800_000 + day * crate::time::DAY_MS); // 2025-04-01 00:00 CST
        let at = |id: &str, amount: i64, when: Timestamp| LedgerEntry {
            at: when,
            ..entry_with(id, amount)
        };
        let entries = vec![
            at("o2-charge", -300, day(3)),
            at("t1", 5000, day(-5)),
            at("o1-charge", -480, day(1)),
            at("o1-refund", 480, day(2)),
            at("o3-charge", -600, day(30)), // May 1st
        ];
        let april = month_statement(&entries, 2025, 4);
        assert_eq!(april.opening, Fen(5000));
        let balances: Vec<Fen> = april.lines.iter().map(|line| line.balance).collect();
        assert_eq!(balances, [Fen(4520), Fen(5000), Fen(4700)]);
        assert_eq!(april.closing, Fen(4700));
        let may = month_statement(&entries, 2025, 5);
        assert_eq!(
            (may.opening, may.closing, may.lines.len()),
            (Fen(4700), Fen(4100), 1)
        );
        let march = month_statement(&entries, 2025, 3);
        assert_eq!((march.opening, march.closing), (Fen::ZERO, Fen(5000)));
        assert_eq!(month_statement(&entries, 2025, 6).lines, []);
        assert_eq!(month_statement(&entries, 2025, 6).closing, Fen(4100));
    }

    #[test]
    fn an_entry_says_what_it_was_for() {
        let mut charge = entry_with("o1-charge", -480);
        charge.reference = "canteen/order/m/o1".into();
        assert_eq!(
            charge.purpose(),
            EntryFor::Order {
                key: "canteen/order/m/o1".into(),
                refund: false
            }
        );
        let mut plan = entry_with("s1-subscription", -15000);
        plan.reference = "canteen/sub/m/s1".into();
        assert_eq!(
            plan.purpose(),
            EntryFor::Subscription {
                key: "canteen/sub/m/s1".into()
            }
        );
        let mut top_up = entry_with("t1", 5000);
        top_up.reference = "收据 0012".into();
        assert_eq!(
            top_up.purpose(),
            EntryFor::TopUp {
                receipt: "收据 0012".into()
            }
        );
    }

    fn entry_with(id: &str, amount: i64) -> LedgerEntry {
        LedgerEntry {
            id: id.into(),
            ..entry(Fen(amount))
        }
    }

    fn entry(amount: Fen) -> LedgerEntry {
        LedgerEntry {
            id: "e".into(),
            member: "m".into(),
            kind: if amount < Fen::ZERO {
                EntryKind::Charge
            } else {
                EntryKind::TopUp
            },
            amount,
            reference: String::new(),
            at: Timestamp(0),
            entered_by: "staff".into(),
        }
    }

    #[test]
    fn a_charge_beyond_the_balance_is_refused_without_credit() {
        assert_eq!(
            entry_amount(EntryKind::Charge, Fen(500), Fen(480), Fen::ZERO),
            Err(LedgerError::InsufficientBalance {
                balance: Fen(480),
                amount: Fen(500)
            })
        );
        assert_eq!(
            entry_amount(EntryKind::Charge, Fen(500), Fen(480), Fen(1000)),
            Ok(Fen(-500))
        );
        assert_eq!(
            entry_amount(EntryKind::TopUp, Fen(0), Fen(0), Fen::ZERO),
            Err(LedgerError::NotPositive)
        );
    }

    proptest! {
        /// Whatever is attempted, the balance is the sum of the entries kept,
        /// and never below the credit limit.
        #[test]
        fn the_balance_is_the_sum_of_its_entries(
            attempts in prop::collection::vec((0u8..3, 1i64..5000), 0..60),
            credit in 0i64..2000,
        ) {
            let mut entries = Vec::new();
            let mut expected = 0i64;
            for (kind, amount) in attempts {
                let kind = [EntryKind::TopUp, EntryKind::Charge, EntryKind::Refund][kind as usize];
                if let Ok(signed) = entry_amount(kind, Fen(amount), balance(&entries), Fen(credit)) {
                    expected += signed.0;
                    entries.push(entry(signed));
                }
                prop_assert!(balance(&entries) >= Fen(-credit));
            }
            prop_assert_eq!(balance(&entries), Fen(expected));
        }
    }
}
