//! Money in integer fen (1 yuan = 100 fen): never a float.

use std::fmt;
use std::ops::{Add, Neg, Sub};

use serde::{Deserialize, Serialize};

/// An amount of money in fen; negative for a debit or a discount.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Fen(pub i64);

impl Fen {
    pub const ZERO: Fen = Fen(0);
    /// The most a dish, a plan, a fee or a credit limit may be: ¥10,000.
    pub const MAX_PRICE: Fen = Fen(1_000_000);
    /// The most one top-up may be: ¥100,000.
    pub const MAX_TOP_UP: Fen = Fen(10_000_000);

    /// Whether this is a price the canteen may set: 0 to [`Fen::MAX_PRICE`].
    /// Bounded so that no sum of prices, portions and ledger entries can
    /// overflow.
    pub fn is_price(self) -> bool {
        (Fen::ZERO..=Fen::MAX_PRICE).contains(&self)
    }

    /// `percent`% of this amount, rounded to the nearest fen (halves up).
    ///
    /// ```
    /// use linli_core::canteen::Fen;
    /// assert_eq!(Fen(800).percent(60), Fen(480));
    /// assert_eq!(Fen(5).percent(50), Fen(3));
    /// ```
    pub fn percent(self, percent: u8) -> Fen {
        Fen((self.0 * i64::from(percent) + 50).div_euclid(100))
    }
}

impl Add for Fen {
    type Output = Fen;
    fn add(self, other: Fen) -> Fen {
        Fen(self.0 + other.0)
    }
}

impl Sub for Fen {
    type Output = Fen;
    fn sub(self, other: Fen) -> Fen {
        Fen(self.0 - other.0)
    }
}

impl Neg for Fen {
    type Output = Fen;
    fn neg(self) -> Fen {
        Fen(-self.0)
    }
}

impl std::iter::Sum for Fen {
    fn sum<I: Iterator<Item = Fen>>(iter: I) -> Fen {
        iter.fold(Fen::ZERO, Add::add)
    }
}

/// `¥4.80`, `−¥4.80`.
impl fmt::Display for Fen {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "−" } else { "" };
        let abs = self.0.unsigned_abs();
        write!(f, "{sign}¥{}.{:02}", abs / 100, abs % 100)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_print_as_yuan() {
        assert_eq!(Fen(480).to_string(), "¥4.80");
        assert_eq!(Fen(-480).to_string(), "−¥4.80");
        assert_eq!(Fen(5).to_string(), "¥0.05");
    }
}
