//! Serves the built app: from trunk's `dist/` on disk, or from the copy a
//! release binary carries inside (`--features embed-dist`,
//! `scripts/build-release.sh`), so a committee installs one file.
//!
//! - Files are precompressed at build time (`scripts/finish-dist.sh`), so a
//!   `.br` or `.gz` twin is sent when the browser accepts it.
//! - Cache headers by kind: a hashed asset never changes under its name, so
//!   it is immutable for a year; `index.html`, `sw.js` and the manifest name
//!   the current build, so the browser must revalidate them every time.
//! - Any path that is not a file is a client-side route: it gets `index.html`.

use std::path::PathBuf;

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

/// Where the built app comes from.
#[derive(Clone, Debug)]
pub enum Assets {
    /// A `dist/` folder on disk.
    Folder(PathBuf),
    /// The build this binary carries.
    #[cfg(feature = "embed-dist")]
    Embedded,
}

impl Assets {
    /// `dist_dir` if one is given; else the build inside the binary, if it
    /// carries one; else `./dist`.
    pub fn choose(dist_dir: Option<PathBuf>) -> Assets {
        if let Some(folder) = dist_dir {
            return Assets::Folder(folder);
        }
        #[cfg(feature = "embed-dist")]
        if embedded::Dist::get("index.html").is_some() {
            return Assets::Embedded;
        }
        Assets::Folder(PathBuf::from("./dist"))
    }

    /// The app's `index.html`, if there is one.
    pub fn index_html(&self) -> Option<String> {
        match self {
            Assets::Folder(folder) => std::fs::read_to_string(folder.join("index.html")).ok(),
            #[cfg(feature = "embed-dist")]
            Assets::Embedded => {
                embedded::Dist::get("index.html").map(|file| String::from_utf8_lossy(&file.data).into_owned())
            }
        }
    }

    /// For the log at start.
    pub fn describe(&self) -> String {
        match self {
            Assets::Folder(folder) => folder.display().to_string(),
            #[cfg(feature = "embed-dist")]
            Assets::Embedded => "(inside this binary)".to_owned(),
        }
    }
}

/// The router for everything outside `/api/`.
pub fn router(assets: &Assets) -> Router<AppState> {
    let router = match assets {
        Assets::Folder(dist_dir) => {
            let index = ServeFile::new(dist_dir.join("index.html"))
                .precompressed_br()
                .precompressed_gzip();
            let files = ServeDir::new(dist_dir)
                .precompressed_br()
                .precompressed_gzip()
                .fallback(index);
            Router::new().fallback_service(files)
        }
        #[cfg(feature = "embed-dist")]
        Assets::Embedded => Router::new().fallback(embedded::serve),
    };
    router.layer(middleware::from_fn(set_cache_control))
}

#[cfg(feature = "embed-dist")]
mod embedded {
    use axum::http::header::{ACCEPT_ENCODING, CONTENT_ENCODING, CONTENT_TYPE, ETAG, IF_NONE_MATCH};
    use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri};
    use axum::response::{IntoResponse, Response};

    /// trunk's `dist/`, with the `.br` and `.gz` twins finish-dist.sh writes.
    #[derive(rust_embed::Embed)]
    #[folder = "../../dist"]
    #[allow_missing = true]
    pub struct Dist;

    /// Whether the request accepts the content coding `coding`.
    fn accepts(headers: &HeaderMap, coding: &str) -> bool {
        headers
            .get_all(ACCEPT_ENCODING)
            .iter()
            .filter_map(|value| value.to_str().ok())
            .flat_map(|value| value.split(','))
            .any(|item| {
                let mut parts = item.split(';');
                let named = parts
                    .next()
                    .is_some_and(|name| name.trim().eq_ignore_ascii_case(coding));
                let refused = parts.any(|part| {
                    part.trim().strip_prefix("q=").and_then(|q| q.parse::<f32>().ok()) == Some(0.0)
                });
                named && !refused
            })
    }

    /// A file as ServeDir would answer it: its `.br` or `.gz` twin when
    /// accepted, `index.html` for any path that is no file (a client
    /// route), 304 for a copy the browser has.
    pub async fn serve(method: Method, uri: Uri, headers: HeaderMap) -> Response {
        if method != Method::GET && method != Method::HEAD {
            return StatusCode::METHOD_NOT_ALLOWED.into_response();
        }
        let path = uri.path().trim_start_matches('/');
        let path = if path.is_empty() || path.ends_with('/') {
            format!("{path}index.html")
        } else {
            path.to_owned()
        };
        let (path, plain) = match Dist::get(&path) {
            Some(file) => (path, file),
            None => match Dist::get("index.html") {
                Some(index) => ("index.html".to_owned(), index),
                None => return StatusCode::NOT_FOUND.into_response(),
            },
        };
        let etag = format!(
            "\"{}\"",
            plain
                .metadata
                .sha256_hash()
                .iter()
                .map(|byte| format!("{byte:02x}"))
                .collect::<String>()
        );
        if headers
            .get(IF_NONE_MATCH)
            .and_then(|value| value.to_str().ok())
            .is_some_and(|value| value.split(',').any(|tag| tag.trim() == etag))
        {
            return (StatusCode::NOT_MODIFIED, [(ETAG, etag)]).into_response();
        }
        // The type of the file itself, not of its .br twin.
        let mime = plain.metadata.mimetype().to_owned();
        let mut chosen = (None, plain.data);
        for (coding, extension) in [("br", "br"), ("gzip", "gz")] {
            if accepts(&headers, coding) {
                if let Some(twin) = Dist::get(&format!("{path}.{extension}")) {
                    chosen = (Some(coding), twin.data);
                    break;
                }
            }
        }
        let (coding, body) = chosen;
        let mut response = if method == Method::HEAD {
            ().into_response()
        } else {
            body.into_owned().into_response()
        };
        let answer = response.headers_mut();
        if let Ok(mime) = HeaderValue::from_str(&mime) {
            answer.insert(CONTENT_TYPE, mime);
        }
        if let Ok(etag) = HeaderValue::from_str(&etag) {
            answer.insert(ETAG, etag);
        }
        if let Some(coding) = coding {
            answer.insert(CONTENT_ENCODING, HeaderValue::from_static(coding));
        }
        response
    }
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
