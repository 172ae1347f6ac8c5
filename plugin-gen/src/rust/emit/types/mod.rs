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

/// Writes the modules of `src/types/`.
#[derive(Debug)]
pub(crate) struct TypesEmitter<'p> {
    plan: &'p Plan<'p>,
    features: Features<'p>,
    newtypes: BTreeSet<String>,
}

impl<'p> TypesEmitter<'p> {
    pub(crate) fn new(plan: &'p Plan<'p>) -> Self {
        Self {
            plan,
            features: Features(&plan.features),
            newtypes: aliases::recursive_aliases(plan.model),
        }
    }

    /// The modules of types, by name, with their file.
    pub(crate) fn modules(&self) -> impl Iterator<Item = (&'p str, PathBuf)> + use<'p> {
        self.plan.placement.modules.keys().map(|module| {
            (
                module.as_str(),
                PathBuf::from(format!("src/types/{module}.rs")),
            )
        })
    }

    /// The gate of a module: the features of all its types.
    fn gate(&self, module: &str) -> Gate {
        let mut gate = Gate::default();
        for name in self
            .plan
            .placement
            .modules
            .get(module)
            .into_iter()
            .flatten()
        {
            gate.extend(&self.plan.gating.of(name));
        }
        gate
    }

    /// The types of `module`.
    pub(crate) fn module(&self, module: &str) -> TokenStream {
        let plan = self.plan;
        let names = plan
            .placement
            .modules
            .get(module)
            .map(Vec::as_slice)
            .unwrap_or_default();
        let gate = self.gate(module);
        let render = Renderer::new(plan, Site::Types(module));
        let items = names.iter().map(|name| {
            let def = &plan.model.types[name];
            let cfg = self.features.cfg_within(&plan.gating.of(name), &gate);
            match &def.kind {
                TypeKind::Struct(fields) => structs::emit_struct(def, fields, &render, &cfg),
                TypeKind::Enum(values) => enums::emit_enum(def, values, &cfg),
                TypeKind::Union(union) => unions::emit_union(def, union, &render, &cfg),
                TypeKind::Alias(alias) => {
                    aliases::emit_alias(def, alias, &render, self.newtypes.contains(name), &cfg)
                }
            }
        });
        let module_docs = raw_inner_docs(&[format!("Types of `{module}`: {}.", names.join(", "))]);
        quote! {
            #module_docs
            #(#items)*
        }
    }

    /// `src/types/mod.rs`: the modules, each behind its gate, re-exported.
    pub(crate) fn index(&self) -> TokenStream {
        let declarations = self.plan.placement.modules.keys().map(|module| {
            let cfg = self.features.cfg(&self.gate(module));
            let id = ident(module);
            quote! {
                #cfg
                mod #id;
                #cfg
                pub use self::#id::*;
            }
        });
        let link = ident(LINK_MODULE);
        let docs = raw_inner_docs(&[
            "The API's types, as the specification describes its schemas.".to_owned(),
            String::new(),
            "Each type is compiled when a feature whose resource uses it is on. A resource object (a type an operation answers with) \
             is held by other types through [`link`]: typed when one of its own resources' features is on, plain JSON otherwise."
                .to_owned(),
        ]);
        quote! {
            #docs
            pub mod #link;
            #(#declarations)*
        }
    }

    /// `src/types/link.rs`.
    pub(crate) fn links(&self) -> TokenStream {
        links(self.plan, &self.features)
    }
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
