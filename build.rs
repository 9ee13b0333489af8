//! Generates the client from `openapi/processes.yaml` into `OUT_DIR` with the
//! same pipeline as `cargo xtask regenerate`. Without the `codegen` feature the
//! crate compiles the checked-in `generated/` copy instead and this does nothing.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    #[cfg(feature = "codegen")]
    generate();
}

#[cfg(feature = "codegen")]
fn generate() {
    use std::path::PathBuf;

    const SPEC: &str = "openapi/processes.yaml";
    let root = PathBuf::from(
        std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"),
    );
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    println!("cargo:rerun-if-changed={SPEC}");
    match workiva_processes_codegen::generate_sdk(&root.join(SPEC), SPEC) {
        Ok(files) => {
            for f in files {
                if let Err(e) = std::fs::write(out.join(&f.name), f.contents) {
                    eprintln!("error: cannot write {}: {e}", out.join(&f.name).display());
                    std::process::exit(1);
                }
            }
        }
        Err(diagnostics) => {
            // One line per problem, as cargo shows build script errors.
            for d in &diagnostics.0 {
                println!("cargo::error={d}");
            }
            eprintln!("{diagnostics}");
            std::process::exit(1);
        }
    }
}
