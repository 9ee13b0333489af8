//! Client construction and what every request carries: the builder's checks
//! (plain http only to loopback), the User-Agent, `X-Version` and the bearer
//! token on every operation.

mod support;

use std::time::Duration;

use support::{CLIENT_ID, CLIENT_SECRET, TOKEN, fast_retry, mount_token};
use wiremock::matchers::{any, method, path, path_regex};
use wiremock::{Mock, MockServer, ResponseTemplate};
use workiva_processes::{
    API_VERSION, Client, Credentials, DEFAULT_TIMEOUT, ErrorKind, Region, RetryPolicy, types,
};

fn creds() -> Credentials {
    Credentials::client_credentials(CLIENT_ID, CLIENT_SECRET)
}

#[test]
fn plain_http_to_a_non_loopback_host_is_refused() {
    for url in [
        "http://example.com",
        "http://api.app.wdesk.com",
        "http://10.0.0.1:8080",
        "http://192.168.1.1",
        "http://0.0.0.0:8080",
        "http://localhost.example.com",
        "http://127.0.0.1.nip.io",
        "http://[::ffff:8.8.8.8]",
        "http://[2001:db8::1]",
    ] {
        let e = Client::builder()
            .base_url(url)
            .credentials(creds())
            .retry_policy(fast_retry())
            .timeout(Duration::from_secs(5))
            .build()
            .expect_err(url);
        assert_eq!(e.kind(), ErrorKind::InvalidInput, "{url}: {e}");
        assert_eq!(e.attempts(), 0, "{url}");
        assert_eq!(e.status(), None, "{url}");
        assert!(e.to_string().contains("http"), "{url}: {e}");
        assert!(!e.to_string().contains(CLIENT_SECRET));
    }
}

#[test]
fn other_bad_base_urls_and_settings_are_refused() {
    for url in [
        "ftp://127.0.0.1",
        "file:///etc/passwd",
        "not a url",
        "http://user:pass@127.0.0.1",
        "https://user@api.example.com",
        "https://api.example.com/?x=1",
        "https://api.example.com/#frag",
    ] {
        let e = Client::builder()
            .base_url(url)
            .credentials(creds())
            .build()
            .expect_err(url);
        assert_eq!(e.kind(), ErrorKind::InvalidInput, "{url}: {e}");
    }
    let e = Client::builder()
        .base_url("https://api.example.com")
        .timeout(Duration::ZERO)
        .build()
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidInput);
}

#[test]
fn loopback_http_and_any_https_are_accepted() {
    for url in [
        "http://127.0.0.1",
        "http://127.0.0.1:8080",
        "http://127.0.0.2:9",
        "http://localhost",
        "http://localhost:3000/",
        "http://LOCALHOST:3000",
        "http://[::1]",
        "http://[::1]:8080",
        "https://api.example.com",
        "https://api.eu.wdesk.com/",
    ] {
        let client = Client::builder()
            .base_url(url)
            .credentials(creds())
            .retry_policy(RetryPolicy::none())
            .timeout(Duration::from_secs(5))
            .build()
            .unwrap_or_else(|e| panic!("{url}: {e}"));
        assert!(!client.base_url().ends_with('/'), "{}", client.base_url());
        assert_eq!(client.retry_policy(), &RetryPolicy::none());
        assert_eq!(client.token_requests(), 0, "nothing is sent by build()");
    }
}

#[test]
fn regions_use_the_spec_servers() {
    let client = Client::builder().credentials(creds()).build().unwrap();
    assert_eq!(client.base_url(), "https://api.app.wdesk.com");
    let client = Client::builder()
        .region(Region::Eu)
        .credentials(creds())
        .build()
        .unwrap();
    assert_eq!(client.base_url(), "https://api.eu.wdesk.com");
    let client = Client::builder()
        .region(Region::Apac)
        .credentials(creds())
        .build()
        .unwrap();
    assert_eq!(client.base_url(), "https://api.apac.wdesk.com");
    assert_eq!(client.retry_policy(), &RetryPolicy::default());
    assert_eq!(DEFAULT_TIMEOUT, Duration::from_secs(30));
    assert_eq!("eu".parse::<Region>().unwrap(), Region::Eu);
    assert!("mars".parse::<Region>().is_err());
}

async fn trash_ok(server: &MockServer) {
    Mock::given(method("DELETE"))
        .and(path_regex("^/processes/[^/]+$"))
        .respond_with(ResponseTemplate::new(204))
        .mount(server)
        .await;
}

#[tokio::test]
async fn requests_reach_localhost_by_name() {
    let server = MockServer::start().await;
    mount_token(&server, TOKEN).await;
    trash_ok(&server).await;
    let base = format!("http://localhost:{}", server.address().port());
    let client = support::client_with(&base, creds(), fast_retry());
    client.trash_process("p1").await.unwrap();
    assert_eq!(
        support::received(&server, "DELETE", "/processes/p1")
            .await
            .len(),
        1
    );
}

#[tokio::test]
async fn requests_reach_ipv6_loopback() {
    let Ok(listener) = std::net::TcpListener::bind("[::1]:0") else {
        eprintln!("no IPv6 loopback on this machine; build-only check done elsewhere");
        return;
    };
    let port = listener.local_addr().unwrap().port();
    let server = MockServer::builder().listener(listener).start().await;
    mount_token(&server, TOKEN).await;
    trash_ok(&server).await;
    let client = support::client_with(&format!("http://[::1]:{port}"), creds(), fast_retry());
    client.trash_process("p1").await.unwrap();
    assert_eq!(
        support::received(&server, "DELETE", "/processes/p1")
            .await
            .len(),
        1
    );
}

