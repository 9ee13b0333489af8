//! Preflight: rules that turn every spec shape known to make progenitor
//! 0.15.1 panic, or emit code that does not compile, into a diagnostic.

use std::collections::{BTreeMap, BTreeSet};

use openapiv3::{ReferenceOr, StatusCode};

use crate::diag::{Diagnostic, Diagnostics};
use crate::load::Spec;
use crate::model::{self, location};

/// Request body media types progenitor can encode.
fn supported_body_type(media: &str) -> bool {
    let media = media.split(';').next().unwrap_or("").trim();
    media == "application/json"
        || (media.starts_with("application/") && media.ends_with("+json"))
        || media == "application/x-www-form-urlencoded"
        || media == "application/octet-stream"
        || media == "text/plain"
}

/// Runs every rule; returns all problems found, in document order.
pub fn check(spec: &Spec) -> Result<(), Diagnostics> {
    let mut out = Vec::new();
    unresolved_refs(spec, &spec.json, &mut String::new(), &mut out);
    operations(spec, &mut out);
    if out.is_empty() {
        Ok(())
    } else {
        Err(Diagnostics(out))
    }
}

/// Per-operation rules whose violation can be skipped by leaving the
/// operation out (`--skip-unsupported`).
pub const SKIPPABLE: &[&str] = &[
    "unsupported-request-body",
    "multiple-request-media-types",
    "cookie-parameter",
];

fn unresolved_refs(
    spec: &Spec,
    node: &serde_json::Value,
    here: &mut String,
    out: &mut Vec<Diagnostic>,
) {
    match node {
        serde_json::Value::Object(map) => {
            if let Some(serde_json::Value::String(r)) = map.get("$ref") {
                let resolves = r
                    .strip_prefix('#')
                    .map(|p| spec.json.pointer(p).is_some())
                    .unwrap_or(false);
                if !resolves {
                    let why = if r.starts_with('#') {
                        format!("`$ref: {r}` points at nothing in this document")
                    } else {
                        format!(
                            "`$ref: {r}` is external; only references inside the document are supported"
                        )
                    };
                    out.push(spec.diag(format!("{here}/$ref"), "unresolved-ref", why));
                }
            }
            for (k, v) in map {
                let len = here.len();
                here.push('/');
                here.push_str(&crate::diag::escape_token(k));
                unresolved_refs(spec, v, here, out);
                here.truncate(len);
            }
        }
        serde_json::Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                let len = here.len();
                here.push_str(&format!("/{i}"));
                unresolved_refs(spec, v, here, out);
                here.truncate(len);
            }
        }
        _ => {}
    }
}

