//! End-to-end: the built `workiva-processes` binary against the sandbox on
//! loopback. Every command succeeding (exit 0), and the failures the sandbox
//! produces on its own: 400, token refusal, missing scope, 404, 409.

mod common;

use std::collections::BTreeSet;
use std::io::BufRead as _;
use std::process::Stdio;
use std::time::Duration;

use serde_json::{Value, json};
use workiva_processes::OPERATIONS;
use workiva_processes_sandbox::Sandbox;

use common::{Cli, TempFile, TestSandbox, exit};

const CLOSE: &str = "FY2025 10-K Close";
const QUARTER: &str = "Q1 2026 10-Q Review";
const SOX: &str = "SOX 404 Quarterly Control Certification";
const ESG: &str = "2025 Sustainability Report Data Collection";

fn names(list: &Value) -> Vec<String> {
    list.as_array()
        .unwrap_or_else(|| panic!("not an array: {list}"))
        .iter()
        .map(|p| p["name"].as_str().expect("a name").to_owned())
        .collect()
}

fn ids(list: &Value) -> BTreeSet<String> {
    list.as_array()
        .unwrap_or_else(|| panic!("not an array: {list}"))
        .iter()
        .map(|p| p["id"].as_str().expect("an id").to_owned())
        .collect()
}

/// Children of a process's root group, or of a run, by a JSON pointer.
fn child_names(value: &Value, pointer: &str) -> Vec<String> {
    value
        .pointer(pointer)
        .and_then(Value::as_array)
        .unwrap_or_else(|| panic!("no array at {pointer} in {value}"))
        .iter()
        .map(|c| {
            c.pointer("/job/name")
                .or_else(|| c.pointer("/group/name"))
                .or_else(|| c.get("name"))
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned()
        })
        .collect()
}

#[test]
fn list_prints_the_first_page_of_processes() {
    let sb = TestSandbox::demo();
    let run = sb.cli().arg("list").run();
    let list = run.success();
    let expected: BTreeSet<String> = sb
        .sandbox
        .processes()
        .into_iter()
        .filter_map(|p| p.id)
        .collect();
    assert_eq!(ids(&list), expected);
    let got: BTreeSet<String> = names(&list).into_iter().collect();
    assert_eq!(
        got,
        BTreeSet::from([CLOSE, QUARTER, SOX, ESG].map(str::to_owned))
    );
    assert_eq!(run.stderr, "", "nothing on stderr without -v");
}

#[test]
fn list_all_follows_every_page() {
    let sb = TestSandbox::demo();
    let all = sb.sandbox.processes();
    assert!(all.len() > 1, "the demo data has several processes");

    let first_page = sb
        .cli()
        .args(["list", "--max-page-size", "1"])
        .run()
        .success();
    assert_eq!(first_page.as_array().map(Vec::len), Some(1));

    let every = sb
        .cli()
        .args(["list", "--all", "--max-page-size", "1"])
        .run()
        .success();
    assert_eq!(every.as_array().map(Vec::len), Some(all.len()));
    let expected: BTreeSet<String> = all.into_iter().filter_map(|p| p.id).collect();
    assert_eq!(ids(&every), expected, "each process once");
    // The single page above, then one request per page of one.
    assert!(sb.sandbox.counters().requests("listProcesses") > expected.len() as u64);
}

#[test]
fn list_filter_and_order_by() {
    let sb = TestSandbox::demo();
    let filtered = sb.cli().args(["list", "--filter", "10-"]).run().success();
    let got: BTreeSet<String> = names(&filtered).into_iter().collect();
    assert_eq!(got, BTreeSet::from([CLOSE.to_owned(), QUARTER.to_owned()]));

    let none = sb
        .cli()
        .args(["list", "--filter", "no such process"])
        .run()
        .success();
    assert_eq!(none, json!([]));

    let mut sorted = vec![CLOSE, QUARTER, SOX, ESG];
    sorted.sort();
    let by_name = sb
        .cli()
        .args(["list", "--order-by", "name"])
        .run()
        .success();
    assert_eq!(names(&by_name), sorted);

    sorted.reverse();
    let by_name_desc = sb
        .cli()
        .args([
            "list",
            "--all",
            "--max-page-size",
            "3",
            "--order-by",
            "name desc",
        ])
        .run()
        .success();
    assert_eq!(names(&by_name_desc), sorted);
}