#[tokio::test]
async fn a_base_url_with_a_path_prefixes_every_request() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/api/v1/oauth2/token"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(support::token_body(
                TOKEN,
                599,
                "file:read file:write",
            )),
        )
        .mount(&server)
        .await;
    Mock::given(method("DELETE"))
        .and(path("/api/v1/processes/p1"))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    let client = support::client_with(&format!("{}/api/v1/", server.uri()), creds(), fast_retry());
    client.trash_process("p1").await.unwrap();
}

#[tokio::test]
async fn user_agent_names_the_crate_and_version() {
    let server = MockServer::start().await;
    mount_token(&server, TOKEN).await;
    trash_ok(&server).await;
    support::client(&server).trash_process("p1").await.unwrap();
    let expected = concat!("workiva-processes/", env!("CARGO_PKG_VERSION"));
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 2, "token request and DELETE");
    for r in &requests {
        let ua = r
            .headers
            .get("user-agent")
            .expect("a User-Agent")
            .to_str()
            .unwrap();
        assert_eq!(ua, expected, "{} {}", r.method, r.url);
    }
}

#[tokio::test]
async fn every_operation_sends_x_version_and_the_bearer_token() {
    let server = MockServer::start().await;
    mount_token(&server, TOKEN).await;
    let process = serde_json::json!({"id": "p1", "name": "Close"});
    let run = serde_json::json!({"id": "r1", "parallel": false, "readOnly": false});
    let page = serde_json::json!({"data": [process]});
    let routes: [(&str, &str, u16, serde_json::Value); 8] = [
        ("GET", "/processes", 200, page),
        ("POST", "/processes", 201, process.clone()),
        ("GET", "/processes/p1", 200, process.clone()),
        ("DELETE", "/processes/p1", 204, serde_json::Value::Null),
        ("POST", "/processes/p1/batchUpdates", 200, process.clone()),
        ("POST", "/processes/p1/run", 201, run.clone()),
        ("GET", "/processRuns/r1", 200, run),
        (
            "POST",
            "/processRuns/r1/jobRuns",
            201,
            serde_json::json!({"jobRuns": []}),
        ),
    ];
    for (m, p, status, body) in routes {
        let mut response = ResponseTemplate::new(status);
        if !body.is_null() {
            response = response.set_body_json(body);
        }
        Mock::given(method(m))
            .and(path(p))
            .respond_with(response)
            .expect(1)
            .mount(&server)
            .await;
    }
    Mock::given(any())
        .respond_with(ResponseTemplate::new(418))
        .expect(0)
        .mount(&server)
        .await;

    let client = support::client(&server);
    client.list_processes(None, None, None, None).await.unwrap();
    client
        .create_process(&types::Process::default())
        .await
        .unwrap();
    client.get_process("p1", None).await.unwrap();
    client.trash_process("p1").await.unwrap();
    client
        .batch_update_process("p1", &types::BatchUpdate { data: vec![] })
        .await
        .unwrap();
    client
        .run_process("p1", &types::RunProcessOptions::default())
        .await
        .unwrap();
    client.get_process_run("r1", None).await.unwrap();
    client
        .create_job_runs("r1", None, None, None, &types::JobRunCreateList(vec![]))
        .await
        .unwrap();

    let requests = server.received_requests().await.unwrap();
    let api: Vec<_> = requests
        .iter()
        .filter(|r| r.url.path() != "/oauth2/token")
        .collect();
    assert_eq!(api.len(), 8);
    for r in api {
        let h = |n: &str| r.headers.get(n).map(|v| v.to_str().unwrap().to_string());
        assert_eq!(
            h("x-version").as_deref(),
            Some(API_VERSION),
            "{} {}",
            r.method,
            r.url
        );
        assert_eq!(
            h("authorization"),
            Some(format!("Bearer {TOKEN}")),
            "{} {}",
            r.method,
            r.url
        );
        assert_eq!(r.headers.get_all("x-version").iter().count(), 1);
        assert_eq!(r.headers.get_all("authorization").iter().count(), 1);
    }
    assert_eq!(API_VERSION, "2026-04-01.processes.preview");
    assert_eq!(client.token_requests(), 1);
}

#[tokio::test]
async fn bearer_token_credentials_are_sent_as_is() {
    let server = MockServer::start().await;
    trash_ok(&server).await;
    let client = support::bearer_client(&server.uri(), RetryPolicy::none());
    client.trash_process("p1").await.unwrap();
    client.trash_process("p2").await.unwrap();
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 2, "no token request");
    for r in requests {
        assert_eq!(
            r.headers.get("authorization").unwrap(),
            &format!("Bearer {TOKEN}")
        );
        assert_eq!(r.headers.get("x-version").unwrap(), API_VERSION);
    }
    assert_eq!(client.token_requests(), 0);
}

#[tokio::test]
async fn clones_share_the_token_cache() {
    let server = MockServer::start().await;
    mount_token(&server, TOKEN).await;
    trash_ok(&server).await;
    let client = support::client(&server);
    let clone = client.clone();
    let other_policy = client.with_retry_policy(RetryPolicy::none());
    client.trash_process("a").await.unwrap();
    clone.trash_process("b").await.unwrap();
    other_policy.trash_process("c").await.unwrap();
    assert_eq!(
        support::received(&server, "POST", "/oauth2/token")
            .await
            .len(),
        1
    );
    assert_eq!(client.token_requests(), 1);
    assert_eq!(other_policy.token_requests(), 1);
    assert_eq!(other_policy.retry_policy(), &RetryPolicy::none());
    assert_eq!(client.retry_policy(), &fast_retry());
}
