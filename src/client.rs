//! The client and its builder, and the one place every call goes through.

use std::future::Future;
use std::sync::Arc;
use std::time::{Duration, Instant};

use progenitor_client::ResponseValue;
use tracing::Instrument;

use crate::auth::{Auth, Credentials};
use crate::retry::Decision;
use crate::transport::{AttemptState, CallContext};
use crate::{Error, ErrorKind, Operation, RetryPolicy};

/// Workiva's regions; base URLs come from the spec's `servers`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Region {
    /// United States, the default.
    #[default]
    Us,
    /// European Union.
    Eu,
    /// Asia-Pacific.
    Apac,
}

impl Region {
    /// The region's name as the spec's server descriptions spell it.
    pub fn name(self) -> &'static str {
        match self {
            Region::Us => "US",
            Region::Eu => "EU",
            Region::Apac => "APAC",
        }
    }

    /// The region's base URL, from the spec's `servers`.
    pub fn base_url(self) -> Option<&'static str> {
        crate::SERVERS
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(self.name()))
            .map(|(_, url)| *url)
    }
}

impl std::str::FromStr for Region {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.to_ascii_lowercase().as_str() {
            "us" => Ok(Region::Us),
            "eu" => Ok(Region::Eu),
            "apac" => Ok(Region::Apac),
            _ => Err(format!("unknown region `{s}` (us, eu or apac)")),
        }
    }
}

/// Default timeout of one attempt: Workiva ends requests at 29 s.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

/// Builds a [`Client`]: `Client::builder().credentials(..).build()`.
#[derive(Debug, Clone, Default)]
pub struct ClientBuilder {
    region: Region,
    base_url: Option<String>,
    credentials: Option<Credentials>,
    scopes: Option<Vec<String>>,
    timeout: Option<Duration>,
    retry: Option<RetryPolicy>,
}

impl ClientBuilder {
    /// The region whose server to use (default US).
    pub fn region(mut self, region: Region) -> Self {
        self.region = region;
        self
    }
    /// A base URL instead of a region's (a proxy, or a sandbox). Plain
    /// `http://` is accepted for loopback hosts only.
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = Some(url.into());
        self
    }
    /// How to authenticate.
    pub fn credentials(mut self, credentials: Credentials) -> Self {
        self.credentials = Some(credentials);
        self
    }
    /// The scopes to ask the token endpoint for. Default: every scope the
    /// spec's operations require.
    pub fn scopes<I, S>(mut self, scopes: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.scopes = Some(scopes.into_iter().map(Into::into).collect());
        self
    }
    /// Timeout of each attempt, connection and body included (default 30 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }
    /// The retry policy (default [`RetryPolicy::default`]).
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.retry = Some(policy);
        self
    }

    /// Validates the settings and builds the client. Nothing is sent.
    pub fn build(self) -> Result<Client, Error> {
        let raw = match &self.base_url {
            Some(u) => u.clone(),
            None => self
                .region
                .base_url()
                .ok_or_else(|| {
                    Error::config(format!(
                        "the spec has no server for region {}",
                        self.region.name()
                    ))
                })?
                .to_string(),
        };
        let base = check_base_url(&raw)?;
        let timeout = self.timeout.unwrap_or(DEFAULT_TIMEOUT);
        if timeout.is_zero() {
            return Err(Error::config("the timeout must be longer than zero"));
        }
        install_crypto_provider();
        let http = reqwest::Client::builder()
            .user_agent(concat!(
                env!("CARGO_PKG_NAME"),
                "/",
                env!("CARGO_PKG_VERSION")
            ))
            .timeout(timeout)
            .connect_timeout(timeout.min(Duration::from_secs(10)))
            // The API documents no redirects; following one could carry the
            // token elsewhere, so a 3xx is reported as it is.
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| Error::config(format!("cannot build the HTTP client: {e}")))?;
        let scopes = self.scopes.unwrap_or_else(default_scopes);
        let token_path = crate::TOKEN_PATH.unwrap_or("/oauth2/token");
        let base_str = base.as_str().trim_end_matches('/').to_string();
        let auth = Auth::new(self.credentials, scopes, format!("{base_str}{token_path}"));
        let raw = Arc::new(crate::raw::Client::new_with_client(
            &base_str,
            http.clone(),
            CallContext,
        ));
        Ok(Client {
            shared: Arc::new(Shared {
                base_url: base_str,
                base,
                http,
                raw,
                auth,
            }),
            retry: Arc::new(self.retry.unwrap_or_default()),
        })
    }
}

/// Every scope the spec's operations require, in table order.
fn default_scopes() -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for op in crate::OPERATIONS.iter() {
        for s in op.scopes {
            if !out.iter().any(|o| o == s) {
                out.push(s.to_string());
            }
        }
    }
    out
}

fn install_crypto_provider() {
    // reqwest is built without a crypto provider (so no aws-lc-sys in the
    // build); ring is installed as the process default unless the
    // application already chose one.
    if rustls::crypto::CryptoProvider::get_default().is_none() {
        let _ = rustls::crypto::ring::default_provider().install_default();
    }
}

