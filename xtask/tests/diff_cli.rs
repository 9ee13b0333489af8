//! `cargo xtask diff OLD [NEW]` as a process: the report on stdout, exit 0
//! (nothing breaking), 1 (something breaking) or 2 (a side that cannot be
//! read or parsed, with one-line diagnostics), for files and git revisions.

use std::path::{Path, PathBuf};
use std::process::Command;

use workiva_processes_codegen::{diff, load};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives in the workspace")
        .to_path_buf()
}

fn fixture(name: &str) -> String {
    format!("tests/spec-revisions/{name}.yaml")
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

/// Runs `xtask diff ARGS` from `dir`.
fn diff_in(dir: &Path, args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .arg("diff")
        .args(args)
        .current_dir(dir)
        .output()
        .expect("xtask runs");
    Run {
        code: out.status.code().expect("exited, not killed"),
        stdout: String::from_utf8(out.stdout).expect("UTF-8 stdout"),
        stderr: String::from_utf8(out.stderr).expect("UTF-8 stderr"),
    }
}

fn diff(args: &[&str]) -> Run {
    diff_in(&root(), args)
}

#[test]
fn identical_files_exit_0_with_no_lines() {
    let run = diff(&[&fixture("base"), &fixture("base")]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, "");
    assert_eq!(run.stderr.trim(), "no changes");
}

#[test]
fn docs_and_additive_revisions_exit_0() {
    let run = diff(&[&fixture("base"), &fixture("docs-only")]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.lines().all(|l| l.starts_with("docs: ")),
        "{}",
        run.stdout
    );

    let run = diff(&[&fixture("base"), &fixture("additive-new-operation")]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "additive: GET /processRuns/{processRunId} (getProcessRun): operation added\n"
    );
}

#[test]
fn breaking_revisions_exit_1() {
    let run = diff(&[&fixture("base"), &fixture("breaking-success-status")]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stdout
            .lines()
            .any(|l| l
                == "breaking: DELETE /processes/{processId} (trashProcess): response 204 removed"),
        "{}",
        run.stdout
    );
    assert_eq!(run.stderr.trim(), "1 breaking, 1 additive, 0 docs");
}

#[test]
fn the_report_is_the_librarys() {
    let run = diff(&[&fixture("base"), &fixture("mixed")]);
    assert_eq!(run.code, 1);
    let spec = |name: &str| load::load(&root().join(fixture(name))).expect("loads");
    let report = diff::diff(&spec("base"), &spec("mixed"));
    let expected: String = report.lines().iter().map(|l| format!("{l}\n")).collect();
    assert_eq!(run.stdout, expected);
}

#[test]
fn paths_are_relative_to_the_callers_directory() {
    let run = diff_in(
        &root().join("codegen"),
        &[
            "../tests/spec-revisions/base.yaml",
            "../tests/spec-revisions/breaking-removed-operation.yaml",
        ],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "breaking: DELETE /processes/{processId} (trashProcess): operation removed\n"
    );
}

#[test]
fn unknown_revisions_and_missing_files_exit_2_with_one_line() {
    for args in [
        vec!["no-such-revision-or-file.yaml"],
        vec!["HEAD", "no-such-revision"],
        vec!["--", "-x"],
    ] {
        let run = diff(&args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert_eq!(run.stdout, "", "{args:?}");
        let lines: Vec<&str> = run.stderr.lines().collect();
        assert_eq!(lines.len(), 1, "{args:?}: {}", run.stderr);
        assert!(lines[0].starts_with("error: `"), "{}", lines[0]);
        assert!(
            lines[0].contains("is neither a spec file nor a revision git knows"),
            "{}",
            lines[0]
        );
    }
}

#[test]
fn broken_specs_exit_2_with_the_codegen_diagnostics() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("diff-cli");
    std::fs::create_dir_all(&dir).expect("temp dir is writable");
    let cases = [
        (
            "invalid.yaml",
            "openapi: 3.0.3\npaths: [unclosed\n",
            "[invalid-yaml]",
        ),
        (
            "swagger.yaml",
            "swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths: {}\n",
            "[not-openapi]",
        ),
        ("empty.yaml", "\n", "[empty-file]"),
    ];
    for (name, text, rule) in cases {
        let path = dir.join(name);
        std::fs::write(&path, text).expect("temp dir is writable");
        let path = path.to_str().expect("UTF-8 path");
        for args in [[path, &fixture("base")], [&fixture("base"), path]] {
            let run = diff(&args);
            assert_eq!(run.code, 2, "{name}: {}", run.stderr);
            assert_eq!(run.stdout, "");
            let expected = load::load(Path::new(path)).expect_err("broken").to_string();
            assert_eq!(run.stderr.trim_end(), expected, "{name}");
            assert!(
                expected.starts_with("error: ") && expected.contains(rule),
                "{expected}"
            );
        }
    }
}

#[test]
fn usage_errors_exit_2() {
    let run = diff(&[]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("Usage"), "{}", run.stderr);
}

#[test]
fn head_against_the_working_copy_does_not_error() {
    // NEW defaults to the working copy of openapi/processes.yaml; it may
    // differ from HEAD while someone edits it, but both must load.
    let run = diff(&["HEAD"]);
    assert_ne!(run.code, 2, "{}", run.stderr);
    assert!(!run.stderr.contains("error"), "{}", run.stderr);
    if run.code == 0 {
        assert!(!run.stdout.contains("breaking: "), "{}", run.stdout);
    }

    let run = diff(&["HEAD", "HEAD"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, "");

    let run = diff(&["HEAD", "openapi/processes.yaml"]);
    assert_ne!(run.code, 2, "{}", run.stderr);
}

#[test]
fn the_bad_spec_corpus_never_panics() {
    let corpus = root().join("tests/bad-specs");
    let Ok(entries) = std::fs::read_dir(&corpus) else {
        return;
    };
    for entry in entries {
        let path = entry.expect("readable").path();
        if path.extension().is_none_or(|e| e != "yaml") {
            continue;
        }
        let path = path.to_str().expect("UTF-8 path");
        let run = diff(&[&fixture("base"), path]);
        assert!(matches!(run.code, 0..=2), "{path}: {}", run.stderr);
        assert!(!run.stderr.contains("panicked"), "{path}: {}", run.stderr);
        if run.code == 2 {
            assert!(
                run.stderr.lines().all(|l| l.starts_with("error: ")),
                "{path}: {}",
                run.stderr
            );
        }
    }
}
