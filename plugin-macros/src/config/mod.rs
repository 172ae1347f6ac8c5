//! `#[config]`: parse the arguments, validate them, expand.

mod attr;
mod expand;
mod validate;

use proc_macro2::TokenStream;
use quote::quote;
use syn::Fields;

use crate::errors::Errors;
use crate::target;

const USAGE: &str = "#[config] goes on the struct or enum that is a plugin's `Config` type";

/// The item with the derives that make it a plugin configuration.
pub(crate) fn expand(args: TokenStream, item: TokenStream) -> syn::Result<TokenStream> {
    let mut errors = Errors::default();
    let target = errors.take(target::parse(item.clone(), USAGE));
    let args = attr::parse(args, &mut errors);
    if let Some(target) = &target {
        validate::config(target, &args, &mut errors);
    }
    errors.finish()?;
    let is_struct = target.is_some_and(|t| t.struct_fields.is_some());
    let attributes = expand::attributes(expand::Fields {
        default: is_struct,
        deny_unknown: is_struct && args.allow_unknown_fields.is_none(),
    });
    Ok(quote! {
        #attributes
        #item
    })
}

/// What to put before the item when `expand` failed: the derives, if they
/// will compile, so that uses of the type as a `Config` raise no further
/// errors.
pub(crate) fn fallback(item: &TokenStream) -> TokenStream {
    match target::parse(item.clone(), USAGE) {
        Ok(target)
            if validate::user_derives(&target.attrs).is_empty()
                && !matches!(target.struct_fields, Some(Fields::Unit)) =>
        {
            expand::attributes(expand::Fields {
                default: false,
                deny_unknown: false,
            })
        }
        _ => TokenStream::new(),
    }
}
