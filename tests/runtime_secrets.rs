//! Secrets stay secret: with a TRACE-level subscriber capturing every log
//! line (the SDK's, and reqwest's and hyper's through the log bridge), a flow
//! with a distinctive client secret and tokens (success, 401 and refresh,
//! errors of every kind) leaves neither the secret nor a token in the logs,
//! nor in `Debug`/`Display` of the client, its builder, the credentials and
//! every error produced.

mod support;

use std::io::Write;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use base64::Engine as _;
use futures::StreamExt;
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};
use workiva_processes::{Client, Credentials, Error, ErrorKind, ListProcesses, RetryPolicy};

const ID: &str = "client-id-visible";
const SECRET: &str = "S3CRET-client-secret-9f8e7d6c";
const TOKEN_1: &str = "TOKEN-ONE-a1b2c3d4e5f6";
const TOKEN_2: &str = "TOKEN-TWO-f6e5d4c3b2a1";
const BEARER: &str = "TOKEN-BEARER-0a9b8c7d";

/// Every string that must never show up.
fn secrets() -> Vec<String> {
    let basic = base64::engine::general_purpose::STANDARD.encode(format!("{ID}:{SECRET}"));
    vec![
        SECRET.into(),
        TOKEN_1.into(),
        TOKEN_2.into(),
        BEARER.into(),
        basic,
    ]
}

fn assert_clean(what: &str, text: &str) {
    for s in secrets() {
        assert!(!text.contains(&s), "{what} leaks {s}:\n{text}");
    }
}

#[derive(Clone, Default)]
struct Buffer(Arc<Mutex<Vec<u8>>>);

impl Write for Buffer {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Installs (once per test binary) a TRACE subscriber writing into a buffer.
fn logs() -> &'static Buffer {
    static LOGS: OnceLock<Buffer> = OnceLock::new();
    LOGS.get_or_init(|| {
        let buffer = Buffer::default();
        let writer = buffer.clone();
        tracing_subscriber::fmt()
            .with_env_filter(tracing_subscriber::EnvFilter::new("trace"))
            .with_ansi(false)
            .with_writer(move || writer.clone())
            .try_init()
            .expect("the subscriber installs");
        buffer
    })
}

fn captured() -> String {
    String::from_utf8_lossy(&logs().0.lock().unwrap()).into_owned()
}

fn assert_error_clean(e: &Error) {
    assert_clean("Display", &e.to_string());
    assert_clean("Debug", &format!("{e:?}"));
    assert_clean("Debug (pretty)", &format!("{e:#?}"));
    assert_clean("JSON", &serde_json::to_string(e).unwrap());
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        assert_clean("source", &format!("{s} {s:?}"));
        source = s.source();
    }
}

