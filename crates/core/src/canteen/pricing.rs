//! Pricing by rules, never hard-coded: each rule says who is eligible, for
//! which meal mode, on which weekdays and at which times, for which dishes,
//! and what it does to the price. The member pays the best price the rules
//! give, and the breakdown says why ("60岁以上堂食六折 −¥4.80").
//!
//! ## Usage
//! ```
//! use linli_core::calendar::{Date, LocalTime};
//! use linli_core::canteen::menu::{Category, Dish, Portion};
//! use linli_core::canteen::pricing::{demo_rules, price, Diner, MealMode, OrderLine};
//! use linli_core::canteen::Fen;
//!
//! let dish = Dish { id: "braised-tofu".into(), name_zh: "家常豆腐".into(), name_en: "Home-style tofu".into(),
//!                   category: Category::HotDish, price: Fen(800), portion: Portion::Standard, tags: vec![],
//!                   daily_capacity: None };
//! let diner = Diner { birth_date: Some("1943-05-01".parse().unwrap()), tags: vec![] };
//! let lunch = LocalTime { date: "2025-04-08".parse().unwrap(), minute: 11 * 60 + 30 };
//! let bill = price(&[dish], &[OrderLine { dish: "braised-tofu".into(), quantity: 1 }],
//!                  &diner, MealMode::DineIn, lunch, &demo_rules(), Fen(300)).unwrap();
//! assert_eq!(bill.total, Fen(480));
//! assert_eq!(bill.adjustments[0].amount, Fen(-320));
//! ```

use serde::{Deserialize, Serialize};

use super::menu::{Dish, DishId};
use super::money::Fen;
use crate::calendar::{Date, LocalTime, MinuteOfDay, Weekday};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MealMode {
    DineIn,
    TakeAway,
    Delivery,
}

/// Who a rule is for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "value")]
pub enum Eligibility {
    /// At least this old on the day of the meal (from the member's birth date).
    AgeAtLeast(u8),
    /// Members carrying this tag, such as `sanitation_worker`, `mobility_impaired`, `low_income`.
    MemberTag(String),
}

/// What a rule does.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "value")]
pub enum Effect {
    /// Pay this percentage of the price (六折 = 60).
    PercentOfPrice(u8),
    /// Pay this price per portion (never more than the menu price).
    FixedPrice(Fen),
    /// One portion of each matching dish is free.
    FreeItem,
    /// No delivery fee.
    FreeDelivery,
}

/// A time window within a day: from `from` (inclusive) until `until` (exclusive).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimeWindow {
    pub from: MinuteOfDay,
    pub until: MinuteOfDay,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PricingRule {
    pub id: String,
    /// What the breakdown says, in Chinese and in English.
    pub label_zh: String,
    pub label_en: String,
    pub eligibility: Eligibility,
    /// The meal modes it applies to; empty means all.
    pub modes: Vec<MealMode>,
    /// The weekdays it applies on; empty means every day.
    pub weekdays: Vec<Weekday>,
    pub window: Option<TimeWindow>,
    /// The dishes it applies to; empty means every dish.
    pub dishes: Vec<DishId>,
    pub effect: Effect,
}

