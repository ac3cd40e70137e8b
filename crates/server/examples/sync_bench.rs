//! Sync benchmarks over real HTTP on loopback: run by `bench/sync.sh`, which
//! builds this with the server's release profile. Prints one line per figure.
//!
//! - push 1,000 pending mutations and pull until all are confirmed;
//! - the first pull of a community of 10,000 records by a new device: time,
//!   pages and bytes on the wire (brotli, as browsers accept it);
//! - ingest: 50 concurrent clients pushing, in mutations per second.
//!
//! SQLite in a temporary directory by default; `LINLI_BENCH_DATABASE_URL`
//! (for example a postgres:// URL) to measure another database.

use std::time::{Duration, Instant};

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::Request;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use linli_core::members::MembersMutation;
use linli_core::members::RegisterMember;
use linli_core::{Actor, Mutation, Role, Timestamp};
use linli_server::db::Session;
use linli_server::{app, AppState, Database};
use serde_json::{json, Value};

type HttpClient = Client<hyper_util::client::legacy::connect::HttpConnector, Full<Bytes>>;

struct Bench {
    client: HttpClient,
    base: String,
    /// The server's key, to register members straight in its database.
    key: linli_server::secrets::ServerKey,
}

struct Answer {
    json: Value,
    wire_bytes: usize,
}

impl Bench {
    async fn post(&self, path: &str, token: &str, body: &Value) -> Answer {
        let request = Request::post(format!("{}{path}", self.base))
            .header("content-type", "application/json")
            .header("authorization", format!("Bearer {token}"))
            .header("accept-encoding", "br")
            .body(Full::new(Bytes::from(body.to_string())))
            .expect("a request");
        let response = self.client.request(request).await.expect("the server answers");
        let compressed = response.headers().get("content-encoding").is_some();
        let bytes = response.into_body().collect().await.expect("a body").to_bytes();
        let wire_bytes = bytes.len();
        let text = if compressed {
            decompress(&bytes)
        } else {
            bytes.to_vec()
        };
        Answer {
            json: serde_json::from_slice(&text).expect("JSON"),
            wire_bytes,
        }
    }
}

fn decompress(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    brotli_decompress(bytes, &mut out);
    out
}

fn brotli_decompress(input: &[u8], out: &mut Vec<u8>) {
    use std::io::Read;
    let mut reader = brotli_decompressor::Decompressor::new(input, 64 * 1024);
    reader.read_to_end(out).expect("valid brotli");
}

/// Registers a member of `role` in `community` and returns a device token.
async fn member(
    bench: &Bench,
    database: &Database,
    community: &str,
    id: &str,
    role: Role,
    code: &str,
) -> String {
    let admin = Session {
        community: community.to_owned(),
        actor: Actor::new("bench-admin".parse().unwrap(), [Role::Admin]),
        device: String::new(),
    };
    let register = Mutation::Members(MembersMutation::RegisterMember(RegisterMember {
        id: id.parse().unwrap(),
        name: id.to_owned(),
        roles: vec![role],
        invite_code: code.to_owned(),
        invite_id: None,
        valid_days: None,
    }));
    linli_server::sync::apply_directly(database, &bench.key, &admin, &register, Timestamp(0))
        .await
        .unwrap()
        .unwrap();
    let request = Request::post(format!("{}/api/v1/join", bench.base))
        .header("content-type", "application/json")
        .body(Full::new(Bytes::from(json!({ "code": code }).to_string())))
        .unwrap();
    let response = bench.client.request(request).await.unwrap();
    let body: Value =
        serde_json::from_slice(&response.into_body().collect().await.unwrap().to_bytes()).unwrap();
    body["token"].as_str().unwrap().to_owned()
}

/// A distinct invite code for bench member `n`.
fn code(n: usize) -> String {
    const ALPHABET: &[u8] = linli_core::members::INVITE_CODE_ALPHABET;
    let mut code = String::from("BENCH");
    let mut rest = n;
    for _ in 0..7 {
        code.push(ALPHABET[rest % ALPHABET.len()] as char);
        rest /= ALPHABET.len();
    }
    code
}

fn notices(client: &str, from: u64, count: u64) -> Vec<Value> {
    (from..from + count)
        .map(|id| {
            json!({ "clientID": client, "id": id, "name": "postNotice", "timestamp": 0,
                    "args": { "id": format!("{client}-{id}"), "title": format!("社区通知第{id}号"),
                              "body": "本周三上午八点至十二点停水，请居民提前储水。" } })
        })
        .collect()
}

fn push_body(group: &str, mutations: Vec<Value>) -> Value {
    json!({ "pushVersion": 1, "clientGroupID": group, "mutations": mutations, "profileID": "", "schemaVersion": "1" })
}

fn pull_body(group: &str, cookie: &Value) -> Value {
    json!({ "pullVersion": 1, "clientGroupID": group, "cookie": cookie, "profileID": "", "schemaVersion": "1" })
}

