//! Comparison 1: whole-process wall time of `xtask generate` (the release
//! binary, invoked directly) against openapi-generator's Rust client
//! generator, warm runs, on the SDK's spec and on the platform spec.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::stats::{fmt_secs, median};
use crate::{Comparison, Ctx, Goal, run_captured, time_cmd_cpu};

/// The version of the PyPI package (it bundles the generator's jar).
pub const OPENAPI_GENERATOR_VERSION: &str = "7.26.0";

/// Reference medians from an earlier measurement on this kind of machine,
/// used as the baseline of a quick run (which does not start the JVM).
const REFERENCE_SMALL_S: f64 = 1.67;
const REFERENCE_PLATFORM_S: f64 = 6.07;

struct Case {
    label: &'static str,
    spec: PathBuf,
    goal: f64,
    reference: f64,
}

pub fn run(ctx: &mut Ctx) -> Result<(), String> {
    if !ctx.xtask_bin.is_file() {
        return Err(format!(
            "{} is missing: run through `cargo xtask bench`, which builds it",
            ctx.xtask_bin.display()
        ));
    }
    let mut cases = vec![Case {
        label: "processes.yaml",
        spec: ctx.root.join("openapi/processes.yaml"),
        goal: 300.0,
        reference: REFERENCE_SMALL_S,
    }];
    match &ctx.platform_spec {
        Some(p) => cases.push(Case {
            label: "platform spec",
            spec: p.clone(),
            goal: 20.0,
            reference: REFERENCE_PLATFORM_S,
        }),
        None => ctx.skip(
            "generation on the platform spec: not found (pass --platform-spec or set WORKIVA_PLATFORM_SPEC)",
        ),
    }
    let generator = if ctx.quick {
        ctx.skip(format!(
            "openapi-generator runs (quick): the baseline is the reference median of openapi-generator {OPENAPI_GENERATOR_VERSION} on this machine ({REFERENCE_SMALL_S} s on a one-operation spec, {REFERENCE_PLATFORM_S} s on the platform spec), not measured"
        ));
        None
    } else {
        match ensure_openapi_generator(ctx) {
            Ok(bin) => Some(bin),
            Err(e) => {
                ctx.skip(format!("openapi-generator runs: {e}"));
                None
            }
        }
    };
    let out = ctx.work.join("gen");
    for case in &cases {
        let (warmup, reps) = if ctx.quick { (1, 5) } else { (2, 15) };
        let ours_dir = out.join(format!("ours-{}", slug(case.label)));
        let ours = repeat(warmup, reps, &ours_dir, || {
            let mut c = Command::new(&ctx.xtask_bin);
            c.arg("generate")
                .arg("--spec")
                .arg(&case.spec)
                .arg("--out")
                .arg(&ours_dir)
                .arg("--crate-name")
                .arg("bench-generated");
            c
        })?;
        let ours_m = ours.wall;
        let (baseline_m, note) = match &generator {
            Some(bin) => {
                let dir = out.join(format!("openapi-generator-{}", slug(case.label)));
                let theirs = repeat(1, 5, &dir, || {
                    let mut c = Command::new(bin);
                    c.arg("generate")
                        .arg("-g")
                        .arg("rust")
                        .arg("-i")
                        .arg(&case.spec)
                        .arg("-o")
                        .arg(&dir);
                    c
                })?;
                (
                    theirs.wall,
                    format!(
                        "wall time, median of {reps} runs (ours) and 5 runs (openapi-generator {OPENAPI_GENERATOR_VERSION}), after warm-up runs, fresh output directory each run; CPU time (user + system) {} vs {}",
                        fmt_secs(ours.cpu),
                        fmt_secs(theirs.cpu)
                    ),
                )
            }
            None => (
                case.reference,
                format!(
                    "wall time, median of {reps} runs (CPU time {}); baseline: reference figure for openapi-generator {OPENAPI_GENERATOR_VERSION}, not measured in this run",
                    fmt_secs(ours.cpu)
                ),
            ),
        };
        ctx.add(Comparison {
            section: "generation",
            name: format!("generation speed-up on {}", case.label),
            ratio_means: "baseline time / our time",
            ratio: baseline_m / ours_m,
            ours: fmt_secs(ours_m),
            baseline: fmt_secs(baseline_m),
            goal: Goal::AtLeast(case.goal),
            note,
        });
    }
    Ok(())
}

fn slug(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect()
}

/// Medians of wall and CPU time.
struct Times {
    wall: f64,
    cpu: f64,
}

/// Times `reps` runs after `warmup` untimed ones, removing `out` before each.
fn repeat(
    warmup: usize,
    reps: usize,
    out: &Path,
    cmd: impl Fn() -> Command,
) -> Result<Times, String> {
    let (mut wall, mut cpu) = (Vec::with_capacity(reps), Vec::with_capacity(reps));
    for i in 0..warmup + reps {
        if out.exists() {
            std::fs::remove_dir_all(out).map_err(|e| format!("{}: {e}", out.display()))?;
        }
        let (w, c) = time_cmd_cpu(&mut cmd())?;
        if i >= warmup {
            wall.push(w);
            cpu.push(c);
        }
    }
    Ok(Times {
        wall: median(&wall),
        cpu: median(&cpu),
    })
}

/// openapi-generator-cli in a virtualenv under target/, installed when missing.
fn ensure_openapi_generator(ctx: &mut Ctx) -> Result<PathBuf, String> {
    let java = Command::new("java").arg("-version").output();
    let java_version = match java {
        Ok(o) if o.status.success() => String::from_utf8_lossy(&o.stderr)
            .lines()
            .next()
            .unwrap_or("")
            .to_string(),
        _ => return Err("no working `java` on PATH (openapi-generator needs Java 11+)".into()),
    };
    let venv = ctx.root.join("target/bench-venv");
    let bin = venv.join("bin/openapi-generator-cli");
    if !bin.is_file() {
        println!(
            "installing openapi-generator-cli {OPENAPI_GENERATOR_VERSION} into {}",
            venv.display()
        );
        run_captured(Command::new("python3").arg("-m").arg("venv").arg(&venv))?;
        run_captured(
            Command::new(venv.join("bin/pip"))
                .arg("install")
                .arg("--quiet")
                .arg("--disable-pip-version-check")
                .arg(format!(
                    "openapi-generator-cli=={OPENAPI_GENERATOR_VERSION}"
                )),
        )?;
    }
    let version = run_captured(Command::new(&bin).arg("version"))
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default();
    ctx.note(format!(
        "openapi-generator-cli {version} (PyPI wrapper with the bundled jar), {java_version}"
    ));
    Ok(bin)
}
