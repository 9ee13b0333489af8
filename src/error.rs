//! One error type for everything a call can end in.

use std::fmt;
use std::sync::OnceLock;
use std::time::Duration;

use bytes::Bytes;
use http::{HeaderMap, StatusCode};

use crate::Operation;

/// Error bodies are kept up to this size; the rest is dropped (and
/// [`Error::body_truncated`] says so).
pub const MAX_ERROR_BODY: usize = 64 * 1024;

/// What kind of failure an [`Error`] is. Match on this.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// 400: the server refused the request as malformed.
    BadRequest,
    /// 401, or the token endpoint refused the credentials.
    Unauthenticated,
    /// 403.
    Forbidden,
    /// 404.
    NotFound,
    /// 409.
    Conflict,
    /// 429, after the retries the policy allows.
    RateLimited,
    /// 5xx other than 503, after the retries.
    ServerError,
    /// 503, after the retries.
    ServiceUnavailable,
    /// Any other non-2xx status.
    UnexpectedStatus,
    /// A 2xx response whose body does not decode (or exceeds the size cap).
    InvalidBody,
    /// The connection failed or broke.
    Transport,
    /// An attempt ran past its timeout.
    Timeout,
    /// An argument was refused locally; nothing was sent.
    InvalidInput,
    /// The token does not grant a scope the operation requires; nothing was sent.
    MissingScope,
}

impl ErrorKind {
    /// The kind a non-2xx status maps to.
    pub fn from_status(status: StatusCode) -> ErrorKind {
        match status.as_u16() {
            400 => ErrorKind::BadRequest,
            401 => ErrorKind::Unauthenticated,
            403 => ErrorKind::Forbidden,
            404 => ErrorKind::NotFound,
            409 => ErrorKind::Conflict,
            429 => ErrorKind::RateLimited,
            503 => ErrorKind::ServiceUnavailable,
            500..=599 => ErrorKind::ServerError,
            _ => ErrorKind::UnexpectedStatus,
        }
    }

    /// snake_case name, stable for logs and JSON (`not_found`).
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::BadRequest => "bad_request",
            ErrorKind::Unauthenticated => "unauthenticated",
            ErrorKind::Forbidden => "forbidden",
            ErrorKind::NotFound => "not_found",
            ErrorKind::Conflict => "conflict",
            ErrorKind::RateLimited => "rate_limited",
            ErrorKind::ServerError => "server_error",
            ErrorKind::ServiceUnavailable => "service_unavailable",
            ErrorKind::UnexpectedStatus => "unexpected_status",
            ErrorKind::InvalidBody => "invalid_body",
            ErrorKind::Transport => "transport",
            ErrorKind::Timeout => "timeout",
            ErrorKind::InvalidInput => "invalid_input",
            ErrorKind::MissingScope => "missing_scope",
        }
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The scopes an operation needed and those the token granted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissingScope {
    /// Scopes the operation requires (from the spec's `security`).
    pub required: Vec<String>,
    /// Scopes the token endpoint said it granted.
    pub granted: Vec<String>,
}

/// Why a call failed, with everything the server sent.
///
/// For every non-2xx response it keeps the status, the response headers
/// (credentials-bearing ones marked sensitive, so `Debug` hides them), the
/// raw body (up to [`MAX_ERROR_BODY`]), the body decoded as the spec's error
/// schema when it parses, the request id and the server's `Retry-After`.
/// Neither `Display` nor `Debug` ever shows a token or a secret: none is ever
/// stored here.
pub struct Error {
    inner: Box<Inner>,
}

struct Inner {
    kind: ErrorKind,
    operation: Option<&'static str>,
    detail: String,
    status: Option<StatusCode>,
    headers: HeaderMap,
    raw_body: Bytes,
    body_truncated: bool,
    /// What every error body shape has in common, decoded when the error is
    /// made: one parse serves the accessors and `Display`.
    common: CommonFields,
    /// The body as a JSON object and as the spec's error type: decoded on
    /// first use from the kept body (eagerly when the body is cut at the cap).
    fields: OnceLock<Option<serde_json::Map<String, serde_json::Value>>>,
    body: OnceLock<Option<crate::types::Error>>,
    retry_after: Option<Duration>,
    attempts: u32,
    missing_scope: Option<MissingScope>,
    source: Option<Box<dyn std::error::Error + Send + Sync>>,
}

