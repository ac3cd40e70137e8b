//! The storage layer on both backends: migrations, seeding, health.

mod common;

use axum::http::StatusCode;
use common::{body_json, TestApp};
use linli_core::Timestamp;
use linli_server::db::DEMO_COMMUNITIES;
use linli_server::Database;

async fn health_names_the_backend_and_version(database: Database) {
    let backend = database.backend();
    let app = TestApp::new(database).await;
    let response = app.get("/api/v1/health").await;
    assert_eq!(response.status(), StatusCode::OK);
    let health = body_json(response).await;
    assert_eq!(health["status"], "ok");
    assert_eq!(health["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(health["api_version"], 1);
    assert_eq!(health["storage"], backend.as_str());
}

async fn migrations_can_run_again_on_every_start(database: Database) {
    database.migrate().await.expect("first run");
    database
        .migrate()
        .await
        .expect("second run changes nothing and does not fail");
    assert!(database.community_ids().await.unwrap().is_empty());
}

async fn seeding_adds_the_demo_communities_once(database: Database) {
    database.migrate().await.unwrap();
    let first = linli_server::demo::seed(
        &database,
        &linli_server::secrets::ServerKey::random(),
        Timestamp(0),
    )
    .await
    .unwrap();
    assert_eq!(first.communities, DEMO_COMMUNITIES.len() as u64);
    assert_eq!(
        first.members,
        (DEMO_COMMUNITIES.len() * linli_core::Role::ALL.len()) as u64,
        "a member for each role"
    );
    let again = linli_server::demo::seed(
        &database,
        &linli_server::secrets::ServerKey::random(),
        Timestamp(0),
    )
    .await
    .unwrap();
    assert_eq!(again, Default::default(), "a second start adds nothing");
    let mut expected: Vec<&str> = DEMO_COMMUNITIES.iter().map(|c| c.id).collect();
    expected.sort_unstable();
    assert_eq!(database.community_ids().await.unwrap(), expected);
}

on_both_backends!(
    health_names_the_backend_and_version,
    migrations_can_run_again_on_every_start,
    seeding_adds_the_demo_communities_once,
);

#[tokio::test]
async fn a_postgres_url_connects_to_postgres() {
    let url = std::env::var("LINLI_TEST_POSTGRES_URL").expect("run through ./dev.sh test");
    let database = Database::connect(&url, std::path::Path::new(".")).await.unwrap();
    assert_eq!(database.backend().as_str(), "postgres");
    database.ping().await.expect("PostgreSQL answers");
}

#[tokio::test]
async fn an_unknown_database_scheme_is_refused_with_a_message() {
    let err = Database::connect("mysql://localhost/linli", std::path::Path::new("."))
        .await
        .unwrap_err();
    assert!(
        err.to_string().contains("expected sqlite://… or postgres://…"),
        "{err}"
    );
}

#[tokio::test]
async fn an_unreachable_postgres_fails_at_start_not_later() {
    // Port 1 on loopback: nothing listens, so the connection is refused at once.
    let result = Database::connect("postgres://linli@127.0.0.1:1/linli", std::path::Path::new(".")).await;
    assert!(result.is_err());
}
