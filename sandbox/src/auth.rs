//! OAuth2 client credentials: the token endpoint and the bearer token check.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::Json;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use base64::Engine as _;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use crate::error::{ApiError, OAuthError};
use crate::routes::{self, AppState};
use crate::server::ConnectionControl;

/// Client id the sandbox accepts unless configured otherwise.
pub const DEMO_CLIENT_ID: &str = "demo";
/// Client secret the sandbox accepts unless configured otherwise.
pub const DEMO_CLIENT_SECRET: &str = "demo";
/// Scopes granted unless configured otherwise: every scope the spec declares.
pub const DEFAULT_SCOPES: &[&str] = &["file:read", "file:write"];
/// Token lifetime unless configured otherwise: 599 seconds, as Workiva's
/// examples show.
pub const DEFAULT_TOKEN_LIFETIME: Duration = Duration::from_secs(599);

/// Path of the token endpoint: the spec's `tokenUrl` path, or Workiva's
/// documented `/oauth2/token` should the spec ever lose it.
pub(crate) fn token_path() -> &'static str {
    workiva_processes::TOKEN_PATH.unwrap_or("/oauth2/token")
}

/// Who made a request: the client its token was issued to, and the scopes.
#[derive(Debug, Clone)]
pub(crate) struct Principal {
    pub(crate) client_id: String,
    pub(crate) scopes: Vec<String>,
}

#[derive(Debug)]
struct Token {
    principal: Principal,
    expires_at: Instant,
}

/// Settings of the token endpoint.
#[derive(Debug, Clone)]
pub(crate) struct AuthConfig {
    pub(crate) client_id: String,
    pub(crate) client_secret: String,
    pub(crate) scopes: Vec<String>,
    pub(crate) lifetime: Duration,
}

/// Issued tokens. Tokens are random and opaque: 32 random bytes, base64url.
#[derive(Debug)]
pub(crate) struct Tokens {
    config: AuthConfig,
    inner: Mutex<TokensInner>,
}

#[derive(Debug)]
struct TokensInner {
    tokens: HashMap<String, Token>,
    rng: StdRng,
}

impl Tokens {
    pub(crate) fn new(config: AuthConfig, seed: u64) -> Self {
        Self {
            config,
            inner: Mutex::new(TokensInner {
                tokens: HashMap::new(),
                rng: StdRng::seed_from_u64(seed),
            }),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, TokensInner> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Issues a token for `client_id` with `scopes`, valid for `lifetime`.
    pub(crate) fn issue(&self, client_id: &str, scopes: Vec<String>, lifetime: Duration) -> String {
        let mut inner = self.lock();
        let now = Instant::now();
        // Forget expired tokens so a long soak test does not grow the map.
        inner.tokens.retain(|_, t| t.expires_at > now);
        let bytes: [u8; 32] = inner.rng.random();
        let token = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes);
        let principal = Principal {
            client_id: client_id.to_owned(),
            scopes,
        };
        inner.tokens.insert(
            token.clone(),
            Token {
                principal,
                expires_at: now + lifetime,
            },
        );
        token
    }

    pub(crate) fn revoke_all(&self) {
        self.lock().tokens.clear();
    }

    pub(crate) fn config(&self) -> &AuthConfig {
        &self.config
    }

    /// The principal of a live token.
    fn lookup(&self, token: &str) -> Option<Principal> {
        let inner = self.lock();
        inner
            .tokens
            .get(token)
            .filter(|t| t.expires_at > Instant::now())
            .map(|t| t.principal.clone())
    }

    /// Checks `Authorization: Bearer <token>` and that the token holds every
    /// scope in `required`.
    pub(crate) fn authorize(
        &self,
        headers: &HeaderMap,
        required: &[&str],
    ) -> Result<Principal, ApiError> {
        let token = headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split_once(' '))
            .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
            .map(|(_, token)| token.trim())
            .ok_or_else(ApiError::unauthorized)?;
        let principal = self.lookup(token).ok_or_else(ApiError::unauthorized)?;
        if required
            .iter()
            .all(|s| principal.scopes.iter().any(|g| g == s))
        {
            Ok(principal)
        } else {
            Err(ApiError::forbidden())
        }
    }
}

/// `POST /oauth2/token`.
pub(crate) async fn token_endpoint(State(app): State<AppState>, req: Request) -> Response {
    // Detached like API requests, so that a token is issued (and counted) even
    // when the client has hung up.
    routes::detached(async move {
        app.counters.token_requests.inc();
        let decision = app.faults.decide("token", true);
        let (parts, body) = req.into_parts();
        // A form of a few fields; anything near this size is not a token request.
        let body = routes::read_body(&parts.headers, body, 64 * 1024).await;
        if let Some(delay) = decision.delay {
            tokio::time::sleep(delay).await;
        }
        if let Some(fault) = decision.fault {
            return routes::apply_fault(&app, fault, parts.extensions.get::<ConnectionControl>());
        }
        let response = match body {
            Ok(body) => match issue_from_request(&app, &parts.headers, &body) {
                Ok(response) => response,
                Err(e) => e.into_response(),
            },
            Err(e) => OAuthError::new(
                e.status,
                "invalid_request",
                e.body.message.unwrap_or_default(),
            )
            .into_response(),
        };
        Some(response)
    })
    .await
}

