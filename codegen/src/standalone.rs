//! Normalization passes for arbitrary specs (`cargo xtask generate`). Each
//! pass fixes a shape by rule, not by name, so the next spec with the same
//! shape works too. They work on the JSON tree before it is typed.

use std::collections::{BTreeMap, BTreeSet};

use heck::ToUpperCamelCase;
use serde_json::{Map, Value};

/// What a pass changed, one line each, for the report.
pub type Notes = Vec<String>;

/// Runs every pass in order.
pub fn normalize(doc: &mut Value) -> Notes {
    let mut notes = Notes::new();
    nullable_components(doc, &mut notes);
    hoist_colliding_inline_schemas(doc, &mut notes);
    required_path_parameters(doc, &mut notes);
    notes
}

fn schemas_mut(doc: &mut Value) -> Option<&mut Map<String, Value>> {
    doc.get_mut("components")?
        .get_mut("schemas")?
        .as_object_mut()
}

/// A component schema marked `nullable: true` makes typify emit
/// `struct X(Option<X>)` beside `struct X`. The flag is moved to where the
/// schema is used: a required property referring to it becomes optional
/// (null and absent both decode to `None`).
fn nullable_components(doc: &mut Value, notes: &mut Notes) {
    let Some(schemas) = schemas_mut(doc) else {
        return;
    };
    let mut nullable = BTreeSet::new();
    for (name, schema) in schemas.iter_mut() {
        if let Some(obj) = schema.as_object_mut() {
            if obj.get("nullable") == Some(&Value::Bool(true)) && !obj.contains_key("$ref") {
                obj.remove("nullable");
                nullable.insert(format!("#/components/schemas/{name}"));
            }
        }
    }
    if nullable.is_empty() {
        return;
    }
    notes.push(format!(
        "{} component schemas were nullable: nullability moved to their uses",
        nullable.len()
    ));
    let mut relaxed = 0;
    walk_objects(doc, &mut |obj| {
        let Some(Value::Object(props)) = obj.get("properties") else {
            return;
        };
        let nullable_props: BTreeSet<String> = props
            .iter()
            .filter(|(_, p)| {
                p.get("$ref")
                    .and_then(Value::as_str)
                    .is_some_and(|r| nullable.contains(r))
            })
            .map(|(k, _)| k.clone())
            .collect();
        if let Some(Value::Array(required)) = obj.get_mut("required") {
            let before = required.len();
            required.retain(|r| r.as_str().is_none_or(|r| !nullable_props.contains(r)));
            relaxed += before - required.len();
        }
    });
    if relaxed > 0 {
        notes.push(format!(
            "{relaxed} required properties referring to nullable schemas became optional"
        ));
    }
}

/// typify names an inline property schema `{Parent}{Property}`; when a
/// component already has that name the two types collide. Such inline
/// schemas are hoisted into components under a free name (or replaced by a
/// reference when they are identical to the component).
fn hoist_colliding_inline_schemas(doc: &mut Value, notes: &mut Notes) {
    let Some(schemas) = schemas_mut(doc) else {
        return;
    };
    let names: BTreeSet<String> = schemas.keys().cloned().collect();
    let originals = schemas.clone();
    let mut hoisted: BTreeMap<String, Value> = BTreeMap::new();
    for (parent, schema) in schemas.iter_mut() {
        let Some(Value::Object(props)) = schema.get_mut("properties") else {
            continue;
        };
        for (prop, pschema) in props.iter_mut() {
            if !names_a_type(pschema) {
                continue;
            }
            let implied = format!(
                "{}{}",
                parent.to_upper_camel_case(),
                prop.to_upper_camel_case()
            );
            if !names.contains(&implied) {
                continue;
            }
            let target = if originals
                .get(&implied)
                .is_some_and(|c| same_type(c, pschema))
            {
                implied.clone()
            } else {
                let mut n = 2;
                loop {
                    let candidate = format!("{implied}{n}");
                    if !names.contains(&candidate) && !hoisted.contains_key(&candidate) {
                        break candidate;
                    }
                    n += 1;
                }
            };
            let inline = std::mem::replace(
                pschema,
                serde_json::json!({ "$ref": format!("#/components/schemas/{target}") }),
            );
            if target != implied {
                hoisted.insert(target.clone(), inline);
                notes.push(format!("inline schema {parent}.{prop} collided with component {implied}: hoisted as {target}"));
            } else {
                notes.push(format!("inline schema {parent}.{prop} is the component {implied}: now a reference to it"));
            }
        }
    }
    for (name, schema) in hoisted {
        schemas.insert(name, schema);
    }
}

