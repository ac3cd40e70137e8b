//! The menu: dishes, and which are served on a date at a meal.

use serde::{Deserialize, Serialize};

use super::money::Fen;
use crate::calendar::{Date, MinuteOfDay};

/// A dish id (the canteen's own; ASCII, as every id).
pub type DishId = String;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    HotDish,
    ColdDish,
    Staple,
    PorridgeSoup,
    Breakfast,
    Pickle,
}

impl Category {
    /// Every category, in the order the menu lists them.
    pub const ALL: [Category; 6] = [
        Category::HotDish,
        Category::ColdDish,
        Category::Staple,
        Category::PorridgeSoup,
        Category::Breakfast,
        Category::Pickle,
    ];
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Portion {
    Small,
    Standard,
}

/// What a dish suits, for elders choosing by diet.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DietTag {
    Soft,
    LowOil,
    LowSalt,
    DiabeticFriendly,
}

impl DietTag {
    /// Every tag, in the order forms offer them.
    pub const ALL: [DietTag; 4] = [
        DietTag::Soft,
        DietTag::LowOil,
        DietTag::LowSalt,
        DietTag::DiabeticFriendly,
    ];
}

/// A moment relative to a meal's date: (days before or after, minute of that day).
pub type MinuteOfDayPair = (i64, MinuteOfDay);

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Meal {
    Breakfast,
    Lunch,
    Dinner,
}

impl Meal {
    /// The day's meals in the order they are served.
    pub const ALL: [Meal; 3] = [Meal::Breakfast, Meal::Lunch, Meal::Dinner];

    /// The wire name (`"lunch"`), as a form's value.
    pub fn as_str(self) -> &'static str {
        match self {
            Meal::Breakfast => "breakfast",
            Meal::Lunch => "lunch",
            Meal::Dinner => "dinner",
        }
    }

    /// When the meal starts, in minutes after midnight: what time-windowed
    /// pricing rules are checked against for an order placed in advance.
    pub fn starts_at(self) -> MinuteOfDay {
        match self {
            Meal::Breakfast => 7 * 60,
            Meal::Lunch => 11 * 60 + 30,
            Meal::Dinner => 17 * 60 + 30,
        }
    }

    /// The usual ordering cut-off for the meal, in minutes after midnight:
    /// the day before at 20:00 for breakfast, 10:00 for lunch, 15:00 for dinner.
    /// A canteen can set its own.
    pub fn default_cutoff(self) -> MinuteOfDayPair {
        match self {
            Meal::Breakfast => (-1, 20 * 60),
            Meal::Lunch => (0, 10 * 60),
            Meal::Dinner => (0, 15 * 60),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Dish {
    pub id: DishId,
    pub name_zh: String,
    pub name_en: String,
    pub category: Category,
    pub price: Fen,
    pub portion: Portion,
    pub tags: Vec<DietTag>,
    /// Portions the kitchen can make per day and meal; `None` for no limit.
    #[serde(default)]
    pub daily_capacity: Option<u32>,
}

/// The dishes served on `date` at `meal`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DailyMenu {
    pub date: Date,
    pub meal: Meal,
    pub dishes: Vec<DishId>,
}

/// The dishes that have every one of `tags` (an elder filtering by diet).
pub fn with_tags<'a>(dishes: &'a [Dish], tags: &'a [DietTag]) -> impl Iterator<Item = &'a Dish> + 'a {
    dishes
        .iter()
        .filter(move |dish| tags.iter().all(|tag| dish.tags.contains(tag)))
}
