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

/// Why what a person typed is not an amount of yuan (see [`Fen::parse_yuan`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum YuanError {
    #[error("no amount")]
    Empty,
    #[error("not a number of yuan")]
    NotANumber,
    #[error("below zero")]
    Negative,
    /// More than two decimals: a fen is the smallest amount.
    #[error("more than two decimals")]
    TooManyDecimals,
    /// Above the most this amount may be.
    #[error("too large")]
    TooLarge,
}

impl Fen {
    /// Reads an amount of yuan as a person types it (`12`, `4.8`, `¥4.80`,
    /// `4.80元`, full-width digits from a Chinese keyboard) into fen, with
    /// no float on the way, refusing what is negative, has more than two
    /// decimals or is above `max`.
    ///
    /// ```
    /// use linli_core::canteen::money::{Fen, YuanError};
    /// assert_eq!(Fen::parse_yuan(" 4.8 ", Fen::MAX_PRICE), Ok(Fen(480)));
    /// assert_eq!(Fen::parse_yuan("￥１２元", Fen::MAX_PRICE), Ok(Fen(1200)));
    /// assert_eq!(Fen::parse_yuan("4.805", Fen::MAX_PRICE), Err(YuanError::TooManyDecimals));
    /// assert_eq!(Fen::parse_yuan("-1", Fen::MAX_PRICE), Err(YuanError::Negative));
    /// assert_eq!(Fen::parse_yuan("20000", Fen::MAX_PRICE), Err(YuanError::TooLarge));
    /// ```
    pub fn parse_yuan(typed: &str, max: Fen) -> Result<Fen, YuanError> {
        let ascii: String = typed
            .trim()
            .chars()
            .map(|c| match crate::text::ascii_digit(c) {
                '．' | '。' => '.',
                '－' | '−' => '-',
                other => other,
            })
            .collect();
        let text = ascii
            .trim_start_matches(['¥', '￥'])
            .trim_end_matches('元')
            .trim();
        if text.is_empty() {
            return Err(YuanError::Empty);
        }
        let (negative, text) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let (whole, decimals) = text.split_once('.').unwrap_or((text, ""));
        let digits = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
        if (whole.is_empty() && decimals.is_empty()) || !digits(whole) || !digits(decimals) {
            return Err(YuanError::NotANumber);
        }
        if negative {
            return Err(YuanError::Negative);
        }
        if decimals.len() > 2 {
            return Err(YuanError::TooManyDecimals);
        }
        // Past the bound's digits there is no need to read on (and no overflow).
        let max_digits = (max.0 / 100).to_string().len();
        let whole = whole.trim_start_matches('0');
        if whole.len() > max_digits {
            return Err(YuanError::TooLarge);
        }
        let yuan: i64 = if whole.is_empty() {
            0
        } else {
            whole.parse().map_err(|_| YuanError::TooLarge)?
        };
        let fen: i64 = format!("{decimals:0<2}")
            .parse()
            .map_err(|_| YuanError::NotANumber)?;
        let amount = Fen(yuan * 100 + fen);
        if amount > max {
            return Err(YuanError::TooLarge);
        }
        Ok(amount)
    }

    /// The amount as a form's field shows it to be edited: `4.80`, with no
    /// sign or currency.
    pub fn to_yuan_field(self) -> String {
        let abs = self.0.unsigned_abs();
        let sign = if self.0 < 0 { "-" } else { "" };
        format!("{sign}{}.{:02}", abs / 100, abs % 100)
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

    #[test]
    fn typed_yuan_read_to_the_fen() {
        let read = |typed: &str| Fen::parse_yuan(typed, Fen::MAX_PRICE);
        assert_eq!(read("0"), Ok(Fen(0)));
        assert_eq!(read("12"), Ok(Fen(1200)));
        assert_eq!(read("12."), Ok(Fen(1200)));
        assert_eq!(read(".5"), Ok(Fen(50)));
        assert_eq!(read("0.05"), Ok(Fen(5)));
        assert_eq!(read("007.10"), Ok(Fen(710)));
        assert_eq!(read("¥ 4.80"), Ok(Fen(480)));
        assert_eq!(read("４．８"), Ok(Fen(480)));
        assert_eq!(read("10000"), Ok(Fen::MAX_PRICE));
        assert_eq!(read("10000.01"), Err(YuanError::TooLarge));
        assert_eq!(read("99999999999999999999999"), Err(YuanError::TooLarge));
        assert_eq!(read(""), Err(YuanError::Empty));
        assert_eq!(read("元"), Err(YuanError::Empty));
        assert_eq!(read("."), Err(YuanError::NotANumber));
        assert_eq!(read("4,80"), Err(YuanError::NotANumber));
        assert_eq!(read("1e3"), Err(YuanError::NotANumber));
        assert_eq!(read("NaN"), Err(YuanError::NotANumber));
        assert_eq!(read("-0.5"), Err(YuanError::Negative));
        assert_eq!(read("4.805"), Err(YuanError::TooManyDecimals));
        // 0.29 is where a float goes wrong: 0.29 * 100 = 28.999999999999996.
        assert_eq!(read("0.29"), Ok(Fen(29)));
        assert_eq!(Fen::parse_yuan("100000", Fen::MAX_TOP_UP), Ok(Fen::MAX_TOP_UP));
    }

    #[test]
    fn an_amount_reads_back_from_its_field() {
        for fen in [0, 5, 29, 480, 1_000_000] {
            assert_eq!(
                Fen::parse_yuan(&Fen(fen).to_yuan_field(), Fen::MAX_PRICE),
                Ok(Fen(fen))
            );
        }
        assert_eq!(Fen(-480).to_yuan_field(), "-4.80");
    }
}
