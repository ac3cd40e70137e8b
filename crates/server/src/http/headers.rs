//! Security headers on every answer.
//!
//! The Content-Security-Policy allows exactly what the app needs: its own
//! scripts (and the one inline module script trunk writes into index.html,
//! by its hash), WebAssembly (`wasm-unsafe-eval`), its own styles, images,
//! manifest and service worker, requests to its own origin, and no framing
//! by any page. HSTS is sent only over HTTPS, where it belongs.

use crate::secrets::base64;
use axum::extract::Request;
use axum::http::header::{
    CONTENT_SECURITY_POLICY, REFERRER_POLICY, STRICT_TRANSPORT_SECURITY, X_CONTENT_TYPE_OPTIONS,
    X_FRAME_OPTIONS,
};
use axum::http::{HeaderName, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use sha2::{Digest, Sha256};

/// The headers, worked out once from the built app.
#[derive(Clone, Debug)]
pub struct SecurityHeaders {
    csp: HeaderValue,
    https: bool,
}

impl SecurityHeaders {
    /// For the app in `assets`; `https` adds HSTS.
    pub fn for_app(assets: &super::assets::Assets, https: bool) -> SecurityHeaders {
        let index = assets.index_html().unwrap_or_default();
        SecurityHeaders::for_index(&index, https)
    }

    pub fn for_index(index_html: &str, https: bool) -> SecurityHeaders {
        let hashes: String = inline_scripts(index_html)
            .map(|script| {
                let digest = Sha256::digest(script.as_bytes());
                format!(" 'sha256-{}'", base64(&digest))
            })
            .collect();
        let csp = format!(
            "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{hashes}; style-src 'self'; \
             img-src 'self' data: blob:; media-src 'self' blob:; connect-src 'self'; worker-src 'self'; \
             manifest-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; \
             frame-ancestors 'none'"
        );
        SecurityHeaders {
            csp: HeaderValue::from_str(&csp)
                .unwrap_or_else(|_| HeaderValue::from_static("default-src 'self'")),
            https,
        }
    }

    /// Middleware: adds the headers to `request`'s answer.
    pub async fn add(self: std::sync::Arc<Self>, request: Request, next: Next) -> Response {
        let mut response = next.run(request).await;
        let headers = response.headers_mut();
        headers.insert(CONTENT_SECURITY_POLICY, self.csp.clone());
        headers.insert(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
        headers.insert(REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
        headers.insert(X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
        headers.insert(
            HeaderName::from_static("permissions-policy"),
            HeaderValue::from_static("camera=(self), microphone=(), geolocation=(), payment=()"),
        );
        headers.insert(
            HeaderName::from_static("cross-origin-opener-policy"),
            HeaderValue::from_static("same-origin"),
        );
        if self.https {
            headers.insert(
                STRICT_TRANSPORT_SECURITY,
                HeaderValue::from_static("max-age=31536000"),
            );
        }
        response
    }
}

/// The text of each `<script>` without a `src` in `html`.
fn inline_scripts(html: &str) -> impl Iterator<Item = &str> {
    html.split("<script").skip(1).filter_map(|rest| {
        let (attributes, body) = rest.split_once('>')?;
        if attributes.contains("src=") {
            return None;
        }
        Some(body.split("</script>").next().unwrap_or_default())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_inline_module_script_is_allowed_by_its_hash_and_nothing_else_inline() {
        let index = "<head><script type=\"module\">import init from '/a.js';</script>\
                     <script src=\"/b.js\"></script></head>";
        let headers = SecurityHeaders::for_index(index, false);
        let csp = headers.csp.to_str().unwrap();
        let expected = base64(&Sha256::digest(b"import init from '/a.js';"));
        assert!(csp.contains(&format!("'sha256-{expected}'")), "{csp}");
        assert_eq!(
            csp.matches("'sha256-").count(),
            1,
            "the script with a src needs no hash"
        );
        assert!(csp.contains("'wasm-unsafe-eval'") && csp.contains("frame-ancestors 'none'"));
        assert!(!csp.contains("unsafe-inline"));
    }
}
