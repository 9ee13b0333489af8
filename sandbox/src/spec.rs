//! The spec, `openapi/processes.yaml`, compiled into the sandbox and turned
//! into JSON Schema validators.
//!
//! The sandbox checks every request against the spec's parameters and request
//! bodies with these validators, so what the spec declares (types, enums,
//! bounds, required fields) is enforced without being typed again here. The
//! same validators are public so that tests can check response bodies against
//! the spec's schemas.
//!
//! OpenAPI 3.0 schemas are a dialect of JSON Schema; the conversion to JSON
//! Schema 2020-12 does what the OpenAPI 3.0 specification says they mean:
//! `nullable: true` adds `null` to `type` (and to `enum`), a `$ref` ignores
//! its siblings, boolean `exclusiveMinimum`/`exclusiveMaximum` become numeric
//! bounds, the `int32`/`int64` formats bound integers to their range, and
//! annotations JSON Schema lacks (`example`, `discriminator`, `xml`,
//! `externalDocs`) are dropped.

use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

use axum::http::HeaderMap;
use jsonschema::Validator;
use serde_json::{Map, Value, json};

use crate::error::ApiError;

/// The spec's text, as compiled into this crate.
pub const SPEC_YAML: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../openapi/processes.yaml"
));

/// The spec, parsed, with a validator for each schema, parameter, request
/// body and response body.
pub struct Spec {
    document: Value,
    components: Value,
    schemas: BTreeMap<String, Validator>,
    operations: HashMap<String, OperationSpec>,
}

impl std::fmt::Debug for Spec {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Spec")
            .field("schemas", &self.schemas.keys().collect::<Vec<_>>())
            .field("operations", &self.operations.keys().collect::<Vec<_>>())
            .finish_non_exhaustive()
    }
}

/// What the spec says about one operation's requests and responses.
pub(crate) struct OperationSpec {
    parameters: Vec<Parameter>,
    body: Option<Body>,
    /// Per status (`"200"`, `"4XX"`, `"default"`): the body's validator, if
    /// the response has a JSON body.
    responses: BTreeMap<String, Option<Validator>>,
}

struct Parameter {
    name: String,
    location: Location,
    required: bool,
    kind: Kind,
    validator: Validator,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Location {
    Path,
    Query,
    Header,
}

/// How a parameter's text becomes the JSON value its schema describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    String,
    Integer,
    Number,
    Boolean,
}

struct Body {
    required: bool,
    validator: Validator,
}

/// A request whose parameters and body conform to the spec. Parameter values
/// are the JSON values their schemas describe (`$maxpagesize` a number,
/// `excludeGeneratedJobs` a boolean); only parameters the spec declares are
/// kept.
#[derive(Debug, Clone, Default)]
pub(crate) struct ValidRequest {
    pub(crate) path: HashMap<String, String>,
    pub(crate) query: HashMap<String, Value>,
    pub(crate) body: Option<Value>,
}

impl ValidRequest {
    pub(crate) fn query_str(&self, name: &str) -> Option<&str> {
        self.query.get(name).and_then(Value::as_str)
    }

    pub(crate) fn query_bool(&self, name: &str) -> Option<bool> {
        self.query.get(name).and_then(Value::as_bool)
    }

    pub(crate) fn query_u64(&self, name: &str) -> Option<u64> {
        self.query.get(name).and_then(Value::as_u64)
    }

    pub(crate) fn path(&self, name: &str) -> &str {
        self.path.get(name).map(String::as_str).unwrap_or_default()
    }
}

static SPEC: OnceLock<Result<Spec, String>> = OnceLock::new();

