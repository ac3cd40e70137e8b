//! Identity over time, on both backends: invite codes the server makes and
//! keeps keyed, that expire and can be withdrawn; limits on guessing;
//! devices signed out by their member or the committee; roles raised and
//! lowered; members who leave; the audit log.

mod common;

use axum::http::StatusCode;
use common::{member_id, pull_all, push_one, rejection_code, TestApp, TestClock};
use linli_core::time::DAY_MS;
use linli_core::{Role, Timestamp};
use linli_server::Database;
use serde_json::{json, Value};

async fn pad_code(app: &TestApp, token: &str) -> String {
    app.pad_code(token).await
}

async fn join(app: &TestApp, code: &str) -> (StatusCode, Value) {
    app.post(
        "/api/v1/join",
        None,
        &json!({ "code": code, "deviceName": "测试手机" }),
    )
    .await
}

async fn pull_status(app: &TestApp, token: &str) -> (StatusCode, Value) {
    let body = json!({ "pullVersion": 1, "clientGroupID": format!("g-{}", &token[..8]), "cookie": null,
                       "profileID": "", "schemaVersion": "1" });
    app.post("/api/v1/pull", Some(token), &body).await
}

fn register(id: &str, name: &str, role: &str, code: &str) -> Value {
    json!({ "id": id, "name": name, "roles": [role], "inviteCode": code })
}

async fn seeded(database: Database) -> (TestApp, TestClock) {
    TestApp::seeded_at(database, common::now()).await
}

/// A code no server issued is refused in a registration; a pad code works,
/// joins once, and only for the member it was given to.
async fn only_codes_the_server_issued_join(database: Database) {
    let (app, _) = seeded(database).await;
    let officer = app.join_as(Role::Officer).await;
    let made_up = push_one(
        &app,
        &officer,
        "c-off",
        1,
        "registerMember",
        register("m-new", "新人", "resident", "222222222222"),
    )
    .await;
    assert_eq!(made_up["rejected"], 1, "a code the device chose itself");
    let code = pad_code(&app, &officer).await;
    let registered = push_one(
        &app,
        &officer,
        "c-off",
        2,
        "registerMember",
        register("m-new", "新人", "resident", &code),
    )
    .await;
    assert_eq!(registered["applied"], 1, "{registered}");
    let records = pull_all(&app, &officer, "g-c-off").await.0;
    assert_eq!(
        rejection_code(&records, &member_id(Role::Officer), "c-off", 1).as_deref(),
        Some("invalid_args")
    );
    let invite = &records["invite/m-new/first"];
    assert!(invite["expiresAt"].as_i64().unwrap() > common::now().millis() + 29 * DAY_MS);
    assert!(
        !records.values().any(|value| value.to_string().contains(&code)),
        "no record holds the code"
    );

    let (status, joined) = join(&app, &code).await;
    assert_eq!(status, StatusCode::OK, "{joined}");
    assert_eq!(joined["memberId"], "m-new");
    let (status, again) = join(&app, &code).await;
    assert_eq!(
        (status, again["error"].as_str()),
        (StatusCode::GONE, Some("InviteUsed"))
    );
    let used = pull_all(&app, &officer, "g-c-off").await.0;
    assert!(used["invite/m-new/first"]["usedAt"].is_number());
    assert_eq!(
        used.keys().filter(|key| key.starts_with("device/m-new/")).count(),
        1
    );

    // A resident's pad holds a few codes, for their own other devices only.
    let resident = app.join_as(Role::Resident).await;
    let (status, pad) = app
        .post("/api/v1/invites/pad", Some(&resident), &json!({"wanted": 20}))
        .await;
    assert_eq!(status, StatusCode::OK, "{pad}");
    let codes: Vec<String> = serde_json::from_value(pad["codes"].clone()).unwrap();
    assert_eq!(
        codes.len() as i64,
        linli_server::sync::identity::OWN_DEVICES_PAD_LIMIT
    );
    let for_someone_else = json!({"member": "m-new", "inviteId": "i9", "inviteCode": codes[0]});
    assert_eq!(
        push_one(&app, &resident, "c-res", 1, "inviteMember", for_someone_else).await["applied"],
        0
    );
    let link = json!({"inviteId": "phone-2", "inviteCode": codes[0]});
    assert_eq!(
        push_one(&app, &resident, "c-res", 2, "linkDevice", link).await["applied"],
        1
    );
    let (status, second) = join(&app, &codes[0]).await;
    assert_eq!(status, StatusCode::OK, "{second}");
    assert_eq!(second["memberId"], json!(member_id(Role::Resident)));
    // A code no linkDevice bound joins no one.
    let (status, unbound) = join(&app, &codes[1]).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{unbound}");
}