fn check_base_url(raw: &str) -> Result<url::Url, Error> {
    let url = url::Url::parse(raw)
        .map_err(|e| Error::config(format!("invalid base URL `{raw}`: {e}")))?;
    if url.query().is_some()
        || url.fragment().is_some()
        || !url.username().is_empty()
        || url.password().is_some()
    {
        return Err(Error::config(format!(
            "the base URL `{raw}` must not carry credentials, a query or a fragment"
        )));
    }
    match url.scheme() {
        "https" => Ok(url),
        "http" if is_loopback(&url) => Ok(url),
        "http" => Err(Error::config(format!(
            "refusing plain http:// to `{}`: tokens would cross the network unencrypted (http is allowed for loopback hosts only)",
            url.host_str().unwrap_or("")
        ))),
        other => Err(Error::config(format!(
            "unsupported URL scheme `{other}` in `{raw}`"
        ))),
    }
}

fn is_loopback(url: &url::Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}

struct Shared {
    base_url: String,
    base: url::Url,
    http: reqwest::Client,
    /// progenitor's client, shared by every call; attempts differ only in
    /// task-local state (see `transport`).
    raw: Arc<crate::raw::Client>,
    auth: Auth,
}

/// A client of the Processes API. Cheap to clone; clones share connections
/// and the token cache.
///
/// ```no_run
/// # async fn demo() -> Result<(), workiva_processes::Error> {
/// use workiva_processes::{Client, Credentials, Region};
/// let client = Client::builder()
///     .region(Region::Eu)
///     .credentials(Credentials::client_credentials("id", "secret"))
///     .build()?;
/// client.trash_process("51bcc3ec3d0b4aadb69659e2a7ed767b").await?;
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct Client {
    shared: Arc<Shared>,
    retry: Arc<RetryPolicy>,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.shared.base_url)
            .field("retry", &self.retry)
            .finish_non_exhaustive()
    }
}

impl Client {
    /// Starts a [`ClientBuilder`].
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// The base URL requests go to.
    pub fn base_url(&self) -> &str {
        &self.shared.base_url
    }

    pub(crate) fn base(&self) -> &url::Url {
        &self.shared.base
    }

    /// The same client (same connections and token cache) with another retry
    /// policy, for one call or a group of calls.
    pub fn with_retry_policy(&self, policy: RetryPolicy) -> Client {
        Client {
            shared: self.shared.clone(),
            retry: Arc::new(policy),
        }
    }

    /// The retry policy in use.
    pub fn retry_policy(&self) -> &RetryPolicy {
        &self.retry
    }

    /// How many token requests this client (and its clones) has sent.
    pub fn token_requests(&self) -> u64 {
        self.shared.auth.token_requests()
    }

    /// Runs one operation: scopes, credentials, retries, error decoding and a
    /// tracing span. `call` sends one attempt through a raw client.
    pub(crate) async fn execute<T, E, F, Fut>(
        &self,
        op: &'static Operation,
        call: F,
    ) -> Result<T, Error>
    where
        F: Fn(Arc<crate::raw::Client>) -> Fut,
        Fut: Future<Output = Result<ResponseValue<T>, progenitor_client::Error<E>>>,
    {
        let span = tracing::info_span!(
            "workiva_processes.call",
            operation = op.operation_id,
            method = op.method,
            status = tracing::field::Empty,
            attempts = tracing::field::Empty,
            latency_ms = tracing::field::Empty,
            request_id = tracing::field::Empty,
        );
        let started = Instant::now();
        let result = self.attempts(op, call).instrument(span.clone()).await;
        let (status, attempts, request_id) = match &result {
            Ok((_, status, attempts, request_id)) => (Some(*status), *attempts, request_id.clone()),
            Err(e) => (
                e.status_code(),
                e.attempts(),
                e.request_id().map(str::to_string),
            ),
        };
        if let Some(s) = status {
            span.record("status", s);
        }
        span.record("attempts", attempts);
        span.record("latency_ms", started.elapsed().as_millis() as u64);
        if let Some(id) = &request_id {
            span.record("request_id", id.as_str());
        }
        match &result {
            Ok(_) => tracing::debug!(parent: &span, "call succeeded"),
            Err(e) => tracing::debug!(parent: &span, kind = e.kind().as_str(), "call failed"),
        }
        result.map(|(v, ..)| v)
    }

