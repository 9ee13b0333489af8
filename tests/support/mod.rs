//! Shared helpers of the `runtime_*` integration tests: wiremock set-ups for
//! the token endpoint, client builders with tiny retry delays, and a raw TCP
//! HTTP/1.1 server on 127.0.0.1 for what wiremock cannot do (recording the
//! request line byte for byte, dropping connections, streaming endless
//! bodies). Nothing here reaches beyond loopback.

#![allow(dead_code)]

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};
use workiva_processes::{Client, Credentials, RetryPolicy};

pub const CLIENT_ID: &str = "test-client-id";
pub const CLIENT_SECRET: &str = "test-client-secret";
pub const TOKEN: &str = "test-access-token";

/// The default policy with millisecond delays: 3 retries, 4 attempts.
pub fn fast_retry() -> RetryPolicy {
    RetryPolicy::default().with_backoff(Duration::from_millis(1), Duration::from_millis(5))
}

/// A token endpoint body.
pub fn token_body(token: &str, expires_in: u64, scope: &str) -> serde_json::Value {
    serde_json::json!({
        "access_token": token,
        "expires_in": expires_in,
        "scope": scope,
        "token_type": "Bearer",
    })
}

/// Mounts `POST /oauth2/token` answering `token` (both scopes, 10 minutes).
pub async fn mount_token(server: &MockServer, token: &str) {
    Mock::given(method("POST"))
        .and(path("/oauth2/token"))
        .respond_with(ResponseTemplate::new(200).set_body_json(token_body(
            token,
            599,
            "file:read file:write",
        )))
        .mount(server)
        .await;
}

/// A client of `server` with client credentials and [`fast_retry`].
pub fn client(server: &MockServer) -> Client {
    client_with(
        &server.uri(),
        Credentials::client_credentials(CLIENT_ID, CLIENT_SECRET),
        fast_retry(),
    )
}

/// A client of `server` with a fixed bearer token (no token endpoint, no
/// refresh after a 401).
pub fn bearer_client(base: &str, policy: RetryPolicy) -> Client {
    client_with(base, Credentials::bearer_token(TOKEN), policy)
}

pub fn client_with(base: &str, credentials: Credentials, policy: RetryPolicy) -> Client {
    Client::builder()
        .base_url(base)
        .credentials(credentials)
        .retry_policy(policy)
        .timeout(Duration::from_secs(10))
        .build()
        .expect("client builds")
}

/// Requests `server` received with this method and path.
pub async fn received(server: &MockServer, m: &str, p: &str) -> Vec<wiremock::Request> {
    server
        .received_requests()
        .await
        .unwrap_or_default()
        .into_iter()
        .filter(|r| r.method.as_str() == m && r.url.path() == p)
        .collect()
}

/// A port on 127.0.0.1 where nothing listens (bound, then released).
pub async fn dead_port() -> u16 {
    let l = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = l.local_addr().unwrap().port();
    drop(l);
    port
}

/// A standard Error body.
pub fn error_json(code: &str, message: &str) -> serde_json::Value {
    serde_json::json!({ "code": code, "message": message })
}

// ---------------------------------------------------------------------------
// Raw TCP server
// ---------------------------------------------------------------------------

/// One request as it arrived, byte for byte.
#[derive(Debug, Clone)]
pub struct RawRequest {
    /// The request line without CRLF, e.g. `DELETE /processes/a%2Fb HTTP/1.1`.
    pub line: String,
    pub method: String,
    /// The request target exactly as sent.
    pub target: String,
    /// Header lines as `(lower-case name, value)`.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl RawRequest {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == &name.to_ascii_lowercase())
            .map(|(_, v)| v.as_str())
    }
    /// The target's path (before any `?`).
    pub fn path(&self) -> &str {
        self.target.split('?').next().unwrap_or("")
    }
}

/// What the raw server does with a request.
pub enum Reply {
    /// Writes these bytes (a whole response) and closes the connection.
    Raw(Vec<u8>),
    /// Closes the connection without answering.
    Drop,
    /// Sends this head (status line and headers, chunked) then 64 KiB chunks
    /// of `x` until `total` bytes are sent or the client hangs up.
    StreamChunked {
        status: u16,
        content_type: &'static str,
        total: Option<usize>,
    },
}

type Handler = dyn Fn(&RawRequest) -> Reply + Send + Sync;

