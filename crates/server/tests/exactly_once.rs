//! Exactly once under concurrency: the same push (same client, same
//! mutation ids) arriving several times at the same moment, as a client
//! retrying after a timeout sends it, is applied once, whether the copies
//! race through one server or through two server instances over one
//! database. A second application would show: the notice it posts exists
//! already, so it would be refused and leave a rejection record.

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::http::{Request, StatusCode};
use axum::Router;
use common::TestApp;
use http_body_util::BodyExt;
use linli_core::Role;
use linli_server::{app, AppState, Database};
use serde_json::{json, Value};
use tower::ServiceExt;

/// Copies of each push sent at once, and rounds of it.
const COPIES: usize = 4;
const ROUNDS: usize = 40;

async fn post(router: &Router, token: &str, body: &Value) -> (StatusCode, Value) {
    let request = Request::post("/api/v1/push")
        .header("content-type", "application/json")
        .header("authorization", format!("Bearer {token}"))
        .body(Body::from(body.to_string()))
        .unwrap();
    let response = router.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (status, serde_json::from_slice(&bytes).unwrap_or(Value::Null))
}

/// A push of `count` notices from a fresh client, numbered from `first`.
fn push_body(round: usize, first: u64, count: u64) -> Value {
    let mutations: Vec<Value> = (first..first + count)
        .map(|id| {
            json!({ "clientID": format!("race-c{round}"), "id": id, "name": "postNotice", "timestamp": 0,
                    "args": { "id": format!("race-{round}-{id}"), "title": format!("通知{id}"), "body": "" } })
        })
        .collect();
    json!({ "pushVersion": 1, "clientGroupID": format!("race-g{round}"), "profileID": "",
            "schemaVersion": "1", "mutations": mutations })
}

/// Sends `COPIES` copies of each round's pushes at once, spread over
/// `routers`, and checks that each mutation was applied exactly once.
async fn race(routers: &[Router], token: &str) {
    for round in 0..ROUNDS {
        // Two overlapping batches: 1–3, and 1–5 (a retry that grew).
        let bodies = [push_body(round, 1, 3), push_body(round, 1, 5)];
        let sends = (0..COPIES).map(|copy| {
            let router = &routers[copy % routers.len()];
            let body = &bodies[copy % bodies.len()];
            post(router, token, body)
        });
        let answers = futures::future::join_all(sends).await;
        let mut applied = 0;
        for (status, answer) in &answers {
            // A push may be told to come back (the database was busy); none
            // may fail otherwise.
            assert!(
                *status == StatusCode::OK || *status == StatusCode::SERVICE_UNAVAILABLE,
                "{status}: {answer}"
            );
            assert_eq!(
                answer["rejected"].as_u64().unwrap_or(0),
                0,
                "applied twice: {answer}"
            );
            applied += answer["applied"].as_u64().unwrap_or(0);
        }
        // Whatever was not applied in the race comes with the next retry.
        let (status, retry) = post(&routers[0], token, &bodies[1]).await;
        assert_eq!(status, StatusCode::OK, "{retry}");
        assert_eq!(retry["rejected"], 0, "{retry}");
        applied += retry["applied"].as_u64().unwrap_or(0);
        assert_eq!(applied, 5, "round {round}: each of the five mutations once");
    }
}

async fn officer_token(app: &TestApp) -> String {
    app.join_as(Role::Officer).await
}

