//! copydesk over HTTP: a thin JSON API over the core and a page that shows a
//! person what was kept, what was removed and why.
//!
//! | route | what |
//! |---|---|
//! | `POST /v1/extract` | raw HTML/text (options in the query) or JSON `{"html"\|"text", "url"?, "analyze"?, "explain"?, "format"?}` → the document |
//! | `POST /v1/analyze` | plain text or JSON `{"text", "published"?}` → quotes, entities, dates |
//! | `GET /healthz` | liveness |
//! | `GET /openapi.json` | the OpenAPI 3 description of these routes |
//! | `GET /` | the viewer page (with `/app.js`, `/app.css`) |
//!
//! Requests are bounded: a body limit (413), a CPU-worker limit (503 when no
//! worker frees up in time), a whole-request timeout (504). Extraction runs on
//! blocking threads, never on the async workers. Every error is JSON:
//! `{"error": {"kind", "message"}}`.
//!
//! ```no_run
//! # async fn run() -> std::io::Result<()> {
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:8080").await?;
//! copydesk_server::serve(listener, copydesk_server::Config::default()).await
//! # }
//! ```

mod api;
mod error;

pub use error::ApiError;

use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, Request, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Semaphore;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

/// The OpenAPI 3 document served at `/openapi.json`.
pub const OPENAPI: &str = include_str!("openapi.json");
const INDEX_HTML: &str = include_str!("page/index.html");
const APP_JS: &str = include_str!("page/app.js");
const APP_CSS: &str = include_str!("page/app.css");

/// Limits of one server.
#[derive(Debug, Clone)]
pub struct Config {
    /// Largest request body accepted (bigger: 413).
    pub max_body_bytes: usize,
    /// Whole-request deadline (over: 504).
    pub timeout: Duration,
    /// Extractions running at once; the rest wait for a worker.
    pub max_concurrency: usize,
    /// How long a request waits for a worker before a 503.
    pub queue_timeout: Duration,
}

impl Default for Config {
    fn default() -> Self {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        Config {
            max_body_bytes: 10 << 20,
            timeout: Duration::from_secs(30),
            max_concurrency: cores * 2,
            queue_timeout: Duration::from_secs(10),
        }
    }
}

#[derive(Clone)]
struct AppState {
    config: Arc<Config>,
    workers: Arc<Semaphore>,
}

/// The application: routes, limits, JSON errors, request logging.
pub fn router(config: Config) -> Router {
    let state = AppState {
        workers: Arc::new(Semaphore::new(config.max_concurrency)),
        config: Arc::new(config.clone()),
    };
    let trace = TraceLayer::new_for_http()
        .make_span_with(|req: &Request<_>| {
            tracing::info_span!("request", method = %req.method(), path = %req.uri().path())
        })
        .on_request(())
        .on_failure(())
        .on_response(
            |resp: &axum::http::Response<_>, latency: Duration, _span: &tracing::Span| {
                tracing::info!(
                    status = resp.status().as_u16(),
                    latency_us = latency.as_micros() as u64,
                    "done"
                );
            },
        );
    Router::new()
        .route("/", get(index))
        .route("/app.js", get(app_js))
        .route("/app.css", get(app_css))
        .route("/healthz", get(healthz))
        .route("/openapi.json", get(openapi))
        .route("/v1/extract", post(extract))
        .route("/v1/analyze", post(analyze))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .with_state(state)
        .layer(DefaultBodyLimit::max(config.max_body_bytes))
        // Each `layer` wraps the ones above it: the body limit is innermost,
        // the request log outermost.
        .layer(RequestBodyLimitLayer::new(config.max_body_bytes))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::GATEWAY_TIMEOUT,
            config.timeout,
        ))
        .layer(axum::middleware::map_response(json_errors))
        .layer(CatchPanicLayer::custom(panic_response))
        .layer(trace)
}

/// Serves `router(config)` on `listener` until Ctrl-C.
pub async fn serve(listener: tokio::net::TcpListener, config: Config) -> std::io::Result<()> {
    axum::serve(listener, router(config))
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
}

