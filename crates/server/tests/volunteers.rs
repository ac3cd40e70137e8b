//! Volunteers and grids on the server, on both backends: the demo grids,
//! the care ledger reaching only its grid's worker and the officers (also
//! after a grid changes hands), attendance stamped only by the organiser,
//! activities posted only by those who run grids, and the case chain.

mod common;

use axum::http::StatusCode;
use common::{join_member as join, push_one as push, TestApp};
use linli_core::calendar::LocalTime;
use linli_core::time::{DAY_MS, HOUR_MS, MINUTE_MS};
use linli_core::Timestamp;
use linli_server::demo::volunteers::{daqinglu_resident_id, grid_worker_id, DAQINGLU, XIYUE};
use linli_server::Database;
use serde_json::{json, Map, Value};

fn seeded_day() -> Timestamp {
    LocalTime {
        date: "2026-11-27".parse().unwrap(),
        minute: 10 * 60,
    }
    .timestamp()
}

/// A device's pulls: its records, the raw text of the last pull's pages, and
/// its cookie, so that a later pull continues from where it stopped.
struct Device {
    token: String,
    group: String,
    cookie: Value,
    records: Map<String, Value>,
    raw: String,
    cleared: bool,
}

impl Device {
    async fn join(app: &TestApp, member: &str) -> Device {
        Device {
            token: join(app, member).await,
            group: format!("g-pull-{member}"),
            cookie: Value::Null,
            records: Map::new(),
            raw: String::new(),
            cleared: false,
        }
    }

    async fn pull(&mut self, app: &TestApp) {
        self.raw.clear();
        self.cleared = false;
        loop {
            let body = json!({ "pullVersion": 1, "clientGroupID": self.group, "cookie": self.cookie, "profileID": "", "schemaVersion": "1" });
            let (status, text) = app
                .post_raw("/api/v1/pull", Some(&self.token), body.to_string())
                .await;
            assert_eq!(status, StatusCode::OK, "{text}");
            self.raw.push_str(&text);
            let page: Value = serde_json::from_str(&text).unwrap();
            for op in page["patch"].as_array().unwrap() {
                match op["op"].as_str().unwrap() {
                    "put" => {
                        self.records
                            .insert(op["key"].as_str().unwrap().to_owned(), op["value"].clone());
                    }
                    "del" => {
                        self.records.remove(op["key"].as_str().unwrap());
                    }
                    _ => {
                        self.cleared = true;
                        self.records.clear();
                    }
                }
            }
            self.cookie = page["cookie"].clone();
            if page["more"] != json!(true) {
                return;
            }
        }
    }

    fn keys_under(&self, prefix: &str) -> Vec<&str> {
        self.records
            .keys()
            .filter(|key| key.starts_with(prefix))
            .map(String::as_str)
            .collect()
    }

    fn rejection(&self, member: &str, client: &str, id: u64) -> Option<String> {
        self.records
            .get(&format!("rejection/{member}/{client}/{id}"))
            .map(|record| record["code"].as_str().unwrap().to_owned())
    }
}

fn demo(community: &str, role: &str) -> String {
    format!("{community}-{role}")
}

async fn the_demo_grids_have_their_people_households_visits_and_cases(database: Database) {
    let (app, _) = TestApp::seeded_at(database, seeded_day()).await;
    let mut xiyue = Device::join(&app, &demo(XIYUE, "resident")).await;
    xiyue.pull(&app).await;
    assert_eq!(xiyue.keys_under("vol/grid/").len(), 17);
    let party_members = xiyue
        .records
        .iter()
        .filter(|(key, person)| {
            key.starts_with("vol/person/")
                && person["parts"]
                    .as_array()
                    .unwrap()
                    .contains(&json!("party_member"))
        })
        .count();
    assert_eq!(party_members, 124);
    assert_eq!(xiyue.keys_under("vol/household/").len(), 17 * 8);
    assert!(xiyue.keys_under("vol/visit/").len() > 30);
    assert!(xiyue.keys_under("vol/activity/").len() >= 5);
    assert_eq!(xiyue.keys_under("vol/attendance/").len(), 2);

    let mut daqinglu = Device::join(&app, &daqinglu_resident_id(2)).await;
    daqinglu.pull(&app).await;
    let mut statuses: Vec<&str> = daqinglu
        .records
        .iter()
        // The cases residents reported (the patrols' findings are the village's).
        .filter(|(key, case)| key.starts_with("vol/case/") && case["patrol"].is_null())
        .map(|(_, case)| case["status"].as_str().unwrap())
        .collect();
    statuses.sort_unstable();
    assert_eq!(
        statuses,
        ["accepted", "closed", "escalated", "handled", "reported"]
    );
}

