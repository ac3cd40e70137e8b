//! Several instances over one PostgreSQL behind nginx, restarted one after
//! another while devices push and pull through the proxy: the district
//! set-up of docs/DEPLOY.md and an upgrade done the way it says. Run by
//! `bench/cluster.sh`, which prints: instances, restarts, clients,
//! acknowledged mutations, lost, doubled, stuck, diverged (the last four
//! must be 0), and how many requests failed or were slowed by the limits.
//!
//! nginx runs with `deploy/nginx/linli-proxy.conf`, the lines the guide
//! installs. It sends a request an instance dropped to the next instance,
//! pushes included; a third of the pushes are also sent twice at once, as
//! a client that timed out and retried: the copies reach different
//! instances. Each instance is stopped with SIGTERM, as systemd stops it.
//!
//! Environment: `LINLI_CLUSTER_POSTGRES_URL` (a PostgreSQL admin URL; the
//! run gets a fresh database there), `LINLI_CLUSTER_INSTANCES` (3),
//! `LINLI_CLUSTER_ROUNDS` (rounds of restarting every instance; 10),
//! `LINLI_CLUSTER_CLIENTS` (6), `LINLI_SERVER_BIN` (default
//! target/server/linli-server), `LINLI_NGINX` (default nginx).

#[path = "support/mod.rs"]
mod support;

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use rand::Rng;
use support::fleet::{self, free_port, heal, ServerProcess, Tally};
use support::Api;

const COMMUNITY: &str = "cluster";

/// As deploy/nginx/linli.conf marks its instances: one failed attempt takes
/// an instance out for a second. nginx's default (10 s) would still count a
/// restarted instance as down while the next one restarts, and with three
/// instances it would soon count none as up.
const UPSTREAM_CHECKS: &str = "max_fails=1 fail_timeout=1s";

/// How long an upgrade waits after an instance answers again before it
/// stops the next one (docs/DEPLOY.md): longer than `fail_timeout`.
const SETTLE: Duration = Duration::from_millis(1500);

/// nginx in the foreground, stopped when dropped.
struct Nginx(Child);

impl Nginx {
    fn start(dir: &Path, port: u16, instances: &[u16]) -> Nginx {
        let proxy_lines = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../deploy/nginx/linli-proxy.conf");
        let proxy_lines = proxy_lines.canonicalize().expect("deploy/nginx/linli-proxy.conf");
        let upstream: String = instances
            .iter()
            .map(|port| format!("        server 127.0.0.1:{port} {UPSTREAM_CHECKS};\n"))
            .collect();
        let temp = dir.join("nginx-temp");
        std::fs::create_dir_all(&temp).expect("nginx's temporary folder");
        // Run by root, nginx's workers become `nobody`, who may not enter
        // the run's private folder.
        let as_root = Command::new("id")
            .arg("-u")
            .output()
            .is_ok_and(|out| out.stdout.trim_ascii() == b"0");
        let d = dir.display();
        let t = temp.display();
        let config = format!(
            "{user}daemon off;\nworker_processes 1;\npid {d}/nginx.pid;\nerror_log {d}/nginx-error.log warn;\n\
             events {{ worker_connections 1024; }}\n\
             http {{\n    access_log off;\n\
                 client_body_temp_path {t}/body;\n    proxy_temp_path {t}/proxy;\n    fastcgi_temp_path {t}/fastcgi;\n\
                 uwsgi_temp_path {t}/uwsgi;\n    scgi_temp_path {t}/scgi;\n\
                 upstream linli {{\n{upstream}        keepalive 32;\n    }}\n\
                 server {{\n        listen 127.0.0.1:{port};\n        location / {{\n            proxy_pass http://linli;\n\
                             include {proxy};\n        }}\n    }}\n}}\n",
            user = if as_root { "user root;\n" } else { "" },
            proxy = proxy_lines.display(),
        );
        let config_file = dir.join("nginx.conf");
        std::fs::write(&config_file, config).expect("nginx.conf");
        let nginx = std::env::var("LINLI_NGINX").unwrap_or_else(|_| "nginx".into());
        let child = Command::new(&nginx)
            .arg("-p")
            .arg(dir)
            .arg("-c")
            .arg(&config_file)
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap_or_else(|err| panic!("could not start {nginx} ({err}): apt-get install nginx"));
        Nginx(child)
    }
}

