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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

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
