//! The demo canteens: 金宇文苑社区's canteen (run with the Weijiayan catering
//! company: over a hundred dishes, nine in ten made for older people, soft, low
//! in oil and salt; the 5-yuan breakfast; 60+ dine-in at 60%; free noodles and
//! an egg for sanitation workers on Monday mornings; free delivery for elders
//! who cannot walk far) and 金桥社区's community restaurant with senior meal
//! delivery.

use linli_core::calendar::Date;
use linli_core::canteen::menu::{Category, DailyMenu, DietTag, Dish, Meal, Portion};
use linli_core::canteen::mutations::{PlaceOrder, SetDinerProfile, Subscribe, TopUp};
use linli_core::canteen::pricing::{demo_rules, Effect, Eligibility, MealMode, OrderLine, PricingRule};
use linli_core::canteen::records::CanteenSettings;
use linli_core::canteen::subscription::Plan;
use linli_core::canteen::CanteenMutation;
use linli_core::canteen::Fen;
use linli_core::{Mutation, Role};

use DietTag::{DiabeticFriendly as Diabetic, LowOil, LowSalt, Soft};

/// (id, 中文名, English name, category, price in fen, small portion?, tags)
type DishRow = (
    &'static str,
    &'static str,
    &'static str,
    Category,
    i64,
    bool,
    &'static [DietTag],
);

