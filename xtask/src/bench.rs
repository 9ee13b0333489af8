//! `cargo xtask bench [--quick]`: builds the release binaries the benchmarks
//! need (this xtask, whose `generate` is measured, and the harness in
//! `bench/`), then runs the harness. The harness's heavy dependencies
//! (tokio, hyper, reqwest, plotters) stay out of xtask.

use std::path::Path;
use std::process::{Command, ExitCode};

pub fn run(root: &Path, quick: bool) -> ExitCode {
    // Built one package at a time, so that features of one (the codegen's
    // serde_json with `preserve_order`) do not leak into the other's build
    // of the SDK.
    for package in ["xtask", "workiva-processes-bench"] {
        println!("building {package} (release)");
        let status = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
            .args(["build", "--release", "--quiet", "--package", package])
            .current_dir(root)
            .status();
        match status {
            Ok(s) if s.success() => {}
            Ok(s) => {
                eprintln!("error: building {package} failed ({s})");
                return ExitCode::FAILURE;
            }
            Err(e) => {
                eprintln!("error: cannot run cargo: {e}");
                return ExitCode::FAILURE;
            }
        }
    }
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| root.join("target"));
    let mut harness = Command::new(target.join("release/workiva-processes-bench"));
    harness.arg("--root").arg(root).current_dir(root);
    if quick {
        harness.arg("--quick");
    }
    match harness.status() {
        Ok(s) if s.success() => ExitCode::SUCCESS,
        Ok(_) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("error: cannot run the benchmark harness: {e}");
            ExitCode::FAILURE
        }
    }
}