impl Error {
    fn new(kind: ErrorKind, operation: Option<&'static str>, detail: impl Into<String>) -> Error {
        Error {
            inner: Box::new(Inner {
                kind,
                operation,
                detail: detail.into(),
                status: None,
                headers: HeaderMap::new(),
                raw_body: Bytes::new(),
                body_truncated: false,
                common: CommonFields::default(),
                fields: OnceLock::new(),
                body: OnceLock::new(),
                retry_after: None,
                attempts: 0,
                missing_scope: None,
                source: None,
            }),
        }
    }

    pub(crate) fn invalid_input(op: &Operation, detail: impl Into<String>) -> Error {
        Error::new(ErrorKind::InvalidInput, Some(op.operation_id), detail)
    }

    pub(crate) fn config(detail: impl Into<String>) -> Error {
        Error::new(ErrorKind::InvalidInput, None, detail)
    }

    pub(crate) fn scope_refused(op: &Operation, granted: &[String]) -> Error {
        let required: Vec<String> = op.scopes.iter().map(|s| s.to_string()).collect();
        let mut e = Error::new(
            ErrorKind::MissingScope,
            Some(op.operation_id),
            format!(
                "requires scope {} but the token grants [{}]; nothing was sent",
                required.join(" "),
                granted.join(" ")
            ),
        );
        e.inner.missing_scope = Some(MissingScope {
            required,
            granted: granted.to_vec(),
        });
        e
    }

    pub(crate) fn transport(
        op: Option<&'static str>,
        err: impl std::error::Error + Send + Sync + 'static,
        timeout: bool,
    ) -> Error {
        let kind = if timeout {
            ErrorKind::Timeout
        } else {
            ErrorKind::Transport
        };
        let detail = error_chain(&err);
        let mut e = Error::new(kind, op, detail);
        e.inner.source = Some(Box::new(err));
        e
    }

    /// A non-2xx response (or a 2xx that did not decode, with `kind`
    /// [`ErrorKind::InvalidBody`]).
    pub(crate) fn from_response(
        kind: ErrorKind,
        op: Option<&'static str>,
        status: StatusCode,
        headers: HeaderMap,
        body: Bytes,
        truncated: bool,
        detail: impl Into<String>,
    ) -> Error {
        let mut e = Error::new(kind, op, detail);
        if headers.contains_key(http::header::RETRY_AFTER) {
            e.inner.retry_after = crate::retry::retry_after(&headers, std::time::SystemTime::now());
        }
        e.inner.headers = redact(headers);
        e.inner.status = Some(status);
        e.inner.body_truncated = truncated;
        if kind != ErrorKind::InvalidBody {
            match serde_json::from_slice::<CommonFields>(&body) {
                // The rest can be read again from the kept body, unless it is
                // about to be cut at the cap.
                Ok(common) if body.len() <= MAX_ERROR_BODY => e.inner.common = common,
                _ => {
                    let (fields, typed) = decode_error_body(&body);
                    e.inner.common = fields
                        .as_ref()
                        .map(CommonFields::from_map)
                        .unwrap_or_default();
                    e.inner.fields = OnceLock::from(fields);
                    e.inner.body = OnceLock::from(typed);
                }
            }
        }
        e.inner.raw_body = if body.len() > MAX_ERROR_BODY {
            e.inner.body_truncated = true;
            body.slice(..MAX_ERROR_BODY)
        } else {
            body
        };
        e
    }

    /// The error for a complete HTTP response that was not a success, as the
    /// client builds it for every non-2xx response: kind from the status,
    /// body decoded when it is the spec's error shape, raw body and headers
    /// kept. Also useful to code that reaches the API by other means.
    pub fn from_http_response(status: StatusCode, headers: HeaderMap, body: Bytes) -> Error {
        let kind = if status.is_success() {
            ErrorKind::InvalidBody
        } else {
            ErrorKind::from_status(status)
        };
        Error::from_response(kind, None, status, headers, body, false, "")
    }

