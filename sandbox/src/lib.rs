//! A stateful in-memory fake of Workiva's Processes API, for tests.
//!
//! Like stripe-mock for Stripe: start it in a test, point the SDK's client (or
//! any HTTP client) at [`RunningSandbox::base_url`], and it answers every
//! operation of `openapi/processes.yaml` with state (processes created can be
//! read, listed, renamed, run and trashed), OAuth2 client credentials, and
//! faults on demand (rate limits, random 429s and 503s, latency, dropped
//! connections). Counters tell what the server did, so a reliability test can
//! compare them with what its client saw.
//!
//! ```no_run
//! use workiva_processes_sandbox::{FaultConfig, Sandbox};
//!
//! # async fn example() -> Result<(), Box<dyn std::error::Error>> {
//! let sandbox = Sandbox::builder()
//!     .seed(42)
//!     .seed_demo_data(true)
//!     .faults(FaultConfig::new().random_503(0.1))
//!     .start()
//!     .await?;
//! let base_url = sandbox.base_url(); // http://127.0.0.1:PORT
//! // ... run the client against base_url with client id and secret demo/demo ...
//! assert_eq!(sandbox.counters().processes_trashed, 0);
//! sandbox.shutdown().await;
//! # Ok(())
//! # }
//! ```
//!
//! The binary `workiva-processes-sandbox --addr 127.0.0.1:8080` serves the
//! same with demo data and prints its base URL; `sandbox/schemathesis.sh`
//! runs schemathesis with `openapi/processes.yaml` against it.
//!
//! What the spec states (paths, methods, version, scopes, parameter and body
//! schemas) comes from the SDK crate's generated table and from the spec
//! itself, compiled in (see [`spec`]), so it is not typed twice here.

#![warn(missing_docs)]

mod auth;
mod counters;
mod error;
mod faults;
mod paging;
mod routes;
mod server;
pub mod spec;
mod state;

pub use auth::{DEFAULT_SCOPES, DEFAULT_TOKEN_LIFETIME, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET};
pub use counters::Counters;
pub use faults::{FaultConfig, Latency, RateLimit};
pub use server::{RunningSandbox, Sandbox, SandboxBuilder, StartError};
