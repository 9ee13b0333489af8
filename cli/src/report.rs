//! How a failure is reported: the exit code and the stderr line(s).

use serde_json::{Value, json};
use workiva_processes::{Error, ErrorKind};

/// Exit codes of the CLI.
pub mod exit {
    pub const SUCCESS: u8 = 0;
    /// The API rejected the request (400 and any 4xx without its own code).
    pub const REJECTED: u8 = 1;
    /// Usage error or input refused locally; nothing was sent.
    pub const USAGE: u8 = 2;
    /// Unauthenticated, forbidden or missing scope (401, 403, token refusal).
    pub const AUTH: u8 = 3;
    pub const NOT_FOUND: u8 = 4;
    pub const CONFLICT: u8 = 5;
    /// Still rate limited after the retries.
    pub const RATE_LIMITED: u8 = 6;
    /// 5xx after the retries.
    pub const SERVER: u8 = 7;
    pub const TRANSPORT: u8 = 8;
    /// A 2xx response whose body could not be understood.
    pub const INVALID_BODY: u8 = 9;
}

/// `--error-format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ErrorFormat {
    Text,
    Json,
}

pub fn exit_code(kind: ErrorKind) -> u8 {
    match kind {
        ErrorKind::InvalidInput => exit::USAGE,
        ErrorKind::Unauthenticated | ErrorKind::Forbidden | ErrorKind::MissingScope => exit::AUTH,
        ErrorKind::NotFound => exit::NOT_FOUND,
        ErrorKind::Conflict => exit::CONFLICT,
        ErrorKind::RateLimited => exit::RATE_LIMITED,
        ErrorKind::ServerError | ErrorKind::ServiceUnavailable => exit::SERVER,
        ErrorKind::Transport | ErrorKind::Timeout => exit::TRANSPORT,
        ErrorKind::InvalidBody => exit::INVALID_BODY,
        _ => exit::REJECTED,
    }
}

/// The JSON object of `--error-format json`.
pub fn error_json(e: &Error) -> Value {
    json!({
        "status": e.status_code(),
        "kind": e.kind().as_str(),
        "code": e.code(),
        "message": e.message().map(str::to_string).or_else(|| (e.status().is_none()).then(|| e.to_string())),
        "target": e.target(),
        "documentationUrl": e.documentation_url(),
        "meta": e.meta(),
        "details": e.details(),
        "requestId": e.request_id(),
        "retryAfterSeconds": e.retry_after().map(|d| d.as_secs_f64()),
        "attempts": e.attempts(),
        "body": e.body_text(),
    })
}

/// A problem found before anything was sent (bad file, bad argument).
pub fn local_error_json(message: &str) -> Value {
    json!({
        "status": null,
        "kind": ErrorKind::InvalidInput.as_str(),
        "code": null,
        "message": message,
        "target": null,
        "documentationUrl": null,
        "meta": null,
        "details": null,
        "requestId": null,
        "retryAfterSeconds": null,
        "attempts": 0,
        "body": "",
    })
}

/// Reports an SDK error and returns its exit code.
pub fn report(e: &Error, format: ErrorFormat) -> u8 {
    match format {
        ErrorFormat::Text => eprintln!("error: {e}"),
        ErrorFormat::Json => eprintln!("{}", error_json(e)),
    }
    exit_code(e.kind())
}

/// Reports a local problem and returns the usage exit code.
pub fn report_local(message: &str, format: ErrorFormat) -> u8 {
    match format {
        ErrorFormat::Text => eprintln!("error: {message}"),
        ErrorFormat::Json => eprintln!("{}", local_error_json(message)),
    }
    exit::USAGE
}
