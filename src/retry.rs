//! Retries: which failures are retried, and how long to wait.
//!
//! The delay schedule is exponential backoff with full jitter from the
//! `retry-policies` crate; this module adds what is specific to the API: the
//! server's `Retry-After` (seconds or HTTP date) and, when there is none, the
//! hint in Workiva's 429 message ("Retry request in 10 seconds.").

use std::time::{Duration, SystemTime};

use http::HeaderMap;
use retry_policies::{Jitter, RetryDecision, RetryPolicy as _, policies::ExponentialBackoff};

use crate::{Error, ErrorKind, Operation};

/// How a client retries. The default: 3 retries, backoff from 200 ms doubling
/// up to 10 s, a single wait of at most 30 s and at most 60 s of waiting in all.
#[derive(Debug, Clone, PartialEq)]
pub struct RetryPolicy {
    max_retries: u32,
    initial_backoff: Duration,
    max_backoff: Duration,
    max_single_wait: Duration,
    max_total_wait: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_retries: 3,
            initial_backoff: Duration::from_millis(200),
            max_backoff: Duration::from_secs(10),
            max_single_wait: Duration::from_secs(30),
            max_total_wait: Duration::from_secs(60),
        }
    }
}

/// What to do after a failed attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// Send the request again after this wait.
    RetryAfter(Duration),
    /// End the call with the error.
    GiveUp,
}

impl RetryPolicy {
    /// No retries: every call makes exactly one attempt.
    pub fn none() -> Self {
        RetryPolicy {
            max_retries: 0,
            ..Default::default()
        }
    }
    /// At most `n` retries after the first attempt.
    pub fn with_max_retries(mut self, n: u32) -> Self {
        self.max_retries = n;
        self
    }
    /// Backoff bounds: the first wait is drawn from `[0, initial]`, doubling
    /// per retry up to `max` (full jitter). `initial` is raised to `max` if it
    /// is larger.
    pub fn with_backoff(mut self, initial: Duration, max: Duration) -> Self {
        self.initial_backoff = initial.min(max);
        self.max_backoff = max;
        self
    }
    /// The longest single wait. A server asking for longer (`Retry-After`)
    /// ends the call with its error rather than a wait that long.
    pub fn with_max_single_wait(mut self, d: Duration) -> Self {
        self.max_single_wait = d;
        self
    }
    /// The most time spent waiting between attempts of one call.
    pub fn with_max_total_wait(mut self, d: Duration) -> Self {
        self.max_total_wait = d;
        self
    }
    /// Retries after the first attempt (so at most this + 1 attempts).
    pub fn max_retries(&self) -> u32 {
        self.max_retries
    }

    /// Decides after attempt number `attempts` (1-based) failed with `error`,
    /// having waited `waited` so far.
    pub fn decide(
        &self,
        op: &Operation,
        error: &Error,
        attempts: u32,
        waited: Duration,
    ) -> Decision {
        self.decide_for(op.is_idempotent(), error, attempts, waited)
    }

    /// [`decide`](Self::decide) for a request that is not one of the spec's
    /// operations (the token request, which is safe to repeat).
    pub(crate) fn decide_for(
        &self,
        idempotent: bool,
        error: &Error,
        attempts: u32,
        waited: Duration,
    ) -> Decision {
        if attempts > self.max_retries || !retryable(idempotent, error) {
            return Decision::GiveUp;
        }
        let backoff = ExponentialBackoff::builder()
            .retry_bounds(
                self.initial_backoff,
                self.max_backoff.max(self.initial_backoff),
            )
            .jitter(Jitter::Full)
            .base(2)
            .build_with_max_retries(self.max_retries);
        let now = SystemTime::now();
        let jittered = match backoff.should_retry(now, attempts - 1) {
            RetryDecision::Retry { execute_after } => {
                execute_after.duration_since(now).unwrap_or_default()
            }
            RetryDecision::DoNotRetry => return Decision::GiveUp,
        };
        let delay = match error.retry_after() {
            Some(server) if server > self.max_single_wait => return Decision::GiveUp,
            Some(server) => server,
            None => jittered.min(self.max_single_wait),
        };
        if waited + delay > self.max_total_wait {
            return Decision::GiveUp;
        }
        Decision::RetryAfter(delay)
    }
}

/// Which failures may be retried for this operation. Idempotent operations:
/// 429, 500, 502, 503, 504, transport failures and timeouts. Others (POST):
/// only when the server cannot have acted: 429, or a connection that failed
/// before the request was sent.
pub fn retryable(idempotent: bool, error: &Error) -> bool {
    let status = error.status_code();
    if status == Some(429) {
        return true;
    }
    if idempotent {
        return matches!(status, Some(500 | 502 | 503 | 504))
            || matches!(error.kind(), ErrorKind::Transport | ErrorKind::Timeout)
                && status.is_none();
    }
    error.kind() == ErrorKind::Transport && status.is_none() && is_connect_failure(error)
}

fn is_connect_failure(error: &Error) -> bool {
    let mut cur: Option<&(dyn std::error::Error + 'static)> = std::error::Error::source(error);
    while let Some(e) = cur {
        if let Some(re) = e.downcast_ref::<reqwest::Error>() {
            return re.is_connect();
        }
        cur = e.source();
    }
    false
}

/// `Retry-After` as a delay: delta-seconds or an HTTP date (RFC 9110 10.2.3).
pub fn retry_after(headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
    let value = headers
        .get(http::header::RETRY_AFTER)?
        .to_str()
        .ok()?
        .trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let when = httpdate::parse_http_date(value).ok()?;
    Some(when.duration_since(now).unwrap_or_default())
}

/// The delay in Workiva's rate-limit message: "... Retry request in 10 seconds."
pub fn message_hint(message: &str) -> Option<Duration> {
    let lower = message.to_ascii_lowercase();
    let rest = &lower[lower.find("retry request in ")? + "retry request in ".len()..];
    let digits: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
    let n: u64 = digits.parse().ok()?;
    let unit = rest[digits.len()..].trim_start();
    if unit.starts_with("ms") || unit.starts_with("millisecond") {
        Some(Duration::from_millis(n))
    } else if unit.starts_with("minute") {
        Some(Duration::from_secs(n.saturating_mul(60)))
    } else {
        Some(Duration::from_secs(n))
    }
}