impl Spec {
    /// The compiled-in spec, parsed once.
    ///
    /// # Errors
    /// When the spec cannot be parsed or one of its schemas cannot be
    /// compiled; the message says which.
    pub fn load() -> Result<&'static Spec, String> {
        SPEC.get_or_init(|| Spec::parse(SPEC_YAML))
            .as_ref()
            .map_err(Clone::clone)
    }

    /// The compiled-in spec.
    ///
    /// # Panics
    /// When [`Spec::load`] fails, which this crate's tests rule out.
    pub fn get() -> &'static Spec {
        Self::load().unwrap_or_else(|e| panic!("openapi/processes.yaml: {e}"))
    }

    /// Parses an OpenAPI 3.0 document (YAML or JSON text).
    ///
    /// # Errors
    /// When the text is not a document this module understands.
    pub fn parse(text: &str) -> Result<Spec, String> {
        let document: Value =
            serde_yaml_ng::from_str(text).map_err(|e| format!("not YAML: {e}"))?;
        let raw_schemas = document
            .pointer("/components/schemas")
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default();
        let converted: Map<String, Value> = raw_schemas
            .iter()
            .map(|(name, schema)| (name.clone(), convert_schema(schema)))
            .collect();
        let components = json!({ "schemas": converted });
        let mut spec = Spec {
            document,
            components,
            schemas: BTreeMap::new(),
            operations: HashMap::new(),
        };
        for name in converted.keys() {
            let validator =
                spec.compile(&json!({ "$ref": format!("#/components/schemas/{name}") }))?;
            spec.schemas.insert(name.clone(), validator);
        }
        spec.operations = spec.parse_operations()?;
        Ok(spec)
    }

    /// The parsed document, as it is in the YAML.
    pub fn document(&self) -> &Value {
        &self.document
    }

    /// Names of the schemas under `components.schemas`.
    pub fn schema_names(&self) -> impl Iterator<Item = &str> {
        self.schemas.keys().map(String::as_str)
    }

    /// A self-contained JSON Schema (2020-12) of the component schema `name`:
    /// it refers to the other components under its own `components` key.
    pub fn json_schema(&self, name: &str) -> Option<Value> {
        self.schemas
            .contains_key(name)
            .then(|| self.rooted(&json!({ "$ref": format!("#/components/schemas/{name}") })))
    }

    /// Validates `instance` against the component schema `name`.
    ///
    /// # Errors
    /// Every violation, each as `<instance path>: <message>`; or that there
    /// is no such schema.
    pub fn validate(&self, name: &str, instance: &Value) -> Result<(), Vec<String>> {
        let validator = self
            .schemas
            .get(name)
            .ok_or_else(|| vec![format!("no schema named {name}")])?;
        errors(validator, instance)
    }

    /// Validates a response of `operation_id`: its status must be one the
    /// operation documents, and its body (parsed JSON, `None` when empty)
    /// must match that status's schema.
    ///
    /// # Errors
    /// Every problem found, one per string.
    pub fn validate_response(
        &self,
        operation_id: &str,
        status: u16,
        body: Option<&Value>,
    ) -> Result<(), Vec<String>> {
        let op = self
            .operation(operation_id)
            .ok_or_else(|| vec![format!("no operation {operation_id}")])?;
        let status_text = status.to_string();
        let class = format!("{}XX", status / 100);
        let entry = op
            .responses
            .get(&status_text)
            .or_else(|| op.responses.get(&class))
            .or_else(|| op.responses.get("default"))
            .ok_or_else(|| vec![format!("{operation_id} does not document status {status}")])?;
        match (entry, body) {
            (Some(validator), Some(body)) => errors(validator, body),
            (Some(_), None) => Err(vec![format!(
                "{operation_id} {status} must have a JSON body"
            )]),
            (None, Some(body)) => Err(vec![format!(
                "{operation_id} {status} documents no body, got {body}"
            )]),
            (None, None) => Ok(()),
        }
    }

    pub(crate) fn operation(&self, operation_id: &str) -> Option<&OperationSpec> {
        self.operations.get(operation_id)
    }

    /// A schema with the converted components beside it, so that its
    /// `#/components/schemas/...` references resolve inside it.
    fn rooted(&self, schema: &Value) -> Value {
        let mut root = match schema {
            Value::Object(map) => map.clone(),
            other => return other.clone(),
        };
        root.insert(
            "$schema".into(),
            json!("https://json-schema.org/draft/2020-12/schema"),
        );
        root.insert("components".into(), self.components.clone());
        Value::Object(root)
    }

    fn compile(&self, schema: &Value) -> Result<Validator, String> {
        jsonschema::options()
            .with_draft(jsonschema::Draft::Draft202012)
            .should_validate_formats(true)
            .with_keyword(EXACT_INT64, |_, _, _| Ok(Box::new(ExactInt64)))
            .build(&self.rooted(schema))
            .map_err(|e| format!("schema {schema}: {e}"))
    }

    /// Follows `$ref`s into the document (parameters, request bodies,
    /// responses are referenced as `#/components/...`).
    fn resolve<'a>(&'a self, mut value: &'a Value) -> Result<&'a Value, String> {
        for _ in 0..16 {
            match value.get("$ref").and_then(Value::as_str) {
                Some(r) => {
                    let pointer = r
                        .strip_prefix('#')
                        .ok_or_else(|| format!("external $ref {r} is not supported"))?;
                    value = self
                        .document
                        .pointer(pointer)
                        .ok_or_else(|| format!("$ref {r} points nowhere"))?;
                }
                None => return Ok(value),
            }
        }
        Err("$ref chain too long".into())
    }

    fn parse_operations(&self) -> Result<HashMap<String, OperationSpec>, String> {
        let mut operations = HashMap::new();
        let paths = self
            .document
            .get("paths")
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default();
        for (path, item) in &paths {
            let shared = item
                .get("parameters")
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default();
            for method in [
                "get", "put", "post", "delete", "options", "head", "patch", "trace",
            ] {
                let Some(op) = item.get(method) else { continue };
                let id = op
                    .get("operationId")
                    .and_then(Value::as_str)
                    .ok_or_else(|| format!("{method} {path} has no operationId"))?;
                let own = op
                    .get("parameters")
                    .and_then(Value::as_array)
                    .cloned()
                    .unwrap_or_default();
                let parsed = self
                    .parse_operation(op, shared.iter().chain(&own))
                    .map_err(|e| format!("{id}: {e}"))?;
                operations.insert(id.to_owned(), parsed);
            }
        }
        Ok(operations)
    }

    fn parse_operation<'a>(
        &self,
        op: &Value,
        parameters: impl Iterator<Item = &'a Value>,
    ) -> Result<OperationSpec, String> {
        let mut params: Vec<Parameter> = Vec::new();
        for p in parameters {
            let p = self.resolve(p)?;
            let name = p
                .get("name")
                .and_then(Value::as_str)
                .ok_or("parameter without name")?
                .to_owned();
            let location = match p.get("in").and_then(Value::as_str) {
                Some("path") => Location::Path,
                Some("query") => Location::Query,
                Some("header") => Location::Header,
                other => return Err(format!("parameter {name} in {other:?} is not supported")),
            };
            let schema = p.get("schema").cloned().unwrap_or(json!({}));
            let kind = match self.resolve(&schema)?.get("type").and_then(Value::as_str) {
                Some("integer") => Kind::Integer,
                Some("number") => Kind::Number,
                Some("boolean") => Kind::Boolean,
                Some("string") | None => Kind::String,
                Some(other) => {
                    return Err(format!("parameter {name} of type {other} is not supported"));
                }
            };
            let required = location == Location::Path
                || p.get("required").and_then(Value::as_bool).unwrap_or(false);
            let validator = self.compile(&convert_schema(&schema))?;
            // An operation's own parameter overrides a path-level one of the
            // same name and location (OpenAPI 3.0, Path Item Object).
            params.retain(|q| !(q.name == name && q.location == location));
            params.push(Parameter {
                name,
                location,
                required,
                kind,
                validator,
            });
        }
        let body = match op.get("requestBody") {
            Some(b) => {
                let b = self.resolve(b)?;
                let required = b.get("required").and_then(Value::as_bool).unwrap_or(false);
                let schema = b
                    .pointer("/content/application~1json/schema")
                    .cloned()
                    .unwrap_or(json!({}));
                Some(Body {
                    required,
                    validator: self.compile(&convert_schema(&schema))?,
                })
            }
            None => None,
        };
        let mut responses = BTreeMap::new();
        for (status, r) in op
            .get("responses")
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default()
        {
            let r = self.resolve(&r)?;
            let validator = match r.pointer("/content/application~1json/schema") {
                Some(schema) => Some(self.compile(&convert_schema(schema))?),
                None => None,
            };
            responses.insert(
                status.to_uppercase().replace("DEFAULT", "default"),
                validator,
            );
        }
        Ok(OperationSpec {
            parameters: params,
            body,
            responses,
        })
    }
}

