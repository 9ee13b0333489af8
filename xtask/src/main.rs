//! Maintainers' tasks: `cargo xtask regenerate [--check]`.

mod bench;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
use workiva_processes_codegen::{self as codegen, write};

/// The spec, relative to the workspace root.
const SPEC: &str = "openapi/processes.yaml";
/// Where the reviewed copy of the generated code lives.
const GENERATED: &str = "generated";

#[derive(Parser)]
#[command(
    name = "cargo xtask",
    about = "Maintainers' tasks for the workiva-processes workspace"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Regenerate generated/ from openapi/processes.yaml (all files or none).
    Regenerate {
        /// Write nothing; exit 1 with a summary when generated/ is stale.
        #[arg(long)]
        check: bool,
        /// Another spec (for tests of the guards; default openapi/processes.yaml).
        #[arg(long, hide = true)]
        spec: Option<PathBuf>,
        /// Another output directory (default generated/).
        #[arg(long, hide = true)]
        out: Option<PathBuf>,
    },
    /// Generate a standalone client crate from any OpenAPI 3.0 spec.
    Generate {
        /// The spec (YAML or JSON).
        #[arg(long)]
        spec: PathBuf,
        /// Directory to write the crate into (created if missing).
        #[arg(long)]
        out: PathBuf,
        /// Package name of the crate (default: from the spec's file name).
        #[arg(long)]
        crate_name: Option<String>,
        /// Leave out operations the generator cannot support, with one
        /// warning line each, instead of failing.
        #[arg(long)]
        skip_unsupported: bool,
    },
    /// Classify the changes between two revisions of the spec (exit 1 when
    /// any is breaking, 2 on errors).
    Diff {
        /// The old revision: a spec file, or a git revision of
        /// openapi/processes.yaml (`HEAD~1`, `main`, a commit).
        old: String,
        /// The new revision, likewise (default: the working copy of
        /// openapi/processes.yaml).
        new: Option<String>,
    },
    /// Run the benchmarks (generation, scaling, runtime overhead, build
    /// cost); the full run writes bench/RESULTS.md and bench/scaling.svg.
    Bench {
        /// Fewer repetitions and sizes, no openapi-generator or cold builds
        /// (under 3 minutes once built; a smoke test).
        #[arg(long)]
        quick: bool,
    },
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives in the workspace")
        .to_path_buf()
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    // Paths given on the command line are the caller's, relative to where
    // cargo was run; the defaults are the workspace's.
    match cli.command {
        Command::Generate {
            spec,
            out,
            crate_name,
            skip_unsupported,
        } => generate(&spec, &out, crate_name, skip_unsupported),
        Command::Regenerate { check, spec, out } => {
            let root = workspace_root();
            let spec = spec.unwrap_or_else(|| root.join(SPEC));
            let out = out.unwrap_or_else(|| root.join(GENERATED));
            regenerate(check, &spec, &out)
        }
        Command::Diff { old, new } => diff(&old, new.as_deref()),
        Command::Bench { quick } => bench::run(&workspace_root(), quick),
    }
}

/// A path as the user should read it: relative to the workspace when inside.
fn shown(path: &Path) -> String {
    path.strip_prefix(workspace_root())
        .unwrap_or(path)
        .display()
        .to_string()
}

fn shown_change(change: &write::FileChange) -> String {
    change
        .to_string()
        .replace(&format!("{}/", workspace_root().display()), "")
}

fn regenerate(check: bool, spec: &Path, dir: &Path) -> ExitCode {
    // File headers name the spec as the repository does, whatever the path.
    let spec_name = if spec == workspace_root().join(SPEC) {
        SPEC.to_string()
    } else {
        spec.display().to_string()
    };
    let files = match codegen::generate_sdk(spec, &spec_name) {
        Ok(files) => files,
        Err(diagnostics) => {
            eprintln!("{diagnostics}");
            eprintln!("{} was left untouched", shown(dir));
            return ExitCode::FAILURE;
        }
    };
    if check {
        let changes = write::compare(dir, &files);
        if !changes.iter().any(|c| c.is_change()) {
            println!("{} is up to date with {spec_name}", shown(dir));
            return ExitCode::SUCCESS;
        }
        eprintln!(
            "error: {} is stale; run `cargo xtask regenerate` and review the diff:",
            shown(dir)
        );
        for (change, file) in changes.iter().zip(&files) {
            if change.is_change() {
                eprintln!("  {}", shown_change(change));
                for line in write::diff_excerpt(dir, file, 8) {
                    eprintln!("    {line}");
                }
            }
        }
        return ExitCode::FAILURE;
    }
    match write::write_all(dir, &files) {
        Ok(changes) => {
            for change in &changes {
                println!("{}", shown_change(change));
            }
            let n = changes.iter().filter(|c| c.is_change()).count();
            println!("{n} file(s) changed");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: cannot write {}: {e}", shown(dir));
            ExitCode::FAILURE
        }
    }
}

fn generate(
    spec: &Path,
    out: &Path,
    crate_name: Option<String>,
    skip_unsupported: bool,
) -> ExitCode {
    let crate_name = crate_name.unwrap_or_else(|| {
        let stem = spec
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let name: String = stem
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() {
                    c.to_ascii_lowercase()
                } else {
                    '-'
                }
            })
            .collect();
        let name = name.trim_matches('-').to_string();
        if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) {
            format!("api-{name}")
        } else {
            name
        }
    });
    let options = codegen::StandaloneOptions {
        crate_name,
        skip_unsupported,
    };
    let spec_name = spec.display().to_string();
    let started = std::time::Instant::now();
    let generated = match codegen::generate_standalone(spec, &spec_name, &options) {
        Ok(g) => g,
        Err(diagnostics) => {
            eprintln!("{diagnostics}");
            eprintln!("{} was left untouched", out.display());
            return ExitCode::FAILURE;
        }
    };
    for w in &generated.warnings {
        eprintln!("{w}");
    }
    for n in &generated.notes {
        eprintln!("note: {n}");
    }
    match write::write_all(out, &generated.files) {
        Ok(changes) => {
            for change in changes {
                println!("{change}");
            }
            println!(
                "generated {} operations into {} in {:.2} s",
                generated.operations,
                out.display(),
                started.elapsed().as_secs_f64()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: cannot write {}: {e}", out.display());
            ExitCode::FAILURE
        }
    }
}

/// `cargo xtask diff OLD [NEW]`: every change between the two revisions, one
/// line each, classified; exit 1 when any is breaking, 2 when a side cannot be
/// read or parsed.
fn diff(old: &str, new: Option<&str>) -> ExitCode {
    use codegen::diff::Source;
    let root = workspace_root();
    let load = |source: &Source| codegen::diff::load_source(source, &root, SPEC);
    let old = load(&Source::from_arg(old));
    let new = match new {
        Some(arg) => load(&Source::from_arg(arg)),
        // The working copy, named in diagnostics as the repository names it.
        None => load(&Source::File(root.join(SPEC)))
            .map_err(|e| e.replace(&format!("{}/", root.display()), "")),
    };
    let (old, new) = match (old, new) {
        (Ok(old), Ok(new)) => (old, new),
        (old, new) => {
            for e in [old.err(), new.err()].into_iter().flatten() {
                eprintln!("{e}");
            }
            return ExitCode::from(2);
        }
    };
    let report = codegen::diff::diff(&old, &new);
    for line in report.lines() {
        println!("{line}");
    }
    eprintln!("{}", report.summary());
    ExitCode::from(report.exit_code())
}
