//! End-to-end: the built binary against wiremock on loopback, for the
//! statuses the sandbox does not produce on demand, a dead port and a slow
//! server. Each failure: its exit code, and the `--error-format json` line.

mod common;

use std::time::Duration;

use serde_json::{Value, json};
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, ResponseTemplate};

use common::{Cli, TestMock, dead_port, exit};

const PROCESS: &str = "/processes/p-1";

/// A response in the API's error shape, with a request id.
fn api_error(status: u16, code: &str, message: &str, request_id: &str) -> ResponseTemplate {
    ResponseTemplate::new(status)
        .insert_header("X-Request-Id", request_id)
        .set_body_json(json!({"code": code, "message": message}))
}

fn get_process(mock: &TestMock, response: ResponseTemplate) {
    mock.mount(
        Mock::given(method("GET"))
            .and(path(PROCESS))
            .respond_with(response),
    );
}

#[test]
fn bad_request_is_exit_1_with_every_field() {
    let mock = TestMock::start();
    let body = json!({
        "code": "InvalidParameter",
        "message": "processId is malformed",
        "target": "processId",
        "documentationUrl": "https://developers.workiva.com/errors#InvalidParameter",
        "meta": {"hint": "use an id from list"},
        "details": [{"code": "TooShort", "message": "at least 8 characters"}]
    });
    get_process(
        &mock,
        ResponseTemplate::new(400)
            .insert_header("X-Request-Id", "req-400-abc")
            .set_body_json(body.clone()),
    );
    let run = mock.cli().args(["get", "p-1"]).run();
    let e = run.error(exit::REJECTED, "bad_request");
    assert_eq!(e["status"], 400);
    assert_eq!(e["code"], "InvalidParameter");
    assert_eq!(e["message"], "processId is malformed");
    assert_eq!(e["target"], "processId");
    assert_eq!(
        e["documentationUrl"],
        "https://developers.workiva.com/errors#InvalidParameter"
    );
    assert_eq!(e["meta"], json!({"hint": "use an id from list"}));
    assert_eq!(
        e["details"],
        json!([{"code": "TooShort", "message": "at least 8 characters"}])
    );
    assert_eq!(e["requestId"], "req-400-abc");
    assert_eq!(e["retryAfterSeconds"], Value::Null);
    assert_eq!(e["attempts"], 1);
    let raw: Value = serde_json::from_str(e["body"].as_str().expect("body text")).expect("JSON");
    assert_eq!(raw, body, "body is the raw body");
    assert_eq!(run.stderr.lines().count(), 1, "one line: {}", run.stderr);

    // The request carried the token as is and the API version.
    let sent = mock.api_requests();
    assert_eq!(sent.len(), 1, "a 400 is not retried");
    let auth = sent[0].headers.get("authorization").expect("authorization");
    assert_eq!(auth, "Bearer e2e-bearer-token");
    assert!(sent[0].headers.get("x-version").is_some());

    // Text form: one line, exit code the same, nothing on stdout.
    let run = Cli::new()
        .base_url(&mock.url())
        .token("t")
        .args(["get", "p-1"])
        .run();
    run.expect_code(exit::REJECTED);
    assert_eq!(run.stdout, "");
    assert!(
        run.stderr
            .starts_with("error: getProcess: bad_request (400)"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("req-400-abc"), "{}", run.stderr);
}

#[test]
fn an_unexpected_status_is_exit_1() {
    let mock = TestMock::start();
    get_process(
        &mock,
        ResponseTemplate::new(418)
            .insert_header("X-Request-Id", "req-418")
            .set_body_string("I'm a teapot"),
    );
    let e = mock
        .cli()
        .args(["get", "p-1"])
        .run()
        .error(exit::REJECTED, "unexpected_status");
    assert_eq!(e["status"], 418);
    assert_eq!(e["code"], Value::Null);
    assert_eq!(e["message"], Value::Null);
    assert_eq!(e["requestId"], "req-418");
    assert_eq!(e["body"], "I'm a teapot");
    assert_eq!(e["attempts"], 1);
}

#[test]
fn unauthorized_with_a_bearer_token_is_exit_3() {
    let mock = TestMock::start();
    get_process(
        &mock,
        api_error(401, "Unauthorized", "Bad credentials", "req-401"),
    );
    let e = mock
        .cli()
        .args(["get", "p-1"])
        .run()
        .error(exit::AUTH, "unauthenticated");
    assert_eq!(e["status"], 401);
    assert_eq!(e["code"], "Unauthorized");
    assert_eq!(e["message"], "Bad credentials");
    assert_eq!(e["requestId"], "req-401");
    // A bearer token cannot be refreshed: one attempt, no token request.
    assert_eq!(e["attempts"], 1);
    let all = mock
        .all_requests()
        .into_iter()
        .map(|r| r.url.path().to_owned())
        .collect::<Vec<_>>();
    assert_eq!(all, [PROCESS]);
}

#[test]
fn forbidden_is_exit_3() {
    let mock = TestMock::start();
    get_process(
        &mock,
        api_error(403, "403", "Not allowed for this workspace", "req-403"),
    );
    let e = mock
        .cli()
        .args(["get", "p-1"])
        .run()
        .error(exit::AUTH, "forbidden");
    assert_eq!(e["status"], 403);
    assert_eq!(e["message"], "Not allowed for this workspace");
    assert_eq!(e["requestId"], "req-403");
}

#[test]
fn a_token_endpoint_refusal_is_exit_3_with_the_oauth_fields() {
    let mock = TestMock::start();
    mock.mount(
        Mock::given(method("POST"))
            .and(path("/oauth2/token"))
            .respond_with(
                ResponseTemplate::new(400)
                    .insert_header("X-Request-Id", "req-token-400")
                    .set_body_json(json!({
                        "error": "invalid_grant",
                        "error_description": "The client is disabled."
                    })),
            ),
    );
    let run = Cli::new()
        .base_url(&mock.url())
        .client_credentials("e2e-id", "e2e-secret-value-31")
        .args(["--error-format", "json", "list"])
        .run();
    let e = run.error(exit::AUTH, "unauthenticated");
    assert_eq!(e["status"], 400);
    assert_eq!(e["code"], "invalid_grant");
    assert_eq!(e["message"], "The client is disabled.");
    assert_eq!(e["requestId"], "req-token-400");
    assert!(
        e["body"]
            .as_str()
            .is_some_and(|b| b.contains("invalid_grant"))
    );
    assert!(!run.stderr.contains("e2e-secret-value-31"));
    assert!(mock.api_requests().is_empty(), "no API request");
}

#[test]
fn not_found_is_exit_4() {
    let mock = TestMock::start();
    get_process(
        &mock,
        api_error(404, "404", "Could not find process id p-1", "req-404"),
    );
    let e = mock
        .cli()
        .args(["get", "p-1"])
        .run()
        .error(exit::NOT_FOUND, "not_found");
    assert_eq!(e["status"], 404);
    assert_eq!(e["requestId"], "req-404");
}

#[test]
fn conflict_is_exit_5() {
    let mock = TestMock::start();
    mock.mount(
        Mock::given(method("POST"))
            .and(path("/processes/p-1/run"))
            .respond_with(api_error(
                409,
                "409",
                "Process p-1 is already running",
                "req-409",
            )),
    );
    let e = mock
        .cli()
        .args(["run", "p-1"])
        .run()
        .error(exit::CONFLICT, "conflict");
    assert_eq!(e["status"], 409);
    assert_eq!(e["code"], "409");
    assert_eq!(e["message"], "Process p-1 is already running");
    assert_eq!(e["requestId"], "req-409");
    assert_eq!(e["attempts"], 1);
}

#[test]
fn rate_limited_without_retries_is_exit_6() {
    let mock = TestMock::start();
    get_process(
        &mock,
        api_error(
            429,
            "429",
            "Rate limit exceeded. Retry request in 7 seconds.",
            "req-429",
        )
        .insert_header("Retry-After", "7"),
    );
    let e = mock
        .cli()
        .args(["get", "p-1"])
        .run()
        .error(exit::RATE_LIMITED, "rate_limited");
    assert_eq!(e["status"], 429);
    assert_eq!(e["retryAfterSeconds"], 7.0);
    assert_eq!(e["attempts"], 1);
    assert_eq!(e["requestId"], "req-429");
    assert_eq!(mock.api_requests().len(), 1, "--max-retries 0: one attempt");
}

#[test]
fn rate_limited_after_the_retries_counts_every_attempt() {
    for retries in [1u32, 3] {
        let mock = TestMock::start();
        get_process(
            &mock,
            api_error(429, "429", "Too many requests", "req-429-r")
                .insert_header("Retry-After", "0"),
        );
        let e = mock
            .cli_with_retries(retries)
            .args(["get", "p-1"])
            .run()
            .error(exit::RATE_LIMITED, "rate_limited");
        assert_eq!(e["attempts"], retries + 1, "--max-retries {retries}");
        assert_eq!(e["retryAfterSeconds"], 0.0);
        assert_eq!(mock.api_requests().len() as u32, retries + 1);
    }
}

#[test]
fn a_retried_429_then_success_is_exit_0() {
    let mock = TestMock::start();
    mock.mount(
        Mock::given(method("GET"))
            .and(path(PROCESS))
            .respond_with(api_error(429, "429", "slow down", "r").insert_header("Retry-After", "0"))
            .up_to_n_times(1)
            .with_priority(1),
    );
    get_process(
        &mock,
        ResponseTemplate::new(200).set_body_json(json!({"id": "p-1", "name": "Recovered"})),
    );
    let run = Cli::new()
        .base_url(&mock.url())
        .token("t")
        .args(["--max-retries", "1", "get", "p-1"])
        .run();
    let process = run.success();
    assert_eq!(process["name"], "Recovered");
    assert_eq!(mock.api_requests().len(), 2);
}

#[test]
fn server_errors_are_exit_7() {
    for (status, kind) in [
        (500, "server_error"),
        (502, "server_error"),
        (503, "service_unavailable"),
    ] {
        let mock = TestMock::start();
        get_process(
            &mock,
            api_error(status, &status.to_string(), "unknown error", "req-5xx"),
        );
        let e = mock
            .cli()
            .args(["get", "p-1"])
            .run()
            .error(exit::SERVER, kind);
        assert_eq!(e["status"], status);
        assert_eq!(e["message"], "unknown error");
        assert_eq!(e["requestId"], "req-5xx");
        assert_eq!(e["attempts"], 1);
    }
}

#[test]
fn a_server_error_after_the_retries_is_exit_7() {
    let mock = TestMock::start();
    get_process(
        &mock,
        ResponseTemplate::new(503).insert_header("Retry-After", "0"),
    );
    let e = mock
        .cli_with_retries(2)
        .args(["get", "p-1"])
        .run()
        .error(exit::SERVER, "service_unavailable");
    assert_eq!(e["attempts"], 3);
    assert_eq!(e["body"], "");
    assert_eq!(mock.api_requests().len(), 3);

    // A POST that may have been applied is not retried.
    let mock = TestMock::start();
    mock.mount(
        Mock::given(method("POST"))
            .and(path("/processes"))
            .respond_with(ResponseTemplate::new(500).insert_header("Retry-After", "0")),
    );
    let e = mock
        .cli_with_retries(2)
        .args(["create", "--file", "-"])
        .stdin(r#"{"name": "once"}"#)
        .run()
        .error(exit::SERVER, "server_error");
    assert_eq!(e["attempts"], 1);
}

#[test]
fn a_refused_connection_is_exit_8() {
    let url = format!("http://127.0.0.1:{}", dead_port());
    // With a bearer token the API request itself fails.
    let run = Cli::new()
        .base_url(&url)
        .token("t")
        .args(["--error-format", "json", "--max-retries", "0", "list"])
        .run();
    let e = run.error(exit::TRANSPORT, "transport");
    assert_eq!(e["status"], Value::Null);
    assert_eq!(e["attempts"], 1);
    assert_eq!(e["body"], "");
    assert!(e["message"].as_str().is_some_and(|m| !m.is_empty()), "{e}");

    // With client credentials the token request fails first.
    let run = Cli::new()
        .base_url(&url)
        .client_credentials("demo", "demo")
        .args(["--error-format", "json", "--max-retries", "0", "get", "p-1"])
        .run();
    run.error(exit::TRANSPORT, "transport");

    // Text form.
    let run = Cli::new()
        .base_url(&url)
        .token("t")
        .args(["--max-retries", "0", "list"])
        .run();
    run.expect_code(exit::TRANSPORT);
    assert!(run.stderr.contains("transport"), "{}", run.stderr);
}

#[test]
fn a_timeout_is_exit_8() {
    let mock = TestMock::start();
    get_process(
        &mock,
        ResponseTemplate::new(200)
            .set_body_json(json!({"id": "p-1"}))
            .set_delay(Duration::from_secs(30)),
    );
    let run = mock.cli().args(["--timeout", "0.2", "get", "p-1"]).run();
    let e = run.error(exit::TRANSPORT, "timeout");
    assert_eq!(e["status"], Value::Null);
    assert_eq!(e["attempts"], 1);
}

#[test]
fn a_body_that_does_not_decode_is_exit_9() {
    let mock = TestMock::start();
    get_process(
        &mock,
        ResponseTemplate::new(200)
            .insert_header("X-Request-Id", "req-200-bad")
            .insert_header("Content-Type", "application/json")
            .set_body_string("this is not JSON"),
    );
    let e = mock
        .cli()
        .args(["get", "p-1"])
        .run()
        .error(exit::INVALID_BODY, "invalid_body");
    assert_eq!(e["status"], 200);
    assert_eq!(e["requestId"], "req-200-bad");
    assert_eq!(e["attempts"], 1);

    // JSON, but not a page of processes.
    mock.mount(
        Mock::given(method("GET"))
            .and(path("/processes"))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({"data": "nope"}))),
    );
    mock.cli()
        .arg("list")
        .run()
        .error(exit::INVALID_BODY, "invalid_body");
}

