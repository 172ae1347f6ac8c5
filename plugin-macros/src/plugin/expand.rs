//! Generates what `#[plugin]` adds after the type: its metadata, its vtable
//! and its entry in plugin-api's registry.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};

use super::defaults;
use super::validate::Plugin;
use crate::target::Target;

/// The registration of `target` with the checked `plugin` arguments.
///
/// Everything sits in an anonymous `const` block so that several plugins in
/// one module do not clash. The parts that name the type carry its span, so
/// that "the trait `Plugin` is not implemented" points at the type's name.
/// The entry is built through a function bounded by `Registered` rather than
/// by calling `PluginEntry::new` (bounded by `Plugin`) on the type directly,
/// so that a missing `Plugin` implementation is reported once, on the
/// `Registered` implementation, instead of twice.
pub(crate) fn registration(target: &Target, plugin: &Plugin) -> TokenStream {
    let ident = &target.ident;
    let name = &plugin.name;
    let version = plugin
        .version
        .as_ref()
        .map_or_else(defaults::version, |v| quote!(#v));
    let description = plugin
        .description
        .clone()
        .unwrap_or_else(|| defaults::description(&target.attrs));
    let authors = plugin
        .authors
        .clone()
        .unwrap_or_else(|| defaults::package("CARGO_PKG_AUTHORS"));
    let license = plugin
        .license
        .clone()
        .unwrap_or_else(|| defaults::package("CARGO_PKG_LICENSE"));
    let requires = &plugin.requires;
    let dependencies = plugin.dependencies.iter().map(|d| {
        let (name, requirement, optional) = (&d.name, &d.requirement, d.optional);
        quote! {
            ::plugin_api::__private::DependencyMeta { name: #name, requirement: #requirement, optional: #optional }
        }
    });
    let conflicts = &plugin.conflicts;
    let services = &plugin.provides;
    let subscriptions = &plugin.subscribe;
    let hooks = plugin.hooks.iter().map(|(name, priority)| {
        quote! { ::plugin_api::__private::HookMeta { name: #name, priority: #priority } }
    });
    let unload_safe = plugin.unload_safe;
    let span = ident.span();
    let vtable = quote_spanned!(span=> ::plugin_api::__private::vtable::<#ident>());
    let registered = quote_spanned! {span=>
        impl ::plugin_api::__private::Registered for #ident {
            const NAME: &'static str = #name;
        }
    };
    let entry = quote_spanned! {span=>
        ::plugin_api::__private::PluginEntry::new::<#ident>(&__PLUGIN_META, &__PLUGIN_VTABLE)
    };
    quote! {
        const _: () = {
            static __PLUGIN_META: ::plugin_api::__private::PluginMeta = ::plugin_api::__private::PluginMeta {
                name: #name,
                version: #version,
                description: #description,
                authors: #authors,
                license: #license,
                requires: #requires,
                dependencies: &[#(#dependencies),*],
                conflicts: &[#(#conflicts),*],
                services: &[#(#services),*],
                subscriptions: &[#(#subscriptions),*],
                hooks: &[#(#hooks),*],
                unload_safe: #unload_safe,
            };
            static __PLUGIN_VTABLE: ::plugin_api::abi::PluginVtable = #vtable;
            #registered
            #[::plugin_api::__private::linkme::distributed_slice(::plugin_api::__private::PLUGINS)]
            #[linkme(crate = ::plugin_api::__private::linkme)]
            static __PLUGIN_ENTRY: ::plugin_api::__private::PluginEntry = #entry;
        };
    }
}
