//! The HTTP surface: one route per operation of the spec (paths and methods
//! come from the SDK's generated `OPERATIONS` table), the token endpoint, and
//! the gate every API request passes before its handler.
//!
//! The gate runs in this order: count the request, inject faults, check
//! `X-Version`, the bearer token and its scopes, then the parameters and body
//! against the spec. Only then does the handler touch state, so a request
//! turned away for any reason has changed nothing.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, MutexGuard};

use axum::body::Body;
use axum::extract::{FromRequestParts, RawPathParams, Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{MethodFilter, MethodRouter, on, post};
use axum::{Extension, Json, Router};
use chrono::Utc;
use serde_json::Value;
use workiva_processes::types::{
    BatchUpdate, JobRunCreateList, JobRunsCreated, Process, RunProcessOptions,
};
use workiva_processes::{API_VERSION, OPERATIONS, Operation};

use crate::auth::{self, Principal, Tokens};
use crate::counters::Registry;
use crate::error::ApiError;
use crate::faults::{Fault, FaultInjector};
use crate::paging;
use crate::server::ConnectionControl;
use crate::spec::{Spec, ValidRequest};
use crate::state::{self, Placement, Store};

/// Largest request body accepted: Workiva caps payloads at 10 MiB.
const MAX_BODY: usize = 10 * 1024 * 1024;

/// Everything the handlers share.
#[derive(Debug)]
pub(crate) struct Shared {
    pub(crate) store: Mutex<Store>,
    pub(crate) tokens: Tokens,
    pub(crate) faults: FaultInjector,
    pub(crate) counters: Registry,
    pub(crate) spec: &'static Spec,
    /// `http://host:port`, for `@nextLink` and `Location`.
    pub(crate) base_url: String,
}

impl Shared {
    pub(crate) fn store(&self) -> MutexGuard<'_, Store> {
        // A handler that panicked mid-update leaves at worst one odd process;
        // the sandbox keeps serving rather than failing every later test.
        self.store.lock().unwrap_or_else(|e| e.into_inner())
    }
}

pub(crate) type AppState = Arc<Shared>;

/// What the gate learned about a request, for its handler.
#[derive(Debug, Clone)]
struct Admitted {
    principal: Principal,
    request: ValidRequest,
}

/// The whole application.
///
/// # Errors
/// When an operation of the spec has no handler here (the spec grew an
/// operation this crate does not know yet).
pub(crate) fn router(app: AppState) -> Result<Router, String> {
    let mut by_path: BTreeMap<&'static str, MethodRouter<AppState>> = BTreeMap::new();
    for op in &OPERATIONS {
        let route = handler_for(op).ok_or_else(|| {
            format!(
                "operation {} has no handler in the sandbox",
                op.operation_id
            )
        })?;
        let merged = by_path.remove(op.path).unwrap_or_default().merge(route);
        by_path.insert(op.path, merged);
    }
    let mut router = Router::new();
    for (path, route) in by_path {
        router = router.route(path, route);
    }
    Ok(router
        .route_layer(middleware::from_fn_with_state(app.clone(), gate))
        .route(auth::token_path(), post(auth::token_endpoint))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(middleware::from_fn_with_state(app.clone(), count))
        .with_state(app))
}

fn handler_for(op: &Operation) -> Option<MethodRouter<AppState>> {
    let filter = MethodFilter::try_from(Method::from_bytes(op.method.as_bytes()).ok()?).ok()?;
    Some(match op.operation_id {
        "listProcesses" => on(filter, list_processes),
        "createProcess" => on(filter, create_process),
        "getProcess" => on(filter, get_process),
        "trashProcess" => on(filter, trash_process),
        "batchUpdateProcess" => on(filter, batch_update_process),
        "runProcess" => on(filter, run_process),
        "getProcessRun" => on(filter, get_process_run),
        "createJobRuns" => on(filter, create_job_runs),
        _ => return None,
    })
}

/// Counts every request and every response status.
async fn count(State(app): State<AppState>, req: Request, next: Next) -> Response {
    app.counters.total_requests.inc();
    let response = next.run(req).await;
    app.counters.response(response.status().as_u16());
    response
}

/// The operation a routed request is for, by matched path and method.
fn operation_of(req: &Request) -> Option<&'static Operation> {
    let matched = req
        .extensions()
        .get::<axum::extract::MatchedPath>()?
        .as_str();
    // axum answers HEAD with its GET route, so HEAD goes through the GET gate.
    let method = if req.method() == Method::HEAD {
        "GET"
    } else {
        req.method().as_str()
    };
    OPERATIONS
        .iter()
        .find(|o| o.path == matched && o.method == method)
}

