//! What the fault benchmarks (kill_bench, cluster_bench) share: server
//! processes started, stopped and killed on demand, simulated devices that
//! post notices and remember which pushes were acknowledged, and the final
//! count of what was lost, doubled, stuck or diverged.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use linli_core::keys::may_read;
use linli_core::notices::NoticesMutation;
use linli_core::notices::PostNotice;
use linli_core::protocol::PullResponse;
use linli_core::replica::Replica;
use linli_core::{Actor, Mutation, Role};
use linli_server::secrets::ServerKey;
use linli_server::Database;
use serde_json::Value;

use super::{now, Answer, Api};

/// A `linli-server` process.
pub struct ServerProcess {
    pub binary: String,
    pub args: Vec<String>,
    pub log: PathBuf,
    child: Option<Child>,
}

impl ServerProcess {
    pub fn new(binary: &str, args: Vec<String>, log: PathBuf) -> ServerProcess {
        ServerProcess {
            binary: binary.to_owned(),
            args,
            log,
            child: None,
        }
    }

    pub fn start(&mut self) {
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
    pub fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// SIGTERM, as systemd stops a service for an upgrade: the server stops
    /// taking connections and finishes the requests it has. Waits for it.
    pub fn terminate(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = Command::new("kill")
                .args(["-TERM", &child.id().to_string()])
                .status();
            let _ = child.wait();
        }
    }

    pub fn log_text(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        self.kill();
    }
}

/// One simulated device, posting notices.
pub struct Device {
    pub replica: Replica,
    pub token: String,
    /// Ids of the notices this device makes start with it.
    pub prefix: String,
    pub made: u64,
    /// Notice ids a 200 push answer covered.
    pub acknowledged: BTreeSet<String>,
    /// Requests with no answer or an error answer (not counting 429).
    pub failed: u64,
    /// Requests answered 429: slowed down by the rate limit.
    pub limited: u64,
}

impl Device {
    pub fn new(replica: Replica, token: String, prefix: String) -> Device {
        Device {
            replica,
            token,
            prefix,
            made: 0,
            acknowledged: BTreeSet::new(),
            failed: 0,
            limited: 0,
        }
    }

    /// Pushes what is pending; true if the server answered 200.
    pub async fn push(&mut self, api: &Api) -> bool {
        self.push_copies(api, 1).await
    }

    /// Sends the same push `copies` times at once, as a client that timed
    /// out and retried while its first request was still on its way: through
    /// a proxy the copies reach different instances. True if any was
    /// answered 200 (the client then counts the push as done).
    pub async fn push_copies(&mut self, api: &Api, copies: usize) -> bool {
        let request = self.replica.push_request();
        if request.mutations.is_empty() {
            return true;
        }
        let body = serde_json::to_value(&request).expect("JSON");
        let answers = futures::future::join_all(
            (0..copies).map(|_| api.post("/api/v1/push", Some(&self.token), &body)),
        )
        .await;
        let mut accepted = false;
        for answer in answers {
            accepted |= self.count(&answer);
        }
        if accepted {
            for pushed in &request.mutations {
                if let Some(id) = pushed.args["id"].as_str() {
                    self.acknowledged.insert(id.to_owned());
                }
            }
        }
        accepted
    }

    /// Counts a failed or limited answer; true for a 200.
    fn count(&mut self, answer: &Answer) -> bool {
        match answer {
            Answer::Status(200, _) => return true,
            Answer::Status(429, _) => self.limited += 1,
            _ => self.failed += 1,
        }
        false
    }

