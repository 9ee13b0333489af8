//! The generation pipeline shared by `build.rs` and `cargo xtask`, so the two
//! can never produce different code:
//!
//! load (YAML -> OpenAPI) -> preflight (rules) -> normalize -> progenitor ->
//! post-process -> prettyplease.
//!
//! Output is deterministic: the same spec gives the same bytes.

pub mod diag;
pub mod diff;
mod emit;
pub mod load;
mod model;
pub mod normalize;
pub mod preflight;
mod standalone;
mod tolerant;
pub mod write;

use std::path::Path;

pub use diag::{Diagnostic, Diagnostics};
pub use load::Spec;

/// One generated file: its name under `generated/` (or `OUT_DIR`) and text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedFile {
    /// Path relative to the output directory, `/`-separated.
    pub name: String,
    pub contents: String,
}

/// The command that regenerates the checked-in copy.
pub const REGENERATE_COMMAND: &str = "cargo xtask regenerate";

fn header(spec_name: &str) -> String {
    header_for(spec_name, REGENERATE_COMMAND)
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
    let tokens =
        emit::replace_path_encoder(tokens, &quote::quote!(crate::input::encode_path_segment));
    let mut raw_file: syn::File = syn::parse2(tokens).map_err(|e| {
        fail(
            "generator-error",
            format!("generated code does not parse: {e}"),
        )
    })?;
    tolerant::make_enums_tolerant(&mut raw_file);
    tolerant::gate_json_schema_derive(&mut raw_file);
    let operations = emit::sdk_operations(&raw_file, &facts, spec_name)
        .map_err(|m| fail("generator-error", m))?;
    let operations = emit::format(operations).map_err(|m| fail("generator-error", m))?;

    let head = header(spec_name);
    Ok(vec![
        GeneratedFile {
            name: "progenitor.rs".into(),
            contents: format!("{head}{}", prettyplease::unparse(&raw_file)),
        },
        GeneratedFile {
            name: "operations.rs".into(),
            contents: format!("{head}{operations}"),
        },
    ])
}

/// A standalone crate generated from any OpenAPI 3.0 spec.
#[derive(Debug, Clone)]
pub struct Standalone {
    pub files: Vec<GeneratedFile>,
    /// Operations left out (`--skip-unsupported`), one line each.
    pub warnings: Vec<String>,
    /// What the normalization passes changed, one line each.
    pub notes: Vec<String>,
    /// How many operations the crate has.
    pub operations: usize,
}

/// Options of [`generate_standalone`].
#[derive(Debug, Clone, Default)]
pub struct StandaloneOptions {
    pub crate_name: String,
    /// Leave out operations the generator cannot support (one warning each)
    /// instead of failing.
    pub skip_unsupported: bool,
}

/// Runs the same pipeline on any OpenAPI 3.0 spec and returns a crate that
/// compiles as it is: `Cargo.toml` and `src/lib.rs`.
pub fn generate_standalone(
    spec_path: &Path,
    spec_name: &str,
    options: &StandaloneOptions,
) -> Result<Standalone, Diagnostics> {
    let mut spec = load::load(spec_path)?;
    let mut warnings = Vec::new();
    if let Err(problems) = preflight::check(&spec) {
        let (skippable, fatal): (Vec<Diagnostic>, Vec<Diagnostic>) =
            problems.0.into_iter().partition(|d| {
                options.skip_unsupported
                    && preflight::SKIPPABLE.contains(&d.rule)
                    && operation_pointer(&d.pointer).is_some()
            });
        if !fatal.is_empty() {
            return Err(Diagnostics(fatal));
        }
        let mut removed = std::collections::BTreeSet::new();
        for d in &skippable {
            let (path, method) = operation_pointer(&d.pointer).expect("partitioned on this");
            if removed.insert((path.clone(), method.clone())) {
                if let Some(item) = spec
                    .json
                    .get_mut("paths")
                    .and_then(|p| p.get_mut(&path))
                    .and_then(|i| i.as_object_mut())
                {
                    item.remove(&method);
                }
                warnings.push(format!(
                    "warning: skipped {} {path}: {d}",
                    method.to_uppercase()
                ));
            }
        }
    }
    let notes = standalone::normalize(&mut spec.json);
    // The raw tree and the first typed copy are not needed past this point
    // (diagnostics use the text): moving and freeing them here saves a clone
    // of the tree and lets progenitor reuse their memory.
    spec.openapi = openapiv3::OpenAPI::default();
    let api: openapiv3::OpenAPI =
        serde_json::from_value(std::mem::take(&mut spec.json)).map_err(|e| {
            Diagnostics(vec![spec.diag(
                "",
                "normalization-error",
                format!("the normalized spec no longer parses: {e}"),
            )])
        })?;
    let operations = model::operations(&api).len();
    let fail =
        |rule: &'static str, message: String| Diagnostics(vec![spec.diag("", rule, message)]);
    let mut settings = progenitor::GenerationSettings::new();
    settings.with_interface(progenitor::InterfaceStyle::Positional);
    let tokens =
        emit::progenitor_tokens(&api, &settings).map_err(|m| fail("generator-error", m))?;
    let mut file: syn::File = syn::parse2(tokens).map_err(|e| {
        fail(
            "generator-error",
            format!("generated code does not parse: {e}"),
        )
    })?;
    tolerant::make_enums_tolerant(&mut file);
    let head = header_for(spec_name, "cargo xtask generate");
    let lib = format!(
        "{head}#![allow(clippy::all, unused_imports, dead_code, rustdoc::all)]\n\n{}",
        prettyplease::unparse(&file)
    );
    let manifest = standalone_manifest(&options.crate_name, spec_name, &api.info.version);
    Ok(Standalone {
        files: vec![
            GeneratedFile {
                name: "Cargo.toml".into(),
                contents: manifest,
            },
            GeneratedFile {
                name: "src/lib.rs".into(),
                contents: lib,
            },
        ],
        warnings,
        notes,
        operations,
    })
}

/// `/paths/<path>/<method>/...` -> (path, method).
fn operation_pointer(pointer: &str) -> Option<(String, String)> {
    let mut parts = pointer.strip_prefix("/paths/")?.splitn(3, '/');
    let path = parts.next()?.replace("~1", "/").replace("~0", "~");
    let method = parts.next()?.to_string();
    const METHODS: [&str; 8] = [
        "get", "put", "post", "delete", "options", "head", "patch", "trace",
    ];
    METHODS.contains(&method.as_str()).then_some((path, method))
}

fn header_for(spec_name: &str, command: &str) -> String {
    format!(
        "// @generated from {spec_name} by `{command}` (workiva-processes-codegen). Do not edit.\n\n"
    )
}

fn standalone_manifest(crate_name: &str, spec_name: &str, version: &str) -> String {
    format!(
        r#"# @generated from {spec_name} by `cargo xtask generate` (workiva-processes-codegen). Do not edit.
[package]
name = "{crate_name}"
version = "0.1.0"
edition = "2021"
description = "Client for the API described by {spec_name} (version {version})"
publish = false

# A standalone crate, not a member of any enclosing workspace.
[workspace]

[dependencies]
bytes = "1"
chrono = {{ version = "0.4", default-features = false, features = ["serde", "std"] }}
futures = "0.3"
progenitor-client = "0.15.1"
regress = "0.10"
# TLS: enable a reqwest TLS feature (e.g. "rustls") in the application.
reqwest = {{ version = "0.13", default-features = false, features = ["json", "query", "form", "stream"] }}
serde = {{ version = "1", features = ["derive"] }}
serde_json = "1"
uuid = {{ version = "1", features = ["serde"] }}
"#
    )
}
