//! The OAuth2 client-credentials flow: the token request, the cache, refresh
//! on expiry and after a 401, one token request for many concurrent callers,
//! token endpoint errors and retries, and granted scopes checked before
//! anything is sent.

mod support;

use std::collections::HashMap;
use std::time::Duration;

use base64::Engine as _;
use support::{CLIENT_ID, CLIENT_SECRET, client, fast_retry, received, token_body};
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};
use workiva_processes::{Client, Credentials, ErrorKind, RetryPolicy};

fn token_mock(token: &str, expires_in: u64, scope: &str) -> Mock {
    Mock::given(method("POST"))
        .and(path("/oauth2/token"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(token_body(token, expires_in, scope)),
        )
}

const BOTH: &str = "file:read file:write";

async fn trash_ok(server: &MockServer) {
    Mock::given(method("DELETE"))
        .and(path("/processes/p1"))
        .respond_with(ResponseTemplate::new(204))
        .mount(server)
        .await;
}

fn bearers(requests: &[wiremock::Request]) -> Vec<String> {
    requests
        .iter()
        .map(|r| {
            r.headers
                .get("authorization")
                .unwrap()
                .to_str()
                .unwrap()
                .to_string()
        })
        .collect()
}

#[tokio::test]
async fn token_request_is_a_basic_auth_form_post() {
    let server = MockServer::start().await;
    token_mock("tok", 599, BOTH).mount(&server).await;
    trash_ok(&server).await;
    client(&server).trash_process("p1").await.unwrap();

    let tokens = received(&server, "POST", "/oauth2/token").await;
    assert_eq!(tokens.len(), 1);
    let r = &tokens[0];
    let basic =
        base64::engine::general_purpose::STANDARD.encode(format!("{CLIENT_ID}:{CLIENT_SECRET}"));
    assert_eq!(
        r.headers.get("authorization").unwrap().to_str().unwrap(),
        format!("Basic {basic}")
    );
    assert_eq!(
        r.headers.get("content-type").unwrap().to_str().unwrap(),
        "application/x-www-form-urlencoded"
    );
    assert_eq!(
        r.headers.get("accept").unwrap().to_str().unwrap(),
        "application/json"
    );
    let form: HashMap<String, String> = url::form_urlencoded::parse(&r.body).into_owned().collect();
    assert_eq!(
        form.get("grant_type").map(String::as_str),
        Some("client_credentials")
    );
    assert_eq!(
        form.get("scope").map(String::as_str),
        Some("file:read file:write")
    );
    assert!(
        !String::from_utf8_lossy(&r.body).contains(CLIENT_SECRET),
        "the secret travels in the Authorization header only"
    );
    // The API call carries the token.
    let deletes = received(&server, "DELETE", "/processes/p1").await;
    assert_eq!(bearers(&deletes), vec!["Bearer tok"]);
}

#[tokio::test]
async fn builder_scopes_are_requested() {
    let server = MockServer::start().await;
    token_mock("tok", 599, "file:read").mount(&server).await;
    Mock::given(method("GET"))
        .and(path("/processes/p1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({"id": "p1"})))
        .mount(&server)
        .await;
    let client = Client::builder()
        .base_url(server.uri())
        .credentials(Credentials::client_credentials(CLIENT_ID, CLIENT_SECRET))
        .scopes(["file:read"])
        .retry_policy(fast_retry())
        .build()
        .unwrap();
    let p = client.get_process("p1", None).await.unwrap();
    assert_eq!(p.id.as_deref(), Some("p1"));
    let r = &received(&server, "POST", "/oauth2/token").await[0];
    let form: HashMap<String, String> = url::form_urlencoded::parse(&r.body).into_owned().collect();
    assert_eq!(form.get("scope").map(String::as_str), Some("file:read"));
}

#[tokio::test]
async fn the_token_is_cached_across_calls() {
    let server = MockServer::start().await;
    token_mock("tok", 599, BOTH).expect(1).mount(&server).await;
    trash_ok(&server).await;
    let client = client(&server);
    for _ in 0..5 {
        client.trash_process("p1").await.unwrap();
    }
    assert_eq!(client.token_requests(), 1);
    assert_eq!(received(&server, "DELETE", "/processes/p1").await.len(), 5);
}

#[tokio::test]
async fn an_expired_token_is_refreshed() {
    let server = MockServer::start().await;
    token_mock("short", 1, BOTH)
        .up_to_n_times(1)
        .mount(&server)
        .await;
    token_mock("long", 599, BOTH).mount(&server).await;
    trash_ok(&server).await;
    let client = client(&server);
    client.trash_process("p1").await.unwrap();
    tokio::time::sleep(Duration::from_millis(1100)).await;
    client.trash_process("p1").await.unwrap();
    client.trash_process("p1").await.unwrap();
    assert_eq!(client.token_requests(), 2);
    assert_eq!(received(&server, "POST", "/oauth2/token").await.len(), 2);
    let deletes = received(&server, "DELETE", "/processes/p1").await;
    assert_eq!(
        bearers(&deletes),
        vec!["Bearer short", "Bearer long", "Bearer long"]
    );
}

#[tokio::test]
async fn a_401_refreshes_the_token_once_and_retries() {
    let server = MockServer::start().await;
    token_mock("revoked", 599, BOTH)
        .up_to_n_times(1)
        .mount(&server)
        .await;
    token_mock("fresh", 599, BOTH).mount(&server).await;
    Mock::given(method("DELETE"))
        .and(header("authorization", "Bearer revoked"))
        .respond_with(
            ResponseTemplate::new(401)
                .set_body_json(support::error_json("Unauthorized", "Bad credentials")),
        )
        .mount(&server)
        .await;
    Mock::given(method("DELETE"))
        .and(header("authorization", "Bearer fresh"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    // Even with no retries allowed, the refresh after a 401 happens.
    let client = support::client_with(
        &server.uri(),
        Credentials::client_credentials(CLIENT_ID, CLIENT_SECRET),
        RetryPolicy::none(),
    );
    client.trash_process("p1").await.unwrap();
    assert_eq!(client.token_requests(), 2);
    let deletes = received(&server, "DELETE", "/processes/p1").await;
    assert_eq!(bearers(&deletes), vec!["Bearer revoked", "Bearer fresh"]);
    // The fresh token stays cached.
    client.trash_process("p1").await.unwrap();
    assert_eq!(client.token_requests(), 2);
}

#[tokio::test]
async fn a_second_401_is_returned_not_refreshed_again() {
    let server = MockServer::start().await;
    token_mock("tok", 599, BOTH).mount(&server).await;
    Mock::given(method("DELETE"))
        .respond_with(
            ResponseTemplate::new(401)
                .insert_header("x-request-id", "req-401")
                .set_body_json(support::error_json("Unauthorized", "Bad credentials")),
        )
        .mount(&server)
        .await;
    let client = client(&server);
    let e = client.trash_process("p1").await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Unauthenticated);
    assert_eq!(e.status_code(), Some(401));
    assert_eq!(e.code(), Some("Unauthorized"));
    assert_eq!(e.message(), Some("Bad credentials"));
    assert_eq!(e.request_id(), Some("req-401"));
    assert_eq!(e.attempts(), 2);
    assert_eq!(client.token_requests(), 2);
    assert_eq!(received(&server, "DELETE", "/processes/p1").await.len(), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_calls_on_a_cold_cache_make_one_token_request() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/oauth2/token"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(token_body("tok", 599, BOTH))
                // Keeps the token request in flight while the others arrive.
                .set_delay(Duration::from_millis(300)),
        )
        .mount(&server)
        .await;
    trash_ok(&server).await;
    let client = client(&server);
    let calls: Vec<_> = (0..100)
        .map(|_| {
            let c = client.clone();
            tokio::spawn(async move { c.trash_process("p1").await })
        })
        .collect();
    for call in calls {
        call.await.unwrap().unwrap();
    }
    assert_eq!(client.token_requests(), 1);
    assert_eq!(received(&server, "POST", "/oauth2/token").await.len(), 1);
    assert_eq!(
        received(&server, "DELETE", "/processes/p1").await.len(),
        100
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_calls_on_an_expired_token_make_one_refresh() {
    let server = MockServer::start().await;
    token_mock("short", 1, BOTH)
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/oauth2/token"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(token_body("long", 599, BOTH))
                .set_delay(Duration::from_millis(300)),
        )
        .mount(&server)
        .await;
    trash_ok(&server).await;
    let client = client(&server);
    client.trash_process("p1").await.unwrap();
    assert_eq!(client.token_requests(), 1);
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let calls: Vec<_> = (0..100)
        .map(|_| {
            let c = client.clone();
            tokio::spawn(async move { c.trash_process("p1").await })
        })
        .collect();
    for call in calls {
        call.await.unwrap().unwrap();
    }
    assert_eq!(client.token_requests(), 2);
    assert_eq!(received(&server, "POST", "/oauth2/token").await.len(), 2);
    let deletes = received(&server, "DELETE", "/processes/p1").await;
    assert_eq!(deletes.len(), 101);
    assert!(bearers(&deletes[1..]).iter().all(|b| b == "Bearer long"));
}

#[tokio::test]
async fn token_errors_surface_as_unauthenticated() {
    for status in [400u16, 401] {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .and(path("/oauth2/token"))
            .respond_with(
                ResponseTemplate::new(status)
                    .insert_header("x-request-id", "tok-req")
                    .set_body_json(serde_json::json!({
                        "error": "invalid_client",
                        "error_description": "Client authentication failed",
                        "error_uri": "https://developers.example.com/oauth"
                    })),
            )
            .mount(&server)
            .await;
        trash_ok(&server).await;
        let client = client(&server);
        let e = client.trash_process("p1").await.unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Unauthenticated, "{status}: {e}");
        assert_eq!(e.status_code(), Some(status));
        assert_eq!(e.code(), Some("invalid_client"));
        assert_eq!(e.message(), Some("Client authentication failed"));
        assert_eq!(
            e.documentation_url(),
            Some("https://developers.example.com/oauth")
        );
        assert_eq!(e.request_id(), Some("tok-req"));
        assert_eq!(e.operation(), Some("trashProcess"));
        assert!(e.body_text().contains("invalid_client"));
        assert!(
            e.to_string().contains("Client authentication failed"),
            "{e}"
        );
        // Not retried, and the API was never called.
        assert_eq!(
            received(&server, "POST", "/oauth2/token").await.len(),
            1,
            "{status}"
        );
        assert_eq!(client.token_requests(), 1);
        assert!(
            received(&server, "DELETE", "/processes/p1")
                .await
                .is_empty()
        );
    }
}

#[tokio::test]
async fn a_token_endpoint_503_is_retried() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/oauth2/token"))
        .respond_with(ResponseTemplate::new(503).set_body_string("down"))
        .up_to_n_times(2)
        .mount(&server)
        .await;
    token_mock("tok", 599, BOTH).mount(&server).await;
    trash_ok(&server).await;
    let client = client(&server);
    client.trash_process("p1").await.unwrap();
    assert_eq!(client.token_requests(), 3);
    assert_eq!(received(&server, "POST", "/oauth2/token").await.len(), 3);
    assert_eq!(received(&server, "DELETE", "/processes/p1").await.len(), 1);
}

#[tokio::test]
async fn a_token_endpoint_that_stays_down_ends_the_call() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/oauth2/token"))
        .respond_with(
            ResponseTemplate::new(503)
                .set_body_json(support::error_json("503", "Service Unavailable.")),
        )
        .mount(&server)
        .await;
    trash_ok(&server).await;
    let client = client(&server);
    let e = client.trash_process("p1").await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::ServiceUnavailable, "{e}");
    assert_eq!(e.status_code(), Some(503));
    assert_eq!(client.token_requests(), 4, "default policy: 4 attempts");
    assert_eq!(received(&server, "POST", "/oauth2/token").await.len(), 4);
    assert!(
        received(&server, "DELETE", "/processes/p1")
            .await
            .is_empty()
    );
}

#[tokio::test]
async fn an_undecodable_token_response_is_invalid_body() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/oauth2/token"))
        .respond_with(ResponseTemplate::new(200).set_body_string("<html>login</html>"))
        .mount(&server)
        .await;
    trash_ok(&server).await;
    let e = client(&server).trash_process("p1").await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidBody, "{e}");
    assert_eq!(e.status_code(), Some(200));
    assert!(
        received(&server, "DELETE", "/processes/p1")
            .await
            .is_empty()
    );
}

