//! Starting, serving and stopping the sandbox.
//!
//! The accept loop is hyper's own rather than `axum::serve`, because a
//! dropped-connection fault must close the TCP connection of the request it
//! picks: each connection gets a [`ConnectionControl`] in its requests'
//! extensions, and the task serving the connection drops it (closing the
//! socket without a response) when the control is triggered.

use std::net::{Ipv4Addr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use chrono::Utc;
use hyper::body::Incoming;
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;
use tokio::sync::{Notify, watch};
use tokio::task::{JoinHandle, JoinSet};
use tower::ServiceExt as _;
use workiva_processes::types::Process;

use crate::auth::{
    AuthConfig, DEFAULT_SCOPES, DEFAULT_TOKEN_LIFETIME, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, Tokens,
};
use crate::counters::{Counters, Registry};
use crate::faults::{FaultConfig, FaultInjector};
use crate::routes::{self, AppState, Shared};
use crate::spec::Spec;
use crate::state::Store;

/// How long [`RunningSandbox::shutdown`] lets open connections finish.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(5);

/// Entry point: `Sandbox::builder()`.
#[derive(Debug, Clone, Copy)]
pub struct Sandbox;

impl Sandbox {
    /// A builder with the defaults: `127.0.0.1`, a free port, credentials
    /// `demo`/`demo`, scopes `file:read file:write`, tokens living 599 s,
    /// seed 0, no demo data, no faults.
    pub fn builder() -> SandboxBuilder {
        SandboxBuilder::default()
    }
}

/// Options of a sandbox; [`start`](SandboxBuilder::start) runs it.
#[derive(Debug, Clone)]
pub struct SandboxBuilder {
    addr: SocketAddr,
    client_id: String,
    client_secret: String,
    scopes: Vec<String>,
    token_lifetime: Duration,
    seed: u64,
    demo_data: bool,
    faults: FaultConfig,
}

impl Default for SandboxBuilder {
    fn default() -> Self {
        Self {
            addr: SocketAddr::from((Ipv4Addr::LOCALHOST, 0)),
            client_id: DEMO_CLIENT_ID.to_owned(),
            client_secret: DEMO_CLIENT_SECRET.to_owned(),
            scopes: DEFAULT_SCOPES.iter().map(|s| (*s).to_owned()).collect(),
            token_lifetime: DEFAULT_TOKEN_LIFETIME,
            seed: 0,
            demo_data: false,
            faults: FaultConfig::default(),
        }
    }
}

impl SandboxBuilder {
    /// Address to listen on; port 0 picks a free port.
    pub fn addr(mut self, addr: SocketAddr) -> Self {
        self.addr = addr;
        self
    }

    /// The one client the token endpoint accepts.
    pub fn client_credentials(
        mut self,
        client_id: impl Into<String>,
        client_secret: impl Into<String>,
    ) -> Self {
        self.client_id = client_id.into();
        self.client_secret = client_secret.into();
        self
    }

    /// Scopes a token gets: all of these, or those of them the token request
    /// asks for.
    pub fn granted_scopes<I, S>(mut self, scopes: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.scopes = scopes.into_iter().map(Into::into).collect();
        self
    }

    /// How long a token lives (`expires_in` says it in whole seconds).
    pub fn token_lifetime(mut self, lifetime: Duration) -> Self {
        self.token_lifetime = lifetime;
        self
    }

    /// Seed of every random choice: ids, tokens and faults.
    pub fn seed(mut self, seed: u64) -> Self {
        self.seed = seed;
        self
    }

    /// Start with a few demo processes with realistic names; the first,
    /// "FY2025 10-K Close", has a started run.
    pub fn seed_demo_data(mut self, yes: bool) -> Self {
        self.demo_data = yes;
        self
    }

    /// Faults to inject from the start; see also
    /// [`RunningSandbox::set_faults`].
    pub fn faults(mut self, faults: FaultConfig) -> Self {
        self.faults = faults;
        self
    }

    /// Binds the address and serves in a background task.
    ///
    /// # Errors
    /// When the address cannot be bound, or the compiled-in spec does not
    /// load (which the crate's tests rule out).
    pub async fn start(self) -> Result<RunningSandbox, StartError> {
        let spec = Spec::load().map_err(StartError::Spec)?;
        let listener = TcpListener::bind(self.addr)
            .await
            .map_err(StartError::Bind)?;
        let addr = listener.local_addr().map_err(StartError::Bind)?;
        let base_url = format!("http://{addr}");
        // Independent streams per concern, so that e.g. creating processes
        // does not shift which requests get faults.
        let mut store = Store::new(self.seed ^ 0x5eed_0001);
        if self.demo_data {
            store.seed_demo_data(Utc::now());
        }
        let auth = AuthConfig {
            client_id: self.client_id,
            client_secret: self.client_secret,
            scopes: self.scopes,
            lifetime: self.token_lifetime,
        };
        let app: AppState = Arc::new(Shared {
            store: Mutex::new(store),
            tokens: Tokens::new(auth, self.seed ^ 0x5eed_0002),
            faults: FaultInjector::new(self.faults, self.seed),
            counters: Registry::default(),
            spec,
            base_url: base_url.clone(),
        });
        let router = routes::router(app.clone()).map_err(StartError::Spec)?;
        let (shutdown, signal) = watch::channel(false);
        let task = tokio::spawn(serve(listener, router, signal));
        Ok(RunningSandbox {
            addr,
            base_url,
            seed: self.seed,
            app,
            shutdown,
            task: Some(task),
        })
    }
}

/// Why a sandbox did not start.
#[derive(Debug)]
#[non_exhaustive]
pub enum StartError {
    /// The address could not be bound.
    Bind(std::io::Error),
    /// The compiled-in spec did not load, or has an operation the sandbox
    /// cannot serve.
    Spec(String),
}

impl std::fmt::Display for StartError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StartError::Bind(e) => write!(f, "cannot bind the sandbox's address: {e}"),
            StartError::Spec(e) => {
                write!(f, "the sandbox cannot serve openapi/processes.yaml: {e}")
            }
        }
    }
}