async fn gate(State(app): State<AppState>, req: Request, next: Next) -> Response {
    let Some(op) = operation_of(&req) else {
        return next.run(req).await;
    };
    detached(async move {
        app.counters.operation_request(op.operation_id);
        let decision = app.faults.decide(op.operation_id, false);
        let (parts, body) = req.into_parts();
        // The whole request arrives before the server works on it, so a
        // client hanging up during added latency cannot cut its body short.
        let body = read_body(&parts.headers, body, MAX_BODY).await;
        if let Some(delay) = decision.delay {
            tokio::time::sleep(delay).await;
        }
        if let Some(fault) = decision.fault {
            return apply_fault(&app, fault, parts.extensions.get::<ConnectionControl>());
        }
        let admitted = match body {
            Ok(bytes) => admit(&app, op, parts, &bytes).await,
            Err(e) => Err(e),
        };
        let response = match admitted {
            Ok(req) => next.run(req).await,
            Err(e) => e.into_response(),
        };
        if response.status().is_success() {
            app.counters.operation_success(op.operation_id);
        }
        Some(response)
    })
    .await
}

/// Runs a request's work in a task of its own and answers with its result;
/// `None` drops the connection instead.
///
/// A real server finishes what it started when the client hangs up, and so
/// does the sandbox: a test whose client timed out (say during added latency)
/// can count on the operation having been applied, instead of on whether
/// hyper noticed the closed connection in time to cancel it.
pub(crate) async fn detached<F>(work: F) -> Response
where
    F: Future<Output = Option<Response>> + Send + 'static,
{
    match tokio::spawn(work).await {
        Ok(Some(response)) => response,
        // The connection task drops this future along with the connection,
        // so nothing is ever written.
        Ok(None) => std::future::pending().await,
        // A handler panicked: answer as the seed's 500 example does.
        Err(_) => ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "unknown error").into_response(),
    }
}

/// Reads a whole request body, refusing more than `limit` bytes with 413.
pub(crate) async fn read_body(
    headers: &axum::http::HeaderMap,
    body: Body,
    limit: usize,
) -> Result<axum::body::Bytes, ApiError> {
    let too_large = || {
        ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!("The request body is larger than {limit} bytes."),
        )
    };
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok()?.parse::<usize>().ok());
    if declared.is_some_and(|n| n > limit) {
        return Err(too_large());
    }
    axum::body::to_bytes(body, limit).await.map_err(|e| {
        let over_limit = std::error::Error::source(&e)
            .is_some_and(|s| s.is::<http_body_util::LengthLimitError>());
        if over_limit {
            too_large()
        } else {
            ApiError::bad_request(format!("The request body could not be read: {e}"))
        }
    })
}

/// The response to a fault, or `None` to drop the connection.
pub(crate) fn apply_fault(
    app: &AppState,
    fault: Fault,
    control: Option<&ConnectionControl>,
) -> Option<Response> {
    Some(match fault {
        Fault::Drop => {
            app.counters.dropped_connections.inc();
            match control {
                Some(control) => {
                    control.drop_connection();
                    return None;
                }
                // Served by a stack without connection control: the closest
                // thing is an empty response that closes the connection.
                None => (
                    StatusCode::SERVICE_UNAVAILABLE,
                    [(header::CONNECTION, "close")],
                )
                    .into_response(),
            }
        }
        Fault::RateLimited {
            message,
            retry_after,
        } => {
            app.counters.rate_limited.inc();
            ApiError::too_many_requests(message, retry_after).into_response()
        }
        Fault::TooManyRequests {
            message,
            retry_after,
        } => {
            app.counters.injected_429.inc();
            ApiError::too_many_requests(message, retry_after).into_response()
        }
        Fault::Unavailable => {
            app.counters.injected_503.inc();
            ApiError::service_unavailable().into_response()
        }
    })
}

