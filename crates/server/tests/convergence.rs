//! The sync engine's central promise, as a property: several clients make
//! random changes offline while pushes are dropped, duplicated, replayed
//! late and sent twice at once through two server instances, and pulls come
//! at random; in the end every client holds exactly what
//! the server holds for its member, no acknowledged mutation is lost and none
//! is applied twice.
//!
//! The clients are the core's `Replica` (the code the browser runs); the
//! server is the real router over SQLite, and over PostgreSQL. Cases:
//! `LINLI_CONVERGENCE_CASES` (default 2000 on SQLite, 1000 on PostgreSQL).

mod common;

use std::collections::{BTreeMap, BTreeSet};

use axum::body::Body;
use axum::http::{Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use linli_core::keys::may_read;
use linli_core::members::MembersMutation;
use linli_core::members::{RegisterMember, UpdateProfile};
use linli_core::notices::NoticesMutation;
use linli_core::notices::{AcknowledgeNotice, DeleteNotice, EditNotice, Notice, PostNotice};
use linli_core::protocol::{PullResponse, PushRequest};
use linli_core::replica::Replica;
use linli_core::{Actor, Mutation, Role, Timestamp};
use linli_server::db::Session;
use linli_server::{app, AppState, Database};
use proptest::prelude::*;
use serde_json::Value;
use tower::ServiceExt;

/// What a client can do next.
#[derive(Clone, Debug)]
enum Op {
    /// Make a change of `kind` offline; `pick` chooses which own notice.
    Mutate { client: usize, kind: u8, pick: usize },
    /// Push everything pending, with a fault of the network.
    Push { client: usize, fault: Fault },
    /// Pull one page; maybe lose the answer.
    Pull { client: usize, lose_answer: bool },
    /// Close and reopen the app: the replica is rebuilt from what it stored.
    Reload { client: usize },
}

#[derive(Clone, Copy, Debug)]
enum Fault {
    None,
    /// The request never reaches the server.
    LoseRequest,
    /// The server applies it, the answer is lost: the client will send it again.
    LoseAnswer,
    /// The same push arrives twice.
    Duplicate,
    /// A push captured earlier arrives now, out of order.
    ReplayOld,
    /// The same push twice at the same moment, through two server
    /// instances over the same database (a retry racing the original).
    Concurrent,
}

fn op(clients: usize) -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (0..clients, 0u8..5, any::<usize>()).prop_map(|(client, kind, pick)| Op::Mutate { client, kind, pick }),
        2 => (0..clients, prop_oneof![Just(Fault::None), Just(Fault::LoseRequest), Just(Fault::LoseAnswer),
                                      Just(Fault::Duplicate), Just(Fault::ReplayOld), Just(Fault::Concurrent)])
            .prop_map(|(client, fault)| Op::Push { client, fault }),
        2 => (0..clients, any::<bool>()).prop_map(|(client, lose_answer)| Op::Pull { client, lose_answer }),
        1 => (0..clients).prop_map(|client| Op::Reload { client }),
    ]
}

fn scenario() -> impl Strategy<Value = (usize, Vec<Op>)> {
    (2usize..=4).prop_flat_map(|clients| (Just(clients), prop::collection::vec(op(clients), 1..40)))
}

/// One simulated device.
struct Client {
    replica: Replica,
    token: String,
    /// Every mutation this client made, in order: the model of what the server must end up with.
    log: Vec<Mutation>,
    sent_pushes: Vec<PushRequest>,
    notices_posted: usize,
}

async fn call(router: &Router, path: &str, token: &str, body: String) -> Value {
    let request = Request::post(path)
        .header("content-type", "application/json")
        .header("authorization", format!("Bearer {token}"))
        .body(Body::from(body))
        .unwrap();
    let response = router.clone().oneshot(request).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    serde_json::from_slice(&bytes).unwrap()
}

async fn push(router: &Router, client: &Client, request: &PushRequest) {
    let response = call(
        router,
        "/api/v1/push",
        &client.token,
        serde_json::to_string(request).unwrap(),
    )
    .await;
    assert_eq!(
        response["rejected"], 0,
        "no mutation in this scenario may be refused: {response}"
    );
}

async fn pull_page(router: &Router, client: &Client) -> PullResponse {
    let body = serde_json::to_string(&client.replica.pull_request()).unwrap();
    serde_json::from_value(call(router, "/api/v1/pull", &client.token, body).await).unwrap()
}

