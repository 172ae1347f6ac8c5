//! `src/types/`: the API's types, one module per group of schemas
//! ([`placement`](crate::rust::plan::placement)), each type behind the
//! features that reach it ([`gating`](crate::rust::plan::gating)), and the
//! links to resource objects.

mod aliases;
mod enums;
mod structs;
mod unions;

use std::collections::BTreeSet;
use std::path::PathBuf;

use proc_macro2::TokenStream;
use quote::quote;

use super::syntax::{Features, ident, raw_docs, raw_inner_docs};
use super::type_ref::{Renderer, Site};
use crate::model::TypeKind;
use crate::rust::plan::Plan;
use crate::rust::plan::gating::Gate;
use crate::rust::plan::placement::LINK_MODULE;

/// One file of `src/types/`, its path and its tokens.
pub(crate) type File = (PathBuf, TokenStream);

/// Every file of `src/types/`; `each` is told about each one made.
pub(crate) fn emit_types(plan: &Plan<'_>, mut each: impl FnMut(File)) {
    let features = Features(&plan.features);
    let newtypes = aliases::recursive_aliases(plan.model);
    let mut declarations = Vec::new();
    for (module, names) in &plan.placement.modules {
        let mut gate = Gate::default();
        for name in names {
            gate.extend(&plan.gating.of(name));
        }
        let render = Renderer::new(plan, Site::Types(module));
        let items = names.iter().map(|name| {
            let def = &plan.model.types[name];
            let cfg = features.cfg_within(&plan.gating.of(name), &gate);
            match &def.kind {
                TypeKind::Struct(fields) => structs::emit_struct(def, fields, &render, &cfg),
                TypeKind::Enum(values) => enums::emit_enum(def, values, &cfg),
                TypeKind::Union(union) => unions::emit_union(def, union, &render, &cfg),
                TypeKind::Alias(alias) => {
                    aliases::emit_alias(def, alias, &render, newtypes.contains(name), &cfg)
                }
            }
        });
        let module_docs = raw_inner_docs(&[format!("Types of `{module}`: {}.", names.join(", "))]);
        each((
            PathBuf::from(format!("src/types/{module}.rs")),
            quote! {
                #module_docs
                #(#items)*
            },
        ));
        let cfg = features.cfg(&gate);
        let id = ident(module);
        declarations.push(quote! {
            #cfg
            mod #id;
            #cfg
            pub use self::#id::*;
        });
    }
    each((
        PathBuf::from(format!("src/types/{LINK_MODULE}.rs")),
        links(plan, &features),
    ));
    let link = ident(LINK_MODULE);
    let docs = raw_inner_docs(&[
        "The API's types, as the specification describes its schemas.".to_owned(),
        String::new(),
        "Each type is compiled when a feature whose resource uses it is on. A resource object (a type an operation answers with) \
         is held by other types through [`link`]: typed when one of its own resources' features is on, plain JSON otherwise."
            .to_owned(),
    ]);
    each((
        PathBuf::from("src/types/mod.rs"),
        quote! {
            #docs
            pub mod #link;
            #(#declarations)*
        },
    ));
}

/// `src/types/link.rs`: one alias per resource object, the object when
/// its features are on, else any JSON value.
fn links(plan: &Plan<'_>, features: &Features<'_>) -> TokenStream {
    let objects: BTreeSet<&String> = plan.gating.objects.iter().collect();
    let aliases = objects.iter().map(|name| {
        let id = ident(name);
        let gate = plan.gating.of(name);
        let docs = raw_docs(&[format!(
            "A `{name}` held by another type: the object itself when one of its resources' features is on, any JSON value otherwise."
        )]);
        match features.condition(&gate) {
            None => quote! {
                #docs
                pub type #id = Box<super::#id>;
            },
            Some(condition) => quote! {
                #docs
                #[cfg(#condition)]
                pub type #id = Box<super::#id>;
                #docs
                #[cfg(not(#condition))]
                pub type #id = ::serde_json::Value;
            },
        }
    });
    let docs = raw_inner_docs(&[
        "Links to resource objects from other types.".to_owned(),
        String::new(),
        "A type that holds another resource's object (an expanded field, a list of another resource's objects) holds it \
         through one of these aliases, so that compiling one resource never needs another resource's types: \
         the object is typed when one of its own features is on, and kept as JSON otherwise."
            .to_owned(),
    ]);
    quote! {
        #docs
        #(#aliases)*
    }
}