const JINYU_DISHES: [DishRow; 42] = [
    (
        "steamed-bun",
        "馒头",
        "Steamed bun",
        Category::Staple,
        50,
        false,
        &[Soft],
    ),
    (
        "flower-roll",
        "花卷",
        "Flower roll",
        Category::Staple,
        60,
        false,
        &[Soft],
    ),
    (
        "baozi-cabbage",
        "白菜包子",
        "Cabbage bun",
        Category::Staple,
        100,
        false,
        &[Soft, LowOil],
    ),
    (
        "corn-bread",
        "玉米饼",
        "Corn bread",
        Category::Staple,
        80,
        false,
        &[Diabetic],
    ),
    ("rice", "米饭", "Rice", Category::Staple, 100, false, &[Soft]),
    (
        "noodles",
        "汤面",
        "Noodles in soup",
        Category::Staple,
        600,
        false,
        &[Soft, LowOil],
    ),
    (
        "oat-noodles",
        "莜面窝窝",
        "Oat-flour rolls",
        Category::Staple,
        800,
        false,
        &[Diabetic, LowOil],
    ),
    (
        "dumplings",
        "三鲜水饺",
        "Dumplings",
        Category::Staple,
        1200,
        false,
        &[Soft],
    ),
    (
        "millet-porridge",
        "小米粥",
        "Millet porridge",
        Category::PorridgeSoup,
        100,
        false,
        &[Soft, LowSalt, LowOil],
    ),
    (
        "rice-porridge",
        "大米粥",
        "Rice porridge",
        Category::PorridgeSoup,
        100,
        false,
        &[Soft, LowSalt, LowOil],
    ),
    (
        "pumpkin-porridge",
        "南瓜粥",
        "Pumpkin porridge",
        Category::PorridgeSoup,
        150,
        false,
        &[Soft, LowOil],
    ),
    (
        "egg-soup",
        "西红柿蛋汤",
        "Tomato and egg soup",
        Category::PorridgeSoup,
        300,
        false,
        &[Soft, LowOil],
    ),
    (
        "soy-milk",
        "豆浆",
        "Soy milk",
        Category::PorridgeSoup,
        150,
        false,
        &[LowSalt, Diabetic],
    ),
    (
        "milk-tea",
        "奶茶",
        "Mongolian milk tea",
        Category::PorridgeSoup,
        300,
        false,
        &[],
    ),
    (
        "pickled-mustard",
        "榨菜",
        "Pickled mustard",
        Category::Pickle,
        50,
        true,
        &[],
    ),
    (
        "pickled-cucumber",
        "酱黄瓜",
        "Pickled cucumber",
        Category::Pickle,
        50,
        true,
        &[],
    ),
    (
        "pickled-radish",
        "腌萝卜",
        "Pickled radish",
        Category::Pickle,
        50,
        true,
        &[],
    ),
    (
        "egg",
        "煮鸡蛋",
        "Boiled egg",
        Category::Breakfast,
        150,
        false,
        &[Soft, LowSalt, Diabetic],
    ),
    (
        "fried-dough",
        "油条",
        "Fried dough stick",
        Category::Breakfast,
        150,
        false,
        &[],
    ),
    (
        "steamed-egg",
        "鸡蛋羹",
        "Steamed egg custard",
        Category::Breakfast,
        300,
        false,
        &[Soft, LowSalt, LowOil],
    ),
    (
        "braised-tofu",
        "家常豆腐",
        "Home-style tofu",
        Category::HotDish,
        800,
        false,
        &[Soft],
    ),
    (
        "mapo-tofu-small",
        "小份麻婆豆腐",
        "Mapo tofu, small",
        Category::HotDish,
        500,
        true,
        &[Soft],
    ),
    (
        "stewed-pork",
        "红烧肉",
        "Braised pork",
        Category::HotDish,
        1800,
        false,
        &[Soft],
    ),
    (
        "stewed-pork-small",
        "小份红烧肉",
        "Braised pork, small",
        Category::HotDish,
        1000,
        true,
        &[Soft],
    ),
    (
        "lamb-radish",
        "羊肉炖萝卜",
        "Lamb stewed with radish",
        Category::HotDish,
        2000,
        false,
        &[Soft, LowOil],
    ),
    (
        "potato-stew",
        "土豆炖豆角",
        "Potato and green beans",
        Category::HotDish,
        900,
        false,
        &[Soft, LowOil],
    ),
    (
        "eggplant",
        "肉末茄子",
        "Eggplant with minced pork",
        Category::HotDish,
        1000,
        false,
        &[Soft],
    ),
    (
        "cabbage-vermicelli",
        "白菜炖粉条",
        "Cabbage and vermicelli",
        Category::HotDish,
        800,
        false,
        &[Soft, LowOil, LowSalt],
    ),
    (
        "tomato-egg",
        "西红柿炒鸡蛋",
        "Tomato and egg",
        Category::HotDish,
        900,
        false,
        &[Soft, LowOil],
    ),
    (
        "steamed-fish",
        "清蒸鱼",
        "Steamed fish",
        Category::HotDish,
        2200,
        false,
        &[Soft, LowOil, LowSalt, Diabetic],
    ),
    (
        "chicken-mushroom",
        "小鸡炖蘑菇",
        "Chicken with mushrooms",
        Category::HotDish,
        1800,
        false,
        &[Soft, LowOil],
    ),
    (
        "spinach",
        "清炒菠菜",
        "Stir-fried spinach",
        Category::HotDish,
        700,
        false,
        &[LowOil, LowSalt, Diabetic],
    ),
    (
        "winter-melon",
        "冬瓜汆丸子",
        "Winter melon and meatballs",
        Category::HotDish,
        1000,
        false,
        &[Soft, LowOil, LowSalt],
    ),
    (
        "pumpkin-steamed",
        "蒸南瓜",
        "Steamed pumpkin",
        Category::HotDish,
        500,
        true,
        &[Soft, LowOil, LowSalt],
    ),
    (
        "celery-tofu",
        "芹菜炒香干",
        "Celery with dried tofu",
        Category::HotDish,
        800,
        false,
        &[LowOil, Diabetic],
    ),
    (
        "cucumber-salad",
        "拍黄瓜",
        "Smashed cucumber",
        Category::ColdDish,
        500,
        false,
        &[LowOil, Diabetic],
    ),
    (
        "wood-ear",
        "凉拌木耳",
        "Wood-ear salad",
        Category::ColdDish,
        600,
        false,
        &[LowOil, LowSalt, Diabetic],
    ),
    (
        "tofu-skin",
        "凉拌豆皮",
        "Tofu-skin salad",
        Category::ColdDish,
        600,
        false,
        &[LowOil],
    ),
    (
        "kelp-salad",
        "凉拌海带丝",
        "Kelp salad",
        Category::ColdDish,
        500,
        true,
        &[LowOil, Diabetic],
    ),
    (
        "spinach-peanut",
        "菠菜拌花生",
        "Spinach and peanuts",
        Category::ColdDish,
        600,
        false,
        &[LowSalt],
    ),
    (
        "potato-shreds",
        "炝拌土豆丝",
        "Potato shreds",
        Category::ColdDish,
        500,
        true,
        &[LowOil],
    ),
    (
        "beef-slices",
        "酱牛肉",
        "Spiced beef",
        Category::ColdDish,
        1600,
        false,
        &[LowOil],
    ),
];

