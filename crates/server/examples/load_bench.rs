//! Load, measured: many simulated devices on loopback against a real
//! `linli-server` process, each making a few changes, pushing them and
//! pulling, with a pause between rounds, for a fixed time. Run by
//! `bench/load.sh`, which prints, per backend: rounds, throughput, the
//! p50 and p99 latency of push and of pull, and errors (goal: p99 under
//! 200 ms, no errors).
//!
//! Environment: `LINLI_LOAD_CLIENTS` (200), `LINLI_LOAD_SECONDS` (60),
//! `LINLI_LOAD_ROUNDS` (the most rounds per client, 10,000),
//! `LINLI_LOAD_PAUSE_MS` (the longest pause between a client's rounds,
//! drawn evenly from 0 to it; 300), `LINLI_SERVER_BIN`,
//! `LINLI_LOAD_POSTGRES_URL` (as for the kill benchmark).

#[path = "support/mod.rs"]
mod support;

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use linli_core::Role;
use linli_server::Database;
use rand::Rng;
use serde_json::{json, Value};
use support::{percentile, Answer, Api};

/// Communities the devices are spread over (a district's villages).
const COMMUNITIES: usize = 10;

#[derive(Default)]
struct Measured {
    push_ms: Vec<f64>,
    pull_ms: Vec<f64>,
    mutations: u64,
    rounds: u64,
    errors: u64,
}

