//! A structured fuzz harness against the real router: generated and mutated
//! push and pull bodies and mutation arguments, sent by members of every
//! role of the seeded demo, on SQLite and on PostgreSQL.
//!
//! Every answer must be a clear one: never a 5xx, never a panic (which the
//! server would answer as a JSON 500), always the documented JSON shape for
//! an error; and no queue may jam: a push that is answered 200 has
//! processed (applied, refused or skipped) every mutation it carried, and a
//! well-formed change pushed after a stream of bad ones is applied.
//!
//! `LINLI_FUZZ_CASES` sets the number of cases per backend (default 2,000,
//! what `./dev.sh test` runs); `bench/fuzz.sh` runs a million and prints the
//! figures. The cases are generated with proptest's strategies (stable Rust,
//! no instrumentation), from one example of each mutation's arguments.

mod common;

use std::path::Path;
use std::time::Instant;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::TestApp;
use http_body_util::BodyExt;
use linli_core::mutation::example_args;
use linli_core::{Mutation, Role};
use linli_server::Database;
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::TestRunner;
use serde_json::{json, Value};
use tower::ServiceExt;

/// Strings that have broken servers: NUL and other controls, direction
/// overrides, path pieces, SQL, very long and non-BMP text.
fn nasty_string() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("\u{0}".to_owned()),
        Just("a\u{0}b".to_owned()),
        Just("\u{7}\u{1b}[31m".to_owned()),
        Just("\u{202E}gnp.exe".to_owned()),
        Just("../../etc/passwd".to_owned()),
        Just("a/b".to_owned()),
        Just("'; DROP TABLE records; --".to_owned()),
        Just("𠀋𠀋🧧".to_owned()),
        Just("x".repeat(70)),
        Just("字".repeat(10_001)),
        "[ -~]{0,12}",
        "\\PC{0,8}",
    ]
}

/// Numbers at and past every edge the arguments have.
fn nasty_number() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(json!(0)),
        Just(json!(-1)),
        Just(json!(1)),
        Just(json!(20)),
        Just(json!(21)),
        Just(json!(i64::MIN)),
        Just(json!(i64::MAX)),
        Just(json!(u64::MAX)),
        Just(json!(1.5)),
        Just(json!(-0.0)),
        Just(json!(1e308)),
        Just(json!(4_102_444_800_000_i64)),
        any::<i64>().prop_map(|n| json!(n)),
        any::<u32>().prop_map(|n| json!(n)),
    ]
}

/// Any JSON value, small.
fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        nasty_number(),
        nasty_string().prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map("[a-zA-Z]{1,8}", inner, 0..4)
                .prop_map(|map| Value::Object(map.into_iter().collect())),
        ]
    })
}

/// One change to a JSON value: which node (by a number walked down the
/// tree) and what happens to it.
#[derive(Clone, Debug)]
enum Edit {
    Replace(Value),
    Drop,
    AddField(String, Value),
    Repeat(usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        4 => nasty_string().prop_map(|text| Edit::Replace(Value::String(text))),
        4 => nasty_number().prop_map(Edit::Replace),
        2 => any_json().prop_map(Edit::Replace),
        2 => Just(Edit::Drop),
        1 => ("[a-zA-Z]{1,10}", any_json()).prop_map(|(name, value)| Edit::AddField(name, value)),
        1 => prop_oneof![Just(2usize), Just(100), Just(10_001)].prop_map(Edit::Repeat),
    ]
}

/// Applies `edit` at the `target`-th node of `value` (in a walk of the
/// tree), if there is one.
fn apply_edit(value: &mut Value, target: &mut usize, edit: &Edit) -> bool {
    if *target == 0 {
        match edit {
            Edit::Replace(new) => *value = new.clone(),
            Edit::Drop => *value = Value::Null,
            Edit::AddField(name, field) => {
                if let Value::Object(map) = value {
                    map.insert(name.clone(), field.clone());
                } else {
                    *value = field.clone();
                }
            }
            Edit::Repeat(times) => {
                // Up to just past the longest list the server takes, and
                // never a list of long lists: the point is the length.
                let length = (*times).min(10_001);
                let item = match &*value {
                    Value::Array(items) => items.first().cloned().unwrap_or(Value::Null),
                    other => other.clone(),
                };
                let item = match item {
                    Value::String(text) if text.len() > 100 => {
                        Value::String(text.chars().take(100).collect())
                    }
                    Value::Array(_) | Value::Object(_) => Value::Null,
                    small => small,
                };
                *value = Value::Array(vec![item; length]);
            }
        }
        return true;
    }
    *target -= 1;
    match value {
        Value::Object(map) => {
            let keys: Vec<String> = map.keys().cloned().collect();
            for key in keys {
                if *target == 0 && matches!(edit, Edit::Drop) {
                    map.remove(&key);
                    return true;
                }
                if apply_edit(map.get_mut(&key).expect("a key just listed"), target, edit) {
                    return true;
                }
            }
            false
        }
        Value::Array(items) => items.iter_mut().any(|item| apply_edit(item, target, edit)),
        _ => false,
    }
}

