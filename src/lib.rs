#![doc = include_str!("../README.md")]
//! Typed async client for Workiva's Processes API, generated from
//! `openapi/processes.yaml`.
#![warn(missing_docs)]

// The client progenitor generates from the spec, and the operation table and
// typed methods the codegen writes beside it. With the `codegen` feature they
// are generated into OUT_DIR by build.rs; without it the reviewed copy in
// generated/ is compiled. A test keeps the two identical.
#[cfg(feature = "codegen")]
macro_rules! generated_file {
    ($name:literal) => {
        include!(concat!(env!("OUT_DIR"), "/", $name));
    };
}
#[cfg(not(feature = "codegen"))]
macro_rules! generated_file {
    ($name:literal) => {
        include!(concat!(env!("CARGO_MANIFEST_DIR"), "/generated/", $name));
    };
}

// Generated types document what the spec documents; fields the spec leaves
// undescribed stay so rather than get invented prose.
#[allow(clippy::all, unused_imports, dead_code, missing_docs)]
mod raw {
    generated_file!("progenitor.rs");
}

#[allow(clippy::all, missing_docs)]
mod operations {
    generated_file!("operations.rs");
}

mod auth;
mod client;
mod error;
mod input;
mod operation;
mod paging;
pub mod retry;
mod transport;

pub use auth::Credentials;
pub use client::{Client, ClientBuilder, DEFAULT_TIMEOUT, Region};
pub use error::{Error, ErrorKind, MAX_ERROR_BODY, MissingScope};
pub use operation::Operation;
pub use operations::{API_TITLE, API_VERSION, OPERATIONS, SCOPES, SERVERS, TOKEN_PATH};
pub use paging::ListProcesses;
pub use raw::types;
pub use retry::RetryPolicy;
pub use transport::MAX_RESPONSE_BODY;

/// The generated files as the build produced them, for the drift test.
#[doc(hidden)]
pub mod __generated {
    #[cfg(feature = "codegen")]
    pub const FILES: &[(&str, &str)] = &[
        (
            "progenitor.rs",
            include_str!(concat!(env!("OUT_DIR"), "/progenitor.rs")),
        ),
        (
            "operations.rs",
            include_str!(concat!(env!("OUT_DIR"), "/operations.rs")),
        ),
    ];
    #[cfg(not(feature = "codegen"))]
    pub const FILES: &[(&str, &str)] = &[];
}
