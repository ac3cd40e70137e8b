//! What the fault and load benchmarks share: an HTTP client that treats a
//! refused or dropped connection as an answer (the server may be down on
//! purpose), members registered straight in the database, and the sums.

#![allow(dead_code)] // each benchmark uses its own part

pub mod fleet;

use std::time::Duration;

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::Request;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use linli_core::members::MembersMutation;
use linli_core::members::RegisterMember;
use linli_core::{Actor, Mutation, Role, Timestamp};
use linli_server::db::Session;
use linli_server::secrets::ServerKey;
use linli_server::Database;
use serde_json::{json, Value};

pub type HttpClient = Client<hyper_util::client::legacy::connect::HttpConnector, Full<Bytes>>;

/// A client of one server address.
#[derive(Clone)]
pub struct Api {
    client: HttpClient,
    pub base: String,
}

/// Why a request got no answer, or what the answer was.
#[derive(Debug)]
pub enum Answer {
    /// No connection, or it dropped: the server is down.
    NoServer,
    Status(u16, Value),
}

impl Api {
    pub fn new(base: String) -> Api {
        let client = Client::builder(TokioExecutor::new())
            .pool_max_idle_per_host(256)
            .pool_idle_timeout(Duration::from_secs(5))
            .build_http();
        Api { client, base }
    }

    pub async fn post(&self, path: &str, token: Option<&str>, body: &Value) -> Answer {
        let mut request =
            Request::post(format!("{}{path}", self.base)).header("content-type", "application/json");
        if let Some(token) = token {
            request = request.header("authorization", format!("Bearer {token}"));
        }
        let request = request
            .body(Full::new(Bytes::from(body.to_string())))
            .expect("a request");
        let Ok(response) = self.client.request(request).await else {
            return Answer::NoServer;
        };
        let status = response.status().as_u16();
        let Ok(collected) = response.into_body().collect().await else {
            return Answer::NoServer;
        };
        let bytes = collected.to_bytes();
        let json = if bytes.is_empty() {
            Value::Null
        } else {
            serde_json::from_slice(&bytes).unwrap_or(Value::Null)
        };
        Answer::Status(status, json)
    }

    /// Waits until the server answers its health check.
    pub async fn wait_until_up(&self, within: Duration) -> bool {
        let deadline = std::time::Instant::now() + within;
        while std::time::Instant::now() < deadline {
            let request = Request::get(format!("{}/api/v1/health", self.base))
                .body(Full::new(Bytes::new()))
                .expect("a request");
            if let Ok(response) = self.client.request(request).await {
                if response.status().is_success() {
                    return true;
                }
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        false
    }
}

/// A number from the environment, or `default`.
pub fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|value| value.parse().ok())
        .unwrap_or(default)
}

/// The system clock.
pub fn now() -> Timestamp {
    let since = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("after 1970");
    Timestamp(since.as_millis() as i64)
}

/// The key a server started with `--data-dir dir` will use.
pub fn server_key(dir: &std::path::Path) -> ServerKey {
    ServerKey::load_or_create(&dir.join("secret.key")).expect("the server key")
}

/// A distinct invite code for benchmark member `n` of run `run`.
pub fn invite_code(run: u32, n: usize) -> String {
    const ALPHABET: &[u8] = linli_core::members::INVITE_CODE_ALPHABET;
    let mut code = String::new();
    let mut rest = (run as usize).wrapping_mul(7919).wrapping_add(n);
    for _ in 0..linli_core::members::INVITE_CODE_LEN {
        code.push(ALPHABET[rest % ALPHABET.len()] as char);
        rest /= ALPHABET.len();
        rest = rest.wrapping_add(n.wrapping_mul(31));
    }
    code
}

/// Registers member `id` with `role` in `community`, straight through the
/// database (as the demo seed does), with invite `code`.
pub async fn register(
    database: &Database,
    key: &ServerKey,
    community: &str,
    id: &str,
    role: Role,
    code: &str,
) {
    let admin = Session {
        community: community.to_owned(),
        actor: Actor::new("bench-admin".parse().expect("an id"), [Role::Admin]),
        device: String::new(),
    };
    let register = Mutation::Members(MembersMutation::RegisterMember(RegisterMember {
        id: id.parse().expect("an id"),
        name: id.to_owned(),
        roles: vec![role],
        invite_code: code.to_owned(),
        invite_id: None,
        valid_days: None,
    }));
    linli_server::sync::apply_directly(database, key, &admin, &register, now())
        .await
        .expect("the database answers")
        .expect("the member is registered");
}

/// Joins with `code`; the device token.
pub async fn join(api: &Api, code: &str) -> String {
    match api.post("/api/v1/join", None, &json!({ "code": code })).await {
        Answer::Status(200, body) => body["token"].as_str().expect("a token").to_owned(),
        other => panic!("joining failed: {other:?}"),
    }
}

/// A fresh database for a run: a SQLite file under `dir`, or a new database
/// on the PostgreSQL at `postgres_admin_url`. The URL, and the database.
pub async fn fresh_database(postgres_admin_url: Option<&str>, dir: &std::path::Path) -> (String, Database) {
    let url = match postgres_admin_url {
        None => format!("sqlite://{}", dir.join("linli.db").display()),
        Some(admin_url) => {
            let admin = Database::connect(admin_url, dir)
                .await
                .expect("PostgreSQL answers");
            let name = format!(
                "linli_bench_{}_{}",
                std::process::id(),
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .expect("after 1970")
                    .as_millis()
            );
            let Database::Postgres(pool) = &admin else {
                panic!("not a postgres:// URL: {admin_url}");
            };
            sqlx::query(&format!("CREATE DATABASE {name}"))
                .execute(pool)
                .await
                .expect("CREATE DATABASE");
            pool.close().await;
            let (server, _) = admin_url.rsplit_once('/').expect("a URL with a database name");
            format!("{server}/{name}")
        }
    };
    let database = Database::connect(&url, dir).await.expect("the database opens");
    database.migrate().await.expect("the migrations apply");
    (url, database)
}

/// The value at `fraction` (0 to 1) of sorted `values`.
pub fn percentile(sorted: &[f64], fraction: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let index = ((sorted.len() - 1) as f64 * fraction).round() as usize;
    sorted[index.min(sorted.len() - 1)]
}
