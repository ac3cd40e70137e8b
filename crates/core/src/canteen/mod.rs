//! The community canteen (社区食堂 / 老年助餐): money in fen, the menu,
//! pricing by rules, meal subscriptions with roll-over, and the balance ledger.
//!
//! Everything here is pure: the browser uses it to show a price before the
//! server has seen the order, and the server recomputes it and refuses a price
//! that differs.
//!
//! - this file: the module's declaration, its records' readers and its
//!   mutations (who may run each, the rule that applies it, an example);
//! - [`records`]: the records and their keys; [`mutations`]: the rules;
//! - [`money`], [`menu`], [`pricing`], [`ledger`], [`subscription`]: the
//!   pure reckoning the rules use; [`charity`]: the charity meal funds.

pub mod charity;
pub mod ledger;
pub mod menu;
pub mod money;
pub mod mutations;
pub mod pricing;
pub mod records;
pub mod subscription;

pub use money::Fen;

use crate::keys::{Readers, RecordKind};
use crate::role::{MayRun, Role};
use menu::{DailyMenu, Dish};
use mutations::{
    CancelOrder, PauseSubscription, PlaceOrder, ResumeSubscription, ServeOrder, SetDinerProfile, Subscribe,
    TopUp,
};
use pricing::PricingRule;
use records::CanteenSettings;
use subscription::Plan;

/// Who runs the canteen and so reads every member's canteen records.
pub const CANTEEN_STAFF: [Role; 3] = [Role::CanteenStaff, Role::Officer, Role::Admin];

/// Who reads each of the canteen's records.
pub const RECORD_KINDS: &[crate::keys::RecordKind] = &[
    RecordKind::new(records::DISH_PREFIX, Readers::Community),
    RecordKind::new(records::MENU_PREFIX, Readers::Community),
    RecordKind::new(records::RULE_PREFIX, Readers::Community),
    RecordKind::new(records::PLAN_PREFIX, Readers::Community),
    RecordKind::new(records::SETTINGS_KEY, Readers::Community),
    RecordKind::new(records::PORTIONS_PREFIX, Readers::Community),
    RecordKind::new(records::DINER_PREFIX, Readers::Member(&CANTEEN_STAFF)),
    RecordKind::new(records::SUBSCRIPTION_PREFIX, Readers::Member(&CANTEEN_STAFF)),
    RecordKind::new(records::ORDER_PREFIX, Readers::Member(&CANTEEN_STAFF)),
    RecordKind::new(records::LEDGER_PREFIX, Readers::Member(&CANTEEN_STAFF)),
    RecordKind::new(charity::FUND_PREFIX, Readers::Community),
    RecordKind::new(charity::FUND_ENTRY_PREFIX, Readers::Community),
];

declare_module! {
    /// The canteen's mutations: its menu, prices, plans and settings (staff), and members'
    /// orders, top-ups and subscriptions.
    module "canteen" as CanteenMutation;
    records: RECORD_KINDS;
    mutations {
        UpsertDish(Dish) = "upsertDish" {
            who: MayRun::Holders(&CANTEEN_STAFF),
            run: mutations::upsert_dish,
            example: {"id": "tofu", "nameZh": "家常豆腐", "nameEn": "Home-style tofu", "category": "hot_dish",
                      "price": 800, "portion": "standard", "tags": ["soft"], "dailyCapacity": null},
        }
        SetDailyMenu(DailyMenu) = "setDailyMenu" {
            who: MayRun::Holders(&CANTEEN_STAFF),
            run: mutations::set_daily_menu,
            example: {"date": "2025-04-07", "meal": "lunch", "dishes": ["tofu"]},
        }
        UpsertPricingRule(PricingRule) = "upsertPricingRule" {
            who: MayRun::Holders(&CANTEEN_STAFF),
            run: mutations::upsert_rule,
            example: {"id": "r", "labelZh": "r", "labelEn": "r",
                      "eligibility": {"kind": "age_at_least", "value": 60}, "modes": ["dine_in"],
                      "weekdays": [], "window": null, "dishes": [],
                      "effect": {"kind": "percent_of_price", "value": 60}},
        }
        UpsertPlan(Plan) = "upsertPlan" {
            who: MayRun::Holders(&CANTEEN_STAFF),
            run: mutations::upsert_plan,
            example: {"id": "monthly", "nameZh": "包月", "nameEn": "Monthly", "meal": "breakfast",
                      "servedDays": 30, "price": 15000, "dailyContents": [["staple", 5]]},
        }
        SetCanteenSettings(CanteenSettings) = "setCanteenSettings" {
            who: MayRun::Holders(&CANTEEN_STAFF),
            run: mutations::set_settings,
            example: {"deliveryFee": 300, "creditLimit": 0, "cutoffs": [["lunch", [0, 600]]]},
        }
        SetDinerProfile(SetDinerProfile) = "setDinerProfile" {
            who: MayRun::Holders(&CANTEEN_STAFF),
            run: mutations::set_diner_profile,
            example: {"member": "m1", "birthDate": "1943-05-01", "tags": [], "address": "3号楼2单元"},
        }
        SetCharityFund(charity::CharityFund) = "setCharityFund" {
            who: MayRun::Holders(&CANTEEN_STAFF),
            run: charity::set_charity_fund,
            example: {"id": "f1", "name": "爱心助餐基金", "tag": "low_income", "percent": 100,
                      "capPerMeal": 1000, "active": true},
        }
        DonateToFund(charity::DonateToFund) = "donateToFund" {
            who: MayRun::Holders(&CANTEEN_STAFF),
            run: charity::donate_to_fund,
            example: {"fund": "f1", "id": "d1", "donor": "魏家宴", "amount": 50000, "purpose": ""},
        }
        TopUp(TopUp) = "topUp" {
            who: MayRun::Holders(&CANTEEN_STAFF),
            run: mutations::top_up,
            example: {"id": "t1", "member": "m1", "amount": 5000, "reference": ""},
        }
        PlaceOrder(PlaceOrder) = "placeOrder" {
            who: MayRun::AnyMember,
            run: mutations::place_order,
            example: {"id": "o1", "member": null, "date": "2025-04-07", "meal": "lunch", "mode": "dine_in",
                      "lines": [{"dish": "tofu", "quantity": 1}], "expectedTotal": 480},
        }
        CancelOrder(CancelOrder) = "cancelOrder" {
            who: MayRun::AnyMember,
            run: mutations::cancel_order,
            example: {"id": "o1", "member": null},
        }
        CheckIn(ServeOrder) = "checkIn" {
            who: MayRun::Holders(&CANTEEN_STAFF),
            run: mutations::check_in,
            example: {"id": "o1", "member": "m1"},
        }
        MarkDelivered(ServeOrder) = "markDelivered" {
            who: MayRun::Holders(&CANTEEN_STAFF),
            run: mutations::mark_delivered,
            example: {"id": "o1", "member": "m1"},
        }
        Subscribe(Subscribe) = "subscribe" {
            who: MayRun::AnyMember,
            run: mutations::subscribe,
            example: {"id": "s1", "member": null, "plan": "monthly", "start": "2025-04-07"},
        }
        PauseSubscription(PauseSubscription) = "pauseSubscription" {
            who: MayRun::AnyMember,
            run: mutations::pause_subscription,
            example: {"id": "s1", "member": null, "from": "2025-04-10", "to": "2025-04-12"},
        }
        ResumeSubscription(ResumeSubscription) = "resumeSubscription" {
            who: MayRun::AnyMember,
            run: mutations::resume_subscription,
            example: {"id": "s1", "member": null, "on": "2025-04-11"},
        }
    }
}
