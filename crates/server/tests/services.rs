//! Community services on the server, on both backends: a request's address
//! and phone reach only its member, the service staff and the volunteer
//! assigned; the request's steps are each one's to take; a purchase settled
//! from the balance is charged on the member's ledger when they confirm it; the shelter opens and
//! closes only for its keepers, and points outdoor workers to itself;
//! policies and public answers reach everyone; a child's records at the
//! childcare station reach only the guardian and the station's staff, its
//! hours keep to their places, and a child goes home only with a listed
//! person.

mod common;

use common::{join_member as join, pull_all, push_one as push, rejection_code, TestApp};
use linli_core::calendar::LocalTime;
use linli_core::time::{DAY_MS, HOUR_MS};
use linli_core::Timestamp;
use linli_server::Database;
use serde_json::json;

fn seeded_day() -> Timestamp {
    LocalTime {
        date: "2026-11-27".parse().unwrap(),
        minute: 10 * 60,
    }
    .timestamp()
}

const ADDRESS: &str = "5号楼1单元302";

async fn a_requests_address_reaches_only_its_member_the_staff_and_its_volunteer(database: Database) {
    let (app, _) = TestApp::seeded_at(database, seeded_day()).await;
    let resident = "daqinglu-resident";
    let key = format!("svc/request/{resident}/r-check");
    let readers = [
        (resident, true),
        ("daqinglu-officer", true),
        ("daqinglu-grid-worker", true),
        ("daqinglu-volunteer", false),
        ("daqinglu-r00", false),
        ("daqinglu-canteen-staff", false),
    ];
    let mut tokens = std::collections::BTreeMap::new();
    for (member, reads) in readers {
        let token = join(&app, member).await;
        tokens.insert(member, token.clone());
        let (records, raw) = pull_all(&app, &token, &format!("g-{member}")).await;
        assert_eq!(records.contains_key(&key), reads, "{member}");
        assert_eq!(raw.contains(ADDRESS), reads, "{member}: the raw pull");
        // The catalogue is everyone's.
        assert!(records.contains_key("svc/service/residence-check"), "{member}");
    }

    // Assigned, the volunteer receives their own copy, and no one else's.
    let officer = &tokens["daqinglu-officer"];
    let at = seeded_day().millis() + DAY_MS;
    let confirm =
        json!({"member": resident, "id": "r-check", "scheduledAt": at, "volunteer": "daqinglu-volunteer"});
    assert_eq!(
        push(&app, officer, "c-off", 1, "confirmService", confirm).await["applied"],
        1
    );
    let (records, _) = pull_all(&app, &tokens["daqinglu-volunteer"], "g-vol-2").await;
    let copy = &records[&format!("svc/assigned/daqinglu-volunteer/{resident}/r-check")];
    assert_eq!(copy["address"], json!(ADDRESS));
    assert_eq!(copy["status"], json!("confirmed"));
    assert!(!records.contains_key(&key), "the volunteer reads their copy only");
    let other = join(&app, "daqinglu-r01").await;
    let (records, raw) = pull_all(&app, &other, "g-r01").await;
    assert!(records.keys().all(|key| !key.starts_with("svc/assigned/")));
    assert!(!raw.contains(ADDRESS));
}