impl std::error::Error for StartError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            StartError::Bind(e) => Some(e),
            StartError::Spec(_) => None,
        }
    }
}

/// A sandbox serving in the background. Dropping it stops the server
/// without waiting; [`shutdown`](RunningSandbox::shutdown) waits.
#[derive(Debug)]
pub struct RunningSandbox {
    addr: SocketAddr,
    base_url: String,
    seed: u64,
    app: AppState,
    shutdown: watch::Sender<bool>,
    task: Option<JoinHandle<()>>,
}

impl RunningSandbox {
    /// Base URL of the API, e.g. `http://127.0.0.1:41234`; pass it to the
    /// SDK's client as its base URL.
    pub fn base_url(&self) -> String {
        self.base_url.clone()
    }

    /// URL of the token endpoint.
    pub fn token_url(&self) -> String {
        format!("{}{}", self.base_url, crate::auth::token_path())
    }

    /// The bound address.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The seed of the sandbox's random choices.
    pub fn seed(&self) -> u64 {
        self.seed
    }

    /// The counters as they are now.
    pub fn counters(&self) -> Counters {
        self.app.counters.snapshot()
    }

    /// Sets every counter back to zero.
    pub fn reset_counters(&self) {
        self.app.counters.reset();
    }

    /// The faults in force.
    pub fn faults(&self) -> FaultConfig {
        self.app.faults.config()
    }

    /// Changes the faults while the sandbox runs; rate limit windows start
    /// afresh.
    pub fn set_faults(&self, faults: FaultConfig) {
        self.app.faults.set_config(faults);
    }

    /// Stops injecting faults.
    pub fn clear_faults(&self) {
        self.set_faults(FaultConfig::default());
    }