/// Codes expire (30 days unless the officer chose otherwise) and can be withdrawn.
async fn codes_expire_and_can_be_withdrawn(database: Database) {
    let (app, clock) = seeded(database).await;
    let officer = app.join_as(Role::Officer).await;
    let short = pad_code(&app, &officer).await;
    let mut args = register("m-short", "短期", "resident", &short);
    args["validDays"] = json!(2);
    assert_eq!(
        push_one(&app, &officer, "c-off", 1, "registerMember", args).await["applied"],
        1
    );
    let withdrawn = pad_code(&app, &officer).await;
    assert_eq!(
        push_one(
            &app,
            &officer,
            "c-off",
            2,
            "registerMember",
            register("m-gone", "作废", "resident", &withdrawn)
        )
        .await["applied"],
        1
    );
    let withdraw = json!({"member": "m-gone", "invite": "first"});
    assert_eq!(
        push_one(&app, &officer, "c-off", 3, "withdrawInvite", withdraw).await["applied"],
        1
    );
    let (status, body) = join(&app, &withdrawn).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::NOT_FOUND, Some("InviteNotFound"))
    );

    clock.set(Timestamp(common::now().millis() + 3 * DAY_MS));
    let (status, body) = join(&app, &short).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::GONE, Some("InviteExpired"))
    );
    // A new code for the same member.
    let fresh = pad_code(&app, &officer).await;
    let invite = json!({"member": "m-short", "inviteId": "second", "inviteCode": fresh});
    assert_eq!(
        push_one(&app, &officer, "c-off", 4, "inviteMember", invite).await["applied"],
        1
    );
    assert_eq!(join(&app, &fresh).await.0, StatusCode::OK);
}

/// What the database keeps is useless without the server's key.
async fn a_database_copy_without_the_key_lets_nobody_in(database: Database) {
    let (app, _) = seeded(database.clone()).await;
    let officer = app.join_as(Role::Officer).await;
    let code = pad_code(&app, &officer).await;
    let sql = "SELECT code_hash FROM invites UNION ALL SELECT token_hash FROM tokens";
    let hashes: Vec<String> = match &database {
        Database::Sqlite(pool, _) => sqlx::query_scalar(sql).fetch_all(pool).await.unwrap(),
        Database::Postgres(pool) => sqlx::query_scalar(sql).fetch_all(pool).await.unwrap(),
    };
    assert!(
        !hashes.contains(&linli_server::secrets::legacy_hash(&code)),
        "no unkeyed hash"
    );
    assert!(hashes.contains(&app.key.hash(&code)));
    assert!(
        !hashes.iter().any(|hash| hash.contains(&officer)),
        "no token in the clear"
    );
    // Another server over the same data with another key knows no token.
    let other = TestApp::new(database).await;
    let (status, body) = pull_status(&other, &officer).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::UNAUTHORIZED, Some("Unauthorized"))
    );
}

/// Guessing is limited per address and in all; syncing per device.
async fn guessing_and_flooding_get_429_with_retry_after(database: Database) {
    let app = TestApp::new(database).await;
    let mut limited = None;
    for n in 0..40 {
        let (status, body) = join(&app, &format!("GUESS{n:07}")).await;
        if status == StatusCode::TOO_MANY_REQUESTS {
            limited = Some((n, body));
            break;
        }
        assert_eq!(status, StatusCode::NOT_FOUND);
    }
    let (tries, body) = limited.expect("the limit is reached");
    assert_eq!(tries, linli_server::http::limits::JOIN_PER_ADDRESS.burst as i32);
    assert_eq!(body["error"], "TooManyRequests");
    assert!(body["retryAfter"].as_u64().unwrap() >= 1);
    let response = app.get("/api/v1/health").await;
    assert_eq!(
        response.status(),
        StatusCode::OK,
        "other endpoints are not limited"
    );
}

