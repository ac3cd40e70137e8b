//! Meal subscriptions: the 5-yuan breakfast package and monthly packages
//! (包月) of N served days. Paused days roll forward (顺延): they are not
//! served and the end date moves later by as many served days.

use serde::{Deserialize, Serialize};

use super::menu::{Category, Meal};
use super::money::Fen;
use crate::calendar::Date;

/// A kind of subscription the canteen offers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Plan {
    pub id: String,
    pub name_zh: String,
    pub name_en: String,
    pub meal: Meal,
    /// Served days the subscription buys.
    pub served_days: u32,
    pub price: Fen,
    /// What each served day brings, by category (the breakfast package: 5
    /// staples, 3 porridges or soups, 3 pickles).
    pub daily_contents: Vec<(Category, u8)>,
}

/// A range of dates, both ends included.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct DateRange {
    pub from: Date,
    pub to: Date,
}

impl DateRange {
    pub fn contains(&self, date: Date) -> bool {
        self.from <= date && date <= self.to
    }

    pub fn days(&self) -> i64 {
        self.from.days_until(self.to) + 1
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Subscription {
    pub id: String,
    pub member: String,
    pub plan: String,
    pub start: Date,
    pub served_days: u32,
    /// As the member asked for them; they may overlap.
    pub pauses: Vec<DateRange>,
}

/// Why a pause or resume is refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PauseError {
    #[error("a pause cannot start in the past")]
    StartsInThePast,
    #[error("a pause must end on or after its first day")]
    EndsBeforeItStarts,
    #[error("a pause must start on or after the subscription's first day")]
    BeforeTheSubscription,
    #[error("a subscription keeps at most 30 pauses of at most a year each")]
    TooLong,
}

impl Subscription {
    /// The pauses from the first day on, sorted and merged where they overlap
    /// or touch, so a day paused twice counts once.
    pub fn merged_pauses(&self) -> Vec<DateRange> {
        let mut pauses: Vec<DateRange> = self
            .pauses
            .iter()
            .filter(|pause| pause.to >= self.start)
            .map(|pause| DateRange {
                from: pause.from.max(self.start),
                to: pause.to,
            })
            .collect();
        pauses.sort();
        let mut merged: Vec<DateRange> = Vec::with_capacity(pauses.len());
        for pause in pauses {
            match merged.last_mut() {
                Some(last) if pause.from <= last.to.add_days(1) => last.to = last.to.max(pause.to),
                _ => merged.push(pause),
            }
        }
        merged
    }

    /// The last served day: the first day plus the served days, moved later
    /// by every paused day that falls before it (顺延).
    pub fn end_date(&self) -> Date {
        let mut end = self.start.add_days(i64::from(self.served_days.max(1)) - 1);
        for pause in self.merged_pauses() {
            if pause.from > end {
                break;
            }
            end = end.add_days(pause.days());
        }
        end
    }

    /// Whether a meal is served to this subscriber on `date`.
    pub fn serves_on(&self, date: Date) -> bool {
        self.served_days > 0
            && self.start <= date
            && date <= self.end_date()
            && !self.pauses.iter().any(|pause| pause.contains(date))
    }

    /// The moment a pause starting on `from` must reach the server by: the
    /// end of that day, Hohhot time (the server refuses a pause that starts
    /// before its own today, see [`Subscription::pause`]).
    pub fn pause_deadline(from: Date) -> crate::time::Timestamp {
        crate::calendar::LocalTime {
            date: from.add_days(1),
            minute: 0,
        }
        .timestamp()
    }

    /// Adds a pause. `today` is the server's date: a pause cannot start before it.
    pub fn pause(&mut self, range: DateRange, today: Date) -> Result<(), PauseError> {
        if range.to < range.from {
            return Err(PauseError::EndsBeforeItStarts);
        }
        if range.from < today {
            return Err(PauseError::StartsInThePast);
        }
        if range.from < self.start {
            return Err(PauseError::BeforeTheSubscription);
        }
        self.pauses.push(range);
        Ok(())
    }

