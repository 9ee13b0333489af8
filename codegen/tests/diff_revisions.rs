//! `cargo xtask diff`'s classification, without processes: each revision in
//! `tests/spec-revisions/` against `base.yaml`, snapshotted (the exit code,
//! the summary and every report line), plus focused cases on inline schemas,
//! request vs response sides, error responses, recursion and `allOf`.

use std::path::{Path, PathBuf};

use serde_json::{Value, json};
use workiva_processes_codegen::diff::{self, Class, Report, Source};
use workiva_processes_codegen::load;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("codegen lives in the workspace")
        .to_path_buf()
}

fn revision(name: &str) -> load::Spec {
    let path = workspace().join(format!("tests/spec-revisions/{name}.yaml"));
    load::load(&path).unwrap_or_else(|d| panic!("{name} does not load: {d}"))
}

fn against_base(name: &str) -> Report {
    diff::diff(&revision("base"), &revision(name))
}

fn rendered(report: &Report) -> String {
    let mut out = format!(
        "exit code: {}\nsummary: {}\n",
        report.exit_code(),
        report.summary()
    );
    for line in report.lines() {
        out.push_str(&line);
        out.push('\n');
    }
    out
}

/// The class a fixture is about: docs-only fixtures have nothing else,
/// additive ones nothing breaking, breaking ones at least one breaking line.
fn check_class(name: &str, report: &Report, expected: Class) {
    assert!(!report.changes.is_empty(), "{name}: no changes found");
    match expected {
        Class::Docs => {
            assert!(
                report.changes.iter().all(|c| c.class == Class::Docs),
                "{name}:\n{}",
                rendered(report)
            );
            assert_eq!(report.exit_code(), 0);
        }
        Class::Additive => {
            assert_eq!(
                report.count(Class::Breaking),
                0,
                "{name}:\n{}",
                rendered(report)
            );
            assert!(report.count(Class::Additive) > 0, "{name}");
            assert_eq!(report.exit_code(), 0);
        }
        Class::Breaking => {
            assert!(report.is_breaking(), "{name}:\n{}", rendered(report));
            assert_eq!(report.exit_code(), 1);
        }
    }
}

macro_rules! revisions {
    ($($test:ident: $file:literal => $class:expr;)*) => {
        $(
            #[test]
            fn $test() {
                let report = against_base($file);
                check_class($file, &report, $class);
                insta::assert_snapshot!($file, rendered(&report));
            }
        )*

        const FIXTURES: &[&str] = &[$($file),*];
    };
}

revisions! {
    docs_only: "docs-only" => Class::Docs;
    additive_new_operation: "additive-new-operation" => Class::Additive;
    additive_optional_parameter: "additive-optional-parameter" => Class::Additive;
    additive_response_field: "additive-response-field" => Class::Additive;
    additive_required_response_field: "additive-required-response-field" => Class::Additive;
    additive_enum_value: "additive-enum-value" => Class::Additive;
    additive_error_status: "additive-error-status" => Class::Additive;
    breaking_removed_operation: "breaking-removed-operation" => Class::Breaking;
    breaking_removed_parameter: "breaking-removed-parameter" => Class::Breaking;
    breaking_removed_response_field: "breaking-removed-response-field" => Class::Breaking;
    breaking_removed_enum_value: "breaking-removed-enum-value" => Class::Breaking;
    breaking_type_change: "breaking-type-change" => Class::Breaking;
    breaking_required_parameter: "breaking-required-parameter" => Class::Breaking;
    breaking_required_request_field: "breaking-required-request-field" => Class::Breaking;
    breaking_success_status: "breaking-success-status" => Class::Breaking;
    breaking_scope_added: "breaking-scope-added" => Class::Breaking;
    breaking_x_version: "breaking-x-version" => Class::Breaking;
    mixed: "mixed" => Class::Breaking;
}

