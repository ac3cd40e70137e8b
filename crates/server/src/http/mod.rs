//! The HTTP surface: `/api/v1/` and the built app, in one router.
//!
//! Layers, outermost first: tracing (one span per request, named by the
//! matched route), security headers on every answer, a time limit for
//! reading a request's body; then per part: the API limits request bodies
//! (and, in its handlers, how often a device may call it: `limits.rs`) and
//! compresses its larger JSON answers on the fly; the app's files are precompressed at build time and
//! get cache headers by kind.

pub mod assets;
mod audit;
mod error;
mod extract;
mod headers;
mod health;
mod invites;
pub mod limits;
pub mod local_ca;
pub mod plain;
mod sync;

use std::path::PathBuf;
use std::sync::Arc;

use axum::extract::{DefaultBodyLimit, MatchedPath};
use axum::http::Request;
use axum::routing::{any, get, post};
use axum::Router;
use linli_core::Timestamp;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::predicate::SizeAbove;
use tower_http::compression::CompressionLayer;
use tower_http::timeout::RequestBodyTimeoutLayer;
use tower_http::trace::TraceLayer;

pub use error::AppError;
pub use headers::SecurityHeaders;

use crate::db::Database;
use crate::secrets::ServerKey;

/// The server's clock: it decides deadlines and stamps every change. Tests
/// replace it to put the server at a chosen moment.
pub type Clock = Arc<dyn Fn() -> Timestamp + Send + Sync>;

/// The system clock.
pub fn system_clock() -> Clock {
    Arc::new(|| {
        let since_epoch = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap_or_default();
        Timestamp(i64::try_from(since_epoch.as_millis()).unwrap_or(i64::MAX))
    })
}

/// Bodies above this are refused with 413 unless configured otherwise.
pub const DEFAULT_BODY_LIMIT: usize = 1024 * 1024;
/// How long a client may take to send a request's body.
pub const BODY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(30);
/// Records read per pull page unless configured otherwise (what a page
/// carries is bounded by `sync::pull::PAGE_BYTES` too).
pub const DEFAULT_PULL_PAGE_SIZE: u32 = 10_000;

/// What every handler may read. Cheap to clone; holds nothing that another
/// server instance would need to agree with (that lives in the database).
#[derive(Clone)]
pub struct AppState {
    pub database: Database,
    /// The built app.
    pub assets: Arc<assets::Assets>,
    /// The office's local authority page (`/ca`), if it has one.
    pub local_ca: Option<Arc<local_ca::LocalCaPage>>,
    pub clock: Clock,
    pub body_limit: usize,
    pub pull_page_size: u32,
    /// Pushes waiting to be written together.
    pub push_queue: Arc<crate::sync::PushQueue>,
    /// What tokens and invite codes are stored keyed with.
    pub key: ServerKey,
    pub limits: Arc<limits::Limits>,
    /// Take the client's address from `X-Forwarded-For` (behind a reverse
    /// proxy that sets it), not from the connection.
    pub trust_forwarded_for: bool,
    /// HSTS on every answer: the server is reached over HTTPS.
    pub https: bool,
}

impl AppState {
    /// A server over `database` serving `dist_dir`, with a key of its own
    /// (`serve` loads the data directory's).
    pub fn new(database: Database, dist_dir: PathBuf) -> Self {
        Self {
            database,
            assets: Arc::new(assets::Assets::Folder(dist_dir)),
            local_ca: None,
            clock: system_clock(),
            body_limit: DEFAULT_BODY_LIMIT,
            pull_page_size: DEFAULT_PULL_PAGE_SIZE,
            push_queue: Arc::default(),
            key: ServerKey::random(),
            limits: Arc::default(),
            trust_forwarded_for: false,
            https: false,
        }
    }
}

/// The whole server as a router, without a socket: `serve` binds it, and the
/// tests call it with `oneshot`.
pub fn app(state: AppState) -> Router {
    let api = Router::new()
        .route("/api/v1/health", get(health::health))
        .route("/api/v1/push", post(sync::push))
        .route("/api/v1/pull", post(sync::pull))
        .route("/api/v1/join", post(sync::join))
        .route("/api/v1/logout", post(sync::logout))
        .route("/api/v1/invites/pad", post(invites::fill_pad))
        .route("/api/v1/audit", get(audit::read_log))
        // Anything else under /api/ is a JSON 404, never the app's HTML: a
        // client must not mistake a missing endpoint for a page.
        .route("/api", any(error::api_not_found))
        .route("/api/", any(error::api_not_found))
        .route("/api/{*rest}", any(error::api_not_found))
        .method_not_allowed_fallback(error::api_method_not_allowed)
        .layer(DefaultBodyLimit::max(state.body_limit))
        // Small answers (a push's counts) are not worth a compressor's setup.
        .layer(CompressionLayer::new().compress_when(SizeAbove::new(1024)))
        .layer(CatchPanicLayer::custom(error::panic_answer));

    let headers = Arc::new(SecurityHeaders::for_app(&state.assets, state.https));
    let local_ca = state.local_ca.clone();
    let app = api.merge(assets::router(&state.assets)).with_state(state);
    let app = match local_ca {
        Some(page) => app.merge(local_ca::router(page)),
        None => app,
    };
    app.layer(RequestBodyTimeoutLayer::new(BODY_TIMEOUT))
        .layer(axum::middleware::from_fn(move |request, next| {
            headers.clone().add(request, next)
        }))
        .layer(TraceLayer::new_for_http().make_span_with(|request: &Request<_>| {
            let route = request
                .extensions()
                .get::<MatchedPath>()
                .map(MatchedPath::as_str)
                .unwrap_or("static");
            tracing::info_span!("http", method = %request.method(), route, path = %request.uri().path())
        }))
}