impl OperationSpec {
    /// Checks a request's parameters and body against the spec.
    ///
    /// Parameters the spec does not declare are ignored, as most servers do;
    /// a repeated query parameter counts with its first value.
    pub(crate) fn validate_request(
        &self,
        path: &[(String, String)],
        query: Option<&str>,
        headers: &HeaderMap,
        body: &[u8],
    ) -> Result<ValidRequest, ApiError> {
        let query_pairs: Vec<(String, String)> = query
            .map(|q| {
                form_urlencoded::parse(q.as_bytes())
                    .map(|(k, v)| (k.into_owned(), v.into_owned()))
                    .collect()
            })
            .unwrap_or_default();
        let mut valid = ValidRequest::default();
        for p in &self.parameters {
            let raw: Option<String> = match p.location {
                Location::Path => path
                    .iter()
                    .find(|(k, _)| *k == p.name)
                    .map(|(_, v)| v.clone()),
                Location::Query => query_pairs
                    .iter()
                    .find(|(k, _)| *k == p.name)
                    .map(|(_, v)| v.clone()),
                Location::Header => match headers.get(&p.name) {
                    Some(v) => Some(
                        v.to_str()
                            .map_err(|_| {
                                ApiError::invalid(
                                    &p.name,
                                    format!("Header {} is not visible ASCII.", p.name),
                                )
                            })?
                            .to_owned(),
                    ),
                    None => None,
                },
            };
            let Some(raw) = raw else {
                if p.required {
                    return Err(ApiError::invalid(
                        &p.name,
                        format!("Missing required parameter {}.", p.name),
                    ));
                }
                continue;
            };
            let value = coerce(p.kind, &raw).ok_or_else(|| {
                ApiError::invalid(
                    &p.name,
                    format!(
                        "Parameter {} must be {}, got {raw:?}.",
                        p.name,
                        p.kind.noun()
                    ),
                )
            })?;
            if let Err(errs) = errors(&p.validator, &value) {
                return Err(ApiError::invalid(
                    &p.name,
                    format!("Invalid parameter {}: {}", p.name, errs.join("; ")),
                ));
            }
            match p.location {
                Location::Path => {
                    valid.path.insert(p.name.clone(), raw);
                }
                Location::Query => {
                    valid.query.insert(p.name.clone(), value);
                }
                Location::Header => {}
            }
        }
        let blank = body.iter().all(u8::is_ascii_whitespace);
        match &self.body {
            Some(spec) if !blank => {
                let value: Value = serde_json::from_slice(body).map_err(|e| {
                    ApiError::invalid("body", format!("The request body is not JSON: {e}."))
                })?;
                if let Err(errs) = errors(&spec.validator, &value) {
                    let target = errs
                        .first()
                        .and_then(|e| e.split_once(':'))
                        .map(|(t, _)| t.to_owned());
                    let mut e =
                        ApiError::bad_request(format!("Invalid request body: {}", errs.join("; ")));
                    e.body.target = target.or(Some("body".into()));
                    return Err(e);
                }
                valid.body = Some(value);
            }
            Some(spec) if spec.required => {
                return Err(ApiError::invalid("body", "A request body is required."));
            }
            _ => {}
        }
        Ok(valid)
    }
}

