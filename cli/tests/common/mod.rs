//! Shared by the end-to-end tests: the built binary run as a process, a
//! sandbox or a wiremock server on loopback, and checks of the JSON the CLI
//! writes.

#![allow(dead_code)]

use std::collections::BTreeSet;
use std::process::Output;
use std::time::Duration;

use serde_json::Value;
use tokio::runtime::Runtime;
use wiremock::MockServer;
use workiva_processes_sandbox::{RunningSandbox, Sandbox, SandboxBuilder};

pub const BIN: &str = env!("CARGO_BIN_EXE_workiva-processes");

/// Exit codes of the contract.
pub mod exit {
    pub const SUCCESS: i32 = 0;
    pub const REJECTED: i32 = 1;
    pub const USAGE: i32 = 2;
    pub const AUTH: i32 = 3;
    pub const NOT_FOUND: i32 = 4;
    pub const CONFLICT: i32 = 5;
    pub const RATE_LIMITED: i32 = 6;
    pub const SERVER: i32 = 7;
    pub const TRANSPORT: i32 = 8;
    pub const INVALID_BODY: i32 = 9;
}

/// The keys of the `--error-format json` object, exactly.
pub const ERROR_KEYS: [&str; 12] = [
    "status",
    "kind",
    "code",
    "message",
    "target",
    "documentationUrl",
    "meta",
    "details",
    "requestId",
    "retryAfterSeconds",
    "attempts",
    "body",
];

/// A small runtime for the servers of one test; the CLI runs as a process
/// from the test's own thread.
fn runtime() -> Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .expect("a tokio runtime")
}

/// A sandbox on 127.0.0.1, port 0, with the runtime serving it. The
/// sandbox is dropped (stopped) before its runtime.
pub struct TestSandbox {
    pub sandbox: RunningSandbox,
    rt: Runtime,
}

impl TestSandbox {
    /// The demo data and the default credentials and scopes.
    pub fn demo() -> TestSandbox {
        TestSandbox::start(Sandbox::builder().seed_demo_data(true))
    }

    pub fn start(builder: SandboxBuilder) -> TestSandbox {
        let rt = runtime();
        let sandbox = rt.block_on(builder.start()).expect("the sandbox starts");
        TestSandbox { sandbox, rt }
    }

    pub fn url(&self) -> String {
        self.sandbox.base_url()
    }

    /// The CLI pointed at this sandbox with the demo credentials.
    pub fn cli(&self) -> Cli {
        Cli::new().base_url(&self.url()).demo_credentials()
    }

    /// The id of the demo process with this name.
    pub fn process_id(&self, name: &str) -> String {
        self.sandbox
            .processes()
            .into_iter()
            .find(|p| p.name.as_deref() == Some(name))
            .and_then(|p| p.id)
            .unwrap_or_else(|| panic!("no process named {name:?}"))
    }
}

/// A wiremock server (serving on its own thread) and a runtime to mount
/// mocks and read what it received.
pub struct TestMock {
    pub server: MockServer,
    rt: Runtime,
}

impl TestMock {
    pub fn start() -> TestMock {
        let rt = runtime();
        let server = rt.block_on(MockServer::builder().start());
        TestMock { server, rt }
    }

    pub fn url(&self) -> String {
        self.server.uri()
    }

    pub fn mount(&self, mock: wiremock::Mock) -> &Self {
        self.rt.block_on(mock.mount(&self.server));
        self
    }

    /// Every request received.
    pub fn all_requests(&self) -> Vec<wiremock::Request> {
        self.rt
            .block_on(self.server.received_requests())
            .unwrap_or_default()
    }

    /// Requests received, other than to the token endpoint.
    pub fn api_requests(&self) -> Vec<wiremock::Request> {
        self.all_requests()
            .into_iter()
            .filter(|r| r.url.path() != "/oauth2/token")
            .collect()
    }

    /// The CLI pointed at this server with a bearer token, errors as JSON,
    /// and no retries unless a test asks for them.
    pub fn cli(&self) -> Cli {
        self.cli_with_retries(0)
    }

    /// [`cli`](Self::cli) with `--max-retries n`.
    pub fn cli_with_retries(&self, n: u32) -> Cli {
        Cli::new()
            .base_url(&self.url())
            .token("e2e-bearer-token")
            .args(["--error-format", "json", "--max-retries", &n.to_string()])
    }
}

/// One run of the binary being prepared. The environment is cleared of the
/// credentials and `RUST_LOG` of whoever runs the tests.
pub struct Cli {
    cmd: assert_cmd::Command,
}

impl Default for Cli {
    fn default() -> Self {
        Cli::new()
    }
}

