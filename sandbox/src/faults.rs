//! Fault injection: rate limits, random 429s and 503s, latency and dropped
//! connections.
//!
//! Every fault is decided before the request reaches its operation, so a
//! request answered by a fault never changes state: a reliability test can
//! count the processes the server trashed against the trash calls its client
//! saw succeed. Decisions come from a seeded [`StdRng`], so a single-threaded
//! test sees the same faults on every run.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

/// Latency added to every request faults apply to, before anything else
/// happens to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Latency {
    /// No added latency.
    #[default]
    None,
    /// The same delay for every request.
    Fixed(Duration),
    /// A delay drawn uniformly from `min..=max` for each request.
    Range {
        /// Shortest delay.
        min: Duration,
        /// Longest delay.
        max: Duration,
    },
}

/// A fixed-window rate limit, counted per operation like Workiva's
/// ("Rate limit of 1000 per 60 seconds exceeded for listJobs requests").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimit {
    /// Requests admitted per window and operation.
    pub requests: u32,
    /// Length of the window.
    pub window: Duration,
}

/// Which faults to inject. The default injects none.
///
/// The three fractions are taken from one uniform roll per request, in the
/// order dropped connection, 429, 503; their sum should not exceed 1.
///
/// ```
/// use std::time::Duration;
/// use workiva_processes_sandbox::{FaultConfig, Latency};
///
/// let faults = FaultConfig::new()
///     .rate_limit(100, Duration::from_secs(60))
///     .retry_after_secs(0)
///     .random_503(0.1)
///     .latency(Latency::Fixed(Duration::from_millis(5)));
/// assert_eq!(faults.random_503_fraction(), 0.1);
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FaultConfig {
    rate_limit: Option<RateLimit>,
    retry_after_secs: Option<u64>,
    random_429: f64,
    random_503: f64,
    drop_connections: f64,
    latency: Latency,
    token_endpoint: bool,
}

impl FaultConfig {
    /// No faults.
    pub fn new() -> Self {
        Self::default()
    }

    /// Admit at most `requests` per `window` for each operation; answer the
    /// rest 429 with `Retry-After`.
    pub fn rate_limit(mut self, requests: u32, window: Duration) -> Self {
        self.rate_limit = Some(RateLimit { requests, window });
        self
    }

    /// The `Retry-After` every 429 carries, in seconds. Without it a rate
    /// limited request is told the seconds left in its window (at least 1)
    /// and a random 429 says 1.
    pub fn retry_after_secs(mut self, secs: u64) -> Self {
        self.retry_after_secs = Some(secs);
        self
    }

    /// Answer this fraction (0 to 1) of requests 429, at random.
    pub fn random_429(mut self, fraction: f64) -> Self {
        self.random_429 = clamp_fraction(fraction);
        self
    }

    /// Answer this fraction (0 to 1) of requests 503, at random.
    pub fn random_503(mut self, fraction: f64) -> Self {
        self.random_503 = clamp_fraction(fraction);
        self
    }

    /// Close the connection without a response for this fraction (0 to 1) of
    /// requests, at random.
    pub fn drop_connections(mut self, fraction: f64) -> Self {
        self.drop_connections = clamp_fraction(fraction);
        self
    }

    /// Add latency to every request.
    pub fn latency(mut self, latency: Latency) -> Self {
        self.latency = latency;
        self
    }

    /// Also inject faults into the token endpoint (off by default, so that a
    /// test of API retries is not also a test of token retries).
    pub fn on_token_endpoint(mut self, yes: bool) -> Self {
        self.token_endpoint = yes;
        self
    }

    /// The configured rate limit.
    pub fn rate_limit_config(&self) -> Option<RateLimit> {
        self.rate_limit
    }

    /// The configured `Retry-After`, if fixed.
    pub fn retry_after(&self) -> Option<u64> {
        self.retry_after_secs
    }

    /// Fraction of random 429s.
    pub fn random_429_fraction(&self) -> f64 {
        self.random_429
    }

