//! The plain-HTTP listener beside HTTPS (`--http-bind`, usually port 80).
//! It carries nothing of the app: it answers the certificate authority's
//! HTTP-01 checks (`/.well-known/acme-challenge/…`), serves the office's
//! local authority for phones to install (`/ca`, before they can trust
//! HTTPS), and sends every other request to the same path over HTTPS.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::header::{HOST, LOCATION};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

use super::local_ca::LocalCaPage;
use crate::tls::acme::Challenges;

#[derive(Clone)]
struct PlainState {
    challenges: Arc<Challenges>,
    https_port: u16,
}

/// The plain-HTTP router: checks, the local authority, redirects.
pub fn router(challenges: Arc<Challenges>, https_port: u16, local_ca: Option<Arc<LocalCaPage>>) -> Router {
    let plain = Router::new()
        .route("/.well-known/acme-challenge/{token}", get(challenge))
        .fallback(to_https)
        .with_state(PlainState {
            challenges,
            https_port,
        });
    match local_ca {
        Some(page) => plain.merge(super::local_ca::router(page)),
        None => plain,
    }
}

async fn challenge(State(state): State<PlainState>, Path(token): Path<String>) -> Response {
    match state.challenges.answer(&token) {
        Some(answer) => answer.into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

/// The host of a `Host` header without its port (`[v6]` kept whole).
fn host_only(host: &str) -> &str {
    if host.starts_with('[') {
        return host.split_once(']').map_or(host, |(v6, _)| &host[..v6.len() + 1]);
    }
    host.split(':').next().unwrap_or(host)
}

async fn to_https(State(state): State<PlainState>, headers: HeaderMap, uri: Uri) -> Response {
    let Some(host) = headers.get(HOST).and_then(|host| host.to_str().ok()) else {
        return (StatusCode::BAD_REQUEST, "a Host header is needed").into_response();
    };
    let host = host_only(host);
    let port = match state.https_port {
        443 => String::new(),
        port => format!(":{port}"),
    };
    let path = uri.path_and_query().map_or("/", |path| path.as_str());
    let target = format!("https://{host}{port}{path}");
    (StatusCode::PERMANENT_REDIRECT, [(LOCATION, target)]).into_response()
}

#[cfg(test)]
mod tests {
    use super::host_only;

    #[test]
    fn the_port_leaves_the_host() {
        assert_eq!(host_only("linli.example.cn:80"), "linli.example.cn");
        assert_eq!(host_only("192.168.1.20"), "192.168.1.20");
        assert_eq!(host_only("[fe80::1]:8080"), "[fe80::1]");
    }
}