async fn the_care_ledger_reaches_only_its_grids_worker_and_the_officers(database: Database) {
    let (app, _) = TestApp::seeded_at(database, seeded_day()).await;
    let readers = [
        (daqinglu_resident_id(0), Vec::<&str>::new()),
        (demo(DAQINGLU, "volunteer"), vec![]),
        (grid_worker_id(DAQINGLU, 2), vec!["vol/care/g02/care-hai"]),
        (
            grid_worker_id(DAQINGLU, 1),
            vec![
                "vol/care/g01/care-bai",
                "vol/care/g01/care-ma",
                "vol/care/g01/care-zhang",
            ],
        ),
        (
            demo(DAQINGLU, "officer"),
            vec![
                "vol/care/g01/care-bai",
                "vol/care/g01/care-ma",
                "vol/care/g01/care-zhang",
                "vol/care/g02/care-hai",
            ],
        ),
    ];
    for (member, expected) in readers {
        let mut device = Device::join(&app, &member).await;
        device.pull(&app).await;
        assert_eq!(device.keys_under("vol/care/"), expected, "{member}");
        let raw_mentions = device.raw.matches("vol/care/").count();
        assert_eq!(
            raw_mentions,
            expected.len(),
            "{member}: the raw pull holds no other care entry"
        );
        if expected.is_empty() {
            assert!(
                !device.raw.contains("马奶奶(87岁"),
                "{member} never receives the ledger's text"
            );
        }
    }
}

async fn a_grid_handed_over_moves_its_care_ledger_with_it(database: Database) {
    let (app, _) = TestApp::seeded_at(database, seeded_day()).await;
    let mut old_worker = Device::join(&app, &grid_worker_id(DAQINGLU, 1)).await;
    let mut new_worker = Device::join(&app, &grid_worker_id(DAQINGLU, 2)).await;
    old_worker.pull(&app).await;
    new_worker.pull(&app).await;
    assert_eq!(new_worker.keys_under("vol/care/g01/").len(), 0);
    let officer = join(&app, &demo(DAQINGLU, "officer")).await;
    let handover = push(&app, &officer, "c-off", 1, "upsertGrid",
        json!({"id": "g01", "name": "第一网格", "area": "新华西路1—6号楼", "worker": grid_worker_id(DAQINGLU, 2)})).await;
    assert_eq!(handover["applied"], 1);
    new_worker.pull(&app).await;
    assert!(new_worker.cleared, "new tags start the copy afresh");
    assert_eq!(
        new_worker.keys_under("vol/care/g01/").len(),
        3,
        "the records written before the handover arrive"
    );
    old_worker.pull(&app).await;
    assert!(old_worker.cleared);
    assert_eq!(
        old_worker.keys_under("vol/care/").len(),
        0,
        "and leave the old worker's device"
    );
}

async fn only_the_organiser_signs_volunteers_in_and_out(database: Database) {
    let (app, _) = TestApp::seeded_at(database, seeded_day()).await;
    let volunteer_id = demo(DAQINGLU, "volunteer");
    let other = daqinglu_resident_id(3);
    let mut volunteer = Device::join(&app, &volunteer_id).await;
    let at = seeded_day().millis() - HOUR_MS;
    push(
        &app,
        &volunteer.token,
        "c-vol",
        1,
        "signIn",
        json!({"activity": "dq-patrol", "member": other, "at": at}),
    )
    .await;
    push(
        &app,
        &volunteer.token,
        "c-vol",
        2,
        "signIn",
        json!({"activity": "dq-patrol", "member": volunteer_id, "at": at}),
    )
    .await;
    volunteer.pull(&app).await;
    assert_eq!(
        volunteer.rejection(&volunteer_id, "c-vol", 1).as_deref(),
        Some("forbidden"),
        "another member"
    );
    assert_eq!(
        volunteer.rejection(&volunteer_id, "c-vol", 2).as_deref(),
        Some("forbidden"),
        "oneself"
    );

    let organiser = join(&app, &grid_worker_id(DAQINGLU, 1)).await;
    let signed_in = push(
        &app,
        &organiser,
        "c-org",
        1,
        "signIn",
        json!({"activity": "dq-patrol", "member": volunteer_id, "at": at - 30 * MINUTE_MS}),
    )
    .await;
    assert_eq!(signed_in["applied"], 1);
    let future = push(
        &app,
        &organiser,
        "c-org",
        2,
        "signOut",
        json!({"activity": "dq-patrol", "member": volunteer_id, "at": seeded_day().millis() + HOUR_MS}),
    )
    .await;
    assert_eq!(future["rejected"], 1, "a stamp ahead of the server's clock");
    let signed_out = push(
        &app,
        &organiser,
        "c-org",
        3,
        "signOut",
        json!({"activity": "dq-patrol", "member": volunteer_id, "at": seeded_day().millis()}),
    )
    .await;
    assert_eq!(signed_out["applied"], 1);
    volunteer.pull(&app).await;
    let attendance = &volunteer.records[&format!("vol/attendance/dq-patrol/{volunteer_id}")];
    let minutes =
        (attendance["signedOutAt"].as_i64().unwrap() - attendance["signedInAt"].as_i64().unwrap()) / 60_000;
    assert_eq!(minutes, 90);
}

