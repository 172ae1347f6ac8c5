//! What a command answers: the response decoded by status.

use proc_macro2::TokenStream;
use quote::quote;

use crate::model::{MediaKind, Operation, ResponseDef, TypeRef};
use crate::openapi::StatusKey;
use crate::rust::emit::type_ref::{Renderer, Site};
use crate::rust::plan::Plan;

/// The expression that turns `response` into the command's output: each
/// success status (a code or `2XX`) decoded into its own type; another
/// success status into `default`'s type if there is one, else as plain
/// JSON; any other status an error saying what the API said.
pub(crate) fn response_code(plan: &Plan<'_>, op: &Operation) -> TokenStream {
    let render = Renderer::new(plan, Site::Commands);
    let mut arms = Vec::new();
    let mut covers_all_success = false;
    for (status, response) in &op.responses {
        let decode = decode(&render, response);
        match status {
            StatusKey::Code(code) if (200..300).contains(code) => {
                let code = proc_macro2::Literal::u16_unsuffixed(*code);
                arms.push(quote!(#code => #decode,));
            }
            StatusKey::Range(2) => {
                covers_all_success = true;
                arms.push(quote!(200..=299 => #decode,));
            }
            _ => {}
        }
    }
    let rest_of_success = if covers_all_success {
        None
    } else {
        Some(match op.responses.get(&StatusKey::Default) {
            Some(default) => decode(&render, default),
            None => quote!(crate::support::json::<::serde_json::Value>(&response)),
        })
    };
    if arms.is_empty() {
        let success =
            rest_of_success.unwrap_or_else(|| quote!(crate::support::no_content(&response)));
        return quote! {
            if response.is_success() {
                #success
            } else {
                Err(crate::support::failure(response))
            }
        };
    }
    let rest = rest_of_success.map(|success| quote!(_ if response.is_success() => #success,));
    quote! {
        match response.status() {
            #(#arms)*
            #rest
            _ => Err(crate::support::failure(response)),
        }
    }
}

/// Decoding one response's body.
fn decode(render: &Renderer<'_>, response: &ResponseDef) -> TokenStream {
    let Some(content) = response.contents.first() else {
        return quote!(crate::support::no_content(&response));
    };
    match (content.kind, &content.ty) {
        (MediaKind::Json, Some(ty)) => {
            let ty = render.render(ty, false);
            quote!(crate::support::json::<#ty>(&response))
        }
        (MediaKind::Json, None) => quote!(crate::support::json::<::serde_json::Value>(&response)),
        (MediaKind::Binary, _) => quote!(crate::support::bytes(&response)),
        (
            MediaKind::Text | MediaKind::Xml | MediaKind::FormUrlEncoded | MediaKind::Multipart,
            _,
        ) => {
            quote!(crate::support::text(&response))
        }
    }
}

/// The Rust type a success response decodes into, for documentation.
pub(crate) fn answer_types(op: &Operation) -> Vec<(String, String)> {
    op.responses
        .iter()
        .map(|(status, response)| {
            let what = match response.contents.first() {
                None => "no body".to_owned(),
                Some(content) => match (&content.kind, &content.ty) {
                    (MediaKind::Json, Some(ty)) => describe(ty),
                    (MediaKind::Json, None) => "JSON".to_owned(),
                    (MediaKind::Binary, _) => format!("{} (as base64)", content.media_type),
                    _ => format!("{} (as a string)", content.media_type),
                },
            };
            (status.to_string(), what)
        })
        .collect()
}

fn describe(ty: &TypeRef) -> String {
    match ty {
        TypeRef::Named(name) => format!("`{name}`"),
        TypeRef::Primitive(_) => "a value".to_owned(),
        TypeRef::Array(item) => format!("a list of {}", describe(item)),
        TypeRef::Map(value) => format!("a map of {}", describe(value)),
        TypeRef::Nullable(inner) => format!("{} or null", describe(inner)),
    }
}
