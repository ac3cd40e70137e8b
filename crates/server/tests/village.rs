//! The village's affairs on the server, on both backends: a household's
//! land, dividend and subsidies reach its members and the officers and no
//! other household; the published accounts never change but by correction;
//! a dividend's lines add up and its head alone acknowledges it; a named
//! questionnaire's answers reach the officers only and an anonymous one's
//! reach no one, not even through the audit log, until its count is
//! published; a patrol's finding becomes a case on its grid.

mod common;

use common::{join_member as join, pull_all, push_one as push, rejection_code, TestApp};
use linli_core::calendar::LocalTime;
use linli_core::keys::household_key;
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

/// The household the demo's resident heads, and one of its neighbours'.
const OWN_HOUSEHOLD: &str = "1组1号";
const NEIGHBOURS: &str = "1组3号";

async fn a_households_lines_reach_its_members_and_the_officers_only(database: Database) {
    let (app, _) = TestApp::seeded_at(database, seeded_day()).await;
    let own = format!("vil/line/{}/dividend-2026", household_key(OWN_HOUSEHOLD));
    let neighbours = format!("vil/line/{}/dividend-2026", household_key(NEIGHBOURS));
    // lianjiaying-grid-worker (member 2) is in 1组1号 without heading it;
    // villager 1 (member 7) is in 1组3号.
    let readers = [
        ("lianjiaying-resident", true, false),
        ("lianjiaying-grid-worker", true, false),
        ("lianjiaying-v01", false, true),
        ("lianjiaying-officer", true, true),
        ("lianjiaying-canteen-staff", true, false),
    ];
    for (member, reads_own, reads_neighbours) in readers {
        let token = join(&app, member).await;
        let (records, raw) = pull_all(&app, &token, &format!("g-{member}")).await;
        assert_eq!(records.contains_key(&own), reads_own, "{member}: 1组1号's line");
        assert_eq!(
            records.contains_key(&neighbours),
            reads_neighbours,
            "{member}: 1组3号's line"
        );
        let own_parcels = format!("vil/parcel/{}/", household_key(OWN_HOUSEHOLD));
        assert_eq!(raw.contains(&own_parcels), reads_own, "{member}: the raw pull");
        // The accounts are everyone's.
        assert!(records.contains_key("vil/contract/land-2024"), "{member}");
        assert!(records.contains_key("vil/dist/dividend-2026"), "{member}");
        assert!(
            records.keys().any(|key| key.starts_with("vil/entry/2025-01/")),
            "{member}"
        );
        // Drafts and other households' key-household marks are not.
        let officer = member == "lianjiaying-officer";
        assert_eq!(
            records.keys().any(|key| key.starts_with("vil/draft/")),
            officer,
            "{member}"
        );
    }
}

async fn a_dividend_adds_up_and_only_its_head_acknowledges_it(database: Database) {
    let (app, _) = TestApp::seeded_at(database, seeded_day()).await;
    let officer = join(&app, "lianjiaying-officer").await;
    let (records, _) = pull_all(&app, &officer, "g-officer").await;
    let lines: Vec<&serde_json::Value> = records
        .iter()
        .filter(|(key, _)| key.starts_with("vil/line/") && key.ends_with("/dividend-2026"))
        .map(|(_, line)| line)
        .collect();
    let dividend = &records["vil/dist/dividend-2026"];
    let total: i64 = lines.iter().map(|line| line["amount"].as_i64().unwrap()).sum();
    assert_eq!(json!(total), dividend["total"]);
    assert_eq!(json!(lines.len()), dividend["households"]);
    let acknowledged_before = dividend["acknowledged"].as_u64().unwrap();

    // A member of the household who does not head it may not.
    let member = join(&app, "lianjiaying-grid-worker").await;
    push(
        &app,
        &member,
        "c-gw",
        1,
        "acknowledgeLine",
        json!({"source": "dividend-2026"}),
    )
    .await;
    let (records, _) = pull_all(&app, &member, "g-gw").await;
    assert_eq!(
        rejection_code(&records, "lianjiaying-grid-worker", "c-gw", 1).as_deref(),
        Some("not_eligible")
    );
    let head = join(&app, "lianjiaying-resident").await;
    push(
        &app,
        &head,
        "c-head",
        1,
        "acknowledgeLine",
        json!({"source": "dividend-2026"}),
    )
    .await;
    push(
        &app,
        &head,
        "c-head",
        2,
        "acknowledgeLine",
        json!({"source": "dividend-2026"}),
    )
    .await;
    let (records, _) = pull_all(&app, &head, "g-head").await;
    assert_eq!(
        rejection_code(&records, "lianjiaying-resident", "c-head", 1),
        None
    );
    assert_eq!(
        rejection_code(&records, "lianjiaying-resident", "c-head", 2).as_deref(),
        Some("already_exists")
    );
    let own = format!("vil/line/{}/dividend-2026", household_key(OWN_HOUSEHOLD));
    assert_eq!(records[&own]["acknowledgedBy"], json!("lianjiaying-resident"));
    assert_eq!(
        records["vil/dist/dividend-2026"]["acknowledged"],
        json!(acknowledged_before + 1)
    );
}

