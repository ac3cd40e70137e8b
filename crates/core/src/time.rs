//! Time as the domain sees it: milliseconds since the Unix epoch, UTC.
//!
//! The core never reads a clock. The server passes its own clock to every
//! mutation, and that decides deadlines; the browser passes its clock only to
//! predict what the server will decide.

use serde::{Deserialize, Serialize};

/// A minute, an hour and a day in milliseconds: [`Timestamp`]'s unit.
pub const MINUTE_MS: i64 = 60_000;
pub const HOUR_MS: i64 = 60 * MINUTE_MS;
pub const DAY_MS: i64 = 24 * HOUR_MS;

/// A moment, in milliseconds since 1970-01-01T00:00:00Z.
///
/// Read from JSON only within [`Timestamp::EARLIEST`] and
/// [`Timestamp::LATEST`] (1900 to 2200): a time in a mutation's arguments
/// (when a vote opens, when an activity starts) outside that is refused as
/// bad input, so no arithmetic on it can overflow.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct Timestamp(pub i64);

impl Timestamp {
    /// 1900-01-01T00:00:00Z.
    pub const EARLIEST: Timestamp = Timestamp(-2_208_988_800_000);
    /// 2200-01-01T00:00:00Z.
    pub const LATEST: Timestamp = Timestamp(7_258_118_400_000);

    pub fn millis(self) -> i64 {
        self.0
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let millis = i64::deserialize(deserializer)?;
        if (Timestamp::EARLIEST.0..=Timestamp::LATEST.0).contains(&millis) {
            Ok(Timestamp(millis))
        } else {
            Err(serde::de::Error::custom(format!(
                "a time must lie between 1900 and 2200 (ms since the epoch): {millis}"
            )))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_outside_a_villages_life_are_not_read() {
        assert_eq!(
            serde_json::from_str::<Timestamp>("1764230400000").unwrap(),
            Timestamp(1_764_230_400_000)
        );
        assert!(
            serde_json::from_str::<Timestamp>("-86400000").is_ok(),
            "1969 is a time"
        );
        for bad in [
            "-2208988800001",
            "-9223372036854775808",
            "9223372036854775807",
            "7258118400001",
        ] {
            assert!(serde_json::from_str::<Timestamp>(bad).is_err(), "{bad}");
        }
    }
}
