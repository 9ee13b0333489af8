//! Error responses, in the shape of the seed page's examples: `{code, message}`
//! with the status as `code` (`"404"`), except the 401 whose code is
//! `Unauthorized`, as the documentation shows it.

use axum::Json;
use axum::http::{HeaderMap, HeaderName, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use workiva_processes::types;

/// An API error: a status, the spec's `Error` body and extra headers.
#[derive(Debug, Clone)]
pub(crate) struct ApiError {
    pub(crate) status: StatusCode,
    /// Boxed: errors travel in `Result`s everywhere, and the body is large.
    pub(crate) body: Box<types::Error>,
    pub(crate) headers: Vec<(HeaderName, HeaderValue)>,
}

impl ApiError {
    /// An error whose `code` is its status number, as in the seed's examples.
    pub(crate) fn new(status: StatusCode, message: impl Into<String>) -> Self {
        Self::with_code(status, status.as_u16().to_string(), message)
    }

    pub(crate) fn with_code(
        status: StatusCode,
        code: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Self {
            status,
            body: Box::new(types::Error {
                code: code.into(),
                message: Some(message.into()),
                details: None,
                documentation_url: None,
                meta: Default::default(),
                target: None,
                version: None,
            }),
            headers: Vec::new(),
        }
    }

    pub(crate) fn bad_request(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, message)
    }

    /// A 400 naming the parameter or body field at fault in `target`.
    pub(crate) fn invalid(target: impl Into<String>, message: impl Into<String>) -> Self {
        let mut e = Self::bad_request(message);
        e.body.target = Some(target.into());
        e
    }

    pub(crate) fn unauthorized() -> Self {
        Self::with_code(StatusCode::UNAUTHORIZED, "Unauthorized", "Bad credentials")
            .header(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"))
    }

    pub(crate) fn forbidden() -> Self {
        Self::new(StatusCode::FORBIDDEN, "Forbidden")
    }

    pub(crate) fn not_found(message: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, message)
    }

    pub(crate) fn conflict(message: impl Into<String>) -> Self {
        Self::new(StatusCode::CONFLICT, message)
    }

    pub(crate) fn too_many_requests(message: impl Into<String>, retry_after_secs: u64) -> Self {
        Self::new(StatusCode::TOO_MANY_REQUESTS, message)
            .header(header::RETRY_AFTER, HeaderValue::from(retry_after_secs))
    }

    pub(crate) fn service_unavailable() -> Self {
        Self::new(StatusCode::SERVICE_UNAVAILABLE, "Service Unavailable.")
    }

    pub(crate) fn header(mut self, name: HeaderName, value: HeaderValue) -> Self {
        self.headers.push((name, value));
        self
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut headers = HeaderMap::new();
        for (name, value) in self.headers {
            headers.append(name, value);
        }
        (self.status, headers, Json(self.body)).into_response()
    }
}

/// An OAuth2 token endpoint error (RFC 6749 section 5.2):
/// `{error, error_description}`, a different shape from the API's errors.
#[derive(Debug, Clone)]
pub(crate) struct OAuthError {
    pub(crate) status: StatusCode,
    pub(crate) error: &'static str,
    pub(crate) description: String,
    /// Whether to challenge for HTTP Basic (a 401 to a client that used it).
    pub(crate) basic_challenge: bool,
}

impl OAuthError {
    pub(crate) fn new(
        status: StatusCode,
        error: &'static str,
        description: impl Into<String>,
    ) -> Self {
        Self {
            status,
            error,
            description: description.into(),
            basic_challenge: false,
        }
    }
}

impl IntoResponse for OAuthError {
    fn into_response(self) -> Response {
        let body = serde_json::json!({
            "error": self.error,
            "error_description": self.description,
        });
        let mut headers = HeaderMap::new();
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        if self.basic_challenge {
            headers.insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Basic realm=\"oauth2\""),
            );
        }
        (self.status, headers, Json(body)).into_response()
    }
}