impl Cli {
    pub fn new() -> Cli {
        let mut cmd = assert_cmd::Command::new(BIN);
        for var in [
            "WORKIVA_TOKEN",
            "WORKIVA_CLIENT_ID",
            "WORKIVA_CLIENT_SECRET",
            "RUST_LOG",
            "NO_COLOR",
        ] {
            cmd.env_remove(var);
        }
        // A hung run fails its test instead of the whole suite.
        cmd.timeout(Duration::from_secs(60));
        Cli { cmd }
    }

    pub fn arg(mut self, arg: impl AsRef<std::ffi::OsStr>) -> Cli {
        self.cmd.arg(arg);
        self
    }

    pub fn args<I, S>(mut self, args: I) -> Cli
    where
        I: IntoIterator<Item = S>,
        S: AsRef<std::ffi::OsStr>,
    {
        self.cmd.args(args);
        self
    }

    pub fn env(mut self, key: &str, value: &str) -> Cli {
        self.cmd.env(key, value);
        self
    }

    pub fn base_url(self, url: &str) -> Cli {
        self.args(["--base-url", url])
    }

    pub fn demo_credentials(self) -> Cli {
        self.client_credentials("demo", "demo")
    }

    pub fn client_credentials(self, id: &str, secret: &str) -> Cli {
        self.env("WORKIVA_CLIENT_ID", id)
            .env("WORKIVA_CLIENT_SECRET", secret)
    }

    pub fn token(self, token: &str) -> Cli {
        self.env("WORKIVA_TOKEN", token)
    }

    pub fn stdin(mut self, input: impl Into<Vec<u8>>) -> Cli {
        self.cmd.write_stdin(input);
        self
    }

    pub fn run(mut self) -> Run {
        let output: Output = self.cmd.output().expect("the binary runs");
        Run {
            code: output.status.code(),
            stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
            stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
        }
    }
}

/// What a run of the binary did.
#[derive(Debug)]
pub struct Run {
    /// `None` when killed (by the timeout above).
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Panics, showing the whole run, unless it exited with `code`.
    #[track_caller]
    pub fn expect_code(&self, code: i32) -> &Run {
        assert_eq!(
            self.code,
            Some(code),
            "exit code\n--- stdout\n{}\n--- stderr\n{}",
            self.stdout,
            self.stderr
        );
        self
    }

    /// A successful run: exit 0 and stdout as one JSON document.
    #[track_caller]
    pub fn success(&self) -> Value {
        self.expect_code(exit::SUCCESS);
        self.stdout_json()
    }

    /// The whole of stdout parsed as one JSON document.
    #[track_caller]
    pub fn stdout_json(&self) -> Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| {
            panic!(
                "stdout is not JSON ({e})\n--- stdout\n{}\n--- stderr\n{}",
                self.stdout, self.stderr
            )
        })
    }

    /// A failed run with `--error-format json`: exit `code`, nothing on
    /// stdout, and stderr's last line one JSON object with exactly the
    /// contract's keys, of `kind`.
    #[track_caller]
    pub fn error(&self, code: i32, kind: &str) -> Value {
        self.expect_code(code);
        assert_eq!(
            self.stdout, "",
            "nothing on stdout; stderr:\n{}",
            self.stderr
        );
        let e = self.error_line();
        assert_eq!(e["kind"], kind, "kind of {e}");
        e
    }

    /// Stderr's last line, parsed, with its keys and their types checked.
    #[track_caller]
    pub fn error_line(&self) -> Value {
        let last = self
            .stderr
            .lines()
            .last()
            .unwrap_or_else(|| panic!("stderr is empty; stdout:\n{}", self.stdout));
        let e: Value = serde_json::from_str(last)
            .unwrap_or_else(|err| panic!("last stderr line is not JSON ({err}): {last}"));
        let keys: BTreeSet<&str> = e
            .as_object()
            .unwrap_or_else(|| panic!("not an object: {e}"))
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(keys, BTreeSet::from(ERROR_KEYS), "keys of {e}");
        assert!(e["status"].is_null() || e["status"].is_u64(), "status: {e}");
        assert!(e["attempts"].is_u64(), "attempts: {e}");
        assert!(e["body"].is_string(), "body: {e}");
        assert!(e["kind"].is_string(), "kind: {e}");
        e
    }
}

/// A port nothing listens on: bound, then freed.
pub fn dead_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    listener.local_addr().expect("addr").port()
}

/// A file with these contents that lives as long as the returned guard.
pub struct TempFile {
    pub path: std::path::PathBuf,
}

impl TempFile {
    pub fn new(name: &str, contents: &str) -> TempFile {
        let dir = std::env::temp_dir().join(format!("workiva-cli-e2e-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let path = dir.join(name);
        std::fs::write(&path, contents).expect("write temp file");
        TempFile { path }
    }

    pub fn arg(&self) -> &str {
        self.path.to_str().expect("UTF-8 temp path")
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}