const JINQIAO_DISHES: [DishRow; 10] = [
    ("rice", "米饭", "Rice", Category::Staple, 100, false, &[Soft]),
    (
        "millet-porridge",
        "小米粥",
        "Millet porridge",
        Category::PorridgeSoup,
        100,
        false,
        &[Soft, LowSalt],
    ),
    (
        "braised-tofu",
        "家常豆腐",
        "Home-style tofu",
        Category::HotDish,
        800,
        false,
        &[Soft],
    ),
    (
        "tomato-egg",
        "西红柿炒鸡蛋",
        "Tomato and egg",
        Category::HotDish,
        900,
        false,
        &[Soft, LowOil],
    ),
    (
        "cabbage-vermicelli",
        "白菜炖粉条",
        "Cabbage and vermicelli",
        Category::HotDish,
        800,
        false,
        &[Soft, LowSalt],
    ),
    (
        "steamed-fish",
        "清蒸鱼",
        "Steamed fish",
        Category::HotDish,
        2200,
        false,
        &[Soft, LowOil, Diabetic],
    ),
    (
        "spinach",
        "清炒菠菜",
        "Stir-fried spinach",
        Category::HotDish,
        700,
        false,
        &[LowOil, Diabetic],
    ),
    (
        "senior-set",
        "老年营养套餐",
        "Senior set meal",
        Category::HotDish,
        1500,
        false,
        &[Soft, LowOil, LowSalt],
    ),
    (
        "cucumber-salad",
        "拍黄瓜",
        "Smashed cucumber",
        Category::ColdDish,
        500,
        false,
        &[Diabetic],
    ),
    (
        "egg-soup",
        "西红柿蛋汤",
        "Tomato and egg soup",
        Category::PorridgeSoup,
        300,
        false,
        &[Soft],
    ),
];

fn dishes(rows: &[DishRow]) -> Vec<Dish> {
    rows.iter()
        .map(|(id, zh, en, category, price, small, tags)| Dish {
            id: (*id).into(),
            name_zh: (*zh).into(),
            name_en: (*en).into(),
            category: *category,
            price: Fen(*price),
            portion: if *small { Portion::Small } else { Portion::Standard },
            tags: tags.to_vec(),
            // The elders' favourite runs out: the kitchen makes 80 a meal.
            daily_capacity: (*id == "braised-tofu").then_some(80),
        })
        .collect()
}

/// The breakfast package's day: 5 staples, 3 porridges or soups, 3 pickles.
fn breakfast_contents() -> Vec<(Category, u8)> {
    vec![
        (Category::Staple, 5),
        (Category::PorridgeSoup, 3),
        (Category::Pickle, 3),
    ]
}

fn plans() -> Vec<Plan> {
    vec![
        Plan {
            id: "breakfast-day".into(),
            name_zh: "5元营养早餐（单日）".into(),
            name_en: "5-yuan breakfast, one day".into(),
            meal: Meal::Breakfast,
            served_days: 1,
            price: Fen(500),
            daily_contents: breakfast_contents(),
        },
        Plan {
            id: "breakfast-month".into(),
            name_zh: "营养早餐包月（30天，暂停顺延）".into(),
            name_en: "Breakfast, monthly (30 days, pauses roll over)".into(),
            meal: Meal::Breakfast,
            served_days: 30,
            price: Fen(15_000),
            daily_contents: breakfast_contents(),
        },
        Plan {
            id: "lunch-month".into(),
            name_zh: "午餐包月（22天）".into(),
            name_en: "Lunch, monthly (22 days)".into(),
            meal: Meal::Lunch,
            served_days: 22,
            price: Fen(26_400),
            daily_contents: vec![
                (Category::Staple, 1),
                (Category::HotDish, 2),
                (Category::PorridgeSoup, 1),
            ],
        },
    ]
}