async fn a_published_month_is_corrected_only_by_a_new_entry(database: Database) {
    let (app, _) = TestApp::seeded_at(database, seeded_day()).await;
    let officer = join(&app, "lianjiaying-officer").await;
    let (before, _) = pull_all(&app, &officer, "g-o1").await;
    let march: Vec<(&String, &serde_json::Value)> = before
        .iter()
        .filter(|(key, _)| key.starts_with("vil/entry/2025-03/"))
        .collect();
    assert!(!march.is_empty());
    let late =
        json!({"id": "late", "date": "2025-03-20", "category": "public_works", "amount": 100, "note": ""});
    push(&app, &officer, "c-o", 1, "recordEntry", late).await;
    let (entry_key, entry) = march[0];
    let corrected_id = entry["id"].as_str().unwrap();
    let correction = json!({"id": "fix", "date": "2026-11-20", "category": entry["category"], "amount": -5000,
                            "note": "发票金额录错", "corrects": {"month": "2025-03", "id": corrected_id}});
    push(&app, &officer, "c-o", 2, "recordEntry", correction).await;
    push(
        &app,
        &officer,
        "c-o",
        3,
        "publishPeriod",
        json!({"month": "2025-03"}),
    )
    .await;
    push(
        &app,
        &officer,
        "c-o",
        4,
        "publishPeriod",
        json!({"month": "2026-11"}),
    )
    .await;
    let (after, _) = pull_all(&app, &officer, "g-o2").await;
    assert_eq!(
        rejection_code(&after, "lianjiaying-officer", "c-o", 1).as_deref(),
        Some("too_late")
    );
    assert_eq!(rejection_code(&after, "lianjiaying-officer", "c-o", 2), None);
    assert_eq!(
        rejection_code(&after, "lianjiaying-officer", "c-o", 3).as_deref(),
        Some("already_exists")
    );
    assert_eq!(
        rejection_code(&after, "lianjiaying-officer", "c-o", 4).as_deref(),
        Some("wrong_stage")
    );
    for (key, value) in &march {
        assert_eq!(after.get(*key), Some(*value), "{key} unchanged");
    }
    assert_eq!(after[entry_key.as_str()], *entry);
    assert_eq!(after["vil/draft/fix"]["corrects"]["id"], json!(corrected_id));
}

async fn a_named_questionnaires_answers_reach_only_the_officers(database: Database) {
    let (app, _) = TestApp::seeded_at(database, seeded_day()).await;
    let villager = join(&app, "lianjiaying-v02").await;
    let answers = json!({"questionnaire": "square-2026", "answers": [
        {"choices": [2]}, {"choices": [0]}, {"text": "凉亭边上装个充电桩"}]});
    push(&app, &villager, "c-v02", 1, "answerQuestionnaire", answers).await;
    let key = "vil/qanswer/lianjiaying-v02/square-2026";
    for (member, reads) in [
        ("lianjiaying-v02", true),
        ("lianjiaying-officer", true),
        ("lianjiaying-v03", false),
        ("lianjiaying-volunteer", false),
    ] {
        let token = if member == "lianjiaying-v02" {
            villager.clone()
        } else {
            join(&app, member).await
        };
        let (records, raw) = pull_all(&app, &token, &format!("g-q-{member}")).await;
        assert_eq!(records.contains_key(key), reads, "{member}");
        assert_eq!(raw.contains("充电桩"), reads, "{member}: the raw pull");
        if member == "lianjiaying-officer" {
            // Counted once, with the demo's four.
            assert_eq!(records["vil/qtally/square-2026"]["respondents"], json!(5));
            assert_eq!(records["vil/qtally/square-2026"]["counts"][0], json!([2, 1, 2]));
        }
    }
}

