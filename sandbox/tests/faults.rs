//! Fault injection over real HTTP: rate limits, random 429s and 503s with a
//! fixed seed, latency, dropped connections, and that no faulted request
//! changes state.

mod common;

use std::time::{Duration, Instant};

use common::{Api, send_checked};
use reqwest::Method;
use serde_json::json;
use workiva_processes::types;
use workiva_processes_sandbox::{FaultConfig, Latency, Sandbox};

#[tokio::test]
async fn rate_limit_answers_429_with_retry_after() {
    let api = Api::start().await;
    api.sandbox.set_faults(
        FaultConfig::new()
            .rate_limit(3, Duration::from_secs(60))
            .retry_after_secs(1),
    );
    for _ in 0..3 {
        assert_eq!(
            api.call("listProcesses", api.req(Method::GET, "/processes"))
                .await
                .status,
            200
        );
    }
    let limited = api
        .call("listProcesses", api.req(Method::GET, "/processes"))
        .await;
    assert_eq!(limited.status, 429);
    assert_eq!(limited.header("retry-after"), Some("1"));
    assert_eq!(
        limited.body,
        json!({
            "code": "429",
            "message": "Rate limit of 3 per 60 seconds exceeded for listProcesses requests. Retry request in 1 seconds."
        })
    );
    // Limits count per operation, as Workiva's message says.
    let create = api
        .req(Method::POST, "/processes")
        .json(&json!({"name": "admitted"}));
    assert_eq!(api.call("createProcess", create).await.status, 201);

    let counters = api.sandbox.counters();
    assert_eq!(counters.rate_limited, 1);
    assert_eq!(counters.responses(429), 1);
    assert_eq!(counters.requests("listProcesses"), 4);
    assert_eq!(counters.successes("listProcesses"), 3);
}

#[tokio::test]
async fn rate_limited_requests_change_nothing_and_windows_reopen() {
    let faults = FaultConfig::new()
        .rate_limit(2, Duration::from_millis(500))
        .retry_after_secs(0);
    let api = Api::with(Sandbox::builder().faults(faults)).await;
    let mut statuses = Vec::new();
    for i in 0..4 {
        let create = api
            .req(Method::POST, "/processes")
            .json(&json!({"name": format!("p{i}")}));
        statuses.push(api.call("createProcess", create).await.status);
    }
    assert_eq!(statuses, [201, 201, 429, 429]);
    assert_eq!(api.sandbox.processes().len(), 2);
    assert_eq!(api.sandbox.counters().processes_created, 2);
    tokio::time::sleep(Duration::from_millis(600)).await;
    let create = api
        .req(Method::POST, "/processes")
        .json(&json!({"name": "later"}));
    assert_eq!(api.call("createProcess", create).await.status, 201);
}

/// Sends `n` getProcess requests one after another and returns the statuses.
async fn statuses(api: &Api, id: &str, n: usize) -> Vec<u16> {
    let mut out = Vec::with_capacity(n);
    for _ in 0..n {
        out.push(
            api.call(
                "getProcess",
                api.req(Method::GET, &format!("/processes/{id}")),
            )
            .await
            .status,
        );
    }
    out
}

#[tokio::test]
async fn random_faults_follow_their_fractions_and_the_seed() {
    let faults = FaultConfig::new()
        .random_503(0.2)
        .random_429(0.1)
        .retry_after_secs(0);
    let first = Api::with(Sandbox::builder().seed(7).faults(faults.clone())).await;
    let id = first
        .sandbox
        .insert_process(types::Process {
            name: Some("p".into()),
            ..Default::default()
        })
        .id
        .unwrap();
    let seen = statuses(&first, &id, 400).await;
    let count = |s: u16| seen.iter().filter(|x| **x == s).count();
    assert!((50..=110).contains(&count(503)), "503s: {}", count(503));
    assert!((20..=65).contains(&count(429)), "429s: {}", count(429));
    assert_eq!(count(200) + count(503) + count(429), 400);
    let counters = first.sandbox.counters();
    assert_eq!(counters.injected_503 as usize, count(503));
    assert_eq!(counters.injected_429 as usize, count(429));

    // The same seed gives the same sequence.
    let second = Api::with(Sandbox::builder().seed(7).faults(faults)).await;
    let id = second
        .sandbox
        .insert_process(types::Process {
            name: Some("p".into()),
            ..Default::default()
        })
        .id
        .unwrap();
    assert_eq!(statuses(&second, &id, 400).await, seen);
}

