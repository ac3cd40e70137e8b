//! The village rules on the server, on both backends: 连家营村's demo, ballots
//! replaced and refused by the server's clock and register, secret ballots
//! that no pull reveals, and a count that makes the charter's next version.

mod common;

use common::{join_member as join, pull_all, push_one as push, rejection_code, TestApp};
use linli_core::calendar::LocalTime;
use linli_core::time::DAY_MS;
use linli_core::{Role, Timestamp};
use linli_server::demo::rules::{villager_id, COMMUNITY};
use linli_server::Database;
use serde_json::{json, Value};

/// 2026-11-27 10:00 in Hohhot: the demo's waste-sorting vote is open, the
/// wedding vote closed yesterday.
fn seeded_day() -> Timestamp {
    LocalTime {
        date: "2026-11-27".parse().unwrap(),
        minute: 10 * 60,
    }
    .timestamp()
}

fn demo_member(role: Role) -> String {
    format!("{COMMUNITY}-{}", role.as_str().replace('_', "-"))
}

async fn the_demo_village_has_its_charter_a_proposal_at_each_stage_and_an_open_vote(database: Database) {
    let (app, _) = TestApp::seeded_at(database, seeded_day()).await;
    let resident = join(&app, &demo_member(Role::Resident)).await;
    let (records, _) = pull_all(&app, &resident, "g-res").await;
    let charter = &records["rules/charter/0001"];
    assert_eq!(charter["articles"].as_array().unwrap().len(), 12);
    assert_eq!(charter["articles"][2]["title"], "红白喜事从简");
    assert!(!records.contains_key("rules/charter/0002"));
    let mut stages: Vec<&str> = records
        .iter()
        .filter(|(key, _)| key.starts_with("rules/proposal/"))
        .map(|(_, proposal)| proposal["stage"].as_str().unwrap())
        .collect();
    stages.sort_unstable();
    stages.dedup();
    assert_eq!(
        stages,
        [
            "adopted",
            "collecting",
            "deliberating",
            "drafting",
            "rejected",
            "review",
            "voting",
            "withdrawn"
        ]
    );
    let meeting = &records["rules/meeting/fireside-autumn"];
    assert_eq!(meeting["suggestions"].as_array().unwrap().len(), 4);
    assert_eq!(meeting["suggestions"][0]["proposal"], "waste-sorting");
    let hidden = &records["rules/comment/straw-burning/c2"];
    assert_eq!(
        hidden["text"], "",
        "a hidden comment's text never leaves the server"
    );
    assert!(hidden["hidden"]["reason"].as_str().unwrap().contains("调解"));
    let waste = &records["rules/vote/vote-waste"];
    assert!(waste["closesAt"].as_i64().unwrap() > seeded_day().millis());
    assert_eq!(waste["electorateSize"], 40);
    assert_eq!(
        records["rules/result/vote-fee"]["tally"]["outcome"]["kind"],
        "winner"
    );
    assert_eq!(records["rules/result/vote-fee"]["tally"]["outcome"]["option"], 1);
    assert!(
        !records.contains_key("rules/result/vote-wedding"),
        "counted by an officer after the close"
    );
}

async fn a_second_ballot_replaces_the_first(database: Database) {
    let (app, _) = TestApp::seeded_at(database, seeded_day()).await;
    let voter = villager_id(30);
    let token = join(&app, &voter).await;
    let first = push(
        &app,
        &token,
        "c-v",
        1,
        "castBallot",
        json!({"vote": "vote-waste", "choice": 0}),
    )
    .await;
    assert_eq!(first["applied"], 1);
    let second = push(
        &app,
        &token,
        "c-v",
        2,
        "castBallot",
        json!({"vote": "vote-waste", "choice": 1}),
    )
    .await;
    assert_eq!(second["applied"], 1);
    let (records, _) = pull_all(&app, &token, "g-v").await;
    let ballots: Vec<&Value> = records
        .iter()
        .filter(|(key, _)| key.starts_with("rules/ballot/vote-waste/"))
        .map(|(_, ballot)| ballot)
        .collect();
    assert_eq!(ballots.len(), 5, "four seeded ballots and one of this voter's");
    assert_eq!(
        records[&format!("rules/ballot/vote-waste/{voter}")]["choice"],
        1,
        "the last one counts"
    );
}

async fn late_outside_and_counted_ballots_are_refused(database: Database) {
    let (app, clock) = TestApp::seeded_at(database, seeded_day()).await;
    // A new member who is not on the register.
    let admin = join(&app, &demo_member(Role::Admin)).await;
    let code = app.pad_code(&admin).await;
    let registered = push(
        &app,
        &admin,
        "c-adm",
        1,
        "registerMember",
        json!({"id": "newcomer", "name": "新来的", "roles": ["resident"], "inviteCode": &code}),
    )
    .await;
    assert_eq!(registered["applied"], 1);
    let (_, joined) = app.post("/api/v1/join", None, &json!({ "code": code })).await;
    let newcomer = joined["token"].as_str().unwrap().to_owned();
    push(
        &app,
        &newcomer,
        "c-new",
        1,
        "castBallot",
        json!({"vote": "vote-waste", "choice": 0}),
    )
    .await;
    // A registered villager, on a counted vote, then after the close.
    let voter = villager_id(31);
    let token = join(&app, &voter).await;
    push(
        &app,
        &token,
        "c-v",
        1,
        "castBallot",
        json!({"vote": "vote-fee", "choice": 0}),
    )
    .await;
    clock.set(Timestamp(seeded_day().millis() + 8 * DAY_MS));
    push(
        &app,
        &token,
        "c-v",
        2,
        "castBallot",
        json!({"vote": "vote-waste", "choice": 0}),
    )
    .await;
    let (records, _) = pull_all(&app, &token, "g-v").await;
    assert_eq!(
        rejection_code(&records, &voter, "c-v", 1).as_deref(),
        Some("too_late"),
        "a counted vote"
    );
    assert_eq!(
        rejection_code(&records, &voter, "c-v", 2).as_deref(),
        Some("too_late"),
        "after the close"
    );
    assert!(!records.contains_key(&format!("rules/ballot/vote-waste/{voter}")));
    let (records, _) = pull_all(&app, &newcomer, "g-new").await;
    assert_eq!(
        rejection_code(&records, "newcomer", "c-new", 1).as_deref(),
        Some("not_eligible")
    );
}

