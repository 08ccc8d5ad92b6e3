//! Errors as HTTP responses: one JSON shape, `{"error": {"kind", "message"}}`,
//! for every failure the server reports, its own or the framework's.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

/// Why a request failed. Each variant has one status code and a stable `kind`.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// The request is malformed (bad query string, JSON that does not parse).
    #[error("{0}")]
    BadRequest(String),
    /// The request parses but asks for something impossible.
    #[error("{0}")]
    Invalid(String),
    /// The core refused the input (empty, binary, corrupt gzip, too large).
    #[error(transparent)]
    Extract(#[from] copydesk::Error),
    /// The body is over the configured limit.
    #[error("request body is over the limit of {0} bytes")]
    TooLarge(usize),
    /// No worker became free in time.
    #[error("the server is busy; try again shortly")]
    Overloaded,
    /// The work did not finish within the request timeout.
    #[error("the request took longer than the timeout")]
    Timeout,
    #[error("no such route: {0}")]
    NotFound(String),
    #[error("method not allowed")]
    MethodNotAllowed,
    /// A bug: the worker failed. The server itself keeps running.
    #[error("internal error: {0}")]
    Internal(String),
    /// An error response from a layer, carried over with its status.
    #[error("{message}")]
    Other { status: StatusCode, message: String },
}

impl ApiError {
    pub fn status(&self) -> StatusCode {
        match self {
            ApiError::BadRequest(_) => StatusCode::BAD_REQUEST,
            ApiError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::Extract(copydesk::Error::TooLarge { .. }) | ApiError::TooLarge(_) => {
                StatusCode::PAYLOAD_TOO_LARGE
            }
            ApiError::Extract(_) => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::Overloaded => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::Timeout => StatusCode::GATEWAY_TIMEOUT,
            ApiError::NotFound(_) => StatusCode::NOT_FOUND,
            ApiError::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
            ApiError::Other { status, .. } => *status,
        }
    }

    /// A short stable name for the kind of error.
    pub fn kind(&self) -> &'static str {
        match self {
            ApiError::BadRequest(_) => "bad-request",
            ApiError::Invalid(_) => "invalid-request",
            ApiError::Extract(e) => e.kind(),
            ApiError::TooLarge(_) => "too-large",
            ApiError::Overloaded => "overloaded",
            ApiError::Timeout => "timeout",
            ApiError::NotFound(_) => "not-found",
            ApiError::MethodNotAllowed => "method-not-allowed",
            ApiError::Internal(_) => "internal",
            ApiError::Other { status, .. } => kind_for_status(*status),
        }
    }
}

/// The `kind` for an error status produced outside our handlers.
pub fn kind_for_status(status: StatusCode) -> &'static str {
    match status.as_u16() {
        400 => "bad-request",
        404 => "not-found",
        405 => "method-not-allowed",
        408 | 504 => "timeout",
        413 => "too-large",
        415 => "unsupported-media-type",
        422 => "invalid-request",
        503 => "overloaded",
        500..=599 => "internal",
        _ => "error",
    }
}

/// The JSON body of an error response.
pub fn error_body(kind: &str, message: &str) -> Vec<u8> {
    let v = serde_json::json!({ "error": { "kind": kind, "message": message } });
    // Serialising a `Value` of strings cannot fail; fall back to a fixed body anyway.
    serde_json::to_vec(&v)
        .unwrap_or_else(|_| br#"{"error":{"kind":"internal","message":""}}"#.to_vec())
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = error_body(self.kind(), &self.to_string());
        let mut resp = (self.status(), body).into_response();
        resp.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        resp
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn core_errors_map_to_their_status() {
        let e = ApiError::from(copydesk::Error::Empty);
        assert_eq!(e.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(e.kind(), "empty");
        let e = ApiError::from(copydesk::Error::TooLarge { size: 2, limit: 1 });
        assert_eq!(e.status(), StatusCode::PAYLOAD_TOO_LARGE);
        assert_eq!(e.kind(), "too-large");
    }

    #[test]
    fn error_body_has_kind_and_message() {
        let v: serde_json::Value =
            serde_json::from_slice(&error_body("timeout", "slow \"page\"")).unwrap_or_default();
        assert_eq!(v["error"]["kind"], "timeout");
        assert_eq!(v["error"]["message"], "slow \"page\"");
    }
}