/// Version, credentials, scopes, then parameters and body against the spec.
async fn admit(
    app: &AppState,
    op: &'static Operation,
    mut parts: axum::http::request::Parts,
    body: &[u8],
) -> Result<Request, ApiError> {
    match parts.headers.get("x-version") {
        Some(v) if v == API_VERSION => {}
        Some(v) => {
            return Err(ApiError::invalid(
                "X-Version",
                format!(
                    "Unsupported X-Version {:?}; this API is version {API_VERSION}.",
                    String::from_utf8_lossy(v.as_bytes())
                ),
            ));
        }
        None => {
            return Err(ApiError::invalid(
                "X-Version",
                format!("Missing X-Version header; this API is version {API_VERSION}."),
            ));
        }
    }
    let principal = app.tokens.authorize(&parts.headers, op.scopes)?;
    let path_params = RawPathParams::from_request_parts(&mut parts, &())
        .await
        .map_err(|e| ApiError::bad_request(format!("Invalid path: {e}")))?;
    let path: Vec<(String, String)> = path_params
        .iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
    let spec = app
        .spec
        .operation(op.operation_id)
        .ok_or_else(|| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "unknown error"))?;
    let request = spec.validate_request(&path, parts.uri.query(), &parts.headers, body)?;
    parts.extensions.insert(Admitted { principal, request });
    Ok(Request::from_parts(parts, Body::empty()))
}

async fn not_found(req: Request) -> ApiError {
    ApiError::not_found(format!(
        "No route for {} {}",
        req.method(),
        req.uri().path()
    ))
}

/// 405 with `Allow` naming the methods the spec documents for the path.
async fn method_not_allowed(req: Request) -> Response {
    let path = req.uri().path();
    let mut allowed: Vec<&str> = OPERATIONS
        .iter()
        .filter(|o| template_matches(o.path, path))
        .map(|o| o.method)
        .collect();
    if allowed.contains(&"GET") {
        allowed.push("HEAD");
    }
    let allow =
        HeaderValue::from_str(&allowed.join(", ")).unwrap_or_else(|_| HeaderValue::from_static(""));
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        format!("Method {} is not allowed on {path}.", req.method()),
    )
    .header(header::ALLOW, allow)
    .into_response()
}

/// Whether a concrete path fits a template such as `/processes/{processId}`.
fn template_matches(template: &str, path: &str) -> bool {
    let t: Vec<&str> = template.split('/').collect();
    let p: Vec<&str> = path.split('/').collect();
    t.len() == p.len()
        && t.iter()
            .zip(&p)
            .all(|(t, p)| (t.starts_with('{') && !p.is_empty()) || t == p)
}

/// Deserializes a validated body into one of the SDK's types. The body
/// already matches the spec's schema; this only fails where the generated
/// type is stricter than the schema.
fn typed<T: serde::de::DeserializeOwned>(body: Value) -> Result<T, ApiError> {
    serde_json::from_value(body)
        .map_err(|e| ApiError::invalid("body", format!("Invalid request body: {e}.")))
}

fn created(location: String, body: impl serde::Serialize) -> Response {
    let mut response = (StatusCode::CREATED, Json(body)).into_response();
    if let Ok(v) = HeaderValue::from_str(&location) {
        response.headers_mut().insert(header::LOCATION, v);
    }
    response
}

fn path_of(operation_id: &str, id: &str) -> String {
    let op = Operation::find(operation_id)
        .map(|o| o.path)
        .unwrap_or_default();
    let mut path = op.to_owned();
    if let (Some(start), Some(end)) = (path.find('{'), path.find('}')) {
        path.replace_range(
            start..=end,
            &percent_encoding::utf8_percent_encode(id, percent_encoding::NON_ALPHANUMERIC)
                .to_string(),
        );
    }
    path
}

async fn list_processes(
    State(app): State<AppState>,
    Extension(a): Extension<Admitted>,
) -> Result<Response, ApiError> {
    let list_url = format!(
        "{}{}",
        app.base_url,
        Operation::find("listProcesses")
            .map(|o| o.path)
            .unwrap_or_default()
    );
    let page = paging::list(app.store().live(), &a.request, &list_url)?;
    Ok(Json(page).into_response())
}

async fn create_process(
    State(app): State<AppState>,
    Extension(a): Extension<Admitted>,
) -> Result<Response, ApiError> {
    let mut body = a.request.body.unwrap_or(Value::Null);
    // The server owns these: a client's values are ignored, not rejected,
    // so that a process read back can be sent again as a template.
    if let Some(obj) = body.as_object_mut() {
        for key in ["id", "created", "modified", "revision", "run"] {
            obj.remove(key);
        }
    }
    let process: Process = typed(body)?;
    let process = app
        .store()
        .create(process, &a.principal.client_id, Utc::now());
    app.counters.processes_created.inc();
    let location = path_of("getProcess", process.id.as_deref().unwrap_or_default());
    Ok(created(location, process))
}

