//! Checks what `#[plugin]`'s arguments mean: valid names, semver versions and
//! requirements, dependencies and conflicts that make sense together, and a
//! type the host can create.

use std::collections::BTreeSet;

use proc_macro2::Span;
use syn::{Generics, Ident, LitStr};

use super::attr::PluginArgs;
use crate::errors::Errors;
use crate::{channels, names};

const VERSION_EXAMPLES: &str = "such as `1.2.0` or `0.3.0-beta.1`";
const REQUIREMENT_EXAMPLES: &str = "such as `^1.2`, `>=1.4, <2` or `*` for any version";

/// The arguments once checked; empty strings where an error was recorded.
pub(crate) struct Plugin {
    pub(crate) name: String,
    pub(crate) version: Option<String>,
    pub(crate) description: Option<String>,
    pub(crate) authors: Option<String>,
    pub(crate) license: Option<String>,
    pub(crate) requires: String,
    pub(crate) dependencies: Vec<Dependency>,
    pub(crate) conflicts: Vec<String>,
    pub(crate) provides: Vec<String>,
    pub(crate) subscribe: Vec<String>,
    pub(crate) hooks: Vec<(String, i32)>,
    pub(crate) unload_safe: bool,
}

/// One checked dependency.
pub(crate) struct Dependency {
    pub(crate) name: String,
    pub(crate) requirement: String,
    pub(crate) optional: bool,
}

/// Checks `args`, recording every problem in `errors`. `type_name` helps
/// suggest a name when there is none.
pub(crate) fn plugin(args: &PluginArgs, type_name: Option<&Ident>, errors: &mut Errors) -> Plugin {
    let name = match &args.name {
        Some(lit) => name(lit, "plugin name", "", errors),
        None => {
            if !args.name_written {
                let suggested = type_name.map_or_else(
                    || "my-plugin".to_owned(),
                    |t| names::from_type_name(&t.to_string()),
                );
                errors.push(syn::Error::new(
                    Span::call_site(),
                    format!(
                        "#[plugin] needs a name: write `#[plugin(name = \"{suggested}\")]`; {}",
                        names::RULES
                    ),
                ));
            }
            String::new()
        }
    };
    if let Some(version) = &args.version
        && let Err(e) = semver::Version::parse(&version.value())
    {
        errors.spanned(
            version,
            format!(
                "invalid version `{}`: {e}; write a semver version {VERSION_EXAMPLES}",
                version.value()
            ),
        );
    }
    let requires = args.requires.as_ref().map_or_else(
        || "*".to_owned(),
        |r| requirement(r, " on the host application's version", errors),
    );
    let dependencies = dependencies(args, &name, errors);
    let conflicts = conflicts(args, &name, &dependencies, errors);
    let provides = channel_names(&args.provides, "service name", "provides", false, errors);
    let subscribe = channel_names(&args.subscribe, "event topic", "subscribe", true, errors);
    let hook_names: Vec<LitStr> = args.hooks.iter().map(|h| h.name.clone()).collect();
    let hooks = channel_names(&hook_names, "hook point name", "hook", false, errors)
        .into_iter()
        .zip(args.hooks.iter().map(|h| h.priority))
        .collect();
    Plugin {
        name,
        version: args.version.as_ref().map(LitStr::value),
        description: args.description.as_ref().map(LitStr::value),
        authors: args.authors.as_ref().map(LitStr::value),
        license: args.license.as_ref().map(LitStr::value),
        requires,
        dependencies,
        conflicts,
        provides,
        subscribe,
        hooks,
        unload_safe: args.unload_safe,
    }
}

/// The values of service, topic or hook point literals, each checked and
/// listed once; `key` is the attribute key they came from.
fn channel_names(
    lits: &[LitStr],
    what: &str,
    key: &str,
    wildcard: bool,
    errors: &mut Errors,
) -> Vec<String> {
    let mut seen = BTreeSet::new();
    let mut values = Vec::new();
    for lit in lits {
        let value = lit.value();
        if let Err(rule) = channels::check(&value, wildcard) {
            let shown = if value.is_empty() { "\"\"" } else { &value };
            errors.spanned(lit, format!("invalid {what} `{shown}` in `{key}`: {rule}"));
        } else if !seen.insert(value.clone()) {
            errors.spanned(
                lit,
                format!("{what} `{value}` is listed twice in `{key}`; remove one"),
            );
        }
        values.push(value);
    }
    values
}

/// Rejects generic parameters: the host creates a plugin by name alone, with
/// no way to choose generic arguments.
pub(crate) fn generics(generics: &Generics, errors: &mut Errors) {
    if !generics.params.is_empty() {
        errors.spanned(
            generics,
            "a plugin type cannot be generic: the host creates plugins by name and has no way to choose generic \
             arguments; remove the lifetime, type and const parameters, or put #[plugin] on a concrete type that \
             wraps the generic one",
        );
    }
}

/// The value of a name literal; `what` and `place` say which name it is.
fn name(lit: &LitStr, what: &str, place: &str, errors: &mut Errors) -> String {
    let value = lit.value();
    if let Err(rule) = names::check(&value) {
        let shown = if value.is_empty() { "\"\"" } else { &value };
        errors.spanned(lit, format!("invalid {what} `{shown}`{place}: {rule}"));
    }
    value
}

