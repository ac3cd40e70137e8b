//! The canteen on the server, on both backends: the demo canteen, prices the
//! server recomputes, cut-offs by the server's clock, and staff-only changes.

mod common;

use common::{member_id, pull_all, push_one as push, rejection_code, TestApp};
use linli_core::calendar::{Date, LocalTime};
use linli_core::{Role, Timestamp};
use linli_server::Database;
use serde_json::{json, Value};

/// Tuesday 2025-04-08, 08:00 in Hohhot: before the 10:00 lunch cut-off.
fn tuesday_morning() -> Timestamp {
    LocalTime {
        date: "2025-04-08".parse().unwrap(),
        minute: 8 * 60,
    }
    .timestamp()
}

fn lunch_order(id: &str, date: &str, expected_total: i64) -> Value {
    json!({ "id": id, "date": date, "meal": "lunch", "mode": "dine_in",
            "lines": [{ "dish": "braised-tofu", "quantity": 1 }], "expectedTotal": expected_total })
}

async fn the_demo_canteen_has_its_menu_rules_and_a_week_of_orders(database: Database) {
    let (app, _) = TestApp::seeded_at(database, tuesday_morning()).await;
    let resident = app.join_as(Role::Resident).await;
    let records = pull_all(&app, &resident, "g-resident").await.0;
    let count = |prefix: &str| records.keys().filter(|key| key.starts_with(prefix)).count();
    assert!(count("canteen/dish/") >= 40, "{} dishes", count("canteen/dish/"));
    assert_eq!(count("canteen/rule/"), 3);
    assert_eq!(count(&format!("canteen/order/{}/", member_id(Role::Resident))), 6);
    assert_eq!(count(&format!("canteen/sub/{}/", member_id(Role::Resident))), 1);
    // 刘玉梅 is 82: her dine-in lunches cost 60% of ¥1 + ¥8.
    let order = &records[&format!("canteen/order/{}/demo-lunch-1", member_id(Role::Resident))];
    assert_eq!(order["price"]["total"], 540);
    assert_eq!(order["price"]["adjustments"][0]["labelZh"], "60岁以上堂食六折");
}

async fn a_tampered_price_is_refused(database: Database) {
    let (app, _) = TestApp::seeded_at(database, tuesday_morning()).await;
    let resident = app.join_as(Role::Resident).await;
    // The true price is 480 (60% of ¥8.00); the client claims 100.
    let answer = push(
        &app,
        &resident,
        "c-res",
        1,
        "placeOrder",
        lunch_order("o-cheap", "2025-04-08", 100),
    )
    .await;
    assert_eq!(answer["rejected"], 1);
    let answer = push(
        &app,
        &resident,
        "c-res",
        2,
        "placeOrder",
        lunch_order("o-fair", "2025-04-08", 480),
    )
    .await;
    assert_eq!(answer["applied"], 1);
    let records = pull_all(&app, &resident, "g-res").await.0;
    assert_eq!(
        rejection_code(&records, &member_id(Role::Resident), "c-res", 1).as_deref(),
        Some("price_mismatch")
    );
    assert!(!records.contains_key(&format!("canteen/order/{}/o-cheap", member_id(Role::Resident))));
}

async fn an_order_after_the_cutoff_is_refused_by_the_servers_clock(database: Database) {
    let (app, clock) = TestApp::seeded_at(database, tuesday_morning()).await;
    let resident = app.join_as(Role::Resident).await;
    // The device thinks it is early; the server's clock says 10:00, the cut-off.
    clock.set(
        LocalTime {
            date: "2025-04-08".parse().unwrap(),
            minute: 10 * 60,
        }
        .timestamp(),
    );
    let answer = push(
        &app,
        &resident,
        "c-res",
        1,
        "placeOrder",
        lunch_order("o-late", "2025-04-08", 480),
    )
    .await;
    assert_eq!(answer["rejected"], 1);
    let records = pull_all(&app, &resident, "g-res").await.0;
    assert_eq!(
        rejection_code(&records, &member_id(Role::Resident), "c-res", 1).as_deref(),
        Some("too_late")
    );
    // Tomorrow's lunch is still open.
    let answer = push(
        &app,
        &resident,
        "c-res",
        2,
        "placeOrder",
        lunch_order("o-tomorrow", "2025-04-09", 480),
    )
    .await;
    assert_eq!(answer["applied"], 1);
}

