//! Service hours: each attendance counts its whole hours, and the started
//! hour's remainder in half hours (under 15 minutes nothing, 15 to under 45
//! minutes half an hour, 45 minutes or more a whole hour). Star levels come
//! from a year's total and start again each year.

use crate::calendar::LocalTime;
use crate::time::Timestamp;
use crate::time::{HOUR_MS, MINUTE_MS};

/// Half hours of service from `signed_in` to `signed_out` (0 if not after).
pub fn half_hours(signed_in: Timestamp, signed_out: Timestamp) -> u32 {
    let served = signed_out.millis().saturating_sub(signed_in.millis());
    if served <= 0 {
        return 0;
    }
    // Activities last at most a week, so this never saturates in practice;
    // saturating keeps a damaged record from wrapping into nonsense.
    let whole = u32::try_from(served / HOUR_MS).unwrap_or(u32::MAX / 4);
    let rest = served % HOUR_MS;
    let rest_half_hours = if rest < 15 * MINUTE_MS {
        0
    } else if rest < 45 * MINUTE_MS {
        1
    } else {
        2
    };
    whole.saturating_mul(2).saturating_add(rest_half_hours)
}

/// The yearly hours at which a volunteer earns one more star.
pub const STAR_THRESHOLDS_HOURS: [u32; 5] = [8, 10, 15, 20, 25];

/// Stars (0 to 5) for a year's service given in half hours.
pub fn stars(year_half_hours: u32) -> usize {
    STAR_THRESHOLDS_HOURS
        .iter()
        .filter(|threshold| year_half_hours >= *threshold * 2)
        .count()
}

/// The year (in Hohhot) an attendance counts for: the year it began.
pub fn service_year(signed_in: Timestamp) -> i32 {
    LocalTime::of(signed_in).date.year()
}

/// Half hours per year from `(signed_in, signed_out)` attendances.
pub fn yearly_half_hours(attendances: &[(Timestamp, Timestamp)], year: i32) -> u32 {
    attendances
        .iter()
        .filter(|(signed_in, _)| service_year(*signed_in) == year)
        .map(|(signed_in, signed_out)| half_hours(*signed_in, *signed_out))
        .fold(0u32, u32::saturating_add)
}

/// Half hours shown as hours: 5 → "2.5".
pub fn format_hours(half_hours: u32) -> String {
    if half_hours.is_multiple_of(2) {
        (half_hours / 2).to_string()
    } else {
        format!("{}.5", half_hours / 2)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::Date;

    fn at(minutes: i64, seconds: i64) -> Timestamp {
        Timestamp(1_700_000_000_000 + minutes * MINUTE_MS + seconds * 1000)
    }

    #[test]
    fn the_started_hours_remainder_counts_in_half_hours_at_its_edges() {
        let start = at(0, 0);
        assert_eq!(half_hours(start, at(14, 59)), 0, "14:59 counts nothing");
        assert_eq!(half_hours(start, at(15, 0)), 1, "15:00 is half an hour");
        assert_eq!(half_hours(start, at(44, 59)), 1, "44:59 is still half an hour");
        assert_eq!(half_hours(start, at(45, 0)), 2, "45:00 is a whole hour");
        assert_eq!(half_hours(start, at(60, 0)), 2);
        assert_eq!(half_hours(start, at(3 * 60 + 14, 59)), 6, "three hours and 14:59");
        assert_eq!(half_hours(start, at(3 * 60 + 15, 0)), 7, "three and a half");
        assert_eq!(half_hours(start, at(3 * 60 + 45, 0)), 8, "four");
        assert_eq!(half_hours(at(10, 0), start), 0, "never negative");
    }

    #[test]
    fn stars_come_at_8_10_15_20_and_25_hours() {
        assert_eq!(stars(15), 0, "7.5 hours");
        assert_eq!(stars(16), 1, "8 hours");
        assert_eq!(stars(19), 1);
        assert_eq!(stars(20), 2, "10 hours");
        assert_eq!(stars(30), 3, "15 hours");
        assert_eq!(stars(40), 4, "20 hours");
        assert_eq!(stars(49), 4, "24.5 hours");
        assert_eq!(stars(50), 5, "25 hours");
        assert_eq!(stars(500), 5);
    }

    #[test]
    fn a_new_year_starts_from_nothing() {
        let day = |date: &str, minute: u16| {
            LocalTime {
                date: date.parse::<Date>().unwrap(),
                minute,
            }
            .timestamp()
        };
        // Ten hours on the last day of 2025 (in Hohhot), two on New Year's Day.
        let attendances = [
            (day("2025-12-31", 8 * 60), day("2025-12-31", 18 * 60)),
            (day("2026-01-01", 9 * 60), day("2026-01-01", 11 * 60)),
        ];
        assert_eq!(yearly_half_hours(&attendances, 2025), 20);
        assert_eq!(stars(yearly_half_hours(&attendances, 2025)), 2);
        assert_eq!(yearly_half_hours(&attendances, 2026), 4);
        assert_eq!(stars(yearly_half_hours(&attendances, 2026)), 0, "reset each year");
        assert_eq!(format_hours(5), "2.5");
        assert_eq!(format_hours(4), "2");
    }
}
