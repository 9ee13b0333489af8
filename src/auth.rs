//! Credentials and the OAuth2 client-credentials token cache.
//!
//! Tokens are cached and refreshed before they expire; concurrent callers
//! share one refresh (the cache's lock is held while the token request is in
//! flight, so 100 callers on an expired token cause one request). Secrets are
//! `secrecy::SecretString`: their `Debug` is redacted and they are zeroized
//! on drop.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use http::HeaderValue;
use secrecy::{ExposeSecret, SecretString};
use tokio::sync::Mutex;

use crate::retry::Decision;
use crate::{Error, RetryPolicy};

/// How the client authenticates.
#[derive(Clone)]
pub enum Credentials {
    /// OAuth2 client credentials, exchanged at the spec's token endpoint.
    ClientCredentials {
        /// The client id (not a secret; shown in `Debug`).
        client_id: String,
        /// The client secret (redacted in `Debug`, zeroized on drop).
        client_secret: SecretString,
    },
    /// A bearer token used as is (no refresh, granted scopes unknown).
    BearerToken(SecretString),
}

impl Credentials {
    /// OAuth2 client credentials.
    pub fn client_credentials(
        client_id: impl Into<String>,
        client_secret: impl Into<String>,
    ) -> Self {
        Credentials::ClientCredentials {
            client_id: client_id.into(),
            client_secret: SecretString::from(client_secret.into()),
        }
    }

    /// A bearer token used as is.
    pub fn bearer_token(token: impl Into<String>) -> Self {
        Credentials::BearerToken(SecretString::from(token.into()))
    }

    /// From the environment: `WORKIVA_TOKEN`, otherwise `WORKIVA_CLIENT_ID`
    /// and `WORKIVA_CLIENT_SECRET`.
    pub fn from_env() -> Option<Self> {
        let var = |k| std::env::var(k).ok().filter(|v: &String| !v.is_empty());
        if let Some(token) = var("WORKIVA_TOKEN") {
            return Some(Credentials::bearer_token(token));
        }
        Some(Credentials::client_credentials(
            var("WORKIVA_CLIENT_ID")?,
            var("WORKIVA_CLIENT_SECRET")?,
        ))
    }
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Credentials::ClientCredentials { client_id, .. } => f
                .debug_struct("ClientCredentials")
                .field("client_id", client_id)
                .field("client_secret", &"[REDACTED]")
                .finish(),
            Credentials::BearerToken(_) => f.write_str("BearerToken([REDACTED])"),
        }
    }
}

/// A token ready to send.
#[derive(Clone)]
pub(crate) struct Token {
    header: HeaderValue,
    /// Scopes the token endpoint said it granted; `None` when unknown.
    pub granted: Option<Arc<Vec<String>>>,
    generation: u64,
}

impl Token {
    pub fn header(&self) -> HeaderValue {
        self.header.clone()
    }
}

fn bearer_header(token: &str) -> Option<HeaderValue> {
    let mut v = HeaderValue::from_str(&format!("Bearer {token}")).ok()?;
    v.set_sensitive(true);
    Some(v)
}

struct Cached {
    token: Token,
    refresh_at: Instant,
}

pub(crate) struct Auth {
    credentials: Option<Credentials>,
    scopes: Vec<String>,
    token_url: String,
    cache: Mutex<Option<Cached>>,
    /// A static bearer token's header, built once (`None`: not a valid
    /// header value, refused when a call is made).
    static_header: Option<HeaderValue>,
    generation: AtomicU64,
    token_requests: AtomicU64,
}

#[derive(serde::Deserialize)]
struct TokenResponse {
    access_token: String,
    expires_in: Option<u64>,
    scope: Option<String>,
}

impl Auth {
    pub fn new(credentials: Option<Credentials>, scopes: Vec<String>, token_url: String) -> Self {
        let static_header = match &credentials {
            Some(Credentials::BearerToken(t)) => bearer_header(t.expose_secret()),
            _ => None,
        };
        Auth {
            credentials,
            scopes,
            token_url,
            cache: Mutex::new(None),
            static_header,
            generation: AtomicU64::new(0),
            token_requests: AtomicU64::new(0),
        }
    }

    pub fn uses_client_credentials(&self) -> bool {
        matches!(
            self.credentials,
            Some(Credentials::ClientCredentials { .. })
        )
    }

    /// How many token requests this client has sent.
    pub fn token_requests(&self) -> u64 {
        self.token_requests.load(Ordering::Relaxed)
    }

