//! docs/DEPLOY.md's office-PC set-up, command by command, with the real
//! `linli-server` binary: the local authority, the first administrator, the
//! server started as deploy/linli.service starts it with deploy/office.env
//! (HTTPS, the plain listener, scheduled backups), a backup taken while it
//! serves, and a restore after it stops. Only the ports (443 and 80 need
//! root) and the folders differ from the guide. Then the district's
//! PostgreSQL backup and restore, with pg_dump, pg_restore and psql.

mod common;

use std::net::SocketAddr;
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use hyper_util::rt::TokioIo;
use serde_json::{json, Value};
use tokio::net::TcpStream;
use tokio_rustls::rustls::pki_types::ServerName;

const SERVER: &str = env!("CARGO_BIN_EXE_linli-server");

fn linli_server(args: &[&str]) -> Output {
    Command::new(SERVER)
        .args(args)
        .output()
        .expect("linli-server runs")
}

fn succeeded(output: &Output) -> String {
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        output.status.success(),
        "linli-server failed: {stdout}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    stdout
}

/// A client of the office server that trusts only the office's authority,
/// as a phone does once it has installed it from `/ca`.
struct Phone {
    connector: tokio_rustls::TlsConnector,
    address: SocketAddr,
}

impl Phone {
    fn new(ca_pem: &Path, address: SocketAddr) -> Phone {
        Phone {
            connector: common::tls_client(ca_pem, &[b"http/1.1"]),
            address,
        }
    }

