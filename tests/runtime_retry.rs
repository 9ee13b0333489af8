//! Retries: which failures are retried for which methods, the attempt limit,
//! the server's Retry-After and the 429 message hint, the caps on waiting,
//! and the per-call policy override.

mod support;

use std::time::{Duration, Instant};

use support::{RawServer, Reply, bearer_client, dead_port, fast_retry, received};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};
use workiva_processes::retry::{Decision, message_hint, retry_after, retryable};
use workiva_processes::{ErrorKind, Operation, RetryPolicy, types};

async fn mount(server: &MockServer, m: &str, p: &str, response: ResponseTemplate) {
    Mock::given(method(m))
        .and(path(p))
        .respond_with(response)
        .mount(server)
        .await;
}

/// Answers `first` `times` times, then `then`.
async fn mount_then(
    server: &MockServer,
    m: &str,
    p: &str,
    first: ResponseTemplate,
    times: u64,
    then: ResponseTemplate,
) {
    Mock::given(method(m))
        .and(path(p))
        .respond_with(first)
        .up_to_n_times(times)
        .mount(server)
        .await;
    mount(server, m, p, then).await;
}

fn status_body(status: u16) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_json(support::error_json(&status.to_string(), "nope"))
}

/// For each status: `DELETE /processes/d{status}` and `GET
/// /processes/g{status}` always answer it.
async fn mount_get_and_delete(server: &MockServer, statuses: &[u16]) {
    for &status in statuses {
        let body = status_body(status);
        mount(
            server,
            "DELETE",
            &format!("/processes/d{status}"),
            body.clone(),
        )
        .await;
        mount(server, "GET", &format!("/processes/g{status}"), body).await;
    }
}

fn op(name: &str) -> &'static Operation {
    Operation::find(name).unwrap()
}

#[tokio::test]
async fn get_and_delete_are_retried_up_to_the_limit() {
    let server = MockServer::start().await;
    support::mount_token(&server, "tok").await;
    mount_get_and_delete(&server, &[429, 500, 502, 503, 504]).await;
    let client = support::client(&server);
    for status in [429u16, 500, 502, 503, 504] {
        let e = client
            .trash_process(&format!("d{status}"))
            .await
            .unwrap_err();
        assert_eq!(e.status_code(), Some(status), "{e}");
        assert_eq!(e.attempts(), 4, "DELETE {status}: 1 attempt + 3 retries");
        assert_eq!(
            received(&server, "DELETE", &format!("/processes/d{status}"))
                .await
                .len(),
            4
        );

        let e = client
            .get_process(&format!("g{status}"), None)
            .await
            .unwrap_err();
        assert_eq!(e.status_code(), Some(status), "{e}");
        assert_eq!(e.attempts(), 4, "GET {status}");
        assert_eq!(
            received(&server, "GET", &format!("/processes/g{status}"))
                .await
                .len(),
            4
        );
        assert!(e.to_string().contains("4 attempts"), "{e}");
    }
    assert_eq!(client.token_requests(), 1, "retries reuse the token");
}

#[tokio::test]
async fn a_transient_failure_then_success_returns_the_success() {
    let server = MockServer::start().await;
    support::mount_token(&server, "tok").await;
    mount_then(
        &server,
        "DELETE",
        "/processes/p1",
        status_body(503),
        2,
        ResponseTemplate::new(204),
    )
    .await;
    mount_then(
        &server,
        "GET",
        "/processes/p1",
        status_body(502),
        3,
        ResponseTemplate::new(200).set_body_json(serde_json::json!({"id": "p1"})),
    )
    .await;
    let client = support::client(&server);
    client.trash_process("p1").await.unwrap();
    assert_eq!(received(&server, "DELETE", "/processes/p1").await.len(), 3);
    let p = client.get_process("p1", None).await.unwrap();
    assert_eq!(p.id.as_deref(), Some("p1"));
    assert_eq!(received(&server, "GET", "/processes/p1").await.len(), 4);
}

