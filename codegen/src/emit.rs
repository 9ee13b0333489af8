//! Generation and formatting: normalized spec -> progenitor tokens ->
//! post-processing -> facade and operation table -> prettyplease text.

use proc_macro2::{Literal, TokenStream, TokenTree};
use quote::{format_ident, quote};

use crate::normalize::{ApiFacts, OperationEntry};

/// Runs progenitor, turning both its errors and its panics into messages.
pub fn progenitor_tokens(
    api: &openapiv3::OpenAPI,
    settings: &progenitor::GenerationSettings,
) -> Result<TokenStream, String> {
    let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let mut generator = progenitor::Generator::new(settings);
        generator.generate_tokens(api).map_err(|e| e.to_string())
    }));
    match run {
        Ok(r) => r,
        Err(panic) => {
            let what = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_else(|| "unknown panic".into());
            Err(format!("progenitor panicked: {what}"))
        }
    }
}

/// Settings for the SDK's raw client: positional methods, and hooks the
/// runtime must implement (a missing impl is one compile error, not many).
pub fn sdk_settings() -> progenitor::GenerationSettings {
    let mut s = progenitor::GenerationSettings::new();
    s.with_interface(progenitor::InterfaceStyle::Positional)
        .with_hooks(progenitor::HooksMode::Expected)
        .with_inner_type(quote!(crate::transport::CallContext))
        .with_derive("schemars::JsonSchema");
    s
}

/// Progenitor always sends `api-version: <info.version>`; this API names that
/// header `X-Version`, so the literal is renamed in place and the generated
/// client itself sends the spec's version.
pub fn rename_version_header(tokens: TokenStream, header: &str) -> TokenStream {
    tokens
        .into_iter()
        .map(|tt| match tt {
            TokenTree::Group(g) => {
                let mut ng = proc_macro2::Group::new(
                    g.delimiter(),
                    rename_version_header(g.stream(), header),
                );
                ng.set_span(g.span());
                TokenTree::Group(ng)
            }
            TokenTree::Literal(l) if l.to_string() == "\"api-version\"" => {
                TokenTree::Literal(Literal::string(&header.to_ascii_lowercase()))
            }
            other => other,
        })
        .collect()
}

/// progenitor's `encode_path` leaves `.`, `..` and `\` as they are, and the
/// URL parser then resolves them (`\` reads as `/`). Every call is routed to
/// `path` instead, the runtime's encoder of exactly one path segment.
pub fn replace_path_encoder(tokens: TokenStream, path: &TokenStream) -> TokenStream {
    let mut out = Vec::new();
    let mut iter = tokens.into_iter().peekable();
    while let Some(tt) = iter.next() {
        match tt {
            TokenTree::Group(g) => {
                let mut ng =
                    proc_macro2::Group::new(g.delimiter(), replace_path_encoder(g.stream(), path));
                ng.set_span(g.span());
                out.push(TokenTree::Group(ng));
            }
            TokenTree::Ident(i)
                if i == "encode_path"
                    && matches!(iter.peek(), Some(TokenTree::Group(g)) if g.delimiter() == proc_macro2::Delimiter::Parenthesis) =>
            {
                out.extend(path.clone());
            }
            other => out.push(other),
        }
    }
    out.into_iter().collect()
}

/// Formats a token stream as a Rust file.
pub fn format(tokens: TokenStream) -> Result<String, String> {
    let file: syn::File =
        syn::parse2(tokens).map_err(|e| format!("generated code does not parse: {e}"))?;
    Ok(prettyplease::unparse(&file))
}

/// One raw client method as progenitor wrote it.
struct RawMethod {
    sig: syn::Signature,
    ok_type: syn::Type,
}

fn raw_methods(file: &syn::File) -> Vec<RawMethod> {
    let mut out = Vec::new();
    for item in &file.items {
        let syn::Item::Impl(imp) = item else { continue };
        if imp.trait_.is_some() {
            continue;
        }
        let syn::Type::Path(tp) = &*imp.self_ty else {
            continue;
        };
        if !tp.path.is_ident("Client") {
            continue;
        }
        for it in &imp.items {
            let syn::ImplItem::Fn(f) = it else { continue };
            if f.sig.asyncness.is_none() {
                continue;
            }
            if let Some(ok_type) = ok_type(&f.sig.output) {
                out.push(RawMethod {
                    sig: f.sig.clone(),
                    ok_type,
                });
            }
        }
    }
    out
}

/// `Result<ResponseValue<T>, Error<E>>` -> `T`.
fn ok_type(output: &syn::ReturnType) -> Option<syn::Type> {
    let syn::ReturnType::Type(_, ty) = output else {
        return None;
    };
    let first_generic = |ty: &syn::Type| -> Option<syn::Type> {
        let syn::Type::Path(tp) = ty else { return None };
        let seg = tp.path.segments.last()?;
        let syn::PathArguments::AngleBracketed(args) = &seg.arguments else {
            return None;
        };
        match args.args.first()? {
            syn::GenericArgument::Type(t) => Some(t.clone()),
            _ => None,
        }
    };
    let response_value = first_generic(ty)?;
    first_generic(&response_value)
}

