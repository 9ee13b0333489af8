//! Every broken or unsupported spec in `tests/bad-specs/` (and a 5 MB file of
//! random bytes) ends in exit code 1, error lines naming the file, the JSON
//! pointer and the rule, no panic, and an untouched output directory, through
//! both `cargo xtask generate` and `cargo xtask regenerate`.

use std::path::{Path, PathBuf};
use std::process::Command;

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/bad-specs")
}

fn corpus() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(corpus_dir())
        .expect("tests/bad-specs exists")
        .map(|e| e.expect("readable").path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    files
}

/// A deterministic 5 MB file of bytes that are neither UTF-8 nor YAML.
fn garbage_file(dir: &Path) -> PathBuf {
    let path = dir.join("garbage-5mb.yaml");
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let bytes: Vec<u8> = (0..5 * 1024 * 1024)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 24) as u8
        })
        .collect();
    std::fs::write(&path, bytes).expect("temp dir is writable");
    path
}

/// An output directory holding one sentinel file, to prove nothing changes.
fn sentinel_dir(root: &Path, name: &str) -> PathBuf {
    let dir = root.join(name);
    std::fs::create_dir_all(&dir).expect("temp dir is writable");
    std::fs::write(dir.join("sentinel.rs"), "// untouched\n").expect("temp dir is writable");
    dir
}

fn listing(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .expect("dir exists")
        .map(|e| {
            let p = e.expect("readable").path();
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read(&p).unwrap_or_default(),
            )
        })
        .collect();
    out.sort();
    out
}

struct Outcome {
    code: Option<i32>,
    stderr: String,
}

fn xtask(args: &[&str]) -> Outcome {
    let out = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(args)
        .output()
        .expect("xtask runs");
    Outcome {
        code: out.status.code(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// `error: <file>[:line]: <pointer>: [rule] message`
fn check_error_lines(file: &Path, outcome: &Outcome) -> Vec<String> {
    let name = file.display().to_string();
    assert_eq!(
        outcome.code,
        Some(1),
        "{name}: exit code; stderr:\n{}",
        outcome.stderr
    );
    assert!(
        !outcome.stderr.contains("panicked"),
        "{name}: panicked:\n{}",
        outcome.stderr
    );
    let errors: Vec<String> = outcome
        .stderr
        .lines()
        .filter(|l| l.starts_with("error: "))
        .map(str::to_string)
        .collect();
    assert!(
        !errors.is_empty(),
        "{name}: no error line in:\n{}",
        outcome.stderr
    );
    for line in &errors {
        let rest = line
            .strip_prefix(&format!("error: {name}"))
            .unwrap_or_else(|| panic!("{line:?} does not name {name}"));
        let (location, rule_and_message) = rest
            .split_once(": [")
            .unwrap_or_else(|| panic!("{line:?} has no [rule]"));
        assert!(
            location.contains(": #") || location.contains(": /"),
            "{line:?} has no JSON pointer"
        );
        assert!(
            rule_and_message.contains("] "),
            "{line:?} has no message after the rule"
        );
    }
    errors
}

fn relative(line: &str, file: &Path) -> String {
    line.replace(
        &file.display().to_string(),
        &format!(
            "tests/bad-specs/{}",
            file.file_name().unwrap().to_string_lossy()
        ),
    )
}

#[test]
fn broken_specs_fail_cleanly_and_write_nothing() {
    let tmp = std::env::temp_dir().join(format!("bad-specs-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);
    std::fs::create_dir_all(&tmp).unwrap();
    let mut files = corpus();
    assert!(files.len() >= 15, "the corpus has {} specs", files.len());
    files.push(garbage_file(&tmp));

    let mut report = Vec::new();
    for file in &files {
        let stem = file.file_stem().unwrap().to_string_lossy().into_owned();
        let spec = file.display().to_string();

        let out_dir = sentinel_dir(&tmp, &format!("{stem}-crate"));
        let before = listing(&out_dir);
        let generated = xtask(&[
            "generate",
            "--spec",
            &spec,
            "--out",
            out_dir.to_str().unwrap(),
        ]);
        let lines = check_error_lines(file, &generated);
        assert_eq!(
            listing(&out_dir),
            before,
            "{spec}: generate wrote into its output"
        );

        let gen_dir = sentinel_dir(&tmp, &format!("{stem}-generated"));
        let before = listing(&gen_dir);
        let regenerated = xtask(&[
            "regenerate",
            "--spec",
            &spec,
            "--out",
            gen_dir.to_str().unwrap(),
        ]);
        let regen_lines = check_error_lines(file, &regenerated);
        assert_eq!(
            listing(&gen_dir),
            before,
            "{spec}: regenerate wrote into generated/"
        );
        assert_eq!(
            lines, regen_lines,
            "{spec}: generate and regenerate disagree"
        );

        report.extend(lines.iter().map(|l| relative(l, file)));
    }
    let _ = std::fs::remove_dir_all(&tmp);
    insta::assert_snapshot!(report.join("\n"));
}

#[test]
fn skip_unsupported_leaves_out_operations_with_one_warning_each() {
    let tmp = std::env::temp_dir().join(format!("skip-unsupported-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);
    for name in [
        "multipart-only-body.yaml",
        "cookie-parameter.yaml",
        "multiple-request-media-types.yaml",
    ] {
        let spec = corpus_dir().join(name);
        let out = Command::new(env!("CARGO_BIN_EXE_xtask"))
            .args([
                "generate",
                "--skip-unsupported",
                "--spec",
                spec.to_str().unwrap(),
                "--out",
                tmp.join(name).to_str().unwrap(),
            ])
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{name}: {stderr}");
        let warnings: Vec<&str> = stderr
            .lines()
            .filter(|l| l.starts_with("warning: skipped "))
            .collect();
        assert_eq!(warnings.len(), 1, "{name}: {stderr}");
        assert!(tmp.join(name).join("src/lib.rs").exists());
    }
    let _ = std::fs::remove_dir_all(&tmp);
}