async fn no_pull_reveals_another_members_secret_ballot(database: Database) {
    let (app, _) = TestApp::seeded_at(database, seeded_day()).await;
    // Every demo role, and two villagers who voted in the secret wedding vote.
    let mut readers: Vec<String> = Role::ALL.iter().map(|role| demo_member(*role)).collect();
    readers.extend([villager_id(0), villager_id(4)]);
    for reader in &readers {
        let token = join(&app, reader).await;
        let (records, raw) = pull_all(&app, &token, &format!("g-{reader}")).await;
        for (key, value) in &records {
            let is_secret_ballot = value.get("choice").is_some() && value["vote"] == "vote-wedding";
            if is_secret_ballot {
                assert_eq!(
                    key,
                    &format!("rules/secret/{reader}/vote-wedding"),
                    "{reader} got {key}"
                );
            }
        }
        let others_keys = raw.matches("rules/secret/").count();
        let own_keys = raw.matches(&format!("rules/secret/{reader}/")).count();
        assert_eq!(
            others_keys, own_keys,
            "{reader} received another member's secret ballot key"
        );
        let voted = records.contains_key(&format!("rules/voted/vote-wedding/{reader}"));
        assert_eq!(
            records.contains_key(&format!("rules/secret/{reader}/vote-wedding")),
            voted
        );
    }
}

async fn counting_the_closed_secret_vote_makes_charter_version_two(database: Database) {
    let (app, _) = TestApp::seeded_at(database, seeded_day()).await;
    let officer = join(&app, &demo_member(Role::Officer)).await;
    let early = push(
        &app,
        &officer,
        "c-off",
        1,
        "countVote",
        json!({"vote": "vote-waste"}),
    )
    .await;
    assert_eq!(early["rejected"], 1);
    let count = push(
        &app,
        &officer,
        "c-off",
        2,
        "countVote",
        json!({"vote": "vote-wedding"}),
    )
    .await;
    assert_eq!(count["applied"], 1);
    let (records, raw) = pull_all(&app, &officer, "g-off").await;
    assert_eq!(
        rejection_code(&records, &demo_member(Role::Officer), "c-off", 1).as_deref(),
        Some("vote_still_open")
    );
    let tally = &records["rules/result/vote-wedding"]["tally"];
    assert_eq!(tally["totals"], json!([20, 4, 0]));
    assert_eq!(
        tally["online"],
        Value::Null,
        "a secret vote publishes no online subtotal"
    );
    assert_eq!(tally["turnout"], 24);
    assert_eq!(records["rules/proposal/wedding-tables"]["stage"], "adopted");
    let version_two = &records["rules/charter/0002"];
    assert!(version_two["articles"][2]["text"]
        .as_str()
        .unwrap()
        .contains("10桌"));
    assert_eq!(version_two["articles"].as_array().unwrap().len(), 12);
    assert!(
        !raw.contains("rules/secret/"),
        "the officer cast no secret ballot and sees none"
    );
}

async fn officer_only_rules_mutations_are_refused_to_residents(database: Database) {
    let (app, _) = TestApp::seeded_at(database, seeded_day()).await;
    let resident = join(&app, &demo_member(Role::Resident)).await;
    let attempts = [
        (
            "recordMeeting",
            json!({"id": "f9", "date": "2026-11-20", "place": "x", "attendance": 3, "suggestions": [], "minutes": ""}),
        ),
        (
            "enterPaperTally",
            json!({"id": "t9", "vote": "vote-waste", "label": "x", "counts": [1, 0, 0], "voters": [villager_id(33)]}),
        ),
        ("countVote", json!({"vote": "vote-wedding"})),
        (
            "moveProposal",
            json!({"proposal": "square-lights", "to": "deliberating"}),
        ),
        (
            "hideComment",
            json!({"proposal": "straw-burning", "id": "c0", "reason": "x"}),
        ),
    ];
    for (index, (name, args)) in attempts.iter().enumerate() {
        push(&app, &resident, "c-res", index as u64 + 1, name, args.clone()).await;
    }
    let (records, _) = pull_all(&app, &resident, "g-res").await;
    for (index, (name, _)) in attempts.iter().enumerate() {
        let code = rejection_code(&records, &demo_member(Role::Resident), "c-res", index as u64 + 1);
        assert_eq!(code.as_deref(), Some("forbidden"), "{name}");
    }
}

on_both_backends!(
    the_demo_village_has_its_charter_a_proposal_at_each_stage_and_an_open_vote,
    a_second_ballot_replaces_the_first,
    late_outside_and_counted_ballots_are_refused,
    no_pull_reveals_another_members_secret_ballot,
    counting_the_closed_secret_vote_makes_charter_version_two,
    officer_only_rules_mutations_are_refused_to_residents,
);
