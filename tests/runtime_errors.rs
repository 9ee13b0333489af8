//! Error decoding: the seed page's eight example bodies, bodies that do not
//! fit the schema, what is kept (raw body, headers, request id,
//! Retry-After), success bodies that do not decode or are too large,
//! timeouts, refused connections and redirects.

mod support;

use std::time::Duration;

use support::{RawServer, Reply, TOKEN, bearer_client, dead_port, received};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};
use workiva_processes::{Error, ErrorKind, MAX_ERROR_BODY, MAX_RESPONSE_BODY, RetryPolicy};

fn no_retry(server: &MockServer) -> workiva_processes::Client {
    bearer_client(&server.uri(), RetryPolicy::none())
}

async fn mount(server: &MockServer, m: &str, p: &str, response: ResponseTemplate) {
    Mock::given(method(m))
        .and(path(p))
        .respond_with(response)
        .mount(server)
        .await;
}

struct Seed {
    status: u16,
    body: &'static str,
    kind: ErrorKind,
    code: &'static str,
    message: &'static str,
}

const SEEDS: [Seed; 8] = [
    Seed {
        status: 400,
        body: r#"{"code":"invalidUser","documentationUrl":"http://developerdocs.example.com","message":"The provided user is invalid.","meta":{"argumentName":"assignee","jobId":"job1234"},"target":"assignee"}"#,
        kind: ErrorKind::BadRequest,
        code: "invalidUser",
        message: "The provided user is invalid.",
    },
    Seed {
        status: 401,
        body: r#"{"code":"Unauthorized","message":"Bad credentials"}"#,
        kind: ErrorKind::Unauthenticated,
        code: "Unauthorized",
        message: "Bad credentials",
    },
    Seed {
        status: 403,
        body: r#"{"code":"403","message":"Forbidden"}"#,
        kind: ErrorKind::Forbidden,
        code: "403",
        message: "Forbidden",
    },
    Seed {
        status: 404,
        body: r#"{"code":"404","message":"Could not find process id 51bcc3ec3d0b4aadb69659e2a7ed767b"}"#,
        kind: ErrorKind::NotFound,
        code: "404",
        message: "Could not find process id 51bcc3ec3d0b4aadb69659e2a7ed767b",
    },
    Seed {
        status: 409,
        body: r#"{"code":"409","message":"Letter is not in a status that supports submissions"}"#,
        kind: ErrorKind::Conflict,
        code: "409",
        message: "Letter is not in a status that supports submissions",
    },
    Seed {
        status: 429,
        body: r#"{"code":"429","message":"Rate limit of 1000 per 60 seconds exceeded for listJobs requests. Retry request in 10 seconds."}"#,
        kind: ErrorKind::RateLimited,
        code: "429",
        message: "Rate limit of 1000 per 60 seconds exceeded for listJobs requests. Retry request in 10 seconds.",
    },
    Seed {
        status: 500,
        body: r#"{"code":"500","message":"unknown error"}"#,
        kind: ErrorKind::ServerError,
        code: "500",
        message: "unknown error",
    },
    Seed {
        status: 503,
        body: r#"{"code":"503","message":"Service Unavailable."}"#,
        kind: ErrorKind::ServiceUnavailable,
        code: "503",
        message: "Service Unavailable.",
    },
];