/// A new change for `client`, chosen among what makes sense on its view. It
/// only ever touches its own notices and profile, so clients never conflict
/// and the server must accept every change.
fn next_mutation(client: &mut Client, index: usize, kind: u8, pick: usize) -> Option<Mutation> {
    let me = client.replica.actor.member.clone();
    let own: Vec<Notice> = client
        .replica
        .view()
        .iter()
        .filter(|(key, _)| key.starts_with("notice/"))
        .filter_map(|(_, value)| serde_json::from_value::<Notice>(value.clone()).ok())
        .filter(|notice| notice.author == me)
        .collect();
    let chosen = (!own.is_empty()).then(|| own[pick % own.len()].id.clone());
    Some(match (kind, chosen) {
        (0, _) | (_, None) if kind != 4 => {
            client.notices_posted += 1;
            Mutation::Notices(NoticesMutation::PostNotice(PostNotice {
                id: format!("c{index}-n{}", client.notices_posted).parse().ok()?,
                title: format!("通知 {index}.{}", client.notices_posted),
                body: "内容".into(),
            }))
        }
        (1, Some(id)) => Mutation::Notices(NoticesMutation::EditNotice(EditNotice {
            id,
            title: format!("改 {pick}"),
            body: format!("正文 {pick}"),
        })),
        (2, Some(id)) => Mutation::Notices(NoticesMutation::DeleteNotice(DeleteNotice { id })),
        (3, Some(id)) => Mutation::Notices(NoticesMutation::AcknowledgeNotice(AcknowledgeNotice { id })),
        _ => Mutation::Members(MembersMutation::UpdateProfile(UpdateProfile {
            name: format!("名字{pick}"),
        })),
    })
}

async fn run_scenario(database: &Database, second: &Database, case: u64, clients: usize, ops: Vec<Op>) {
    let community = format!("case-{case}");
    database
        .create_community(&community, "测试社区", "Test")
        .await
        .unwrap();
    let mut state = AppState::new(database.clone(), std::env::temp_dir());
    state.pull_page_size = 5; // small pages, so paging and resuming are exercised
    let key = state.key.clone();
    let router = app(state);
    // A second server instance over the same database, with its own pool
    // and the same key (as a district's instances share it).
    let mut second_state = AppState::new(second.clone(), std::env::temp_dir());
    second_state.pull_page_size = 5;
    second_state.key = key.clone();
    let second_router = app(second_state);

    // Register one member per client (officers and grid workers may post) and join.
    let admin = Session {
        community: community.clone(),
        actor: Actor::new("case-admin".parse().unwrap(), [Role::Admin]),
        device: String::new(),
    };
    let mut devices = Vec::new();
    for index in 0..clients {
        let role = if index % 2 == 0 {
            Role::Officer
        } else {
            Role::GridWorker
        };
        let id = format!("m{index}");
        let code = format!("CASE{:08}", case * 10 + index as u64)
            .replace('0', "Z")
            .replace('1', "Y");
        let register = Mutation::Members(MembersMutation::RegisterMember(RegisterMember {
            id: id.parse().unwrap(),
            name: format!("成员{index}"),
            roles: vec![role],
            invite_code: code.clone(),
            invite_id: None,
            valid_days: None,
        }));
        let outcome =
            linli_server::sync::apply_directly(database, &key, &admin, &register, common::now()).await;
        assert_eq!(outcome.unwrap(), Ok(()), "register m{index}");
        let joined = {
            let request = Request::post("/api/v1/join")
                .header("content-type", "application/json")
                .body(Body::from(serde_json::json!({ "code": code }).to_string()))
                .unwrap();
            let response = router.clone().oneshot(request).await.unwrap();
            let bytes = response.into_body().collect().await.unwrap().to_bytes();
            serde_json::from_slice::<Value>(&bytes).unwrap()
        };
        let actor = Actor::new(id.parse().unwrap(), [role]);
        devices.push(Client {
            replica: Replica::new(
                format!("case{case}-c{index}").parse().unwrap(),
                format!("case{case}-g{index}").parse().unwrap(),
                actor,
            ),
            token: joined["token"].as_str().expect("joined").to_owned(),
            log: Vec::new(),
            sent_pushes: Vec::new(),
            notices_posted: 0,
        });
    }

    // The records as registration left them: the base of the model below.
    let registered = server_records(database, &community).await;

    let mut clock = 1_000;
    for op in ops {
        clock += 1;
        match op {
            Op::Mutate { client, kind, pick } => {
                let device = &mut devices[client];
                if let Some(mutation) = next_mutation(device, client, kind, pick) {
                    if device.replica.mutate(mutation.clone(), Timestamp(clock)).is_ok() {
                        device.log.push(mutation);
                    }
                }
            }
            Op::Push { client, fault } => {
                let device = &mut devices[client];
                let request = device.replica.push_request();
                match fault {
                    Fault::None | Fault::LoseAnswer => push(&router, device, &request).await,
                    Fault::LoseRequest => {}
                    Fault::Duplicate => {
                        push(&router, device, &request).await;
                        push(&router, device, &request).await;
                    }
                    Fault::ReplayOld => {
                        if let Some(old) = device.sent_pushes.first().cloned() {
                            push(&router, device, &old).await;
                        }
                    }
                    Fault::Concurrent => {
                        futures::join!(
                            push(&router, device, &request),
                            push(&second_router, device, &request)
                        );
                    }
                }
                device.sent_pushes.push(request);
            }
            Op::Pull { client, lose_answer } => {
                let device = &mut devices[client];
                let page = pull_page(&router, device).await;
                if !lose_answer {
                    device.replica.apply_pull(&page);
                }
            }
            Op::Reload { client } => {
                let device = &mut devices[client];
                let r = &device.replica;
                device.replica = Replica::restore(
                    r.client_id.clone(),
                    r.client_group_id.clone(),
                    r.actor.clone(),
                    r.confirmed().clone(),
                    r.pending().to_vec(),
                    r.next_mutation_id(),
                    r.cookie(),
                );
            }
        }
    }

    // The network heals: everyone pushes, then pulls until nothing is left.
    for device in &devices {
        push(&router, device, &device.replica.push_request()).await;
    }
    for device in &mut devices {
        loop {
            let page = pull_page(&router, device).await;
            device.replica.apply_pull(&page);
            if !page.more {
                break;
            }
        }
    }

    let server = server_records(database, &community).await;
    for (index, device) in devices.iter().enumerate() {
        assert!(
            device.replica.pending().is_empty(),
            "client {index} still has pending mutations"
        );
        let visible: BTreeMap<String, Value> = server
            .iter()
            .filter(|(key, _)| may_read(&device.replica.actor, key))
            .map(|(key, value)| (key.clone(), value.clone()))
            .collect();
        assert_eq!(
            device.replica.view(),
            &visible,
            "client {index} differs from the server"
        );
    }
    assert!(
        !server.keys().any(|key| key.starts_with("rejection/")),
        "nothing was refused"
    );

    // None lost, none doubled: replaying each client's own log alone gives the
    // same notices and acknowledgements as the server holds (times aside).
    let mut expected = BTreeSet::new();
    for device in &devices {
        let mut records = registered.clone();
        for mutation in &device.log {
            let changes = linli_core::replica::run(&records, &device.replica.actor, mutation, Timestamp(0))
                .expect("each client's own log applies in order");
            linli_core::tx::apply_changes(&mut records, changes);
        }
        expected.extend(records.into_iter().map(|(key, value)| summary(&key, &value)));
    }
    let actual: BTreeSet<_> = server
        .iter()
        .filter(|(key, _)| !key.starts_with("member/"))
        .map(|(key, value)| summary(key, value))
        .collect();
    let expected: BTreeSet<_> = expected
        .into_iter()
        .filter(|(key, _)| !key.starts_with("member/"))
        .collect();
    assert_eq!(actual, expected);
}

