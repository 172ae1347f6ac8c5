//! What an attribute is applied to: both macros take a struct or an enum and
//! reject anything else on its keyword.

use proc_macro2::{Span, TokenStream};
use quote::ToTokens;
use syn::spanned::Spanned;
use syn::{Attribute, Fields, Generics, Ident, Item};

/// The struct or enum an attribute is on.
pub(crate) struct Target {
    /// The item's outer attributes.
    pub(crate) attrs: Vec<Attribute>,
    /// The type's name.
    pub(crate) ident: Ident,
    /// The type's generic parameters.
    pub(crate) generics: Generics,
    /// Its fields if it is a struct, `None` for an enum.
    pub(crate) struct_fields: Option<Fields>,
}

/// Parses `item` as a struct or an enum; `usage` completes the error message
/// for anything else, such as "`#[plugin]` goes on a struct or an enum".
pub(crate) fn parse(item: TokenStream, usage: &str) -> syn::Result<Target> {
    let item: Item = syn::parse2(item)?;
    match item {
        Item::Struct(s) => Ok(Target {
            attrs: s.attrs,
            ident: s.ident,
            generics: s.generics,
            struct_fields: Some(s.fields),
        }),
        Item::Enum(e) => Ok(Target {
            attrs: e.attrs,
            ident: e.ident,
            generics: e.generics,
            struct_fields: None,
        }),
        other => {
            let (span, what) = describe(&other);
            Err(syn::Error::new(span, format!("{usage}, not on {what}")))
        }
    }
}

/// The span of an item's keyword and what the item is, with an article.
fn describe(item: &Item) -> (Span, &'static str) {
    match item {
        Item::Fn(f) => (f.sig.fn_token.span, "a function"),
        Item::Impl(i) => (i.impl_token.span, "an impl block"),
        Item::Trait(t) => (t.trait_token.span, "a trait"),
        Item::Union(u) => (u.union_token.span, "a union"),
        Item::Type(t) => (t.type_token.span, "a type alias"),
        Item::Mod(m) => (m.mod_token.span, "a module"),
        Item::Const(c) => (c.const_token.span, "a constant"),
        Item::Static(s) => (s.static_token.span, "a static"),
        Item::Use(u) => (u.use_token.span, "an import"),
        Item::Macro(m) => (m.mac.path.span(), "a macro invocation"),
        other => (first_token_span(other), "this item"),
    }
}

fn first_token_span(item: &Item) -> Span {
    item.to_token_stream()
        .into_iter()
        .next()
        .map_or_else(Span::call_site, |t| t.span())
}
