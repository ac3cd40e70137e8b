//! Bad input is a clear answer, never a 5xx and never a jammed queue: the
//! cases found by trying the landed build as an adversary would, on both
//! backends. (The fuzz harness, tests/fuzz.rs, looks for more.)

mod common;

use axum::http::StatusCode;
use common::{pull_all, rejection_code, TestApp};
use linli_core::Role;
use linli_server::Database;
use serde_json::{json, Value};

fn push_body(client: &str, mutations: Vec<(u64, &str, Value)>) -> Value {
    let mutations: Vec<Value> = mutations
        .into_iter()
        .map(|(id, name, args)| json!({ "clientID": client, "id": id, "name": name, "args": args, "timestamp": 0 }))
        .collect();
    json!({ "pushVersion": 1, "clientGroupID": format!("g-{client}"), "profileID": "",
            "schemaVersion": "1", "mutations": mutations })
}

/// A NUL in an argument (which PostgreSQL text cannot hold) is refused as
/// `invalid_args`, and the next mutation is applied: the queue moves on.
async fn a_nul_in_an_argument_is_refused_and_the_queue_moves_on(database: Database) {
    let app = TestApp::seeded(database).await;
    let officer = app.join_as(Role::Officer).await;
    let body = push_body(
        "c-nul",
        vec![
            (1, "castBallot", json!({"vote": "v\u{0}1", "choice": 0})),
            (
                2,
                "postNotice",
                json!({"id": "n-nul", "title": "停\u{0}水", "body": ""}),
            ),
            (
                3,
                "postNotice",
                json!({"id": "n-after", "title": "周三停水", "body": ""}),
            ),
        ],
    );
    let (status, answer) = app.post("/api/v1/push", Some(&officer), &body).await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    assert_eq!(
        (answer["rejected"].as_u64(), answer["applied"].as_u64()),
        (Some(2), Some(1)),
        "{answer}"
    );
    let records = pull_all(&app, &officer, "g-c-nul").await.0;
    let member = common::member_id(Role::Officer);
    assert_eq!(
        rejection_code(&records, &member, "c-nul", 1).as_deref(),
        Some("invalid_args")
    );
    assert_eq!(
        rejection_code(&records, &member, "c-nul", 2).as_deref(),
        Some("invalid_args")
    );
    assert!(records.contains_key("notice/n-after"));
}

/// Times outside a village's life, such as an activity starting at
/// i64::MIN, are refused before any arithmetic runs on them.
async fn times_out_of_range_are_refused(database: Database) {
    let app = TestApp::seeded(database).await;
    let officer = app.join_as(Role::Officer).await;
    let activity = json!({"id": "a-min", "title": "扫雪", "startsAt": i64::MIN, "endsAt": 10,
                          "place": "小区", "slots": 10, "skills": [], "grid": null});
    let body = push_body("c-time", vec![(1, "postActivity", activity)]);
    let (status, answer) = app.post("/api/v1/push", Some(&officer), &body).await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    assert_eq!(answer["rejected"], 1);
    let records = pull_all(&app, &officer, "g-c-time").await.0;
    assert!(!records.contains_key("vol/activity/a-min"));
}

/// A cookie from no server this could be is `ClientStateNotFound`, not a patch.
async fn a_cookie_past_i64_is_client_state_not_found(database: Database) {
    let app = TestApp::seeded(database).await;
    let resident = app.join_as(Role::Resident).await;
    let first = json!({ "pullVersion": 1, "clientGroupID": "g-cookie", "cookie": null,
                        "profileID": "", "schemaVersion": "1" });
    let (status, _) = app.post("/api/v1/pull", Some(&resident), &first).await;
    assert_eq!(status, StatusCode::OK);
    for order in [json!(u64::MAX), json!(9_223_372_036_854_775_808_u64)] {
        let body = json!({ "pullVersion": 1, "clientGroupID": "g-cookie", "cookie": {"order": order},
                           "profileID": "", "schemaVersion": "1" });
        let (status, answer) = app.post("/api/v1/pull", Some(&resident), &body).await;
        assert_eq!(status, StatusCode::OK, "{answer}");
        assert_eq!(answer, json!({"error": "ClientStateNotFound"}), "{order}");
    }
}

/// Every error under /api/ has the JSON shape, a wrong method included.
async fn every_api_error_is_json(database: Database) {
    let app = TestApp::seeded(database).await;
    let response = app.get("/api/v1/push").await;
    assert_eq!(response.status(), StatusCode::METHOD_NOT_ALLOWED);
    let body = common::body_json(response).await;
    assert_eq!(body["error"], "MethodNotAllowed");
    let (status, body) = app.post_raw("/api/v1/push", None, "{".into()).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        serde_json::from_str::<Value>(&body).unwrap()["error"],
        "Unauthorized"
    );
    let officer = app.join_as(Role::Officer).await;
    let (status, body) = app
        .post_raw("/api/v1/push", Some(&officer), "{\"pushVersion\": 1".into())
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        serde_json::from_str::<Value>(&body).unwrap()["error"],
        "BadRequest"
    );
}

on_both_backends!(
    a_nul_in_an_argument_is_refused_and_the_queue_moves_on,
    times_out_of_range_are_refused,
    a_cookie_past_i64_is_client_state_not_found,
    every_api_error_is_json,
);