async fn a_resident_cannot_top_up_or_edit_the_menu_but_staff_can(database: Database) {
    let (app, _) = TestApp::seeded_at(database, tuesday_morning()).await;
    let resident = app.join_as(Role::Resident).await;
    let top_up =
        json!({ "id": "gift", "member": member_id(Role::Resident), "amount": 100000, "reference": "" });
    let dish = json!({ "id": "lobster", "nameZh": "龙虾", "nameEn": "Lobster", "category": "hot_dish", "price": 1,
                       "portion": "standard", "tags": [] });
    assert_eq!(
        push(&app, &resident, "c-res", 1, "topUp", top_up.clone()).await["rejected"],
        1
    );
    assert_eq!(
        push(&app, &resident, "c-res", 2, "upsertDish", dish.clone()).await["rejected"],
        1
    );
    let records = pull_all(&app, &resident, "g-res").await.0;
    assert_eq!(
        rejection_code(&records, &member_id(Role::Resident), "c-res", 1).as_deref(),
        Some("forbidden")
    );
    assert!(!records.contains_key("canteen/dish/lobster"));

    let staff = app.join_as(Role::CanteenStaff).await;
    assert_eq!(
        push(&app, &staff, "c-staff", 1, "topUp", top_up).await["applied"],
        1
    );
    assert_eq!(
        push(&app, &staff, "c-staff", 2, "upsertDish", dish).await["applied"],
        1
    );
}

async fn a_members_orders_and_ledger_reach_only_them_and_the_canteen(database: Database) {
    let (app, _) = TestApp::seeded_at(database, tuesday_morning()).await;
    let resident_key = format!("canteen/order/{}/", member_id(Role::Resident));
    let ledger_key = format!("canteen/ledger/{}/", member_id(Role::Resident));
    for (role, may_see) in [
        (Role::Volunteer, false),
        (Role::GridWorker, false),
        (Role::CanteenStaff, true),
        (Role::Officer, true),
    ] {
        let token = app.join_as(role).await;
        let records = pull_all(&app, &token, &format!("g-{role}")).await.0;
        let raw = Value::Object(records).to_string();
        assert_eq!(
            raw.contains(&resident_key),
            may_see,
            "{role} and the resident's orders"
        );
        assert_eq!(
            raw.contains(&ledger_key),
            may_see,
            "{role} and the resident's ledger"
        );
    }
}

async fn paused_days_roll_the_end_date_forward(database: Database) {
    let (app, _) = TestApp::seeded_at(database, tuesday_morning()).await;
    let resident = app.join_as(Role::Resident).await;
    let key = format!("canteen/sub/{}/demo-breakfast", member_id(Role::Resident));
    let before = pull_all(&app, &resident, "g-a").await.0[&key].clone();
    let start: Date = before["start"].as_str().unwrap().parse().unwrap();
    let pause = json!({ "id": "demo-breakfast", "from": start.add_days(2).to_string(), "to": start.add_days(4).to_string() });
    assert_eq!(
        push(&app, &resident, "c-res", 1, "pauseSubscription", pause).await["applied"],
        1
    );
    let after = pull_all(&app, &resident, "g-b").await.0[&key].clone();
    let subscription: linli_core::canteen::subscription::Subscription =
        serde_json::from_value(after).unwrap();
    assert_eq!(subscription.end_date(), start.add_days(29 + 3));
    let past = json!({ "id": "demo-breakfast", "from": "2025-04-01", "to": "2025-04-02" });
    assert_eq!(
        push(&app, &resident, "c-res", 2, "pauseSubscription", past).await["rejected"],
        1
    );
}