    /// Fraction of random 503s.
    pub fn random_503_fraction(&self) -> f64 {
        self.random_503
    }

    /// Fraction of dropped connections.
    pub fn drop_fraction(&self) -> f64 {
        self.drop_connections
    }

    /// The added latency.
    pub fn latency_config(&self) -> Latency {
        self.latency
    }

    /// Whether faults apply to the token endpoint.
    pub fn applies_to_token_endpoint(&self) -> bool {
        self.token_endpoint
    }
}

fn clamp_fraction(f: f64) -> f64 {
    if f.is_nan() { 0.0 } else { f.clamp(0.0, 1.0) }
}

/// What happens to one request instead of its operation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Fault {
    /// Close the connection without answering.
    Drop,
    /// 429 from the rate limit.
    RateLimited { message: String, retry_after: u64 },
    /// 429 at random.
    TooManyRequests { message: String, retry_after: u64 },
    /// 503 at random.
    Unavailable,
}

/// The decision for one request: a delay to sleep first, then maybe a fault.
#[derive(Debug, Default)]
pub(crate) struct Decision {
    pub(crate) delay: Option<Duration>,
    pub(crate) fault: Option<Fault>,
}

/// Decides faults; its configuration can be changed while the server runs.
#[derive(Debug)]
pub(crate) struct FaultInjector {
    inner: Mutex<Inner>,
}

#[derive(Debug)]
struct Inner {
    config: FaultConfig,
    rng: StdRng,
    windows: HashMap<String, Window>,
}

#[derive(Debug)]
struct Window {
    started: Instant,
    admitted: u32,
}

