//! Unions: `oneOf` and `anyOf`.
//!
//! An untagged union derives serde's traits and tries its variants in the
//! specification's order. A discriminated union reads the discriminator
//! property first and decodes the variant it names; a value naming no
//! variant (a subtype added later) is kept whole in a fallback variant.
//! Variants that hold a struct or another union are boxed, so one large
//! variant does not make every value large.

use proc_macro2::TokenStream;
use quote::quote;

use crate::model::{Tagging, TypeDef, UnionDef};
use crate::naming::UniqueNames;
use crate::rust::emit::syntax::{docs, ident, raw_docs};
use crate::rust::emit::type_ref::Renderer;

/// The enum and, for a discriminated union, its `Deserialize` impl.
pub(crate) fn emit_union(
    def: &TypeDef,
    union: &UnionDef,
    render: &Renderer<'_>,
    cfg: &TokenStream,
) -> TokenStream {
    let name = ident(&def.name);
    let docs = docs(def.docs.as_deref().unwrap_or_default());
    let variants: Vec<(proc_macro2::Ident, TokenStream, &crate::model::UnionVariant)> = union
        .variants
        .iter()
        .map(|variant| {
            let boxed = variant.boxed || render.is_large(&variant.ty);
            (
                ident(&variant.name),
                render.render(&variant.ty, boxed),
                variant,
            )
        })
        .collect();
    let declared = variants.iter().map(|(variant, ty, model)| {
        let doc = match model.tags.as_slice() {
            [] => TokenStream::new(),
            tags => raw_docs(&[format!(
                "Selected by {}.",
                tags.iter()
                    .map(|t| format!("`{}`", t.replace('`', "'")))
                    .collect::<Vec<_>>()
                    .join(", ")
            )]),
        };
        quote!(#doc #variant(#ty),)
    });
    match &union.tagging {
        Tagging::Untagged => quote! {
            #docs
            #cfg
            #[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
            #[serde(untagged)]
            pub enum #name {
                #(#declared)*
            }
        },
        Tagging::Discriminated { property } => {
            let mut names = UniqueNames::default();
            for variant in &union.variants {
                names.claim_type(&variant.name);
            }
            let fallback = ["Unknown", "UnknownVariant", "Unrecognized"]
                .into_iter()
                .find(|candidate| !names.is_taken(candidate))
                .map_or_else(|| names.claim_type("Unknown"), str::to_owned);
            let fallback = ident(&fallback);
            let tagged: Vec<TokenStream> = variants
                .iter()
                .filter(|(_, _, model)| !model.tags.is_empty())
                .map(|(variant, _, model)| {
                    let tags = model.tags.iter().map(String::as_str);
                    quote! {
                        if let Some(#(#tags)|*) = tag.as_deref() {
                            return ::serde_json::from_value(value).map(Self::#variant).map_err(::serde::de::Error::custom);
                        }
                    }
                })
                .collect();
            let by_tag = (!tagged.is_empty()).then(|| {
                quote! {
                    let tag = value.get(#property).and_then(::serde_json::Value::as_str).map(str::to_owned);
                    #(#tagged)*
                }
            });
            let untagged = variants
                .iter()
                .filter(|(_, _, model)| model.tags.is_empty())
                .map(|(variant, _, _)| {
                    quote! {
                        if let Ok(decoded) = ::serde_json::from_value(value.clone()) {
                            return Ok(Self::#variant(decoded));
                        }
                    }
                });
            let property_doc = raw_docs(&[format!(
                "Told apart by `{}`; a value naming no variant is kept whole.",
                property.replace('`', "'")
            )]);
            quote! {
                #docs
                #property_doc
                #cfg
                #[derive(Clone, Debug, PartialEq, ::serde::Serialize)]
                #[serde(untagged)]
                pub enum #name {
                    #(#declared)*
                    /// A value whose discriminator names no variant.
                    #fallback(::serde_json::Value),
                }

                #cfg
                impl<'de> ::serde::Deserialize<'de> for #name {
                    fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                        let value = <::serde_json::Value as ::serde::Deserialize>::deserialize(deserializer)?;
                        #by_tag
                        #(#untagged)*
                        Ok(Self::#fallback(value))
                    }
                }
            }
        }
    }
}
