//! Dates and times of day in Hohhot (China Standard Time, UTC+8, no daylight
//! saving), with no dependency: civil-date arithmetic after Howard Hinnant's
//! `days_from_civil`, exact for every date of the proleptic Gregorian calendar.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::time::Timestamp;
use crate::time::{DAY_MS, HOUR_MS, MINUTE_MS};

/// China Standard Time's offset from UTC, in milliseconds.
pub const CHINA_OFFSET_MS: i64 = 8 * HOUR_MS;

/// A calendar date. Serialised as `"YYYY-MM-DD"`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

/// A day of the week.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Weekday {
    Monday,
    Tuesday,
    Wednesday,
    Thursday,
    Friday,
    Saturday,
    Sunday,
}

/// Why a string or numbers are not a date.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("not a valid date (YYYY-MM-DD): {0:?}")]
pub struct InvalidDate(pub String);

pub fn is_leap_year(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

impl Date {
    pub fn new(year: i32, month: u8, day: u8) -> Result<Date, InvalidDate> {
        if (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month) {
            Ok(Date { year, month, day })
        } else {
            Err(InvalidDate(format!("{year:04}-{month:02}-{day:02}")))
        }
    }

    pub fn year(self) -> i32 {
        self.year
    }

    pub fn month(self) -> u8 {
        self.month
    }

    pub fn day(self) -> u8 {
        self.day
    }

    /// Days since 1970-01-01.
    pub fn days_since_epoch(self) -> i64 {
        let year = i64::from(self.year) - i64::from(self.month <= 2);
        let era = year.div_euclid(400);
        let year_of_era = year - era * 400;
        let month = i64::from(self.month);
        let day_of_year =
            (153 * (if month > 2 { month - 3 } else { month + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
        era * 146_097 + day_of_era - 719_468
    }

    /// The first and last dates a `YYYY-MM-DD` string can name.
    pub const MIN: Date = Date {
        year: 0,
        month: 1,
        day: 1,
    };
    pub const MAX: Date = Date {
        year: 9999,
        month: 12,
        day: 31,
    };

    /// The date `days` after 1970-01-01, kept within [`Date::MIN`] and
    /// [`Date::MAX`] (a date outside them could not be written back).
    pub fn from_days_since_epoch(days: i64) -> Date {
        let days = days.clamp(Date::MIN.days_since_epoch(), Date::MAX.days_since_epoch());
        let days = days + 719_468;
        let era = days.div_euclid(146_097);
        let day_of_era = days - era * 146_097;
        let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
        let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
        let month_index = (5 * day_of_year + 2) / 153;
        let day = (day_of_year - (153 * month_index + 2) / 5 + 1) as u8;
        let month = if month_index < 10 {
            month_index + 3
        } else {
            month_index - 9
        } as u8;
        let year = (year_of_era + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    pub fn add_days(self, days: i64) -> Date {
        Date::from_days_since_epoch(self.days_since_epoch().saturating_add(days))
    }

    /// Whole days from `self` to `later` (negative if `later` is earlier).
    pub fn days_until(self, later: Date) -> i64 {
        later.days_since_epoch() - self.days_since_epoch()
    }

    pub fn weekday(self) -> Weekday {
        // 1970-01-01 was a Thursday.
        const FROM_THURSDAY: [Weekday; 7] = [
            Weekday::Thursday,
            Weekday::Friday,
            Weekday::Saturday,
            Weekday::Sunday,
            Weekday::Monday,
            Weekday::Tuesday,
            Weekday::Wednesday,
        ];
        FROM_THURSDAY[self.days_since_epoch().rem_euclid(7) as usize]
    }

    /// A person's age in whole years on `on`, born on `self`. Someone born on
    /// 29 February has their birthday on 1 March in common years.
    pub fn age_on(self, on: Date) -> i32 {
        let mut age = on.year - self.year;
        let (birth_month, birth_day) = if self.month == 2 && self.day == 29 && !is_leap_year(on.year) {
            (3, 1)
        } else {
            (self.month, self.day)
        };
        if (on.month, on.day) < (birth_month, birth_day) {
            age -= 1;
        }
        age
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl FromStr for Date {
    type Err = InvalidDate;
    fn from_str(text: &str) -> Result<Date, InvalidDate> {
        let invalid = || InvalidDate(text.to_owned());
        let mut parts = text.split('-');
        let (Some(year), Some(month), Some(day), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(invalid());
        };
        if year.len() != 4 || month.len() != 2 || day.len() != 2 {
            return Err(invalid());
        }
        let number = |part: &str| part.parse::<u16>().map_err(|_| invalid());
        Date::new(i32::from(number(year)?), number(month)? as u8, number(day)? as u8).map_err(|_| invalid())
    }
}

impl TryFrom<String> for Date {
    type Error = InvalidDate;
    fn try_from(text: String) -> Result<Date, InvalidDate> {
        text.parse()
    }
}

impl From<Date> for String {
    fn from(date: Date) -> String {
        date.to_string()
    }
}

/// Minutes after local midnight, `0..1440`.
pub type MinuteOfDay = u16;

/// A moment as a date and minute of the day in Hohhot.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct LocalTime {
    pub date: Date,
    pub minute: MinuteOfDay,
}

impl LocalTime {
    pub fn of(at: Timestamp) -> LocalTime {
        let local = at.millis().saturating_add(CHINA_OFFSET_MS);
        LocalTime {
            date: Date::from_days_since_epoch(local.div_euclid(DAY_MS)),
            minute: (local.rem_euclid(DAY_MS) / MINUTE_MS) as MinuteOfDay,
        }
    }

    /// The moment this local time begins.
    pub fn timestamp(self) -> Timestamp {
        Timestamp(
            self.date.days_since_epoch() * DAY_MS + i64::from(self.minute) * MINUTE_MS - CHINA_OFFSET_MS,
        )
    }
}

/// A time of day as typed ("09:30", the form of an HTML `time` input) in
/// minutes after midnight.
pub fn parse_minute_of_day(text: &str) -> Option<MinuteOfDay> {
    let (hours, minutes) = text.trim().split_once(':')?;
    let (hours, minutes): (MinuteOfDay, MinuteOfDay) = (hours.parse().ok()?, minutes.get(..2)?.parse().ok()?);
    (hours < 24 && minutes < 60).then(|| hours * 60 + minutes)
}

/// A time of day as shown and as an HTML `time` input holds it: "09:30".
pub fn format_minute_of_day(minute: MinuteOfDay) -> String {
    format!("{:02}:{:02}", minute / 60, minute % 60)
}

/// `2026-11-27T10:05`, the form of an HTML `datetime-local` input, read as
/// a time in Hohhot.
impl FromStr for LocalTime {
    type Err = InvalidDate;
    fn from_str(text: &str) -> Result<LocalTime, InvalidDate> {
        let invalid = || InvalidDate(text.to_owned());
        let (date, time) = text.split_once('T').ok_or_else(invalid)?;
        let (hours, minutes) = time.split_once(':').ok_or_else(invalid)?;
        let hours: u16 = hours.parse().map_err(|_| invalid())?;
        let minutes: u16 = minutes
            .get(..2)
            .and_then(|m| m.parse().ok())
            .ok_or_else(invalid)?;
        if hours > 23 || minutes > 59 {
            return Err(invalid());
        }
        Ok(LocalTime {
            date: date.parse()?,
            minute: hours * 60 + minutes,
        })
    }
}

impl fmt::Display for LocalTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}T{}", self.date, format_minute_of_day(self.minute))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn date(text: &str) -> Date {
        text.parse().unwrap()
    }

    #[test]
    fn known_dates_and_weekdays() {
        assert_eq!(date("1970-01-01").days_since_epoch(), 0);
        assert_eq!(date("2026-11-27").weekday(), Weekday::Friday);
        assert_eq!(
            date("2025-04-07").weekday(),
            Weekday::Monday,
            "the canteen opened on a Monday"
        );
        assert_eq!(date("2024-02-28").add_days(1), date("2024-02-29"));
        assert_eq!(date("2025-02-28").add_days(1), date("2025-03-01"));
        assert_eq!(date("2025-12-31").add_days(1), date("2026-01-01"));
    }

    #[test]
    fn invalid_dates_are_refused() {
        for bad in [
            "2025-02-29",
            "2025-13-01",
            "2025-00-10",
            "2025-4-7",
            "2025-04-07-1",
            "",
            "abcd-ef-gh",
        ] {
            assert!(bad.parse::<Date>().is_err(), "{bad}");
        }
        assert!("2024-02-29".parse::<Date>().is_ok());
    }

    #[test]
    fn age_turns_on_the_birthday() {
        let born = date("1965-11-27");
        assert_eq!(born.age_on(date("2025-11-26")), 59);
        assert_eq!(born.age_on(date("2025-11-27")), 60);
        let leap = date("1964-02-29");
        assert_eq!(leap.age_on(date("2024-02-28")), 59);
        assert_eq!(
            leap.age_on(date("2024-02-29")),
            60,
            "a leap year has the day itself"
        );
        assert_eq!(leap.age_on(date("2025-02-28")), 60);
        assert_eq!(leap.age_on(date("2023-02-28")), 58);
        assert_eq!(
            leap.age_on(date("2023-03-01")),
            59,
            "common years count from 1 March"
        );
    }

    #[test]
    fn local_time_is_china_standard_time() {
        // 2025-04-07 07:00 in Hohhot is 2025-04-06 23:00 UTC.
        let seven = LocalTime {
            date: date("2025-04-07"),
            minute: 7 * 60,
        };
        assert_eq!(LocalTime::of(seven.timestamp()), seven);
        assert_eq!(seven.timestamp().millis() % DAY_MS, 23 * HOUR_MS);
    }

    proptest! {
        #[test]
        fn days_round_trip(days in -300_000i64..2_900_000) {
            let date = Date::from_days_since_epoch(days);
            prop_assert_eq!(date.days_since_epoch(), days);
            prop_assert_eq!(date.to_string().parse::<Date>().unwrap(), date);
            prop_assert!(date.day() >= 1 && date.day() <= days_in_month(date.year(), date.month()));
        }
    }

    #[test]
    fn times_of_day_read_as_typed() {
        assert_eq!(parse_minute_of_day("09:30"), Some(570));
        assert_eq!(format_minute_of_day(570), "09:30");
        assert_eq!(
            parse_minute_of_day(&format_minute_of_day(23 * 60 + 5)),
            Some(23 * 60 + 5)
        );
        assert_eq!(parse_minute_of_day("00:00"), Some(0));
        assert_eq!(parse_minute_of_day("23:59:00"), Some(23 * 60 + 59));
        for bad in ["24:00", "10:60", "930", "", "ab:cd"] {
            assert_eq!(parse_minute_of_day(bad), None, "{bad}");
        }
    }

    #[test]
    fn local_times_read_and_write_the_datetime_local_form() {
        let time: LocalTime = "2026-11-27T09:05".parse().unwrap();
        assert_eq!(time.minute, 9 * 60 + 5);
        assert_eq!(time.to_string(), "2026-11-27T09:05");
        assert_eq!(LocalTime::of(time.timestamp()), time);
        assert_eq!(
            "2026-11-27T23:59:30".parse::<LocalTime>().unwrap().minute,
            23 * 60 + 59
        );
        for bad in [
            "2026-11-27",
            "2026-11-27T24:00",
            "2026-11-27T10:60",
            "2026-02-30T10:00",
            "x",
        ] {
            assert!(bad.parse::<LocalTime>().is_err(), "{bad}");
        }
    }
}
