//! Normalization: rewrites the spec into the shape the SDK wants progenitor to
//! see, and extracts the operation table the runtime reads.
//!
//! - The `X-Version` header parameter is removed from every operation: the
//!   client sends the spec's version on every request, callers never pass it.
//! - Error and `default` responses are removed: the runtime decodes every
//!   non-2xx response itself into one error type that keeps status, headers and
//!   raw body, which progenitor's typed error path cannot guarantee.

use openapiv3::{OpenAPI, ReferenceOr};

use crate::diag::Diagnostic;
use crate::load::Spec;
use crate::model;

/// The name of the version header, compared case-insensitively.
pub const VERSION_HEADER: &str = "X-Version";

/// What the runtime needs to know of one operation.
#[derive(Debug, Clone)]
pub struct OperationEntry {
    pub operation_id: String,
    pub method_name: String,
    pub method: &'static str,
    pub path: String,
    pub summary: Option<String>,
    pub description: Option<String>,
    pub scopes: Vec<String>,
    pub success: Vec<u16>,
    pub errors: Vec<u16>,
    /// Path parameters, API name and Rust argument name, in template order.
    pub path_params: Vec<(String, String)>,
    /// Error statuses and their descriptions, for rustdoc.
    pub error_docs: Vec<(u16, String)>,
}

/// What the spec says about the API as a whole.
#[derive(Debug, Clone)]
pub struct ApiFacts {
    pub title: String,
    pub version: String,
    pub servers: Vec<(String, String)>,
    pub token_path: Option<String>,
    pub scopes: Vec<(String, String)>,
    pub operations: Vec<OperationEntry>,
}

/// Normalizes for the SDK profile.
pub fn for_sdk(spec: &Spec) -> Result<(OpenAPI, ApiFacts), Vec<Diagnostic>> {
    let mut api = spec.openapi.clone();
    let mut problems = Vec::new();
    let facts = facts(spec, &mut problems);

    let components = spec.openapi.components.clone();
    let is_version = |p: &ReferenceOr<openapiv3::Parameter>| {
        model::resolve_parameter(components.as_ref(), p).is_some_and(|p| {
            matches!(p, openapiv3::Parameter::Header { .. })
                && p.parameter_data_ref()
                    .name
                    .eq_ignore_ascii_case(VERSION_HEADER)
        })
    };
    for (_, item) in api.paths.paths.iter_mut() {
        let ReferenceOr::Item(item) = item else {
            continue;
        };
        item.parameters.retain(|p| !is_version(p));
        for op in [
            &mut item.get,
            &mut item.put,
            &mut item.post,
            &mut item.delete,
            &mut item.options,
            &mut item.head,
            &mut item.patch,
            &mut item.trace,
        ]
        .into_iter()
        .flatten()
        {
            op.parameters.retain(|p| !is_version(p));
            op.responses.default = None;
            op.responses.responses.retain(|s, _| model::is_success(s));
        }
    }
    if problems.is_empty() {
        Ok((api, facts))
    } else {
        Err(problems)
    }
}

