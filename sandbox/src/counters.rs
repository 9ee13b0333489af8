//! What the server did, counted, so that a reliability test can compare it with
//! what its client saw (for example processes trashed against trash calls the
//! client believes succeeded).

use std::collections::BTreeMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

/// A copy of the sandbox's counters at one moment; see
/// [`RunningSandbox::counters`](crate::RunningSandbox::counters).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Counters {
    /// Every HTTP request received, including token requests, unknown routes
    /// and requests answered by a fault.
    pub total_requests: u64,
    /// Requests to the token endpoint.
    pub token_requests: u64,
    /// Access tokens issued.
    pub tokens_issued: u64,
    /// Requests that matched one of the spec's operations.
    pub api_requests: u64,
    /// Requests answered 429 by the configured rate limit.
    pub rate_limited: u64,
    /// Requests answered 429 by the random fraction.
    pub injected_429: u64,
    /// Requests answered 503 by the random fraction.
    pub injected_503: u64,
    /// Connections closed without a response.
    pub dropped_connections: u64,
    /// Processes created (by `createProcess`; demo data is not counted).
    pub processes_created: u64,
    /// Processes moved to the trash.
    pub processes_trashed: u64,
    /// Batch updates applied.
    pub batch_updates: u64,
    /// Process runs started.
    pub runs_started: u64,
    /// Job runs added to process runs.
    pub job_runs_created: u64,
    /// Per operationId: requests received.
    pub requests_by_operation: BTreeMap<String, u64>,
    /// Per operationId: requests answered with a 2xx status.
    pub successes_by_operation: BTreeMap<String, u64>,
    /// Responses sent, per status code (dropped connections have none).
    pub responses_by_status: BTreeMap<u16, u64>,
}

impl Counters {
    /// Requests of an operation (by operationId, e.g. `trashProcess`) answered
    /// with a 2xx status.
    pub fn successes(&self, operation_id: &str) -> u64 {
        self.successes_by_operation
            .get(operation_id)
            .copied()
            .unwrap_or(0)
    }

    /// Requests of an operation received.
    pub fn requests(&self, operation_id: &str) -> u64 {
        self.requests_by_operation
            .get(operation_id)
            .copied()
            .unwrap_or(0)
    }

    /// Responses sent with this status.
    pub fn responses(&self, status: u16) -> u64 {
        self.responses_by_status.get(&status).copied().unwrap_or(0)
    }
}

/// A counter that only goes up (until reset).
#[derive(Debug, Default)]
pub(crate) struct Counter(AtomicU64);

impl Counter {
    pub(crate) fn inc(&self) {
        self.add(1);
    }

    pub(crate) fn add(&self, n: u64) {
        self.0.fetch_add(n, Ordering::Relaxed);
    }

    fn get(&self) -> u64 {
        self.0.load(Ordering::Relaxed)
    }

    fn reset(&self) {
        self.0.store(0, Ordering::Relaxed);
    }
}

/// The live counters, shared by every request.
#[derive(Debug, Default)]
pub(crate) struct Registry {
    pub(crate) total_requests: Counter,
    pub(crate) token_requests: Counter,
    pub(crate) tokens_issued: Counter,
    pub(crate) api_requests: Counter,
    pub(crate) rate_limited: Counter,
    pub(crate) injected_429: Counter,
    pub(crate) injected_503: Counter,
    pub(crate) dropped_connections: Counter,
    pub(crate) processes_created: Counter,
    pub(crate) processes_trashed: Counter,
    pub(crate) batch_updates: Counter,
    pub(crate) runs_started: Counter,
    pub(crate) job_runs_created: Counter,
    maps: Mutex<Maps>,
}

#[derive(Debug, Default)]
struct Maps {
    requests_by_operation: BTreeMap<String, u64>,
    successes_by_operation: BTreeMap<String, u64>,
    responses_by_status: BTreeMap<u16, u64>,
}

impl Registry {
    pub(crate) fn operation_request(&self, operation_id: &str) {
        self.api_requests.inc();
        *self
            .maps()
            .requests_by_operation
            .entry(operation_id.to_owned())
            .or_default() += 1;
    }

    pub(crate) fn operation_success(&self, operation_id: &str) {
        *self
            .maps()
            .successes_by_operation
            .entry(operation_id.to_owned())
            .or_default() += 1;
    }

    pub(crate) fn response(&self, status: u16) {
        *self.maps().responses_by_status.entry(status).or_default() += 1;
    }

    fn maps(&self) -> std::sync::MutexGuard<'_, Maps> {
        // A panic elsewhere cannot leave these plain maps inconsistent.
        self.maps.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub(crate) fn snapshot(&self) -> Counters {
        let maps = self.maps();
        Counters {
            total_requests: self.total_requests.get(),
            token_requests: self.token_requests.get(),
            tokens_issued: self.tokens_issued.get(),
            api_requests: self.api_requests.get(),
            rate_limited: self.rate_limited.get(),
            injected_429: self.injected_429.get(),
            injected_503: self.injected_503.get(),
            dropped_connections: self.dropped_connections.get(),
            processes_created: self.processes_created.get(),
            processes_trashed: self.processes_trashed.get(),
            batch_updates: self.batch_updates.get(),
            runs_started: self.runs_started.get(),
            job_runs_created: self.job_runs_created.get(),
            requests_by_operation: maps.requests_by_operation.clone(),
            successes_by_operation: maps.successes_by_operation.clone(),
            responses_by_status: maps.responses_by_status.clone(),
        }
    }

    pub(crate) fn reset(&self) {
        for c in [
            &self.total_requests,
            &self.token_requests,
            &self.tokens_issued,
            &self.api_requests,
            &self.rate_limited,
            &self.injected_429,
            &self.injected_503,
            &self.dropped_connections,
            &self.processes_created,
            &self.processes_trashed,
            &self.batch_updates,
            &self.runs_started,
            &self.job_runs_created,
        ] {
            c.reset();
        }
        *self.maps() = Maps::default();
    }
}
