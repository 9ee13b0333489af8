//! The generation pipeline shared by `build.rs` and `cargo xtask`, so the two
//! can never produce different code:
//!
//! load (YAML -> OpenAPI) -> preflight (rules) -> normalize -> progenitor ->
//! post-process -> prettyplease.
//!
//! Output is deterministic: the same spec gives the same bytes.

pub mod diag;
mod emit;
pub mod load;
mod model;
pub mod normalize;
pub mod preflight;
mod tolerant;
pub mod write;

use std::path::Path;

pub use diag::{Diagnostic, Diagnostics};
pub use load::Spec;

/// One generated file: its name under `generated/` (or `OUT_DIR`) and text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedFile {
    pub name: &'static str,
    pub contents: String,
}

/// The command that regenerates the checked-in copy.
pub const REGENERATE_COMMAND: &str = "cargo xtask regenerate";

fn header(spec_name: &str) -> String {
    format!(
        "// @generated from {spec_name} by `{REGENERATE_COMMAND}` (workiva-processes-codegen). Do not edit.\n\n"
    )
}

/// Generates the SDK's files from the spec at `spec_path`. `spec_name` is how
/// file headers and docs name the spec (e.g. `openapi/processes.yaml`).
pub fn generate_sdk(spec_path: &Path, spec_name: &str) -> Result<Vec<GeneratedFile>, Diagnostics> {
    let spec = load::load(spec_path)?;
    preflight::check(&spec)?;
    let (api, facts) = normalize::for_sdk(&spec).map_err(Diagnostics)?;
    let fail =
        |rule: &'static str, message: String| Diagnostics(vec![spec.diag("", rule, message)]);

    let tokens = emit::progenitor_tokens(&api, &emit::sdk_settings())
        .map_err(|m| fail("generator-error", m))?;
    let tokens = emit::rename_version_header(tokens, normalize::VERSION_HEADER);
    let mut raw_file: syn::File = syn::parse2(tokens).map_err(|e| {
        fail(
            "generator-error",
            format!("generated code does not parse: {e}"),
        )
    })?;
    tolerant::make_enums_tolerant(&mut raw_file);
    let operations = emit::sdk_operations(&raw_file, &facts, spec_name)
        .map_err(|m| fail("generator-error", m))?;
    let operations = emit::format(operations).map_err(|m| fail("generator-error", m))?;

    let head = header(spec_name);
    Ok(vec![
        GeneratedFile {
            name: "progenitor.rs",
            contents: format!("{head}{}", prettyplease::unparse(&raw_file)),
        },
        GeneratedFile {
            name: "operations.rs",
            contents: format!("{head}{operations}"),
        },
    ])
}