#[tokio::test]
async fn client_errors_are_never_retried() {
    let server = MockServer::start().await;
    mount_get_and_delete(&server, &[400, 401, 403, 404, 409]).await;
    // A bearer token: no refresh after a 401 either.
    let client = bearer_client(&server.uri(), fast_retry());
    for status in [400u16, 401, 403, 404, 409] {
        let e = client
            .trash_process(&format!("d{status}"))
            .await
            .unwrap_err();
        assert_eq!(e.status_code(), Some(status));
        assert_eq!(e.attempts(), 1, "DELETE {status}");
        assert!(!e.is_transient());
        let e = client
            .get_process(&format!("g{status}"), None)
            .await
            .unwrap_err();
        assert_eq!(e.attempts(), 1, "GET {status}");
    }
    assert_eq!(server.received_requests().await.unwrap().len(), 10);
}

#[tokio::test]
async fn a_post_is_not_retried_on_5xx_but_is_on_429() {
    let server = MockServer::start().await;
    for status in [500u16, 502, 503, 504] {
        mount(
            &server,
            "POST",
            &format!("/processes/p{status}/run"),
            status_body(status),
        )
        .await;
    }
    mount(&server, "POST", "/processes", status_body(503)).await;
    let client = bearer_client(&server.uri(), fast_retry());

    let e = client
        .create_process(&types::Process::default())
        .await
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::ServiceUnavailable);
    assert_eq!(e.attempts(), 1);
    assert_eq!(received(&server, "POST", "/processes").await.len(), 1);
    for status in [500u16, 502, 503, 504] {
        let e = client
            .run_process(&format!("p{status}"), &types::RunProcessOptions::default())
            .await
            .unwrap_err();
        assert_eq!(e.attempts(), 1, "POST {status}");
    }

    // 429: the server did not act, so repeating is safe.
    let server = MockServer::start().await;
    let created =
        ResponseTemplate::new(201).set_body_json(serde_json::json!({"id": "new", "name": "Close"}));
    mount_then(&server, "POST", "/processes", status_body(429), 2, created).await;
    let client = bearer_client(&server.uri(), fast_retry());
    let p = client
        .create_process(&types::Process {
            name: Some("Close".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(p.id.as_deref(), Some("new"));
    let posts = received(&server, "POST", "/processes").await;
    assert_eq!(posts.len(), 3);
    assert!(
        posts.iter().all(|r| r.body == posts[0].body),
        "the same body every time"
    );

    // 429 for ever: up to the limit.
    let server = MockServer::start().await;
    mount(&server, "POST", "/processes", status_body(429)).await;
    let e = bearer_client(&server.uri(), fast_retry())
        .create_process(&types::Process::default())
        .await
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::RateLimited);
    assert_eq!(e.attempts(), 4);
    assert_eq!(received(&server, "POST", "/processes").await.len(), 4);
}

#[tokio::test]
async fn refused_connections_are_retried() {
    let base = format!("http://127.0.0.1:{}", dead_port().await);
    let client = bearer_client(&base, fast_retry());
    let e = client.trash_process("p1").await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Transport, "{e}");
    assert_eq!(e.attempts(), 4);
    let e = client.get_process("p1", None).await.unwrap_err();
    assert_eq!(e.attempts(), 4);
    // Nothing reached a server: even a POST may be repeated.
    let e = client
        .create_process(&types::Process::default())
        .await
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Transport, "{e}");
    assert_eq!(e.attempts(), 4);
}

#[tokio::test]
async fn dropped_connections_are_retried_for_get_and_delete_only() {
    let server = RawServer::start(|_| Reply::Drop).await;
    let client = bearer_client(&server.uri(), fast_retry());
    let e = client.trash_process("p1").await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Transport, "{e}");
    assert_eq!(e.attempts(), 4);
    assert_eq!(server.requests().len(), 4);

    let e = client.get_process("p1", None).await.unwrap_err();
    assert_eq!(e.attempts(), 4);
    assert_eq!(server.requests().len(), 8);

    // The POST reached the server: it may have acted, so it is not repeated.
    let e = client
        .create_process(&types::Process::default())
        .await
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Transport, "{e}");
    assert_eq!(e.attempts(), 1);
    let requests = server.requests();
    assert_eq!(requests.len(), 9);
    assert_eq!(requests[8].method, "POST");
}