#[tokio::test]
async fn injected_errors_have_the_documented_shape() {
    let api = Api::start().await;
    let id = api.create_named("p").await;
    api.sandbox.set_faults(FaultConfig::new().random_503(1.0));
    let reply = api
        .call(
            "getProcess",
            api.req(Method::GET, &format!("/processes/{id}")),
        )
        .await;
    assert_eq!(
        (reply.status, reply.body),
        (
            503,
            json!({"code": "503", "message": "Service Unavailable."})
        )
    );

    api.sandbox
        .set_faults(FaultConfig::new().random_429(1.0).retry_after_secs(0));
    let reply = api
        .call(
            "trashProcess",
            api.req(Method::DELETE, &format!("/processes/{id}")),
        )
        .await;
    assert_eq!(reply.status, 429);
    assert_eq!(reply.header("retry-after"), Some("0"));
    assert_eq!(reply.body["code"], "429");
    assert_eq!(
        reply.body["message"],
        "Rate limit exceeded for trashProcess requests. Retry request in 0 seconds."
    );

    api.sandbox.clear_faults();
    assert_eq!(api.sandbox.faults(), FaultConfig::default());
    let reply = api
        .call(
            "trashProcess",
            api.req(Method::DELETE, &format!("/processes/{id}")),
        )
        .await;
    assert_eq!(reply.status, 204);
}

/// The property a reliability test relies on: what the server trashed is
/// exactly what its client saw succeed.
#[tokio::test]
async fn faulted_trash_calls_trash_nothing() {
    let faults = FaultConfig::new()
        .random_503(0.3)
        .random_429(0.2)
        .drop_connections(0.1)
        .retry_after_secs(0);
    let api = Api::with(Sandbox::builder().seed(11)).await;
    let ids: Vec<String> = (0..60)
        .map(|i| {
            api.sandbox
                .insert_process(types::Process {
                    name: Some(format!("p{i}")),
                    ..Default::default()
                })
                .id
                .unwrap()
        })
        .collect();
    api.sandbox.set_faults(faults);
    let mut client_saw_trashed = Vec::new();
    let mut dropped = 0;
    for id in &ids {
        let request = api.req(Method::DELETE, &format!("/processes/{id}"));
        match request.send().await {
            Ok(response) if response.status() == 204 => client_saw_trashed.push(id.clone()),
            Ok(response) => assert!(
                [429, 503].contains(&response.status().as_u16()),
                "{}",
                response.status()
            ),
            Err(_) => dropped += 1,
        }
    }
    let counters = api.sandbox.counters();
    assert_eq!(
        counters.processes_trashed as usize,
        client_saw_trashed.len()
    );
    assert_eq!(counters.dropped_connections as usize, dropped);
    assert!(
        dropped > 0 && client_saw_trashed.len() < ids.len(),
        "faults happened"
    );
    assert_eq!(api.sandbox.trashed_process_ids(), client_saw_trashed);
    assert_eq!(
        api.sandbox.processes().len(),
        ids.len() - client_saw_trashed.len()
    );
}