    /// A refusal by the token endpoint: `{error, error_description}`.
    pub(crate) fn token_refused(
        status: StatusCode,
        headers: HeaderMap,
        body: Bytes,
        truncated: bool,
    ) -> Error {
        let mut e = Error::from_response(
            ErrorKind::Unauthenticated,
            None,
            status,
            headers,
            body.clone(),
            truncated,
            "the token endpoint refused the credentials",
        );
        if let Ok(serde_json::Value::Object(map)) =
            serde_json::from_slice::<serde_json::Value>(&body)
        {
            let mut fields = serde_json::Map::new();
            if let Some(code) = map.get("error").cloned() {
                fields.insert("code".into(), code);
            }
            if let Some(msg) = map.get("error_description").cloned() {
                fields.insert("message".into(), msg);
            }
            if let Some(uri) = map.get("error_uri").cloned() {
                fields.insert("documentationUrl".into(), uri);
            }
            let typed = serde_json::from_value(serde_json::Value::Object(fields.clone())).ok();
            e.inner.common = CommonFields::from_map(&fields);
            e.inner.fields = OnceLock::from(Some(fields));
            e.inner.body = OnceLock::from(typed);
        }
        e
    }

    pub(crate) fn set_kind(&mut self, kind: ErrorKind) {
        self.inner.kind = kind;
    }

    pub(crate) fn with_operation(mut self, op: &'static str) -> Error {
        self.inner.operation.get_or_insert(op);
        self
    }

    pub(crate) fn with_attempts(mut self, attempts: u32) -> Error {
        self.inner.attempts = attempts;
        self
    }

    /// The kind of failure.
    pub fn kind(&self) -> ErrorKind {
        self.inner.kind
    }
    /// The operationId of the call, when the error belongs to one.
    pub fn operation(&self) -> Option<&'static str> {
        self.inner.operation
    }
    /// The HTTP status, when a response was received.
    pub fn status(&self) -> Option<StatusCode> {
        self.inner.status
    }
    /// The response headers, when a response was received.
    pub fn headers(&self) -> &HeaderMap {
        &self.inner.headers
    }
    /// The raw response body, up to [`MAX_ERROR_BODY`] bytes.
    pub fn raw_body(&self) -> &[u8] {
        &self.inner.raw_body
    }
    /// The raw body as text (lossy UTF-8).
    pub fn body_text(&self) -> String {
        String::from_utf8_lossy(&self.inner.raw_body).into_owned()
    }
    /// Whether the body was longer than what is kept.
    pub fn body_truncated(&self) -> bool {
        self.inner.body_truncated
    }
    /// The body decoded as the spec's error schema, when it parses as one.
    pub fn body(&self) -> Option<&crate::types::Error> {
        self.inner
            .body
            .get_or_init(|| decode_error_body(&self.inner.raw_body).1)
            .as_ref()
    }
    /// Any field of a JSON object body, including ones the spec does not know.
    pub fn field(&self, name: &str) -> Option<&serde_json::Value> {
        self.inner
            .fields
            .get_or_init(|| decode_error_body(&self.inner.raw_body).0)
            .as_ref()?
            .get(name)
    }
    /// The server's error code (`code`; a numeric code is given as text).
    pub fn code(&self) -> Option<&str> {
        self.inner.common.code.as_deref()
    }
    /// The server's message.
    pub fn message(&self) -> Option<&str> {
        self.inner.common.message.as_deref()
    }
    /// What the error is about (`target`).
    pub fn target(&self) -> Option<&str> {
        self.inner.common.target.as_deref()
    }
    /// `documentationUrl`.
    pub fn documentation_url(&self) -> Option<&str> {
        self.inner.common.documentation_url.as_deref()
    }
    /// `meta`, a free-form object.
    pub fn meta(&self) -> Option<&serde_json::Map<String, serde_json::Value>> {
        self.inner.common.meta.as_ref()
    }
    /// `details`, further errors.
    pub fn details(&self) -> Option<&Vec<serde_json::Value>> {
        self.inner.common.details.as_ref()
    }
    /// `X-Request-Id` of the response.
    pub fn request_id(&self) -> Option<&str> {
        self.inner.headers.get("x-request-id")?.to_str().ok()
    }
    /// How long the server asked to wait: `Retry-After` (seconds or HTTP
    /// date), or the hint in Workiva's 429 message ("Retry request in 10
    /// seconds.").
    pub fn retry_after(&self) -> Option<Duration> {
        self.inner
            .retry_after
            .or_else(|| self.message().and_then(crate::retry::message_hint))
    }
    /// How many requests were sent for the call (0 when refused locally).
    pub fn attempts(&self) -> u32 {
        self.inner.attempts
    }
    /// For [`ErrorKind::MissingScope`]: required and granted scopes.
    pub fn missing_scope(&self) -> Option<&MissingScope> {
        self.inner.missing_scope.as_ref()
    }
    /// Whether a later identical call may succeed (rate limits, 5xx,
    /// transport failures and timeouts).
    pub fn is_transient(&self) -> bool {
        matches!(
            self.inner.kind,
            ErrorKind::RateLimited
                | ErrorKind::ServerError
                | ErrorKind::ServiceUnavailable
                | ErrorKind::Transport
                | ErrorKind::Timeout
        )
    }
    /// The status as a number, for logs and JSON.
    pub fn status_code(&self) -> Option<u16> {
        self.inner.status.map(|s| s.as_u16())
    }
}