/// Two schemas describe the same type when they differ only in prose.
fn same_type(a: &Value, b: &Value) -> bool {
    fn strip(v: &Value) -> Value {
        match v {
            Value::Object(o) => Value::Object(
                o.iter()
                    .filter(|(k, _)| {
                        !matches!(k.as_str(), "description" | "example" | "examples" | "title")
                    })
                    .map(|(k, v)| (k.clone(), strip(v)))
                    .collect(),
            ),
            Value::Array(a) => Value::Array(a.iter().map(strip).collect()),
            other => other.clone(),
        }
    }
    strip(a) == strip(b)
}

/// Whether typify would turn this inline schema into a named type. A
/// composition of a single reference (`allOf: [$ref]`, often used to attach a
/// description) is the referenced type itself.
fn names_a_type(schema: &Value) -> bool {
    let Some(obj) = schema.as_object() else {
        return false;
    };
    if obj.contains_key("$ref") {
        return false;
    }
    let composed = ["allOf", "anyOf", "oneOf"]
        .into_iter()
        .filter_map(|k| obj.get(k))
        .collect::<Vec<_>>();
    let single_ref = |v: &Value| {
        v.as_array()
            .is_some_and(|a| a.len() == 1 && a[0].get("$ref").is_some())
    };
    if !composed.is_empty()
        && composed.iter().all(|c| single_ref(c))
        && !obj.contains_key("properties")
        && !obj.contains_key("enum")
    {
        return false;
    }
    obj.contains_key("enum") || obj.contains_key("properties") || !composed.is_empty()
}

/// A path parameter is always present, but a nullable one becomes an
/// `Option` that progenitor cannot put into a path.
fn required_path_parameters(doc: &mut Value, notes: &mut Notes) {
    let mut fixed = 0;
    let mut fix = |param: &mut Value| {
        let Some(p) = param.as_object_mut() else {
            return;
        };
        if p.get("in").and_then(Value::as_str) != Some("path") {
            return;
        }
        p.insert("required".into(), Value::Bool(true));
        if let Some(Value::Object(s)) = p.get_mut("schema") {
            if s.remove("nullable").is_some() {
                fixed += 1;
            }
        }
    };
    if let Some(Value::Object(params)) = doc
        .get_mut("components")
        .and_then(|c| c.get_mut("parameters"))
    {
        params.values_mut().for_each(&mut fix);
    }
    if let Some(Value::Object(paths)) = doc.get_mut("paths") {
        for item in paths.values_mut() {
            let Some(item) = item.as_object_mut() else {
                continue;
            };
            for (key, value) in item.iter_mut() {
                let list = if key == "parameters" {
                    Some(value)
                } else {
                    value.get_mut("parameters")
                };
                if let Some(Value::Array(list)) = list {
                    list.iter_mut().for_each(&mut fix);
                }
            }
        }
    }
    if fixed > 0 {
        notes.push(format!(
            "{fixed} nullable path parameters made non-nullable"
        ));
    }
}

fn walk_objects(v: &mut Value, f: &mut dyn FnMut(&mut Map<String, Value>)) {
    match v {
        Value::Object(obj) => {
            f(obj);
            for child in obj.values_mut() {
                walk_objects(child, f);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|c| walk_objects(c, f)),
        _ => {}
    }
}