async fn an_anonymous_answer_is_joined_to_its_member_nowhere(database: Database) {
    let (app, _) = TestApp::seeded_at(database, seeded_day()).await;
    let officer = join(&app, "lianjiaying-officer").await;
    let asked = json!({"id": "sorting-2", "title": "厨余垃圾试点", "anonymous": true,
        "opens": "2026-11-27", "closes": "2026-12-10",
        "questions": [{"text": "试点好不好？", "kind": "single", "options": ["好", "不好"]},
                      {"text": "建议", "kind": "text"}]});
    push(&app, &officer, "c-off", 1, "publishQuestionnaire", asked).await;
    let secret = "隔壁老王家总不分类";
    let answering = [
        "lianjiaying-v05",
        "lianjiaying-v06",
        "lianjiaying-v07",
        "lianjiaying-v08",
        "lianjiaying-v09",
    ];
    let mut tokens = std::collections::BTreeMap::new();
    tokens.insert("lianjiaying-officer", officer.clone());
    tokens.insert("lianjiaying-admin", join(&app, "lianjiaying-admin").await);
    for member in answering {
        tokens.insert(member, join(&app, member).await);
    }
    for (n, member) in answering.iter().enumerate() {
        let token = tokens[member].clone();
        let text = if n == 0 { secret } else { "" };
        let answers = json!({"questionnaire": "sorting-2",
            "answers": [{"choices": [n % 2]}, {"text": text}]});
        let answer = push(
            &app,
            &token,
            &format!("c-{member}"),
            1,
            "answerQuestionnaire",
            answers,
        )
        .await;
        if n == 0 {
            // Before the close: nobody's pull has the answer, the author's own included.
            for reader in [
                "lianjiaying-officer",
                "lianjiaying-admin",
                "lianjiaying-v06",
                "lianjiaying-v05",
            ] {
                let (records, raw) = pull_all(&app, &tokens[reader], &format!("g-a-{reader}")).await;
                assert!(!raw.contains(secret), "{reader}");
                assert!(
                    records.keys().all(|key| !key.starts_with("vil/qsealed/")),
                    "{reader}"
                );
                let own = records.contains_key("vil/qdone/lianjiaying-v05/sorting-2");
                assert_eq!(
                    own,
                    reader == "lianjiaying-v05",
                    "{reader}: only the member knows they answered"
                );
            }
            let (_, log) = app
                .get_json("/api/v1/audit?module=village".to_owned(), &officer)
                .await;
            assert!(
                !log.to_string().contains(secret),
                "the audit log keeps no answers"
            );
            assert!(log.to_string().contains("answerQuestionnaire"), "{answer}");
        }
    }
    push(
        &app,
        &officer,
        "c-off",
        2,
        "closeQuestionnaire",
        json!({"id": "sorting-2"}),
    )
    .await;
    let neighbour = join(&app, "lianjiaying-v10").await;
    let (records, raw) = pull_all(&app, &neighbour, "g-after").await;
    let result = &records["vil/qresult/sorting-2"];
    assert_eq!(result["respondents"], json!(5));
    assert_eq!(result["tally"]["counts"][0], json!([3, 2]));
    assert_eq!(result["tally"]["texts"][1], json!([secret]));
    // Published without anyone's id beside it.
    let published = result.to_string();
    assert!(answering.iter().all(|member| !published.contains(member)));
    assert!(raw.matches(secret).count() == 1);
}

