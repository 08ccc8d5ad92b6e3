//! The router end to end, one request at a time (`tower::ServiceExt::oneshot`).

use super::*;
use axum::body::Body;
use axum::http::Method;
use http_body_util::BodyExt;
use tower::ServiceExt;

const EXAMPLE: &str = include_str!("../../../examples/harbour-ferry.html");
const EXAMPLE_TEXT: &str = include_str!("../../../examples/harbour-ferry.txt");

async fn send(app: Router, req: Request<Body>) -> (StatusCode, String, Vec<u8>) {
    let resp = app.oneshot(req).await.unwrap();
    let status = resp.status();
    let ct = resp
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    let body = resp
        .into_body()
        .collect()
        .await
        .unwrap()
        .to_bytes()
        .to_vec();
    (status, ct, body)
}

fn post(uri: &str, content_type: &str, body: impl Into<Body>) -> Request<Body> {
    Request::post(uri)
        .header(header::CONTENT_TYPE, content_type)
        .body(body.into())
        .unwrap()
}

fn json(body: &[u8]) -> serde_json::Value {
    serde_json::from_slice(body).unwrap_or_else(|e| {
        panic!("not JSON ({e}): {}", String::from_utf8_lossy(body));
    })
}

/// Asserts the JSON error shape and returns its kind.
fn error_kind(ct: &str, body: &[u8]) -> String {
    assert!(ct.starts_with("application/json"), "content type {ct}");
    let v = json(body);
    assert!(v["error"]["message"].is_string(), "{v}");
    v["error"]["kind"].as_str().unwrap_or("").to_string()
}