#[tokio::test]
async fn a_missing_scope_is_refused_before_sending() {
    let server = MockServer::start().await;
    token_mock("tok", 599, "file:read").mount(&server).await;
    trash_ok(&server).await;
    Mock::given(method("GET"))
        .and(path("/processes/p1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({"id": "p1"})))
        .mount(&server)
        .await;
    let client = client(&server);
    let e = client.trash_process("p1").await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::MissingScope, "{e}");
    assert_eq!(e.operation(), Some("trashProcess"));
    assert_eq!(e.status(), None);
    assert_eq!(e.attempts(), 0);
    let missing = e.missing_scope().expect("required and granted scopes");
    assert_eq!(missing.required, vec!["file:write".to_string()]);
    assert_eq!(missing.granted, vec!["file:read".to_string()]);
    let text = e.to_string();
    assert!(
        text.contains("trashProcess") && text.contains("file:write") && text.contains("file:read"),
        "{text}"
    );
    let requests = server.received_requests().await.unwrap();
    assert!(
        requests.iter().all(|r| r.method.as_str() != "DELETE"),
        "a DELETE was sent"
    );

    // Reads, which need file:read only, still work.
    client.get_process("p1", None).await.unwrap();
    assert_eq!(client.token_requests(), 1);
}

#[tokio::test]
async fn a_token_response_without_scope_is_trusted() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/oauth2/token"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "access_token": "tok", "expires_in": 599, "token_type": "Bearer"
        })))
        .mount(&server)
        .await;
    trash_ok(&server).await;
    client(&server).trash_process("p1").await.unwrap();
    assert_eq!(received(&server, "DELETE", "/processes/p1").await.len(), 1);
}