    /// Issues a token without a token request (not counted), with these
    /// scopes, for tests that are not about authentication.
    pub fn issue_token(&self, scopes: &[&str]) -> String {
        let config = self.app.tokens.config();
        let scopes = scopes.iter().map(|s| (*s).to_owned()).collect();
        self.app
            .tokens
            .issue(&config.client_id, scopes, config.lifetime)
    }

    /// Invalidates every issued token, as a server restart or a key rotation
    /// would: the next API call with one gets 401.
    pub fn revoke_tokens(&self) {
        self.app.tokens.revoke_all();
    }

    /// The processes not in the trash, in creation order.
    pub fn processes(&self) -> Vec<Process> {
        let store = self.app.store();
        let mut entries: Vec<_> = store.live().collect();
        entries.sort_by_key(|e| e.seq);
        entries.into_iter().map(|e| e.process.clone()).collect()
    }

    /// Ids of the processes in the trash, in creation order.
    pub fn trashed_process_ids(&self) -> Vec<String> {
        self.app.store().trashed_ids()
    }

    /// Stores a process as `createProcess` would (the server sets its id and
    /// stamps), without a request; returns it as stored.
    pub fn insert_process(&self, process: Process) -> Process {
        self.app.store().create(process, "sandbox", Utc::now())
    }

    /// Takes a process out of the trash; false when it is not there.
    pub fn restore_process(&self, process_id: &str) -> bool {
        self.app.store().restore(process_id)
    }

    /// Marks a running process run complete, so that its process can run
    /// again; false when there is no such running run.
    pub fn complete_run(&self, process_run_id: &str) -> bool {
        self.app.store().complete_run(process_run_id, Utc::now())
    }

    /// Stops accepting connections, lets open ones finish (up to 5 s) and
    /// waits for the server task.
    pub async fn shutdown(mut self) {
        let _ = self.shutdown.send(true);
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }
}

impl Drop for RunningSandbox {
    fn drop(&mut self) {
        let _ = self.shutdown.send(true);
    }
}

/// Lets a request's handler close the connection it came on.
#[derive(Debug, Clone, Default)]
pub(crate) struct ConnectionControl(Arc<Notify>);

impl ConnectionControl {
    /// Closes the connection without a response, as soon as the task serving
    /// it wakes up.
    pub(crate) fn drop_connection(&self) {
        // notify_one keeps a permit if the task is not waiting yet.
        self.0.notify_one();
    }
}

async fn serve(listener: TcpListener, router: Router, mut signal: watch::Receiver<bool>) {
    let mut connections = JoinSet::new();
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                let Ok((stream, _)) = accepted else {
                    // Out of file descriptors and the like: back off briefly
                    // instead of spinning.
                    tokio::time::sleep(Duration::from_millis(10)).await;
                    continue;
                };
                connections.spawn(serve_connection(stream, router.clone(), signal.clone()));
            }
            _ = signal.changed() => break,
            Some(_) = connections.join_next(), if !connections.is_empty() => {}
        }
    }
    drop(listener);
    let drained = tokio::time::timeout(SHUTDOWN_GRACE, async {
        while connections.join_next().await.is_some() {}
    })
    .await;
    if drained.is_err() {
        connections.abort_all();
    }
}

async fn serve_connection(
    stream: tokio::net::TcpStream,
    router: Router,
    mut signal: watch::Receiver<bool>,
) {
    let _ = stream.set_nodelay(true);
    let control = ConnectionControl::default();
    let per_request = control.clone();
    let service = hyper::service::service_fn(move |mut req: hyper::Request<Incoming>| {
        req.extensions_mut().insert(per_request.clone());
        router.clone().oneshot(req)
    });
    let connection =
        hyper::server::conn::http1::Builder::new().serve_connection(TokioIo::new(stream), service);
    tokio::pin!(connection);
    tokio::select! {
        _ = connection.as_mut() => {}
        // Returning drops the connection future and with it the socket.
        _ = control.0.notified() => {}
        _ = signal.changed() => {
            connection.as_mut().graceful_shutdown();
            let _ = connection.await;
        }
    }
}