/// What pricing needs to know of the member.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Diner {
    pub birth_date: Option<Date>,
    pub tags: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OrderLine {
    pub dish: DishId,
    pub quantity: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PricedLine {
    pub dish: DishId,
    pub quantity: u32,
    pub unit_price: Fen,
    /// Before any rule.
    pub gross: Fen,
    /// After the best rule for this line.
    pub net: Fen,
}

/// One rule's effect on the bill: a negative amount with the rule's label.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Adjustment {
    pub rule: String,
    pub label_zh: String,
    pub label_en: String,
    pub amount: Fen,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PriceBreakdown {
    pub lines: Vec<PricedLine>,
    pub delivery_fee: Fen,
    pub adjustments: Vec<Adjustment>,
    pub total: Fen,
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PricingError {
    #[error("no dish {0:?} on the menu")]
    UnknownDish(DishId),
    #[error("a line orders no portion")]
    ZeroQuantity,
}

impl PricingRule {
    /// Whether the rule applies to this diner, mode and moment (dishes aside).
    pub fn applies(&self, diner: &Diner, mode: MealMode, at: LocalTime) -> bool {
        let eligible = match &self.eligibility {
            Eligibility::AgeAtLeast(age) => diner
                .birth_date
                .is_some_and(|born| born.age_on(at.date) >= i32::from(*age)),
            Eligibility::MemberTag(tag) => diner.tags.iter().any(|own| own == tag),
        };
        eligible
            && (self.modes.is_empty() || self.modes.contains(&mode))
            && (self.weekdays.is_empty() || self.weekdays.contains(&at.date.weekday()))
            && self
                .window
                .is_none_or(|window| window.from <= at.minute && at.minute < window.until)
    }

    fn covers(&self, dish: &str) -> bool {
        self.dishes.is_empty() || self.dishes.iter().any(|covered| covered == dish)
    }

    /// The line's price under this rule, if it is an item rule that covers it.
    fn line_price(&self, line: &PricedLine) -> Option<Fen> {
        if !self.covers(&line.dish) {
            return None;
        }
        let priced = match &self.effect {
            Effect::PercentOfPrice(percent) => line.gross.percent(*percent),
            Effect::FixedPrice(price) => Fen(price.0.saturating_mul(i64::from(line.quantity))),
            Effect::FreeItem => line.gross - line.unit_price,
            Effect::FreeDelivery => return None,
        };
        // A rule can only lower a price.
        Some(priced.clamp(Fen::ZERO, line.gross))
    }
}

/// The order's lines with each dish once, in the order first named, its
/// portions added up: pricing, the free item, the cap on portions and the
/// daily capacity all go by dish, so ordering a dish on two lines is the
/// same as ordering it on one.
///
/// ```
/// use linli_core::canteen::pricing::{merge_lines, OrderLine};
/// let line = |dish: &str, quantity| OrderLine { dish: dish.into(), quantity };
/// assert_eq!(merge_lines(&[line("egg", 1), line("tofu", 2), line("egg", 1)]),
///            vec![line("egg", 2), line("tofu", 2)]);
/// ```
pub fn merge_lines(lines: &[OrderLine]) -> Vec<OrderLine> {
    let mut merged: Vec<OrderLine> = Vec::with_capacity(lines.len());
    for line in lines {
        match merged.iter_mut().find(|kept| kept.dish == line.dish) {
            Some(kept) => kept.quantity = kept.quantity.saturating_add(line.quantity),
            None => merged.push(line.clone()),
        }
    }
    merged
}

/// Prices an order: each dish at the best price the applicable rules give
/// (rules do not stack on one line), plus the delivery fee unless a rule
/// waives it. The total is never negative and never above the menu prices.
pub fn price(
    menu: &[Dish],
    lines: &[OrderLine],
    diner: &Diner,
    mode: MealMode,
    at: LocalTime,
    rules: &[PricingRule],
    delivery_fee: Fen,
) -> Result<PriceBreakdown, PricingError> {
    let applicable: Vec<&PricingRule> = rules
        .iter()
        .filter(|rule| rule.applies(diner, mode, at))
        .collect();
    let mut adjustments: Vec<Adjustment> = Vec::new();
    let mut add = |rule: &PricingRule, amount: Fen| {
        if amount == Fen::ZERO {
            return;
        }
        match adjustments
            .iter_mut()
            .find(|adjustment| adjustment.rule == rule.id)
        {
            Some(adjustment) => adjustment.amount = adjustment.amount + amount,
            None => adjustments.push(Adjustment {
                rule: rule.id.clone(),
                label_zh: rule.label_zh.clone(),
                label_en: rule.label_en.clone(),
                amount,
            }),
        }
    };

    let lines = merge_lines(lines);
    let mut priced = Vec::with_capacity(lines.len());
    for line in &lines {
        if line.quantity == 0 {
            return Err(PricingError::ZeroQuantity);
        }
        let dish = menu
            .iter()
            .find(|dish| dish.id == line.dish)
            .ok_or_else(|| PricingError::UnknownDish(line.dish.clone()))?;
        let mut priced_line = PricedLine {
            dish: line.dish.clone(),
            quantity: line.quantity,
            unit_price: dish.price,
            gross: Fen(dish.price.0.saturating_mul(i64::from(line.quantity))),
            net: Fen::ZERO,
        };
        priced_line.net = priced_line.gross;
        // The first rule among equals wins, so the breakdown is stable.
        let best = applicable
            .iter()
            .filter_map(|rule| rule.line_price(&priced_line).map(|net| (net, *rule)))
            .fold(None::<(Fen, &PricingRule)>, |best, candidate| match best {
                Some(current) if current.0 <= candidate.0 => Some(current),
                _ => Some(candidate),
            });
        if let Some((net, rule)) = best {
            add(rule, net - priced_line.gross);
            priced_line.net = net;
        }
        priced.push(priced_line);
    }

    let fee = if mode == MealMode::Delivery {
        delivery_fee
    } else {
        Fen::ZERO
    };
    if fee > Fen::ZERO {
        if let Some(rule) = applicable.iter().find(|rule| rule.effect == Effect::FreeDelivery) {
            add(rule, -fee);
        }
    }
    let total =
        priced.iter().map(|line| line.gross).sum::<Fen>() + fee + adjustments.iter().map(|a| a.amount).sum();
    Ok(PriceBreakdown {
        lines: priced,
        delivery_fee: fee,
        adjustments,
        total,
    })
}

/// The seed page's three rules (金宇文苑社区): 60+ dine-in pays 60%;
/// sanitation workers eat noodles with an egg free on Mondays 07:00–08:00;
/// mobility-impaired elders get free delivery.
pub fn demo_rules() -> Vec<PricingRule> {
    vec![
        PricingRule {
            id: "senior-dine-in".into(),
            label_zh: "60岁以上堂食六折".into(),
            label_en: "60+ dine-in, 40% off".into(),
            eligibility: Eligibility::AgeAtLeast(60),
            modes: vec![MealMode::DineIn],
            weekdays: vec![],
            window: None,
            dishes: vec![],
            effect: Effect::PercentOfPrice(60),
        },
        PricingRule {
            id: "sanitation-monday-noodles".into(),
            label_zh: "环卫工人周一早餐免费面条加鸡蛋".into(),
            label_en: "Sanitation workers: free noodles and egg, Monday 07:00–08:00".into(),
            eligibility: Eligibility::MemberTag("sanitation_worker".into()),
            modes: vec![],
            weekdays: vec![Weekday::Monday],
            window: Some(TimeWindow {
                from: 7 * 60,
                until: 8 * 60,
            }),
            dishes: vec!["noodles".into(), "egg".into()],
            effect: Effect::FreeItem,
        },
        PricingRule {
            id: "mobility-free-delivery".into(),
            label_zh: "行动不便老人免费送餐".into(),
            label_en: "Free delivery for elders with limited mobility".into(),
            eligibility: Eligibility::MemberTag("mobility_impaired".into()),
            modes: vec![MealMode::Delivery],
            weekdays: vec![],
            window: None,
            dishes: vec![],
            effect: Effect::FreeDelivery,
        },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::canteen::menu::{Category, Portion};
    use proptest::prelude::*;

    fn dish(id: &str, price: i64) -> Dish {
        Dish {
            id: id.into(),
            name_zh: id.into(),
            name_en: id.into(),
            category: Category::HotDish,
            price: Fen(price),
            portion: Portion::Standard,
            tags: vec![],
            daily_capacity: None,
        }
    }

    fn menu() -> Vec<Dish> {
        vec![
            dish("noodles", 600),
            dish("egg", 150),
            dish("tofu", 800),
            dish("porridge", 200),
        ]
    }

    fn at(date: &str, hour: u16, minute: u16) -> LocalTime {
        LocalTime {
            date: date.parse().unwrap(),
            minute: hour * 60 + minute,
        }
    }

    fn one(dish: &str) -> Vec<OrderLine> {
        vec![OrderLine {
            dish: dish.into(),
            quantity: 1,
        }]
    }

    const MONDAY: &str = "2025-04-07";
    const TUESDAY: &str = "2025-04-08";

    #[test]
    fn sixty_plus_dine_in_pays_sixty_percent_and_says_why() {
        let senior = Diner {
            birth_date: Some("1943-05-01".parse().unwrap()),
            tags: vec![],
        };
        let bill = price(
            &menu(),
            &one("tofu"),
            &senior,
            MealMode::DineIn,
            at(TUESDAY, 12, 0),
            &demo_rules(),
            Fen(300),
        )
        .unwrap();
        assert_eq!(bill.total, Fen(480));
        assert_eq!(bill.adjustments.len(), 1);
        assert_eq!(
            format!("{} {}", bill.adjustments[0].label_zh, bill.adjustments[0].amount),
            "60岁以上堂食六折 −¥3.20"
        );
        let take_away = price(
            &menu(),
            &one("tofu"),
            &senior,
            MealMode::TakeAway,
            at(TUESDAY, 12, 0),
            &demo_rules(),
            Fen(300),
        )
        .unwrap();
        assert_eq!(take_away.total, Fen(800), "the discount is for dine-in only");
    }

    #[test]
    fn age_is_counted_on_the_day_of_the_meal() {
        let turning = Diner {
            birth_date: Some("1965-04-08".parse().unwrap()),
            tags: vec![],
        };
        let price_on = |date| {
            price(
                &menu(),
                &one("tofu"),
                &turning,
                MealMode::DineIn,
                at(date, 12, 0),
                &demo_rules(),
                Fen(0),
            )
            .unwrap()
            .total
        };
        assert_eq!(price_on("2025-04-07"), Fen(800), "59 the day before");
        assert_eq!(price_on("2025-04-08"), Fen(480), "60 on the birthday");
        let unknown_age = Diner::default();
        assert_eq!(
            price(
                &menu(),
                &one("tofu"),
                &unknown_age,
                MealMode::DineIn,
                at(TUESDAY, 12, 0),
                &demo_rules(),
                Fen(0)
            )
            .unwrap()
            .total,
            Fen(800)
        );
    }

    #[test]
    fn sanitation_noodles_are_free_only_mondays_from_seven_to_before_eight() {
        let worker = Diner {
            birth_date: Some("1980-01-01".parse().unwrap()),
            tags: vec!["sanitation_worker".into()],
        };
        let lines = vec![
            OrderLine {
                dish: "noodles".into(),
                quantity: 1,
            },
            OrderLine {
                dish: "egg".into(),
                quantity: 1,
            },
        ];
        let total = |day, hour, minute| {
            price(
                &menu(),
                &lines,
                &worker,
                MealMode::DineIn,
                at(day, hour, minute),
                &demo_rules(),
                Fen(0),
            )
            .unwrap()
            .total
        };
        assert_eq!(total(MONDAY, 6, 59), Fen(750));
        assert_eq!(total(MONDAY, 7, 0), Fen(0));
        assert_eq!(total(MONDAY, 7, 59), Fen(0));
        assert_eq!(total(MONDAY, 8, 0), Fen(750));
        for (hour, minute) in [(6, 59), (7, 0), (7, 59), (8, 0)] {
            assert_eq!(
                total(TUESDAY, hour, minute),
                Fen(750),
                "Tuesday {hour}:{minute:02}"
            );
        }
    }

    #[test]
    fn mobility_impaired_elders_get_free_delivery() {
        let elder = Diner {
            birth_date: Some("1938-03-03".parse().unwrap()),
            tags: vec!["mobility_impaired".into()],
        };
        let bill = price(
            &menu(),
            &one("porridge"),
            &elder,
            MealMode::Delivery,
            at(TUESDAY, 11, 0),
            &demo_rules(),
            Fen(300),
        )
        .unwrap();
        assert_eq!(bill.delivery_fee, Fen(300));
        assert_eq!(bill.total, Fen(200), "delivery waived; 60+ is for dine-in only");
        assert!(bill
            .adjustments
            .iter()
            .any(|a| a.rule == "mobility-free-delivery" && a.amount == Fen(-300)));
    }

    #[test]
    fn an_unknown_dish_or_no_portion_is_an_error_not_a_price() {
        let diner = Diner::default();
        assert_eq!(
            price(
                &menu(),
                &one("caviar"),
                &diner,
                MealMode::DineIn,
                at(TUESDAY, 12, 0),
                &[],
                Fen(0)
            ),
            Err(PricingError::UnknownDish("caviar".into()))
        );
        let none = vec![OrderLine {
            dish: "tofu".into(),
            quantity: 0,
        }];
        assert_eq!(
            price(
                &menu(),
                &none,
                &diner,
                MealMode::DineIn,
                at(TUESDAY, 12, 0),
                &[],
                Fen(0)
            ),
            Err(PricingError::ZeroQuantity)
        );
    }

    fn any_rule() -> impl Strategy<Value = PricingRule> {
        let effect = prop_oneof![
            (0u8..=150).prop_map(Effect::PercentOfPrice),
            (-500i64..2000).prop_map(|fen| Effect::FixedPrice(Fen(fen))),
            Just(Effect::FreeItem),
            Just(Effect::FreeDelivery),
        ];
        (
            effect,
            prop::sample::subsequence(vec!["noodles", "egg", "tofu", "porridge"], 0..3),
        )
            .prop_map(|(effect, dishes)| PricingRule {
                id: "r".into(),
                label_zh: "r".into(),
                label_en: "r".into(),
                eligibility: Eligibility::AgeAtLeast(0),
                modes: vec![],
                weekdays: vec![],
                window: None,
                dishes: dishes.into_iter().map(String::from).collect(),
                effect,
            })
    }

    proptest! {
        #[test]
        fn a_discount_never_raises_a_price(
            rules in prop::collection::vec(any_rule(), 0..4),
            quantities in prop::collection::vec(1u32..5, 4),
            fee in 0i64..1000,
        ) {
            let diner = Diner { birth_date: Some("1950-01-01".parse().unwrap()), tags: vec![] };
            let lines: Vec<OrderLine> = ["noodles", "egg", "tofu", "porridge"].iter().zip(&quantities)
                .map(|(dish, quantity)| OrderLine { dish: (*dish).into(), quantity: *quantity }).collect();
            for mode in [MealMode::DineIn, MealMode::Delivery] {
                let with = price(&menu(), &lines, &diner, mode, at(TUESDAY, 12, 0), &rules, Fen(fee)).unwrap();
                let without = price(&menu(), &lines, &diner, mode, at(TUESDAY, 12, 0), &[], Fen(fee)).unwrap();
                prop_assert!(with.total <= without.total);
                prop_assert!(with.total >= Fen::ZERO);
                prop_assert!(with.lines.iter().all(|line| line.net <= line.gross && line.net >= Fen::ZERO));
                let adjusted: Fen = with.adjustments.iter().map(|a| a.amount).sum();
                prop_assert_eq!(with.total, without.total + adjusted, "the breakdown adds up");
            }
        }
    }
}