/// A second server over `database`, sharing `app`'s key as a district's
/// instances share theirs.
fn router_over(database: Database, app_: &TestApp) -> Router {
    let mut state = AppState::new(database, app_.dirs.path().to_path_buf());
    state.key = app_.key.clone();
    state.limits = std::sync::Arc::new(linli_server::http::limits::Limits::unlimited());
    app(state)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn duplicate_pushes_racing_through_one_sqlite_server_apply_once() {
    let app = TestApp::seeded_unlimited(common::sqlite_database().await).await;
    let token = officer_token(&app).await;
    race(std::slice::from_ref(&app.router), &token).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn duplicate_pushes_racing_through_two_servers_over_one_sqlite_file_apply_once() {
    let (url, dir) = common::sqlite_database_url();
    let app = TestApp::seeded_unlimited(Database::connect(&url, &dir).await.unwrap()).await;
    let token = officer_token(&app).await;
    let second = router_over(Database::connect(&url, &dir).await.unwrap(), &app);
    race(&[app.router.clone(), second], &token).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn duplicate_pushes_racing_through_one_postgres_server_apply_once() {
    let app = TestApp::seeded_unlimited(common::postgres_database().await).await;
    let token = officer_token(&app).await;
    race(std::slice::from_ref(&app.router), &token).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn duplicate_pushes_racing_through_two_servers_over_one_postgres_apply_once() {
    let url = common::postgres_database_url().await;
    let here = Path::new(".");
    let app = TestApp::seeded_unlimited(Database::connect(&url, here).await.unwrap()).await;
    let token = officer_token(&app).await;
    let second = router_over(Database::connect(&url, here).await.unwrap(), &app);
    race(&[app.router.clone(), second], &token).await;
}

async fn pull(router: &Router, token: &str, group: &str, cookie: &Value) -> Value {
    let body = json!({ "pullVersion": 1, "clientGroupID": group, "cookie": cookie,
                       "profileID": "", "schemaVersion": "1" });
    let request = Request::post("/api/v1/pull")
        .header("content-type", "application/json")
        .header("authorization", format!("Bearer {token}"))
        .body(Body::from(body.to_string()))
        .unwrap();
    let response = router.clone().oneshot(request).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    serde_json::from_slice(&bytes).unwrap()
}

/// While one task pushes a client's notices one by one, another pulls for
/// the same client group: every page's `lastMutationIDChanges` matches its
/// patch exactly, never confirming a mutation whose record it lacks (the
/// client would drop it from its outbox and lose it from view) nor sending
/// a record of a mutation it does not confirm.
async fn a_pull_confirms_exactly_what_its_patch_holds(routers: Vec<Router>, token: String) {
    const NOTICES: u64 = 60;
    let writer = {
        let (router, token) = (routers[0].clone(), token.clone());
        tokio::spawn(async move {
            for id in 1..=NOTICES {
                let mut body = push_body(0, id, 1);
                body["clientGroupID"] = json!("snap-g");
                body["mutations"][0]["clientID"] = json!("snap-c");
                let (status, answer) = post(&router, &token, &body).await;
                assert_eq!(status, StatusCode::OK, "{answer}");
            }
        })
    };
    let mut seen = std::collections::BTreeSet::new();
    let mut cookie = Value::Null;
    let mut confirmed = 0;
    let mut pulls = 0;
    let deadline = Instant::now() + Duration::from_secs(60);
    while confirmed < NOTICES {
        if writer.is_finished() || Instant::now() > deadline {
            break;
        }
        let router = &routers[pulls % routers.len()];
        pulls += 1;
        let page = pull(router, &token, "snap-g", &cookie).await;
        for op in page["patch"].as_array().unwrap() {
            if let Some(key) = op["key"]
                .as_str()
                .and_then(|key| key.strip_prefix("notice/race-0-"))
            {
                seen.insert(key.parse::<u64>().unwrap());
            }
        }
        if let Some(last) = page["lastMutationIDChanges"]["snap-c"].as_u64() {
            confirmed = last;
        }
        let expected: std::collections::BTreeSet<u64> = (1..=confirmed).collect();
        assert_eq!(seen, expected, "after pull {pulls}, confirmed up to {confirmed}");
        cookie = page["cookie"].clone();
    }
    // A push the writer saw refused ends it early, with its reason.
    writer.await.unwrap();
    while confirmed < NOTICES {
        assert!(
            Instant::now() < deadline,
            "the pushes were confirmed within a minute"
        );
        let page = pull(&routers[0], &token, "snap-g", &cookie).await;
        for op in page["patch"].as_array().unwrap() {
            if let Some(key) = op["key"]
                .as_str()
                .and_then(|key| key.strip_prefix("notice/race-0-"))
            {
                seen.insert(key.parse::<u64>().unwrap());
            }
        }
        if let Some(last) = page["lastMutationIDChanges"]["snap-c"].as_u64() {
            confirmed = last;
        }
        let expected: std::collections::BTreeSet<u64> = (1..=confirmed).collect();
        assert_eq!(seen, expected, "confirmed up to {confirmed}");
        cookie = page["cookie"].clone();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sqlite_pulls_confirm_exactly_what_their_patches_hold() {
    let app = TestApp::seeded_unlimited(common::sqlite_database().await).await;
    let token = officer_token(&app).await;
    a_pull_confirms_exactly_what_its_patch_holds(vec![app.router.clone()], token).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn postgres_pulls_through_two_servers_confirm_exactly_what_their_patches_hold() {
    let url = common::postgres_database_url().await;
    let here = Path::new(".");
    let app = TestApp::seeded_unlimited(Database::connect(&url, here).await.unwrap()).await;
    let token = officer_token(&app).await;
    let second = router_over(Database::connect(&url, here).await.unwrap(), &app);
    a_pull_confirms_exactly_what_its_patch_holds(vec![app.router.clone(), second], token).await;
}
