//! End-to-end: command lines and inputs refused locally (exit 2), with
//! nothing sent to the server (a wiremock server that answers nothing and
//! records what it received), and `--help`/`--version`.

mod common;

use serde_json::Value;

use common::{Cli, TempFile, TestMock, exit};

/// Runs `args` against a server that must receive nothing, with a bearer
/// token and JSON errors; returns the error line.
#[track_caller]
fn refused(args: &[&str], stdin: Option<&str>) -> (Value, String) {
    let mock = TestMock::start();
    let mut cli = mock.cli().args(args);
    if let Some(input) = stdin {
        cli = cli.stdin(input);
    }
    let run = cli.run();
    let e = run.error(exit::USAGE, "invalid_input");
    assert_eq!(e["status"], Value::Null, "{args:?}");
    assert_eq!(e["attempts"], 0, "{args:?}");
    assert_eq!(e["body"], "", "{args:?}");
    assert_eq!(e["requestId"], Value::Null, "{args:?}");
    assert!(mock.all_requests().is_empty(), "{args:?} sent a request");
    let message = e["message"].as_str().unwrap_or_default().to_owned();
    (e, message)
}

#[test]
fn no_credentials_is_exit_2() {
    let mock = TestMock::start();
    let run = Cli::new().base_url(&mock.url()).arg("list").run();
    run.expect_code(exit::USAGE);
    assert_eq!(run.stdout, "");
    assert!(run.stderr.contains("no credentials"), "{}", run.stderr);
    assert!(run.stderr.contains("WORKIVA_TOKEN"), "{}", run.stderr);

    // A client id without its secret is no credentials either.
    let run = Cli::new()
        .base_url(&mock.url())
        .env("WORKIVA_CLIENT_ID", "demo")
        .args(["--error-format", "json", "get", "p-1"])
        .run();
    let e = run.error(exit::USAGE, "invalid_input");
    assert_eq!(e["attempts"], 0);
    assert!(
        e["message"]
            .as_str()
            .is_some_and(|m| m.contains("no credentials")),
        "{e}"
    );
    // An empty token counts as none.
    Cli::new()
        .base_url(&mock.url())
        .token("")
        .arg("list")
        .run()
        .expect_code(exit::USAGE);
    assert!(mock.all_requests().is_empty());
}

#[test]
fn a_bad_page_size_is_exit_2() {
    for size in ["0", "1001", "many"] {
        let (_, message) = refused(&["list", "--max-page-size", size], None);
        assert!(message.contains("--max-page-size"), "{message}");
    }
    let (_, message) = refused(&["list", "--max-page-size=-3"], None);
    assert!(message.contains("--max-page-size"), "{message}");
    // Text form: clap's message and usage.
    let mock = TestMock::start();
    let run = Cli::new()
        .base_url(&mock.url())
        .token("t")
        .args(["list", "--max-page-size", "0"])
        .run();
    run.expect_code(exit::USAGE);
    assert_eq!(run.stdout, "");
    assert!(run.stderr.contains("--max-page-size"), "{}", run.stderr);
    assert!(mock.all_requests().is_empty());
}

#[test]
fn a_body_that_does_not_parse_is_exit_2() {
    let bad = TempFile::new("usage-bad.json", "{ not json");
    let (_, message) = refused(&["create", "--file", bad.arg()], None);
    assert!(message.contains(bad.arg()), "names the file: {message}");

    let (_, message) = refused(&["create", "--file", "-"], Some("[1, 2"));
    assert!(message.contains('-'), "{message}");

    // JSON, but not the body the command sends.
    let (_, message) = refused(
        &["rename", "p-1", "--file", "-"],
        Some(r#"{"renames": []}"#),
    );
    assert!(message.contains("BatchUpdate"), "{message}");
    let (_, message) = refused(
        &["add-job-runs", "r-1", "--file", "-"],
        Some(r#"{"action": "sendTask"}"#),
    );
    assert!(message.contains("array"), "{message}");

    let missing = std::env::temp_dir().join("workiva-cli-e2e-no-such-file.json");
    let (_, message) = refused(
        &["create", "--file", missing.to_str().expect("UTF-8")],
        None,
    );
    assert!(message.contains("cannot read"), "{message}");
}

#[test]
fn a_relative_path_segment_is_exit_2_and_nothing_sent() {
    for id in ["..", "."] {
        let (_, message) = refused(&["delete", id], None);
        assert!(message.contains("processId"), "{message}");
    }
    refused(&["trash", ".."], None);
    refused(&["get", ".."], None);
    refused(&["get-run", "."], None);
}

#[test]
fn a_bad_timeout_is_exit_2() {
    for timeout in ["0", "nan", "soon"] {
        refused(&["--timeout", timeout, "list"], None);
    }
}

#[test]
fn clap_usage_errors_are_exit_2() {
    let cases: [&[&str]; 8] = [
        &[],
        &["frobnicate"],
        &["get"],
        &["list", "--colour"],
        &["--region", "mars", "list"],
        &["--error-format", "yaml", "list"],
        &["add-job-runs", "r-1", "--file", "-", "--before", "maybe"],
        &["serve-sandbox", "--addr", "localhost"],
    ];
    for args in cases {
        let run = Cli::new().token("t").args(args).run();
        run.expect_code(exit::USAGE);
        assert_eq!(run.stdout, "", "{args:?}");
        assert!(!run.stderr.is_empty(), "{args:?}");
    }
    // With --error-format json, the last line is the JSON object, wherever
    // the option is given.
    let json_cases: [&[&str]; 3] = [
        &["--error-format", "json", "frobnicate"],
        &["get", "--error-format", "json", "--bogus"],
        &["--error-format=json", "--region", "mars"],
    ];
    for args in json_cases {
        let run = Cli::new().token("t").args(args).run();
        let e = run.error(exit::USAGE, "invalid_input");
        assert_eq!(e["attempts"], 0);
        assert!(e["message"].as_str().is_some_and(|m| !m.is_empty()), "{e}");
    }
}

#[test]
fn help_and_version_are_exit_0() {
    let run = Cli::new().arg("--help").run();
    run.expect_code(exit::SUCCESS);
    for word in [
        "list",
        "get",
        "create",
        "rename",
        "run",
        "get-run",
        "add-job-runs",
        "delete",
        "scopes",
        "serve-sandbox",
        "--base-url",
        "--error-format",
        "--sandbox",
        "WORKIVA_TOKEN",
        "EXIT CODES",
    ] {
        assert!(run.stdout.contains(word), "--help mentions {word}");
    }
    let run = Cli::new().arg("--version").run();
    run.expect_code(exit::SUCCESS);
    assert!(
        run.stdout.starts_with("workiva-processes "),
        "{}",
        run.stdout
    );
    Cli::new()
        .args(["list", "--help"])
        .run()
        .expect_code(exit::SUCCESS);
}