/// A mutation's name and arguments: an example with some edits, or made up.
fn mutation() -> impl Strategy<Value = (String, Value)> {
    let names = Mutation::names().count();
    let example = |index: usize| example_args().swap_remove(index);
    prop_oneof![
        8 => (0..names, prop::collection::vec((0..12usize, edit()), 0..4)).prop_map(move |(index, edits)| {
            let (name, mut args) = example(index);
            for (target, edit) in edits {
                let mut target = target;
                apply_edit(&mut args, &mut target, &edit);
            }
            (name.to_owned(), args)
        }),
        1 => (0..names, any_json()).prop_map(move |(index, args)| (example(index).0.to_owned(), args)),
        1 => (nasty_string(), any_json()),
    ]
}

/// One request: a push of a lane's next mutations, a pull with a strange
/// cookie, or a body that is not what the endpoint takes at all.
#[derive(Clone, Debug)]
enum Case {
    Push {
        member: usize,
        mutations: Vec<(String, Value)>,
        envelope: Option<Edit>,
    },
    Pull {
        member: usize,
        cookie: Value,
    },
    Raw {
        path: &'static str,
        method: &'static str,
        body: String,
    },
}

const PATHS: [&str; 6] = [
    "/api/v1/push",
    "/api/v1/pull",
    "/api/v1/join",
    "/api/v1/logout",
    "/api/v1/health",
    "/api/v1/nope",
];
const METHODS: [&str; 4] = ["POST", "GET", "PUT", "DELETE"];

fn case() -> impl Strategy<Value = Case> {
    prop_oneof![
        6 => (0..Role::ALL.len(), prop::collection::vec(mutation(), 1..4), proptest::option::weighted(0.1, edit()))
            .prop_map(|(member, mutations, envelope)| Case::Push { member, mutations, envelope }),
        2 => (0..Role::ALL.len(), prop_oneof![
                any_json(),
                nasty_number().prop_map(|order| json!({"order": order})),
                (nasty_number(), nasty_number()).prop_map(|(order, readers)| json!({"order": order, "readers": readers})),
            ]).prop_map(|(member, cookie)| Case::Pull { member, cookie }),
        1 => (0..PATHS.len(), 0..METHODS.len(), prop_oneof![
                any_json().prop_map(|value| value.to_string()),
                "\\PC{0,40}",
                Just("{\"pushVersion\": 1".to_owned()),
            ]).prop_map(|(path, method, body)| Case::Raw { path: PATHS[path], method: METHODS[method], body }),
    ]
}

/// What the harness saw.
#[derive(Default, Debug)]
struct Findings {
    cases: u64,
    panics: u64,
    server_errors: u64,
    stuck: u64,
    bad_shape: u64,
}

struct Member {
    token: String,
    client: String,
    /// The next mutation id of this member's lane.
    next: u64,
}

async fn send(
    app: &TestApp,
    method: &str,
    path: &str,
    token: Option<&str>,
    body: String,
) -> (StatusCode, Value) {
    let mut request = Request::builder()
        .method(method)
        .uri(path)
        .header("content-type", "application/json");
    if let Some(token) = token {
        request = request.header("authorization", format!("Bearer {token}"));
    }
    let response = app
        .router
        .clone()
        .oneshot(request.body(Body::from(body)).unwrap())
        .await
        .expect("the router always answers");
    let status = response.status();
    let bytes = response.into_body().collect().await.expect("a body").to_bytes();
    let json = if bytes.is_empty() {
        Value::Null
    } else {
        serde_json::from_slice(&bytes).unwrap_or_else(|_| json!({"notJson": String::from_utf8_lossy(&bytes)}))
    };
    (status, json)
}