impl Kind {
    fn noun(self) -> &'static str {
        match self {
            Kind::String => "a string",
            Kind::Integer => "an integer",
            Kind::Number => "a number",
            Kind::Boolean => "true or false",
        }
    }
}

fn coerce(kind: Kind, raw: &str) -> Option<Value> {
    match kind {
        Kind::String => Some(Value::String(raw.to_owned())),
        Kind::Integer => raw
            .parse::<i64>()
            .map(Value::from)
            .ok()
            .or_else(|| raw.parse::<u64>().ok().map(Value::from)),
        Kind::Number => raw
            .parse::<f64>()
            .ok()
            .filter(|f| f.is_finite())
            .map(Value::from),
        Kind::Boolean => match raw {
            "true" => Some(Value::Bool(true)),
            "false" => Some(Value::Bool(false)),
            _ => None,
        },
    }
}

/// Up to eight violations, each `<instance path>: <message>` (`/` for the
/// instance itself).
fn errors(validator: &Validator, instance: &Value) -> Result<(), Vec<String>> {
    let errs: Vec<String> = validator
        .iter_errors(instance)
        .take(8)
        .map(|e| {
            let path = e.instance_path().to_string();
            format!("{}: {e}", if path.is_empty() { "/" } else { &path })
        })
        .collect();
    if errs.is_empty() { Ok(()) } else { Err(errs) }
}

