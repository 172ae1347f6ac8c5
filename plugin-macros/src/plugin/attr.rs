//! Parses the arguments of `#[plugin(...)]` into [`PluginArgs`], checking
//! their shape: known keys, each once, with the right kind of value.

use std::collections::BTreeSet;

use proc_macro2::TokenStream;
use syn::parse::Parser;
use syn::punctuated::Punctuated;
use syn::{Expr, ExprLit, Lit, LitStr, Meta, Path, Token};

use crate::errors::Errors;
use crate::suggest::did_you_mean;

/// Every key `#[plugin]` takes, with an example of its use for messages.
const KEYS: &[(&str, &str)] = &[
    ("name", r#"name = "my-plugin""#),
    ("version", r#"version = "1.2.0""#),
    ("description", r#"description = "Greets people by name""#),
    ("authors", r#"authors = "Ann <ann@example.com>:Bob""#),
    ("license", r#"license = "MIT OR Apache-2.0""#),
    ("requires", r#"requires = ">=1.4, <2""#),
    (
        "dependency",
        r#"dependency(name = "storage", version = "^1.2", optional)"#,
    ),
    ("conflicts", r#"conflicts("legacy-auth", "other")"#),
    ("provides", r#"provides("geo", "billing.invoices")"#),
    ("subscribe", r#"subscribe("orders.created", "orders.*")"#),
    ("hook", r#"hook(name = "pre_parse", priority = 10)"#),
    ("unload_safe", "unload_safe"),
];

/// Every key of `hook(...)`, with an example of its use.
const HOOK_KEYS: &[(&str, &str)] = &[
    ("name", r#"name = "pre_parse""#),
    ("priority", "priority = 10"),
];

/// Every key of `dependency(...)`, with an example of its use.
const DEPENDENCY_KEYS: &[(&str, &str)] = &[
    ("name", r#"name = "storage""#),
    ("version", r#"version = "^1.2""#),
    ("optional", "optional"),
];

/// The arguments as written, with the literals kept for their spans.
#[derive(Default)]
pub(crate) struct PluginArgs {
    pub(crate) name: Option<LitStr>,
    /// Whether `name` was written at all, even with a value of the wrong kind,
    /// so that such a name is not also reported as missing.
    pub(crate) name_written: bool,
    pub(crate) version: Option<LitStr>,
    pub(crate) description: Option<LitStr>,
    pub(crate) authors: Option<LitStr>,
    pub(crate) license: Option<LitStr>,
    pub(crate) requires: Option<LitStr>,
    pub(crate) dependencies: Vec<DependencyArg>,
    pub(crate) conflicts: Vec<LitStr>,
    pub(crate) provides: Vec<LitStr>,
    pub(crate) subscribe: Vec<LitStr>,
    pub(crate) hooks: Vec<HookArg>,
    pub(crate) unload_safe: bool,
}

/// One `hook(...)` as written.
pub(crate) struct HookArg {
    pub(crate) name: LitStr,
    pub(crate) priority: i32,
}

/// One `dependency(...)` as written.
pub(crate) struct DependencyArg {
    pub(crate) name: LitStr,
    pub(crate) version: Option<LitStr>,
    pub(crate) optional: bool,
}

/// Parses the arguments, recording every problem in `errors`; `None` if
/// they are not even a comma-separated list of keys.
pub(crate) fn parse(tokens: TokenStream, errors: &mut Errors) -> Option<PluginArgs> {
    let metas = errors.take(
        Punctuated::<Meta, Token![,]>::parse_terminated
            .parse2(tokens)
            .map_err(|e| {
                syn::Error::new(
                    e.span(),
                    format!("{e}: #[plugin] takes arguments like `{}`", KEYS[0].1),
                )
            }),
    )?;
    let mut args = PluginArgs::default();
    let mut seen = BTreeSet::new();
    for meta in &metas {
        let Some(key) = key(meta.path(), KEYS, "#[plugin]", errors) else {
            continue;
        };
        if key != "dependency" && key != "hook" && !seen.insert(key) {
            errors.spanned(
                meta.path(),
                format!("duplicate key `{key}`: each key may appear once; remove one of them"),
            );
            continue;
        }
        match key {
            "name" => {
                args.name_written = true;
                args.name = string(meta, KEYS, errors);
            }
            "version" => args.version = string(meta, KEYS, errors),
            "description" => args.description = string(meta, KEYS, errors),
            "authors" => args.authors = string(meta, KEYS, errors),
            "license" => args.license = string(meta, KEYS, errors),
            "requires" => args.requires = string(meta, KEYS, errors),
            "dependency" => args.dependencies.extend(dependency(meta, errors)),
            "conflicts" => args.conflicts = strings(meta, "conflicts", "plugin names", errors),
            "provides" => args.provides = strings(meta, "provides", "service names", errors),
            "subscribe" => args.subscribe = strings(meta, "subscribe", "event topics", errors),
            "hook" => args.hooks.extend(hook(meta, errors)),
            _ => {
                args.unload_safe = flag(
                    meta,
                    "unload_safe",
                    "to let the host unmap the library once its instances are gone",
                    errors,
                )
            }
        }
    }
    Some(args)
}

/// The key `path` names, if it is one of `keys`.
fn key(
    path: &Path,
    keys: &[(&'static str, &str)],
    context: &str,
    errors: &mut Errors,
) -> Option<&'static str> {
    let names: Vec<&str> = keys.iter().map(|(k, _)| *k).collect();
    let Some(ident) = path.get_ident() else {
        errors.spanned(
            path,
            format!(
                "expected a key of {context}; the keys are {}",
                names.join(", ")
            ),
        );
        return None;
    };
    let word = ident.to_string();
    let found = keys.iter().find(|(k, _)| *k == word).map(|(k, _)| *k);
    if found.is_none() {
        let hint = did_you_mean(&word, &names);
        errors.spanned(
            ident,
            format!(
                "unknown key `{word}` in {context}{hint}; the keys are {}",
                names.join(", ")
            ),
        );
    }
    found
}

/// How `key` is written, from its table.
fn example(key: &str, keys: &[(&str, &'static str)]) -> &'static str {
    keys.iter().find(|(k, _)| *k == key).map_or("", |(_, e)| *e)
}

/// The string literal of `key = "..."`.
fn string(meta: &Meta, keys: &[(&str, &'static str)], errors: &mut Errors) -> Option<LitStr> {
    let key = meta
        .path()
        .get_ident()
        .map(ToString::to_string)
        .unwrap_or_default();
    let example = example(&key, keys);
    match meta {
        Meta::NameValue(nv) => {
            match &nv.value {
                Expr::Lit(ExprLit {
                    lit: Lit::Str(s),
                    attrs,
                }) if attrs.is_empty() => Some(s.clone()),
                Expr::Lit(ExprLit { lit, .. }) => {
                    errors.spanned(lit, format!("`{key}` takes a string literal, as in `{example}`: put the value in quotes"));
                    None
                }
                other => {
                    errors.spanned(
                    other,
                    format!("`{key}` takes a string literal, as in `{example}`; constants and macros cannot be used here"),
                );
                    None
                }
            }
        }
        Meta::Path(_) | Meta::List(_) => {
            errors.spanned(meta, format!("`{key}` takes a value: write `{example}`"));
            None
        }
    }
}

/// One `dependency(name = "...", version = "...", optional)`.
fn dependency(meta: &Meta, errors: &mut Errors) -> Option<DependencyArg> {
    let example = example("dependency", KEYS);
    let Meta::List(list) = meta else {
        errors.spanned(
            meta,
            format!("`dependency` takes a list of settings: write `{example}`"),
        );
        return None;
    };
    let entries =
        errors.take(list.parse_args_with(Punctuated::<Meta, Token![,]>::parse_terminated))?;
    let mut seen = BTreeSet::new();
    let (mut name, mut version, mut optional) = (None, None, false);
    for entry in &entries {
        let Some(key) = key(entry.path(), DEPENDENCY_KEYS, "`dependency(...)`", errors) else {
            continue;
        };
        if !seen.insert(key) {
            errors.spanned(
                entry.path(),
                format!("duplicate key `{key}` in this dependency; remove one of them"),
            );
            continue;
        }
        match key {
            "name" => name = string(entry, DEPENDENCY_KEYS, errors),
            "version" => version = string(entry, DEPENDENCY_KEYS, errors),
            _ => optional = flag(entry, "optional", "to make the dependency optional", errors),
        }
    }
    if name.is_none() && !seen.contains("name") {
        errors.spanned(
            list,
            format!("this dependency has no name: write `{example}`"),
        );
    }
    Some(DependencyArg {
        name: name?,
        version,
        optional,
    })
}

/// Whether a bare flag such as `optional` is set; `purpose` says what it does.
fn flag(meta: &Meta, key: &str, purpose: &str, errors: &mut Errors) -> bool {
    match meta {
        Meta::Path(_) => true,
        _ => {
            errors.spanned(
                meta,
                format!("`{key}` is a flag: write `{key}` alone {purpose}, or leave it out"),
            );
            false
        }
    }
}

/// One `hook(name = "...", priority = 10)`.
fn hook(meta: &Meta, errors: &mut Errors) -> Option<HookArg> {
    let example = example("hook", KEYS);
    let Meta::List(list) = meta else {
        errors.spanned(
            meta,
            format!("`hook` takes a list of settings: write `{example}`"),
        );
        return None;
    };
    let entries =
        errors.take(list.parse_args_with(Punctuated::<Meta, Token![,]>::parse_terminated))?;
    let mut seen = BTreeSet::new();
    let (mut name, mut priority) = (None, 0);
    for entry in &entries {
        let Some(key) = key(entry.path(), HOOK_KEYS, "`hook(...)`", errors) else {
            continue;
        };
        if !seen.insert(key) {
            errors.spanned(
                entry.path(),
                format!("duplicate key `{key}` in this hook; remove one of them"),
            );
            continue;
        }
        match key {
            "name" => name = string(entry, HOOK_KEYS, errors),
            _ => priority = integer(entry, errors).unwrap_or(0),
        }
    }
    if name.is_none() && !seen.contains("name") {
        errors.spanned(list, format!("this hook has no name: write `{example}`"));
    }
    Some(HookArg {
        name: name?,
        priority,
    })
}

/// The `i32` of `priority = 10` or `priority = -10`.
fn integer(meta: &Meta, errors: &mut Errors) -> Option<i32> {
    let message = "`priority` takes an integer from -2147483648 to 2147483647, as in `priority = 10`; lower runs first";
    let Meta::NameValue(nv) = meta else {
        errors.spanned(meta, message);
        return None;
    };
    let (negative, lit) = match &nv.value {
        Expr::Lit(ExprLit {
            lit: Lit::Int(lit), ..
        }) => (false, lit),
        Expr::Unary(syn::ExprUnary {
            op: syn::UnOp::Neg(_),
            expr,
            ..
        }) => match &**expr {
            Expr::Lit(ExprLit {
                lit: Lit::Int(lit), ..
            }) => (true, lit),
            other => {
                errors.spanned(other, message);
                return None;
            }
        },
        other => {
            errors.spanned(other, message);
            return None;
        }
    };
    let parsed = lit
        .base10_digits()
        .parse::<i64>()
        .ok()
        .map(|v| if negative { -v } else { v })
        .and_then(|v| i32::try_from(v).ok());
    if parsed.is_none() || !lit.suffix().is_empty() {
        errors.spanned(lit, message);
        return None;
    }
    parsed
}

/// The string literals in `key("...", "...")`; `what` says what they name.
fn strings(meta: &Meta, key: &str, what: &str, errors: &mut Errors) -> Vec<LitStr> {
    let example = example(key, KEYS);
    let Meta::List(list) = meta else {
        errors.spanned(
            meta,
            format!("`{key}` takes a list of {what}: write `{example}`"),
        );
        return Vec::new();
    };
    let Some(entries) =
        errors.take(list.parse_args_with(Punctuated::<Expr, Token![,]>::parse_terminated))
    else {
        return Vec::new();
    };
    let mut names = Vec::new();
    for entry in entries {
        match entry {
            Expr::Lit(ExprLit {
                lit: Lit::Str(s), ..
            }) => names.push(s),
            other => errors.spanned(
                other,
                format!("`{key}` lists {what} as string literals, as in `{example}`"),
            ),
        }
    }
    names
}

#[cfg(test)]
mod tests {
    use quote::quote;

    use super::*;

    fn messages(tokens: TokenStream) -> Vec<String> {
        let mut errors = Errors::default();
        parse(tokens, &mut errors);
        errors
            .finish()
            .err()
            .map_or_else(Vec::new, |e| e.into_iter().map(|e| e.to_string()).collect())
    }

    #[test]
    fn reads_every_key() {
        let mut errors = Errors::default();
        let args = parse(
            quote!(
                name = "a",
                version = "1.0.0",
                description = "d",
                authors = "x",
                license = "MIT",
                requires = "^1",
                dependency(name = "b", version = "^2", optional),
                dependency(name = "c"),
                conflicts("d", "e")
            ),
            &mut errors,
        )
        .unwrap();
        assert!(errors.finish().is_ok());
        assert_eq!(args.name.unwrap().value(), "a");
        assert_eq!(args.requires.unwrap().value(), "^1");
        let deps: Vec<_> = args
            .dependencies
            .iter()
            .map(|d| {
                (
                    d.name.value(),
                    d.version.as_ref().map(LitStr::value),
                    d.optional,
                )
            })
            .collect();
        assert_eq!(
            deps,
            [
                ("b".into(), Some("^2".into()), true),
                ("c".into(), None, false)
            ]
        );
        let conflicts: Vec<_> = args.conflicts.iter().map(LitStr::value).collect();
        assert_eq!(conflicts, ["d", "e"]);
    }

    #[test]
    fn reports_every_mistake_at_once() {
        let found = messages(quote!(
            nmae = "a",
            name = 1,
            name = "b",
            dependency = "x",
            dependency(name = "x", optional = true)
        ));
        assert_eq!(found.len(), 5, "{found:#?}");
        assert!(found[0].starts_with(
            "unknown key `nmae` in #[plugin] (did you mean `name`?); the keys are name, "
        ));
        assert!(found[1].starts_with("`name` takes a string literal"));
        assert!(found[2].starts_with("duplicate key `name`"));
        assert!(found[3].starts_with("`dependency` takes a list"));
        assert!(found[4].starts_with("`optional` is a flag"));
    }

    #[test]
    fn a_dependency_needs_a_name() {
        let found = messages(quote!(name = "a", dependency(version = "1")));
        assert_eq!(found.len(), 1);
        assert!(
            found[0].starts_with("this dependency has no name"),
            "{found:?}"
        );
    }
}