    async fn attempts<T, E, F, Fut>(
        &self,
        op: &'static Operation,
        call: F,
    ) -> Result<(T, u16, u32, Option<String>), Error>
    where
        F: Fn(Arc<crate::raw::Client>) -> Fut,
        Fut: Future<Output = Result<ResponseValue<T>, progenitor_client::Error<E>>>,
    {
        let shared = &self.shared;
        let mut attempts = 0u32;
        let mut waited = Duration::ZERO;
        let mut refreshed = false;
        loop {
            let token = shared
                .auth
                .token(&shared.http, &self.retry)
                .await
                // A failed token request reports its own attempts (those sent
                // to the token endpoint), not this call's API attempts.
                .map_err(|e| e.with_operation(op.operation_id))?;
            if let Some(granted) = token.as_ref().and_then(|t| t.granted.as_ref()) {
                if !op.scopes.iter().all(|s| granted.iter().any(|g| g == s)) {
                    return Err(Error::scope_refused(op, granted).with_attempts(attempts));
                }
            }
            attempts += 1;
            let raw = shared.raw.clone();
            let outcome = AttemptState::new(token.as_ref())
                .scope(async {
                    match call(raw).await {
                        Ok(value) => Ok(value),
                        Err(e) => Err(decode_failure(op, e).await),
                    }
                })
                .await;
            let error = match outcome {
                Ok(value) => {
                    let status = value.status().as_u16();
                    let request_id = value
                        .headers()
                        .get("x-request-id")
                        .and_then(|v| v.to_str().ok())
                        .map(str::to_string);
                    return Ok((value.into_inner(), status, attempts, request_id));
                }
                Err(e) => {
                    // A request that could not be built was not sent.
                    let sent = if e.kind() == ErrorKind::InvalidInput {
                        attempts - 1
                    } else {
                        attempts
                    };
                    e.with_attempts(sent)
                }
            };
            if error.kind() == ErrorKind::Unauthenticated
                && shared.auth.uses_client_credentials()
                && !refreshed
            {
                // The token may have been revoked early: fetch a new one, once.
                refreshed = true;
                if let Some(t) = &token {
                    shared.auth.invalidate(t).await;
                }
                tracing::debug!(
                    attempt = attempts,
                    "401: refreshing the token and trying again"
                );
                continue;
            }
            match self.retry.decide(op, &error, attempts, waited) {
                Decision::RetryAfter(delay) => {
                    tracing::debug!(
                        attempt = attempts,
                        kind = error.kind().as_str(),
                        delay_ms = delay.as_millis() as u64,
                        "retrying"
                    );
                    tokio::time::sleep(delay).await;
                    waited += delay;
                }
                Decision::GiveUp => return Err(error),
            }
        }
    }
}

/// Turns whatever progenitor returned into the SDK's error, keeping status,
/// headers and body. Error statuses reach here as `UnexpectedResponse` (the
/// codegen removes them from what progenitor sees), so their bodies are read
/// here, capped, never lost.
async fn decode_failure<E>(op: &'static Operation, err: progenitor_client::Error<E>) -> Error {
    use progenitor_client::Error as P;
    let id = Some(op.operation_id);
    match err {
        P::UnexpectedResponse(response) => {
            let status = response.status();
            let headers = response.headers().clone();
            let (body, truncated, read_error) =
                crate::transport::read_capped(response, crate::error::MAX_ERROR_BODY).await;
            if let Some(e) = read_error.filter(|_| body.is_empty()) {
                let timeout = e.is_timeout();
                return Error::transport(id, e.without_url(), timeout);
            }
            let kind = if status.is_success() {
                ErrorKind::InvalidBody
            } else {
                ErrorKind::from_status(status)
            };
            let detail = if status.is_success() {
                "a success status the spec does not document"
            } else {
                ""
            };
            Error::from_response(kind, id, status, headers, body, truncated, detail)
        }
        P::InvalidResponsePayload(body, e) => {
            let (status, headers) = crate::transport::recorded_response().unwrap_or_default();
            let truncated = body.len() > crate::error::MAX_ERROR_BODY;
            Error::from_response(
                ErrorKind::InvalidBody,
                id,
                status,
                headers,
                body,
                truncated,
                format!("the response body does not decode: {e}"),
            )
        }
        P::ResponseBodyError(e) => {
            let (status, headers) = crate::transport::recorded_response().unwrap_or_default();
            if crate::transport::is_length_limit(&e) {
                let detail = format!(
                    "the response body exceeds {} bytes",
                    crate::transport::MAX_RESPONSE_BODY
                );
                return Error::from_response(
                    ErrorKind::InvalidBody,
                    id,
                    status,
                    headers,
                    Default::default(),
                    true,
                    detail,
                );
            }
            let timeout = e.is_timeout();
            Error::transport(id, e.without_url(), timeout)
        }
        // The request could not be built (e.g. a URL longer than http::Uri
        // allows): nothing was sent, and sending it again cannot help.
        P::CommunicationError(e) if e.is_builder() => Error::invalid_input(
            op,
            format!("the request cannot be sent: {}", e.without_url()),
        ),
        P::CommunicationError(e) | P::InvalidUpgrade(e) => {
            let timeout = e.is_timeout();
            Error::transport(id, e.without_url(), timeout)
        }
        P::ErrorResponse(rv) => {
            let status = rv.status();
            let headers = rv.headers().clone();
            Error::from_response(
                ErrorKind::from_status(status),
                id,
                status,
                headers,
                Default::default(),
                false,
                "",
            )
        }
        P::InvalidRequest(msg) => Error::invalid_input(op, msg),
        P::Custom(msg) => Error::invalid_input(op, msg),
    }
}
