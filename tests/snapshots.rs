//! Snapshots that keep the generated API and the decoding of errors stable as
//! the spec is revised. Accept intended changes with `cargo insta review`.

use std::fmt::Write as _;

use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};
use workiva_processes::{Client, Credentials, OPERATIONS, RetryPolicy, types};

/// The facade methods as the build generated them.
fn generated_methods() -> Vec<syn::Signature> {
    let text = include_str!("../generated/operations.rs");
    let file = syn::parse_file(text).expect("generated/operations.rs parses");
    let mut out = Vec::new();
    for item in file.items {
        if let syn::Item::Impl(imp) = item {
            for it in imp.items {
                if let syn::ImplItem::Fn(f) = it {
                    out.push(f.sig);
                }
            }
        }
    }
    out
}

fn signature_text(sig: &syn::Signature) -> String {
    let item: syn::TraitItemFn = syn::parse_quote!(#sig;);
    let file: syn::File = syn::parse_quote!(trait Api { #item });
    let text = prettyplease::unparse(&file);
    let body: Vec<&str> = text
        .lines()
        .skip(1)
        .filter(|l| *l != "}")
        .map(str::trim)
        .collect();
    body.join(" ").replace("( ", "(").replace(", )", ")")
}

/// `Result<T, crate::Error>` -> `T`, pretty-printed.
fn ok_type(output: &syn::ReturnType) -> String {
    let syn::ReturnType::Type(_, ty) = output else {
        return "()".into();
    };
    let syn::Type::Path(tp) = &**ty else {
        panic!("methods return a Result")
    };
    let syn::PathArguments::AngleBracketed(args) =
        &tp.path.segments.last().expect("a path").arguments
    else {
        panic!("Result has generic arguments")
    };
    let Some(syn::GenericArgument::Type(ok)) = args.args.first() else {
        panic!("Result<T, _>")
    };
    let file: syn::File = syn::parse_quote!(type Ok = #ok;);
    prettyplease::unparse(&file)
        .trim()
        .trim_start_matches("type Ok = ")
        .trim_end_matches(';')
        .to_string()
}

/// Per operation: method, path, operationId, Rust signature, scopes, success
/// type and statuses, documented error statuses. No doc prose, so a
/// docs-only spec edit leaves this unchanged.
#[test]
fn api_surface() {
    let methods = generated_methods();
    let mut out = String::new();
    for op in OPERATIONS.iter() {
        let sig = methods
            .iter()
            .find(|s| s.ident == op.method_name)
            .expect("every operation has a method");
        let success_type = ok_type(&sig.output);
        writeln!(out, "{} {} ({})", op.method, op.path, op.operation_id).unwrap();
        writeln!(out, "  fn: {}", signature_text(sig)).unwrap();
        writeln!(out, "  returns: {success_type}").unwrap();
        writeln!(out, "  scopes: {:?}", op.scopes).unwrap();
        writeln!(out, "  success: {:?}", op.success_statuses).unwrap();
        writeln!(out, "  errors: {:?}", op.error_statuses).unwrap();
        writeln!(out, "  path parameters: {:?}", op.path_parameters).unwrap();
        writeln!(out, "  idempotent: {}", op.is_idempotent()).unwrap();
    }
    writeln!(out, "X-Version: {}", workiva_processes::API_VERSION).unwrap();
    writeln!(out, "token path: {:?}", workiva_processes::TOKEN_PATH).unwrap();
    writeln!(out, "servers: {:?}", workiva_processes::SERVERS).unwrap();
    insta::assert_snapshot!(out);
}

/// The seed page's eight example bodies, each with its status, sent by a real
/// server and decoded into the SDK's error.
#[tokio::test]
async fn seed_error_bodies_decode() {
    let examples: [(u16, &str); 8] = [
        (
            400,
            r#"{"code":"invalidUser","documentationUrl":"http://developerdocs.example.com","message":"The provided user is invalid.","meta":{"argumentName":"assignee","jobId":"job1234"},"target":"assignee"}"#,
        ),
        (
            401,
            r#"{"code":"Unauthorized","message":"Bad credentials"}"#,
        ),
        (403, r#"{"code":"403","message":"Forbidden"}"#),
        (
            404,
            r#"{"code":"404","message":"Could not find process id 51bcc3ec3d0b4aadb69659e2a7ed767b"}"#,
        ),
        (
            409,
            r#"{"code":"409","message":"Letter is not in a status that supports submissions"}"#,
        ),
        (
            429,
            r#"{"code":"429","message":"Rate limit of 1000 per 60 seconds exceeded for listJobs requests. Retry request in 10 seconds."}"#,
        ),
        (500, r#"{"code":"500","message":"unknown error"}"#),
        (503, r#"{"code":"503","message":"Service Unavailable."}"#),
    ];
    let mut decoded = Vec::new();
    for (status, body) in examples {
        let server = MockServer::start().await;
        Mock::given(method("DELETE"))
            .respond_with(ResponseTemplate::new(status).set_body_raw(body, "application/json"))
            .mount(&server)
            .await;
        let client = Client::builder()
            .base_url(server.uri())
            .credentials(Credentials::bearer_token("snapshot-token"))
            .retry_policy(RetryPolicy::none())
            .build()
            .expect("client builds");
        let err = client
            .trash_process("51bcc3ec3d0b4aadb69659e2a7ed767b")
            .await
            .expect_err("an error status");
        decoded.push(serde_json::json!({
            "display": err.to_string(),
            "error": err,
        }));
    }
    // Sorted maps: serde_json's key order depends on whether another crate
    // in the build turns on its `preserve_order` feature.
    insta::with_settings!({ sort_maps => true }, {
        insta::assert_json_snapshot!(decoded);
    });
}

/// The JSON Schema of the public request and response types: a type change
/// in the spec shows here as a schema diff.
#[test]
#[cfg(feature = "schemars")]
fn type_schemas() {
    let schemas = serde_json::json!({
        "Process": schemars::schema_for!(types::Process),
        "ProcessRun": schemars::schema_for!(types::ProcessRun),
        "ProcessListResult": schemars::schema_for!(types::ProcessListResult),
        "BatchUpdate": schemars::schema_for!(types::BatchUpdate),
        "RunProcessOptions": schemars::schema_for!(types::RunProcessOptions),
        "JobRunCreateList": schemars::schema_for!(types::JobRunCreateList),
        "JobRunsCreated": schemars::schema_for!(types::JobRunsCreated),
        "Error": schemars::schema_for!(types::Error),
    });
    insta::with_settings!({ sort_maps => true }, {
        insta::assert_json_snapshot!(schemas);
    });
}