/// A member signs out another of their devices; an officer all of a member's.
async fn signed_out_devices_are_refused_and_keep_their_state(database: Database) {
    let (app, _) = seeded(database).await;
    let officer = app.join_as(Role::Officer).await;
    let code_a = pad_code(&app, &officer).await;
    push_one(
        &app,
        &officer,
        "c-off",
        1,
        "registerMember",
        register("m-two", "两台", "resident", &code_a),
    )
    .await;
    let (_, a) = join(&app, &code_a).await;
    let token_a = a["token"].as_str().unwrap().to_owned();
    let code_b = pad_code(&app, &officer).await;
    let invite = json!({"member": "m-two", "inviteId": "phone-b", "inviteCode": code_b});
    assert_eq!(
        push_one(&app, &officer, "c-off", 2, "inviteMember", invite).await["applied"],
        1
    );
    let (_, b) = join(&app, &code_b).await;
    let token_b = b["token"].as_str().unwrap().to_owned();
    let device_b = b["deviceId"].as_str().unwrap().to_owned();

    let records = pull_all(&app, &token_a, "g-a").await.0;
    assert_eq!(
        records
            .keys()
            .filter(|key| key.starts_with("device/m-two/"))
            .count(),
        2,
        "the member sees both"
    );
    let sign_out = json!({"member": "m-two", "device": device_b});
    assert_eq!(
        push_one(&app, &token_a, "c-a", 1, "signOutDevice", sign_out).await["applied"],
        1
    );
    let (status, body) = pull_status(&app, &token_b).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::UNAUTHORIZED, Some("SignedOut"))
    );
    assert_eq!(pull_status(&app, &token_a).await.0, StatusCode::OK);
    let records = pull_all(&app, &token_a, "g-a").await.0;
    assert!(records[&format!("device/m-two/{device_b}")]["signedOutAt"].is_number());

    // A lost phone: the officer signs out all of the member's devices.
    assert_eq!(
        push_one(
            &app,
            &officer,
            "c-off",
            3,
            "signOutMember",
            json!({"member": "m-two"})
        )
        .await["applied"],
        1
    );
    assert_eq!(pull_status(&app, &token_a).await.1["error"], "SignedOut");
    // Another resident may sign out nobody's device but their own.
    let resident = app.join_as(Role::Resident).await;
    let theirs = json!({"member": member_id(Role::Officer), "device": "d-x"});
    assert_eq!(
        push_one(&app, &resident, "c-r", 1, "signOutDevice", theirs).await["rejected"],
        1
    );
}

/// Roles go up and down within the registering rules, and a member who left
/// keeps their records but no device and no way back in.
async fn roles_change_and_members_leave(database: Database) {
    let (app, _) = seeded(database).await;
    let officer = app.join_as(Role::Officer).await;
    let admin = app.join_as(Role::Admin).await;
    let worker = app.join_as(Role::GridWorker).await;
    let worker_id = member_id(Role::GridWorker);
    let raise = json!({"member": worker_id, "roles": ["grid_worker", "officer"]});
    assert_eq!(
        push_one(&app, &officer, "c-off", 1, "setMemberRoles", raise.clone()).await["rejected"],
        1,
        "an officer makes no officer"
    );
    assert_eq!(
        push_one(&app, &admin, "c-adm", 1, "setMemberRoles", raise).await["applied"],
        1
    );
    let records = pull_all(&app, &worker, "g-w").await.0;
    assert_eq!(
        records[&format!("member/{worker_id}")]["roles"],
        json!(["grid_worker", "officer"])
    );
    let lower = json!({"member": worker_id, "roles": ["resident"]});
    assert_eq!(
        push_one(&app, &officer, "c-off", 2, "setMemberRoles", lower.clone()).await["rejected"],
        1,
        "nor unmakes one"
    );
    assert_eq!(
        push_one(&app, &admin, "c-adm", 2, "setMemberRoles", lower).await["applied"],
        1
    );
    // The server reads roles on every request: the lowered member may no longer post.
    let post = json!({"id": "n-after", "title": "通知", "body": ""});
    assert_eq!(
        push_one(&app, &worker, "c-w", 1, "postNotice", post).await["rejected"],
        1
    );

    // The last admin stays.
    let admin_id = member_id(Role::Admin);
    let demote = json!({"member": admin_id, "roles": ["resident"]});
    assert_eq!(
        push_one(&app, &admin, "c-adm", 3, "setMemberRoles", demote).await["rejected"],
        1
    );
    let records = pull_all(&app, &admin, "g-adm").await.0;
    assert_eq!(
        rejection_code(&records, &admin_id, "c-adm", 3).as_deref(),
        Some("last_admin")
    );

    // The resident leaves: devices out, records kept, no joining again.
    let resident = app.join_as(Role::Resident).await;
    let resident_id = member_id(Role::Resident);
    let spare = pad_code(&app, &officer).await;
    let invite = json!({"member": resident_id, "inviteId": "spare", "inviteCode": spare});
    assert_eq!(
        push_one(&app, &officer, "c-off", 3, "inviteMember", invite).await["applied"],
        1
    );
    assert_eq!(
        push_one(
            &app,
            &officer,
            "c-off",
            4,
            "deactivateMember",
            json!({"member": resident_id})
        )
        .await["applied"],
        1
    );
    assert_eq!(pull_status(&app, &resident).await.1["error"], "SignedOut");
    let (status, body) = join(&app, &spare).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::NOT_FOUND, Some("InviteNotFound")),
        "withdrawn when they left"
    );
    let records = pull_all(&app, &officer, "g-c-off").await.0;
    assert_eq!(records[&format!("member/{resident_id}")]["active"], false);
    assert!(
        records
            .keys()
            .any(|key| key.starts_with(&format!("canteen/order/{resident_id}/"))),
        "their orders stay"
    );
}

