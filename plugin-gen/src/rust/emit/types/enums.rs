//! Enums: closed sets of values, with a variant for values added later.
//!
//! An API adds values to its enums over time; a plugin built today must
//! still decode tomorrow's answers. So every enum has one more variant,
//! `Unknown` (or, if a value already took that name, `UnknownValue`, ...),
//! holding any other value, and serde's traits are written by hand:
//! values as the API writes them, unknown ones kept as they came.

use proc_macro2::TokenStream;
use quote::quote;

use crate::model::{EnumDef, EnumValue, TypeDef};
use crate::naming::UniqueNames;
use crate::rust::emit::syntax::{docs, ident, raw_docs};

/// The enum, its `as_str` or `to_value`, and its serde impls.
pub(crate) fn emit_enum(def: &TypeDef, values: &EnumDef, cfg: &TokenStream) -> TokenStream {
    let name = ident(&def.name);
    let docs = docs(def.docs.as_deref().unwrap_or_default());
    let mut names = UniqueNames::default();
    for variant in &values.variants {
        names.claim_type(&variant.name);
    }
    let fallback = ["Unknown", "UnknownValue", "Unrecognized"]
        .into_iter()
        .find(|candidate| !names.is_taken(candidate))
        .map_or_else(|| names.claim_type("Unknown"), str::to_owned);
    let fallback = ident(&fallback);
    let all_strings = values
        .variants
        .iter()
        .all(|v| matches!(v.value, EnumValue::String(_)));
    let variants = values.variants.iter().map(|variant| {
        let doc = raw_docs(&[format!("`{}`", wire_text(&variant.value).replace('`', "'"))]);
        let variant = ident(&variant.name);
        quote!(#doc #variant,)
    });
    if all_strings {
        let arms_out = values.variants.iter().map(|variant| {
            let variant_name = ident(&variant.name);
            let text = wire_text(&variant.value);
            quote!(Self::#variant_name => #text,)
        });
        let arms_in = values.variants.iter().map(|variant| {
            let variant_name = ident(&variant.name);
            let text = wire_text(&variant.value);
            quote!(#text => Self::#variant_name,)
        });
        let decode = if values.variants.is_empty() {
            quote!(Ok(Self::#fallback(value)))
        } else {
            quote! {
                Ok(match value.as_str() {
                    #(#arms_in)*
                    _ => Self::#fallback(value),
                })
            }
        };
        quote! {
            #docs
            #cfg
            #[derive(Clone, Debug, PartialEq, Eq, Hash)]
            pub enum #name {
                #(#variants)*
                /// A value this version of the API description does not list.
                #fallback(String),
            }

            #cfg
            impl #name {
                /// The value as the API writes it.
                pub fn as_str(&self) -> &str {
                    match self {
                        #(#arms_out)*
                        Self::#fallback(value) => value,
                    }
                }
            }

            #cfg
            impl ::serde::Serialize for #name {
                fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                    serializer.serialize_str(self.as_str())
                }
            }

            #cfg
            impl<'de> ::serde::Deserialize<'de> for #name {
                fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                    let value = <String as ::serde::Deserialize>::deserialize(deserializer)?;
                    #decode
                }
            }
        }
    } else {
        let arms_out = values.variants.iter().map(|variant| {
            let variant_name = ident(&variant.name);
            let value = json_value(&variant.value);
            quote!(Self::#variant_name => #value,)
        });
        let checks = values.variants.iter().map(|variant| {
            let variant_name = ident(&variant.name);
            let value = match &variant.value {
                EnumValue::String(text) => quote!(#text),
                EnumValue::Integer(integer) => quote!(#integer),
                EnumValue::Boolean(flag) => quote!(#flag),
            };
            quote!(if value == #value { return Ok(Self::#variant_name); })
        });
        quote! {
            #docs
            #cfg
            #[derive(Clone, Debug, PartialEq)]
            pub enum #name {
                #(#variants)*
                /// A value this version of the API description does not list.
                #fallback(::serde_json::Value),
            }

            #cfg
            impl #name {
                /// The value as the API writes it.
                pub fn to_value(&self) -> ::serde_json::Value {
                    match self {
                        #(#arms_out)*
                        Self::#fallback(value) => value.clone(),
                    }
                }
            }

            #cfg
            impl ::serde::Serialize for #name {
                fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                    ::serde::Serialize::serialize(&self.to_value(), serializer)
                }
            }

            #cfg
            impl<'de> ::serde::Deserialize<'de> for #name {
                fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                    let value = <::serde_json::Value as ::serde::Deserialize>::deserialize(deserializer)?;
                    #(#checks)*
                    Ok(Self::#fallback(value))
                }
            }
        }
    }
}

fn wire_text(value: &EnumValue) -> String {
    match value {
        EnumValue::String(text) => text.clone(),
        EnumValue::Integer(integer) => integer.to_string(),
        EnumValue::Boolean(flag) => flag.to_string(),
    }
}

fn json_value(value: &EnumValue) -> TokenStream {
    match value {
        EnumValue::String(text) => quote!(::serde_json::Value::from(#text)),
        EnumValue::Integer(integer) => quote!(::serde_json::Value::from(#integer)),
        EnumValue::Boolean(flag) => quote!(::serde_json::Value::Bool(#flag)),
    }
}