#[tokio::test]
async fn a_dropped_connection_then_success_recovers() {
    let n = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let seen = n.clone();
    let server = RawServer::start(move |_| {
        if seen.fetch_add(1, std::sync::atomic::Ordering::SeqCst) < 2 {
            Reply::Drop
        } else {
            Reply::Raw(support::no_content())
        }
    })
    .await;
    bearer_client(&server.uri(), fast_retry())
        .trash_process("p1")
        .await
        .unwrap();
    assert_eq!(server.requests().len(), 3);
}

#[tokio::test]
async fn retry_after_zero_is_honoured() {
    let server = MockServer::start().await;
    mount_then(
        &server,
        "DELETE",
        "/processes/p1",
        status_body(503).insert_header("retry-after", "0"),
        1,
        ResponseTemplate::new(204),
    )
    .await;
    // A huge backoff: only the server's 0 lets the retry happen at once.
    let policy = RetryPolicy::default()
        .with_backoff(Duration::from_secs(60), Duration::from_secs(60))
        .with_max_total_wait(Duration::from_secs(1));
    bearer_client(&server.uri(), policy)
        .trash_process("p1")
        .await
        .unwrap();
    assert_eq!(received(&server, "DELETE", "/processes/p1").await.len(), 2);
}

#[tokio::test]
async fn retry_after_one_second_is_honoured() {
    let server = MockServer::start().await;
    mount_then(
        &server,
        "DELETE",
        "/processes/p1",
        status_body(503).insert_header("retry-after", "1"),
        1,
        ResponseTemplate::new(204),
    )
    .await;
    let started = Instant::now();
    bearer_client(&server.uri(), fast_retry())
        .trash_process("p1")
        .await
        .unwrap();
    // A lower bound only: the 1 s wait happened (the backoff alone is ≤ 5 ms).
    assert!(started.elapsed() >= Duration::from_secs(1));
    assert_eq!(received(&server, "DELETE", "/processes/p1").await.len(), 2);

    // The wait the server asks for counts against the total: with 500 ms of
    // waiting allowed, Retry-After: 1 ends the call after one attempt.
    let server = MockServer::start().await;
    mount(
        &server,
        "DELETE",
        "/processes/p1",
        status_body(503).insert_header("retry-after", "1"),
    )
    .await;
    let policy = fast_retry().with_max_total_wait(Duration::from_millis(500));
    let e = bearer_client(&server.uri(), policy)
        .trash_process("p1")
        .await
        .unwrap_err();
    assert_eq!(e.attempts(), 1);
    assert_eq!(e.retry_after(), Some(Duration::from_secs(1)));
    assert_eq!(received(&server, "DELETE", "/processes/p1").await.len(), 1);
}

