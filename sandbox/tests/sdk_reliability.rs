//! The SDK under load, faults and concurrency, against the sandbox: every
//! call ends with exactly one honest outcome. Figures are printed (run with
//! `--nocapture` to see them) and reported in the README's RELIABILITY
//! section.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use futures::StreamExt;
use workiva_processes::{Client, Credentials, ErrorKind, RetryPolicy, types};
use workiva_processes_sandbox::{FaultConfig, Latency, RunningSandbox, Sandbox};

const CALLS: usize = 2_000;
const CONCURRENCY: usize = 64;
const ATTEMPT_TIMEOUT: Duration = Duration::from_secs(5);

fn policy() -> RetryPolicy {
    RetryPolicy::default()
        .with_backoff(Duration::from_millis(5), Duration::from_millis(100))
        .with_max_single_wait(Duration::from_secs(2))
        .with_max_total_wait(Duration::from_secs(10))
}

/// The longest a call may take under [`policy`]: every attempt timing out,
/// plus every wait the policy allows, plus scheduling slack.
fn deadline(policy: &RetryPolicy) -> Duration {
    ATTEMPT_TIMEOUT * (policy.max_retries() + 1) + Duration::from_secs(10) + Duration::from_secs(5)
}

async fn client(sandbox: &RunningSandbox, policy: RetryPolicy) -> Client {
    Client::builder()
        .base_url(sandbox.base_url())
        .credentials(Credentials::client_credentials("demo", "demo"))
        .timeout(ATTEMPT_TIMEOUT)
        .retry_policy(policy)
        .build()
        .expect("client builds")
}

fn process(i: usize) -> types::Process {
    serde_json::from_value(serde_json::json!({"name": format!("load test {i}")}))
        .expect("a Process")
}

/// One outcome per call: `ok` or the error kind, and the attempts it took.
async fn trash_all(
    client: &Client,
    ids: Vec<String>,
) -> Vec<(Result<(), ErrorKind>, u32, Duration)> {
    futures::stream::iter(ids)
        .map(|id| {
            let client = client.clone();
            async move {
                let started = Instant::now();
                match client.trash_process(&id).await {
                    Ok(()) => (Ok(()), 0, started.elapsed()),
                    Err(e) => (Err(e.kind()), e.attempts(), started.elapsed()),
                }
            }
        })
        .buffer_unordered(CONCURRENCY)
        .collect()
        .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn load_with_faults_every_call_ends_with_one_honest_outcome() {
    let sandbox = Sandbox::builder()
        .seed(7)
        .start()
        .await
        .expect("sandbox starts");
    let ids: Vec<String> = (0..CALLS)
        .map(|i| {
            sandbox
                .insert_process(process(i))
                .id
                .expect("the sandbox sets ids")
        })
        .collect();
    let policy = policy();
    let client = client(&sandbox, policy.clone()).await;
    let faults = |retry_after: u64| {
        FaultConfig::new()
            .random_429(0.20)
            .retry_after_secs(retry_after)
            .random_503(0.05)
            .drop_connections(0.02)
            .latency(Latency::Range {
                min: Duration::ZERO,
                max: Duration::from_millis(20),
            })
    };

    // Half the calls see `Retry-After: 0`, half `Retry-After: 1`.
    let started = Instant::now();
    let (first, second) = ids.split_at(CALLS / 2);
    sandbox.set_faults(faults(0));
    let mut outcomes = trash_all(&client, first.to_vec()).await;
    sandbox.set_faults(faults(1));
    outcomes.extend(trash_all(&client, second.to_vec()).await);
    let wall = started.elapsed();
    sandbox.clear_faults();

    let counters = sandbox.counters();
    let mut table: BTreeMap<String, usize> = BTreeMap::new();
    for (outcome, _, _) in &outcomes {
        let key = match outcome {
            Ok(()) => "ok".to_string(),
            Err(kind) => kind.as_str().to_string(),
        };
        *table.entry(key).or_default() += 1;
    }
    let successes = table.get("ok").copied().unwrap_or(0);
    let max_attempts = policy.max_retries() + 1;
    let longest = outcomes
        .iter()
        .map(|(_, _, d)| *d)
        .max()
        .unwrap_or_default();
    let api_requests = counters.requests("trashProcess");

    println!(
        "load: {CALLS} trashProcess calls, {CONCURRENCY} at a time, in {:.1} s",
        wall.as_secs_f64()
    );
    println!("  outcome table: {table:?}");
    println!(
        "  server: {api_requests} requests, {} trashed, {} injected 429, {} injected 503, {} dropped connections",
        counters.processes_trashed,
        counters.injected_429,
        counters.injected_503,
        counters.dropped_connections
    );
    println!(
        "  retries: {} ({:.2} attempts per call), token requests: {}, longest call {:.2} s",
        api_requests as usize - CALLS,
        api_requests as f64 / CALLS as f64,
        client.token_requests(),
        longest.as_secs_f64()
    );

    // Exactly one outcome per call.
    assert_eq!(outcomes.len(), CALLS);
    // Nothing lost and nothing done twice unnoticed.
    assert_eq!(
        counters.processes_trashed as usize, successes,
        "server trashed != client successes"
    );
    assert_eq!(sandbox.trashed_process_ids().len(), successes);
    // Failures are the transient kinds the faults produce, never a 404 from a
    // duplicate that went unnoticed.
    for kind in table.keys() {
        assert!(
            ["ok", "rate_limited", "service_unavailable", "transport"].contains(&kind.as_str()),
            "unexpected outcome {kind}"
        );
    }
    // No call exceeds the policy's attempts or runs past its deadline.
    for (outcome, attempts, took) in &outcomes {
        if outcome.is_err() {
            assert!(
                *attempts >= 1 && *attempts <= max_attempts,
                "{attempts} attempts"
            );
        }
        assert!(*took <= deadline(&policy), "a call took {took:?}");
    }
    // The server saw no more requests than the policy allows.
    assert!(api_requests as usize <= CALLS * max_attempts as usize);
    assert!(successes > CALLS * 9 / 10, "{successes} successes");
    assert_eq!(client.token_requests(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_hundred_concurrent_calls_share_one_token_request() {
    let sandbox = Sandbox::builder()
        .seed_demo_data(true)
        .token_lifetime(Duration::from_secs(2))
        .start()
        .await
        .expect("sandbox starts");
    let client = Arc::new(client(&sandbox, RetryPolicy::none()).await);
    let burst = |client: Arc<Client>| async move {
        let calls = (0..200).map(|_| {
            let client = client.clone();
            tokio::spawn(async move {
                client
                    .list_processes(None, None, None, None)
                    .await
                    .map(|_| ())
            })
        });
        let results = futures::future::join_all(calls).await;
        assert!(results.into_iter().all(|r| r.expect("task ran").is_ok()));
    };

    // A cold cache: 200 callers, one token request.
    burst(client.clone()).await;
    assert_eq!(client.token_requests(), 1);
    assert_eq!(sandbox.counters().token_requests, 1);

    // The token expires (2 s lifetime, refreshed 0.2 s early): 200 callers,
    // one more token request.
    tokio::time::sleep(Duration::from_millis(2_100)).await;
    burst(client.clone()).await;
    assert_eq!(client.token_requests(), 2);
    assert_eq!(sandbox.counters().token_requests, 2);
    println!(
        "token: 2 x 200 concurrent calls made {} token requests",
        client.token_requests()
    );
}