/// The mutations that build one community's canteen, as the canteen's staff
/// and members would make them, from `today` on for a week.
pub fn canteen_mutations(community: &str, today: Date) -> Vec<(Role, Mutation)> {
    let menu = if community == "jinqiao" {
        dishes(&JINQIAO_DISHES)
    } else {
        dishes(&JINYU_DISHES)
    };
    let mut rules = demo_rules();
    if community == "jinqiao" {
        // The community restaurant: free delivery for elders living alone too.
        rules.push(PricingRule {
            id: "solitary-free-delivery".into(),
            label_zh: "独居老人免费送餐".into(),
            label_en: "Free delivery for elders living alone".into(),
            eligibility: Eligibility::MemberTag("solitary_elder".into()),
            modes: vec![MealMode::Delivery],
            weekdays: vec![],
            window: None,
            dishes: vec![],
            effect: Effect::FreeDelivery,
        });
    }
    let mut mutations: Vec<(Role, Mutation)> = Vec::new();
    let staff = Role::CanteenStaff;
    mutations.push((
        staff,
        Mutation::Canteen(CanteenMutation::SetCanteenSettings(CanteenSettings::default())),
    ));
    mutations.extend(
        menu.iter()
            .cloned()
            .map(|dish| (staff, Mutation::Canteen(CanteenMutation::UpsertDish(dish)))),
    );
    mutations.extend(
        rules
            .into_iter()
            .map(|rule| (staff, Mutation::Canteen(CanteenMutation::UpsertPricingRule(rule)))),
    );
    mutations.extend(
        plans()
            .into_iter()
            .map(|plan| (staff, Mutation::Canteen(CanteenMutation::UpsertPlan(plan)))),
    );
    let ids = |category: &[Category]| -> Vec<String> {
        menu.iter()
            .filter(|dish| category.contains(&dish.category))
            .map(|dish| dish.id.clone())
            .collect()
    };
    for offset in 0..7 {
        let date = today.add_days(offset);
        let rotate = |mut list: Vec<String>, keep: usize| {
            let len = list.len().max(1);
            list.rotate_left(offset as usize % len);
            list.truncate(keep);
            list
        };
        let mut breakfast = ids(&[
            Category::Staple,
            Category::PorridgeSoup,
            Category::Pickle,
            Category::Breakfast,
        ]);
        breakfast.retain(|id| !["rice", "dumplings", "oat-noodles"].contains(&id.as_str()));
        // Home-style tofu is on every day: soft, cheap, the elders' favourite.
        let mut lunch = ids(&[Category::Staple]);
        lunch.push("braised-tofu".into());
        lunch.extend(
            rotate(ids(&[Category::HotDish]), 8)
                .into_iter()
                .filter(|id| id != "braised-tofu"),
        );
        lunch.extend(rotate(ids(&[Category::ColdDish]), 4));
        lunch.extend(rotate(ids(&[Category::PorridgeSoup]), 2));
        let dinner = lunch.clone();
        for (meal, dishes) in [
            (Meal::Breakfast, breakfast),
            (Meal::Lunch, lunch),
            (Meal::Dinner, dinner),
        ] {
            mutations.push((
                staff,
                Mutation::Canteen(CanteenMutation::SetDailyMenu(DailyMenu { date, meal, dishes })),
            ));
        }
    }
    mutations
}