#[tokio::test]
async fn the_seed_example_bodies_decode() {
    let server = MockServer::start().await;
    for seed in &SEEDS {
        mount(
            &server,
            "DELETE",
            &format!("/processes/seed{}", seed.status),
            ResponseTemplate::new(seed.status)
                .insert_header("content-type", "application/json")
                .insert_header("x-request-id", format!("req-{}", seed.status).as_str())
                .set_body_string(seed.body),
        )
        .await;
    }
    let client = no_retry(&server);
    for seed in &SEEDS {
        let id = format!("seed{}", seed.status);
        let e = client.trash_process(&id).await.unwrap_err();
        let s = seed.status;
        assert_eq!(e.kind(), seed.kind, "{s}: {e}");
        assert_eq!(e.status_code(), Some(s));
        assert_eq!(e.status().map(|st| st.as_u16()), Some(s));
        assert_eq!(e.operation(), Some("trashProcess"));
        assert_eq!(e.code(), Some(seed.code), "{s}");
        assert_eq!(e.message(), Some(seed.message), "{s}");
        assert_eq!(e.request_id(), Some(format!("req-{s}").as_str()));
        assert_eq!(
            e.attempts(),
            1,
            "{s}: RetryPolicy::none() and a bearer token: one request"
        );
        assert_eq!(e.raw_body(), seed.body.as_bytes());
        assert!(!e.body_truncated());
        let typed = e
            .body()
            .unwrap_or_else(|| panic!("{s}: the body fits the Error schema"));
        assert_eq!(typed.code, seed.code);
        assert_eq!(typed.message.as_deref(), Some(seed.message));
        let text = e.to_string();
        assert!(text.starts_with("trashProcess: "), "{text}");
        assert!(text.contains(&format!("({s})")), "{text}");
        assert!(text.contains(seed.message), "{text}");
        assert!(text.contains(&format!("req-{s}")), "{text}");
        assert_eq!(e.is_transient(), matches!(s, 429 | 500 | 503), "{s}");
        if s == 400 {
            assert_eq!(e.target(), Some("assignee"));
            assert_eq!(
                e.documentation_url(),
                Some("http://developerdocs.example.com")
            );
            let meta = e.meta().expect("meta");
            assert_eq!(
                meta.get("argumentName"),
                Some(&serde_json::json!("assignee"))
            );
            assert_eq!(meta.get("jobId"), Some(&serde_json::json!("job1234")));
            assert_eq!(typed.target.as_deref(), Some("assignee"));
            assert_eq!(typed.meta.get("jobId"), Some(&serde_json::json!("job1234")));
            assert_eq!(
                typed.documentation_url.as_deref(),
                Some("http://developerdocs.example.com")
            );
        } else {
            assert_eq!(e.target(), None);
            assert_eq!(e.documentation_url(), None);
            assert_eq!(e.meta(), None);
        }
        if s == 429 {
            // No Retry-After header: the message's hint is the delay.
            assert_eq!(e.retry_after(), Some(Duration::from_secs(10)));
        } else {
            assert_eq!(e.retry_after(), None);
        }
        let json = serde_json::to_value(&e).unwrap();
        assert_eq!(json["status"], serde_json::json!(s));
        assert_eq!(json["kind"], serde_json::json!(seed.kind.as_str()));
        assert_eq!(json["code"], serde_json::json!(seed.code));
        assert_eq!(json["requestId"], serde_json::json!(format!("req-{s}")));
    }
    assert_eq!(server.received_requests().await.unwrap().len(), SEEDS.len());
}

#[tokio::test]
async fn an_html_502_is_kept_raw() {
    let server = MockServer::start().await;
    let html = "<html><body><h1>502 Bad Gateway</h1></body></html>";
    mount(
        &server,
        "DELETE",
        "/processes/p1",
        ResponseTemplate::new(502)
            .insert_header("x-request-id", "gw-1")
            .set_body_raw(html, "text/html"),
    )
    .await;
    let e = no_retry(&server).trash_process("p1").await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::ServerError, "{e}");
    assert_eq!(e.status_code(), Some(502));
    assert_eq!(e.code(), None);
    assert_eq!(e.message(), None);
    assert!(e.body().is_none());
    assert_eq!(e.body_text(), html);
    assert_eq!(e.headers().get("content-type").unwrap(), "text/html");
    assert_eq!(e.request_id(), Some("gw-1"));
    assert!(e.is_transient());
}

#[tokio::test]
async fn truncated_and_empty_json_bodies_are_kept_raw() {
    let server = MockServer::start().await;
    let truncated = r#"{"code":"404","message":"Could not fi"#;
    mount(
        &server,
        "DELETE",
        "/processes/truncated",
        ResponseTemplate::new(404)
            .insert_header("content-type", "application/json")
            .set_body_string(truncated),
    )
    .await;
    mount(
        &server,
        "DELETE",
        "/processes/empty",
        ResponseTemplate::new(404).insert_header("content-type", "application/json"),
    )
    .await;
    let client = no_retry(&server);

    let e = client.trash_process("truncated").await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::NotFound);
    assert_eq!(e.status_code(), Some(404));
    assert_eq!(e.code(), None);
    assert!(e.body().is_none());
    assert_eq!(e.body_text(), truncated);

    let e = client.trash_process("empty").await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::NotFound);
    assert_eq!(e.status_code(), Some(404));
    assert_eq!(e.code(), None);
    assert!(e.raw_body().is_empty());
    assert!(e.to_string().contains("not_found (404)"), "{e}");
}

