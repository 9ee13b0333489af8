//! `cargo xtask bench [--quick]`: the benchmark harness.
//!
//! Benchmarks are not tests: nothing here asserts a timing. Each comparison
//! prints one line, `NAME: RATIO (ours X vs baseline Y)`, with medians of
//! repeated runs, and the full run writes `bench/RESULTS.md` and
//! `bench/scaling.svg` (a quick run writes them under `target/bench/`).
//!
//! Run it through `cargo xtask bench`, which builds this crate and the xtask
//! binary in release mode first; run directly it needs `--root`.

mod build_cost;
mod generation;
mod report;
mod runtime;
mod scaling;
mod stats;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Instant;

/// What a comparison's ratio must be.
#[derive(Debug, Clone, Copy)]
pub enum Goal {
    /// The ratio must be at least this (speed-ups, throughput).
    AtLeast(f64),
    /// The ratio must be at most this (slow-downs, costs).
    AtMost(f64),
    /// Context only.
    None,
}

impl Goal {
    pub fn met(self, ratio: f64) -> Option<bool> {
        match self {
            Goal::AtLeast(g) => Some(ratio >= g),
            Goal::AtMost(g) => Some(ratio <= g),
            Goal::None => None,
        }
    }

    pub fn text(self) -> String {
        match self {
            Goal::AtLeast(g) => format!("≥ {g}"),
            Goal::AtMost(g) => format!("≤ {g}"),
            Goal::None => "context".into(),
        }
    }
}

/// One comparison, as printed and reported.
#[derive(Debug, Clone)]
pub struct Comparison {
    /// Which section it belongs to (generation, scaling, runtime, build cost).
    pub section: &'static str,
    pub name: String,
    /// What the ratio is, e.g. "baseline / ours (speed-up)".
    pub ratio_means: &'static str,
    pub ratio: f64,
    pub ours: String,
    pub baseline: String,
    pub goal: Goal,
    /// How it was measured (repetitions, caveats).
    pub note: String,
}

impl Comparison {
    pub fn line(&self) -> String {
        let verdict = match self.goal.met(self.ratio) {
            Some(true) => format!("goal {}: met", self.goal.text()),
            Some(false) => format!("goal {}: NOT met", self.goal.text()),
            None => "context".into(),
        };
        format!(
            "{}: {:.2} (ours {} vs baseline {}) [{}; {}]",
            self.name, self.ratio, self.ours, self.baseline, self.ratio_means, verdict
        )
    }
}

/// Everything a section needs, and what it adds to the report.
pub struct Ctx {
    pub root: PathBuf,
    pub quick: bool,
    /// Scratch space: `target/bench`.
    pub work: PathBuf,
    /// The release xtask binary.
    pub xtask_bin: PathBuf,
    pub platform_spec: Option<PathBuf>,
    pub comparisons: Vec<Comparison>,
    /// What was skipped, one line each.
    pub skipped: Vec<String>,
    /// Facts worth reporting (versions, headers sent, dependency checks).
    pub notes: Vec<String>,
    pub scaling: Vec<scaling::Row>,
}

impl Ctx {
    pub fn add(&mut self, c: Comparison) {
        println!("{}", c.line());
        self.comparisons.push(c);
    }

    pub fn skip(&mut self, what: impl Into<String>) {
        let what = what.into();
        println!("skipped: {what}");
        self.skipped.push(what);
    }

    pub fn note(&mut self, what: impl Into<String>) {
        let what = what.into();
        println!("  note: {what}");
        self.notes.push(what);
    }
}

const SECTIONS: [&str; 4] = ["generation", "scaling", "runtime", "build-cost"];

struct Args {
    quick: bool,
    root: Option<PathBuf>,
    only: Option<Vec<String>>,
    platform_spec: Option<PathBuf>,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        quick: false,
        root: None,
        only: None,
        platform_spec: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        let mut value = |name: &str| it.next().ok_or(format!("{name} needs a value"));
        match a.as_str() {
            "--quick" => args.quick = true,
            "--root" => args.root = Some(value("--root")?.into()),
            "--platform-spec" => args.platform_spec = Some(value("--platform-spec")?.into()),
            "--only" => {
                let v = value("--only")?;
                let list: Vec<String> = v.split(',').map(str::to_string).collect();
                if let Some(bad) = list.iter().find(|s| !SECTIONS.contains(&s.as_str())) {
                    return Err(format!("unknown section `{bad}` (one of {SECTIONS:?})"));
                }
                args.only = Some(list);
            }
            "-h" | "--help" => {
                return Err(format!(
                    "usage: workiva-processes-bench [--quick] [--root DIR] [--only {}] [--platform-spec FILE]",
                    SECTIONS.join(",")
                ));
            }
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    Ok(args)
}

/// The platform spec: given, or shared/specs beside the workspace.
fn find_platform_spec(root: &Path, given: Option<PathBuf>) -> Option<PathBuf> {
    const NAME: &str = "specs/workiva-platform-2026-01-01.oas.yaml";
    if let Some(p) = given {
        return Some(p);
    }
    if let Ok(p) = std::env::var("WORKIVA_PLATFORM_SPEC") {
        return Some(p.into());
    }
    [
        root.join("../shared").join(NAME),
        PathBuf::from("/work/shared").join(NAME),
    ]
    .into_iter()
    .find(|p| p.is_file())
}

pub fn loadavg() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".into())
}