/// Binds `addr` and serves on a multi-threaded runtime of its own; blocks.
pub fn serve_blocking(addr: &str, config: Config) -> std::io::Result<()> {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    rt.block_on(async {
        let listener = tokio::net::TcpListener::bind(addr).await?;
        tracing::info!(addr = %listener.local_addr()?, "copydesk serving");
        serve(listener, config).await
    })
}

fn static_file(content_type: &'static str, body: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        body,
    )
        .into_response()
}

async fn index() -> Response {
    static_file("text/html; charset=utf-8", INDEX_HTML)
}

async fn app_js() -> Response {
    static_file("text/javascript; charset=utf-8", APP_JS)
}

async fn app_css() -> Response {
    static_file("text/css; charset=utf-8", APP_CSS)
}

async fn healthz() -> Response {
    let body = serde_json::json!({ "status": "ok", "version": env!("CARGO_PKG_VERSION") });
    axum::Json(body).into_response()
}

async fn openapi() -> Response {
    static_file("application/json", OPENAPI)
}

async fn not_found(uri: axum::http::Uri) -> ApiError {
    ApiError::NotFound(uri.path().chars().take(200).collect())
}

async fn method_not_allowed() -> ApiError {
    ApiError::MethodNotAllowed
}

async fn extract(
    State(state): State<AppState>,
    query: Result<Query<api::ExtractQuery>, axum::extract::rejection::QueryRejection>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    let Query(query) = query.map_err(|e| ApiError::BadRequest(e.body_text()))?;
    let body_type = api::BodyType::parse(content_type(&headers));
    let max = state.config.max_body_bytes;
    run_on_worker(&state, move || api::extract(&body, &body_type, &query, max)).await
}

async fn analyze(
    State(state): State<AppState>,
    query: Result<Query<api::AnalyzeQuery>, axum::extract::rejection::QueryRejection>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    let Query(query) = query.map_err(|e| ApiError::BadRequest(e.body_text()))?;
    let body_type = api::BodyType::parse(content_type(&headers));
    run_on_worker(&state, move || api::analyze(&body, &body_type, &query)).await
}

fn content_type(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
}

/// Runs CPU work on a blocking thread once a worker permit is free. The permit
/// moves into the thread, so work that outlives a timed-out request still
/// counts against the limit.
async fn run_on_worker<F>(state: &AppState, work: F) -> Result<Response, ApiError>
where
    F: FnOnce() -> Result<api::Rendered, ApiError> + Send + 'static,
{
    let permit = tokio::time::timeout(
        state.config.queue_timeout,
        Arc::clone(&state.workers).acquire_owned(),
    )
    .await
    .map_err(|_| ApiError::Overloaded)?
    .map_err(|_| ApiError::Overloaded)?;
    let rendered = tokio::task::spawn_blocking(move || {
        let _permit = permit;
        work()
    })
    .await
    .map_err(|e| ApiError::Internal(format!("worker failed: {e}")))??;
    Ok((
        [(header::CONTENT_TYPE, rendered.content_type)],
        rendered.body,
    )
        .into_response())
}

/// Error responses made by layers or by axum's extractors (plain text) are
/// rewritten into the JSON error shape.
async fn json_errors(resp: Response) -> Response {
    let status = resp.status();
    if !(status.is_client_error() || status.is_server_error()) {
        return resp;
    }
    let is_json = resp
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
    if is_json {
        return resp;
    }
    let message = match axum::body::to_bytes(resp.into_body(), 4096).await {
        Ok(b) if !b.is_empty() => String::from_utf8_lossy(&b).into_owned(),
        _ => status
            .canonical_reason()
            .unwrap_or("request failed")
            .to_string(),
    };
    ApiError::Other { status, message }.into_response()
}

fn panic_response(_err: Box<dyn std::any::Any + Send + 'static>) -> Response {
    let mut resp = (
        StatusCode::INTERNAL_SERVER_ERROR,
        error::error_body("internal", "internal error"),
    )
        .into_response();
    resp.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    resp
}

#[cfg(test)]
mod tests;
