//! The three visit rounds (三遍走): key households first, then general
//! ones, then those in difficulty, each round with its own due date.

use serde::{Deserialize, Serialize};

use super::records::{HouseholdCategory, VisitPlan};
use crate::calendar::Date;

/// One round of a visit plan.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Round {
    /// 1, 2 or 3.
    pub number: u8,
    pub category: HouseholdCategory,
    pub starts: Date,
    /// The last day of the round.
    pub due: Date,
}

/// The categories in the order the rounds visit them.
pub const ROUND_ORDER: [HouseholdCategory; 3] = [
    HouseholdCategory::Key,
    HouseholdCategory::General,
    HouseholdCategory::Difficulty,
];

/// The plan's three rounds, back to back from its start; a round of zero
/// days is taken as one.
pub fn rounds(plan: &VisitPlan) -> [Round; 3] {
    let mut starts = plan.start;
    let mut number = 0u8;
    ROUND_ORDER.map(|category| {
        let days = i64::from(plan.round_days[usize::from(number)].max(1));
        number += 1;
        let round = Round {
            number,
            category,
            starts,
            due: starts.add_days(days - 1),
        };
        starts = starts.add_days(days);
        round
    })
}

/// Where one household stands in a plan on `today`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VisitState {
    /// Its round has not begun.
    NotYet,
    /// Its round is under way and it has not been visited.
    Due,
    /// Its round is over and it was not visited.
    Overdue,
    /// Visited since the plan began.
    Visited,
}

/// The state of a household of `category` whose latest visit was on
/// `last_visit` (if ever).
pub fn visit_state(
    plan: &VisitPlan,
    category: HouseholdCategory,
    last_visit: Option<Date>,
    today: Date,
) -> VisitState {
    if last_visit.is_some_and(|visited| visited >= plan.start) {
        return VisitState::Visited;
    }
    let round = rounds(plan)
        .into_iter()
        .find(|round| round.category == category)
        .expect("every category has a round");
    if today < round.starts {
        VisitState::NotYet
    } else if today <= round.due {
        VisitState::Due
    } else {
        VisitState::Overdue
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan(start: &str, days: [u16; 3]) -> VisitPlan {
        VisitPlan {
            id: "winter".into(),
            grid: None,
            name: "冬季三遍走".into(),
            start: start.parse().unwrap(),
            round_days: days,
        }
    }

    fn date(text: &str) -> Date {
        text.parse().unwrap()
    }

    #[test]
    fn the_rounds_follow_each_other_key_general_difficulty() {
        let [first, second, third] = rounds(&plan("2026-02-20", [7, 14, 10]));
        assert_eq!(
            (first.category, first.starts, first.due),
            (HouseholdCategory::Key, date("2026-02-20"), date("2026-02-26"))
        );
        assert_eq!(
            (second.category, second.starts, second.due),
            (HouseholdCategory::General, date("2026-02-27"), date("2026-03-12"))
        );
        assert_eq!(
            (third.category, third.starts, third.due),
            (
                HouseholdCategory::Difficulty,
                date("2026-03-13"),
                date("2026-03-22")
            )
        );
        let [leap, ..] = rounds(&plan("2028-02-25", [7, 1, 1]));
        assert_eq!(leap.due, date("2028-03-02"), "29 February counts as a day");
    }

    #[test]
    fn a_household_is_due_in_its_round_and_overdue_after_it() {
        let winter = plan("2026-02-20", [7, 14, 10]);
        let general = HouseholdCategory::General;
        assert_eq!(
            visit_state(&winter, general, None, date("2026-02-26")),
            VisitState::NotYet
        );
        assert_eq!(
            visit_state(&winter, general, None, date("2026-02-27")),
            VisitState::Due
        );
        assert_eq!(
            visit_state(&winter, general, None, date("2026-03-12")),
            VisitState::Due
        );
        assert_eq!(
            visit_state(&winter, general, None, date("2026-03-13")),
            VisitState::Overdue
        );
        assert_eq!(
            visit_state(&winter, general, Some(date("2026-02-19")), date("2026-03-13")),
            VisitState::Overdue,
            "a visit before the plan does not count"
        );
        assert_eq!(
            visit_state(&winter, general, Some(date("2026-02-21")), date("2026-03-13")),
            VisitState::Visited
        );
    }
}