/// Runs a command to completion, its output captured; Err with its stderr
/// when it fails.
pub fn run_captured(cmd: &mut Command) -> Result<std::process::Output, String> {
    let out = cmd
        .output()
        .map_err(|e| format!("cannot run {cmd:?}: {e}"))?;
    if !out.status.success() {
        let stderr = String::from_utf8_lossy(&out.stderr);
        let tail: Vec<&str> = stderr.lines().rev().take(15).collect();
        return Err(format!(
            "{cmd:?} failed ({}):\n{}",
            out.status,
            tail.into_iter().rev().collect::<Vec<_>>().join("\n")
        ));
    }
    Ok(out)
}

/// Wall time of one run of a command, in seconds.
pub fn time_cmd(cmd: &mut Command) -> Result<f64, String> {
    Ok(time_cmd_cpu(cmd)?.0)
}

/// CPU time (user + system) of every child this process has waited for.
fn children_cpu_s() -> f64 {
    // SAFETY: getrusage only writes into the struct it is given.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    if unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) } != 0 {
        return 0.0;
    }
    let tv = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 * 1e-6;
    tv(usage.ru_utime) + tv(usage.ru_stime)
}

/// Wall time and CPU time (user + system, all threads) of one run of a
/// command, in seconds. CPU time shows how much of the wall time was the
/// command's own work on a loaded machine.
pub fn time_cmd_cpu(cmd: &mut Command) -> Result<(f64, f64), String> {
    let cpu_before = children_cpu_s();
    let started = Instant::now();
    run_captured(cmd)?;
    let wall = started.elapsed().as_secs_f64();
    Ok((wall, children_cpu_s() - cpu_before))
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    let root = match args.root.clone().or_else(|| std::env::current_dir().ok()) {
        Some(r) => r,
        None => {
            eprintln!("cannot tell the workspace root; pass --root");
            return ExitCode::FAILURE;
        }
    };
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target"));
    let mut ctx = Ctx {
        xtask_bin: target.join("release/xtask"),
        work: target.join("bench"),
        platform_spec: find_platform_spec(&root, args.platform_spec.clone()),
        root,
        quick: args.quick,
        comparisons: Vec::new(),
        skipped: Vec::new(),
        notes: Vec::new(),
        scaling: Vec::new(),
    };
    if let Err(e) = std::fs::create_dir_all(&ctx.work) {
        eprintln!("cannot create {}: {e}", ctx.work.display());
        return ExitCode::FAILURE;
    }
    let started = Instant::now();
    let load_before = loadavg();
    let date = report::now_utc();
    println!(
        "workiva-processes bench ({} run), load average before: {load_before}",
        if ctx.quick { "quick" } else { "full" }
    );
    let wanted = |s: &str| args.only.as_ref().is_none_or(|o| o.iter().any(|x| x == s));
    let mut failed = false;
    type Section = fn(&mut Ctx) -> Result<(), String>;
    let sections: [(&str, Section); 4] = [
        ("generation", generation::run),
        ("scaling", scaling::run),
        ("runtime", runtime::run),
        ("build-cost", build_cost::run),
    ];
    for (name, run) in sections {
        if !wanted(name) {
            ctx.skip(format!("{name}: not selected (--only)"));
            continue;
        }
        println!("\n== {name} (load {})", loadavg());
        let t = Instant::now();
        if let Err(e) = run(&mut ctx) {
            eprintln!("error in {name}: {e}");
            ctx.skipped.push(format!("{name}: failed: {e}"));
            failed = true;
        }
        println!("== {name} took {:.1} s", t.elapsed().as_secs_f64());
    }
    let load_after = loadavg();
    let elapsed = started.elapsed().as_secs_f64();
    println!("\nload average after: {load_after}; the run took {elapsed:.0} s\n\nsummary:");
    for c in &ctx.comparisons {
        println!("{}", c.line());
    }
    for s in &ctx.skipped {
        println!("skipped: {s}");
    }
    let meta = report::Meta {
        date,
        load_before,
        load_after,
        elapsed,
        quick: ctx.quick,
    };
    // Only a full run of every section replaces the checked-in report.
    let (md, svg) = if ctx.quick || args.only.is_some() {
        let kind = if ctx.quick { "quick" } else { "partial" };
        (
            ctx.work.join(format!("RESULTS-{kind}.md")),
            ctx.work.join(format!("scaling-{kind}.svg")),
        )
    } else {
        (
            ctx.root.join("bench/RESULTS.md"),
            ctx.root.join("bench/scaling.svg"),
        )
    };
    match report::write(&ctx, &meta, &md, &svg) {
        Ok(()) => println!("\nwrote {} and {}", md.display(), svg.display()),
        Err(e) => {
            eprintln!("cannot write the report: {e}");
            failed = true;
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
