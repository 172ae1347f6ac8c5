//! Structs: objects with known properties.

use proc_macro2::TokenStream;
use quote::quote;

use crate::model::{Field, StructDef, TypeDef, TypeRef};
use crate::naming::UniqueNames;
use crate::rust::emit::syntax::{docs_parts, ident, plain};
use crate::rust::emit::type_ref::Renderer;

/// A struct deriving serde's traits. Optional fields (and fields only one
/// side sends: `readOnly`, `writeOnly`) are `Option`s left out when
/// `None`; a required nullable field is an `Option` written as `null`.
/// Members beyond the fields (`additionalProperties`) go to a flattened
/// map; `additionalProperties: false` refuses unknown members.
pub(crate) fn emit_struct(
    def: &TypeDef,
    fields: &StructDef,
    render: &Renderer<'_>,
    cfg: &TokenStream,
) -> TokenStream {
    let name = ident(&def.name);
    let mut parts = vec![def.docs.clone().unwrap_or_default()];
    if let Some(discriminator) = &fields.discriminator {
        let subtypes: Vec<String> = discriminator
            .mapping
            .iter()
            .map(|(value, ty)| format!("{value} is {}", ty.names().join(", ")))
            .collect();
        parts.push(format!(
            "Subtypes are told apart by {}: {}.",
            discriminator.property,
            subtypes.join("; ")
        ));
    }
    let docs = docs_parts(&parts);
    let mut names = UniqueNames::default();
    for field in &fields.fields {
        names.claim_snake(&field.name);
    }
    let members = fields.fields.iter().map(|field| emit_field(field, render));
    let additional = fields.additional.as_ref().map(|value| {
        let member = ident(&names.claim_snake("additional_properties"));
        let value = render.render(value, false);
        quote! {
            /// Members beyond the known fields.
            #[serde(flatten)]
            pub #member: ::std::collections::BTreeMap<String, #value>,
        }
    });
    let closed = fields.closed.then(|| quote!(#[serde(deny_unknown_fields)]));
    quote! {
        #docs
        #cfg
        #[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
        #closed
        pub struct #name {
            #(#members)*
            #additional
        }
    }
}

fn emit_field(field: &Field, render: &Renderer<'_>) -> TokenStream {
    let name = ident(&field.name);
    let optional = !field.required || field.read_only || field.write_only;
    let (ty, skip) = if optional {
        let inner = match &field.ty {
            TypeRef::Nullable(inner) => inner.as_ref(),
            other => other,
        };
        let inner = render.render(inner, field.boxed);
        (quote!(Option<#inner>), true)
    } else {
        (render.render(&field.ty, field.boxed), false)
    };
    let rename = (plain(&field.name) != field.wire_name).then_some(field.wire_name.as_str());
    let serde = match (rename, skip) {
        (Some(wire), true) => {
            quote!(#[serde(rename = #wire, skip_serializing_if = "Option::is_none")])
        }
        (Some(wire), false) => quote!(#[serde(rename = #wire)]),
        (None, true) => quote!(#[serde(skip_serializing_if = "Option::is_none")]),
        (None, false) => TokenStream::new(),
    };
    let mut notes = Vec::new();
    if field.read_only {
        notes.push("Sent by the API only (read-only).".to_owned());
    }
    if field.write_only {
        notes.push("Sent to the API only (write-only).".to_owned());
    }
    if let Some(default) = &field.default {
        notes.push(format!(
            "Default: `{}`.",
            default.to_string().replace('`', "'")
        ));
    }
    if field.deprecated {
        notes.push("Deprecated.".to_owned());
    }
    let mut parts = vec![field.docs.clone().unwrap_or_default()];
    parts.push(notes.join(" "));
    let docs = docs_parts(&parts);
    quote! {
        #docs
        #serde
        pub #name: #ty,
    }
}
