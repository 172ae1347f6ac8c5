//! Where a plugin's metadata comes from when `#[plugin]` does not say: the
//! type's doc comment and the package's `Cargo.toml`, which Cargo hands to the
//! compiler (and so to this macro) as `CARGO_PKG_*` variables.

use proc_macro2::TokenStream;
use quote::quote;
use syn::{Attribute, Expr, ExprLit, Lit, Meta};

/// The package version as a string-literal expression: read now, so that it
/// sits in the expansion as plain data, or left to `env!` when this macro
/// runs outside Cargo.
pub(crate) fn version() -> TokenStream {
    match std::env::var("CARGO_PKG_VERSION") {
        Ok(version) => quote!(#version),
        Err(_) => quote!(::core::env!("CARGO_PKG_VERSION")),
    }
}

/// The first paragraph of the doc comment, else the package description.
pub(crate) fn description(attrs: &[Attribute]) -> String {
    doc_summary(attrs).unwrap_or_else(|| package("CARGO_PKG_DESCRIPTION"))
}

/// A `CARGO_PKG_*` variable, empty if unset.
pub(crate) fn package(variable: &str) -> String {
    std::env::var(variable).unwrap_or_default()
}

/// The first paragraph of the `#[doc = "..."]` attributes (which `///`
/// comments become), on one line; `None` if there is none.
fn doc_summary(attrs: &[Attribute]) -> Option<String> {
    let docs: Vec<String> = attrs
        .iter()
        .filter(|attr| attr.path().is_ident("doc"))
        .filter_map(|attr| match &attr.meta {
            Meta::NameValue(nv) => match &nv.value {
                Expr::Lit(ExprLit {
                    lit: Lit::Str(s), ..
                }) => Some(s.value()),
                _ => None,
            },
            _ => None,
        })
        .collect();
    let lines = docs.iter().flat_map(|doc| doc.split('\n')).map(str::trim);
    let paragraph: Vec<&str> = lines
        .skip_while(|l| l.is_empty())
        .take_while(|l| !l.is_empty())
        .collect();
    (!paragraph.is_empty()).then(|| paragraph.join(" "))
}

#[cfg(test)]
mod tests {
    use syn::parse::Parser;

    use super::*;

    fn summary(source: &str) -> Option<String> {
        let attrs = Attribute::parse_outer.parse_str(source).unwrap();
        doc_summary(&attrs)
    }

    #[test]
    fn takes_the_first_paragraph_on_one_line() {
        let source = "#[doc = \"\"] #[doc = \" Greets people\"] #[doc = \" by name.\"] #[doc = \"\"] #[doc = \" More.\"]";
        assert_eq!(summary(source).as_deref(), Some("Greets people by name."));
    }

    #[test]
    fn reads_block_comments_and_skips_other_attributes() {
        let source = "#[derive(Debug)] #[doc = \"\n   Counts.\n\n   Details.\n\"] #[doc = include_str!(\"x\")]";
        assert_eq!(summary(source).as_deref(), Some("Counts."));
        assert_eq!(summary("#[derive(Debug)]"), None);
    }
}