/// Serializes the error's facts as one JSON object (the CLI's
/// `--error-format json`, and the snapshot tests).
impl serde::Serialize for Error {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("status", &self.status_code())?;
        m.serialize_entry("kind", self.kind().as_str())?;
        m.serialize_entry("operation", &self.operation())?;
        m.serialize_entry("code", &self.code())?;
        m.serialize_entry("message", &self.message())?;
        m.serialize_entry("target", &self.target())?;
        m.serialize_entry("documentationUrl", &self.documentation_url())?;
        m.serialize_entry("meta", &self.meta())?;
        m.serialize_entry("details", &self.details())?;
        m.serialize_entry("requestId", &self.request_id())?;
        m.serialize_entry(
            "retryAfterSeconds",
            &self.retry_after().map(|d| d.as_secs_f64()),
        )?;
        m.serialize_entry("attempts", &self.attempts())?;
        m.serialize_entry("body", &self.body_text())?;
        m.serialize_entry("decoded", &self.body())?;
        m.serialize_entry("detail", &self.inner.detail)?;
        m.end()
    }
}

impl fmt::Display for Error {
    /// One line: `trashProcess: not_found (404): [404] Could not find ... (request id r1, 1 attempt)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(op) = self.inner.operation {
            write!(f, "{op}: ")?;
        }
        write!(f, "{}", self.inner.kind)?;
        if let Some(status) = self.inner.status {
            write!(f, " ({})", status.as_u16())?;
        }
        match (self.code(), self.message()) {
            (Some(code), Some(msg)) => write!(f, ": [{}] {}", one_line(code), one_line(msg))?,
            (None, Some(msg)) => write!(f, ": {}", one_line(msg))?,
            (Some(code), None) => write!(f, ": [{}]", one_line(code))?,
            (None, None) => {}
        }
        if !self.inner.detail.is_empty()
            && (self.message().is_none() || self.inner.status.is_none())
        {
            write!(f, ": {}", one_line(&self.inner.detail))?;
        }
        let mut extra = Vec::new();
        if let Some(id) = self.request_id() {
            extra.push(format!("request id {}", one_line(id)));
        }
        if self.inner.attempts > 0 {
            let n = self.inner.attempts;
            extra.push(format!("{n} attempt{}", if n == 1 { "" } else { "s" }));
        }
        if !extra.is_empty() {
            write!(f, " ({})", extra.join(", "))?;
        }
        Ok(())
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Error")
            .field("kind", &self.inner.kind)
            .field("operation", &self.inner.operation)
            .field("status", &self.inner.status)
            .field("detail", &self.inner.detail)
            .field("code", &self.code())
            .field("message", &self.message())
            .field("request_id", &self.request_id())
            .field("retry_after", &self.retry_after())
            .field("attempts", &self.inner.attempts)
            .field("headers", &self.inner.headers)
            .field("body", &self.body_text())
            .field("body_truncated", &self.inner.body_truncated)
            .field("missing_scope", &self.inner.missing_scope)
            .finish()
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.inner
            .source
            .as_deref()
            .map(|e| e as &(dyn std::error::Error + 'static))
    }
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn error_chain(err: &(dyn std::error::Error + 'static)) -> String {
    let mut s = err.to_string();
    let mut cur = err.source();
    while let Some(e) = cur {
        let next = e.to_string();
        if !s.contains(&next) {
            s.push_str(": ");
            s.push_str(&next);
        }
        cur = e.source();
    }
    s
}

/// Headers that can carry credentials are marked sensitive, which hides their
/// values from `Debug`.
fn redact(mut headers: HeaderMap) -> HeaderMap {
    for name in [
        http::header::AUTHORIZATION,
        http::header::PROXY_AUTHORIZATION,
        http::header::COOKIE,
        http::header::SET_COOKIE,
    ] {
        // `entry` would allocate in an empty map; look before touching.
        if !headers.contains_key(&name) {
            continue;
        }
        if let http::header::Entry::Occupied(mut e) = headers.entry(name) {
            for v in e.iter_mut() {
                v.set_sensitive(true);
            }
        }
    }
    headers
}

/// The fields every error body shape of the reference has in common, as the
/// runtime reads them for its accessors, whatever this spec revision's error
/// type says (`code` may come as a number).
#[derive(Debug, Default, serde::Deserialize)]
struct CommonFields {
    #[serde(default, deserialize_with = "code_as_text")]
    code: Option<String>,
    #[serde(default)]
    message: Option<String>,
    #[serde(default)]
    target: Option<String>,
    #[serde(default, rename = "documentationUrl")]
    documentation_url: Option<String>,
    #[serde(default)]
    meta: Option<serde_json::Map<String, serde_json::Value>>,
    #[serde(default)]
    details: Option<Vec<serde_json::Value>>,
}

impl CommonFields {
    /// From a body whose fields have unexpected types: what has the expected
    /// type is kept, the rest is left out.
    fn from_map(map: &serde_json::Map<String, serde_json::Value>) -> CommonFields {
        let text = |k: &str| map.get(k).and_then(|v| v.as_str()).map(str::to_string);
        CommonFields {
            code: text("code"),
            message: text("message"),
            target: text("target"),
            documentation_url: text("documentationUrl"),
            meta: map.get("meta").and_then(|v| v.as_object()).cloned(),
            details: map.get("details").and_then(|v| v.as_array()).cloned(),
        }
    }
}

fn code_as_text<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    use serde::Deserialize as _;
    Ok(match Option::<serde_json::Value>::deserialize(d)? {
        Some(serde_json::Value::String(s)) => Some(s),
        Some(serde_json::Value::Number(n)) => Some(n.to_string()),
        Some(serde_json::Value::Null) | None => None,
        Some(_) => {
            return Err(serde::de::Error::custom(
                "code is neither text nor a number",
            ));
        }
    })
}

/// Decodes an error body: the JSON object as it came (numeric `code` turned
/// into text), and the spec's error type when the object fits it.
pub(crate) fn decode_error_body(
    body: &[u8],
) -> (
    Option<serde_json::Map<String, serde_json::Value>>,
    Option<crate::types::Error>,
) {
    let Ok(serde_json::Value::Object(mut map)) = serde_json::from_slice::<serde_json::Value>(body)
    else {
        return (None, None);
    };
    if let Some(code) = map.get_mut("code") {
        if let serde_json::Value::Number(n) = code {
            *code = serde_json::Value::String(n.to_string());
        }
    }
    let typed = serde_json::from_value(serde_json::Value::Object(map.clone())).ok();
    (Some(map), typed)
}