#[test]
fn verbose_logs_never_show_the_token_or_the_secret() {
    const SECRET: &str = "e2e-secret-for-logs-Wm2p";
    const TOKEN: &str = "e2e-access-token-for-logs-Hx7r";
    let mock = TestMock::start();
    mock.mount(
        Mock::given(method("POST"))
            .and(path("/oauth2/token"))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({
                "access_token": TOKEN,
                "token_type": "Bearer",
                "expires_in": 600,
                "scope": "file:read file:write"
            }))),
    );
    mock.mount(
        Mock::given(method("GET"))
            .and(path("/processes"))
            .and(header("authorization", format!("Bearer {TOKEN}").as_str()))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({
                "data": [{"id": "p-1", "name": "Logged"}]
            }))),
    );
    get_process(
        &mock,
        api_error(500, "500", "unknown error", "req-500-logs"),
    );
    let run = Cli::new()
        .base_url(&mock.url())
        .client_credentials("e2e-logs-client", SECRET)
        .args(["-vvv", "list"])
        .run();
    let list = run.success();
    assert_eq!(
        list,
        json!([{"id": "p-1", "name": "Logged"}]),
        "stdout is the JSON alone"
    );
    assert!(run.stderr.contains("TRACE"), "{}", run.stderr);
    assert!(
        run.stderr.contains("fetched an access token"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains(SECRET), "the secret leaked");
    assert!(!run.stderr.contains(TOKEN), "the token leaked");

    // A failure after retries logs them, still without either.
    let run = Cli::new()
        .base_url(&mock.url())
        .client_credentials("e2e-logs-client", SECRET)
        .args([
            "-vvv",
            "--error-format",
            "json",
            "--max-retries",
            "1",
            "get",
            "p-1",
        ])
        .run();
    let e = run.error(exit::SERVER, "server_error");
    assert_eq!(e["requestId"], "req-500-logs");
    assert!(run.stderr.contains("retrying"), "{}", run.stderr);
    assert!(!run.stderr.contains(SECRET));
    assert!(!run.stderr.contains(TOKEN));

    // The same with the token given directly.
    let run = Cli::new()
        .base_url(&mock.url())
        .token(TOKEN)
        .args(["-vvv", "list"])
        .run();
    run.success();
    assert!(!run.stderr.contains(TOKEN));
}