/// Keyword the conversion adds beside `format: int64`: it rejects integers
/// beyond the int64 range that `minimum`/`maximum` cannot catch.
pub const EXACT_INT64: &str = "x-exact-int64";

/// Rejects integers beyond the int64 range that `minimum`/`maximum` cannot
/// catch: serde_json holds a number that fits neither i64 nor u64 as an f64,
/// and -9223372036854775809 rounds to exactly -2^63, which passes
/// `minimum: -9223372036854775808`. Any integral f64 of magnitude 2^63 or
/// more must have come from such a number.
struct ExactInt64;

impl ExactInt64 {
    fn fits(instance: &Value) -> bool {
        match instance {
            Value::Number(n) if !n.is_i64() && !n.is_u64() => n
                .as_f64()
                .is_none_or(|f| f.fract() != 0.0 || f.abs() < 9_223_372_036_854_775_808.0),
            _ => true,
        }
    }
}

impl<'i> jsonschema::Keyword<'i> for ExactInt64 {
    fn validate(&self, instance: &'i Value) -> Result<(), jsonschema::ValidationError<'i>> {
        if Self::fits(instance) {
            Ok(())
        } else {
            Err(jsonschema::ValidationError::custom(format!(
                "{instance} is outside the int64 range"
            )))
        }
    }

    fn is_valid(&self, instance: &'i Value) -> bool {
        Self::fits(instance)
    }
}

/// Converts an OpenAPI 3.0 Schema Object to JSON Schema 2020-12.
pub fn convert_schema(schema: &Value) -> Value {
    let Value::Object(map) = schema else {
        return schema.clone();
    };
    if let Some(r) = map.get("$ref") {
        // OpenAPI 3.0: "This object cannot be extended with additional properties
        // and any properties added SHALL be ignored."
        return json!({ "$ref": r });
    }
    let mut out = Map::new();
    for (k, v) in map {
        let converted = match k.as_str() {
            "nullable" | "example" | "discriminator" | "xml" | "externalDocs" => continue,
            "properties" | "patternProperties" => match v {
                Value::Object(props) => Value::Object(
                    props
                        .iter()
                        .map(|(name, s)| (name.clone(), convert_schema(s)))
                        .collect(),
                ),
                other => other.clone(),
            },
            "items" | "additionalProperties" | "not" => convert_schema(v),
            "allOf" | "anyOf" | "oneOf" => match v {
                Value::Array(list) => Value::Array(list.iter().map(convert_schema).collect()),
                other => other.clone(),
            },
            _ => v.clone(),
        };
        out.insert(k.clone(), converted);
    }
    for (exclusive, bound) in [
        ("exclusiveMinimum", "minimum"),
        ("exclusiveMaximum", "maximum"),
    ] {
        match out.get(exclusive) {
            Some(Value::Bool(true)) => match out.remove(bound) {
                Some(b) => {
                    out.insert(exclusive.into(), b);
                }
                None => {
                    out.remove(exclusive);
                }
            },
            Some(Value::Bool(false)) => {
                out.remove(exclusive);
            }
            _ => {}
        }
    }
    if out.get("type").and_then(Value::as_str) == Some("integer") {
        let range = match out.get("format").and_then(Value::as_str) {
            Some("int32") => Some((Value::from(i32::MIN), Value::from(i32::MAX))),
            Some("int64") => Some((Value::from(i64::MIN), Value::from(i64::MAX))),
            _ => None,
        };
        if out.get("format").and_then(Value::as_str) == Some("int64") {
            out.insert(EXACT_INT64.into(), Value::Bool(true));
        }
        if let Some((min, max)) = range {
            if !out.contains_key("minimum") && !out.contains_key("exclusiveMinimum") {
                out.insert("minimum".into(), min);
            }
            if !out.contains_key("maximum") && !out.contains_key("exclusiveMaximum") {
                out.insert("maximum".into(), max);
            }
        }
    }
    if map.get("nullable").and_then(Value::as_bool) == Some(true) {
        if let Some(t) = out.get("type").cloned() {
            let mut types = match t {
                Value::Array(list) => list,
                single => vec![single],
            };
            if !types.contains(&json!("null")) {
                types.push(json!("null"));
            }
            out.insert("type".into(), Value::Array(types));
        }
        if let Some(Value::Array(values)) = out.get_mut("enum") {
            if !values.contains(&Value::Null) {
                values.push(Value::Null);
            }
        }
    }
    Value::Object(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_compiled_in_spec_loads_and_covers_every_operation() {
        let spec = Spec::load().expect("spec loads");
        for op in &workiva_processes::OPERATIONS {
            let parsed = spec
                .operation(op.operation_id)
                .unwrap_or_else(|| panic!("{} missing", op.operation_id));
            for status in op.success_statuses.iter().chain(op.error_statuses) {
                assert!(
                    parsed.responses.contains_key(&status.to_string()),
                    "{} {status}",
                    op.operation_id
                );
            }
        }
    }

    #[test]
    fn nullable_adds_null() {
        let s = convert_schema(
            &json!({"type": "string", "nullable": true, "enum": ["a"], "example": "a"}),
        );
        assert_eq!(s, json!({"type": ["string", "null"], "enum": ["a", null]}));
    }

    #[test]
    fn ref_siblings_are_ignored_and_int_formats_bounded() {
        assert_eq!(
            convert_schema(&json!({"$ref": "#/x", "description": "d"})),
            json!({"$ref": "#/x"})
        );
        let s = convert_schema(&json!({"type": "integer", "format": "int32", "minimum": 1}));
        assert_eq!(
            s,
            json!({"type": "integer", "format": "int32", "minimum": 1, "maximum": i32::MAX})
        );
        let s = convert_schema(&json!({"type": "integer", "format": "int64"}));
        assert_eq!(s["x-exact-int64"], json!(true));
        let s = convert_schema(&json!({"type": "number", "minimum": 0, "exclusiveMinimum": true}));
        assert_eq!(s, json!({"type": "number", "exclusiveMinimum": 0}));
    }

    #[test]
    fn a_property_named_like_a_keyword_is_not_a_keyword() {
        let s = convert_schema(
            &json!({"type": "object", "properties": {"nullable": {"type": "boolean"}}}),
        );
        assert_eq!(
            s,
            json!({"type": "object", "properties": {"nullable": {"type": "boolean"}}})
        );
    }

    #[test]
    fn schemas_validate() {
        let spec = Spec::get();
        assert!(
            spec.validate(
                "Error",
                &json!({"code": "404", "message": "x", "details": null})
            )
            .is_ok()
        );
        assert!(spec.validate("Error", &json!({"message": "x"})).is_err());
        assert!(
            spec.validate("Process", &json!({"dueDate": "2026-13-01"}))
                .is_err()
        );
        assert!(
            spec.validate("Process", &json!({"dueDate": "2026-12-01", "extra": 1}))
                .is_ok()
        );
        assert!(
            spec.validate("ProcessRun", &json!({"parallel": false}))
                .is_err()
        );
        let run = |revision: &str| {
            let text =
                format!(r#"{{"parallel": false, "readOnly": false, "revision": {revision}}}"#);
            spec.validate("ProcessRun", &serde_json::from_str(&text).unwrap())
        };
        assert!(run("-9223372036854775808").is_ok());
        assert!(run("9223372036854775807").is_ok());
        assert!(run("1e3").is_ok());
        assert!(run("-9223372036854775809").is_err());
        assert!(run("9223372036854775808").is_err());
        assert!(run("1e30").is_err());
        assert!(spec.validate_response("trashProcess", 204, None).is_ok());
        assert!(spec.validate_response("trashProcess", 200, None).is_err());
        assert!(
            spec.validate_response("getProcess", 404, Some(&json!({"code": "404"})))
                .is_ok()
        );
    }
}