#[test]
fn every_fixture_is_tested() {
    let mut on_disk: Vec<String> = std::fs::read_dir(workspace().join("tests/spec-revisions"))
        .expect("tests/spec-revisions exists")
        .map(|e| e.expect("readable").path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .filter(|n| n != "base")
        .collect();
    on_disk.sort();
    let mut tested: Vec<String> = FIXTURES.iter().map(|s| s.to_string()).collect();
    tested.sort();
    assert_eq!(on_disk, tested);
}

#[test]
fn a_revision_against_itself_has_no_changes() {
    for name in FIXTURES.iter().copied().chain(["base"]) {
        let spec = revision(name);
        let report = diff::diff(&spec, &spec);
        assert!(report.changes.is_empty(), "{name}:\n{}", rendered(&report));
        assert_eq!(report.exit_code(), 0);
        assert_eq!(report.summary(), "no changes");
    }
    let real = load::load(&workspace().join("openapi/processes.yaml")).expect("the spec loads");
    assert!(diff::diff(&real, &real).changes.is_empty());
}

#[test]
fn reports_are_sorted_and_deterministic() {
    for name in FIXTURES {
        let (a, b) = (against_base(name), against_base(name));
        assert_eq!(a, b, "{name}");
        let keys: Vec<(Class, &str, &str)> = a
            .changes
            .iter()
            .map(|c| (c.class, c.location.as_str(), c.message.as_str()))
            .collect();
        let mut sorted = keys.clone();
        sorted.sort();
        assert_eq!(keys, sorted, "{name}");
    }
}

#[test]
fn reversing_an_additive_revision_breaks() {
    for name in FIXTURES.iter().filter(|n| n.starts_with("additive-")) {
        let report = diff::diff(&revision(name), &revision("base"));
        if *name == "additive-error-status" {
            // Dropping an error status breaks no client.
            assert!(!report.is_breaking(), "{name}:\n{}", rendered(&report));
        } else {
            assert!(report.is_breaking(), "{name}:\n{}", rendered(&report));
        }
    }
}

#[test]
fn the_example_line() {
    let lines = against_base("breaking-success-status").lines();
    assert!(
        lines.contains(
            &"breaking: DELETE /processes/{processId} (trashProcess): response 204 removed"
                .to_string()
        ),
        "{lines:#?}"
    );
}

// --- Focused cases on documents built here -----------------------------

/// A document with one operation, `POST /things (makeThing)`, whose request
/// and 200 response bodies are `request` and `response`, plus `schemas`.
fn document(request: Value, response: Value, schemas: Value) -> Value {
    json!({
        "openapi": "3.0.3",
        "info": { "title": "t", "version": "1" },
        "paths": {
            "/things": {
                "post": {
                    "operationId": "makeThing",
                    "requestBody": {
                        "required": true,
                        "content": { "application/json": { "schema": request } }
                    },
                    "responses": {
                        "200": {
                            "description": "ok",
                            "content": { "application/json": { "schema": response } }
                        },
                        "400": {
                            "description": "bad",
                            "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } }
                        }
                    }
                }
            }
        },
        "components": { "schemas": schemas }
    })
}

fn lines(old: &Value, new: &Value) -> Vec<String> {
    diff::diff_documents(old, new).lines()
}

fn object(properties: Value, required: &[&str]) -> Value {
    json!({ "type": "object", "required": required, "properties": properties })
}

#[test]
fn a_new_required_field_breaks_requests_only() {
    let errors = json!({ "Error": object(json!({ "code": { "type": "string" } }), &["code"]) });
    let old = document(
        object(json!({ "a": { "type": "string" } }), &[]),
        object(json!({ "a": { "type": "string" } }), &[]),
        errors.clone(),
    );
    let new = document(
        object(
            json!({ "a": { "type": "string" }, "b": { "type": "integer" } }),
            &["b"],
        ),
        object(
            json!({ "a": { "type": "string" }, "b": { "type": "integer" } }),
            &["b"],
        ),
        errors,
    );
    assert_eq!(
        lines(&old, &new),
        [
            "breaking: POST /things (makeThing): request body (application/json): new required field `b`",
            "additive: POST /things (makeThing): response 200 (application/json): new required field `b`",
        ]
    );
}

#[test]
fn inline_nested_changes_name_the_path_inside_the_body() {
    let items = |t: &str| {
        object(
            json!({ "data": { "type": "array", "items": object(json!({ "id": { "type": t } }), &[]) } }),
            &[],
        )
    };
    let old = document(json!({ "type": "object" }), items("string"), json!({}));
    let new = document(json!({ "type": "object" }), items("integer"), json!({}));
    assert_eq!(
        lines(&old, &new),
        [
            "breaking: POST /things (makeThing): response 200 (application/json) at data[].id: type changed from string to integer"
        ]
    );
}

#[test]
fn error_response_schemas_never_break() {
    let error = |props: Value| json!({ "Error": object(props, &["code"]) });
    let old = document(
        json!({ "type": "object" }),
        json!({ "type": "object" }),
        error(json!({ "code": { "type": "string" }, "message": { "type": "string" } })),
    );
    let new = document(
        json!({ "type": "object" }),
        json!({ "type": "object" }),
        error(json!({ "code": { "type": "integer" } })),
    );
    assert_eq!(
        lines(&old, &new),
        [
            "additive: /components/schemas/Error: field `message` removed [error response: makeThing]",
            "additive: /components/schemas/Error/properties/code: type changed from string to integer [error response: makeThing]",
        ]
    );
}

#[test]
fn recursive_schemas_end_and_report_each_change_once() {
    let node = |extra: Value| {
        let mut props = json!({
            "name": { "type": "string" },
            "children": { "type": "array", "items": { "$ref": "#/components/schemas/Node" } },
            "parent": { "$ref": "#/components/schemas/Node" }
        });
        props
            .as_object_mut()
            .unwrap()
            .extend(extra.as_object().unwrap().clone());
        json!({ "Node": object(props, &[]) })
    };
    let reference = json!({ "$ref": "#/components/schemas/Node" });
    let old = document(reference.clone(), reference.clone(), node(json!({})));
    let new = document(
        reference.clone(),
        reference,
        node(json!({ "depth": { "type": "integer" } })),
    );
    assert_eq!(
        lines(&old, &new),
        [
            "additive: /components/schemas/Node: new optional field `depth` [request: makeThing; response: makeThing]"
        ]
    );
}

#[test]
fn all_of_members_are_walked_and_ref_targets_compared() {
    let schemas = json!({
        "Base": object(json!({ "id": { "type": "string" } }), &[]),
        "Other": object(json!({ "id": { "type": "string" } }), &[]),
    });
    let composed =
        |target: &str, extra: Value| json!({ "allOf": [ { "$ref": target }, object(extra, &[]) ] });
    let old = document(
        json!({ "type": "object" }),
        composed(
            "#/components/schemas/Base",
            json!({ "a": { "type": "string" } }),
        ),
        schemas.clone(),
    );
    let new = document(
        json!({ "type": "object" }),
        composed("#/components/schemas/Other", json!({})),
        schemas,
    );
    assert_eq!(
        lines(&old, &new),
        [
            "breaking: POST /things (makeThing): response 200 (application/json) at allOf[1]: field `a` removed",
            "breaking: POST /things (makeThing): response 200 (application/json): `allOf` member #/components/schemas/Base removed",
            "additive: POST /things (makeThing): response 200 (application/json): `allOf` member #/components/schemas/Other added (at 0)",
        ]
    );
}

#[test]
fn nullable_and_bounds_follow_the_side() {
    let schema = |nullable: bool, max: u32| json!({ "type": "object", "properties": { "n": { "type": "integer", "nullable": nullable, "maximum": max } } });
    let old = document(schema(false, 10), schema(false, 10), json!({}));
    let new = document(schema(true, 5), schema(true, 5), json!({}));
    assert_eq!(
        lines(&old, &new),
        [
            "breaking: POST /things (makeThing): request body (application/json) at n: `maximum` lowered from 10 to 5",
            "breaking: POST /things (makeThing): response 200 (application/json) at n: now nullable",
            "additive: POST /things (makeThing): request body (application/json) at n: now nullable",
            "additive: POST /things (makeThing): response 200 (application/json) at n: `maximum` lowered from 10 to 5",
        ]
    );
}

#[test]
fn scopes_servers_and_the_version() {
    let doc = |scopes: Value, servers: Value, version: &str| {
        json!({
            "openapi": "3.0.3",
            "info": { "title": "t", "version": version },
            "servers": servers,
            "paths": { "/x": { "get": {
                "operationId": "getX",
                "security": [ { "oauth": scopes } ],
                "responses": { "204": { "description": "ok" } }
            } } }
        })
    };
    let old = doc(json!(["a:read"]), json!([{ "url": "https://one" }]), "1");
    let new = doc(
        json!(["b:write"]),
        json!([{ "url": "https://one" }, { "url": "https://two" }]),
        "2",
    );
    assert_eq!(
        lines(&old, &new),
        [
            "breaking: /info/version: API version (the X-Version clients send) changed from `1` to `2`",
            "breaking: GET /x (getX): scope `b:write` added to security (`oauth`)",
            "additive: /servers: server `https://two` added",
            "additive: GET /x (getX): scope `a:read` removed from security (`oauth`)",
        ]
    );
}

// --- Sources -------------------------------------------------------------

#[test]
fn arguments_are_files_when_they_exist_and_revisions_otherwise() {
    let base = workspace().join("tests/spec-revisions/base.yaml");
    let base = base.to_str().unwrap();
    assert_eq!(Source::from_arg(base), Source::File(PathBuf::from(base)));
    assert_eq!(
        Source::from_arg("HEAD~1"),
        Source::Revision("HEAD~1".into())
    );
    // A directory is not a spec file.
    let dir = workspace().join("tests");
    assert!(matches!(
        Source::from_arg(dir.to_str().unwrap()),
        Source::Revision(_)
    ));
}

#[test]
fn unknown_revisions_are_one_line_errors() {
    for rev in ["no-such-revision-anywhere", "--help", ""] {
        let err = diff::load_source(
            &Source::Revision(rev.into()),
            &workspace(),
            "openapi/processes.yaml",
        )
        .expect_err("unknown revision");
        assert!(err.starts_with("error: "), "{err}");
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains("neither a spec file nor a revision"), "{err}");
    }
}