/// A record without its times, which the server sets from its own clock.
fn summary(key: &str, value: &Value) -> (String, String) {
    let mut value = value.clone();
    if let Some(object) = value.as_object_mut() {
        for time in ["postedAt", "editedAt", "at"] {
            object.remove(time);
        }
    }
    (key.to_owned(), value.to_string())
}

async fn server_records(database: &Database, community: &str) -> BTreeMap<String, Value> {
    let sql = "SELECT key, value FROM records WHERE community = $1 AND deleted = FALSE";
    let rows: Vec<(String, String)> = match database {
        Database::Sqlite(pool, _) => sqlx::query_as(sql).bind(community).fetch_all(pool).await.unwrap(),
        Database::Postgres(pool) => sqlx::query_as(sql).bind(community).fetch_all(pool).await.unwrap(),
    };
    rows.into_iter()
        .map(|(key, value)| (key, serde_json::from_str(&value).unwrap()))
        .collect()
}

fn cases(default: u32) -> u32 {
    std::env::var("LINLI_CONVERGENCE_CASES")
        .ok()
        .and_then(|cases| cases.parse().ok())
        .unwrap_or(default)
}

/// Runs the property on `database` (and `second`, another pool to the same
/// database: a second server instance), inside `runtime` (the one the pools
/// were opened in: a pool cannot outlive its runtime).
fn check_convergence(
    runtime: tokio::runtime::Runtime,
    database: Database,
    second: Database,
    default_cases: u32,
) {
    runtime.block_on(database.migrate()).unwrap();
    let case = std::cell::Cell::new(0u64);
    let config = ProptestConfig {
        cases: cases(default_cases),
        failure_persistence: None,
        ..ProptestConfig::default()
    };
    proptest!(config, |((clients, ops) in scenario())| {
        case.set(case.get() + 1);
        runtime.block_on(run_scenario(&database, &second, case.get(), clients, ops));
    });
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

#[test]
fn clients_converge_on_sqlite_whatever_the_network_does() {
    let runtime = runtime();
    // tmpfs where there is one: the property is about ordering, not disk speed.
    let dir = tempfile::tempdir_in(if std::path::Path::new("/dev/shm").is_dir() {
        "/dev/shm"
    } else {
        "/tmp"
    })
    .unwrap();
    let url = format!("sqlite://{}", dir.path().join("linli.db").display());
    let database = runtime.block_on(Database::connect(&url, dir.path())).unwrap();
    let second = runtime.block_on(Database::connect(&url, dir.path())).unwrap();
    check_convergence(runtime, database, second, 2000);
}

#[test]
fn clients_converge_on_postgres_whatever_the_network_does() {
    let runtime = runtime();
    let url = runtime.block_on(common::postgres_database_url());
    let here = std::path::Path::new(".");
    let database = runtime.block_on(Database::connect(&url, here)).unwrap();
    let second = runtime.block_on(Database::connect(&url, here)).unwrap();
    check_convergence(runtime, database, second, 1000);
}