async fn each_step_of_a_request_is_taken_by_whom_it_belongs_to(database: Database) {
    let (app, clock) = TestApp::seeded_at(database, seeded_day()).await;
    let resident = "daqinglu-resident";
    let neighbour = join(&app, "daqinglu-r02").await;
    let volunteer = join(&app, "daqinglu-volunteer").await;
    let officer = join(&app, "daqinglu-officer").await;
    let owner = join(&app, resident).await;
    let at = seeded_day().millis() + 2 * HOUR_MS;

    // A neighbour cannot schedule it, nor complete it; the officer schedules.
    let confirm =
        json!({"member": resident, "id": "r-check", "scheduledAt": at, "volunteer": "daqinglu-volunteer"});
    assert_eq!(
        push(&app, &neighbour, "c-n", 1, "confirmService", confirm.clone()).await["applied"],
        0
    );
    assert_eq!(
        push(&app, &officer, "c-off", 1, "confirmService", confirm).await["applied"],
        1
    );
    let report = json!({"member": resident, "id": "r-check", "startedAt": at, "endedAt": at + HOUR_MS + 10 * 60_000,
                        "note": "已认证", "purchase": null});
    assert_eq!(
        push(&app, &neighbour, "c-n", 2, "completeService", report.clone()).await["applied"],
        0
    );
    let (records, _) = pull_all(&app, &neighbour, "g-n").await;
    assert_eq!(
        rejection_code(&records, "daqinglu-r02", "c-n", 2).as_deref(),
        Some("forbidden")
    );

    // The volunteer's report, once the time has come.
    clock.set(Timestamp(at + 2 * HOUR_MS));
    assert_eq!(
        push(&app, &volunteer, "c-vol", 1, "completeService", report).await["applied"],
        1
    );
    // Only the resident confirms it, with feedback.
    let close = json!({"id": "r-check", "feedback": {"stars": 5, "text": "谢谢小李"}});
    assert_eq!(
        push(&app, &owner, "c-res", 1, "closeServiceRequest", close).await["applied"],
        1
    );
    let (records, _) = pull_all(&app, &owner, "g-res").await;
    let request = &records[&format!("svc/request/{resident}/r-check")];
    assert_eq!(request["status"], json!("closed"));
    let steps: Vec<&str> = request["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|step| step["status"].as_str().unwrap())
        .collect();
    assert_eq!(steps, ["requested", "confirmed", "done", "closed"]);
    assert_eq!(request["feedback"]["stars"], json!(5));
}

async fn a_purchase_settled_from_the_balance_is_charged_on_the_ledger(database: Database) {
    let (app, clock) = TestApp::seeded_at(database, seeded_day()).await;
    let resident = "jinyu-wenyuan-resident";
    let owner = join(&app, resident).await;
    let request = json!({"id": "r-shop", "service": "shopping", "preferred": [{"date": "2026-11-28", "from": 540, "until": 600}],
                         "note": "鸡蛋一盒、挂面两把", "address": "2号楼3单元501", "phone": ""});
    assert_eq!(
        push(&app, &owner, "c-res", 1, "requestService", request).await["applied"],
        1
    );
    let officer = join(&app, "jinyu-wenyuan-officer").await;
    let at = seeded_day().millis() + DAY_MS;
    let confirm = json!({"member": resident, "id": "r-shop", "scheduledAt": at, "volunteer": "jinyu-wenyuan-volunteer"});
    assert_eq!(
        push(&app, &officer, "c-off", 1, "confirmService", confirm).await["applied"],
        1
    );
    clock.set(Timestamp(at + 2 * HOUR_MS));
    let volunteer = join(&app, "jinyu-wenyuan-volunteer").await;
    let report = json!({"member": resident, "id": "r-shop", "startedAt": at, "endedAt": at + HOUR_MS, "note": "",
                        "purchase": {"items": "鸡蛋一盒、挂面两把", "spent": 2350, "receipt": 2350, "settlement": "balance"}});
    assert_eq!(
        push(&app, &volunteer, "c-vol", 1, "completeService", report).await["applied"],
        1
    );
    let (records, _) = pull_all(&app, &owner, "g-res2").await;
    assert!(
        !records.contains_key(&format!("canteen/ledger/{resident}/svc-r-shop-charge")),
        "charged when she confirms, not before"
    );
    let close = json!({"id": "r-shop", "feedback": null});
    assert_eq!(
        push(&app, &owner, "c-res", 2, "closeServiceRequest", close).await["applied"],
        1
    );
    let (records, _) = pull_all(&app, &owner, "g-res3").await;
    let charge = &records[&format!("canteen/ledger/{resident}/svc-r-shop-charge")];
    assert_eq!(charge["amount"], json!(-2350));
    assert_eq!(charge["reference"], json!("svc:r-shop"));
}

async fn the_shelter_opens_for_its_keepers_and_everyone_sees_it(database: Database) {
    let (app, _) = TestApp::seeded_at(database, seeded_day()).await;
    let resident = join(&app, "jinyu-wenyuan-resident").await;
    let open = json!({"weather": "storm", "place": "社区食堂休息区", "onHand": "热水、姜茶"});
    assert_eq!(
        push(&app, &resident, "c-res", 1, "openShelter", open.clone()).await["applied"],
        0
    );
    let staff = join(&app, "jinyu-wenyuan-canteen-staff").await;
    assert_eq!(
        push(&app, &staff, "c-staff", 1, "openShelter", open).await["applied"],
        1
    );
    let (records, _) = pull_all(&app, &resident, "g-res").await;
    assert_eq!(records["svc/shelter/now"]["open"], json!(true));
    assert_eq!(records["svc/shelter/now"]["weather"], json!("storm"));
    assert_eq!(
        push(&app, &staff, "c-staff", 2, "closeShelter", json!({})).await["applied"],
        1
    );
    let (records, _) = pull_all(&app, &resident, "g-res-2").await;
    assert_eq!(records["svc/shelter/now"]["open"], json!(false));
}

async fn a_public_answer_reaches_everyone_without_the_askers_name(database: Database) {
    let (app, _) = TestApp::seeded_at(database, seeded_day()).await;
    let volunteer = join(&app, "xiyue-volunteer").await;
    let (records, raw) = pull_all(&app, &volunteer, "g-vol").await;
    assert!(records.contains_key("svc/faq/q-insurance"));
    assert!(records.contains_key("svc/policy/family-doctor"));
    assert!(
        !records.keys().any(|key| key.starts_with("svc/question/")),
        "questions are the asker's"
    );
    assert!(!raw.contains("xiyue-resident/q-insurance"));
    let asker = join(&app, "xiyue-resident").await;
    let (records, _) = pull_all(&app, &asker, "g-res").await;
    assert!(records["svc/question/xiyue-resident/q-insurance"]["answer"]["text"].is_string());
}

async fn a_childs_records_reach_only_the_guardian_and_the_station_staff(database: Database) {
    let (app, _) = TestApp::seeded_at(database, seeded_day()).await;
    let private = [
        "care/child/jinqiao-resident/lele",
        "care/booking/jinqiao-resident/care-tomorrow",
        "care/signup/jinqiao-resident/picture-books/lele",
    ];
    for (member, reads) in [
        ("jinqiao-resident", true),
        ("jinqiao-childcare-staff", true),
        ("jinqiao-officer", false),
        ("jinqiao-admin", false),
        ("jinqiao-volunteer", false),
        ("jinqiao-grid-worker", false),
        ("jinqiao-canteen-staff", false),
    ] {
        let token = join(&app, member).await;
        let (records, raw) = pull_all(&app, &token, &format!("g-{member}")).await;
        for key in private {
            assert_eq!(records.contains_key(key), reads, "{member}: {key}");
        }
        assert_eq!(raw.contains("手机尾号 0312"), reads, "{member}: the raw pull");
        // The station, its sessions and the places taken are everyone's: counts, never names.
        assert!(records.contains_key("care/station"), "{member}");
        assert_eq!(
            records["care/session/picture-books"]["taken"],
            json!(1),
            "{member}"
        );
        assert_eq!(
            records["care/slots/2026-11-28"]["taken"],
            json!({"540": 1, "600": 1}),
            "{member}"
        );
    }
}

async fn temporary_care_keeps_to_its_places_and_hands_a_child_only_to_a_listed_person(database: Database) {
    let (app, _) = TestApp::seeded_at(database, seeded_day()).await;
    let guardian = join(&app, "jinqiao-resident").await;
    let neighbour = join(&app, "jinqiao-volunteer").await;
    let staff = join(&app, "jinqiao-childcare-staff").await;
    let officer = join(&app, "jinqiao-officer").await;
    let station = json!({"name": "萌宝驿站", "place": "一楼", "opens": 480, "closes": 1080,
        "slotMinutes": 60, "placesPerSlot": 1, "minMonths": 12, "maxMonths": 72});
    assert_eq!(
        push(&app, &guardian, "c-g", 1, "setStation", station.clone()).await["applied"],
        0
    );
    assert_eq!(
        push(&app, &officer, "c-o", 1, "setStation", station).await["applied"],
        1
    );

    // One place an hour: 14–16 today for 乐乐 leaves none at 15:00.
    let book = json!({"id": "b-today", "child": "lele", "date": "2026-11-27", "from": 840, "until": 960});
    assert_eq!(
        push(&app, &guardian, "c-g", 2, "bookCare", book).await["applied"],
        1
    );
    let child = json!({"id": "ming", "name": "小明", "birthDate": "2024-05-01",
        "collectors": [{"name": "韩雪", "relation": "妈妈"}]});
    push(&app, &neighbour, "c-n", 1, "saveChild", child).await;
    let late = json!({"id": "b-late", "child": "ming", "date": "2026-11-27", "from": 900, "until": 1020});
    push(&app, &neighbour, "c-n", 2, "bookCare", late).await;
    let (records, _) = pull_all(&app, &neighbour, "g-n").await;
    assert_eq!(
        rejection_code(&records, "jinqiao-volunteer", "c-n", 2).as_deref(),
        Some("activity_full")
    );
    assert!(records.contains_key("care/child/jinqiao-volunteer/ming"));
    assert!(!records.contains_key("care/booking/jinqiao-resident/b-today"));

    // Only the staff check in and out, and only to someone on the child's list.
    let child_ref = json!({"guardian": "jinqiao-resident", "id": "b-today"});
    assert_eq!(
        push(&app, &officer, "c-o", 2, "checkInChild", child_ref.clone()).await["applied"],
        0
    );
    assert_eq!(
        push(&app, &staff, "c-s", 1, "checkInChild", child_ref).await["applied"],
        1
    );
    let out = |collector: &str, relation: &str| json!({"guardian": "jinqiao-resident", "id": "b-today", "collector": collector, "relation": relation});
    push(&app, &staff, "c-s", 2, "checkOutChild", out("王磊", "邻居")).await;
    assert_eq!(
        push(&app, &staff, "c-s", 3, "checkOutChild", out("王磊", "爸爸")).await["applied"],
        1
    );
    let (records, _) = pull_all(&app, &staff, "g-s").await;
    assert_eq!(
        rejection_code(&records, "jinqiao-childcare-staff", "c-s", 2).as_deref(),
        Some("forbidden")
    );
    let (records, _) = pull_all(&app, &guardian, "g-g").await;
    let booking = &records["care/booking/jinqiao-resident/b-today"];
    assert_eq!(booking["status"], json!("checked_out"));
    assert_eq!(booking["handover"]["collector"], json!("王磊"));
    assert_eq!(
        booking["handover"]["confirmedBy"],
        json!("jinqiao-childcare-staff")
    );
}

async fn the_shelter_points_outdoor_workers_to_itself(database: Database) {
    let (app, _) = TestApp::seeded_at(database, seeded_day()).await;
    let staff = join(&app, "jinyu-wenyuan-canteen-staff").await;
    let open =
        json!({"weather": "heat", "place": "社区食堂休息区", "onHand": "防暑茶", "outdoorWorkers": true});
    assert_eq!(
        push(&app, &staff, "c-staff", 1, "openShelter", open).await["applied"],
        1
    );
    // The demo volunteer is a sanitation worker: their phone holds the tag
    // and the shelter that asks them in.
    let worker = join(&app, "jinyu-wenyuan-volunteer").await;
    let (records, _) = pull_all(&app, &worker, "g-worker").await;
    let shelter: linli_core::services::records::Shelter =
        serde_json::from_value(records["svc/shelter/now"].clone()).unwrap();
    let profile: linli_core::canteen::records::DinerProfile =
        serde_json::from_value(records["canteen/diner/jinyu-wenyuan-volunteer"].clone()).unwrap();
    assert!(linli_core::services::shelter::points_to(&shelter, &profile.tags));
    let resident = join(&app, "jinyu-wenyuan-resident").await;
    let (records, _) = pull_all(&app, &resident, "g-res").await;
    let profile: linli_core::canteen::records::DinerProfile =
        serde_json::from_value(records["canteen/diner/jinyu-wenyuan-resident"].clone()).unwrap();
    assert!(!linli_core::services::shelter::points_to(&shelter, &profile.tags));
}

async fn a_family_doctor_signing_reaches_only_its_member_and_the_officers(database: Database) {
    let (app, _) = TestApp::seeded_at(database, seeded_day()).await;
    for (member, reads) in [
        ("xiyue-resident", true),
        ("xiyue-admin", true),
        ("xiyue-p054", false),
        ("xiyue-gw10", false),
    ] {
        let token = join(&app, member).await;
        let (records, raw) = pull_all(&app, &token, &format!("g-{member}")).await;
        assert_eq!(
            records.contains_key("svc/doctor/xiyue-resident"),
            reads,
            "{member}"
        );
        assert_eq!(raw.contains("王建华医生"), reads, "{member}: the raw pull");
        // The circle's points are everyone's.
        assert_eq!(
            records["svc/point/pharmacy"]["kind"],
            json!("pharmacy"),
            "{member}"
        );
    }
}

async fn the_demos_home_services_are_at_every_stage(database: Database) {
    let (app, _) = TestApp::seeded_at(database, seeded_day()).await;
    let officer = join(&app, "daqinglu-officer").await;
    let (records, _) = pull_all(&app, &officer, "g-officer").await;
    let status = |id: &str| records[&format!("svc/request/daqinglu-resident/{id}")]["status"].clone();
    assert_eq!(
        [
            status("r-check"),
            status("r-water"),
            status("r-pension"),
            status("r-gas")
        ],
        [
            json!("requested"),
            json!("confirmed"),
            json!("done"),
            json!("closed")
        ]
    );
    // The grid worker who did them holds their copies, with the timeline.
    let helper = join(&app, "daqinglu-gw02").await;
    let (records, _) = pull_all(&app, &helper, "g-helper").await;
    let copy = &records["svc/assigned/daqinglu-gw02/daqinglu-resident/r-gas"];
    assert_eq!(copy["feedback"]["stars"], json!(5));
    assert_eq!(copy["timeline"].as_array().map(Vec::len), Some(4));
}

on_both_backends!(
    a_requests_address_reaches_only_its_member_the_staff_and_its_volunteer,
    each_step_of_a_request_is_taken_by_whom_it_belongs_to,
    a_purchase_settled_from_the_balance_is_charged_on_the_ledger,
    the_shelter_opens_for_its_keepers_and_everyone_sees_it,
    a_public_answer_reaches_everyone_without_the_askers_name,
    a_childs_records_reach_only_the_guardian_and_the_station_staff,
    temporary_care_keeps_to_its_places_and_hands_a_child_only_to_a_listed_person,
    the_shelter_points_outdoor_workers_to_itself,
    a_family_doctor_signing_reaches_only_its_member_and_the_officers,
    the_demos_home_services_are_at_every_stage,
);