#[tokio::test]
async fn a_numeric_code_is_given_as_text() {
    let server = MockServer::start().await;
    mount(
        &server,
        "DELETE",
        "/processes/p1",
        ResponseTemplate::new(404)
            .set_body_json(serde_json::json!({"code": 404, "message": "Not here"})),
    )
    .await;
    let e = no_retry(&server).trash_process("p1").await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::NotFound);
    assert_eq!(e.code(), Some("404"));
    assert_eq!(e.message(), Some("Not here"));
    assert_eq!(e.body().map(|b| b.code.as_str()), Some("404"));
    assert_eq!(e.body_text(), r#"{"code":404,"message":"Not here"}"#);
}

#[tokio::test]
async fn other_error_shapes_and_unknown_fields_are_visible() {
    let server = MockServer::start().await;
    let body = serde_json::json!({
        "code": "404NotFound",
        "message": "No such process",
        "details": [{"code": "missing", "message": "gone", "target": "processId"}],
        "documentationUrl": null,
        "version": "2026-01-01",
        "traceId": "abc",
    });
    mount(
        &server,
        "GET",
        "/processes/p1",
        ResponseTemplate::new(404).set_body_json(body),
    )
    .await;
    mount(
        &server,
        "GET",
        "/processes/p2",
        ResponseTemplate::new(400).set_body_json(serde_json::json!({"message": "no code at all"})),
    )
    .await;
    mount(
        &server,
        "GET",
        "/processes/p3",
        ResponseTemplate::new(418).set_body_string("teapot"),
    )
    .await;
    let client = no_retry(&server);

    let e = client.get_process("p1", None).await.unwrap_err();
    assert_eq!(e.code(), Some("404NotFound"));
    assert_eq!(e.details().map(Vec::len), Some(1));
    assert_eq!(e.field("traceId"), Some(&serde_json::json!("abc")));
    assert_eq!(e.field("version"), Some(&serde_json::json!("2026-01-01")));
    assert_eq!(e.documentation_url(), None);

    let e = client.get_process("p2", None).await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::BadRequest);
    assert_eq!(e.code(), None);
    assert_eq!(e.message(), Some("no code at all"));

    let e = client.get_process("p3", None).await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::UnexpectedStatus);
    assert_eq!(e.status_code(), Some(418));
    assert_eq!(e.body_text(), "teapot");
}

#[tokio::test]
async fn headers_request_id_and_retry_after_are_kept() {
    let server = MockServer::start().await;
    mount(
        &server,
        "DELETE",
        "/processes/p1",
        ResponseTemplate::new(503)
            .insert_header("retry-after", "7")
            .insert_header("x-request-id", "r-503")
            .insert_header("x-custom", "kept")
            .set_body_json(support::error_json("503", "Service Unavailable.")),
    )
    .await;
    let when = httpdate::fmt_http_date(std::time::SystemTime::now() + Duration::from_secs(120));
    mount(
        &server,
        "DELETE",
        "/processes/p2",
        ResponseTemplate::new(429)
            .insert_header("retry-after", when.as_str())
            .set_body_json(support::error_json(
                "429",
                "Slow down. Retry request in 10 seconds.",
            )),
    )
    .await;
    let client = no_retry(&server);

    let e = client.trash_process("p1").await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::ServiceUnavailable);
    assert_eq!(e.request_id(), Some("r-503"));
    assert_eq!(e.headers().get("x-custom").unwrap(), "kept");
    assert_eq!(e.headers().get("retry-after").unwrap(), "7");
    assert_eq!(e.retry_after(), Some(Duration::from_secs(7)));
    let json = serde_json::to_value(&e).unwrap();
    assert_eq!(json["retryAfterSeconds"], serde_json::json!(7.0));

    // An HTTP date wins over the message's hint.
    let e = client.trash_process("p2").await.unwrap_err();
    let wait = e.retry_after().expect("Retry-After as a date");
    assert!(
        wait > Duration::from_secs(60) && wait <= Duration::from_secs(120),
        "{wait:?}"
    );
}

