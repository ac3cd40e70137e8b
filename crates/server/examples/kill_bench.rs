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

use std::collections::{BTreeMap, BTreeSet};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use linli_core::keys::may_read;
use linli_core::notices::PostNotice;
use linli_core::protocol::PullResponse;
use linli_core::replica::Replica;
use linli_core::{Actor, Mutation, Role};
use linli_server::Database;
use rand::Rng;
use serde_json::Value;
use support::{Answer, Api};

const COMMUNITY: &str = "chaos";

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|value| value.parse().ok())
        .unwrap_or(default)
}

use support::now;

/// The server process, started and killed on demand.
struct Server {
    binary: String,
    args: Vec<String>,
    log: std::path::PathBuf,
    child: Option<Child>,
}

impl Server {
    fn start(&mut self) {
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.log)
            .expect("a log file");
        let child = Command::new(&self.binary)
            .args(&self.args)
            .env("RUST_LOG", "warn")
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .unwrap_or_else(|err| panic!("could not start {}: {err}", self.binary));
        self.child = Some(child);
    }

    /// SIGKILL: no shutdown, no flush, as a power cut looks to the process.
    fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// One simulated device.
struct Device {
    replica: Replica,
    token: String,
    made: u64,
    /// Notice ids a 200 push answer covered.
    acknowledged: BTreeSet<String>,
}

impl Device {
    async fn push(&mut self, api: &Api) -> bool {
        let request = self.replica.push_request();
        if request.mutations.is_empty() {
            return true;
        }
        let body = serde_json::to_value(&request).expect("JSON");
        match api.post("/api/v1/push", Some(&self.token), &body).await {
            Answer::Status(200, _) => {
                for pushed in &request.mutations {
                    if let Some(id) = pushed.args["id"].as_str() {
                        self.acknowledged.insert(id.to_owned());
                    }
                }
                true
            }
            _ => false,
        }
    }

    /// Pulls every page; false if the server did not answer all of them.
    /// A `ClientStateNotFound` would mean the server lost data it had
    /// confirmed: counted as a divergence by the caller.
    async fn pull(&mut self, api: &Api) -> Result<bool, String> {
        loop {
            let body = serde_json::to_value(self.replica.pull_request()).expect("JSON");
            match api.post("/api/v1/pull", Some(&self.token), &body).await {
                Answer::Status(200, page) => {
                    if page.get("error").is_some() {
                        return Err(format!("pull refused: {page}"));
                    }
                    let page: PullResponse = serde_json::from_value(page).map_err(|err| err.to_string())?;
                    self.replica.apply_pull(&page);
                    if !page.more {
                        return Ok(true);
                    }
                }
                _ => return Ok(false),
            }
        }
    }

    fn make_change(&mut self, index: usize) {
        self.made += 1;
        let post = Mutation::PostNotice(PostNotice {
            id: format!("d{index}-n{}", self.made).parse().expect("an id"),
            title: format!("第{}号通知", self.made),
            body: "停电检修".into(),
        });
        self.replica
            .mutate(post, now())
            .expect("a new notice is always accepted");
    }
}

#[tokio::main]
async fn main() {
    let kills = env_number("LINLI_KILLS", 100);
    let clients = env_number("LINLI_KILL_CLIENTS", 4) as usize;
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
    for n in 0..clients {
        support::register(
            &database,
            &key,
            COMMUNITY,
            &format!("m{n}"),
            Role::Officer,
            &support::invite_code(run, n),
        )
        .await;
    }
    if let Database::Sqlite(pool, _) = &database {
        pool.close().await;
    }

    let port = {
        let probe = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
        probe.local_addr().expect("an address").port()
    };
    let dist = dir.path().join("dist");
    std::fs::create_dir_all(&dist).expect("a dist directory");
    let mut server = Server {
        binary,
        args: [
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
        .collect(),
        log: dir.path().join("server.log"),
        child: None,
    };
    server.start();
    let api = Api::new(format!("http://127.0.0.1:{port}"));
    assert!(
        api.wait_until_up(Duration::from_secs(30)).await,
        "the server starts"
    );

    let mut devices = Vec::new();
    for n in 0..clients {
        let token = support::join(&api, &support::invite_code(run, n)).await;
        let actor = Actor::new(format!("m{n}").parse().expect("an id"), [Role::Officer]);
        devices.push(Device {
            replica: Replica::new(
                format!("kill-c{n}").parse().expect("an id"),
                format!("kill-g{n}").parse().expect("an id"),
                actor,
            ),
            token,
            made: 0,
            acknowledged: BTreeSet::new(),
        });
    }

    let started = Instant::now();
    let stop = Arc::new(AtomicBool::new(false));
    let refusals = Arc::new(AtomicU64::new(0));
    let tasks: Vec<_> = devices
        .into_iter()
        .enumerate()
        .map(|(index, mut device)| {
            let (api, stop, refusals) = (api.clone(), stop.clone(), refusals.clone());
            tokio::spawn(async move {
                while !stop.load(Ordering::SeqCst) {
                    for _ in 0..rand::rng().random_range(1..=3) {
                        device.make_change(index);
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

    // The network heals: each device pushes and pulls until nothing is pending.
    let deadline = Instant::now() + Duration::from_secs(60);
    let mut stuck = 0;
    for device in &mut devices {
        loop {
            let done = device.push(&api).await && device.pull(&api).await == Ok(true);
            if done && device.replica.pending().is_empty() {
                break;
            }
            if Instant::now() > deadline {
                stuck += 1;
                break;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
    // Every device's copy is compared after the last push of all.
    for device in &mut devices {
        let _ = device.pull(&api).await;
    }
    server.kill();

    let database = Database::connect(&url, dir.path())
        .await
        .expect("the database opens");
    let stored = records(&database).await;
    let mut acknowledged = 0;
    let mut lost = 0;
    let mut diverged = refusals.load(Ordering::SeqCst) as usize;
    for device in &devices {
        acknowledged += device.acknowledged.len();
        lost += device
            .acknowledged
            .iter()
            .filter(|id| !stored.contains_key(&format!("notice/{id}")))
            .count();
        let visible: BTreeMap<String, Value> = stored
            .iter()
            .filter(|(key, _)| may_read(&device.replica.actor, key))
            .map(|(key, value)| (key.clone(), value.clone()))
            .collect();
        if device.replica.view() != &visible {
            diverged += 1;
        }
    }
    let doubled = stored.keys().filter(|key| key.starts_with("rejection/")).count();
    println!(
        "kill {backend}: {kills} kills, {clients} clients, {acknowledged} acknowledged mutations: \
         lost {lost}, doubled {doubled}, stuck {stuck}, diverged {diverged} ({:.0} s)",
        started.elapsed().as_secs_f64()
    );
    if lost + doubled + stuck + diverged > 0 {
        eprintln!(
            "server log: {}",
            std::fs::read_to_string(&server.log).unwrap_or_default()
        );
        std::process::exit(1);
    }
}

/// The community's records as stored, deleted ones left out.
async fn records(database: &Database) -> BTreeMap<String, Value> {
    let sql = "SELECT key, value FROM records WHERE community = $1 AND deleted = FALSE";
    let rows: Vec<(String, String)> = match database {
        Database::Sqlite(pool, _) => sqlx::query_as(sql).bind(COMMUNITY).fetch_all(pool).await,
        Database::Postgres(pool) => sqlx::query_as(sql).bind(COMMUNITY).fetch_all(pool).await,
    }
    .expect("the records");
    rows.into_iter()
        .map(|(key, value)| (key, serde_json::from_str(&value).expect("JSON")))
        .collect()
}