fn facts(spec: &Spec, problems: &mut Vec<Diagnostic>) -> ApiFacts {
    let api = &spec.openapi;
    let components = api.components.as_ref();

    // The version header's declared value must be the document's version: the
    // generated client sends `info.version`, so the two cannot be allowed to
    // drift apart.
    for o in model::operations(api) {
        for p in model::effective_parameters(components, &o) {
            let d = p.parameter_data_ref();
            if !(matches!(p, openapiv3::Parameter::Header { .. })
                && d.name.eq_ignore_ascii_case(VERSION_HEADER))
            {
                continue;
            }
            let values = version_values(spec, d);
            if values.as_slice() != [api.info.version.as_str()] {
                problems.push(spec.diag(
                    format!("{}/parameters", o.pointer),
                    "version-header-mismatch",
                    format!(
                        "the {VERSION_HEADER} header must be a single-value enum equal to info.version `{}`, found {:?}",
                        api.info.version, values
                    ),
                ));
            }
        }
    }

    let mut operations = Vec::new();
    for o in model::operations(api) {
        let Some(id) = o.op.operation_id.clone() else {
            continue;
        };
        let params = model::effective_parameters(components, &o);
        let mut path_params = Vec::new();
        for var in o
            .path
            .split('{')
            .skip(1)
            .filter_map(|s| s.split_once('}').map(|(v, _)| v))
        {
            if params.iter().any(|p| matches!(p, openapiv3::Parameter::Path { parameter_data, .. } if parameter_data.name == var)) {
                path_params.push((var.to_string(), rust_ident(var)));
            }
        }
        let mut success = Vec::new();
        let mut errors = Vec::new();
        let mut error_docs = Vec::new();
        for (status, r) in o.op.responses.responses.iter() {
            let openapiv3::StatusCode::Code(code) = status else {
                continue;
            };
            if model::is_success(status) {
                success.push(*code);
            } else {
                errors.push(*code);
                let text = model::resolve_response(components, r)
                    .map(|r| r.description.clone())
                    .unwrap_or_default();
                error_docs.push((*code, text));
            }
        }
        operations.push(OperationEntry {
            method_name: rust_ident(&id),
            operation_id: id,
            method: o.method,
            path: o.path.to_string(),
            summary: o.op.summary.clone(),
            description: o.op.description.clone(),
            scopes: model::required_scopes(api, o.op),
            success,
            errors,
            path_params,
            error_docs,
        });
    }

    let mut token_path = None;
    let mut scopes = Vec::new();
    for (_, scheme) in components.iter().flat_map(|c| c.security_schemes.iter()) {
        if let ReferenceOr::Item(openapiv3::SecurityScheme::OAuth2 { flows, .. }) = scheme {
            if let Some(cc) = &flows.client_credentials {
                token_path.get_or_insert_with(|| url_path(&cc.token_url));
                for (s, d) in &cc.scopes {
                    if !scopes.iter().any(|(n, _): &(String, String)| n == s) {
                        scopes.push((s.clone(), d.clone()));
                    }
                }
            }
        }
    }

    ApiFacts {
        title: api.info.title.clone(),
        version: api.info.version.clone(),
        servers: api
            .servers
            .iter()
            .map(|s| {
                (
                    s.description.clone().unwrap_or_default(),
                    s.url.trim_end_matches('/').to_string(),
                )
            })
            .collect(),
        token_path,
        scopes,
        operations,
    }
}

fn version_values(spec: &Spec, d: &openapiv3::ParameterData) -> Vec<String> {
    let openapiv3::ParameterSchemaOrContent::Schema(schema) = &d.format else {
        return vec![];
    };
    let schema = match schema {
        ReferenceOr::Item(s) => Some(s),
        ReferenceOr::Reference { reference } => reference
            .strip_prefix("#/components/schemas/")
            .and_then(|n| spec.openapi.components.as_ref()?.schemas.get(n))
            .and_then(|s| s.as_item()),
    };
    match schema.map(|s| &s.schema_kind) {
        Some(openapiv3::SchemaKind::Type(openapiv3::Type::String(s))) => {
            s.enumeration.iter().flatten().cloned().collect()
        }
        _ => vec![],
    }
}

/// The path of an absolute or relative URL.
fn url_path(url: &str) -> String {
    match url.split_once("://") {
        Some((_, rest)) => rest
            .find('/')
            .map(|i| rest[i..].to_string())
            .unwrap_or_else(|| "/".into()),
        None => url.to_string(),
    }
}

/// The snake-case Rust name progenitor gives an operation or parameter.
pub fn rust_ident(name: &str) -> String {
    use heck::ToSnakeCase;
    let cleaned: String = name
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '_' })
        .collect();
    cleaned.to_snake_case()
}