#[test]
fn list_filter_quotes_a_name_with_an_apostrophe() {
    let sb = TestSandbox::demo();
    let file = TempFile::new("apostrophe.json", r#"{"name": "Controller's review"}"#);
    sb.cli()
        .args(["create", "--file", file.arg()])
        .run()
        .success();
    let found = sb
        .cli()
        .args(["list", "--filter", "controller's"])
        .run()
        .success();
    assert_eq!(names(&found), ["Controller's review"]);
}

#[test]
fn get_and_exclude_generated_jobs() {
    let sb = TestSandbox::demo();
    let id = sb.process_id(SOX);
    let full = sb.cli().args(["get", &id]).run().success();
    assert_eq!(full["id"], id.as_str());
    assert_eq!(full["name"], SOX);
    assert_eq!(
        child_names(&full, "/root/children"),
        ["Control owner certification", "Approver sign-off"]
    );

    let trimmed = sb
        .cli()
        .args(["get", &id, "--exclude-generated-jobs"])
        .run()
        .success();
    assert_eq!(
        child_names(&trimmed, "/root/children"),
        ["Control owner certification"],
        "the generated approver job is left out"
    );
}

#[test]
fn create_from_a_file_and_from_stdin() {
    let sb = TestSandbox::demo();
    let body = json!({
        "name": "E2E from a file",
        "dueDate": "2026-09-30",
        "root": {
            "name": "E2E from a file",
            "parallel": false,
            "readOnly": false,
            "children": [{
                "type": "job",
                "job": {
                    "name": "Tie out",
                    "action": "sendTask",
                    "arguments": {"type": "sendTask", "sendTaskArgs": {"description": "Tie out"}}
                }
            }]
        }
    });
    let file = TempFile::new("create.json", &body.to_string());
    let created = sb
        .cli()
        .args(["create", "--file", file.arg()])
        .run()
        .success();
    let id = created["id"].as_str().expect("the server's id").to_owned();
    assert_eq!(created["name"], "E2E from a file");
    assert_eq!(created["dueDate"], "2026-09-30");
    assert_eq!(child_names(&created, "/root/children"), ["Tie out"]);

    let from_stdin = sb
        .cli()
        .args(["create", "--file", "-"])
        .stdin(r#"{"name": "E2E from stdin"}"#)
        .run()
        .success();
    let stdin_id = from_stdin["id"].as_str().expect("an id").to_owned();
    assert_ne!(id, stdin_id);
    assert_eq!(from_stdin["name"], "E2E from stdin");

    // Both are stored, and read back as created.
    let read = sb.cli().args(["get", &id]).run().success();
    assert_eq!(read["name"], "E2E from a file");
    assert_eq!(sb.sandbox.counters().processes_created, 2);
    let stored: BTreeSet<String> = sb
        .sandbox
        .processes()
        .into_iter()
        .filter_map(|p| p.id)
        .collect();
    assert!(stored.contains(&id) && stored.contains(&stdin_id));
}

#[test]
fn rename_renames_jobs_and_groups() {
    let sb = TestSandbox::demo();
    let id = sb.process_id(CLOSE);
    let before = sb.cli().args(["get", &id]).run().success();
    let group_id = before
        .pointer("/root/children/0/group/id")
        .and_then(Value::as_str)
        .expect("the first child is a group")
        .to_owned();
    let job_id = before
        .pointer("/root/children/1/job/id")
        .and_then(Value::as_str)
        .expect("the second child is a job")
        .to_owned();
    let update = json!({"data": [
        {"type": "jobName", "id": job_id, "newName": "CFO certification (renamed)"},
        {"type": "groupName", "groupNameUpdate": {"id": group_id, "newName": "Statements (renamed)"}}
    ]});
    let file = TempFile::new("rename.json", &update.to_string());
    let renamed = sb
        .cli()
        .args(["rename", &id, "--file", file.arg()])
        .run()
        .success();
    assert_eq!(
        child_names(&renamed, "/root/children"),
        ["Statements (renamed)", "CFO certification (renamed)"]
    );
    assert_eq!(
        renamed["revision"].as_i64(),
        before["revision"].as_i64().map(|r| r + 1)
    );

    // The same from stdin, back to the old job name.
    let back =
        json!({"data": [{"type": "jobName", "id": job_id, "newName": "CFO sub-certification"}]});
    let renamed = sb
        .cli()
        .args(["rename", &id, "--file", "-"])
        .stdin(back.to_string())
        .run()
        .success();
    assert_eq!(
        child_names(&renamed, "/root/children"),
        ["Statements (renamed)", "CFO sub-certification"]
    );
    assert_eq!(sb.sandbox.counters().batch_updates, 2);
}

#[test]
fn run_and_get_run() {
    let sb = TestSandbox::demo();
    let id = sb.process_id(SOX);
    let started = sb.cli().args(["run", &id]).run().success();
    let run_id = started["id"].as_str().expect("a run id").to_owned();
    assert_eq!(started["status"], "running");
    assert_eq!(started["name"], SOX);

    let read = sb.cli().args(["get-run", &run_id]).run().success();
    assert_eq!(read["id"], run_id.as_str());
    assert_eq!(
        child_names(&read, "/children"),
        ["Control owner certification", "Approver sign-off"]
    );
    let trimmed = sb
        .cli()
        .args(["get-run", &run_id, "--exclude-generated-jobs"])
        .run()
        .success();
    assert_eq!(
        child_names(&trimmed, "/children"),
        ["Control owner certification"]
    );

    let emailed = sb
        .cli()
        .args(["run", &sb.process_id(ESG), "--send-process-complete-email"])
        .run()
        .success();
    assert_eq!(emailed["status"], "running");
    assert_eq!(sb.sandbox.counters().runs_started, 2);
}

#[test]
fn add_job_runs_with_placement() {
    let sb = TestSandbox::demo();
    // The demo's 10-K close is running; its first child is a group.
    let close = sb
        .cli()
        .args(["get", &sb.process_id(CLOSE)])
        .run()
        .success();
    let run_id = close
        .pointer("/run/id")
        .and_then(Value::as_str)
        .expect("the demo close is running")
        .to_owned();
    let run = sb.cli().args(["get-run", &run_id]).run().success();
    let group_id = run
        .pointer("/children/0/id")
        .and_then(Value::as_str)
        .expect("a group run")
        .to_owned();
    let sibling_id = run
        .pointer("/children/0/children/0/id")
        .and_then(Value::as_str)
        .expect("a job run in the group")
        .to_owned();
    let original = child_names(&run, "/children/0/children");

    let jobs = json!([{
        "action": "sendTask",
        "arguments": {"type": "sendTask", "sendTaskArgs": {"description": "Added before"}},
        "triggerType": "whenEligible"
    }]);
    let file = TempFile::new("jobs.json", &jobs.to_string());
    let added = sb
        .cli()
        .args(["add-job-runs", &run_id, "--file", file.arg()])
        .args(["--parent-group-id", &group_id])
        .args(["--relative-sibling-id", &sibling_id])
        .args(["--before", "true"])
        .run()
        .success();
    assert_eq!(added["processRunId"], run_id.as_str());
    let added_id = added
        .pointer("/data/0/id")
        .and_then(Value::as_str)
        .expect("the new job run's id")
        .to_owned();

    let after_jobs = json!([{"action": "contentRequest"}, {"action": "certification"}]);
    let added_after = sb
        .cli()
        .args(["add-job-runs", &run_id, "--file", "-"])
        .args(["--parent-group-id", &group_id])
        .args(["--relative-sibling-id", &sibling_id])
        .args(["--before", "false"])
        .stdin(after_jobs.to_string())
        .run()
        .success();
    assert_eq!(added_after["data"].as_array().map(Vec::len), Some(2));

    let run = sb.cli().args(["get-run", &run_id]).run().success();
    let group_children = run
        .pointer("/children/0/children")
        .and_then(Value::as_array)
        .expect("the group's children");
    assert_eq!(group_children[0]["id"], added_id.as_str(), "placed before");
    assert_eq!(group_children[1]["id"], sibling_id.as_str());
    let names = child_names(&run, "/children/0/children");
    assert_eq!(names.len(), original.len() + 3);
    assert_eq!(
        names[2..4],
        ["contentRequest", "certification"],
        "placed after"
    );

    // Without placement flags the job goes last in the run's root.
    let appended = sb
        .cli()
        .args(["add-job-runs", &run_id, "--file", "-"])
        .stdin(r#"[{"action": "sendTask"}]"#)
        .run()
        .success();
    let appended_id = appended.pointer("/data/0/id").cloned().expect("an id");
    let run = sb.cli().args(["get-run", &run_id]).run().success();
    let root = run["children"].as_array().expect("children");
    assert_eq!(root.last().map(|c| &c["id"]), Some(&appended_id));
    assert_eq!(sb.sandbox.counters().job_runs_created, 4);
}

#[test]
fn delete_and_its_trash_alias_then_get_is_not_found() {
    let sb = TestSandbox::demo();
    let quarter = sb.process_id(QUARTER);
    let sox = sb.process_id(SOX);

    let deleted = sb.cli().args(["delete", &quarter]).run().success();
    assert_eq!(deleted, json!({"processId": quarter, "trashed": true}));
    let trashed = sb.cli().args(["trash", &sox]).run().success();
    assert_eq!(trashed, json!({"processId": sox, "trashed": true}));
    assert_eq!(
        sb.sandbox.trashed_process_ids(),
        [quarter.clone(), sox.clone()]
    );

    for id in [&quarter, &sox] {
        let run = sb.cli().args(["--error-format", "json", "get", id]).run();
        let e = run.error(exit::NOT_FOUND, "not_found");
        assert_eq!(e["status"], 404);
        assert_eq!(e["code"], "404");
        assert!(
            e["message"]
                .as_str()
                .is_some_and(|m| m.contains(id.as_str())),
            "{e}"
        );
        assert_eq!(e["attempts"], 1);
        assert!(e["body"].as_str().is_some_and(|b| b.contains(id.as_str())));
    }
    // Trashing again: the process is not there any more.
    sb.cli()
        .args(["delete", &quarter])
        .run()
        .expect_code(exit::NOT_FOUND);
    let list = sb.cli().arg("list").run().success();
    assert_eq!(names(&list).len(), 2);
}

#[test]
fn not_found_for_every_kind_of_id() {
    let sb = TestSandbox::demo();
    let file = TempFile::new(
        "nf-rename.json",
        r#"{"data": [{"type": "jobName", "id": "j", "newName": "n"}]}"#,
    );
    let jobs = TempFile::new("nf-jobs.json", r#"[{"action": "sendTask"}]"#);
    let commands: [&[&str]; 6] = [
        &["get", "no-such-process"],
        &["get-run", "no-such-run"],
        &["run", "no-such-process"],
        &["delete", "no-such-process"],
        &["rename", "no-such-process", "--file", file.arg()],
        &["add-job-runs", "no-such-run", "--file", jobs.arg()],
    ];
    for args in commands {
        let run = sb.cli().args(["--error-format", "json"]).args(args).run();
        let e = run.error(exit::NOT_FOUND, "not_found");
        assert_eq!(e["status"], 404, "{args:?}");
    }
    // In text form the error is one line naming the operation and the status.
    let run = sb.cli().args(["get", "no-such-process"]).run();
    run.expect_code(exit::NOT_FOUND);
    assert_eq!(run.stdout, "");
    assert!(run.stderr.starts_with("error: "), "{}", run.stderr);
    assert!(run.stderr.contains("getProcess"), "{}", run.stderr);
    assert!(run.stderr.contains("404"), "{}", run.stderr);
}

#[test]
fn running_a_running_process_is_a_conflict() {
    let sb = TestSandbox::demo();
    let quarter = sb.process_id(QUARTER);
    sb.cli().args(["run", &quarter]).run().success();
    let run = sb
        .cli()
        .args(["--error-format", "json", "run", &quarter])
        .run();
    let e = run.error(exit::CONFLICT, "conflict");
    assert_eq!(e["status"], 409);
    assert_eq!(e["code"], "409");
    assert!(
        e["message"]
            .as_str()
            .is_some_and(|m| m.contains("already running")),
        "{e}"
    );
    // The demo close has been running from the start.
    sb.cli()
        .args(["run", &sb.process_id(CLOSE)])
        .run()
        .expect_code(exit::CONFLICT);
}

#[test]
fn requests_the_sandbox_refuses_are_rejected() {
    let sb = TestSandbox::demo();
    let run = sb
        .cli()
        .args(["--error-format", "json", "list", "--order-by", "colour"])
        .run();
    let e = run.error(exit::REJECTED, "bad_request");
    assert_eq!(e["status"], 400);
    assert_eq!(e["code"], "400");

    let id = sb.process_id(CLOSE);
    let run = sb
        .cli()
        .args(["--error-format", "json", "rename", &id, "--file", "-"])
        .stdin(r#"{"data": [{"type": "jobName", "id": "no-such-job", "newName": "x"}]}"#)
        .run();
    let e = run.error(exit::REJECTED, "bad_request");
    assert_eq!(e["target"], "data[0].id");
    assert!(
        e["message"]
            .as_str()
            .is_some_and(|m| m.contains("no-such-job")),
        "{e}"
    );
    assert_eq!(sb.sandbox.counters().batch_updates, 0);
}

#[test]
fn a_token_endpoint_refusal_is_unauthenticated() {
    let sb = TestSandbox::demo();
    let run = Cli::new()
        .base_url(&sb.url())
        .client_credentials("demo", "not-the-secret")
        .args(["--error-format", "json", "list"])
        .run();
    let e = run.error(exit::AUTH, "unauthenticated");
    assert_eq!(e["status"], 401);
    assert_eq!(e["code"], "invalid_client", "code is the OAuth `error`");
    assert_eq!(
        e["message"], "Client authentication failed.",
        "message is the OAuth `error_description`"
    );
    assert!(
        e["body"]
            .as_str()
            .is_some_and(|b| b.contains("invalid_client"))
    );
    assert!(!run.stderr.contains("not-the-secret"));
    let counters = sb.sandbox.counters();
    assert_eq!(counters.api_requests, 0, "no API request without a token");
    assert!(counters.token_requests >= 1);

    // The same in text form.
    let run = Cli::new()
        .base_url(&sb.url())
        .client_credentials("someone-else", "demo")
        .arg("list")
        .run();
    run.expect_code(exit::AUTH);
    assert!(run.stderr.contains("invalid_client"), "{}", run.stderr);
}

#[test]
fn a_missing_scope_is_refused_before_sending() {
    let sb = TestSandbox::start(
        Sandbox::builder()
            .seed_demo_data(true)
            .granted_scopes(["file:read"]),
    );
    let id = sb.process_id(QUARTER);
    // Reading is allowed.
    sb.cli().arg("list").run().success();
    let run = sb
        .cli()
        .args(["--error-format", "json", "delete", &id])
        .run();
    let e = run.error(exit::AUTH, "missing_scope");
    assert_eq!(e["status"], Value::Null);
    assert_eq!(e["attempts"], 0);
    assert!(
        e["message"]
            .as_str()
            .is_some_and(|m| m.contains("file:write")),
        "{e}"
    );
    assert_eq!(sb.sandbox.counters().requests("trashProcess"), 0);
    assert!(sb.sandbox.trashed_process_ids().is_empty());
    // Every writing command is refused the same way.
    sb.cli().args(["run", &id]).run().expect_code(exit::AUTH);
    sb.cli()
        .args(["create", "--file", "-"])
        .stdin(r#"{"name": "x"}"#)
        .run()
        .expect_code(exit::AUTH);
    assert_eq!(sb.sandbox.counters().processes_created, 0);
}

#[test]
fn a_relative_path_segment_is_refused_locally() {
    let sb = TestSandbox::demo();
    for id in ["..", "."] {
        let run = sb
            .cli()
            .args(["--error-format", "json", "delete", id])
            .run();
        let e = run.error(exit::USAGE, "invalid_input");
        assert_eq!(e["status"], Value::Null);
        assert_eq!(e["attempts"], 0);
    }
    assert_eq!(sb.sandbox.counters().api_requests, 0, "nothing sent");
    assert_eq!(sb.sandbox.processes().len(), 4);
}

#[test]
fn scopes_match_the_operations_table() {
    // No credentials and no server needed.
    let table = Cli::new().arg("scopes").run().success();
    let expected: Vec<Value> = OPERATIONS
        .iter()
        .map(|op| {
            json!({
                "operationId": op.operation_id,
                "method": op.method,
                "path": op.path,
                "scopes": op.scopes,
            })
        })
        .collect();
    assert_eq!(table, Value::Array(expected));
    let delete = table
        .as_array()
        .and_then(|t| t.iter().find(|o| o["operationId"] == "trashProcess"))
        .expect("trashProcess is listed");
    assert_eq!(delete["method"], "DELETE");
    assert_eq!(delete["scopes"], json!(["file:write"]));
}

#[test]
fn the_sandbox_flag_needs_no_credentials() {
    let list = Cli::new().args(["--sandbox", "list"]).run().success();
    let got: BTreeSet<String> = names(&list).into_iter().collect();
    assert_eq!(
        got,
        BTreeSet::from([CLOSE, QUARTER, SOX, ESG].map(str::to_owned))
    );
    let filtered = Cli::new()
        .args(["--sandbox", "list", "--filter", "SOX"])
        .run()
        .success();
    assert_eq!(names(&filtered), [SOX]);
    // Each run has its own sandbox: a created process is there for that run.
    let created = Cli::new()
        .args(["--sandbox", "create", "--file", "-"])
        .stdin(r#"{"name": "Sandboxed"}"#)
        .run()
        .success();
    assert_eq!(created["name"], "Sandboxed");
    // Credentials in the environment are not used with --sandbox.
    Cli::new()
        .client_credentials("somebody", "wrong")
        .args(["--sandbox", "list"])
        .run()
        .success();
}

/// Reads the first JSON document `serve-sandbox` prints, without blocking
/// the test forever.
fn first_json(stdout: std::process::ChildStdout) -> Value {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut text = String::new();
        for line in std::io::BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            text.push_str(&line);
            text.push('\n');
            if let Ok(v) = serde_json::from_str::<Value>(&text) {
                let _ = tx.send(Ok(v));
                return;
            }
        }
        let _ = tx.send(Err(text));
    });
    match rx.recv_timeout(Duration::from_secs(60)) {
        Ok(Ok(v)) => v,
        Ok(Err(text)) => panic!("serve-sandbox printed no JSON: {text:?}"),
        Err(e) => panic!("serve-sandbox printed nothing: {e}"),
    }
}

/// Kills the child when the test ends, even by a failed assertion.
struct Killed(std::process::Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn serve_sandbox_serves_until_killed() {
    let mut child = std::process::Command::new(common::BIN)
        .args(["serve-sandbox", "--addr", "127.0.0.1:0", "--seed-demo-data"])
        .env_remove("RUST_LOG")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("serve-sandbox starts");
    let stdout = child.stdout.take().expect("piped stdout");
    let mut child = Killed(child);
    let info = first_json(stdout);
    let url = info["url"].as_str().expect("a url").to_owned();
    assert!(url.starts_with("http://127.0.0.1:"), "{url}");
    assert!(!url.ends_with(":0"), "the bound port: {url}");
    assert_eq!(info["tokenUrl"], format!("{url}/oauth2/token"));
    assert_eq!(info["demoClientId"], "demo");

    let list = Cli::new()
        .base_url(&url)
        .demo_credentials()
        .args(["list", "--order-by", "name"])
        .run()
        .success();
    assert_eq!(names(&list).len(), 4);
    // State lives as long as the server: a trashed process stays trashed.
    let id = list[0]["id"].as_str().expect("an id").to_owned();
    Cli::new()
        .base_url(&url)
        .demo_credentials()
        .args(["delete", &id])
        .run()
        .success();
    Cli::new()
        .base_url(&url)
        .demo_credentials()
        .args(["get", &id])
        .run()
        .expect_code(exit::NOT_FOUND);

    assert!(
        child.0.try_wait().expect("try_wait").is_none(),
        "still serving"
    );
    child.0.kill().expect("kill serve-sandbox");
    child.0.wait().expect("wait for serve-sandbox");
}

#[test]
fn serve_sandbox_without_demo_data_starts_empty() {
    let mut child = std::process::Command::new(common::BIN)
        .args(["serve-sandbox", "--addr", "127.0.0.1:0"])
        .env_remove("RUST_LOG")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("serve-sandbox starts");
    let stdout = child.stdout.take().expect("piped stdout");
    let _child = Killed(child);
    let url = first_json(stdout)["url"]
        .as_str()
        .expect("a url")
        .to_owned();
    let list = Cli::new()
        .base_url(&url)
        .demo_credentials()
        .arg("list")
        .run()
        .success();
    assert_eq!(list, json!([]));
}

#[test]
fn verbose_logs_never_show_the_client_secret() {
    const ID: &str = "e2e-client-id-4b1f";
    const SECRET: &str = "e2e-client-secret-Zq81xT";
    let sb = TestSandbox::start(
        Sandbox::builder()
            .seed_demo_data(true)
            .client_credentials(ID, SECRET),
    );
    let run = Cli::new()
        .base_url(&sb.url())
        .client_credentials(ID, SECRET)
        .args(["-vvv", "list"])
        .run();
    let list = run.success();
    assert_eq!(names(&list).len(), 4, "stdout is the JSON alone");
    assert!(run.stderr.contains("TRACE"), "-vvv logs: {}", run.stderr);
    assert!(run.stderr.contains("DEBUG"));
    assert!(!run.stderr.contains("\u{1b}["), "no colour codes in a pipe");
    assert!(!run.stderr.contains(SECRET), "the secret leaked");
    // Nor the Basic credentials, nor a bearer token (the sandbox's tokens
    // are random, so look for the header instead).
    assert!(!run.stderr.contains("Basic "));
    assert!(!run.stderr.to_lowercase().contains("bearer"));

    // A failure logs as much, and still shows no secret.
    let run = Cli::new()
        .base_url(&sb.url())
        .client_credentials(ID, SECRET)
        .args(["-vvv", "--error-format", "json", "get", "no-such-process"])
        .run();
    run.error(exit::NOT_FOUND, "not_found");
    assert!(run.stderr.contains("DEBUG"));
    assert!(!run.stderr.contains(SECRET));
}

#[test]
fn verbose_logs_never_show_the_bearer_token() {
    let sb = TestSandbox::demo();
    let token = sb.sandbox.issue_token(&["file:read", "file:write"]);
    let run = Cli::new()
        .base_url(&sb.url())
        .token(&token)
        .args(["-vvv", "get", &sb.process_id(ESG)])
        .run();
    let process = run.success();
    assert_eq!(process["name"], ESG);
    assert!(run.stderr.contains("TRACE"), "{}", run.stderr);
    assert!(!run.stderr.contains(&token), "the token leaked");
    assert_eq!(sb.sandbox.counters().token_requests, 0, "used as is");

    // -v alone logs less, but logs.
    let run = Cli::new()
        .base_url(&sb.url())
        .token(&token)
        .args(["-v", "--error-format", "json", "delete", "no-such-process"])
        .run();
    run.error(exit::NOT_FOUND, "not_found");
    assert!(!run.stderr.contains(&token));
    assert!(!run.stderr.contains("TRACE"));
}
