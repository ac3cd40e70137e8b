//! The HTTP surface: `/api/v1/` and the built app, in one router.
//!
//! Layers, outermost first: tracing (one span per request, named by the
//! matched route), then per part: the API limits request bodies and
//! compresses its JSON on the fly; the app's files are precompressed at build
//! time and get cache headers by kind.

mod assets;
mod error;
mod extract;
mod health;
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
use tower_http::trace::TraceLayer;

pub use error::AppError;

use crate::db::Database;

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
/// Records per pull page unless configured otherwise.
pub const DEFAULT_PULL_PAGE_SIZE: u32 = 500;

/// What every handler may read. Cheap to clone; holds nothing that another
/// server instance would need to agree with (that lives in the database).
#[derive(Clone)]
pub struct AppState {
    pub database: Database,
    pub dist_dir: Arc<PathBuf>,
    pub clock: Clock,
    pub body_limit: usize,
    pub pull_page_size: u32,
    /// Pushes waiting to be written together.
    pub push_queue: Arc<crate::sync::PushQueue>,
}

impl AppState {
    pub fn new(database: Database, dist_dir: PathBuf) -> Self {
        Self {
            database,
            dist_dir: Arc::new(dist_dir),
            clock: system_clock(),
            body_limit: DEFAULT_BODY_LIMIT,
            pull_page_size: DEFAULT_PULL_PAGE_SIZE,
            push_queue: Arc::default(),
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

    api.merge(assets::router(&state.dist_dir))
        .with_state(state)
        .layer(TraceLayer::new_for_http().make_span_with(|request: &Request<_>| {
            let route = request
                .extensions()
                .get::<MatchedPath>()
                .map(MatchedPath::as_str)
                .unwrap_or("static");
            tracing::info_span!("http", method = %request.method(), route, path = %request.uri().path())
        }))
}