/// A raw HTTP/1.1 server on 127.0.0.1; every response closes its connection.
pub struct RawServer {
    pub addr: SocketAddr,
    requests: Arc<Mutex<Vec<RawRequest>>>,
    connections: Arc<Mutex<usize>>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for RawServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl RawServer {
    pub async fn start<F>(handler: F) -> RawServer
    where
        F: Fn(&RawRequest) -> Reply + Send + Sync + 'static,
    {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let requests = Arc::new(Mutex::new(Vec::new()));
        let connections = Arc::new(Mutex::new(0usize));
        let handler: Arc<Handler> = Arc::new(handler);
        let (reqs, conns) = (requests.clone(), connections.clone());
        let task = tokio::spawn(async move {
            loop {
                let Ok((stream, _)) = listener.accept().await else {
                    return;
                };
                *conns.lock().unwrap() += 1;
                let (reqs, handler) = (reqs.clone(), handler.clone());
                tokio::spawn(async move {
                    let _ = serve(stream, reqs, handler).await;
                });
            }
        });
        RawServer {
            addr,
            requests,
            connections,
            task,
        }
    }

    /// `http://127.0.0.1:PORT`.
    pub fn uri(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn requests(&self) -> Vec<RawRequest> {
        self.requests.lock().unwrap().clone()
    }

    /// Requests other than the token endpoint's.
    pub fn api_requests(&self) -> Vec<RawRequest> {
        self.requests()
            .into_iter()
            .filter(|r| r.path() != "/oauth2/token")
            .collect()
    }

    pub fn connections(&self) -> usize {
        *self.connections.lock().unwrap()
    }
}

async fn serve(
    mut stream: TcpStream,
    reqs: Arc<Mutex<Vec<RawRequest>>>,
    handler: Arc<Handler>,
) -> std::io::Result<()> {
    let Some(request) = read_request(&mut stream).await? else {
        return Ok(());
    };
    reqs.lock().unwrap().push(request.clone());
    match handler(&request) {
        Reply::Raw(bytes) => {
            stream.write_all(&bytes).await?;
            stream.flush().await?;
            let _ = stream.shutdown().await;
        }
        Reply::Drop => {
            drop(stream);
        }
        Reply::StreamChunked {
            status,
            content_type,
            total,
        } => {
            let head = format!(
                "HTTP/1.1 {status} {}\r\nContent-Type: {content_type}\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n",
                reason(status)
            );
            stream.write_all(head.as_bytes()).await?;
            let chunk = vec![b'x'; 64 * 1024];
            let mut sent = 0usize;
            loop {
                if total.is_some_and(|t| sent >= t) {
                    break;
                }
                stream
                    .write_all(format!("{:x}\r\n", chunk.len()).as_bytes())
                    .await?;
                stream.write_all(&chunk).await?;
                stream.write_all(b"\r\n").await?;
                sent += chunk.len();
            }
            stream.write_all(b"0\r\n\r\n").await?;
            let _ = stream.shutdown().await;
        }
    }
    Ok(())
}

async fn read_request(stream: &mut TcpStream) -> std::io::Result<Option<RawRequest>> {
    let mut buf = Vec::new();
    let mut tmp = vec![0u8; 64 * 1024];
    let head_end = loop {
        if let Some(i) = find(&buf, b"\r\n\r\n") {
            break i;
        }
        let n = stream.read(&mut tmp).await?;
        if n == 0 {
            return Ok(None);
        }
        buf.extend_from_slice(&tmp[..n]);
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).into_owned();
    let mut lines = head.split("\r\n");
    let line = lines.next().unwrap_or("").to_string();
    let mut parts = line.splitn(3, ' ');
    let method = parts.next().unwrap_or("").to_string();
    let target = parts.next().unwrap_or("").to_string();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let length = headers
        .iter()
        .find(|(n, _)| n == "content-length")
        .and_then(|(_, v)| v.parse::<usize>().ok())
        .unwrap_or(0);
    let mut body = buf[head_end + 4..].to_vec();
    while body.len() < length {
        let n = stream.read(&mut tmp).await?;
        if n == 0 {
            break;
        }
        body.extend_from_slice(&tmp[..n]);
    }
    Ok(Some(RawRequest {
        line,
        method,
        target,
        headers,
        body,
    }))
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        201 => "Created",
        204 => "No Content",
        400 => "Bad Request",
        401 => "Unauthorized",
        404 => "Not Found",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "Status",
    }
}

/// A whole HTTP/1.1 response with `Connection: close`.
pub fn http_response(status: u16, content_type: &str, body: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "HTTP/1.1 {status} {}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        reason(status),
        body.len()
    )
    .into_bytes();
    out.extend_from_slice(body);
    out
}

/// A 204 with no body.
pub fn no_content() -> Vec<u8> {
    b"HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n".to_vec()
}

/// The token endpoint's answer, for raw servers.
pub fn token_reply(token: &str) -> Reply {
    let body = token_body(token, 599, "file:read file:write").to_string();
    Reply::Raw(http_response(200, "application/json", body.as_bytes()))
}
