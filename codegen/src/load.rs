//! Loading: bytes -> YAML -> JSON value -> `openapiv3::OpenAPI`, with a
//! locator that maps JSON pointers back to YAML lines for diagnostics.

use std::path::{Path, PathBuf};

use saphyr::{LoadableYamlNode, MarkedYaml, YamlData};

use crate::diag::{Diagnostic, Diagnostics};

/// A spec that parsed as YAML and as an OpenAPI 3.0 document.
#[derive(Debug, Clone)]
pub struct Spec {
    /// Where it came from (as given by the caller).
    pub path: PathBuf,
    /// The source text.
    pub text: String,
    /// The document as JSON, for rules that walk the raw tree.
    pub json: serde_json::Value,
    /// The typed document.
    pub openapi: openapiv3::OpenAPI,
}

impl Spec {
    /// A diagnostic at `pointer`, with its line filled in when it can be found.
    pub fn diag(
        &self,
        pointer: impl Into<String>,
        rule: &'static str,
        message: impl Into<String>,
    ) -> Diagnostic {
        let pointer = pointer.into();
        Diagnostic {
            file: self.path.clone(),
            line: line_of(&self.text, &pointer),
            pointer,
            rule,
            message: message.into(),
        }
    }
}

/// Specs larger than this are refused before parsing: the published platform
/// spec is about 1 MB, and a YAML parser fed hundreds of MB of garbage would
/// only waste minutes before failing.
pub const MAX_SPEC_BYTES: u64 = 16 * 1024 * 1024;

/// Reads and parses a spec file.
pub fn load(path: &Path) -> Result<Spec, Diagnostics> {
    let unreadable = |e: std::io::Error| {
        Diagnostics::one(
            path,
            "",
            "unreadable-file",
            format!("cannot read the spec: {e}"),
        )
    };
    let meta = std::fs::metadata(path).map_err(unreadable)?;
    if meta.len() > MAX_SPEC_BYTES {
        return Err(Diagnostics::one(
            path,
            "",
            "file-too-large",
            format!(
                "the spec is {} bytes; the limit is {MAX_SPEC_BYTES}",
                meta.len()
            ),
        ));
    }
    let bytes = std::fs::read(path).map_err(unreadable)?;
    let text = String::from_utf8(bytes).map_err(|e| {
        Diagnostics::one(
            path,
            "",
            "not-utf8",
            format!(
                "the spec is not UTF-8 (invalid byte at offset {})",
                e.utf8_error().valid_up_to()
            ),
        )
    })?;
    parse(path, text)
}

/// Parses spec text that claims to come from `path`.
pub fn parse(path: &Path, text: String) -> Result<Spec, Diagnostics> {
    if text.trim().is_empty() {
        return Err(Diagnostics::one(
            path,
            "",
            "empty-file",
            "the spec is empty",
        ));
    }
    let json: serde_json::Value = match serde_yaml_ng::from_str(&text) {
        Ok(v) => v,
        Err(e) => {
            let mut d = Diagnostics::one(path, "", "invalid-yaml", format!("not valid YAML: {e}"));
            d.0[0].line = e.location().map(|l| l.line());
            return Err(d);
        }
    };
    let spec_for_diag = |pointer: &str, rule, message: String| Diagnostic {
        file: path.to_path_buf(),
        line: line_of(&text, pointer),
        pointer: pointer.to_string(),
        rule,
        message,
    };
    let Some(root) = json.as_object() else {
        return Err(Diagnostics(vec![spec_for_diag(
            "",
            "not-openapi",
            "the document is not a mapping, so not an OpenAPI document".into(),
        )]));
    };
    match root.get("openapi") {
        None => {
            let what = if root.contains_key("swagger") {
                "it is a Swagger 2.0 document"
            } else {
                "it is not an OpenAPI document"
            };
            return Err(Diagnostics(vec![spec_for_diag(
                "",
                "not-openapi",
                format!("no `openapi` field: {what}; this pipeline accepts OpenAPI 3.0.x"),
            )]));
        }
        Some(serde_json::Value::String(v)) if v.starts_with("3.0.") || v == "3.0" => {}
        Some(serde_json::Value::String(v)) => {
            return Err(Diagnostics(vec![spec_for_diag(
                "/openapi",
                "unsupported-openapi-version",
                format!("OpenAPI {v} is not supported; progenitor reads OpenAPI 3.0.x only"),
            )]));
        }
        Some(other) => {
            return Err(Diagnostics(vec![spec_for_diag(
                "/openapi",
                "unsupported-openapi-version",
                format!("`openapi` must be a version string such as \"3.0.3\", found {other}"),
            )]));
        }
    }
    let openapi: openapiv3::OpenAPI =
        serde_path_to_pointer(&json).map_err(|(pointer, message)| {
            Diagnostics(vec![spec_for_diag(
                &pointer,
                "schema-violation",
                format!("not a valid OpenAPI 3.0 document: {message}"),
            )])
        })?;
    Ok(Spec {
        path: path.to_path_buf(),
        text,
        json,
        openapi,
    })
}