#[tokio::test]
async fn the_429_message_hint_is_honoured_without_a_header() {
    let hinted = || {
        ResponseTemplate::new(429).set_body_json(support::error_json(
            "429",
            "Rate limit of 1000 per 60 seconds exceeded for listJobs requests. Retry request in 1 seconds.",
        ))
    };
    let server = MockServer::start().await;
    mount_then(
        &server,
        "DELETE",
        "/processes/p1",
        hinted(),
        1,
        ResponseTemplate::new(204),
    )
    .await;
    let started = Instant::now();
    bearer_client(&server.uri(), fast_retry())
        .trash_process("p1")
        .await
        .unwrap();
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "the hinted second was waited"
    );
    assert_eq!(
        received(&server, "DELETE", "/processes/p1").await.len(),
        2,
        "retried"
    );

    // The error carries the hint, and the policy turns it into the delay.
    let server = MockServer::start().await;
    mount(&server, "DELETE", "/processes/p1", hinted()).await;
    let e = bearer_client(&server.uri(), RetryPolicy::none())
        .trash_process("p1")
        .await
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::RateLimited);
    assert!(e.headers().get("retry-after").is_none());
    assert_eq!(e.retry_after(), Some(Duration::from_secs(1)));
    let policy = fast_retry();
    assert_eq!(
        policy.decide(op("trashProcess"), &e, 1, Duration::ZERO),
        Decision::RetryAfter(Duration::from_secs(1))
    );
    // POST too: a 429 is safe to repeat.
    assert_eq!(
        policy.decide(op("createProcess"), &e, 1, Duration::ZERO),
        Decision::RetryAfter(Duration::from_secs(1))
    );
    assert_eq!(
        policy.decide(op("trashProcess"), &e, 4, Duration::ZERO),
        Decision::GiveUp,
        "past the limit"
    );
    assert_eq!(
        RetryPolicy::none().decide(op("trashProcess"), &e, 1, Duration::ZERO),
        Decision::GiveUp
    );
    assert_eq!(
        policy
            .clone()
            .with_max_total_wait(Duration::from_millis(500))
            .decide(op("trashProcess"), &e, 1, Duration::ZERO),
        Decision::GiveUp
    );
}

#[tokio::test]
async fn the_seed_429_hint_of_10_seconds_is_the_delay() {
    let server = MockServer::start().await;
    mount(
        &server,
        "DELETE",
        "/processes/p1",
        ResponseTemplate::new(429).set_body_json(support::error_json(
            "429",
            "Rate limit of 1000 per 60 seconds exceeded for listJobs requests. Retry request in 10 seconds.",
        )),
    )
    .await;
    let e = bearer_client(&server.uri(), RetryPolicy::none())
        .trash_process("p1")
        .await
        .unwrap_err();
    assert_eq!(
        fast_retry().decide(op("trashProcess"), &e, 1, Duration::ZERO),
        Decision::RetryAfter(Duration::from_secs(10))
    );
    assert_eq!(
        fast_retry()
            .with_max_single_wait(Duration::from_secs(5))
            .decide(op("trashProcess"), &e, 1, Duration::ZERO),
        Decision::GiveUp
    );
}

#[tokio::test]
async fn a_retry_after_beyond_the_longest_wait_gives_up_at_once() {
    let server = MockServer::start().await;
    mount(
        &server,
        "DELETE",
        "/processes/p1",
        status_body(503).insert_header("retry-after", "3600"),
    )
    .await;
    mount(
        &server,
        "GET",
        "/processes/p1",
        status_body(429).insert_header("retry-after", "2"),
    )
    .await;
    let client = bearer_client(&server.uri(), fast_retry());
    let e = client.trash_process("p1").await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::ServiceUnavailable);
    assert_eq!(e.attempts(), 1);
    assert_eq!(e.retry_after(), Some(Duration::from_secs(3600)));
    assert_eq!(received(&server, "DELETE", "/processes/p1").await.len(), 1);

    let client =
        client.with_retry_policy(fast_retry().with_max_single_wait(Duration::from_secs(1)));
    let e = client.get_process("p1", None).await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::RateLimited);
    assert_eq!(e.attempts(), 1);
    assert_eq!(received(&server, "GET", "/processes/p1").await.len(), 1);
}

#[tokio::test]
async fn the_policy_can_be_overridden_per_call() {
    let server = MockServer::start().await;
    mount(&server, "DELETE", "/processes/p1", status_body(503)).await;
    let client = bearer_client(&server.uri(), fast_retry());

    let e = client
        .with_retry_policy(RetryPolicy::none())
        .trash_process("p1")
        .await
        .unwrap_err();
    assert_eq!(e.attempts(), 1);
    assert_eq!(received(&server, "DELETE", "/processes/p1").await.len(), 1);

    let e = client
        .with_retry_policy(fast_retry().with_max_retries(1))
        .trash_process("p1")
        .await
        .unwrap_err();
    assert_eq!(e.attempts(), 2);
    assert_eq!(received(&server, "DELETE", "/processes/p1").await.len(), 3);

    // The original client keeps its own policy.
    let e = client.trash_process("p1").await.unwrap_err();
    assert_eq!(e.attempts(), 4);
    assert_eq!(received(&server, "DELETE", "/processes/p1").await.len(), 7);
    assert_eq!(client.retry_policy().max_retries(), 3);
}

