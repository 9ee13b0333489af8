//! The hooks progenitor's raw client calls for every request: credentials on
//! the way out, the response's status and headers recorded, and the body
//! capped on the way in.

use std::cell::RefCell;

use bytes::{Bytes, BytesMut};
use http::{HeaderMap, HeaderValue, StatusCode};
use progenitor_client::{ClientHooks, ClientInfo, OperationInfo};

use crate::auth::Token;

/// Successful bodies are capped at Workiva's payload limit, so a huge or
/// endless body ends in an error instead of exhausting memory.
pub const MAX_RESPONSE_BODY: usize = 10 * 1024 * 1024;

/// Inner value of progenitor's raw client. The client is built once per
/// [`Client`](crate::Client) and shared; what differs per attempt (the token,
/// the response's status and headers) lives in a task-local scope instead,
/// so an attempt allocates nothing of its own.
#[derive(Clone, Debug, Default)]
pub struct CallContext;

/// State of one attempt.
pub(crate) struct AttemptState {
    bearer: Option<HeaderValue>,
    response: RefCell<Option<(StatusCode, HeaderMap)>>,
}

tokio::task_local! {
    static ATTEMPT: AttemptState;
}

impl AttemptState {
    pub(crate) fn new(token: Option<&Token>) -> Self {
        AttemptState {
            bearer: token.map(Token::header),
            response: RefCell::new(None),
        }
    }

    /// Runs one attempt with this state in scope.
    pub(crate) async fn scope<F: std::future::Future>(self, attempt: F) -> F::Output {
        ATTEMPT.scope(self, attempt).await
    }
}

/// Status and headers of the 2xx response the current attempt received, if
/// its body was to be decoded.
pub(crate) fn recorded_response() -> Option<(StatusCode, HeaderMap)> {
    ATTEMPT
        .try_with(|s| s.response.borrow().clone())
        .ok()
        .flatten()
}

impl ClientHooks<CallContext> for crate::raw::Client {
    async fn exec(
        &self,
        mut request: reqwest::Request,
        _info: &OperationInfo,
    ) -> reqwest::Result<reqwest::Response> {
        if let Ok(Some(bearer)) = ATTEMPT.try_with(|s| s.bearer.clone()) {
            request
                .headers_mut()
                .insert(http::header::AUTHORIZATION, bearer);
        }
        let response = self.client().execute(request).await?;
        let status = response.status();
        let length = response.content_length();
        // Only a 2xx body is decoded by the generated code, which then loses
        // status and headers on failure: keep them for that case alone.
        if status.is_success() && length != Some(0) {
            let headers = response.headers().clone();
            let _ = ATTEMPT.try_with(|s| *s.response.borrow_mut() = Some((status, headers)));
        }
        // A declared length within the cap is enforced by the HTTP stack
        // itself; only longer or undeclared bodies need the counting wrapper.
        match length {
            Some(n) if n <= MAX_RESPONSE_BODY as u64 => Ok(response),
            _ => Ok(limit_body(response, MAX_RESPONSE_BODY)),
        }
    }
}

fn limit_body(response: reqwest::Response, limit: usize) -> reqwest::Response {
    let (parts, body) = http::Response::<reqwest::Body>::from(response).into_parts();
    let limited = reqwest::Body::wrap(http_body_util::Limited::new(body, limit));
    reqwest::Response::from(http::Response::from_parts(parts, limited))
}

/// Reads at most `limit` bytes of a body; the flag says whether more followed.
pub(crate) async fn read_capped(
    mut response: reqwest::Response,
    limit: usize,
) -> (Bytes, bool, Option<reqwest::Error>) {
    let mut buf = BytesMut::new();
    loop {
        match response.chunk().await {
            Ok(Some(chunk)) => {
                let room = limit - buf.len();
                if chunk.len() > room {
                    buf.extend_from_slice(&chunk[..room]);
                    return (buf.freeze(), true, None);
                }
                buf.extend_from_slice(&chunk);
            }
            Ok(None) => return (buf.freeze(), false, None),
            Err(e) => return (buf.freeze(), false, Some(e)),
        }
    }
}

/// Whether an error chain contains the body cap being hit.
pub(crate) fn is_length_limit(err: &(dyn std::error::Error + 'static)) -> bool {
    let mut cur = Some(err);
    while let Some(e) = cur {
        if e.is::<http_body_util::LengthLimitError>() {
            return true;
        }
        cur = e.source();
    }
    false
}
