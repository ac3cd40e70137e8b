//! Crash safety, measured: several clients push and pull against a real
//! `linli-server` process while it is killed with SIGKILL at random moments
//! and started again. Run by `bench/kill.sh`, which prints, per backend:
//! kills, acknowledged mutations, lost, doubled, stuck and diverged (all
//! but the first two must be 0).
//!
//! - A mutation is *acknowledged* when a push holding it was answered 200:
//!   the server says it processed it, so it must be there after any crash.
//! - *Lost*: acknowledged, and not on the server at the end.
//! - *Doubled*: applied twice, which shows as a refusal of the second
//!   application (the notice it posts exists already): any rejection record.
//! - *Stuck*: a client that still has pending mutations after the network
//!   heals and it has pushed and pulled for a while.
//! - *Diverged*: a client whose copy differs from what the server holds for
//!   its member.
//!
//! Environment: `LINLI_KILLS` (default 100), `LINLI_KILL_CLIENTS` (4),
//! `LINLI_SERVER_BIN` (the server binary; default target/server/linli-server),
//! `LINLI_KILL_POSTGRES_URL` (a PostgreSQL admin URL: the run gets a fresh
//! database there; without it, SQLite in a temporary directory).

#[path = "support/mod.rs"]
mod support;

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use linli_server::Database;
use rand::Rng;
use support::fleet::{self, free_port, heal, ServerProcess, Tally};
use support::Api;

const COMMUNITY: &str = "chaos";

#[tokio::main]
async fn main() {
    let kills = support::env_number("LINLI_KILLS", 100);
    let clients = support::env_number("LINLI_KILL_CLIENTS", 4) as usize;
    let binary = std::env::var("LINLI_SERVER_BIN").unwrap_or_else(|_| "target/server/linli-server".into());
    let postgres = std::env::var("LINLI_KILL_POSTGRES_URL").ok();
    let dir = tempfile::tempdir().expect("a temporary directory");
    let (url, database) = support::fresh_database(postgres.as_deref(), dir.path()).await;
    let backend = database.backend().as_str();
    database
        .create_community(COMMUNITY, "断电测试社区", "Kill test")
        .await
        .expect("the community");
    let run = std::process::id();
    let key = support::server_key(dir.path());
    fleet::register_officers(&database, &key, COMMUNITY, run, clients).await;
    if let Database::Sqlite(pool, _) = &database {
        pool.close().await;
    }

    let port = free_port();
    let dist = dir.path().join("dist");
    std::fs::create_dir_all(&dist).expect("a dist directory");
    let args = [
        "--bind",
        &format!("127.0.0.1:{port}"),
        "--database-url",
        &url,
        "--data-dir",
        &dir.path().display().to_string(),
        "--dist-dir",
        &dist.display().to_string(),
    ]
    .iter()
    .map(|arg| arg.to_string())
    .collect();
    let mut server = ServerProcess::new(&binary, args, dir.path().join("server.log"));
    server.start();
    let api = Api::new(format!("http://127.0.0.1:{port}"));
    assert!(
        api.wait_until_up(Duration::from_secs(30)).await,
        "the server starts"
    );

    let devices = fleet::join_officers(&api, run, clients, "kill").await;

    let started = Instant::now();
    let stop = Arc::new(AtomicBool::new(false));
    let refusals = Arc::new(AtomicU64::new(0));
    let tasks: Vec<_> = devices
        .into_iter()
        .map(|mut device| {
            let (api, stop, refusals) = (api.clone(), stop.clone(), refusals.clone());
            tokio::spawn(async move {
                while !stop.load(Ordering::SeqCst) {
                    for _ in 0..rand::rng().random_range(1..=3) {
                        device.make_change();
                    }
                    let pulled = if device.push(&api).await {
                        device.pull(&api).await
                    } else {
                        Ok(false)
                    };
                    if pulled.is_err() {
                        refusals.fetch_add(1, Ordering::SeqCst);
                    }
                    if !matches!(pulled, Ok(true)) {
                        // The server is down: try again shortly.
                        tokio::time::sleep(Duration::from_millis(20)).await;
                    }
                }
                device
            })
        })
        .collect();

    for _ in 0..kills {
        let wait = rand::rng().random_range(30..400);
        tokio::time::sleep(Duration::from_millis(wait)).await;
        server.kill();
        server.start();
        assert!(
            api.wait_until_up(Duration::from_secs(30)).await,
            "the server restarts"
        );
    }
    stop.store(true, Ordering::SeqCst);
    let mut devices = Vec::new();
    for task in tasks {
        devices.push(task.await.expect("a client task"));
    }

    let stuck = heal(&mut devices, &api, Duration::from_secs(60)).await;
    server.kill();

    let database = Database::connect(&url, dir.path())
        .await
        .expect("the database opens");
    let tally = Tally::count(&database, COMMUNITY, &devices).await;
    let diverged = tally.diverged + refusals.load(Ordering::SeqCst) as usize;
    let Tally {
        acknowledged,
        lost,
        doubled,
        ..
    } = tally;
    println!(
        "kill {backend}: {kills} kills, {clients} clients, {acknowledged} acknowledged mutations: \
         lost {lost}, doubled {doubled}, stuck {stuck}, diverged {diverged} ({:.0} s)",
        started.elapsed().as_secs_f64()
    );
    if lost + doubled + stuck + diverged > 0 {
        eprintln!("server log: {}", server.log_text());
        std::process::exit(1);
    }
}
