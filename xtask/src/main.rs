//! Maintainers' tasks: `cargo xtask regenerate [--check]`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
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
    let root = workspace_root();
    if let Err(e) = std::env::set_current_dir(&root) {
        eprintln!("error: cannot enter {}: {e}", root.display());
        return ExitCode::FAILURE;
    }
    match cli.command {
        Command::Regenerate { check } => regenerate(check),
    }
}

fn regenerate(check: bool) -> ExitCode {
    let files = match codegen::generate_sdk(Path::new(SPEC), SPEC) {
        Ok(files) => files,
        Err(diagnostics) => {
            eprintln!("{diagnostics}");
            eprintln!("{GENERATED}/ was left untouched");
            return ExitCode::FAILURE;
        }
    };
    let dir = Path::new(GENERATED);
    if check {
        let changes = write::compare(dir, &files);
        if !changes.iter().any(|c| c.is_change()) {
            println!("{GENERATED}/ is up to date with {SPEC}");
            return ExitCode::SUCCESS;
        }
        eprintln!(
            "error: {GENERATED}/ is stale; run `cargo xtask regenerate` and review the diff:"
        );
        for (change, file) in changes.iter().zip(&files) {
            if change.is_change() {
                eprintln!("  {change}");
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
                println!("{change}");
            }
            let n = changes.iter().filter(|c| c.is_change()).count();
            println!("{n} file(s) changed");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: cannot write {GENERATED}/: {e}");
            ExitCode::FAILURE
        }
    }
}