    /// Serves again from `on`: pauses ending before `on` stay, the part of
    /// any pause from `on` onwards is dropped.
    pub fn resume(&mut self, on: Date, today: Date) -> Result<(), PauseError> {
        if on < today {
            return Err(PauseError::StartsInThePast);
        }
        self.pauses = self
            .pauses
            .iter()
            .filter(|pause| pause.from < on)
            .map(|pause| DateRange {
                from: pause.from,
                to: pause.to.min(on.add_days(-1)),
            })
            .collect();
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn date(text: &str) -> Date {
        text.parse().unwrap()
    }

    fn range(from: &str, to: &str) -> DateRange {
        DateRange {
            from: date(from),
            to: date(to),
        }
    }

    fn monthly(start: &str, days: u32, pauses: Vec<DateRange>) -> Subscription {
        Subscription {
            id: "s1".into(),
            member: "m1".into(),
            plan: "monthly-30".into(),
            start: date(start),
            served_days: days,
            pauses,
        }
    }

    #[test]
    fn a_three_day_pause_ends_three_served_days_later() {
        let mut subscription = monthly("2025-04-07", 30, vec![]);
        assert_eq!(subscription.end_date(), date("2025-05-06"));
        subscription
            .pause(range("2025-04-10", "2025-04-12"), date("2025-04-08"))
            .unwrap();
        assert_eq!(subscription.end_date(), date("2025-05-09"));
        assert!(!subscription.serves_on(date("2025-04-11")));
        assert!(subscription.serves_on(date("2025-05-09")));
    }

    #[test]
    fn overlapping_pauses_count_each_day_once() {
        let subscription = monthly(
            "2025-04-01",
            10,
            vec![
                range("2025-04-03", "2025-04-05"),
                range("2025-04-04", "2025-04-06"),
                range("2025-04-07", "2025-04-07"),
            ],
        );
        // 3–7 April paused (5 days): 10 served days end on the 15th.
        assert_eq!(subscription.end_date(), date("2025-04-15"));
    }

    #[test]
    fn month_ends_and_the_29th_of_february_roll_over() {
        assert_eq!(monthly("2024-02-20", 10, vec![]).end_date(), date("2024-02-29"));
        assert_eq!(monthly("2025-02-20", 10, vec![]).end_date(), date("2025-03-01"));
        let paused = monthly("2024-02-25", 5, vec![range("2024-02-28", "2024-03-01")]);
        // Served 25, 26, 27 Feb; paused 28, 29 Feb, 1 Mar; served 2, 3 Mar.
        assert_eq!(paused.end_date(), date("2024-03-03"));
        let year_end = monthly("2025-12-30", 3, vec![range("2025-12-31", "2025-12-31")]);
        assert_eq!(year_end.end_date(), date("2026-01-02"));
    }

    #[test]
    fn a_pause_cannot_start_in_the_past() {
        let mut subscription = monthly("2025-04-01", 30, vec![]);
        assert_eq!(
            subscription.pause(range("2025-04-05", "2025-04-06"), date("2025-04-06")),
            Err(PauseError::StartsInThePast)
        );
        assert_eq!(
            subscription.pause(range("2025-04-09", "2025-04-08"), date("2025-04-06")),
            Err(PauseError::EndsBeforeItStarts)
        );
        assert!(subscription
            .pause(range("2025-04-06", "2025-04-06"), date("2025-04-06"))
            .is_ok());
    }

    #[test]
    fn resuming_early_gives_back_the_days_not_taken() {
        let mut subscription = monthly("2025-04-01", 10, vec![range("2025-04-03", "2025-04-09")]);
        assert_eq!(subscription.end_date(), date("2025-04-17"));
        subscription
            .resume(date("2025-04-05"), date("2025-04-05"))
            .unwrap();
        assert_eq!(subscription.pauses, vec![range("2025-04-03", "2025-04-04")]);
        assert_eq!(subscription.end_date(), date("2025-04-12"));
    }

    proptest! {
        /// The end date matches a day-by-day count of served days.
        #[test]
        fn end_date_matches_counting_day_by_day(
            start in 19_000i64..20_500,
            days in 1u32..60,
            pauses in prop::collection::vec((0i64..90, 0i64..10), 0..5),
        ) {
            let start = Date::from_days_since_epoch(start);
            let pauses: Vec<DateRange> = pauses.iter()
                .map(|(offset, length)| DateRange { from: start.add_days(*offset), to: start.add_days(offset + length) })
                .collect();
            let subscription = Subscription { id: "s".into(), member: "m".into(), plan: "p".into(), start, served_days: days, pauses: pauses.clone() };
            let mut served = 0;
            let mut day = start;
            loop {
                if !pauses.iter().any(|pause| pause.contains(day)) {
                    served += 1;
                    if served == days { break; }
                }
                day = day.add_days(1);
            }
            prop_assert_eq!(subscription.end_date(), day);
            prop_assert!(subscription.serves_on(day));
        }
    }
}