async fn get_process(
    State(app): State<AppState>,
    Extension(a): Extension<Admitted>,
) -> Result<Response, ApiError> {
    let id = a.request.path("processId");
    let mut process = app
        .store()
        .get(id)
        .map(|e| e.process.clone())
        .ok_or_else(|| state::not_found_process(id))?;
    if a.request.query_bool("excludeGeneratedJobs") == Some(true) {
        if let Some(root) = &mut process.root {
            state::exclude_generated_jobs(root);
        }
    }
    Ok(Json(process).into_response())
}

async fn trash_process(
    State(app): State<AppState>,
    Extension(a): Extension<Admitted>,
) -> Result<Response, ApiError> {
    let id = a.request.path("processId");
    if !app.store().trash(id) {
        return Err(state::not_found_process(id));
    }
    app.counters.processes_trashed.inc();
    Ok(StatusCode::NO_CONTENT.into_response())
}

async fn batch_update_process(
    State(app): State<AppState>,
    Extension(a): Extension<Admitted>,
) -> Result<Response, ApiError> {
    let id = a.request.path("processId");
    let update: BatchUpdate = typed(a.request.body.clone().unwrap_or(Value::Null))?;
    let process = app
        .store()
        .batch_update(id, &update, &a.principal.client_id, Utc::now())?;
    app.counters.batch_updates.inc();
    Ok(Json(process).into_response())
}

async fn run_process(
    State(app): State<AppState>,
    Extension(a): Extension<Admitted>,
) -> Result<Response, ApiError> {
    let id = a.request.path("processId");
    // The options change nothing the sandbox shows (it sends no email), but
    // they are still checked.
    let _options: RunProcessOptions = match a.request.body.clone() {
        Some(body) => typed(body)?,
        None => RunProcessOptions::default(),
    };
    let run = app.store().run(id, &a.principal.client_id, Utc::now())?;
    app.counters.runs_started.inc();
    let location = path_of("getProcessRun", run.id.as_deref().unwrap_or_default());
    Ok(created(location, run))
}

async fn get_process_run(
    State(app): State<AppState>,
    Extension(a): Extension<Admitted>,
) -> Result<Response, ApiError> {
    let id = a.request.path("processRunId");
    let mut run = app
        .store()
        .get_run(id)
        .ok_or_else(|| ApiError::not_found(format!("Could not find process run id {id}")))?;
    if a.request.query_bool("excludeGeneratedJobs") == Some(true) {
        state::exclude_generated_job_runs(&mut run);
    }
    Ok(Json(run).into_response())
}

async fn create_job_runs(
    State(app): State<AppState>,
    Extension(a): Extension<Admitted>,
) -> Result<Response, ApiError> {
    let id = a.request.path("processRunId");
    let jobs: JobRunCreateList = typed(a.request.body.clone().unwrap_or(Value::Null))?;
    let placement = Placement {
        parent_group_id: a.request.query_str("parentGroupId"),
        relative_sibling_id: a.request.query_str("relativeSiblingId"),
        // Documented as a string that "defaults to true".
        before: a.request.query_str("before") != Some("false"),
    };
    let added =
        app.store()
            .create_job_runs(id, &jobs, &placement, &a.principal.client_id, Utc::now())?;
    app.counters.job_runs_created.add(added.len() as u64);
    let body = JobRunsCreated(serde_json::Map::from_iter([
        ("processRunId".to_owned(), Value::String(id.to_owned())),
        ("data".to_owned(), Value::Array(added)),
    ]));
    Ok((StatusCode::CREATED, Json(body)).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_operation_has_a_handler() {
        for op in &OPERATIONS {
            assert!(handler_for(op).is_some(), "{}", op.operation_id);
        }
    }

    #[test]
    fn templates_match_concrete_paths() {
        assert!(template_matches("/processes/{processId}", "/processes/abc"));
        assert!(!template_matches("/processes/{processId}", "/processes/"));
        assert!(!template_matches(
            "/processes/{processId}",
            "/processes/a/run"
        ));
        assert!(template_matches("/processes", "/processes"));
    }

    #[test]
    fn locations_fill_the_template() {
        assert_eq!(path_of("getProcess", "ab/c"), "/processes/ab%2Fc");
    }
}