#[tokio::test]
async fn dropped_connections_are_connection_errors() {
    let api = Api::start().await;
    api.sandbox
        .set_faults(FaultConfig::new().drop_connections(1.0));
    let err = api
        .req(Method::GET, "/processes")
        .send()
        .await
        .expect_err("the connection is dropped");
    assert!(!err.is_status() && !err.is_timeout(), "{err:?}");
    assert!(err.is_request() || err.is_connect(), "{err:?}");
    let counters = api.sandbox.counters();
    assert_eq!(counters.dropped_connections, 1);
    assert_eq!(
        counters.total_requests,
        counters.responses_by_status.values().sum::<u64>() + 1,
        "every request but the dropped one was answered"
    );

    // A raw socket sees the connection closed with nothing written.
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut socket = tokio::net::TcpStream::connect(api.sandbox.addr())
        .await
        .unwrap();
    socket
        .write_all(b"GET /processes HTTP/1.1\r\nhost: x\r\n\r\n")
        .await
        .unwrap();
    let mut buf = Vec::new();
    let read = tokio::time::timeout(Duration::from_secs(5), socket.read_to_end(&mut buf))
        .await
        .expect("closed");
    assert!(
        read.is_err() || buf.is_empty(),
        "got {:?}",
        String::from_utf8_lossy(&buf)
    );

    api.sandbox.clear_faults();
    assert_eq!(
        api.call("listProcesses", api.req(Method::GET, "/processes"))
            .await
            .status,
        200
    );
}

#[tokio::test]
async fn latency_is_added() {
    let api = Api::start().await;
    api.sandbox
        .set_faults(FaultConfig::new().latency(Latency::Fixed(Duration::from_millis(200))));
    let started = Instant::now();
    assert_eq!(
        api.call("listProcesses", api.req(Method::GET, "/processes"))
            .await
            .status,
        200
    );
    assert!(started.elapsed() >= Duration::from_millis(200));

    let range = Latency::Range {
        min: Duration::from_millis(50),
        max: Duration::from_millis(100),
    };
    api.sandbox.set_faults(FaultConfig::new().latency(range));
    for _ in 0..3 {
        let started = Instant::now();
        api.call("listProcesses", api.req(Method::GET, "/processes"))
            .await;
        assert!(started.elapsed() >= Duration::from_millis(50));
    }

    // A client that gives up during the delay does not stop the server: the
    // process is created although the client saw only a timeout.
    api.sandbox
        .set_faults(FaultConfig::new().latency(Latency::Fixed(Duration::from_millis(300))));
    let quick = common::http_client(reqwest::Client::builder().timeout(Duration::from_millis(100)));
    let create = quick
        .post(api.url("/processes"))
        .header("X-Version", common::VERSION)
        .bearer_auth(&api.token)
        .json(&json!({"name": "late"}));
    assert!(create.send().await.unwrap_err().is_timeout());
    let deadline = Instant::now() + Duration::from_secs(5);
    while api.sandbox.processes().is_empty() && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(api.sandbox.processes().len(), 1);
    assert_eq!(api.sandbox.counters().successes("createProcess"), 1);
}

#[tokio::test]
async fn the_token_endpoint_is_spared_unless_asked() {
    let api = Api::start().await;
    api.sandbox.set_faults(FaultConfig::new().random_503(1.0));
    let token = |http: reqwest::Client, url: String| async move {
        http.post(url)
            .basic_auth("demo", Some("demo"))
            .form(&[("grant_type", "client_credentials")])
            .send()
            .await
            .unwrap()
            .status()
            .as_u16()
    };
    assert_eq!(token(api.http.clone(), api.sandbox.token_url()).await, 200);
    api.sandbox
        .set_faults(FaultConfig::new().random_503(1.0).on_token_endpoint(true));
    assert_eq!(token(api.http.clone(), api.sandbox.token_url()).await, 503);
    let counters = api.sandbox.counters();
    assert_eq!((counters.token_requests, counters.tokens_issued), (3, 2));
}

#[tokio::test]
async fn faults_come_before_authentication() {
    let api = Api::start().await;
    api.sandbox.set_faults(FaultConfig::new().random_503(1.0));
    let anonymous = api
        .http
        .get(api.url("/processes"))
        .header("X-Version", common::VERSION);
    assert_eq!(send_checked("listProcesses", anonymous).await.status, 503);
}
