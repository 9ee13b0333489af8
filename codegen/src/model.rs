//! Small helpers over `openapiv3`: resolving local references and walking
//! operations with the JSON pointer of each.

use openapiv3::{
    Components, OpenAPI, Operation, Parameter, PathItem, ReferenceOr, RequestBody, Response,
};

/// One operation of the spec with where it lives.
pub struct OperationRef<'a> {
    pub path: &'a str,
    pub method: &'static str,
    pub item: &'a PathItem,
    pub op: &'a Operation,
    /// `/paths/<path>/<method>`
    pub pointer: String,
}

/// Every operation, in document order.
pub fn operations(spec: &OpenAPI) -> Vec<OperationRef<'_>> {
    let mut out = Vec::new();
    for (path, item) in spec.paths.paths.iter() {
        let ReferenceOr::Item(item) = item else {
            continue;
        };
        for (method, op) in item.iter() {
            let method: &'static str = match method {
                "get" => "GET",
                "put" => "PUT",
                "post" => "POST",
                "delete" => "DELETE",
                "options" => "OPTIONS",
                "head" => "HEAD",
                "patch" => "PATCH",
                "trace" => "TRACE",
                _ => continue,
            };
            out.push(OperationRef {
                path,
                method,
                item,
                op,
                pointer: crate::diag::pointer([
                    "paths",
                    path.as_str(),
                    &method.to_ascii_lowercase(),
                ]),
            });
        }
    }
    out
}

fn component_name<'r>(reference: &'r str, section: &str) -> Option<&'r str> {
    reference
        .strip_prefix("#/components/")?
        .strip_prefix(section)?
        .strip_prefix('/')
}

pub fn resolve_parameter<'a>(
    c: Option<&'a Components>,
    p: &'a ReferenceOr<Parameter>,
) -> Option<&'a Parameter> {
    match p {
        ReferenceOr::Item(p) => Some(p),
        ReferenceOr::Reference { reference } => {
            let name = component_name(reference, "parameters")?;
            resolve_parameter(c, c?.parameters.get(name)?)
        }
    }
}

pub fn resolve_response<'a>(
    c: Option<&'a Components>,
    r: &'a ReferenceOr<Response>,
) -> Option<&'a Response> {
    match r {
        ReferenceOr::Item(r) => Some(r),
        ReferenceOr::Reference { reference } => {
            let name = component_name(reference, "responses")?;
            resolve_response(c, c?.responses.get(name)?)
        }
    }
}

pub fn resolve_body<'a>(
    c: Option<&'a Components>,
    b: &'a ReferenceOr<RequestBody>,
) -> Option<&'a RequestBody> {
    match b {
        ReferenceOr::Item(b) => Some(b),
        ReferenceOr::Reference { reference } => {
            let name = component_name(reference, "requestBodies")?;
            resolve_body(c, c?.request_bodies.get(name)?)
        }
    }
}

/// The parameters that apply to an operation: the path item's, overridden by
/// the operation's own (same name and location).
pub fn effective_parameters<'a>(
    c: Option<&'a Components>,
    o: &OperationRef<'a>,
) -> Vec<&'a Parameter> {
    let mut out: Vec<&Parameter> = Vec::new();
    for p in
        o.op.parameters
            .iter()
            .filter_map(|p| resolve_parameter(c, p))
    {
        out.push(p);
    }
    for p in o
        .item
        .parameters
        .iter()
        .filter_map(|p| resolve_parameter(c, p))
    {
        let d = p.parameter_data_ref();
        let overridden = out.iter().any(|q| {
            let e = q.parameter_data_ref();
            e.name == d.name && std::mem::discriminant(*q) == std::mem::discriminant(p)
        });
        if !overridden {
            out.push(p);
        }
    }
    out
}

pub fn location(p: &Parameter) -> &'static str {
    match p {
        Parameter::Query { .. } => "query",
        Parameter::Header { .. } => "header",
        Parameter::Path { .. } => "path",
        Parameter::Cookie { .. } => "cookie",
    }
}

/// The scopes an operation requires: those of the first OAuth2 requirement
/// of its own `security`, or of the document's when it has none.
pub fn required_scopes(spec: &OpenAPI, op: &Operation) -> Vec<String> {
    let oauth_schemes: Vec<&str> = spec
        .components
        .iter()
        .flat_map(|c| c.security_schemes.iter())
        .filter(|(_, s)| {
            matches!(
                s,
                ReferenceOr::Item(openapiv3::SecurityScheme::OAuth2 { .. })
            )
        })
        .map(|(n, _)| n.as_str())
        .collect();
    let reqs = op.security.as_ref().or(spec.security.as_ref());
    reqs.into_iter()
        .flatten()
        .flat_map(|req| req.iter())
        .find(|(scheme, _)| oauth_schemes.contains(&scheme.as_str()))
        .map(|(_, scopes)| scopes.clone())
        .unwrap_or_default()
}

pub fn is_success(status: &openapiv3::StatusCode) -> bool {
    match status {
        openapiv3::StatusCode::Code(c) => (200..300).contains(c),
        openapiv3::StatusCode::Range(r) => *r == 2,
    }
}