#[test]
fn head_revision_loads_and_names_itself() {
    let spec = diff::load_source(
        &Source::Revision("HEAD".into()),
        &workspace(),
        "openapi/processes.yaml",
    )
    .expect("HEAD has the spec");
    assert_eq!(spec.path, Path::new("HEAD:openapi/processes.yaml"));
    // The file at HEAD has the same operations as the working copy.
    let working = load::load(&workspace().join("openapi/processes.yaml")).expect("loads");
    assert!(
        !diff::diff(&spec, &working)
            .lines()
            .iter()
            .any(|l| l.ends_with("operation removed")),
    );
}

#[test]
fn broken_files_give_the_codegen_diagnostics() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("diff-revisions");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("broken.yaml");
    std::fs::write(&path, "openapi: 3.0.3\npaths: [unclosed\n").unwrap();
    let err =
        diff::load_source(&Source::File(path.clone()), &workspace(), "x").expect_err("broken");
    let expected = load::load(&path).expect_err("broken").to_string();
    assert_eq!(err, expected);
    assert!(err.contains("[invalid-yaml]"), "{err}");
}

#[test]
fn long_reference_chains_do_not_overflow_the_stack() {
    const LENGTH: usize = 5_000;
    let chain = |last: &str| {
        let mut schemas = serde_json::Map::new();
        for i in 0..LENGTH {
            let next = if i + 1 < LENGTH {
                json!({ "$ref": format!("#/components/schemas/C{}", i + 1) })
            } else {
                json!({ "type": last })
            };
            schemas.insert(format!("C{i}"), object(json!({ "next": next }), &[]));
        }
        Value::Object(schemas)
    };
    let root = json!({ "$ref": "#/components/schemas/C0" });
    let old = document(root.clone(), json!({ "type": "object" }), chain("string"));
    let new = document(root, json!({ "type": "object" }), chain("integer"));
    // Test threads have small stacks: this would overflow a recursive walk.
    assert_eq!(
        lines(&old, &new),
        [format!(
            "breaking: /components/schemas/C{}/properties/next: type changed from string to integer [request: makeThing]",
            LENGTH - 1
        )]
    );
}

