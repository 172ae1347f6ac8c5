//! `#[plugin(...)]`: parse the arguments, validate them, expand.

mod attr;
mod defaults;
mod expand;
mod validate;

use proc_macro2::{Span, TokenStream};
use quote::quote;

use crate::errors::Errors;
use crate::target;

/// The original item followed by its registration as a plugin.
pub(crate) fn expand(args: TokenStream, item: TokenStream) -> syn::Result<TokenStream> {
    let mut errors = Errors::default();
    let target = errors.take(target::parse(
        item.clone(),
        "#[plugin] goes on a struct or an enum that implements `plugin_api::Plugin`",
    ));
    if let Some(target) = &target {
        validate::generics(&target.generics, &mut errors);
    }
    let plugin = attr::parse(args, &mut errors)
        .map(|args| validate::plugin(&args, target.as_ref().map(|t| &t.ident), &mut errors));
    errors.finish()?;
    match (target, plugin) {
        (Some(target), Some(plugin)) => {
            let registration = expand::registration(&target, &plugin);
            Ok(quote! {
                #item
                #registration
            })
        }
        // Both are `None` only after an error was recorded, so this is not reached.
        _ => Err(syn::Error::new(
            Span::call_site(),
            "#[plugin] could not read its input",
        )),
    }
}