/// Pulls every page for `group`; (pages, records, bytes on the wire, last mutation id of `client`).
async fn pull_all(bench: &Bench, token: &str, group: &str, client: &str) -> (u32, usize, usize, u64) {
    let mut cookie = Value::Null;
    let (mut pages, mut records, mut wire, mut last) = (0, 0, 0, 0);
    loop {
        let answer = bench
            .post("/api/v1/pull", token, &pull_body(group, &cookie))
            .await;
        pages += 1;
        wire += answer.wire_bytes;
        records += answer.json["patch"]
            .as_array()
            .map_or(0, |patch| patch.iter().filter(|op| op["op"] == "put").count());
        if let Some(id) = answer.json["lastMutationIDChanges"][client].as_u64() {
            last = id;
        }
        cookie = answer.json["cookie"].clone();
        if answer.json["more"] != json!(true) {
            return (pages, records, wire, last);
        }
    }
}

fn seconds(duration: Duration) -> String {
    format!("{:.3} s", duration.as_secs_f64())
}

#[tokio::main]
async fn main() {
    let dir = tempfile::tempdir().unwrap();
    let url = std::env::var("LINLI_BENCH_DATABASE_URL")
        .unwrap_or_else(|_| format!("sqlite://{}", dir.path().join("bench.db").display()));
    let database = Database::connect(&url, dir.path())
        .await
        .expect("the database opens");
    database.migrate().await.unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let state = AppState::new(database.clone(), dir.path().to_path_buf());
    let key = state.key.clone();
    let server = app(state);
    tokio::spawn(async move { axum::serve(listener, server).await.unwrap() });
    let bench = Bench {
        client: Client::builder(TokioExecutor::new())
            .pool_max_idle_per_host(64)
            .build_http(),
        base: format!("http://{address}"),
        key,
    };
    let run = std::process::id();
    println!("storage: {}", database.backend().as_str());

    // 1. Push 1,000 pending mutations, pull until confirmed.
    let community = format!("bench-push-{run}");
    database
        .create_community(&community, "基准", "Bench")
        .await
        .unwrap();
    let token = member(&bench, &database, &community, "officer", Role::Officer, &code(0)).await;
    let started = Instant::now();
    let answer = bench
        .post(
            "/api/v1/push",
            &token,
            &push_body("g-push", notices("c-push", 1, 1000)),
        )
        .await;
    assert_eq!(answer.json["applied"], 1000, "{}", answer.json);
    let (_, _, _, confirmed) = pull_all(&bench, &token, "g-push", "c-push").await;
    assert_eq!(confirmed, 1000);
    println!(
        "push 1000 mutations and pull until confirmed: {}",
        seconds(started.elapsed())
    );

    // 2. First pull of a community of 10,000 records.
    let community = format!("bench-pull-{run}");
    database
        .create_community(&community, "基准", "Bench")
        .await
        .unwrap();
    let writer = member(&bench, &database, &community, "writer", Role::Officer, &code(1)).await;
    for batch in 0..10 {
        let answer = bench
            .post(
                "/api/v1/push",
                &writer,
                &push_body("g-writer", notices("c-writer", batch * 1000 + 1, 1000)),
            )
            .await;
        assert_eq!(answer.json["applied"], 1000);
    }
    let reader = member(&bench, &database, &community, "reader", Role::Resident, &code(2)).await;
    let started = Instant::now();
    let (pages, records, wire, _) = pull_all(&bench, &reader, "g-reader", "c-reader").await;
    let elapsed = started.elapsed();
    assert!(records >= 10_000, "{records}");
    println!(
        "first pull of {records} records: {} in {pages} pages, {wire} bytes on the wire (brotli), {:.1} bytes/record",
        seconds(elapsed),
        wire as f64 / records as f64
    );

    // 3. Ingest with 50 concurrent clients.
    let community = format!("bench-ingest-{run}");
    database
        .create_community(&community, "基准", "Bench")
        .await
        .unwrap();
    const CLIENTS: usize = 50;
    const PUSHES: u64 = 10;
    const PER_PUSH: u64 = 10;
    let mut tokens = Vec::new();
    for n in 0..CLIENTS {
        tokens.push(
            member(
                &bench,
                &database,
                &community,
                &format!("m{n}"),
                Role::Officer,
                &code(100 + n),
            )
            .await,
        );
    }
    let bench = std::sync::Arc::new(bench);
    let started = Instant::now();
    let mut tasks = Vec::new();
    for (n, token) in tokens.into_iter().enumerate() {
        let bench = bench.clone();
        tasks.push(tokio::spawn(async move {
            let (client, group) = (format!("c-ingest-{n}"), format!("g-ingest-{n}"));
            for push in 0..PUSHES {
                let answer = bench
                    .post(
                        "/api/v1/push",
                        &token,
                        &push_body(&group, notices(&client, push * PER_PUSH + 1, PER_PUSH)),
                    )
                    .await;
                assert_eq!(answer.json["applied"], PER_PUSH);
            }
        }));
    }
    for task in tasks {
        task.await.unwrap();
    }
    let elapsed = started.elapsed();
    let total = CLIENTS as u64 * PUSHES * PER_PUSH;
    println!(
        "ingest: {total} mutations from {CLIENTS} concurrent clients in {}: {:.0} mutations/s",
        seconds(elapsed),
        total as f64 / elapsed.as_secs_f64()
    );
}