#[tokio::test]
async fn a_large_error_body_is_capped() {
    let server = MockServer::start().await;
    let big = "e".repeat(MAX_ERROR_BODY * 3);
    mount(
        &server,
        "DELETE",
        "/processes/p1",
        ResponseTemplate::new(500).set_body_string(big),
    )
    .await;
    let e = no_retry(&server).trash_process("p1").await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::ServerError);
    assert!(e.body_truncated());
    assert_eq!(e.raw_body().len(), MAX_ERROR_BODY);
}

#[tokio::test]
async fn a_200_that_does_not_decode_is_invalid_body() {
    let server = MockServer::start().await;
    mount(
        &server,
        "GET",
        "/processes/p1",
        ResponseTemplate::new(200)
            .insert_header("content-type", "application/json")
            .insert_header("x-request-id", "ok-1")
            .set_body_string(r#"{"id": 42, "name": ["not", "a", "string"]}"#),
    )
    .await;
    mount(
        &server,
        "GET",
        "/processes/p2",
        ResponseTemplate::new(200).set_body_string("<html>hello</html>"),
    )
    .await;
    let client = no_retry(&server);

    let e = client.get_process("p1", None).await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidBody, "{e}");
    assert_eq!(e.status_code(), Some(200));
    assert_eq!(e.operation(), Some("getProcess"));
    assert_eq!(
        e.body_text(),
        r#"{"id": 42, "name": ["not", "a", "string"]}"#
    );
    assert_eq!(e.request_id(), Some("ok-1"));
    assert!(!e.is_transient());

    let e = client.get_process("p2", None).await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidBody, "{e}");
    assert_eq!(e.status_code(), Some(200));
    assert_eq!(e.body_text(), "<html>hello</html>");
    assert_eq!(
        received(&server, "GET", "/processes/p2").await.len(),
        1,
        "not retried"
    );
}

#[tokio::test]
async fn an_undocumented_success_status_is_invalid_body() {
    let server = MockServer::start().await;
    mount(
        &server,
        "DELETE",
        "/processes/p1",
        ResponseTemplate::new(202).set_body_string("queued"),
    )
    .await;
    let e = no_retry(&server).trash_process("p1").await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidBody, "{e}");
    assert_eq!(e.status_code(), Some(202));
    assert_eq!(e.body_text(), "queued");
}

#[tokio::test]
async fn a_success_body_over_10_mib_is_invalid_body() {
    let server = MockServer::start().await;
    // Valid JSON, just too long: {"name":"xxxx...."}
    let mut body = br#"{"name":""#.to_vec();
    body.resize(MAX_RESPONSE_BODY + 1024 * 1024, b'x');
    body.extend_from_slice(br#""}"#);
    mount(
        &server,
        "GET",
        "/processes/big",
        ResponseTemplate::new(200).set_body_raw(body, "application/json"),
    )
    .await;
    let e = no_retry(&server)
        .get_process("big", None)
        .await
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidBody, "{e}");
    assert_eq!(e.status_code(), Some(200));
    assert!(e.body_truncated());
    assert!(e.raw_body().len() <= MAX_ERROR_BODY);
}

#[tokio::test]
async fn an_endless_chunked_success_body_is_invalid_body() {
    // No Content-Length: the server streams until the client hangs up.
    let server = RawServer::start(|_| Reply::StreamChunked {
        status: 200,
        content_type: "application/json",
        total: None,
    })
    .await;
    let client = bearer_client(&server.uri(), RetryPolicy::none());
    let e = client.get_process("p1", None).await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidBody, "{e}");
    assert_eq!(e.status_code(), Some(200));
    let e = client
        .list_processes(None, None, None, None)
        .await
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidBody, "{e}");
}

#[tokio::test]
async fn an_endless_error_body_is_capped() {
    let server = RawServer::start(|_| Reply::StreamChunked {
        status: 500,
        content_type: "text/plain",
        total: None,
    })
    .await;
    let client = bearer_client(&server.uri(), RetryPolicy::none());
    let e = client.trash_process("p1").await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::ServerError, "{e}");
    assert!(e.body_truncated());
    assert_eq!(e.raw_body().len(), MAX_ERROR_BODY);
}