impl Findings {
    /// Counts what is wrong with an answer to an `/api/` request.
    fn check(&mut self, status: StatusCode, body: &Value, case: &Case) {
        if status == StatusCode::INTERNAL_SERVER_ERROR && body["error"] == "Internal" {
            self.panics += 1;
            eprintln!("panic on {case:?}");
        } else if status.is_server_error() {
            self.server_errors += 1;
            eprintln!("{status} {body} on {case:?}");
        }
        let error_shape = body.get("error").is_some_and(Value::is_string);
        if !status.is_success() && !error_shape {
            self.bad_shape += 1;
            eprintln!("{status} without the JSON error shape: {body} on {case:?}");
        }
    }
}

async fn run_case(app: &TestApp, members: &mut [Member], case: &Case, findings: &mut Findings) {
    match case {
        Case::Push {
            member,
            mutations,
            envelope,
        } => {
            let lane = &mut members[*member];
            let pushed: Vec<Value> = mutations
                .iter()
                .enumerate()
                .map(|(offset, (name, args))| {
                    json!({ "clientID": lane.client, "id": lane.next + offset as u64, "name": name,
                            "args": args, "timestamp": 0 })
                })
                .collect();
            let mut body = json!({ "pushVersion": 1, "clientGroupID": format!("g-{}", lane.client),
                                   "profileID": "", "schemaVersion": "1", "mutations": pushed });
            if let Some(edit) = envelope {
                let mut target = 1 + lane.next as usize % 6;
                apply_edit(&mut body, &mut target, edit);
            }
            let (status, answer) =
                send(app, "POST", "/api/v1/push", Some(&lane.token), body.to_string()).await;
            findings.check(status, &answer, case);
            if status == StatusCode::OK && envelope.is_none() {
                let processed = ["applied", "rejected", "skipped"]
                    .iter()
                    .map(|count| answer[count].as_u64().unwrap_or(0))
                    .sum::<u64>();
                if processed != mutations.len() as u64 {
                    findings.stuck += 1;
                    eprintln!(
                        "only {processed} of {} processed: {answer} on {case:?}",
                        mutations.len()
                    );
                }
                lane.next += mutations.len() as u64;
            } else if status == StatusCode::OK {
                // An envelope the harness bent was read anyway: ask the
                // server where the lane stands. (Any other answer applied
                // nothing: an unknown name, say, refuses the whole push.)
                lane.next = next_id(app, lane).await;
            }
        }
        Case::Pull { member, cookie } => {
            let lane = &members[*member];
            let body = json!({ "pullVersion": 1, "clientGroupID": format!("g-{}", lane.client),
                               "cookie": cookie, "profileID": "", "schemaVersion": "1" });
            let (status, answer) =
                send(app, "POST", "/api/v1/pull", Some(&lane.token), body.to_string()).await;
            findings.check(status, &answer, case);
        }
        Case::Raw { path, method, body } => {
            // Without a token: a lane's could be signed out by a raw logout.
            let (status, answer) = send(app, method, path, None, body.clone()).await;
            findings.check(status, &answer, case);
        }
    }
}

/// The lane's next mutation id, from the server's own count (every page
/// of a first pull: the count comes with the page holding its version).
async fn next_id(app: &TestApp, lane: &Member) -> u64 {
    let mut cookie = Value::Null;
    let mut last = 0;
    loop {
        let body = json!({ "pullVersion": 1, "clientGroupID": format!("g-{}", lane.client),
                           "cookie": cookie, "profileID": "", "schemaVersion": "1" });
        let (_, answer) = send(app, "POST", "/api/v1/pull", Some(&lane.token), body.to_string()).await;
        if let Some(id) = answer["lastMutationIDChanges"][&lane.client].as_u64() {
            last = id;
        }
        if answer["more"] != json!(true) {
            return last + 1;
        }
        cookie = answer["cookie"].clone();
    }
}

/// A well-formed change from each lane: it must be applied, whatever came before.
async fn check_lanes_move(app: &TestApp, members: &mut [Member], findings: &mut Findings, round: u64) {
    for lane in members.iter_mut() {
        let body = json!({ "pushVersion": 1, "clientGroupID": format!("g-{}", lane.client), "profileID": "",
            "schemaVersion": "1", "mutations": [{ "clientID": lane.client, "id": lane.next,
            "name": "updateProfile", "args": { "name": format!("成员{round}") }, "timestamp": 0 }] });
        let (status, answer) = send(app, "POST", "/api/v1/push", Some(&lane.token), body.to_string()).await;
        if status != StatusCode::OK || answer["applied"] != 1 {
            findings.stuck += 1;
            eprintln!(
                "lane {} is stuck at {}: {status} {answer}",
                lane.client, lane.next
            );
            lane.next = next_id(app, lane).await;
        } else {
            lane.next += 1;
        }
    }
}