async fn every_staff_only_canteen_mutation_is_checked_against_every_role(database: Database) {
    let (app, _) = TestApp::seeded_at(database, tuesday_morning()).await;
    let resident = member_id(Role::Resident);
    let staff_only = [
        (
            "upsertDish",
            json!({ "id": "congee", "nameZh": "白粥", "nameEn": "Congee", "category": "porridge_soup",
                               "price": 100, "portion": "standard", "tags": ["soft"] }),
        ),
        (
            "setDailyMenu",
            json!({ "date": "2025-04-10", "meal": "lunch", "dishes": ["rice"] }),
        ),
        (
            "upsertPricingRule",
            json!({ "id": "low-income", "labelZh": "低保户半价", "labelEn": "Low income, half price",
            "eligibility": { "kind": "member_tag", "value": "low_income" }, "modes": [], "weekdays": [], "window": null,
            "dishes": [], "effect": { "kind": "percent_of_price", "value": 50 } }),
        ),
        (
            "upsertPlan",
            json!({ "id": "dinner-month", "nameZh": "晚餐包月", "nameEn": "Dinner monthly", "meal": "dinner",
                               "servedDays": 20, "price": 20000, "dailyContents": [] }),
        ),
        (
            "setCanteenSettings",
            json!({ "deliveryFee": 300, "creditLimit": 0, "cutoffs": [] }),
        ),
        (
            "setDinerProfile",
            json!({ "member": resident, "birthDate": "1943-03-15", "tags": [], "address": "3号楼" }),
        ),
        (
            "topUp",
            json!({ "id": "t-matrix", "member": resident, "amount": 100, "reference": "" }),
        ),
        ("checkIn", json!({ "id": "demo-lunch-1", "member": resident })),
        (
            "markDelivered",
            json!({ "id": "demo-lunch-1", "member": resident }),
        ),
    ];
    for role in Role::ALL {
        let token = app.join_as(role).await;
        let client = format!("c-{role}");
        for (index, (name, args)) in staff_only.iter().enumerate() {
            let mut args = args.clone();
            if *name == "topUp" {
                args["id"] = json!(format!("t-{role}"));
            }
            push(&app, &token, &client, index as u64 + 1, name, args).await;
        }
        let records = pull_all(&app, &token, &format!("g-{role}")).await.0;
        let staff = matches!(role, Role::CanteenStaff | Role::Officer | Role::Admin);
        for (index, (name, _)) in staff_only.iter().enumerate() {
            let code = rejection_code(&records, &member_id(role), &client, index as u64 + 1);
            if staff {
                assert_ne!(code.as_deref(), Some("forbidden"), "{name} by {role}");
            } else {
                assert_eq!(code.as_deref(), Some("forbidden"), "{name} by {role}");
            }
        }
    }
}

/// The demo's charity fund pays the meal of the member it helps (67, so
/// the seniors' 60% first, then the fund the rest); everyone sees the
/// fund's ledger, and nothing in it names who ate.
async fn a_charity_fund_pays_for_the_member_it_helps_and_names_no_one(database: Database) {
    let (app, _) = TestApp::seeded_at(database, tuesday_morning()).await;
    let helped = app.join_as(Role::GridWorker).await;
    let answer = push(
        &app,
        &helped,
        "c-gw",
        1,
        "placeOrder",
        lunch_order("o-fund", "2025-04-08", 0),
    )
    .await;
    assert_eq!(answer["applied"], 1, "{answer}");
    let resident = app.join_as(Role::Resident).await;
    let (records, raw) = pull_all(&app, &resident, "g-res").await;
    assert_eq!(
        records["canteen/fundentry/aixin/o-fund-meal"]["amount"],
        json!(-480)
    );
    assert_eq!(records["canteen/fund/aixin"]["tag"], json!("low_income"));
    let fund_part: String = raw
        .split("canteen/fundentry/")
        .skip(1)
        .map(|part| part.split('}').next().unwrap_or_default())
        .collect();
    assert!(!fund_part.contains(&member_id(Role::GridWorker)), "{fund_part}");
    // Her own order shows the fund's part on the bill.
    let (mine, _) = pull_all(&app, &helped, "g-gw").await;
    let order = &mine[&format!("canteen/order/{}/o-fund", member_id(Role::GridWorker))];
    assert!(order["price"]["adjustments"]
        .as_array()
        .unwrap()
        .iter()
        .any(|adjustment| adjustment["rule"] == json!("fund:aixin")));
}

on_both_backends!(
    a_charity_fund_pays_for_the_member_it_helps_and_names_no_one,
    every_staff_only_canteen_mutation_is_checked_against_every_role,
    the_demo_canteen_has_its_menu_rules_and_a_week_of_orders,
    a_tampered_price_is_refused,
    an_order_after_the_cutoff_is_refused_by_the_servers_clock,
    a_resident_cannot_top_up_or_edit_the_menu_but_staff_can,
    a_members_orders_and_ledger_reach_only_them_and_the_canteen,
    paused_days_roll_the_end_date_forward,
);