impl FaultInjector {
    pub(crate) fn new(config: FaultConfig, seed: u64) -> Self {
        Self {
            inner: Mutex::new(Inner {
                config,
                rng: StdRng::seed_from_u64(seed),
                windows: HashMap::new(),
            }),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub(crate) fn config(&self) -> FaultConfig {
        self.lock().config.clone()
    }

    /// Replaces the configuration; rate limit windows start afresh.
    pub(crate) fn set_config(&self, config: FaultConfig) {
        let mut inner = self.lock();
        inner.config = config;
        inner.windows.clear();
    }

    /// Decides the fate of one request of `operation` (an operationId, or
    /// `token` for the token endpoint).
    pub(crate) fn decide(&self, operation: &str, token_endpoint: bool) -> Decision {
        let mut guard = self.lock();
        let inner = &mut *guard;
        let config = &inner.config;
        if token_endpoint && !config.token_endpoint {
            return Decision::default();
        }
        // Draws happen only for faults that are configured, so turning one
        // fault on does not shift the random sequence of the others.
        let delay = match config.latency {
            Latency::None => None,
            Latency::Fixed(d) => Some(d),
            Latency::Range { min, max } if max > min => Some(inner.rng.random_range(min..=max)),
            Latency::Range { min, .. } => Some(min),
        };
        let retry_after = config.retry_after_secs;
        if let Some(limit) = config.rate_limit {
            let now = Instant::now();
            let window = inner.windows.entry(operation.to_owned()).or_insert(Window {
                started: now,
                admitted: 0,
            });
            if now.duration_since(window.started) >= limit.window {
                *window = Window {
                    started: now,
                    admitted: 0,
                };
            }
            if window.admitted >= limit.requests {
                let left = limit
                    .window
                    .saturating_sub(now.duration_since(window.started));
                let retry_after = retry_after.unwrap_or_else(|| ceil_secs(left).max(1));
                let message = format!(
                    "Rate limit of {} per {} seconds exceeded for {operation} requests. Retry request in {retry_after} seconds.",
                    limit.requests,
                    format_secs(limit.window),
                );
                return Decision {
                    delay,
                    fault: Some(Fault::RateLimited {
                        message,
                        retry_after,
                    }),
                };
            }
            window.admitted += 1;
        }
        let (p_drop, p_429, p_503) = (
            config.drop_connections,
            config.random_429,
            config.random_503,
        );
        if p_drop + p_429 + p_503 <= 0.0 {
            return Decision { delay, fault: None };
        }
        let roll: f64 = inner.rng.random();
        let fault = if roll < p_drop {
            Some(Fault::Drop)
        } else if roll < p_drop + p_429 {
            let retry_after = retry_after.unwrap_or(1);
            let message = match config.rate_limit {
                Some(limit) => format!(
                    "Rate limit of {} per {} seconds exceeded for {operation} requests. Retry request in {retry_after} seconds.",
                    limit.requests,
                    format_secs(limit.window),
                ),
                None => format!(
                    "Rate limit exceeded for {operation} requests. Retry request in {retry_after} seconds."
                ),
            };
            Some(Fault::TooManyRequests {
                message,
                retry_after,
            })
        } else if roll < p_drop + p_429 + p_503 {
            Some(Fault::Unavailable)
        } else {
            None
        };
        Decision { delay, fault }
    }
}

fn ceil_secs(d: Duration) -> u64 {
    d.as_secs() + u64::from(d.subsec_nanos() > 0)
}

/// Whole seconds as an integer, as in Workiva's message; fractions with up to
/// three decimals.
fn format_secs(d: Duration) -> String {
    if d.subsec_nanos() == 0 {
        d.as_secs().to_string()
    } else {
        let s = format!("{:.3}", d.as_secs_f64());
        s.trim_end_matches('0').to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rate_limit_admits_n_per_window_per_operation() {
        let f = FaultInjector::new(
            FaultConfig::new()
                .rate_limit(2, Duration::from_secs(60))
                .retry_after_secs(0),
            1,
        );
        assert!(f.decide("listProcesses", false).fault.is_none());
        assert!(f.decide("listProcesses", false).fault.is_none());
        assert!(f.decide("getProcess", false).fault.is_none());
        match f.decide("listProcesses", false).fault {
            Some(Fault::RateLimited {
                message,
                retry_after,
            }) => {
                assert_eq!(retry_after, 0);
                assert_eq!(
                    message,
                    "Rate limit of 2 per 60 seconds exceeded for listProcesses requests. Retry request in 0 seconds."
                );
            }
            other => panic!("expected a rate limit, got {other:?}"),
        }
    }

    #[test]
    fn window_left_is_the_default_retry_after() {
        let f = FaultInjector::new(FaultConfig::new().rate_limit(0, Duration::from_secs(30)), 1);
        match f.decide("trashProcess", false).fault {
            Some(Fault::RateLimited { retry_after, .. }) => {
                assert!((29..=30).contains(&retry_after))
            }
            other => panic!("expected a rate limit, got {other:?}"),
        }
    }

    #[test]
    fn same_seed_same_faults() {
        let config = FaultConfig::new()
            .random_503(0.3)
            .random_429(0.2)
            .drop_connections(0.1);
        let run = |seed| {
            let f = FaultInjector::new(config.clone(), seed);
            (0..200)
                .map(|_| f.decide("getProcess", false).fault)
                .collect::<Vec<_>>()
        };
        assert_eq!(run(7), run(7));
        assert_ne!(run(7), run(8));
    }

    #[test]
    fn token_endpoint_is_spared_unless_asked() {
        let f = FaultInjector::new(FaultConfig::new().random_503(1.0), 1);
        assert!(f.decide("token", true).fault.is_none());
        assert_eq!(
            f.decide("getProcess", false).fault,
            Some(Fault::Unavailable)
        );
        f.set_config(FaultConfig::new().random_503(1.0).on_token_endpoint(true));
        assert_eq!(f.decide("token", true).fault, Some(Fault::Unavailable));
    }

    #[test]
    fn seconds_format() {
        assert_eq!(format_secs(Duration::from_secs(60)), "60");
        assert_eq!(format_secs(Duration::from_millis(1500)), "1.5");
        assert_eq!(ceil_secs(Duration::from_millis(1001)), 2);
    }
}