fn cases() -> u64 {
    std::env::var("LINLI_FUZZ_CASES")
        .ok()
        .and_then(|cases| cases.parse().ok())
        .unwrap_or(2_000)
}

/// Workers fuzzing at once, each with lanes of its own (a member may have
/// several devices), so both cores are busy.
const WORKERS: u64 = 4;

async fn fuzz(database: Database, backend: &str) {
    // The limits would answer 429 to a harness this fast; they are tested apart.
    let app = TestApp::build(database, |state| {
        state.limits = std::sync::Arc::new(linli_server::http::limits::Limits::unlimited())
    })
    .await;
    app.seed_demo(common::now()).await;
    let app = std::sync::Arc::new(app);
    let mut tokens = Vec::new();
    for role in Role::ALL {
        tokens.push(app.join_as(role).await);
    }
    let total = cases();
    let started = Instant::now();
    let workers: Vec<_> = (0..WORKERS)
        .map(|worker| {
            let (app, tokens) = (app.clone(), tokens.clone());
            tokio::spawn(async move {
                let mut members: Vec<Member> = tokens
                    .into_iter()
                    .enumerate()
                    .map(|(index, token)| Member {
                        token,
                        client: format!("fuzz-{worker}-{index}"),
                        next: 1,
                    })
                    .collect();
                let share = total / WORKERS + u64::from(worker < total % WORKERS);
                // Proptest's strategies stay on a thread of their own (they
                // cannot move between the runtime's threads); cases come over.
                let (cases, mut next_case) = tokio::sync::mpsc::channel::<Case>(256);
                std::thread::spawn(move || {
                    let mut runner = TestRunner::new_with_rng(
                        proptest::test_runner::Config::default(),
                        proptest::test_runner::TestRng::from_seed(
                            proptest::test_runner::RngAlgorithm::ChaCha,
                            &[worker as u8 + 1; 32],
                        ),
                    );
                    let strategy = case();
                    for _ in 0..share {
                        let case = strategy.new_tree(&mut runner).expect("a case").current();
                        if cases.blocking_send(case).is_err() {
                            return;
                        }
                    }
                });
                let mut findings = Findings::default();
                let mut index = 0u64;
                while let Some(case) = next_case.recv().await {
                    run_case(&app, &mut members, &case, &mut findings).await;
                    findings.cases += 1;
                    index += 1;
                    if index.is_multiple_of(500) {
                        check_lanes_move(&app, &mut members, &mut findings, index).await;
                    }
                }
                check_lanes_move(&app, &mut members, &mut findings, share).await;
                findings
            })
        })
        .collect();
    let mut findings = Findings::default();
    for worker in workers {
        let found = worker.await.expect("a worker");
        findings.cases += found.cases;
        findings.panics += found.panics;
        findings.server_errors += found.server_errors;
        findings.stuck += found.stuck;
        findings.bad_shape += found.bad_shape;
    }
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "fuzz {backend}: {} cases in {seconds:.1} s ({:.0} cases/s): panics {}, 5xx {}, stuck {}, errors without the JSON shape {}",
        findings.cases,
        findings.cases as f64 / seconds,
        findings.panics,
        findings.server_errors,
        findings.stuck,
        findings.bad_shape
    );
    assert_eq!(
        (
            findings.panics,
            findings.server_errors,
            findings.stuck,
            findings.bad_shape
        ),
        (0, 0, 0, 0),
        "{findings:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fuzzed_requests_get_clear_answers_and_jam_no_queue_on_sqlite() {
    // In memory where there is a tmpfs: this is about answers, not the disk.
    let dir = tempfile::tempdir_in(if Path::new("/dev/shm").is_dir() {
        "/dev/shm"
    } else {
        "/tmp"
    })
    .expect("a temporary directory");
    let url = format!("sqlite://{}", dir.path().join("linli.db").display());
    let database = Database::connect(&url, dir.path()).await.expect("SQLite opens");
    fuzz(database, "sqlite").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fuzzed_requests_get_clear_answers_and_jam_no_queue_on_postgres() {
    fuzz(common::postgres_database().await, "postgres").await;
}
