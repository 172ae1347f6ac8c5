//! Aliases: another name for a type.

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::TokenStream;
use quote::quote;

use crate::graph::strongly_connected;
use crate::model::{AliasDef, Model, TypeDef, TypeKind};
use crate::rust::emit::syntax::{docs, ident};
use crate::rust::emit::type_ref::Renderer;

/// A `type` alias; an alias that names itself through other aliases only
/// (`A = Vec<B>`, `B = Option<A>`) is a newtype instead, since Rust does
/// not allow recursive `type` aliases.
pub(crate) fn emit_alias(
    def: &TypeDef,
    alias: &AliasDef,
    render: &Renderer<'_>,
    newtype: bool,
    cfg: &TokenStream,
) -> TokenStream {
    let name = ident(&def.name);
    let docs = docs(def.docs.as_deref().unwrap_or_default());
    let ty = render.render(&alias.ty, alias.boxed);
    if newtype {
        quote! {
            #docs
            #cfg
            #[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
            #[serde(transparent)]
            pub struct #name(pub #ty);
        }
    } else {
        quote! {
            #docs
            #cfg
            pub type #name = #ty;
        }
    }
}

/// The aliases that refer to themselves through aliases alone.
pub(crate) fn recursive_aliases(model: &Model) -> BTreeSet<String> {
    let aliases: Vec<(&String, &AliasDef)> = model
        .types
        .iter()
        .filter_map(|(name, def)| match &def.kind {
            TypeKind::Alias(alias) => Some((name, alias)),
            _ => None,
        })
        .collect();
    let index: BTreeMap<&str, usize> = aliases
        .iter()
        .enumerate()
        .map(|(i, (n, _))| (n.as_str(), i))
        .collect();
    let edges: Vec<Vec<usize>> = aliases
        .iter()
        .map(|(_, alias)| {
            alias
                .ty
                .names()
                .iter()
                .filter_map(|n| index.get(n).copied())
                .collect()
        })
        .collect();
    let mut recursive = BTreeSet::new();
    for component in strongly_connected(&edges) {
        let cyclic = component.len() > 1 || edges[component[0]].contains(&component[0]);
        if cyclic {
            recursive.extend(component.iter().map(|&i| aliases[i].0.clone()));
        }
    }
    recursive
}
