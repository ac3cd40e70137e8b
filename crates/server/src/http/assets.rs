//! Serves the built app from trunk's `dist/`.
//!
//! - Files are precompressed at build time (`scripts/finish-dist.sh`), so a
//!   `.br` or `.gz` twin is sent when the browser accepts it.
//! - Cache headers by kind: a hashed asset never changes under its name, so
//!   it is immutable for a year; `index.html`, `sw.js` and the manifest name
//!   the current build, so the browser must revalidate them every time.
//! - Any path that is not a file is a client-side route: it gets `index.html`.

use std::path::Path;

use axum::extract::Request;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE, VARY};
use axum::http::HeaderValue;
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::Router;
use tower_http::services::{ServeDir, ServeFile};

use super::AppState;

const IMMUTABLE: &str = "public, max-age=31536000, immutable";
const REVALIDATE: &str = "no-cache";
/// Icons and other unhashed files: a day is short enough for a changed icon.
const SHORT: &str = "public, max-age=86400";

/// The router for everything outside `/api/`.
pub fn router(dist_dir: &Path) -> Router<AppState> {
    let index = ServeFile::new(dist_dir.join("index.html"))
        .precompressed_br()
        .precompressed_gzip();
    let files = ServeDir::new(dist_dir)
        .precompressed_br()
        .precompressed_gzip()
        .fallback(index);
    Router::new()
        .fallback_service(files)
        .layer(middleware::from_fn(set_cache_control))
}

async fn set_cache_control(request: Request, next: Next) -> Response {
    let path = request.uri().path().to_owned();
    let mut response = next.run(request).await;
    if response.status().is_success() {
        let is_html = response
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|value| value.to_str().ok())
            .is_some_and(|value| value.starts_with("text/html"));
        let policy = if is_html { REVALIDATE } else { cache_policy(&path) };
        let headers = response.headers_mut();
        headers.insert(CACHE_CONTROL, HeaderValue::from_static(policy));
        // The body depends on Accept-Encoding (a .br or .gz twin, or the
        // plain file), so a shared cache must key on it too.
        headers.insert(VARY, HeaderValue::from_static("accept-encoding"));
    }
    response
}

/// The `Cache-Control` value for a file at `path`.
fn cache_policy(path: &str) -> &'static str {
    let file_name = path.rsplit('/').next().unwrap_or_default();
    if matches!(file_name, "" | "index.html" | "sw.js" | "manifest.webmanifest") {
        REVALIDATE
    } else if is_hashed_asset(file_name) {
        IMMUTABLE
    } else {
        SHORT
    }
}

/// trunk names built assets `name-<hex hash>.ext`, and the wasm
/// `name-<hex hash>_bg.wasm`.
fn is_hashed_asset(file_name: &str) -> bool {
    let Some((stem, _extension)) = file_name.rsplit_once('.') else {
        return false;
    };
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    let Some((_name, hash)) = stem.rsplit_once('-') else {
        return false;
    };
    hash.len() >= 8 && hash.bytes().all(|byte| byte.is_ascii_hexdigit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trunk_hashed_names_are_immutable() {
        assert_eq!(cache_policy("/linli-3f2a9c0d1e4b5a6c.js"), IMMUTABLE);
        assert_eq!(cache_policy("/linli-3f2a9c0d1e4b5a6c_bg.wasm"), IMMUTABLE);
        assert_eq!(cache_policy("/main-0a1b2c3d4e5f6a7b.css"), IMMUTABLE);
        // scripts/split-wasm.sh names the split loader and modules the same way.
        assert_eq!(cache_policy("/linli-split-3f2a9c0d1e4b5a6c.js"), IMMUTABLE);
        assert_eq!(
            cache_policy("/split_rules_screen-3f2a9c0d1e4b5a6c.wasm"),
            IMMUTABLE
        );
        assert_eq!(cache_policy("/chunk_5-3f2a9c0d1e4b5a6c.wasm"), IMMUTABLE);
    }

    #[test]
    fn build_naming_files_are_revalidated() {
        for path in ["/", "/index.html", "/sw.js", "/manifest.webmanifest"] {
            assert_eq!(cache_policy(path), REVALIDATE, "{path}");
        }
    }

    #[test]
    fn unhashed_files_get_a_short_cache() {
        assert_eq!(cache_policy("/icons/icon-192.png"), SHORT);
        assert_eq!(cache_policy("/icons/icon-maskable-512.png"), SHORT);
        assert_eq!(cache_policy("/some-name.js"), SHORT);
    }
}