#[tokio::test]
async fn extract_raw_html_returns_the_document() {
    let (status, ct, body) = send(
        router(Config::default()),
        post("/v1/extract", "text/html", EXAMPLE),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(ct, "application/json");
    let v = json(&body);
    assert_eq!(v["title"], "Harbour ferry returns after storm repairs");
    assert!(v["text"]
        .as_str()
        .unwrap()
        .contains("forty metres of decking"));
    assert!(v["figures"].as_array().unwrap().len() == 1);
    assert!(v.get("removed").is_none(), "explain is off by default");
}

#[tokio::test]
async fn extract_query_options_explain_and_analyze() {
    let (status, _, body) = send(
        router(Config::default()),
        post(
            "/v1/extract?explain=true&analyze=true",
            "application/octet-stream",
            EXAMPLE,
        ),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let v = json(&body);
    let removed = v["removed"].as_array().unwrap();
    assert!(removed
        .iter()
        .any(|r| r["reason"].is_string() && r["text"].as_str().unwrap_or("").contains("cookies")));
    let quotes = v["quotes"].as_array().unwrap();
    assert!(quotes
        .iter()
        .any(|q| q["speaker"].as_str().unwrap_or("").contains("Reyes")));
}

#[tokio::test]
async fn extract_json_body_with_format() {
    let req = serde_json::json!({ "text": EXAMPLE_TEXT, "format": "markdown" }).to_string();
    let (status, ct, body) = send(
        router(Config::default()),
        post("/v1/extract", "application/json", req),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert!(ct.starts_with("text/markdown"));
    let md = String::from_utf8(body).unwrap();
    assert!(md.starts_with("# Harbour ferry returns after storm repairs"));
    assert!(!md.contains("Loading..."));
}

#[tokio::test]
async fn plain_text_content_type_takes_the_text_path() {
    let (status, _, body) = send(
        router(Config::default()),
        post("/v1/extract?explain=true", "text/plain", EXAMPLE_TEXT),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let v = json(&body);
    // Only the text path numbers removed lines.
    assert!(v["removed"]
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["line"].as_u64().is_some()));
}

#[tokio::test]
async fn analyze_plain_text() {
    let text = "\"The pier has to last,\" said harbour master Tomas Reyes on Friday.";
    let (status, ct, body) = send(
        router(Config::default()),
        post("/v1/analyze?published=2026-03-02", "text/plain", text),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(ct, "application/json");
    let v = json(&body);
    assert_eq!(v["quotes"].as_array().unwrap().len(), 1, "{v}");
    assert!(v["entities"].is_array() && v["dates"].is_array());
}

#[tokio::test]
async fn errors_are_json_with_the_right_status() {
    let cases: Vec<(Request<Body>, StatusCode, &str)> = vec![
        (
            post("/v1/extract", "text/html", "   "),
            StatusCode::UNPROCESSABLE_ENTITY,
            "empty",
        ),
        (
            post("/v1/extract", "application/json", "{\"html\": "),
            StatusCode::BAD_REQUEST,
            "bad-request",
        ),
        (
            post("/v1/extract", "application/json", "{\"url\": \"x\"}"),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid-request",
        ),
        (
            post("/v1/extract?format=pdf", "text/html", "<p>x</p>"),
            StatusCode::BAD_REQUEST,
            "bad-request",
        ),
        (
            post("/v1/extract", "application/octet-stream", vec![0u8; 600]),
            StatusCode::UNPROCESSABLE_ENTITY,
            "binary",
        ),
        (
            post(
                "/v1/extract",
                "application/octet-stream",
                vec![0x1f, 0x8b, 8, 0, 1],
            ),
            StatusCode::UNPROCESSABLE_ENTITY,
            "gzip",
        ),
        (
            Request::get("/v1/extract").body(Body::empty()).unwrap(),
            StatusCode::METHOD_NOT_ALLOWED,
            "method-not-allowed",
        ),
        (
            Request::get("/nope").body(Body::empty()).unwrap(),
            StatusCode::NOT_FOUND,
            "not-found",
        ),
    ];
    for (req, want_status, want_kind) in cases {
        let uri = req.uri().clone();
        let (status, ct, body) = send(router(Config::default()), req).await;
        assert_eq!(status, want_status, "{uri}");
        assert_eq!(error_kind(&ct, &body), want_kind, "{uri}");
    }
}

#[tokio::test]
async fn oversized_bodies_get_413_with_or_without_length() {
    let config = Config {
        max_body_bytes: 1000,
        ..Config::default()
    };
    let big = "<p>x</p>".repeat(200);
    // Content-Length known up front.
    let (status, ct, body) = send(
        router(config.clone()),
        post("/v1/extract", "text/html", big.clone()),
    )
    .await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(error_kind(&ct, &body), "too-large");
    // Streamed (chunked): found while reading.
    let stream = futures_stream(big.into_bytes());
    let (status, ct, body) = send(
        router(config),
        post("/v1/extract", "text/html", Body::from_stream(stream)),
    )
    .await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(error_kind(&ct, &body), "too-large");
}

fn futures_stream(
    bytes: Vec<u8>,
) -> impl futures_core::Stream<Item = Result<Bytes, std::io::Error>> + Send + 'static {
    let chunks: Vec<Result<Bytes, std::io::Error>> = bytes
        .chunks(100)
        .map(|c| Ok(Bytes::copy_from_slice(c)))
        .collect();
    tokio_stream_iter(chunks)
}

/// A stream over a vector without pulling in a stream crate.
fn tokio_stream_iter<T: Unpin + Send + 'static>(
    items: Vec<T>,
) -> impl futures_core::Stream<Item = T> + Send + 'static {
    struct Iter<T>(std::vec::IntoIter<T>);
    impl<T: Unpin> futures_core::Stream for Iter<T> {
        type Item = T;
        fn poll_next(
            mut self: std::pin::Pin<&mut Self>,
            _cx: &mut std::task::Context<'_>,
        ) -> std::task::Poll<Option<T>> {
            std::task::Poll::Ready(self.0.next())
        }
    }
    Iter(items.into_iter())
}

#[tokio::test]
async fn no_free_worker_is_503_and_a_slow_request_is_504() {
    let busy = Config {
        max_concurrency: 0,
        queue_timeout: Duration::from_millis(20),
        ..Config::default()
    };
    let (status, ct, body) = send(router(busy), post("/v1/extract", "text/html", EXAMPLE)).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(error_kind(&ct, &body), "overloaded");

    let slow = Config {
        timeout: Duration::ZERO,
        ..Config::default()
    };
    let (status, ct, body) = send(router(slow), post("/v1/extract", "text/html", EXAMPLE)).await;
    assert_eq!(status, StatusCode::GATEWAY_TIMEOUT);
    assert_eq!(error_kind(&ct, &body), "timeout");
}

#[tokio::test]
async fn healthz_and_static_pages() {
    let (status, _, body) = send(
        router(Config::default()),
        Request::get("/healthz").body(Body::empty()).unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(json(&body)["status"], "ok");
    for (path, ct_start, needle) in [
        ("/", "text/html", "app.js"),
        ("/app.js", "text/javascript", "/v1/extract"),
        ("/app.css", "text/css", "{"),
    ] {
        let (status, ct, body) = send(
            router(Config::default()),
            Request::get(path).body(Body::empty()).unwrap(),
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert!(ct.starts_with(ct_start), "{path}: {ct}");
        assert!(String::from_utf8_lossy(&body).contains(needle), "{path}");
    }
}

/// Every path and method the OpenAPI document lists is routed, every other
/// method on those paths is a 405, and every status the router answered is
/// one the document lists for that operation.
#[tokio::test]
async fn openapi_document_matches_the_routes() {
    let (status, _, body) = send(
        router(Config::default()),
        Request::get("/openapi.json").body(Body::empty()).unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let spec = json(&body);
    assert!(spec["openapi"].as_str().unwrap().starts_with("3."));
    let paths = spec["paths"].as_object().unwrap();
    let mut listed: Vec<String> = paths.keys().cloned().collect();
    listed.sort();
    let mut routed: Vec<String> = ["/", "/app.css", "/app.js", "/healthz", "/openapi.json"]
        .iter()
        .chain(["/v1/analyze", "/v1/extract"].iter())
        .map(|s| s.to_string())
        .collect();
    routed.sort();
    assert_eq!(listed, routed);
    for (path, ops) in paths {
        let ops = ops.as_object().unwrap();
        for method in [Method::GET, Method::POST, Method::PUT, Method::DELETE] {
            let name = method.as_str().to_ascii_lowercase();
            let mut req = Request::builder().method(method.clone()).uri(path.as_str());
            let body = if method == Method::POST {
                req = req.header(header::CONTENT_TYPE, "text/html");
                Body::from(EXAMPLE)
            } else {
                Body::empty()
            };
            let (status, ct, _) = send(router(Config::default()), req.body(body).unwrap()).await;
            match ops.get(&name) {
                Some(op) => {
                    let responses = op["responses"].as_object().unwrap();
                    let documented = &responses[status.as_str()];
                    assert!(
                        documented.is_object(),
                        "{name} {path}: {status} not documented"
                    );
                    let media = ct.split(';').next().unwrap_or("");
                    assert!(
                        documented["content"].get(media).is_some(),
                        "{name} {path}: {media} not documented for {status}"
                    );
                }
                None => assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED, "{name} {path}"),
            }
        }
    }
}

/// The document's JSON keys are the schema's properties, and the schema's
/// required keys are always present.
#[tokio::test]
async fn document_schema_matches_the_model() {
    let spec: serde_json::Value = serde_json::from_str(OPENAPI).unwrap();
    let schema = &spec["components"]["schemas"]["Document"];
    let (_, _, body) = send(
        router(Config::default()),
        post(
            "/v1/extract?explain=true&analyze=true",
            "text/html",
            EXAMPLE,
        ),
    )
    .await;
    let doc = json(&body);
    let props = schema["properties"].as_object().unwrap();
    for key in doc.as_object().unwrap().keys() {
        assert!(props.contains_key(key), "{key} missing from the schema");
    }
    for key in schema["required"].as_array().unwrap() {
        assert!(
            doc.get(key.as_str().unwrap()).is_some(),
            "{key} not in output"
        );
    }
    let empty = serde_json::to_value(copydesk::Document::default()).unwrap();
    for key in empty.as_object().unwrap().keys() {
        assert!(
            schema["required"]
                .as_array()
                .unwrap()
                .iter()
                .any(|r| r == key),
            "{key} is always present but not required"
        );
    }
}
