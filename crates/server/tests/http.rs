//! Serving the built app and the API's edges: caching, compression, client
//! routing and JSON errors.

mod common;

use axum::http::StatusCode;
use common::{body_json, body_text, header, TestApp, HASHED_CSS, HASHED_JS, HASHED_WASM, INDEX_HTML};

const IMMUTABLE: &str = "public, max-age=31536000, immutable";

#[tokio::test]
async fn hashed_assets_are_cached_for_a_year_as_immutable() {
    let app = TestApp::on_sqlite().await;
    for file in [HASHED_JS, HASHED_WASM, HASHED_CSS] {
        let response = app.get(&format!("/{file}")).await;
        assert_eq!(response.status(), StatusCode::OK, "{file}");
        assert_eq!(header(&response, "cache-control"), Some(IMMUTABLE), "{file}");
    }
}

#[tokio::test]
async fn the_shell_the_worker_and_the_manifest_are_revalidated_every_time() {
    let app = TestApp::on_sqlite().await;
    for path in ["/", "/index.html", "/sw.js", "/manifest.webmanifest"] {
        let response = app.get(path).await;
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        assert_eq!(header(&response, "cache-control"), Some("no-cache"), "{path}");
    }
}

#[tokio::test]
async fn content_types_fit_each_file() {
    let app = TestApp::on_sqlite().await;
    let cases = [
        ("/", "text/html"),
        (&format!("/{HASHED_JS}") as &str, "text/javascript"),
        (&format!("/{HASHED_WASM}"), "application/wasm"),
        (&format!("/{HASHED_CSS}"), "text/css"),
        ("/icons/icon-192.png", "image/png"),
    ];
    for (path, expected) in cases {
        let response = app.get(path).await;
        let content_type = header(&response, "content-type").unwrap_or_default();
        assert!(content_type.starts_with(expected), "{path}: {content_type}");
    }
}

#[tokio::test]
async fn brotli_is_sent_to_browsers_that_accept_it() {
    let app = TestApp::on_sqlite().await;
    let response = app
        .get_with(
            &format!("/{HASHED_WASM}"),
            &[("accept-encoding", "gzip, deflate, br")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(header(&response, "content-encoding"), Some("br"));
    assert_eq!(header(&response, "content-type"), Some("application/wasm"));
    assert_eq!(header(&response, "cache-control"), Some(IMMUTABLE));
    assert!(header(&response, "vary").is_some_and(|v| v.to_ascii_lowercase().contains("accept-encoding")));
    assert_eq!(body_text(response).await, format!("brotli of {HASHED_WASM}"));
}

#[tokio::test]
async fn gzip_is_sent_when_brotli_is_not_accepted() {
    let app = TestApp::on_sqlite().await;
    let response = app.get_with("/", &[("accept-encoding", "gzip")]).await;
    assert_eq!(header(&response, "content-encoding"), Some("gzip"));
    assert_eq!(body_text(response).await, "gzip of index.html");
}

#[tokio::test]
async fn the_plain_file_is_sent_without_accept_encoding() {
    let app = TestApp::on_sqlite().await;
    let response = app.get("/").await;
    assert_eq!(header(&response, "content-encoding"), None);
    assert_eq!(body_text(response).await, INDEX_HTML);
}

#[tokio::test]
async fn unknown_app_paths_get_the_shell_for_client_routing() {
    let app = TestApp::on_sqlite().await;
    for path in ["/canteen", "/rules", "/volunteers/certificate/2026", "/settings"] {
        let response = app.get(path).await;
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        assert!(
            header(&response, "content-type")
                .unwrap()
                .starts_with("text/html"),
            "{path}"
        );
        assert_eq!(header(&response, "cache-control"), Some("no-cache"), "{path}");
        assert_eq!(body_text(response).await, INDEX_HTML, "{path}");
    }
}

#[tokio::test]
async fn the_shell_fallback_is_precompressed_too() {
    let app = TestApp::on_sqlite().await;
    let response = app.get_with("/canteen", &[("accept-encoding", "br")]).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(header(&response, "content-encoding"), Some("br"));
    assert_eq!(body_text(response).await, "brotli of index.html");
}

#[tokio::test]
async fn unknown_api_paths_are_a_json_404_never_the_shell() {
    let app = TestApp::on_sqlite().await;
    for path in [
        "/api",
        "/api/",
        "/api/v1/nope",
        "/api/v2/health",
        "/api/v1/health/extra",
    ] {
        let response = app.get(path).await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{path}");
        assert!(
            header(&response, "content-type")
                .unwrap()
                .starts_with("application/json"),
            "{path}"
        );
        let body = body_json(response).await;
        assert_eq!(body["error"], "NotFound", "{path}");
        assert!(body["message"].as_str().unwrap().contains(path), "{path}: {body}");
    }
}

#[tokio::test]
async fn large_api_answers_are_compressed_on_the_fly_and_small_ones_are_not() {
    let app = TestApp::seeded(common::sqlite_database().await).await;
    let token = app.join_as(linli_core::Role::Resident).await;
    let pull = serde_json::json!({ "pullVersion": 1, "clientGroupID": "g-zip", "cookie": null,
                                   "profileID": "", "schemaVersion": "1" });
    for encoding in ["gzip", "br"] {
        let request = axum::http::Request::post("/api/v1/pull")
            .header("content-type", "application/json")
            .header("authorization", format!("Bearer {token}"))
            .header("accept-encoding", encoding)
            .body(axum::body::Body::from(pull.to_string()))
            .unwrap();
        let response = tower::ServiceExt::oneshot(app.router.clone(), request)
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(
            header(&response, "content-encoding"),
            Some(encoding),
            "a page of records"
        );
    }
    // A few bytes are not worth a compressor's setup.
    let response = app
        .get_with("/api/v1/health", &[("accept-encoding", "gzip")])
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(header(&response, "content-encoding"), None);
}

#[tokio::test]
async fn every_answer_carries_the_security_headers() {
    let app = TestApp::on_sqlite().await;
    for path in ["/", "/api/v1/health", "/api/v1/nope", HASHED_JS] {
        let response = app.get(path).await;
        let csp = header(&response, "content-security-policy")
            .unwrap_or_default()
            .to_owned();
        assert!(csp.contains("'wasm-unsafe-eval'"), "{path}: {csp}");
        assert!(csp.contains("frame-ancestors 'none'"), "{path}");
        assert!(!csp.contains("unsafe-inline"), "{path}");
        assert_eq!(
            header(&response, "x-content-type-options"),
            Some("nosniff"),
            "{path}"
        );
        assert_eq!(
            header(&response, "referrer-policy"),
            Some("no-referrer"),
            "{path}"
        );
        assert_eq!(header(&response, "x-frame-options"), Some("DENY"), "{path}");
        assert_eq!(
            header(&response, "strict-transport-security"),
            None,
            "no HSTS over plain HTTP"
        );
    }
}