/// The operation table and the typed facade over the raw client.
pub fn sdk_operations(
    raw: &syn::File,
    facts: &ApiFacts,
    spec_name: &str,
) -> Result<TokenStream, String> {
    let methods = raw_methods(raw);
    let mut table = Vec::new();
    let mut facade = Vec::new();
    for (index, op) in facts.operations.iter().enumerate() {
        let method = methods
            .iter()
            .find(|m| m.sig.ident == op.method_name)
            .ok_or_else(|| {
                format!(
                    "progenitor wrote no method `{}` for operationId `{}`",
                    op.method_name, op.operation_id
                )
            })?;
        table.push(table_entry(op));
        facade.push(facade_method(op, method, index, spec_name)?);
    }
    if methods.len() != facts.operations.len() {
        return Err(format!(
            "progenitor wrote {} methods for {} operations",
            methods.len(),
            facts.operations.len()
        ));
    }

    let version = &facts.version;
    let title = &facts.title;
    let token_path = match &facts.token_path {
        Some(p) => quote!(Some(#p)),
        None => quote!(None),
    };
    let servers = facts
        .servers
        .iter()
        .map(|(name, url)| quote!((#name, #url)));
    let scopes = facts
        .scopes
        .iter()
        .map(|(name, text)| quote!((#name, #text)));
    let count = facts.operations.len();
    Ok(quote! {
        use crate::raw::types;
        use crate::operation::Operation;

        /// Title of the API, from `info.title`.
        pub const API_TITLE: &str = #title;
        /// The version every request sends in `X-Version`, from `info.version`.
        pub const API_VERSION: &str = #version;
        /// Path of the OAuth2 client-credentials token endpoint, from the
        /// `oauth2` security scheme's `tokenUrl`.
        pub const TOKEN_PATH: Option<&str> = #token_path;
        /// The spec's servers: description and base URL.
        pub const SERVERS: &[(&str, &str)] = &[#(#servers),*];
        /// Every OAuth2 scope the spec declares, with its description.
        pub const SCOPES: &[(&str, &str)] = &[#(#scopes),*];
        /// Every operation of the spec, in document order.
        pub static OPERATIONS: [Operation; #count] = [#(#table),*];

        impl crate::Client {
            #(#facade)*
        }
    })
}

fn table_entry(op: &OperationEntry) -> TokenStream {
    let OperationEntry {
        operation_id,
        method_name,
        method,
        path,
        scopes,
        success,
        errors,
        path_params,
        ..
    } = op;
    let names = path_params.iter().map(|(api, _)| api);
    quote! {
        Operation {
            operation_id: #operation_id,
            method_name: #method_name,
            method: #method,
            path: #path,
            scopes: &[#(#scopes),*],
            success_statuses: &[#(#success),*],
            error_statuses: &[#(#errors),*],
            path_parameters: &[#(#names),*],
        }
    }
}

fn facade_method(
    op: &OperationEntry,
    raw: &RawMethod,
    index: usize,
    spec_name: &str,
) -> Result<TokenStream, String> {
    let sig = &raw.sig;
    let name = &sig.ident;
    let generics = &sig.generics;
    let inputs: Vec<&syn::FnArg> = sig.inputs.iter().collect();
    let mut arg_names = Vec::new();
    for arg in &inputs {
        if let syn::FnArg::Typed(pt) = arg {
            let syn::Pat::Ident(pi) = &*pt.pat else {
                return Err(format!("unexpected argument pattern in `{name}`"));
            };
            arg_names.push(pi.ident.clone());
        }
    }
    let mut checks = Vec::new();
    for (api, rust) in &op.path_params {
        let ident = format_ident!("{}", rust);
        if !arg_names.contains(&ident) {
            return Err(format!(
                "`{name}` has no argument `{rust}` for path parameter `{api}`"
            ));
        }
        checks.push(quote! {
            crate::input::check_path_segment(op, #api, &#ident)?;
        });
    }
    let ok = &raw.ok_type;
    let doc = facade_doc(op, spec_name);
    Ok(quote! {
        #[doc = #doc]
        pub async fn #name #generics(#(#inputs),*) -> ::std::result::Result<#ok, crate::Error> {
            let op = &OPERATIONS[#index];
            #(#checks)*
            self.execute(op, move |raw: ::std::sync::Arc<crate::raw::Client>| {
                #(let #arg_names = ::std::clone::Clone::clone(&#arg_names);)*
                async move { raw.#name(#(#arg_names),*).await }
            }).await
        }
    })
}

fn facade_doc(op: &OperationEntry, spec_name: &str) -> String {
    let mut doc = String::new();
    if let Some(s) = &op.summary {
        doc.push_str(&format!(" {s}\n\n"));
    }
    if let Some(d) = &op.description {
        for line in d.trim_end().lines() {
            doc.push_str(&format!(" {line}\n"));
        }
        doc.push('\n');
    }
    doc.push_str(&format!(
        " `{} {}` (operationId `{}` in `{spec_name}`).\n\n",
        op.method, op.path, op.operation_id
    ));
    if op.scopes.is_empty() {
        doc.push_str(" Required OAuth scopes: none.\n\n");
    } else {
        let scopes: Vec<String> = op.scopes.iter().map(|s| format!("`{s}`")).collect();
        doc.push_str(&format!(
            " Required OAuth scopes: {}.\n\n",
            scopes.join(", ")
        ));
    }
    let ok: Vec<String> = op.success.iter().map(|s| s.to_string()).collect();
    doc.push_str(&format!(" Success: {}.\n\n", ok.join(", ")));
    if !op.error_docs.is_empty() {
        doc.push_str(" # Errors\n\n Documented error statuses, each an [`Error`](crate::Error) whose\n [`kind`](crate::Error::kind) follows the status:\n");
        for (code, text) in &op.error_docs {
            doc.push_str(&format!(" - {code}: {}\n", text.trim()));
        }
    }
    doc
}