    /// The token to send, fetching or refreshing it when needed.
    pub async fn token(
        &self,
        http: &reqwest::Client,
        retry: &RetryPolicy,
    ) -> Result<Option<Token>, Error> {
        let (client_id, client_secret) = match &self.credentials {
            None => return Ok(None),
            Some(Credentials::BearerToken(_)) => {
                let header = self.static_header.clone().ok_or_else(|| {
                    Error::config("the bearer token contains characters not allowed in a header")
                })?;
                return Ok(Some(Token {
                    header,
                    granted: None,
                    generation: 0,
                }));
            }
            Some(Credentials::ClientCredentials {
                client_id,
                client_secret,
            }) => (client_id, client_secret),
        };
        let mut cache = self.cache.lock().await;
        if let Some(c) = cache.as_ref() {
            if Instant::now() < c.refresh_at {
                return Ok(Some(c.token.clone()));
            }
        }
        let fresh = self.fetch(http, retry, client_id, client_secret).await?;
        *cache = Some(fresh);
        Ok(cache.as_ref().map(|c| c.token.clone()))
    }

    /// Drops `stale` from the cache (after a 401), unless another caller has
    /// already replaced it.
    pub async fn invalidate(&self, stale: &Token) {
        let mut cache = self.cache.lock().await;
        if cache
            .as_ref()
            .is_some_and(|c| c.token.generation == stale.generation)
        {
            *cache = None;
        }
    }

    async fn fetch(
        &self,
        http: &reqwest::Client,
        retry: &RetryPolicy,
        client_id: &str,
        secret: &SecretString,
    ) -> Result<Cached, Error> {
        let mut attempts = 0;
        let mut waited = Duration::ZERO;
        loop {
            attempts += 1;
            let error = match self.request_once(http, client_id, secret).await {
                Ok(c) => return Ok(c),
                Err(e) => e.with_attempts(attempts),
            };
            match retry.decide_for(true, &error, attempts, waited) {
                Decision::RetryAfter(d) => {
                    tracing::debug!(
                        attempt = attempts,
                        delay_ms = d.as_millis() as u64,
                        "retrying the token request"
                    );
                    tokio::time::sleep(d).await;
                    waited += d;
                }
                Decision::GiveUp => return Err(error),
            }
        }
    }

    async fn request_once(
        &self,
        http: &reqwest::Client,
        client_id: &str,
        secret: &SecretString,
    ) -> Result<Cached, Error> {
        self.token_requests.fetch_add(1, Ordering::Relaxed);
        let mut form = vec![("grant_type", "client_credentials".to_string())];
        if !self.scopes.is_empty() {
            form.push(("scope", self.scopes.join(" ")));
        }
        let sent = Instant::now();
        let response = http
            .post(&self.token_url)
            .basic_auth(client_id, Some(secret.expose_secret()))
            .header(http::header::ACCEPT, "application/json")
            .form(&form)
            .send()
            .await
            .map_err(|e| {
                let timeout = e.is_timeout();
                Error::transport(None, e.without_url(), timeout)
            })?;
        let status = response.status();
        let headers = response.headers().clone();
        let (body, truncated, read_error) =
            crate::transport::read_capped(response, crate::error::MAX_ERROR_BODY).await;
        if let Some(e) = read_error {
            let timeout = e.is_timeout();
            return Err(Error::transport(None, e.without_url(), timeout));
        }
        if !status.is_success() {
            if status.as_u16() == 400 || status.as_u16() == 401 || status.as_u16() == 403 {
                return Err(Error::token_refused(status, headers, body, truncated));
            }
            let kind = crate::ErrorKind::from_status(status);
            return Err(Error::from_response(
                kind,
                None,
                status,
                headers,
                body,
                truncated,
                "the token request failed",
            ));
        }
        // A 2xx from the token endpoint may carry a token even when it does
        // not decode, so its body is never kept in the error.
        let invalid = |detail: String| {
            Error::from_response(
                crate::ErrorKind::InvalidBody,
                None,
                status,
                headers.clone(),
                Bytes::new(),
                false,
                detail,
            )
        };
        let parsed: TokenResponse = serde_json::from_slice(&body).map_err(|e| {
            invalid(format!(
                "the token response is not {{access_token, expires_in, scope, token_type}}: {e}"
            ))
        })?;
        let header = bearer_header(&parsed.access_token)
            .ok_or_else(|| invalid("the access token is not a valid header value".into()))?;
        let lifetime = Duration::from_secs(parsed.expires_in.unwrap_or(300));
        // Refresh ahead of expiry: 30 s, or a tenth of short lifetimes.
        let margin = Duration::from_secs(30).min(lifetime / 10);
        let granted = parsed
            .scope
            .map(|s| Arc::new(s.split_whitespace().map(str::to_string).collect()));
        let generation = self.generation.fetch_add(1, Ordering::Relaxed) + 1;
        tracing::debug!(expires_in_s = lifetime.as_secs(), "fetched an access token");
        Ok(Cached {
            token: Token {
                header,
                granted,
                generation,
            },
            refresh_at: sent + lifetime - margin,
        })
    }
}

use bytes::Bytes;
