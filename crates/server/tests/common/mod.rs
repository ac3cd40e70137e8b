//! Test helpers: a built-app directory, and databases on both backends.

#![allow(dead_code)] // each test file uses its own part of the helpers

use std::path::Path;
use std::sync::atomic::{AtomicU32, Ordering};

use axum::body::Body;
use axum::http::{Request, Response};
use axum::Router;
use http_body_util::BodyExt;
use linli_server::{app, AppState, Database};
use tempfile::TempDir;
use tower::ServiceExt;

pub const HASHED_JS: &str = "linli-0123456789abcdef.js";
pub const HASHED_WASM: &str = "linli-0123456789abcdef_bg.wasm";
pub const HASHED_CSS: &str = "main-fedcba9876543210.css";
pub const INDEX_HTML: &str = "<!DOCTYPE html><html lang=\"zh-CN\"><title>邻里 Linli</title></html>";

/// A server over a fresh database and a `dist/` shaped like trunk's output.
pub struct TestApp {
    pub router: Router,
    pub dirs: TempDir,
    /// The server's key (what its tokens and codes are stored under).
    pub key: linli_server::secrets::ServerKey,
    pub database: Database,
}

impl TestApp {
    pub async fn new(database: Database) -> Self {
        Self::build(database, |_| {}).await
    }

    /// A server over `database`, its state changed by `configure` first.
    pub async fn build(database: Database, configure: impl FnOnce(&mut AppState)) -> Self {
        let dirs = tempfile::tempdir().expect("a temporary directory");
        let dist = dirs.path().join("dist");
        write_dist(&dist);
        database.migrate().await.expect("migrations apply");
        let mut state = AppState::new(database.clone(), dist);
        configure(&mut state);
        let key = state.key.clone();
        Self {
            router: app(state),
            dirs,
            key,
            database,
        }
    }

    /// Seeds the demo at `now` with this server's key.
    pub async fn seed_demo(&self, now: linli_core::Timestamp) {
        linli_server::demo::seed(&self.database, &self.key, now)
            .await
            .expect("the demo seeds");
    }

    pub async fn on_sqlite() -> Self {
        Self::new(sqlite_database().await).await
    }

    pub async fn get(&self, path: &str) -> Response<Body> {
        self.get_with(path, &[]).await
    }

    pub async fn get_with(&self, path: &str, headers: &[(&str, &str)]) -> Response<Body> {
        let mut request = Request::get(path);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        self.router
            .clone()
            .oneshot(request.body(Body::empty()).unwrap())
            .await
            .expect("the router always answers")
    }
}

/// Every file kind a first visit downloads, each with `.br` and `.gz` twins
/// whose bytes say which twin was sent.
fn write_dist(dist: &Path) {
    std::fs::create_dir_all(dist.join("icons")).unwrap();
    let files: [(&str, &[u8]); 6] = [
        ("index.html", INDEX_HTML.as_bytes()),
        (HASHED_JS, b"export default function init() {}"),
        (HASHED_WASM, b"\0asm\x01\0\0\0"),
        (HASHED_CSS, b"body { margin: 0 }"),
        ("sw.js", b"self.addEventListener('fetch', () => {});"),
        ("manifest.webmanifest", r#"{"name":"邻里 Linli"}"#.as_bytes()),
    ];
    for (name, contents) in files {
        std::fs::write(dist.join(name), contents).unwrap();
        std::fs::write(dist.join(format!("{name}.br")), format!("brotli of {name}")).unwrap();
        std::fs::write(dist.join(format!("{name}.gz")), format!("gzip of {name}")).unwrap();
    }
    std::fs::write(dist.join("icons/icon-192.png"), b"\x89PNG\r\n\x1a\n").unwrap();
}

pub async fn body_text(response: Response<Body>) -> String {
    let bytes = response.into_body().collect().await.expect("a body").to_bytes();
    String::from_utf8(bytes.to_vec()).expect("a UTF-8 body")
}

pub async fn body_json(response: Response<Body>) -> serde_json::Value {
    serde_json::from_str(&body_text(response).await).expect("a JSON body")
}

pub fn header<'a>(response: &'a Response<Body>, name: &str) -> Option<&'a str> {
    response
        .headers()
        .get(name)
        .map(|value| value.to_str().expect("an ASCII header"))
}

/// The system clock, as the servers the tests build read it.
pub fn now() -> linli_core::Timestamp {
    (linli_server::http::system_clock())()
}

/// A port nothing listens on now.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A TLS client that trusts only the roots in `ca_pem` (a phone that has
/// installed the office's authority) and offers `alpn`.
pub fn tls_client(ca_pem: &Path, alpn: &[&[u8]]) -> tokio_rustls::TlsConnector {
    use tokio_rustls::rustls;
    use tokio_rustls::rustls::pki_types::pem::PemObject;
    let mut roots = rustls::RootCertStore::empty();
    for cert in rustls::pki_types::CertificateDer::pem_file_iter(ca_pem).expect("a PEM file") {
        roots.add(cert.expect("a certificate")).expect("a root");
    }
    let mut config = rustls::ClientConfig::builder_with_provider(linli_server::tls::provider())
        .with_safe_default_protocol_versions()
        .expect("TLS 1.2 and 1.3")
        .with_root_certificates(roots)
        .with_no_client_auth();
    config.alpn_protocols = alpn.iter().map(|protocol| protocol.to_vec()).collect();
    tokio_rustls::TlsConnector::from(std::sync::Arc::new(config))
}

