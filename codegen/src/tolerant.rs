//! Tolerant decoding: a server that adds an enum value must not break every
//! call that returns it. Every string enum progenitor emits gets one more
//! variant, `Unknown(String)`, marked `#[serde(untagged)]`, so an unknown value
//! deserializes into it (and serializes back unchanged) instead of failing.
//! `FromStr` stays strict, so values a caller builds are still checked.

use quote::format_ident;
use syn::visit_mut::VisitMut;

/// Applies the pass to every item of the file.
pub fn make_enums_tolerant(file: &mut syn::File) {
    TolerantEnums::default().visit_file_mut(file);
}

#[derive(Default)]
struct TolerantEnums {
    /// Enum name -> name of the catch-all variant.
    catch_all: std::collections::HashMap<String, syn::Ident>,
}

fn is_string_enum(e: &syn::ItemEnum) -> bool {
    let derives_deserialize = e.attrs.iter().any(|a| {
        a.path().is_ident("derive") && a.meta.to_token_stream_string().contains("Deserialize")
    });
    let has_serde_untagged_or_tag = e.attrs.iter().any(|a| {
        a.path().is_ident("serde") && {
            let s = a.meta.to_token_stream_string();
            s.contains("untagged") || s.contains("tag =")
        }
    });
    derives_deserialize
        && !has_serde_untagged_or_tag
        && !e.variants.is_empty()
        && e.variants
            .iter()
            .all(|v| matches!(v.fields, syn::Fields::Unit))
}

trait MetaString {
    fn to_token_stream_string(&self) -> String;
}

impl MetaString for syn::Meta {
    fn to_token_stream_string(&self) -> String {
        quote::ToTokens::to_token_stream(self).to_string()
    }
}

impl VisitMut for TolerantEnums {
    fn visit_item_mod_mut(&mut self, m: &mut syn::ItemMod) {
        let Some((_, items)) = &mut m.content else {
            return;
        };
        // First the enums, so the impls that follow them can be patched.
        for item in items.iter_mut() {
            if let syn::Item::Enum(e) = item {
                if is_string_enum(e) {
                    let name = ["Unknown", "UnknownValue", "Unrecognized"]
                        .into_iter()
                        .find(|n| !e.variants.iter().any(|v| v.ident == n))
                        .unwrap_or("UnknownValueOfThisEnum");
                    let variant = format_ident!("{name}");
                    drop_copy_derive(&mut e.attrs);
                    e.variants.push(syn::parse_quote! {
                        /// A value this revision of the spec does not know.
                        #[serde(untagged)]
                        #variant(::std::string::String)
                    });
                    self.catch_all.insert(e.ident.to_string(), variant);
                }
            }
        }
        for item in items.iter_mut() {
            if let syn::Item::Impl(imp) = item {
                self.patch_display(imp);
            }
        }
        syn::visit_mut::visit_item_mod_mut(self, m);
    }
}

impl TolerantEnums {
    /// `Display` matches every variant; give it the catch-all's arm.
    fn patch_display(&self, imp: &mut syn::ItemImpl) {
        let Some((_, trait_path, _)) = &imp.trait_ else {
            return;
        };
        if trait_path
            .segments
            .last()
            .is_none_or(|s| s.ident != "Display")
        {
            return;
        }
        let syn::Type::Path(tp) = &*imp.self_ty else {
            return;
        };
        let Some(variant) = tp
            .path
            .get_ident()
            .and_then(|i| self.catch_all.get(&i.to_string()))
        else {
            return;
        };
        for it in imp.items.iter_mut() {
            let syn::ImplItem::Fn(f) = it else { continue };
            for stmt in f.block.stmts.iter_mut() {
                if let syn::Stmt::Expr(syn::Expr::Match(m), _) = stmt {
                    m.arms.push(
                        syn::parse_quote! { Self::#variant(ref value) => f.write_str(value), },
                    );
                }
            }
        }
    }
}

fn drop_copy_derive(attrs: &mut [syn::Attribute]) {
    remove_derives(attrs, |p| p.is_ident("Copy"));
}

/// Removes the derives `matches` selects from every `#[derive(..)]`;
/// returns whether any was removed.
fn remove_derives(attrs: &mut [syn::Attribute], matches: impl Fn(&syn::Path) -> bool) -> bool {
    let mut removed = false;
    for a in attrs.iter_mut() {
        if !a.path().is_ident("derive") {
            continue;
        }
        let Ok(paths) = a.parse_args_with(
            syn::punctuated::Punctuated::<syn::Path, syn::Token![,]>::parse_terminated,
        ) else {
            continue;
        };
        if !paths.iter().any(&matches) {
            continue;
        }
        let kept: Vec<&syn::Path> = paths.iter().filter(|p| !matches(p)).collect();
        *a = syn::parse_quote!(#[derive(#(#kept),*)]);
        removed = true;
    }
    removed
}

/// Moves `schemars::JsonSchema` out of every derive list into
/// `#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]`, so the
/// SDK builds without schemars when its `schemars` feature is off.
pub fn gate_json_schema_derive(file: &mut syn::File) {
    GateJsonSchema.visit_file_mut(file);
}

struct GateJsonSchema;

impl VisitMut for GateJsonSchema {
    fn visit_attributes_mut(&mut self, attrs: &mut Vec<syn::Attribute>) {
        let gated = remove_derives(attrs, |p| {
            p.segments.last().is_some_and(|s| s.ident == "JsonSchema")
        });
        if gated {
            attrs.push(
                syn::parse_quote!(#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]),
            );
        }
    }
}
