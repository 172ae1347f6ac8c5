//! Checks that `#[config]` can add its derives to the type.

use syn::punctuated::Punctuated;
use syn::{Attribute, Fields, Meta, Path, Token};

use super::attr::ConfigArgs;
use crate::errors::Errors;
use crate::target::Target;

/// The derives `#[config]` adds.
pub(crate) const DERIVES: [&str; 3] = ["Serialize", "Deserialize", "JsonSchema"];

/// Records every reason the expansion would not compile or would not mean
/// what the user wrote.
pub(crate) fn config(target: &Target, args: &ConfigArgs, errors: &mut Errors) {
    for path in user_derives(&target.attrs) {
        let derive = path
            .segments
            .last()
            .map(|s| s.ident.to_string())
            .unwrap_or_default();
        errors.spanned(
            &path,
            format!(
                "remove `{derive}` from this derive: #[config] already derives Serialize, Deserialize and JsonSchema \
                 (through plugin-api, so the crate needs no serde or schemars dependency)"
            ),
        );
    }
    match &target.struct_fields {
        Some(Fields::Unit) => errors.spanned(
            &target.ident,
            "#[config] needs a struct with fields: write `struct Name {}` for a configuration that is still empty, \
             or use `plugin_api::NoConfig` for a plugin without configuration",
        ),
        None => {
            if let Some(flag) = &args.allow_unknown_fields {
                errors.spanned(
                    flag,
                    "`allow_unknown_fields` applies to structs only: an enum configuration accepts its variants and \
                     nothing else; remove the argument",
                );
            }
        }
        Some(_) => {
            for (path, message) in repeated_serde_options(&target.attrs) {
                errors.spanned(path, message);
            }
        }
    }
}

/// The `#[serde(...)]` container options that `#[config]` sets on a struct
/// itself, where the user wrote them too, with what to say about each.
fn repeated_serde_options(attrs: &[Attribute]) -> Vec<(Path, &'static str)> {
    attrs
        .iter()
        .filter(|attr| attr.path().is_ident("serde"))
        .filter_map(|attr| attr.parse_args_with(Punctuated::<Meta, Token![,]>::parse_terminated).ok())
        .flatten()
        .filter_map(|meta| {
            let message = if meta.path().is_ident("default") {
                "#[config] already makes missing fields take their values from the struct's `Default`; remove \
                 `default` from this #[serde] attribute (to use a function, call it from `Default::default`)"
            } else if meta.path().is_ident("deny_unknown_fields") {
                "#[config] already rejects unknown fields (unless you write #[config(allow_unknown_fields)]); \
                 remove `deny_unknown_fields` from this #[serde] attribute"
            } else {
                return None;
            };
            Some((meta.path().clone(), message))
        })
        .collect()
}

/// The paths in `#[derive(...)]` attributes that name one of [`DERIVES`].
pub(crate) fn user_derives(attrs: &[Attribute]) -> Vec<Path> {
    attrs
        .iter()
        .filter(|attr| attr.path().is_ident("derive"))
        .filter_map(|attr| {
            attr.parse_args_with(Punctuated::<Path, Token![,]>::parse_terminated)
                .ok()
        })
        .flatten()
        .filter(|path| {
            path.segments
                .last()
                .is_some_and(|s| DERIVES.iter().any(|d| s.ident == d))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use syn::parse::Parser;

    use super::*;

    #[test]
    fn finds_serde_options_config_sets_itself() {
        let attrs = Attribute::parse_outer
            .parse_str("#[serde(default = \"f\", rename_all = \"x\")] #[serde(deny_unknown_fields)] #[serde(tag = \"t\")]")
            .unwrap();
        let found: Vec<String> = repeated_serde_options(&attrs)
            .iter()
            .map(|(p, _)| quote::ToTokens::to_token_stream(p).to_string())
            .collect();
        assert_eq!(found, ["default", "deny_unknown_fields"]);
    }

    #[test]
    fn finds_derives_by_their_last_segment() {
        let attrs = Attribute::parse_outer
            .parse_str(
                "#[derive(Debug, serde::Serialize)] #[doc = \"x\"] #[derive(Default, JsonSchema)]",
            )
            .unwrap();
        let found: Vec<String> = user_derives(&attrs)
            .iter()
            .map(|p| quote::ToTokens::to_token_stream(p).to_string())
            .collect();
        assert_eq!(found, ["serde :: Serialize", "JsonSchema"]);
    }
}
