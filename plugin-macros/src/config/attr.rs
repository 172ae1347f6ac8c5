//! Parses the arguments of `#[config(...)]`.

use proc_macro2::TokenStream;
use syn::parse::Parser;
use syn::punctuated::Punctuated;
use syn::{Meta, Path, Token};

use crate::errors::Errors;
use crate::suggest::did_you_mean;

const ALLOW_UNKNOWN_FIELDS: &str = "allow_unknown_fields";

/// The arguments as written.
#[derive(Default)]
pub(crate) struct ConfigArgs {
    /// The `allow_unknown_fields` flag, kept for its span.
    pub(crate) allow_unknown_fields: Option<Path>,
}

/// Parses the arguments, recording every problem in `errors`.
pub(crate) fn parse(tokens: TokenStream, errors: &mut Errors) -> ConfigArgs {
    let mut args = ConfigArgs::default();
    let parsed = Punctuated::<Meta, Token![,]>::parse_terminated
        .parse2(tokens)
        .map_err(|e| {
            syn::Error::new(
                e.span(),
                format!("{e}: the only #[config] argument is `#[config({ALLOW_UNKNOWN_FIELDS})]`"),
            )
        });
    let Some(metas) = errors.take(parsed) else {
        return args;
    };
    for meta in metas {
        let word = meta
            .path()
            .get_ident()
            .map(ToString::to_string)
            .unwrap_or_default();
        if word == "deny_unknown_fields" {
            errors.spanned(
                meta.path(),
                "#[config] structs reject unknown fields already; remove `deny_unknown_fields`",
            );
        } else if word != ALLOW_UNKNOWN_FIELDS {
            let shown = quote::ToTokens::to_token_stream(meta.path())
                .to_string()
                .replace(' ', "");
            let hint = did_you_mean(&shown, &[ALLOW_UNKNOWN_FIELDS]);
            errors.spanned(
                meta.path(),
                format!(
                    "unknown #[config] argument `{shown}`{hint}; the only argument is `{ALLOW_UNKNOWN_FIELDS}`, which \
                     makes a struct ignore fields it does not have instead of rejecting them; serde and schemars \
                     options go in their own `#[serde(...)]` and `#[schemars(...)]` attributes below #[config]"
                ),
            );
        } else if args.allow_unknown_fields.is_some() {
            errors.spanned(
                meta.path(),
                format!("duplicate argument `{ALLOW_UNKNOWN_FIELDS}`; remove one"),
            );
        } else if let Meta::Path(path) = meta {
            args.allow_unknown_fields = Some(path);
        } else {
            errors.spanned(
                meta,
                format!(
                    "`{ALLOW_UNKNOWN_FIELDS}` is a flag: write `#[config({ALLOW_UNKNOWN_FIELDS})]`"
                ),
            );
        }
    }
    args
}

#[cfg(test)]
mod tests {
    use quote::quote;

    use super::*;

    fn messages(tokens: TokenStream) -> (bool, Vec<String>) {
        let mut errors = Errors::default();
        let args = parse(tokens, &mut errors);
        let found = errors
            .finish()
            .err()
            .map_or_else(Vec::new, |e| e.into_iter().map(|e| e.to_string()).collect());
        (args.allow_unknown_fields.is_some(), found)
    }

    #[test]
    fn reads_the_flag() {
        assert_eq!(messages(quote!()), (false, vec![]));
        assert_eq!(messages(quote!(allow_unknown_fields)), (true, vec![]));
    }

    #[test]
    fn rejects_anything_else() {
        let (_, found) = messages(quote!(
            allow_unknown_field,
            allow_unknown_fields = true,
            deny,
            serde::x,
            deny_unknown_fields
        ));
        assert_eq!(found.len(), 5, "{found:#?}");
        assert!(
            found[0].starts_with("unknown #[config] argument `allow_unknown_field` (did you mean")
        );
        assert!(found[1].starts_with("`allow_unknown_fields` is a flag"));
        assert!(found[2].contains("the only argument is `allow_unknown_fields`"));
        assert!(found[3].starts_with("unknown #[config] argument `serde::x`;"));
        assert!(found[4].contains("reject unknown fields already"));
    }
}