/// Every processed mutation is in the log, with who, which device and what
/// came of it, and never a ballot's choice or an invite code; officers read
/// it, filtered; residents do not.
async fn the_audit_log_records_every_change_without_secrets(database: Database) {
    let (app, _) = seeded(database).await;
    let officer = app.join_as(Role::Officer).await;
    let code = pad_code(&app, &officer).await;
    push_one(
        &app,
        &officer,
        "c-off",
        1,
        "registerMember",
        register("m-log", "记录", "resident", &code),
    )
    .await;
    push_one(
        &app,
        &officer,
        "c-off",
        2,
        "postNotice",
        json!({"id": "n-log", "title": "停水", "body": ""}),
    )
    .await;
    push_one(
        &app,
        &officer,
        "c-off",
        3,
        "editNotice",
        json!({"id": "n-none", "title": "x", "body": ""}),
    )
    .await;
    let (status, page) = app
        .get_json(
            "/api/v1/audit?member=".to_owned() + &member_id(Role::Officer),
            &officer,
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{page}");
    let entries = page["entries"].as_array().unwrap();
    let names: Vec<&str> = entries
        .iter()
        .map(|entry| entry["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        &names[..4],
        ["editNotice", "postNotice", "registerMember", "join"],
        "newest first"
    );
    assert_eq!(entries[0]["outcome"], "not_found");
    assert_eq!(entries[1]["outcome"], "applied");
    assert!(!entries[2]["args"].as_str().unwrap().contains("inviteCode"));
    assert!(!page.to_string().contains(&code));
    assert!(entries.iter().all(|entry| entry["deviceId"]
        .as_str()
        .is_some_and(|device| device.starts_with("d-"))));
    let (_, notices) = app
        .get_json("/api/v1/audit?module=notices".to_owned(), &officer)
        .await;
    assert!(notices["entries"]
        .as_array()
        .unwrap()
        .iter()
        .all(|entry| entry["module"] == "notices"));

    let resident = app.join_as(Role::Resident).await;
    assert_eq!(
        app.get_json("/api/v1/audit".to_owned(), &resident).await.0,
        StatusCode::FORBIDDEN
    );
}

/// Every kind of demo member joins with the code the README's derivation
/// gives, also those registered for the demo's history, long before now.
async fn every_kind_of_demo_member_joins(database: Database) {
    let (app, _) = seeded(database).await;
    for member in [
        linli_server::demo::rules::villager_id(0),
        linli_server::demo::volunteers::party_member_id(0),
        linli_server::demo::volunteers::daqinglu_resident_id(1),
        linli_server::demo::volunteers::grid_worker_id("xiyue", 2),
    ] {
        let code = linli_server::secrets::demo_invite_code(&member);
        let (status, body) = join(&app, &code).await;
        assert_eq!(status, StatusCode::OK, "{member}: {body}");
        assert_eq!(body["memberId"], member.as_str());
    }
}

/// Each member's device is told its own community's name, for the screens
/// to name the place (never another community's).
async fn the_join_answer_names_the_members_own_community(database: Database) {
    let (app, _) = seeded(database).await;
    for community in &linli_server::db::DEMO_COMMUNITIES {
        let member = community.member_id(Role::Volunteer);
        let (status, body) = join(&app, &linli_server::secrets::demo_invite_code(&member)).await;
        assert_eq!(status, StatusCode::OK, "{member}: {body}");
        assert_eq!(
            body["communityName"],
            json!({
                "zh": format!("{}{}", community.district_zh, community.name_zh),
                "en": format!("{}, {}", community.name_en, community.district_en),
            })
        );
    }
}

/// The admin command is the way into an empty community.
async fn the_admin_command_lets_the_first_administrator_in(database: Database) {
    let app = TestApp::new(database.clone()).await;
    assert!(database
        .create_community("new-village", "新村", "New village")
        .await
        .unwrap());
    let (member, code) = linli_server::add_admin(&database, &app.key, "new-village", "村支书", 30)
        .await
        .unwrap();
    let (status, joined) = join(&app, &code).await;
    assert_eq!(status, StatusCode::OK, "{joined}");
    assert_eq!(joined["memberId"], member.as_str());
    assert_eq!(joined["roles"], json!(["admin"]));
}

on_both_backends!(
    only_codes_the_server_issued_join,
    codes_expire_and_can_be_withdrawn,
    a_database_copy_without_the_key_lets_nobody_in,
    guessing_and_flooding_get_429_with_retry_after,
    signed_out_devices_are_refused_and_keep_their_state,
    roles_change_and_members_leave,
    the_audit_log_records_every_change_without_secrets,
    the_admin_command_lets_the_first_administrator_in,
    every_kind_of_demo_member_joins,
    the_join_answer_names_the_members_own_community,
);