impl Drop for Nginx {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[tokio::main]
async fn main() {
    let instances = support::env_number("LINLI_CLUSTER_INSTANCES", 3) as usize;
    let rounds = support::env_number("LINLI_CLUSTER_ROUNDS", 10);
    let clients = support::env_number("LINLI_CLUSTER_CLIENTS", 6) as usize;
    let binary = std::env::var("LINLI_SERVER_BIN").unwrap_or_else(|_| "target/server/linli-server".into());
    let postgres = std::env::var("LINLI_CLUSTER_POSTGRES_URL")
        .expect("LINLI_CLUSTER_POSTGRES_URL: instances share a PostgreSQL database");
    let dir = tempfile::tempdir().expect("a temporary directory");
    let (url, database) = support::fresh_database(Some(&postgres), dir.path()).await;
    database
        .create_community(COMMUNITY, "多实例测试社区", "Cluster test")
        .await
        .expect("the community");
    // One key for all: each instance must find the codes and tokens the
    // others stored.
    let key_file = dir.path().join("secret.key");
    let key = support::server_key(dir.path());
    let run = std::process::id();
    fleet::register_officers(&database, &key, COMMUNITY, run, clients).await;

    let dist = dir.path().join("dist");
    std::fs::create_dir_all(&dist).expect("a dist directory");
    let ports: Vec<u16> = (0..instances).map(|_| free_port()).collect();
    let mut servers: Vec<ServerProcess> = ports
        .iter()
        .enumerate()
        .map(|(n, port)| {
            let data_dir = dir.path().join(format!("instance-{n}"));
            let args = [
                "--bind",
                &format!("127.0.0.1:{port}"),
                "--database-url",
                &url,
                "--data-dir",
                &data_dir.display().to_string(),
                "--secret-key-file",
                &key_file.display().to_string(),
                "--dist-dir",
                &dist.display().to_string(),
                "--trust-forwarded-for",
            ]
            .iter()
            .map(|arg| arg.to_string())
            .collect();
            ServerProcess::new(&binary, args, dir.path().join(format!("instance-{n}.log")))
        })
        .collect();
    let direct: Vec<Api> = ports
        .iter()
        .map(|port| Api::new(format!("http://127.0.0.1:{port}")))
        .collect();
    for (server, api) in servers.iter_mut().zip(&direct) {
        server.start();
        assert!(
            api.wait_until_up(Duration::from_secs(30)).await,
            "an instance starts"
        );
    }
    let proxy_port = free_port();
    let _nginx = Nginx::start(dir.path(), proxy_port, &ports);
    let api = Api::new(format!("http://127.0.0.1:{proxy_port}"));
    assert!(api.wait_until_up(Duration::from_secs(30)).await, "nginx starts");

    let devices = fleet::join_officers(&api, run, clients, "cluster").await;

    let started = Instant::now();
    let stop = Arc::new(AtomicBool::new(false));
    let tasks: Vec<_> = devices
        .into_iter()
        .map(|mut device| {
            let (api, stop) = (api.clone(), stop.clone());
            tokio::spawn(async move {
                let mut refused = 0;
                while !stop.load(Ordering::SeqCst) {
                    for _ in 0..rand::rng().random_range(1..=3) {
                        device.make_change();
                    }
                    let copies = if rand::rng().random_range(0..3) == 0 { 2 } else { 1 };
                    let pulled = if device.push_copies(&api, copies).await {
                        device.pull(&api).await
                    } else {
                        Ok(false)
                    };
                    if pulled.is_err() {
                        refused += 1;
                    }
                    // A device syncs every little while, not in a busy loop.
                    let pause = Duration::from_millis(rand::rng().random_range(20..120));
                    tokio::time::sleep(pause).await;
                }
                (device, refused)
            })
        })
        .collect();

    let mut restarts = 0;
    for _ in 0..rounds {
        for (server, instance) in servers.iter_mut().zip(&direct) {
            let pause = Duration::from_millis(rand::rng().random_range(0..500));
            tokio::time::sleep(SETTLE + pause).await;
            server.terminate();
            server.start();
            assert!(
                instance.wait_until_up(Duration::from_secs(30)).await,
                "an instance restarts"
            );
            restarts += 1;
        }
    }
    stop.store(true, Ordering::SeqCst);
    let mut devices = Vec::new();
    let mut refused = 0;
    for task in tasks {
        let (device, refusals) = task.await.expect("a client task");
        devices.push(device);
        refused += refusals;
    }
    let failed: u64 = devices.iter().map(|device| device.failed).sum();
    let limited: u64 = devices.iter().map(|device| device.limited).sum();

    let stuck = heal(&mut devices, &api, Duration::from_secs(60)).await;
    let tally = Tally::count(&database, COMMUNITY, &devices).await;
    let diverged = tally.diverged + refused;
    let Tally {
        acknowledged,
        lost,
        doubled,
        ..
    } = tally;
    println!(
        "cluster postgres: {instances} instances behind nginx, {restarts} restarts (SIGTERM), {clients} clients, \
         {acknowledged} acknowledged mutations: lost {lost}, doubled {doubled}, stuck {stuck}, diverged {diverged}; \
         requests failed {failed}, slowed by limits {limited} ({:.0} s)",
        started.elapsed().as_secs_f64()
    );
    if lost + doubled + stuck + diverged > 0 {
        for server in &servers {
            eprintln!("{}: {}", server.log.display(), server.log_text());
        }
        std::process::exit(1);
    }
}