/// A fresh SQLite database file in its own directory, kept for the test's life.
pub async fn sqlite_database() -> Database {
    let dir = tempfile::tempdir().expect("a temporary directory").keep();
    let url = format!("sqlite://{}", dir.join("linli.db").display());
    Database::connect(&url, &dir).await.expect("SQLite opens")
}

/// A fresh, empty database on the PostgreSQL that `./dev.sh test` started.
pub async fn postgres_database() -> Database {
    let url = postgres_database_url().await;
    Database::connect(&url, Path::new("."))
        .await
        .expect("the new database accepts connections")
}

/// Creates a fresh, empty database on the test PostgreSQL and returns its
/// URL, for a test that connects to it more than once (two server instances).
pub async fn postgres_database_url() -> String {
    let admin_url = std::env::var("LINLI_TEST_POSTGRES_URL").expect(
        "LINLI_TEST_POSTGRES_URL is not set: run the tests with `./dev.sh test`, which starts PostgreSQL",
    );
    let name = unique_database_name();
    let admin = Database::connect(&admin_url, Path::new("."))
        .await
        .expect("the test PostgreSQL accepts connections");
    let Database::Postgres(pool) = &admin else {
        panic!("LINLI_TEST_POSTGRES_URL must be a postgres:// URL");
    };
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(pool)
        .await
        .expect("CREATE DATABASE");
    pool.close().await;
    let (server, _) = admin_url.rsplit_once('/').expect("a URL with a database name");
    format!("{server}/{name}")
}

/// A fresh SQLite file's URL, for a test that opens it more than once.
pub fn sqlite_database_url() -> (String, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("a temporary directory").keep();
    (format!("sqlite://{}", dir.join("linli.db").display()), dir)
}

fn unique_database_name() -> String {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .subsec_nanos();
    format!(
        "linli_test_{}_{}_{}",
        std::process::id(),
        nanos,
        COUNTER.fetch_add(1, Ordering::Relaxed)
    )
}

/// Runs each listed `async fn(Database)` as two tests, `sqlite::name` and
/// `postgres::name`: the same suite on both backends.
#[macro_export]
macro_rules! on_both_backends {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $( #[tokio::test] async fn $name() { super::$name($crate::common::sqlite_database().await).await } )*
        }
        mod postgres {
            $( #[tokio::test] async fn $name() { super::$name($crate::common::postgres_database().await).await } )*
        }
    };
}

/// The demo community most tests use, and its members' ids by role.
pub const COMMUNITY: &str = "jinyu-wenyuan";

pub fn member_id(role: linli_core::Role) -> String {
    linli_server::db::DEMO_COMMUNITIES[0].member_id(role)
}

impl TestApp {
    /// A server over `database` with the demo seeded now.
    pub async fn seeded(database: Database) -> Self {
        let app = Self::new(database).await;
        app.seed_demo(now()).await;
        app
    }

    /// Seeded, without the limits on how often a device may sync: for the
    /// races that pull and push as fast as they can (the limits are
    /// tested on their own, tests/identity.rs).
    pub async fn seeded_unlimited(database: Database) -> Self {
        let app = Self::build(database, |state| {
            state.limits = std::sync::Arc::new(linli_server::http::limits::Limits::unlimited());
        })
        .await;
        app.seed_demo(now()).await;
        app
    }

    /// POSTs `body` as JSON with an optional bearer token; the status and the raw body.
    pub async fn post_raw(
        &self,
        path: &str,
        token: Option<&str>,
        body: String,
    ) -> (axum::http::StatusCode, String) {
        let mut request = Request::post(path).header("content-type", "application/json");
        if let Some(token) = token {
            request = request.header("authorization", format!("Bearer {token}"));
        }
        let response = self
            .router
            .clone()
            .oneshot(request.body(Body::from(body)).unwrap())
            .await
            .expect("the router always answers");
        let status = response.status();
        (status, body_text(response).await)
    }

    /// POSTs JSON; the status and the parsed JSON answer (`null` for an empty one).
    pub async fn post(
        &self,
        path: &str,
        token: Option<&str>,
        body: &serde_json::Value,
    ) -> (axum::http::StatusCode, serde_json::Value) {
        let (status, text) = self.post_raw(path, token, body.to_string()).await;
        let json = if text.is_empty() {
            serde_json::Value::Null
        } else {
            serde_json::from_str(&text).expect("a JSON answer")
        };
        (status, json)
    }

    /// GETs `path` with a bearer token; the status and the JSON answer.
    pub async fn get_json(&self, path: String, token: &str) -> (axum::http::StatusCode, serde_json::Value) {
        let bearer = format!("Bearer {token}");
        let response = self.get_with(&path, &[("authorization", &bearer)]).await;
        let status = response.status();
        (status, body_json(response).await)
    }

