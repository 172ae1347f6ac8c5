//! Type references as Rust types.

use proc_macro2::TokenStream;
use quote::quote;

use super::syntax::ident;
use crate::model::{IntegerFormat, Primitive, StringFormat, TypeRef};
use crate::rust::plan::Plan;

/// Where a reference is written, which decides how a named type is
/// spelled.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Site<'a> {
    /// Inside the types module `module`: types of the same module by
    /// name, others through `super::`, resource objects through links.
    Types(&'a str),
    /// Outside `types` (a resource's commands): every type through
    /// `types::`, resource objects directly.
    Commands,
}

/// Renders type references at one site.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Renderer<'a> {
    plan: &'a Plan<'a>,
    site: Site<'a>,
}

impl<'a> Renderer<'a> {
    pub(crate) fn new(plan: &'a Plan<'a>, site: Site<'a>) -> Self {
        Self { plan, site }
    }

    /// The Rust type of `ty`; `boxed` puts a named type held by value
    /// (not through a list or map) behind a `Box`.
    pub(crate) fn render(&self, ty: &TypeRef, boxed: bool) -> TokenStream {
        match ty {
            TypeRef::Named(name) => {
                let (path, is_link) = self.named(name);
                if boxed && !is_link {
                    quote!(Box<#path>)
                } else {
                    path
                }
            }
            TypeRef::Primitive(primitive) => self::primitive(primitive),
            TypeRef::Array(item) => {
                let item = self.render(item, false);
                quote!(Vec<#item>)
            }
            TypeRef::Map(value) => {
                let value = self.render(value, false);
                quote!(::std::collections::BTreeMap<String, #value>)
            }
            TypeRef::Nullable(inner) => {
                let inner = self.render(inner, boxed);
                quote!(Option<#inner>)
            }
        }
    }

    /// Whether `ty` (through `Nullable`) names a type that holds other
    /// types by value and is not behind a link: worth boxing in an enum
    /// variant.
    pub(crate) fn is_large(&self, ty: &TypeRef) -> bool {
        let Some(name) = ty.named_by_value() else {
            return false;
        };
        if matches!(self.site, Site::Types(_)) && self.plan.gating.is_object(name) {
            return false;
        }
        matches!(
            self.plan.model.types.get(name).map(|def| &def.kind),
            Some(crate::model::TypeKind::Struct(_) | crate::model::TypeKind::Union(_))
        )
    }

    /// The path of named type `name`, and whether it is a link.
    fn named(&self, name: &str) -> (TokenStream, bool) {
        let id = ident(name);
        match self.site {
            Site::Commands => (quote!(crate::types::#id), false),
            Site::Types(_) if self.plan.gating.is_object(name) => {
                let link = ident(crate::rust::plan::placement::LINK_MODULE);
                (quote!(super::#link::#id), true)
            }
            Site::Types(here) => {
                if self.plan.placement.module_of.get(name).map(String::as_str) == Some(here) {
                    (quote!(#id), false)
                } else {
                    (quote!(super::#id), false)
                }
            }
        }
    }
}

/// The Rust type of a primitive.
pub(crate) fn primitive(primitive: &Primitive) -> TokenStream {
    match primitive {
        Primitive::Any => quote!(::serde_json::Value),
        Primitive::Null => quote!(()),
        Primitive::Boolean => quote!(bool),
        Primitive::Integer(IntegerFormat::Int32) => quote!(i32),
        Primitive::Integer(_) => quote!(i64),
        Primitive::Number(_) => quote!(f64),
        Primitive::String(StringFormat::Binary) => quote!(crate::support::FileContent),
        Primitive::String(_) => quote!(String),
        Primitive::EmptyString => quote!(crate::support::EmptyString),
    }
}