/// The demo's diners: profiles, top-ups, subscriptions and a week of orders,
/// for the demo members of `community` (ids as in `DemoCommunity::member_id`).
/// Orders carry the price the rules give, worked out as the app would.
pub fn diner_mutations(community: &str, today: Date) -> Vec<(Role, Mutation)> {
    let member = |role: &str| -> linli_core::MemberId {
        format!("{community}-{role}").parse().expect("demo ids are valid")
    };
    let resident = member("resident");
    let volunteer = member("volunteer");
    let staff = Role::CanteenStaff;
    let mut mutations = vec![
        (
            staff,
            Mutation::Canteen(CanteenMutation::SetDinerProfile(SetDinerProfile {
                member: resident.clone(),
                // 82 years old, as the seed page's 刘玉梅.
                birth_date: Some(Date::new(today.year() - 82, 3, 15).unwrap_or(today)),
                tags: if community == "jinqiao" {
                    vec!["mobility_impaired".into()]
                } else {
                    vec![]
                },
                address: if community == "jinqiao" {
                    "金桥小区5号楼1单元301".into()
                } else {
                    "金宇文苑3号楼2单元402".into()
                },
            })),
        ),
        (
            staff,
            Mutation::Canteen(CanteenMutation::SetDinerProfile(SetDinerProfile {
                member: volunteer.clone(),
                birth_date: Some(Date::new(today.year() - 45, 9, 1).unwrap_or(today)),
                tags: vec!["sanitation_worker".into()],
                address: String::new(),
            })),
        ),
    ];
    // 金宇文苑社区 and 金桥社区 both run 爱心助餐 for families in difficulty.
    if community == "jinyu-wenyuan" || community == "jinqiao" {
        mutations.extend(charity_mutations(member("grid-worker"), today));
    }
    // Enough for the monthly plan and a week of delivered lunches at full price.
    for (who, amount) in [(&resident, 30_000), (&volunteer, 5_000)] {
        mutations.push((
            staff,
            Mutation::Canteen(CanteenMutation::TopUp(TopUp {
                id: format!("demo-topup-{who}"),
                member: who.clone(),
                amount: Fen(amount),
                reference: "开户充值".into(),
            })),
        ));
    }
    mutations.push((
        Role::Resident,
        Mutation::Canteen(CanteenMutation::Subscribe(Subscribe {
            id: "demo-breakfast".into(),
            member: None,
            plan: "breakfast-month".into(),
            start: today.add_days(1),
        })),
    ));
    // The volunteer, a sanitation worker, buys single breakfasts on the way to work.
    mutations.push((
        Role::Volunteer,
        Mutation::Canteen(CanteenMutation::Subscribe(Subscribe {
            id: "demo-breakfast-day".into(),
            member: None,
            plan: "breakfast-day".into(),
            start: today.add_days(1),
        })),
    ));
    // A week of lunches for the resident: dine-in at 金宇文苑, delivered at 金桥.
    let mode = if community == "jinqiao" {
        MealMode::Delivery
    } else {
        MealMode::DineIn
    };
    for offset in 1..7 {
        let date = today.add_days(offset);
        let lines = vec![
            OrderLine {
                dish: "rice".into(),
                quantity: 1,
            },
            OrderLine {
                dish: "braised-tofu".into(),
                quantity: 1,
            },
        ];
        mutations.push((
            Role::Resident,
            Mutation::Canteen(CanteenMutation::PlaceOrder(PlaceOrder {
                id: format!("demo-lunch-{offset}"),
                member: None,
                date,
                meal: Meal::Lunch,
                mode,
                lines,
                // Worked out by the seed over its records before it applies this.
                expected_total: Fen::ZERO,
            })),
        ));
    }
    mutations
}

/// 金宇文苑社区's charity meal fund (爱心助餐): two donations, and a member
/// of a family in difficulty whom it helps (tagged `low_income` by staff).
fn charity_mutations(helped: linli_core::MemberId, today: Date) -> Vec<(Role, Mutation)> {
    use linli_core::canteen::charity::{CharityFund, DonateToFund};
    let staff = Role::CanteenStaff;
    let donation = |id: &str, donor: &str, amount: i64| {
        (
            staff,
            Mutation::Canteen(CanteenMutation::DonateToFund(DonateToFund {
                fund: "aixin".into(),
                id: id.into(),
                donor: donor.into(),
                amount: Fen(amount),
                purpose: "困难家庭助餐".into(),
            })),
        )
    };
    vec![
        (
            staff,
            Mutation::Canteen(CanteenMutation::SetCharityFund(CharityFund {
                id: "aixin".into(),
                name: "爱心助餐基金".into(),
                tag: "low_income".into(),
                percent: 100,
                cap_per_meal: Some(Fen(1_000)),
                active: true,
            })),
        ),
        donation("demo-donation-1", "辖区爱心企业", 50_000),
        donation("demo-donation-2", "社区党员", 20_000),
        (
            staff,
            Mutation::Canteen(CanteenMutation::SetDinerProfile(SetDinerProfile {
                member: helped,
                birth_date: Some(Date::new(today.year() - 67, 6, 1).unwrap_or(today)),
                tags: vec!["low_income".into()],
                address: String::new(),
            })),
        ),
    ]
}