#[test]
fn unreferenced_schemas_are_reported_apart() {
    let schemas = |t: &str| {
        json!({
            "Used": object(json!({ "a": { "type": t } }), &[]),
            "Orphan": object(json!({ "b": { "type": t }, "used": { "$ref": "#/components/schemas/Used" } }), &[]),
        })
    };
    let used = json!({ "$ref": "#/components/schemas/Used" });
    let old = document(json!({ "type": "object" }), used.clone(), schemas("string"));
    let new = document(json!({ "type": "object" }), used, schemas("integer"));
    assert_eq!(
        lines(&old, &new),
        [
            "breaking: /components/schemas/Orphan/properties/b: type changed from string to integer [not used by any operation]",
            "breaking: /components/schemas/Used/properties/a: type changed from string to integer [response: makeThing]",
        ]
    );
}

#[test]
fn long_lists_of_operations_are_counted() {
    let doc = |t: &str| {
        let mut paths = serde_json::Map::new();
        for i in 0..10 {
            paths.insert(
                format!("/t{i}"),
                json!({ "get": {
                    "operationId": format!("get{i}"),
                    "responses": { "200": {
                        "description": "ok",
                        "content": { "application/json": { "schema": { "$ref": "#/components/schemas/T" } } }
                    } }
                } }),
            );
        }
        json!({
            "openapi": "3.0.3",
            "info": { "title": "t", "version": "1" },
            "paths": paths,
            "components": { "schemas": { "T": object(json!({ "a": { "type": t } }), &[]) } }
        })
    };
    assert_eq!(
        lines(&doc("string"), &doc("integer")),
        [
            "breaking: /components/schemas/T/properties/a: type changed from string to integer [response: get0, get1, get2, get3, get4, get5, get6, get7 and 2 more]"
        ]
    );
}