#[tokio::main]
async fn main() {
    let clients = support::env_number("LINLI_LOAD_CLIENTS", 200) as usize;
    let seconds = support::env_number("LINLI_LOAD_SECONDS", 60);
    let max_rounds = support::env_number("LINLI_LOAD_ROUNDS", 10_000);
    let pause_ms = support::env_number("LINLI_LOAD_PAUSE_MS", 300);
    let binary = std::env::var("LINLI_SERVER_BIN").unwrap_or_else(|_| "target/server/linli-server".into());
    let postgres = std::env::var("LINLI_LOAD_POSTGRES_URL").ok();
    let dir = tempfile::tempdir().expect("a temporary directory");
    let (url, database) = support::fresh_database(postgres.as_deref(), dir.path()).await;
    let backend = database.backend().as_str();
    let run = std::process::id();
    let key = support::server_key(dir.path());
    for community in 0..COMMUNITIES {
        database
            .create_community(&format!("load-{community}"), "压力测试", "Load")
            .await
            .expect("a community");
    }
    for n in 0..clients {
        let community = format!("load-{}", n % COMMUNITIES);
        support::register(
            &database,
            &key,
            &community,
            &format!("m{n}"),
            Role::Officer,
            &support::invite_code(run, n),
        )
        .await;
    }
    if let Database::Sqlite(pool, _) = &database {
        pool.close().await;
    }

    let port = support::fleet::free_port();
    let dist = dir.path().join("dist");
    std::fs::create_dir_all(&dist).expect("a dist directory");
    let mut server = Command::new(&binary)
        .args([
            "--bind",
            &format!("127.0.0.1:{port}"),
            "--database-url",
            &url,
            "--data-dir",
            &dir.path().display().to_string(),
            "--dist-dir",
            &dist.display().to_string(),
            // Each simulated device syncs far more often than a phone does:
            // the point is the server's capacity, not its limits.
            "--rate-limits",
            "false",
        ])
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .spawn()
        .unwrap_or_else(|err| panic!("could not start {binary}: {err}"));
    let api = Api::new(format!("http://127.0.0.1:{port}"));
    assert!(
        api.wait_until_up(Duration::from_secs(30)).await,
        "the server starts"
    );

    let mut tokens = Vec::new();
    for n in 0..clients {
        tokens.push(support::join(&api, &support::invite_code(run, n)).await);
    }
    let started = Instant::now();
    let until = started + Duration::from_secs(seconds);
    let tasks: Vec<_> = tokens
        .into_iter()
        .enumerate()
        .map(|(n, token)| {
            let api = api.clone();
            tokio::spawn(async move {
                // A device as the network sees it: what it has not had
                // confirmed, and its cookie. (Keeping each device's whole
                // copy, as a phone does, would make this process, not the
                // server, the bottleneck.)
                let client = format!("load-c{n}");
                let group = format!("load-g{n}");
                let mut pending: Vec<Value> = Vec::new();
                let mut cookie = Value::Null;
                let mut next_id = 1u64;
                let mut measured = Measured::default();
                while Instant::now() < until && measured.rounds < max_rounds {
                    let pause = rand::rng().random_range(0..=pause_ms);
                    tokio::time::sleep(Duration::from_millis(pause)).await;
                    for _ in 0..rand::rng().random_range(1..=3) {
                        pending.push(
                            json!({ "clientID": client, "id": next_id, "name": "postNotice", "timestamp": 0,
                            "args": { "id": format!("c{n}-{next_id}"), "title": format!("通知{next_id}"),
                                      "body": "本周三上午八点至十二点停水，请居民提前储水。" } }),
                        );
                        next_id += 1;
                    }
                    let body = json!({ "pushVersion": 1, "clientGroupID": group, "profileID": "",
                                       "schemaVersion": "1", "mutations": pending });
                    let sent = Instant::now();
                    match api.post("/api/v1/push", Some(&token), &body).await {
                        Answer::Status(200, _) => {
                            measured.push_ms.push(sent.elapsed().as_secs_f64() * 1000.0);
                            measured.mutations += pending.len() as u64;
                        }
                        _ => measured.errors += 1,
                    }
                    loop {
                        let body = json!({ "pullVersion": 1, "clientGroupID": group, "cookie": cookie,
                                           "profileID": "", "schemaVersion": "1" });
                        let sent = Instant::now();
                        match api.post("/api/v1/pull", Some(&token), &body).await {
                            Answer::Status(200, page) if page.get("cookie").is_some() => {
                                measured.pull_ms.push(sent.elapsed().as_secs_f64() * 1000.0);
                                if let Some(last) = page["lastMutationIDChanges"][&client].as_u64() {
                                    pending.retain(|mutation| mutation["id"].as_u64() > Some(last));
                                }
                                cookie = page["cookie"].clone();
                                if page["more"] != json!(true) {
                                    break;
                                }
                            }
                            _ => {
                                measured.errors += 1;
                                break;
                            }
                        }
                    }
                    measured.rounds += 1;
                }
                measured
            })
        })
        .collect();
    let mut all = Measured::default();
    for task in tasks {
        let measured = task.await.expect("a client");
        all.push_ms.extend(measured.push_ms);
        all.pull_ms.extend(measured.pull_ms);
        all.mutations += measured.mutations;
        all.rounds += measured.rounds;
        all.errors += measured.errors;
    }
    let elapsed = started.elapsed().as_secs_f64();
    let _ = server.kill();
    let _ = server.wait();
    for list in [&mut all.push_ms, &mut all.pull_ms] {
        list.sort_by(f64::total_cmp);
    }
    println!(
        "load {backend}: {clients} clients for {elapsed:.0} s, {} rounds, {} pushes ({:.0}/s), {} pulls ({:.0}/s), \
         {:.0} mutations/s; push p50 {:.1} ms p99 {:.1} ms; pull p50 {:.1} ms p99 {:.1} ms; errors {}",
        all.rounds,
        all.push_ms.len(),
        all.push_ms.len() as f64 / elapsed,
        all.pull_ms.len(),
        all.pull_ms.len() as f64 / elapsed,
        all.mutations as f64 / elapsed,
        percentile(&all.push_ms, 0.5),
        percentile(&all.push_ms, 0.99),
        percentile(&all.pull_ms, 0.5),
        percentile(&all.pull_ms, 0.99),
        all.errors
    );
    let p99 = percentile(&all.push_ms, 0.99).max(percentile(&all.pull_ms, 0.99));
    if all.errors > 0 || p99 >= 200.0 {
        std::process::exit(1);
    }
}