/// The value of a version requirement literal; `place` says whose it is.
fn requirement(lit: &LitStr, place: &str, errors: &mut Errors) -> String {
    let value = lit.value();
    if let Err(e) = semver::VersionReq::parse(&value) {
        errors.spanned(
            lit,
            format!("invalid version requirement `{value}`{place}: {e}; write a semver requirement {REQUIREMENT_EXAMPLES}"),
        );
    }
    value
}

fn dependencies(args: &PluginArgs, own_name: &str, errors: &mut Errors) -> Vec<Dependency> {
    let mut seen = BTreeSet::new();
    let mut dependencies = Vec::new();
    for dependency in &args.dependencies {
        let name = name(&dependency.name, "dependency name", "", errors);
        if name == own_name {
            errors.spanned(
                &dependency.name,
                format!("plugin `{name}` cannot depend on itself; remove this dependency"),
            );
        } else if !seen.insert(name.clone()) {
            errors.spanned(
                &dependency.name,
                format!(
                    "duplicate dependency on `{name}`: declare each dependency once, with one requirement that \
                     covers every version you accept, such as `>=1.2, <3`"
                ),
            );
        }
        let requirement = dependency.version.as_ref().map_or_else(
            || "*".to_owned(),
            |v| requirement(v, &format!(" for dependency `{name}`"), errors),
        );
        dependencies.push(Dependency {
            name,
            requirement,
            optional: dependency.optional,
        });
    }
    dependencies
}

fn conflicts(
    args: &PluginArgs,
    own_name: &str,
    dependencies: &[Dependency],
    errors: &mut Errors,
) -> Vec<String> {
    let mut seen = BTreeSet::new();
    let mut conflicts = Vec::new();
    for lit in &args.conflicts {
        let name = name(lit, "plugin name", " in `conflicts`", errors);
        if name == own_name {
            errors.spanned(
                lit,
                format!("plugin `{name}` cannot conflict with itself; remove it from `conflicts`"),
            );
        } else if dependencies.iter().any(|d| d.name == name) {
            errors.spanned(
                lit,
                format!(
                    "`{name}` is both a dependency and a conflict of this plugin; remove it from `conflicts` or \
                     drop the dependency"
                ),
            );
        } else if !seen.insert(name.clone()) {
            errors.spanned(
                lit,
                format!("`{name}` is listed twice in `conflicts`; remove one"),
            );
        }
        conflicts.push(name);
    }
    conflicts
}

#[cfg(test)]
mod tests {
    use proc_macro2::TokenStream;
    use quote::quote;

    use super::*;
    use crate::plugin::attr;

    fn check(tokens: TokenStream) -> (Plugin, Vec<String>) {
        let mut errors = Errors::default();
        let args = attr::parse(tokens, &mut errors).unwrap();
        let plugin = plugin(
            &args,
            Some(&Ident::new("HelloWorld", Span::call_site())),
            &mut errors,
        );
        let messages = errors
            .finish()
            .err()
            .map_or_else(Vec::new, |e| e.into_iter().map(|e| e.to_string()).collect());
        (plugin, messages)
    }

    #[test]
    fn fills_in_requirements() {
        let (plugin, errors) = check(quote!(
            name = "a",
            dependency(name = "b", optional),
            conflicts("c")
        ));
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(plugin.requires, "*");
        assert_eq!(plugin.dependencies[0].requirement, "*");
        assert!(plugin.dependencies[0].optional);
        assert_eq!(plugin.conflicts, ["c"]);
    }

    #[test]
    fn a_missing_name_is_suggested_from_the_type() {
        let (_, errors) = check(quote!(version = "1.0.0"));
        assert!(
            errors[0]
                .starts_with("#[plugin] needs a name: write `#[plugin(name = \"hello-world\")]`"),
            "{errors:?}"
        );
    }

    #[test]
    fn reports_bad_semver_with_examples() {
        let (_, errors) = check(quote!(
            name = "a",
            version = "1.0",
            requires = ">>1",
            dependency(name = "b", version = "latest")
        ));
        assert_eq!(errors.len(), 3, "{errors:?}");
        assert!(
            errors[0].starts_with("invalid version `1.0`: unexpected end of input"),
            "{errors:?}"
        );
        assert!(errors[0].ends_with("such as `1.2.0` or `0.3.0-beta.1`"));
        assert!(
            errors[1].starts_with(
                "invalid version requirement `>>1` on the host application's version: "
            )
        );
        assert!(errors[2].starts_with("invalid version requirement `latest` for dependency `b`: "));
    }

    #[test]
    fn reports_inconsistent_dependencies_and_conflicts() {
        let (_, errors) = check(quote!(
            name = "a",
            dependency(name = "a"),
            dependency(name = "b"),
            dependency(name = "b"),
            conflicts("a", "b", "c", "c", "C")
        ));
        assert_eq!(errors.len(), 6, "{errors:#?}");
        assert!(errors[0].contains("cannot depend on itself"));
        assert!(errors[1].starts_with("duplicate dependency on `b`"));
        assert!(errors[2].contains("cannot conflict with itself"));
        assert!(errors[3].contains("both a dependency and a conflict"));
        assert!(errors[4].contains("listed twice"));
        assert!(errors[5].starts_with("invalid plugin name `C` in `conflicts`: it contains 'C'"));
    }
}