    /// `POST path` with `body` over HTTPS at linli.lan; `None` if nothing answers.
    async fn post(&self, path: &str, token: Option<&str>, body: &Value) -> Option<(StatusCode, Value)> {
        let tcp = TcpStream::connect(self.address).await.ok()?;
        let name = ServerName::try_from("linli.lan").unwrap();
        let stream = self.connector.connect(name, tcp).await.ok()?;
        let (mut sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
            .await
            .ok()?;
        tokio::spawn(connection);
        let mut request = Request::post(path)
            .header("host", "linli.lan")
            .header("content-type", "application/json");
        if let Some(token) = token {
            request = request.header("authorization", format!("Bearer {token}"));
        }
        let request = request
            .body(http_body_util::Full::new(bytes::Bytes::from(body.to_string())))
            .unwrap();
        let response = sender.send_request(request).await.ok()?;
        let status = response.status();
        let bytes = response.into_body().collect().await.ok()?.to_bytes();
        Some((status, serde_json::from_slice(&bytes).unwrap_or(Value::Null)))
    }

    async fn wait_until_up(&self) {
        let deadline = Instant::now() + Duration::from_secs(30);
        while self.post("/api/v1/health", None, &Value::Null).await.is_none() {
            assert!(Instant::now() < deadline, "linli-server serve did not start");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

/// A file of deploy/.
fn deploy_file(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../deploy")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|err| panic!("{}: {err}", path.display()))
}

/// What the unit's `ExecStart` runs, after the binary.
fn unit_arguments() -> Vec<String> {
    let unit = deploy_file("linli.service");
    let line = unit
        .lines()
        .find_map(|line| line.strip_prefix("ExecStart="))
        .expect("an ExecStart line");
    line.split_whitespace().skip(1).map(str::to_owned).collect()
}

/// The settings of an environment file of deploy/, with the guide's
/// folders and ports replaced by the test's.
fn environment(name: &str, replace: &[(&str, &str)]) -> Vec<(String, String)> {
    deploy_file(name)
        .lines()
        .filter(|line| !line.trim_start().starts_with('#') && line.contains('='))
        .map(|line| {
            let (key, value) = line.split_once('=').unwrap();
            let value = replace
                .iter()
                .fold(value.to_owned(), |value, (from, to)| value.replace(from, to));
            (key.to_owned(), value)
        })
        .collect()
}

/// `linli-server serve` in the background.
struct Serving(Child);

impl Serving {
    fn start(args: &[String], environment: &[(String, String)]) -> Serving {
        Serving(
            Command::new(SERVER)
                .args(args)
                .envs(environment.iter().cloned())
                .env("RUST_LOG", "warn")
                .stdout(Stdio::null())
                .spawn()
                .expect("linli-server serve starts"),
        )
    }

    /// As `systemctl stop` does: SIGTERM, then wait.
    fn stop(mut self) {
        let _ = Command::new("kill")
            .args(["-TERM", &self.0.id().to_string()])
            .status();
        self.0.wait().unwrap();
    }
}

impl Drop for Serving {
    fn drop(&mut self) {
        let _ = self.0.kill();
    }
}

fn pull(group: &str) -> Value {
    json!({ "pullVersion": 1, "clientGroupID": group, "cookie": null, "profileID": "", "schemaVersion": "1" })
}

#[tokio::test]
async fn the_office_pc_guide_runs_as_written() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("linli");
    let backups = dir.path().join("backups");
    let data_dir = data.to_str().unwrap();

    // 1. The office's own authority and this PC's certificate.
    let made = succeeded(&linli_server(&[
        "local-ca",
        "--data-dir",
        data_dir,
        "--name",
        "linli.lan",
        "--address",
        "127.0.0.1",
    ]));
    assert!(
        made.contains("/ca"),
        "it says where phones get the authority: {made}"
    );
    let tls_dir = data.join("tls");

    // 2. The first administrator, and the code their phone joins with.
    let said = succeeded(&linli_server(&[
        "admin",
        "--data-dir",
        data_dir,
        "--community",
        "lianjiaying",
        "--community-name",
        "连家营村",
        "--name",
        "连志刚",
    ]));
    let code = said
        .lines()
        .find_map(|line| line.strip_prefix("邀请码 Invite code: "))
        .unwrap_or_else(|| panic!("no code in: {said}"))
        .trim()
        .to_owned();

    // 3. Serving as the unit does with office.env: HTTPS, plain HTTP
    //    beside it, a backup every day.
    let (https_port, http_port) = (common::free_port(), common::free_port());
    let bind = format!("127.0.0.1:{https_port}");
    let http_bind = format!("127.0.0.1:{http_port}");
    let serve_args = unit_arguments();
    let settings = environment(
        "office.env",
        &[
            ("/var/lib/linli", data_dir),
            ("/var/backups/linli", backups.to_str().unwrap()),
            ("0.0.0.0:443", &bind),
            ("0.0.0.0:80", &http_bind),
        ],
    );
    let serving = Serving::start(&serve_args, &settings);
    let phone = Phone::new(&tls_dir.join("ca.crt"), bind.parse().unwrap());
    phone.wait_until_up().await;
    let (status, joined) = phone
        .post("/api/v1/join", None, &json!({ "code": code }))
        .await
        .unwrap();
    assert_eq!(status, StatusCode::OK, "{joined}");
    let token = joined["token"].as_str().unwrap().to_owned();
    let (status, _) = phone
        .post("/api/v1/pull", Some(&token), &pull("phone"))
        .await
        .unwrap();
    assert_eq!(status, StatusCode::OK);

    // 4. A backup by hand while it serves; a restore is refused meanwhile.
    let manual = dir.path().join("before-the-upgrade.db");
    succeeded(&linli_server(&[
        "backup",
        "--data-dir",
        data_dir,
        manual.to_str().unwrap(),
    ]));
    assert!(manual.metadata().unwrap().len() > 0);
    let refused = linli_server(&["restore", "--data-dir", data_dir, manual.to_str().unwrap()]);
    assert!(
        !refused.status.success(),
        "a restore under a running server is refused"
    );
    assert!(
        String::from_utf8_lossy(&refused.stderr).contains("stop"),
        "and says to stop the server: {}",
        String::from_utf8_lossy(&refused.stderr)
    );
    // The scheduled backup made at start is there too (written beside
    // under another name, then renamed: a finished file or none).
    let deadline = Instant::now() + Duration::from_secs(30);
    let scheduled = loop {
        let finished: Vec<_> = std::fs::read_dir(&backups)
            .into_iter()
            .flatten()
            .filter_map(|entry| entry.ok())
            .filter(|entry| entry.file_name().to_string_lossy().ends_with(".db"))
            .collect();
        if !finished.is_empty() || Instant::now() > deadline {
            break finished;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    assert_eq!(scheduled.len(), 1, "one scheduled backup at start");

    // 5. Stopped, restored, started again: the member is still there, and
    //    the phone is told to start its sync over.
    serving.stop();
    succeeded(&linli_server(&[
        "restore",
        "--data-dir",
        data_dir,
        manual.to_str().unwrap(),
    ]));
    let _serving = Serving::start(&serve_args, &settings);
    phone.wait_until_up().await;
    let mut again = pull("phone");
    again["cookie"] = json!({ "order": 1 });
    let (status, answer) = phone.post("/api/v1/pull", Some(&token), &again).await.unwrap();
    assert_eq!(status, StatusCode::OK, "{answer}");
    assert_eq!(answer["error"], "ClientStateNotFound", "{answer}");
}

/// Runs a PostgreSQL client tool; panics with its output if it fails.
fn postgres_tool(program: &str, args: &[&str]) {
    let output = Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|err| panic!("{program} ({err}): apt-get install postgresql-client"));
    assert!(
        output.status.success(),
        "{program} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[tokio::test]
async fn the_district_backs_postgres_up_and_restores_it_as_the_guide_says() {
    let url = common::postgres_database_url().await;
    let database = linli_server::Database::connect(&url, Path::new("."))
        .await
        .unwrap();
    let app = common::TestApp::seeded(database.clone()).await;
    let token = app.join_as(linli_core::Role::Officer).await;
    let notice = |id: &str| json!({ "id": id, "title": id, "body": "" });
    common::push_one(&app, &token, "phone", 1, "postNotice", notice("before-dump")).await;
    let (_, first) = app.post("/api/v1/pull", Some(&token), &pull("g-phone")).await;
    let cookie = first["cookie"].clone();

    let dump = tempfile::tempdir().unwrap();
    let dump_file = dump.path().join("linli-2026-12-01.dump");
    postgres_tool("pg_dump", &["-Fc", "-d", &url, "-f", dump_file.to_str().unwrap()]);
    common::push_one(&app, &token, "phone", 2, "postNotice", notice("after-dump")).await;

    // Every instance stopped: here, the one pool closed.
    database.close().await;
    postgres_tool(
        "pg_restore",
        &["--clean", "-d", &url, dump_file.to_str().unwrap()],
    );
    // The statement docs/DEPLOY.md gives, read from there.
    let guide =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/DEPLOY.md")).unwrap();
    let statement = guide
        .split("psql linli -c '")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .expect("the guide's psql statement");
    postgres_tool("psql", &[&url, "-c", statement]);

    let restored = linli_server::Database::connect(&url, Path::new("."))
        .await
        .unwrap();
    let key = app.key.clone();
    let app = common::TestApp::build(restored, |state| state.key = key).await;
    let mut again = pull("g-phone");
    again["cookie"] = cookie;
    let (status, answer) = app.post("/api/v1/pull", Some(&token), &again).await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    assert_eq!(
        answer["error"], "ClientStateNotFound",
        "the phone starts its sync over"
    );
    // Its first change, pushed before it pulls, is not applied under the old group.
    let early = common::push_one(&app, &token, "phone", 1, "postNotice", notice("unsent")).await;
    assert_eq!(early["error"], "ClientStateNotFound");
    let (records, _) = common::pull_all(&app, &token, "g-phone-again").await;
    assert!(records.contains_key("notice/before-dump"));
    assert!(
        !records.contains_key("notice/after-dump"),
        "the dump's moment, not later"
    );
}