fn token(t: &str, scope: &str) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(support::token_body(t, 599, scope))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_secret_reaches_logs_or_formatting() {
    logs();
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/oauth2/token"))
        .respond_with(token(TOKEN_1, "file:read file:write"))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/oauth2/token"))
        .respond_with(token(TOKEN_2, "file:read file:write"))
        .mount(&server)
        .await;
    // Success with the first token.
    Mock::given(method("GET"))
        .and(path("/processes/p1"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("x-request-id", "req-ok")
                .set_body_json(serde_json::json!({"id": "p1"})),
        )
        .mount(&server)
        .await;
    // The first token is revoked for DELETE: 401, refresh, success.
    Mock::given(method("DELETE"))
        .and(path("/processes/p1"))
        .and(header(
            "authorization",
            format!("Bearer {TOKEN_1}").as_str(),
        ))
        .respond_with(
            ResponseTemplate::new(401)
                .set_body_json(support::error_json("Unauthorized", "Bad credentials")),
        )
        .mount(&server)
        .await;
    Mock::given(method("DELETE"))
        .and(path("/processes/p1"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    // Errors, one of them retried.
    Mock::given(method("GET"))
        .and(path("/processes/missing"))
        .respond_with(
            ResponseTemplate::new(404)
                .insert_header("x-request-id", "req-404")
                .set_body_json(support::error_json(
                    "404",
                    "Could not find process id missing",
                )),
        )
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/processes/busy"))
        .respond_with(
            ResponseTemplate::new(503)
                .set_body_json(support::error_json("503", "Service Unavailable.")),
        )
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/processes/garbled"))
        .respond_with(ResponseTemplate::new(200).set_body_string("{not json"))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/processes/slow"))
        .respond_with(ResponseTemplate::new(200).set_delay(Duration::from_secs(10)))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/processes"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "data": [{"id": "a"}],
            "@nextLink": "https://evil.example/processes?$next=x"
        })))
        .mount(&server)
        .await;

    let credentials = Credentials::client_credentials(ID, SECRET);
    let builder = Client::builder()
        .base_url(server.uri())
        .credentials(credentials.clone())
        .retry_policy(support::fast_retry())
        .timeout(Duration::from_secs(1));
    assert_clean("ClientBuilder Debug", &format!("{builder:?} {builder:#?}"));
    let client = builder.build().unwrap();
    assert_clean("Client Debug", &format!("{client:?} {client:#?}"));
    assert_clean(
        "Credentials Debug",
        &format!("{credentials:?} {credentials:#?}"),
    );
    assert!(
        format!("{credentials:?}").contains(ID),
        "the client id is not a secret"
    );
    let bearer = Credentials::bearer_token(BEARER);
    assert_clean("Credentials Debug", &format!("{bearer:?} {bearer:#?}"));

    let mut errors: Vec<Error> = Vec::new();
    client.get_process("p1", None).await.unwrap();
    client.trash_process("p1").await.unwrap();
    assert_eq!(client.token_requests(), 2, "the 401 refreshed the token");
    errors.push(client.get_process("missing", None).await.unwrap_err());
    errors.push(client.get_process("busy", None).await.unwrap_err());
    errors.push(client.get_process("garbled", None).await.unwrap_err());
    errors.push(client.get_process("slow", None).await.unwrap_err());
    errors.push(client.get_process("..", None).await.unwrap_err());
    let items: Vec<_> = client
        .list_processes_stream(ListProcesses::default())
        .collect()
        .await;
    errors.extend(items.into_iter().filter_map(Result::err));

    // A 401 that stays a 401.
    let refused = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/oauth2/token"))
        .respond_with(token(TOKEN_1, "file:read"))
        .mount(&refused)
        .await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(401)
                .set_body_json(support::error_json("Unauthorized", "Bad credentials")),
        )
        .mount(&refused)
        .await;
    let other = support::client_with(&refused.uri(), credentials.clone(), RetryPolicy::none());
    errors.push(other.get_process("p1", None).await.unwrap_err());
    // Missing scope.
    errors.push(other.trash_process("p1").await.unwrap_err());

    // The token endpoint refusing the credentials.
    let denied = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/oauth2/token"))
        .respond_with(ResponseTemplate::new(401).set_body_json(serde_json::json!({
            "error": "invalid_client", "error_description": "Client authentication failed"
        })))
        .mount(&denied)
        .await;
    let denied_client =
        support::client_with(&denied.uri(), credentials.clone(), RetryPolicy::none());
    errors.push(denied_client.trash_process("p1").await.unwrap_err());

    // Nothing listening; and a bearer token rejected.
    let dead = format!("http://127.0.0.1:{}", support::dead_port().await);
    errors.push(
        support::client_with(&dead, credentials.clone(), RetryPolicy::none())
            .trash_process("p1")
            .await
            .unwrap_err(),
    );
    errors.push(
        support::client_with(&dead, bearer.clone(), RetryPolicy::none())
            .trash_process("p1")
            .await
            .unwrap_err(),
    );
    errors.push(
        support::client_with(&refused.uri(), bearer.clone(), RetryPolicy::none())
            .get_process("p1", None)
            .await
            .unwrap_err(),
    );
    // A base URL refused by the builder.
    errors.push(
        Client::builder()
            .base_url("http://example.com")
            .credentials(credentials.clone())
            .build()
            .unwrap_err(),
    );

    let kinds: Vec<ErrorKind> = errors.iter().map(Error::kind).collect();
    for k in [
        ErrorKind::NotFound,
        ErrorKind::ServiceUnavailable,
        ErrorKind::InvalidBody,
        ErrorKind::Timeout,
        ErrorKind::InvalidInput,
        ErrorKind::Unauthenticated,
        ErrorKind::MissingScope,
        ErrorKind::Transport,
    ] {
        assert!(
            kinds.contains(&k),
            "the flow produced no {k} error: {kinds:?}"
        );
    }
    for e in &errors {
        assert_error_clean(e);
    }

    // What the requests carried really was the secret material.
    let requests = server.received_requests().await.unwrap();
    assert!(
        requests
            .iter()
            .any(|r| r.headers.get("authorization").unwrap() == &format!("Bearer {TOKEN_2}"))
    );

    let logs = captured();
    assert!(
        logs.contains("workiva_processes"),
        "the subscriber captured the SDK's logs:\n{logs}"
    );
    assert!(logs.contains("trashProcess"), "spans name the operation");
    assert!(
        logs.contains("refreshing the token"),
        "the 401 refresh is logged"
    );
    assert!(logs.contains("retrying"), "the retries are logged");
    assert_clean("the TRACE logs", &logs);
}

#[tokio::test]
async fn bearer_token_flows_do_not_log_the_token() {
    logs();
    let server = MockServer::start().await;
    Mock::given(method("DELETE"))
        .respond_with(
            ResponseTemplate::new(409).set_body_json(support::error_json("409", "Conflict")),
        )
        .mount(&server)
        .await;
    let client = support::client_with(
        &server.uri(),
        Credentials::bearer_token(BEARER),
        support::fast_retry(),
    );
    assert_clean("Client Debug", &format!("{client:?}"));
    let e = client.trash_process("p1").await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Conflict);
    assert_error_clean(&e);
    let r = &server.received_requests().await.unwrap()[0];
    assert_eq!(
        r.headers.get("authorization").unwrap(),
        &format!("Bearer {BEARER}")
    );
    assert_clean("the TRACE logs", &captured());
}
