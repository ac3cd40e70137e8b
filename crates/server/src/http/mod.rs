//! The HTTP surface: `/api/v1/` and the built app, in one router.
//!
//! Layers, outermost first: tracing (one span per request, named by the
//! matched route), then per part: the API compresses its JSON on the fly; the
//! app's files are precompressed at build time and get cache headers by kind.

mod assets;
mod error;
mod health;

use std::path::PathBuf;
use std::sync::Arc;

use axum::extract::MatchedPath;
use axum::http::Request;
use axum::routing::{any, get};
use axum::Router;
use tower_http::compression::CompressionLayer;
use tower_http::trace::TraceLayer;

pub use error::AppError;

use crate::db::Database;

/// What every handler may read. Cheap to clone; holds nothing that another
/// server instance would need to agree with (those live in the database).
#[derive(Clone)]
pub struct AppState {
    pub database: Database,
    pub dist_dir: Arc<PathBuf>,
}

impl AppState {
    pub fn new(database: Database, dist_dir: PathBuf) -> Self {
        Self {
            database,
            dist_dir: Arc::new(dist_dir),
        }
    }
}

/// The whole server as a router, without a socket: `serve` binds it, and the
/// tests call it with `oneshot`.
pub fn app(state: AppState) -> Router {
    let api = Router::new()
        .route("/api/v1/health", get(health::health))
        // Anything else under /api/ is a JSON 404, never the app's HTML: a
        // client must not mistake a missing endpoint for a page.
        .route("/api", any(error::api_not_found))
        .route("/api/", any(error::api_not_found))
        .route("/api/{*rest}", any(error::api_not_found))
        .layer(CompressionLayer::new());

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
