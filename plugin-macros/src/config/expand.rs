//! Generates the derives and container attributes `#[config]` puts on the type.

use proc_macro2::TokenStream;
use quote::quote;

/// What the type's fields get: whether missing fields take their values from
/// `Default`, and whether unknown fields are rejected.
#[derive(Clone, Copy)]
pub(crate) struct Fields {
    pub(crate) default: bool,
    pub(crate) deny_unknown: bool,
}

/// The attributes to put before the item. The derives come first, because a
/// derive's helper attributes (`#[serde]`, `#[schemars]`) must follow it.
pub(crate) fn attributes(fields: Fields) -> TokenStream {
    let container = match (fields.default, fields.deny_unknown) {
        (true, true) => quote!(#[serde(default, deny_unknown_fields)]),
        (true, false) => quote!(#[serde(default)]),
        (false, true) => quote!(#[serde(deny_unknown_fields)]),
        (false, false) => quote!(),
    };
    quote! {
        #[derive(
            ::plugin_api::__private::serde::Serialize,
            ::plugin_api::__private::serde::Deserialize,
            ::plugin_api::__private::schemars::JsonSchema,
        )]
        #[serde(crate = "::plugin_api::__private::serde")]
        #[schemars(crate = "::plugin_api::__private::schemars")]
        #container
    }
}
