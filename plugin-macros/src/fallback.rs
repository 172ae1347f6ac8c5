//! What a macro expands to when its input has errors: the errors, plus the
//! item and whatever part of the expansion still makes sense, so that the
//! user sees the real mistake rather than a cascade of errors it causes.

use proc_macro2::TokenStream;
use quote::quote;

/// The errors and the item unchanged: code that uses the type still compiles
/// and only the registration is missing.
pub(crate) fn plugin(error: &syn::Error, item: TokenStream) -> TokenStream {
    let error = error.to_compile_error();
    quote! {
        #error
        #item
    }
}

/// The errors and the item, with the derives when they would compile, so that
/// the type still works as a `Plugin::Config`.
pub(crate) fn config(error: &syn::Error, item: TokenStream) -> TokenStream {
    let error = error.to_compile_error();
    let derives = crate::config::fallback(&item);
    quote! {
        #error
        #derives
        #item
    }
}
