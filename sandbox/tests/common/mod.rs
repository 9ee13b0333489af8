//! Helpers shared by the integration tests: a started sandbox, a plain HTTP
//! client, and a check of every response against the spec.
//!
//! Each response is checked twice, independently: against the JSON Schema of
//! `openapi/processes.yaml` (its status must be one the operation documents,
//! its body must match that status's schema), and by deserializing it into the
//! SDK's generated type for that operation and status.

#![allow(dead_code)]

use reqwest::header::HeaderMap;
use reqwest::{Method, RequestBuilder};
use serde_json::Value;
use workiva_processes::types;
use workiva_processes_sandbox::spec::Spec;
use workiva_processes_sandbox::{RunningSandbox, Sandbox, SandboxBuilder};

pub const VERSION: &str = workiva_processes::API_VERSION;

/// A started sandbox with a client and a token holding every scope.
pub struct Api {
    pub sandbox: RunningSandbox,
    pub http: reqwest::Client,
    pub token: String,
}

/// A checked response.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub headers: HeaderMap,
    /// The JSON body, `Null` when there was none.
    pub body: Value,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The body as one of the SDK's types.
    pub fn typed<T: serde::de::DeserializeOwned>(&self) -> T {
        serde_json::from_value(self.body.clone()).unwrap_or_else(|e| panic!("{e}: {}", self.body))
    }
}

impl Api {
    pub async fn start() -> Api {
        Api::with(Sandbox::builder()).await
    }

    pub async fn with(builder: SandboxBuilder) -> Api {
        let sandbox = builder.start().await.expect("sandbox starts");
        let http = http_client(reqwest::Client::builder());
        let token = fetch_token(&http, &sandbox.token_url()).await;
        Api {
            sandbox,
            http,
            token,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.sandbox.base_url())
    }

    /// A request with `X-Version` and the bearer token.
    pub fn req(&self, method: Method, path: &str) -> RequestBuilder {
        self.http
            .request(method, self.url(path))
            .header("X-Version", VERSION)
            .bearer_auth(&self.token)
    }

    /// Sends a request of `operation_id` and checks its response.
    pub async fn call(&self, operation_id: &str, request: RequestBuilder) -> Reply {
        send_checked(operation_id, request).await
    }

    pub async fn create(&self, body: Value) -> Reply {
        let reply = self
            .call(
                "createProcess",
                self.req(Method::POST, "/processes").json(&body),
            )
            .await;
        assert_eq!(reply.status, 201, "{}", reply.body);
        reply
    }

    pub async fn create_named(&self, name: &str) -> String {
        self.create(serde_json::json!({ "name": name })).await.body["id"]
            .as_str()
            .unwrap()
            .to_owned()
    }
}

/// Builds a client. The SDK turns on reqwest's `rustls-no-provider` feature,
/// and features are unified across the workspace, so reqwest here needs a
/// process-wide crypto provider too, even for plain HTTP.
pub fn http_client(builder: reqwest::ClientBuilder) -> reqwest::Client {
    // Err means another test installed it first.
    let _ = rustls::crypto::ring::default_provider().install_default();
    builder.build().expect("a client")
}

/// `POST /oauth2/token` with the demo credentials by HTTP Basic.
pub async fn fetch_token(http: &reqwest::Client, token_url: &str) -> String {
    let response = http
        .post(token_url)
        .basic_auth("demo", Some("demo"))
        .form(&[("grant_type", "client_credentials")])
        .send()
        .await
        .expect("token request");
    assert_eq!(response.status(), 200);
    let body: Value = response.json().await.unwrap();
    body["access_token"].as_str().unwrap().to_owned()
}

/// Sends a request and checks its response against the spec and the SDK's
/// types for `operation_id`.
pub async fn send_checked(operation_id: &str, request: RequestBuilder) -> Reply {
    let response = request.send().await.expect("request sent");
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let bytes = response.bytes().await.expect("body read");
    let body = if bytes.is_empty() {
        None
    } else {
        let content_type = headers
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default();
        assert!(
            content_type.starts_with("application/json"),
            "{operation_id} {status}: content-type {content_type}"
        );
        Some(serde_json::from_slice::<Value>(&bytes).expect("a JSON body"))
    };
    if let Err(errors) = Spec::get().validate_response(operation_id, status, body.as_ref()) {
        panic!("{operation_id} {status} does not match the spec: {errors:#?}\nbody: {body:?}");
    }
    check_type(operation_id, status, body.as_ref());
    Reply {
        status,
        headers,
        body: body.unwrap_or(Value::Null),
    }
}

/// Deserializes a body into the SDK's type for the operation and status.
fn check_type(operation_id: &str, status: u16, body: Option<&Value>) {
    fn de<T: serde::de::DeserializeOwned>(what: &str, body: Option<&Value>) {
        let body = body.unwrap_or_else(|| panic!("{what}: no body"));
        if let Err(e) = serde_json::from_value::<T>(body.clone()) {
            panic!("{what}: {e}\nbody: {body}");
        }
    }
    let what = format!("{operation_id} {status}");
    match (operation_id, status) {
        (_, 204) => assert!(body.is_none(), "{what} has a body"),
        ("listProcesses", 200) => de::<types::ProcessListResult>(&what, body),
        ("createProcess" | "getProcess" | "batchUpdateProcess", 200 | 201) => {
            de::<types::Process>(&what, body)
        }
        ("runProcess" | "getProcessRun", 200 | 201) => de::<types::ProcessRun>(&what, body),
        ("createJobRuns", 200 | 201) => de::<types::JobRunsCreated>(&what, body),
        (_, 400..) => de::<types::Error>(&what, body),
        _ => panic!("{what}: unexpected status"),
    }
}

/// Names of the processes in a list page.
pub fn names(page: &Value) -> Vec<String> {
    page["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap_or_default().to_owned())
        .collect()
}