#[test]
fn message_hints_parse() {
    let d = |s| Some(Duration::from_secs(s));
    assert_eq!(message_hint("Retry request in 1 seconds."), d(1));
    assert_eq!(
        message_hint(
            "Rate limit of 1000 per 60 seconds exceeded for listJobs requests. Retry request in 10 seconds."
        ),
        d(10)
    );
    assert_eq!(message_hint("retry REQUEST in 3 second"), d(3));
    assert_eq!(message_hint("Retry request in 2 minutes."), d(120));
    assert_eq!(
        message_hint("Retry request in 250 ms"),
        Some(Duration::from_millis(250))
    );
    assert_eq!(
        message_hint("Retry request in 250 milliseconds"),
        Some(Duration::from_millis(250))
    );
    assert_eq!(
        message_hint("Rate limit of 1000 per 60 seconds exceeded"),
        None
    );
    assert_eq!(message_hint("Retry request in soon"), None);
    assert_eq!(message_hint(""), None);
}

#[test]
fn retry_after_headers_parse() {
    let now = std::time::SystemTime::now();
    let mut h = http::HeaderMap::new();
    assert_eq!(retry_after(&h, now), None);
    h.insert("retry-after", "0".parse().unwrap());
    assert_eq!(retry_after(&h, now), Some(Duration::ZERO));
    h.insert("retry-after", " 5 ".parse().unwrap());
    assert_eq!(retry_after(&h, now), Some(Duration::from_secs(5)));
    let later = httpdate::fmt_http_date(now + Duration::from_secs(90));
    h.insert("retry-after", later.parse().unwrap());
    let d = retry_after(&h, now).unwrap();
    assert!(
        d > Duration::from_secs(88) && d <= Duration::from_secs(90),
        "{d:?}"
    );
    let past = httpdate::fmt_http_date(now - Duration::from_secs(90));
    h.insert("retry-after", past.parse().unwrap());
    assert_eq!(retry_after(&h, now), Some(Duration::ZERO));
    h.insert("retry-after", "soon".parse().unwrap());
    assert_eq!(retry_after(&h, now), None);
}

#[tokio::test]
async fn decisions_follow_method_and_status() {
    let server = MockServer::start().await;
    for status in [400u16, 404, 429, 500, 503] {
        mount(
            &server,
            "DELETE",
            &format!("/processes/s{status}"),
            status_body(status),
        )
        .await;
    }
    let client = bearer_client(&server.uri(), RetryPolicy::none());
    let policy = fast_retry();
    for status in [400u16, 404, 429, 500, 503] {
        let e = client
            .trash_process(&format!("s{status}"))
            .await
            .unwrap_err();
        let idempotent = matches!(status, 429 | 500 | 503);
        assert_eq!(retryable(true, &e), idempotent, "{status}");
        assert_eq!(retryable(false, &e), status == 429, "{status}");
        match policy.decide(op("trashProcess"), &e, 1, Duration::ZERO) {
            Decision::RetryAfter(d) => {
                assert!(idempotent, "{status}");
                assert!(
                    d <= Duration::from_millis(5),
                    "backoff within the policy's bounds: {d:?}"
                );
            }
            Decision::GiveUp => assert!(!idempotent, "{status}"),
        }
        let post = policy.decide(op("createProcess"), &e, 1, Duration::ZERO);
        assert_eq!(
            matches!(post, Decision::RetryAfter(_)),
            status == 429,
            "{status}"
        );
        assert_eq!(
            policy.decide(op("trashProcess"), &e, 4, Duration::ZERO),
            Decision::GiveUp
        );
    }
    assert!(op("trashProcess").is_idempotent());
    assert!(op("getProcess").is_idempotent());
    assert!(!op("createProcess").is_idempotent());
    assert!(!op("runProcess").is_idempotent());
}