    /// Pulls every page; false if the server did not answer all of them.
    /// A `ClientStateNotFound` would mean the server lost data it had
    /// confirmed: counted as a divergence by the caller.
    pub async fn pull(&mut self, api: &Api) -> Result<bool, String> {
        loop {
            let body = serde_json::to_value(self.replica.pull_request()).expect("JSON");
            let answer = api.post("/api/v1/pull", Some(&self.token), &body).await;
            self.count(&answer);
            match answer {
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

    pub fn make_change(&mut self) {
        self.made += 1;
        let post = Mutation::Notices(NoticesMutation::PostNotice(PostNotice {
            id: format!("{}-n{}", self.prefix, self.made).parse().expect("an id"),
            title: format!("第{}号通知", self.made),
            body: "停电检修".into(),
        }));
        self.replica
            .mutate(post, now())
            .expect("a new notice is always accepted");
    }
}

/// Registers `count` officers `m0`, `m1`, … of `community`, straight in the
/// database, with the invite codes of run `run`.
pub async fn register_officers(
    database: &Database,
    key: &ServerKey,
    community: &str,
    run: u32,
    count: usize,
) {
    for n in 0..count {
        super::register(
            database,
            key,
            community,
            &format!("m{n}"),
            Role::Officer,
            &super::invite_code(run, n),
        )
        .await;
    }
}

/// A device for each of the `count` officers `register_officers` made,
/// joined through `api`; client ids start with `prefix`.
pub async fn join_officers(api: &Api, run: u32, count: usize, prefix: &str) -> Vec<Device> {
    let mut devices = Vec::new();
    for n in 0..count {
        let token = super::join(api, &super::invite_code(run, n)).await;
        let actor = Actor::new(format!("m{n}").parse().expect("an id"), [Role::Officer]);
        let replica = Replica::new(
            format!("{prefix}-c{n}").parse().expect("an id"),
            format!("{prefix}-g{n}").parse().expect("an id"),
            actor,
        );
        devices.push(Device::new(replica, token, format!("d{n}")));
    }
    devices
}

/// The network heals: each device pushes and pulls until nothing is
/// pending, then pulls once more after the last push of all. How many
/// devices were still pending after `within`.
pub async fn heal(devices: &mut [Device], api: &Api, within: Duration) -> usize {
    let deadline = Instant::now() + within;
    let mut stuck = 0;
    for device in devices.iter_mut() {
        loop {
            let done = device.push(api).await && device.pull(api).await == Ok(true);
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
    for device in devices.iter_mut() {
        let _ = device.pull(api).await;
    }
    stuck
}

/// What the server holds against what the devices were told.
pub struct Tally {
    pub acknowledged: usize,
    /// Acknowledged, and not on the server.
    pub lost: usize,
    /// Applied twice: the second application is refused (the notice exists
    /// already), which leaves a rejection record.
    pub doubled: usize,
    /// Devices whose copy differs from what the server holds for them.
    pub diverged: usize,
}

impl Tally {
    pub async fn count(database: &Database, community: &str, devices: &[Device]) -> Tally {
        let stored = records(database, community).await;
        let mut tally = Tally {
            acknowledged: 0,
            lost: 0,
            doubled: stored.keys().filter(|key| key.starts_with("rejection/")).count(),
            diverged: 0,
        };
        for device in devices {
            tally.acknowledged += device.acknowledged.len();
            tally.lost += device
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
                tally.diverged += 1;
            }
        }
        tally
    }
}

/// The community's records as stored, deleted ones left out.
pub async fn records(database: &Database, community: &str) -> BTreeMap<String, Value> {
    let sql = "SELECT key, value FROM records WHERE community = $1 AND deleted = FALSE";
    let rows: Vec<(String, String)> = match database {
        Database::Sqlite(pool, _) => sqlx::query_as(sql).bind(community).fetch_all(pool).await,
        Database::Postgres(pool) => sqlx::query_as(sql).bind(community).fetch_all(pool).await,
    }
    .expect("the records");
    rows.into_iter()
        .map(|(key, value)| (key, serde_json::from_str(&value).expect("JSON")))
        .collect()
}

/// A port nothing listens on now.
pub fn free_port() -> u16 {
    let probe = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
    probe.local_addr().expect("an address").port()
}