fn operations(spec: &Spec, out: &mut Vec<Diagnostic>) {
    let api = &spec.openapi;
    let components = api.components.as_ref();
    let mut seen_ids: BTreeMap<&str, String> = BTreeMap::new();
    for (path, item) in api.paths.paths.iter() {
        if let ReferenceOr::Reference { .. } = item {
            out.push(spec.diag(
                crate::diag::pointer(["paths", path.as_str()]),
                "path-item-ref",
                "a path item given by `$ref` is not supported; write it inline",
            ));
        }
    }
    for o in model::operations(api) {
        let at = &o.pointer;
        match o.op.operation_id.as_deref() {
            None | Some("") => out.push(spec.diag(
                at.clone(),
                "missing-operation-id",
                format!(
                    "{} {} has no operationId; every operation needs one to name its method",
                    o.method, o.path
                ),
            )),
            Some(id) => {
                if let Some(first) = seen_ids.get(id) {
                    out.push(spec.diag(
                        format!("{at}/operationId"),
                        "duplicate-operation-id",
                        format!("operationId `{id}` is also used at {first}"),
                    ));
                } else {
                    seen_ids.insert(id, at.clone());
                }
            }
        }

        // Parameters declared twice in one list.
        for (list, base) in [
            (&o.op.parameters, format!("{at}/parameters")),
            (
                &o.item.parameters,
                crate::diag::pointer(["paths", o.path, "parameters"]),
            ),
        ] {
            let mut seen = BTreeSet::new();
            for (i, p) in list.iter().enumerate() {
                match model::resolve_parameter(components, p) {
                    None => {} // reported as an unresolved $ref
                    Some(p) => {
                        let d = p.parameter_data_ref();
                        if !seen.insert((d.name.clone(), location(p))) {
                            out.push(spec.diag(
                                format!("{base}/{i}"),
                                "duplicate-parameter",
                                format!("{} parameter `{}` is declared twice", location(p), d.name),
                            ));
                        }
                        if let openapiv3::Parameter::Cookie { .. } = p {
                            out.push(spec.diag(
                                format!("{base}/{i}"),
                                "cookie-parameter",
                                format!(
                                    "cookie parameter `{}` is not supported by progenitor",
                                    d.name
                                ),
                            ));
                        }
                    }
                }
            }
        }

        // Path template and path parameters must agree.
        let params = model::effective_parameters(components, &o);
        let template: BTreeSet<&str> = template_vars(o.path).collect();
        for p in &params {
            if let openapiv3::Parameter::Path { parameter_data, .. } = p {
                if !template.contains(parameter_data.name.as_str()) {
                    out.push(spec.diag(
                        format!("{at}/parameters"),
                        "path-parameter-not-in-path",
                        format!(
                            "path parameter `{}` does not appear in `{}`",
                            parameter_data.name, o.path
                        ),
                    ));
                }
            }
        }
        for var in &template {
            let declared = params.iter().any(|p| matches!(p, openapiv3::Parameter::Path { parameter_data, .. } if parameter_data.name == *var));
            if !declared {
                out.push(spec.diag(
                    at.clone(),
                    "undeclared-path-parameter",
                    format!("`{{{var}}}` in `{}` has no path parameter", o.path),
                ));
            }
        }

        // Request bodies.
        if let Some(body) =
            o.op.request_body
                .as_ref()
                .and_then(|b| model::resolve_body(components, b))
        {
            let types: Vec<&String> = body.content.keys().collect();
            let supported: Vec<&&String> =
                types.iter().filter(|t| supported_body_type(t)).collect();
            if types.len() > 1 {
                out.push(spec.diag(
                    format!("{at}/requestBody/content"),
                    "multiple-request-media-types",
                    format!(
                        "the request body offers {} media types ({}); progenitor needs exactly one",
                        types.len(),
                        join(&types)
                    ),
                ));
            } else if supported.is_empty() && !types.is_empty() {
                out.push(spec.diag(
                    format!("{at}/requestBody/content"),
                    "unsupported-request-body",
                    format!("request body media type {} is not supported (JSON, form, octet-stream and text are)", join(&types)),
                ));
            }
        }

        // Responses.
        let responses = &o.op.responses;
        let typed_success = responses.responses.iter().any(|(s, r)| {
            model::is_success(s)
                && model::resolve_response(components, r).is_some_and(|r| !r.content.is_empty())
        });
        let no_content = responses
            .responses
            .iter()
            .any(|(s, _)| matches!(s, StatusCode::Code(204)));
        if responses.default.is_some() {
            if typed_success {
                out.push(spec.diag(
                    format!("{at}/responses/default"),
                    "typed-success-with-default",
                    "a typed 2xx response together with `default` makes progenitor panic; list the error statuses instead",
                ));
            } else if no_content {
                out.push(spec.diag(
                    format!("{at}/responses/default"),
                    "no-content-with-default",
                    "a 204 response together with `default` makes progenitor panic; list the error statuses instead",
                ));
            }
        }
        let mut error_schemas: Vec<(String, Option<String>)> = Vec::new();
        for (status, r) in responses.responses.iter() {
            if model::is_success(status) {
                continue;
            }
            let Some(resp) = model::resolve_response(components, r) else {
                continue;
            };
            let schema = resp
                .content
                .values()
                .next()
                .and_then(|m| m.schema.as_ref())
                .map(|s| serde_json::to_string(s).unwrap_or_default());
            error_schemas.push((status.to_string(), schema));
        }
        if let Some((first_status, first)) = error_schemas.first() {
            if let Some((status, _)) = error_schemas.iter().find(|(_, s)| s != first) {
                out.push(spec.diag(
                    format!("{at}/responses/{status}"),
                    "error-schema-mismatch",
                    format!("error response {status} has a different schema than {first_status}; all error statuses of an operation must share one schema"),
                ));
            }
        }
    }
}

fn template_vars(path: &str) -> impl Iterator<Item = &str> {
    path.split('{')
        .skip(1)
        .filter_map(|s| s.split_once('}').map(|(v, _)| v))
}

fn join(items: &[&String]) -> String {
    items
        .iter()
        .map(|s| format!("`{s}`"))
        .collect::<Vec<_>>()
        .join(", ")
}