#[tokio::test]
async fn a_slow_server_times_out() {
    let server = MockServer::start().await;
    mount(
        &server,
        "GET",
        "/processes/p1",
        ResponseTemplate::new(200)
            .set_body_json(serde_json::json!({"id": "p1"}))
            .set_delay(Duration::from_secs(3)),
    )
    .await;
    let client = workiva_processes::Client::builder()
        .base_url(server.uri())
        .credentials(workiva_processes::Credentials::bearer_token(TOKEN))
        .retry_policy(RetryPolicy::none())
        .timeout(Duration::from_millis(200))
        .build()
        .unwrap();
    let e = client.get_process("p1", None).await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Timeout, "{e}");
    assert_eq!(e.status(), None);
    assert_eq!(e.attempts(), 1);
    assert!(e.is_transient());

    // GET timeouts are retried.
    let e = client
        .with_retry_policy(support::fast_retry())
        .get_process("p1", None)
        .await
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Timeout, "{e}");
    assert_eq!(e.attempts(), 4);
    assert_eq!(received(&server, "GET", "/processes/p1").await.len(), 5);
}

#[tokio::test]
async fn a_slow_token_endpoint_times_out() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/oauth2/token"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(support::token_body("tok", 599, "file:read file:write"))
                .set_delay(Duration::from_secs(3)),
        )
        .mount(&server)
        .await;
    let client = workiva_processes::Client::builder()
        .base_url(server.uri())
        .credentials(workiva_processes::Credentials::client_credentials(
            "id", "secret",
        ))
        .retry_policy(RetryPolicy::none())
        .timeout(Duration::from_millis(200))
        .build()
        .unwrap();
    let e = client.trash_process("p1").await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Timeout, "{e}");
    assert!(
        received(&server, "DELETE", "/processes/p1")
            .await
            .is_empty()
    );
}

#[tokio::test]
async fn a_refused_connection_is_transport() {
    let port = dead_port().await;
    let base = format!("http://127.0.0.1:{port}");
    let client = bearer_client(&base, RetryPolicy::none());
    let e = client.trash_process("p1").await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Transport, "{e}");
    assert_eq!(e.status(), None);
    assert_eq!(e.attempts(), 1);
    assert!(e.is_transient());
    assert!(std::error::Error::source(&e).is_some(), "the cause is kept");

    // The token endpoint unreachable is a transport error too.
    let client = support::client_with(
        &base,
        workiva_processes::Credentials::client_credentials("id", "secret"),
        RetryPolicy::none(),
    );
    let e = client.trash_process("p1").await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Transport, "{e}");
    assert_eq!(e.operation(), Some("trashProcess"));
}

#[tokio::test]
async fn a_dropped_connection_is_transport() {
    let server = RawServer::start(|_| Reply::Drop).await;
    let client = bearer_client(&server.uri(), RetryPolicy::none());
    let e = client.trash_process("p1").await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Transport, "{e}");
    assert_eq!(server.requests().len(), 1);
}

#[tokio::test]
async fn redirects_are_not_followed() {
    let elsewhere = MockServer::start().await;
    Mock::given(method("DELETE"))
        .respond_with(ResponseTemplate::new(204))
        .expect(0)
        .mount(&elsewhere)
        .await;
    let server = MockServer::start().await;
    mount(
        &server,
        "DELETE",
        "/processes/p1",
        ResponseTemplate::new(307).insert_header(
            "location",
            format!("{}/processes/p1", elsewhere.uri()).as_str(),
        ),
    )
    .await;
    let e = no_retry(&server).trash_process("p1").await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::UnexpectedStatus, "{e}");
    assert_eq!(e.status_code(), Some(307));
    assert!(e.headers().get("location").is_some());
    assert!(elsewhere.received_requests().await.unwrap().is_empty());
}

#[test]
fn errors_are_send_sync_and_std_errors() {
    fn assert_traits<T: std::error::Error + Send + Sync + 'static>() {}
    assert_traits::<Error>();
    assert_eq!(ErrorKind::NotFound.as_str(), "not_found");
    assert_eq!(
        ErrorKind::ServiceUnavailable.to_string(),
        "service_unavailable"
    );
    assert_eq!(
        ErrorKind::from_status(http::StatusCode::BAD_GATEWAY),
        ErrorKind::ServerError
    );
    assert_eq!(
        ErrorKind::from_status(http::StatusCode::SERVICE_UNAVAILABLE),
        ErrorKind::ServiceUnavailable
    );
    assert_eq!(
        ErrorKind::from_status(http::StatusCode::IM_A_TEAPOT),
        ErrorKind::UnexpectedStatus
    );
}