async fn a_patrols_finding_becomes_a_case_on_its_grid(database: Database) {
    let (app, _) = TestApp::seeded_at(database, seeded_day()).await;
    let worker = join(&app, "daqinglu-grid-worker").await;
    let (records, _) = pull_all(&app, &worker, "g-gw").await;
    // The demo's second patrol found three hazards; its cases are on the chain.
    let patrol = &records["vil/patrol/g01/patrol-2"];
    assert_eq!(
        patrol["cases"],
        json!(["patrol-2-f1", "patrol-2-f2", "patrol-2-f3"])
    );
    assert_eq!(
        records["vol/case/patrol-2-f1"]["patrol"]["patrol"],
        json!("patrol-2")
    );
    assert_eq!(records["vol/case/patrol-2-f1"]["status"], json!("accepted"));
    assert_eq!(records["vol/case/patrol-1-f1"]["status"], json!("closed"));

    let walk = json!({"grid": "g01", "id": "pt-new", "date": "2026-11-27", "units": [
        {"building": "6号楼", "unit": "1单元", "results": [
            {"item": "stairwell_clutter", "finding": true, "note": "二楼堆放自行车"},
            {"item": "ebike_parking", "finding": false}]}]});
    let other_worker = join(&app, "daqinglu-gw02").await;
    push(&app, &other_worker, "c-gw2", 1, "recordPatrol", walk.clone()).await;
    push(&app, &worker, "c-gw", 1, "recordPatrol", walk).await;
    let (records, _) = pull_all(&app, &other_worker, "g-gw2").await;
    assert_eq!(
        rejection_code(&records, "daqinglu-gw02", "c-gw2", 1).as_deref(),
        Some("forbidden")
    );
    assert!(
        !records.contains_key("vil/patrol/g01/pt-new"),
        "another grid's patrols"
    );
    assert_eq!(records["vol/case/pt-new-f1"]["place"], json!("6号楼 1单元"));
    let resident = join(&app, "daqinglu-resident").await;
    let (records, _) = pull_all(&app, &resident, "g-res").await;
    assert!(records.keys().all(|key| !key.starts_with("vil/patrol/")));
    assert_eq!(records["vol/case/pt-new-f1"]["kind"], json!("hazard"));
}

async fn the_committees_figures_reach_everyone_once_published(database: Database) {
    let (app, _) = TestApp::seeded_at(database, seeded_day()).await;
    let villager = join(&app, "lianjiaying-v04").await;
    let (records, _) = pull_all(&app, &villager, "g-v04").await;
    // The demo's committee published them; they count its register and the charter's pledges.
    let figures = &records["vil/figures/public"];
    assert_eq!(figures["members"], json!(40));
    assert!(figures["pledge"]["of"].as_u64().unwrap() > 0);
    assert_eq!(figures["months"].as_array().map(Vec::len), Some(12));
    assert!(!records.contains_key("vil/figures/officers"));
    let officer = join(&app, "lianjiaying-officer").await;
    push(
        &app,
        &officer,
        "c-fig",
        1,
        "refreshFigures",
        json!({"public": false}),
    )
    .await;
    let (records, _) = pull_all(&app, &villager, "g-v04-2").await;
    assert!(!records.contains_key("vil/figures/public"), "taken down");
    let (records, _) = pull_all(&app, &officer, "g-fig").await;
    assert_eq!(records["vil/figures/officers"]["members"], json!(40));
    push(
        &app,
        &villager,
        "c-v04",
        1,
        "refreshFigures",
        json!({"public": true}),
    )
    .await;
    let (records, _) = pull_all(&app, &villager, "g-v04-3").await;
    assert_eq!(
        rejection_code(&records, "lianjiaying-v04", "c-v04", 1).as_deref(),
        Some("forbidden")
    );
}

on_both_backends!(
    the_committees_figures_reach_everyone_once_published,
    a_households_lines_reach_its_members_and_the_officers_only,
    a_dividend_adds_up_and_only_its_head_acknowledges_it,
    a_published_month_is_corrected_only_by_a_new_entry,
    a_named_questionnaires_answers_reach_only_the_officers,
    an_anonymous_answer_is_joined_to_its_member_nowhere,
    a_patrols_finding_becomes_a_case_on_its_grid,
);