/// Deserializes the OpenAPI document. serde's error has no path, so on failure
/// the path items and components are tried one by one to point at the first
/// that does not parse on its own.
fn serde_path_to_pointer(json: &serde_json::Value) -> Result<openapiv3::OpenAPI, (String, String)> {
    // From the borrowed tree: a clone of a 1 MB spec's tree costs more than
    // the rest of this function's bookkeeping.
    match <openapiv3::OpenAPI as serde::Deserialize>::deserialize(json) {
        Ok(v) => Ok(v),
        Err(e) => {
            // Narrow the error down to the first path item or component that
            // does not parse on its own, which is where a human has to look.
            let message = e.to_string();
            let obj = json.as_object();
            if let Some(paths) = obj.and_then(|o| o.get("paths")).and_then(|p| p.as_object()) {
                for (path, item) in paths {
                    if let Err(e) = serde_json::from_value::<
                        openapiv3::ReferenceOr<openapiv3::PathItem>,
                    >(item.clone())
                    {
                        return Err((
                            crate::diag::pointer(["paths", path.as_str()]),
                            e.to_string(),
                        ));
                    }
                }
            }
            if let Some(components) = obj
                .and_then(|o| o.get("components"))
                .and_then(|c| c.as_object())
            {
                for (section, entries) in components {
                    if let Some(entries) = entries.as_object() {
                        for (name, _) in entries {
                            let mut single = serde_json::Map::new();
                            let mut sec = serde_json::Map::new();
                            sec.insert(name.clone(), entries[name].clone());
                            single.insert(section.clone(), serde_json::Value::Object(sec));
                            if serde_json::from_value::<openapiv3::Components>(
                                serde_json::Value::Object(single),
                            )
                            .is_err()
                            {
                                return Err((
                                    crate::diag::pointer([
                                        "components",
                                        section.as_str(),
                                        name.as_str(),
                                    ]),
                                    message,
                                ));
                            }
                        }
                    }
                }
            }
            Err((String::new(), message))
        }
    }
}

/// The 1-based line of the node at `pointer`, if the text parses as YAML and
/// the pointer resolves. Only called on error paths.
pub fn line_of(text: &str, pointer: &str) -> Option<usize> {
    let docs = MarkedYaml::load_from_str(text).ok()?;
    let mut node = docs.first()?;
    if pointer.is_empty() {
        return Some(node.span.start.line());
    }
    for raw in pointer.split('/').skip(1) {
        let token = raw.replace("~1", "/").replace("~0", "~");
        node = match &node.data {
            YamlData::Mapping(map) => map
                .iter()
                .find(|(k, _)| scalar_text(k).as_deref() == Some(token.as_str()))
                .map(|(_, v)| v)?,
            YamlData::Sequence(seq) => seq.get(token.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    Some(node.span.start.line())
}

fn scalar_text(node: &MarkedYaml<'_>) -> Option<String> {
    match &node.data {
        YamlData::Value(s) => Some(match s {
            saphyr::Scalar::String(s) => s.to_string(),
            saphyr::Scalar::Integer(i) => i.to_string(),
            saphyr::Scalar::Boolean(b) => b.to_string(),
            saphyr::Scalar::FloatingPoint(f) => f.to_string(),
            saphyr::Scalar::Null => "null".into(),
        }),
        YamlData::Representation(s, _, _) => Some(s.to_string()),
        _ => None,
    }
}

/// A `PathBuf` as it should appear in diagnostics and file headers: relative
/// to `base` when it lies below it.
pub fn display_path(path: &Path, base: &Path) -> String {
    path.strip_prefix(base)
        .unwrap_or(path)
        .display()
        .to_string()
}