fn issue_from_request(
    app: &AppState,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<Response, OAuthError> {
    let mut form: HashMap<String, String> = HashMap::new();
    for (k, v) in form_urlencoded::parse(body) {
        // RFC 6749 section 3.2: parameters must not be repeated.
        if form
            .insert(k.clone().into_owned(), v.into_owned())
            .is_some()
        {
            return Err(OAuthError::new(
                StatusCode::BAD_REQUEST,
                "invalid_request",
                format!("Parameter {k} is repeated."),
            ));
        }
    }
    match form.get("grant_type").map(String::as_str) {
        Some("client_credentials") => {}
        None => {
            return Err(OAuthError::new(
                StatusCode::BAD_REQUEST,
                "invalid_request",
                "Missing grant_type.",
            ));
        }
        Some(other) => {
            return Err(OAuthError::new(
                StatusCode::BAD_REQUEST,
                "unsupported_grant_type",
                format!("Grant type {other} is not supported; use client_credentials."),
            ));
        }
    }

    let tokens = &app.tokens;
    let config = tokens.config();
    let basic = basic_credentials(headers);
    let used_basic = basic.is_some();
    let (id, secret) = match basic {
        Some(pair) => pair,
        None => match (form.get("client_id"), form.get("client_secret")) {
            (Some(id), Some(secret)) => (id.clone(), secret.clone()),
            _ => {
                let mut e = OAuthError::new(
                    StatusCode::UNAUTHORIZED,
                    "invalid_client",
                    "Client authentication failed.",
                );
                e.basic_challenge = true;
                return Err(e);
            }
        },
    };
    if id != config.client_id || secret != config.client_secret {
        let mut e = OAuthError::new(
            StatusCode::UNAUTHORIZED,
            "invalid_client",
            "Client authentication failed.",
        );
        e.basic_challenge = used_basic;
        return Err(e);
    }

    let granted: Vec<String> = match form
        .get("scope")
        .map(|s| s.split_whitespace().collect::<Vec<_>>())
    {
        Some(asked) if !asked.is_empty() => {
            let granted: Vec<String> = config
                .scopes
                .iter()
                .filter(|s| asked.contains(&s.as_str()))
                .cloned()
                .collect();
            if granted.is_empty() {
                return Err(OAuthError::new(
                    StatusCode::BAD_REQUEST,
                    "invalid_scope",
                    format!(
                        "None of the requested scopes is granted to this client; it may ask for: {}.",
                        config.scopes.join(" ")
                    ),
                ));
            }
            granted
        }
        _ => config.scopes.clone(),
    };
    let scope = granted.join(" ");
    let token = tokens.issue(&id, granted, config.lifetime);
    app.counters.tokens_issued.inc();
    let body = serde_json::json!({
        "access_token": token,
        "expires_in": config.lifetime.as_secs(),
        "scope": scope,
        "token_type": "Bearer",
    });
    let mut response = (StatusCode::OK, Json(body)).into_response();
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(response)
}

/// `Authorization: Basic base64(client_id:client_secret)`; RFC 6749 section
/// 2.3.1 form-encodes both parts before base64, so they are decoded here.
fn basic_credentials(headers: &HeaderMap) -> Option<(String, String)> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, encoded) = value.split_once(' ')?;
    if !scheme.eq_ignore_ascii_case("basic") {
        return None;
    }
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(encoded.trim())
        .ok()?;
    let decoded = String::from_utf8(decoded).ok()?;
    let (id, secret) = decoded.split_once(':')?;
    let unescape = |s: &str| {
        form_urlencoded::parse(format!("x={s}").as_bytes())
            .next()
            .map(|(_, v)| v.into_owned())
    };
    Some((unescape(id)?, unescape(secret)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn basic_credentials_are_form_decoded() {
        let mut headers = HeaderMap::new();
        let encoded = base64::engine::general_purpose::STANDARD.encode("my%20id:s%3Acret");
        headers.insert(
            header::AUTHORIZATION,
            format!("Basic {encoded}").parse().unwrap(),
        );
        assert_eq!(
            basic_credentials(&headers),
            Some(("my id".into(), "s:cret".into()))
        );
    }

    #[test]
    fn expired_tokens_are_refused() {
        let config = AuthConfig {
            client_id: "a".into(),
            client_secret: "b".into(),
            scopes: vec!["file:read".into()],
            lifetime: Duration::ZERO,
        };
        let tokens = Tokens::new(config, 1);
        let token = tokens.issue("a", vec!["file:read".into()], Duration::ZERO);
        let mut headers = HeaderMap::new();
        headers.insert(
            header::AUTHORIZATION,
            format!("Bearer {token}").parse().unwrap(),
        );
        assert_eq!(
            tokens
                .authorize(&headers, &["file:read"])
                .unwrap_err()
                .body
                .code,
            "Unauthorized"
        );
        let token = tokens.issue("a", vec!["file:read".into()], Duration::from_secs(60));
        headers.insert(
            header::AUTHORIZATION,
            format!("bearer {token}").parse().unwrap(),
        );
        assert!(tokens.authorize(&headers, &["file:read"]).is_ok());
        assert_eq!(
            tokens
                .authorize(&headers, &["file:write"])
                .unwrap_err()
                .status,
            StatusCode::FORBIDDEN
        );
    }
}