    /// Joins as the demo member of `role` in [`COMMUNITY`]; the device token.
    /// A code from the invite pad of `token`'s member (an officer or admin).
    pub async fn pad_code(&self, token: &str) -> String {
        let (status, body) = self
            .post(
                "/api/v1/invites/pad",
                Some(token),
                &serde_json::json!({"wanted": 1}),
            )
            .await;
        assert_eq!(status, axum::http::StatusCode::OK, "{body}");
        body["codes"][0].as_str().expect("a code").to_owned()
    }

    pub async fn join_as(&self, role: linli_core::Role) -> String {
        let code = linli_server::secrets::demo_invite_code(&member_id(role));
        let (status, body) = self
            .post("/api/v1/join", None, &serde_json::json!({ "code": code }))
            .await;
        assert_eq!(status, axum::http::StatusCode::OK, "{body}");
        body["token"].as_str().expect("a token").to_owned()
    }
}

impl TestApp {
    /// Like [`TestApp::seeded`], with pull pages of `page_size` records.
    pub async fn seeded_with_page_size(database: Database, page_size: u32) -> Self {
        let app = Self::build(database, |state| state.pull_page_size = page_size).await;
        app.seed_demo(now()).await;
        app
    }
}

/// A server clock the test moves by hand (ms since the epoch).
#[derive(Clone)]
pub struct TestClock(pub std::sync::Arc<std::sync::atomic::AtomicI64>);

impl TestClock {
    pub fn set(&self, at: linli_core::Timestamp) {
        self.0.store(at.millis(), Ordering::SeqCst);
    }
}

impl TestApp {
    /// A seeded server whose clock starts at `now` and moves only when told.
    pub async fn seeded_at(database: Database, now: linli_core::Timestamp) -> (Self, TestClock) {
        let clock = TestClock(std::sync::Arc::new(std::sync::atomic::AtomicI64::new(
            now.millis(),
        )));
        let reading = clock.clone();
        let app = Self::build(database, move |state| {
            state.clock =
                std::sync::Arc::new(move || linli_core::Timestamp(reading.0.load(Ordering::SeqCst)));
        })
        .await;
        app.seed_demo(now).await;
        (app, clock)
    }
}

/// Joins as the seeded demo member `member` (any community); the device token.
pub async fn join_member(app: &TestApp, member: &str) -> String {
    let code = linli_server::secrets::demo_invite_code(member);
    let (status, body) = app
        .post("/api/v1/join", None, &serde_json::json!({ "code": code }))
        .await;
    assert_eq!(status, axum::http::StatusCode::OK, "{member}: {body}");
    body["token"].as_str().expect("a token").to_owned()
}

/// Pushes one mutation from `client` (group `g-<client>`); the push answer.
pub async fn push_one(
    app: &TestApp,
    token: &str,
    client: &str,
    id: u64,
    name: &str,
    args: serde_json::Value,
) -> serde_json::Value {
    let body = serde_json::json!({ "pushVersion": 1, "clientGroupID": format!("g-{client}"), "profileID": "",
        "schemaVersion": "1",
        "mutations": [{ "clientID": client, "id": id, "name": name, "args": args, "timestamp": 0 }] });
    let (status, answer) = app.post("/api/v1/push", Some(token), &body).await;
    assert_eq!(status, axum::http::StatusCode::OK, "{answer}");
    answer
}

/// Every record `token`'s member receives from a first pull by `group`,
/// and the raw text of every page (for checks on what never arrives).
pub async fn pull_all(
    app: &TestApp,
    token: &str,
    group: &str,
) -> (serde_json::Map<String, serde_json::Value>, String) {
    let mut records = serde_json::Map::new();
    let mut raw = String::new();
    let mut cookie = serde_json::Value::Null;
    loop {
        let body = serde_json::json!({ "pullVersion": 1, "clientGroupID": group, "cookie": cookie,
            "profileID": "", "schemaVersion": "1" });
        let (status, text) = app.post_raw("/api/v1/pull", Some(token), body.to_string()).await;
        assert_eq!(status, axum::http::StatusCode::OK, "{text}");
        let page: serde_json::Value = serde_json::from_str(&text).expect("a JSON page");
        raw.push_str(&text);
        for op in page["patch"].as_array().expect("a patch") {
            match op["op"].as_str() {
                Some("put") => {
                    records.insert(
                        op["key"].as_str().unwrap_or_default().to_owned(),
                        op["value"].clone(),
                    );
                }
                Some("del") => {
                    records.remove(op["key"].as_str().unwrap_or_default());
                }
                _ => records.clear(),
            }
        }
        cookie = page["cookie"].clone();
        if page["more"] != serde_json::json!(true) {
            return (records, raw);
        }
    }
}

/// The code of the rejection `member`'s mutation `id` from `client` left, if any.
pub fn rejection_code(
    records: &serde_json::Map<String, serde_json::Value>,
    member: &str,
    client: &str,
    id: u64,
) -> Option<String> {
    records
        .get(&format!("rejection/{member}/{client}/{id}"))
        .and_then(|record| record["code"].as_str())
        .map(str::to_owned)
}