async fn a_resident_cannot_post_an_activity(database: Database) {
    let (app, _) = TestApp::seeded_at(database, seeded_day()).await;
    let resident_id = daqinglu_resident_id(4);
    let mut resident = Device::join(&app, &resident_id).await;
    let activity = json!({"id": "a-mine", "title": "我的活动", "startsAt": seeded_day().millis() + DAY_MS,
        "endsAt": seeded_day().millis() + 90_000_000, "place": "楼下", "slots": 5, "skills": [], "grid": null});
    push(
        &app,
        &resident.token,
        "c-res",
        1,
        "postActivity",
        activity.clone(),
    )
    .await;
    resident.pull(&app).await;
    assert_eq!(
        resident.rejection(&resident_id, "c-res", 1).as_deref(),
        Some("forbidden")
    );
    assert!(!resident.records.contains_key("vol/activity/a-mine"));
    let worker = join(&app, &grid_worker_id(DAQINGLU, 1)).await;
    let posted = push(&app, &worker, "c-gw", 1, "postActivity", activity).await;
    assert_eq!(posted["applied"], 1);
}

async fn the_case_chain_runs_in_order_and_only_for_its_grid(database: Database) {
    let (app, _) = TestApp::seeded_at(database, seeded_day()).await;
    let reporter_id = daqinglu_resident_id(5);
    let mut reporter = Device::join(&app, &reporter_id).await;
    let reported = push(&app, &reporter.token, "c-rep", 1, "reportCase",
        json!({"id": "k-new", "kind": "hazard", "grid": "g01", "place": "4号楼1单元", "text": "消防通道堆放自行车"})).await;
    assert_eq!(reported["applied"], 1);
    let other_grid = grid_worker_id(DAQINGLU, 2);
    let mut other = Device::join(&app, &other_grid).await;
    push(
        &app,
        &other.token,
        "c-other",
        1,
        "advanceCase",
        json!({"case": "k-new", "action": "accept"}),
    )
    .await;
    other.pull(&app).await;
    assert_eq!(
        other.rejection(&other_grid, "c-other", 1).as_deref(),
        Some("forbidden"),
        "another grid's worker"
    );

    let worker_id = grid_worker_id(DAQINGLU, 1);
    let mut worker = Device::join(&app, &worker_id).await;
    let steps = [
        ("feedback", "太早了", false),
        ("accept", "", true),
        ("handle", "已清理", true),
        ("feedback", "已清理，请放心", true),
        ("escalate", "", false),
    ];
    for (index, (action, note, legal)) in steps.iter().enumerate() {
        let answer = push(
            &app,
            &worker.token,
            "c-gw",
            index as u64 + 1,
            "advanceCase",
            json!({"case": "k-new", "action": action, "note": note}),
        )
        .await;
        assert_eq!(answer["applied"] == 1, *legal, "{action}: {answer}");
    }
    worker.pull(&app).await;
    assert_eq!(
        worker.rejection(&worker_id, "c-gw", 1).as_deref(),
        Some("wrong_stage")
    );
    assert_eq!(
        worker.rejection(&worker_id, "c-gw", 5).as_deref(),
        Some("wrong_stage"),
        "closed is final"
    );
    reporter.pull(&app).await;
    let case = &reporter.records["vol/case/k-new"];
    assert_eq!(case["status"], "closed");
    let actions: Vec<&Value> = case["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|step| &step["action"])
        .collect();
    assert_eq!(
        actions,
        [
            &Value::Null,
            &json!("accept"),
            &json!("handle"),
            &json!("feedback")
        ]
    );
    assert_eq!(case["timeline"][3]["by"], worker_id);
}

on_both_backends!(
    the_demo_grids_have_their_people_households_visits_and_cases,
    the_care_ledger_reaches_only_its_grids_worker_and_the_officers,
    a_grid_handed_over_moves_its_care_ledger_with_it,
    only_the_organiser_signs_volunteers_in_and_out,
    a_resident_cannot_post_an_activity,
    the_case_chain_runs_in_order_and_only_for_its_grid,
);
