//! Procedural macros for `plugin-api`: `#[plugin]` and `#[config]`.
//!
//! Use them through plugin-api's re-exports (`plugin_api::plugin`,
//! `plugin_api::config`): the code they generate calls plugin-api, which pins
//! this crate to its exact version.
//!
//! Each macro parses its arguments and item, validates them, and expands; an
//! error is reported on the token that causes it, together with the item and
//! as much of the expansion as still makes sense (see `fallback`), so that one
//! mistake does not bury itself under the errors it causes.
#![deny(missing_docs)]

mod channels;
mod config;
mod errors;
mod fallback;
mod names;
mod plugin;
mod suggest;
mod target;

use proc_macro::TokenStream;

/// Registers a type as a plugin, so that a host finds it whether the crate is
/// built as a `cdylib` and loaded at run time or linked into the host.
///
/// Put it on a struct or an enum that implements [`Plugin`](../plugin_api/trait.Plugin.html).
/// A crate may hold several plugins. The type cannot be generic: the host
/// creates plugins by name, with no way to choose generic arguments.
///
/// ```
/// use plugin_api::{Context, NoConfig, Plugin, PluginError, plugin};
///
/// /// Counts the commands it receives.
/// #[plugin(name = "counter")]
/// pub struct Counter {
///     calls: u64,
/// }
///
/// impl Plugin for Counter {
///     type Config = NoConfig;
///
///     fn new(_ctx: &Context<'_, NoConfig>) -> Result<Self, PluginError> {
///         Ok(Counter { calls: 0 })
///     }
/// }
/// ```
///
/// # Arguments
///
/// Every argument but `name` is optional. Values are string literals.
///
/// | argument | what it says | default |
/// |---|---|---|
/// | `name = "counter"` | the name hosts know the plugin by | none: required |
/// | `version = "1.2.0"` | the plugin's version | the package's version |
/// | `description = "..."` | one line saying what the plugin does | the first paragraph of the type's doc comment, else the package's description |
/// | `authors = "Ann:Bob"` | the authors, `:`-separated | the package's authors |
/// | `license = "MIT"` | an SPDX licence expression | the package's licence |
/// | `requires = ">=1.4, <2"` | the host application versions it works with | `"*"`, any |
/// | `dependency(name = "storage", version = "^1.2", optional)` | a plugin it needs; repeat for each | none |
/// | `conflicts("legacy", "other")` | plugins that cannot be active alongside it | none |
///
/// The package values come from the `Cargo.toml` of the crate that uses the
/// attribute.
///
/// - **`name`**: 1 to 64 characters, lowercase ASCII letters, digits, `-` and
///   `_`, starting with a letter; unique within a host. The same rules hold
///   for the names in `dependency` and `conflicts`.
/// - **`version`**: a [semver](https://semver.org) version such as `"1.2.0"`
///   or `"0.3.0-beta.1"`. Dependent plugins match their requirements against
///   it.
/// - **`requires`**: a semver requirement on the version of the host
///   application, such as `"^1.2"` or `">=1.4, <2"`. A host whose version
///   does not match refuses the plugin before running any of its code.
/// - **`dependency(...)`**: `name` is required; `version` is a semver
///   requirement on the other plugin's version (default `"*"`); the bare
///   flag `optional` means the plugin also works without it. A host
///   activates dependencies first. A plugin cannot depend on itself or name
///   the same dependency twice.
/// - **`conflicts(...)`**: names of plugins that a host will not activate
///   together with this one. A plugin cannot conflict with itself or with one
///   of its dependencies.
///
/// ```
/// use plugin_api::{Context, NoConfig, Plugin, PluginError, plugin};
///
/// #[plugin(
///     name = "audit-log",
///     version = "2.1.0",
///     description = "Records who changed what",
///     authors = "Ann <ann@example.com>:Bob",
///     license = "MIT OR Apache-2.0",
///     requires = ">=1.4, <2",
///     dependency(name = "storage", version = "^1.2"),
///     dependency(name = "metrics", optional),
///     conflicts("legacy-audit"),
/// )]
/// pub struct AuditLog;
///
/// impl Plugin for AuditLog {
///     type Config = NoConfig;
///
///     fn new(_ctx: &Context<'_, NoConfig>) -> Result<Self, PluginError> {
///         Ok(AuditLog)
///     }
/// }
/// ```
///
/// # Errors
///
/// Compilation fails, on the offending token, for an unknown or repeated
/// argument, a value that is not a string literal, an invalid name, version
/// or requirement, a missing `name`, inconsistent dependencies and conflicts,
/// a generic type, and an item that is not a struct or an enum. A type that
/// does not implement `Plugin` fails on the type's name.
#[proc_macro_attribute]
pub fn plugin(args: TokenStream, item: TokenStream) -> TokenStream {
    let item = proc_macro2::TokenStream::from(item);
    plugin::expand(args.into(), item.clone())
        .unwrap_or_else(|e| fallback::plugin(&e, item))
        .into()
}

/// Makes a struct or an enum a plugin configuration type: readable from and
/// writable to JSON, with a JSON Schema and defaults.
///
/// It derives `Serialize`, `Deserialize` and `JsonSchema` through plugin-api,
/// so the crate needs no serde or schemars dependency. `serde` and `schemars`
/// field attributes such as `#[serde(rename = "...")]` work as usual.
///
/// On a struct it also makes:
///
/// - missing fields take their values from the type's `Default`, which you
///   implement or derive: `{}` is a complete configuration;
/// - unknown fields an error naming them, so that a misspelt setting is not
///   silently ignored;
/// - doc comments the schema's descriptions, which hosts show to people
///   editing the configuration.
///
/// ```
/// /// How the greeter greets.
/// #[plugin_api::config]
/// pub struct GreeterConfig {
///     /// The word put before each name.
///     pub greeting: String,
///     /// How many exclamation marks follow.
///     pub excitement: u8,
/// }
///
/// impl Default for GreeterConfig {
///     fn default() -> Self {
///         GreeterConfig { greeting: "Hello".into(), excitement: 1 }
///     }
/// }
/// ```
///
/// An enum works too, for a configuration that is one of several choices:
///
/// ```
/// /// Where records go.
/// #[plugin_api::config]
/// #[derive(Default)]
/// #[serde(rename_all = "lowercase")]
/// pub enum Sink {
///     /// The host's log.
///     #[default]
///     Log,
///     /// A file.
///     File { path: String },
/// }
/// ```
///
/// # Arguments
///
/// - **`allow_unknown_fields`**: accept and ignore fields the struct does not
///   have, for example to read configurations written for a newer version of
///   the plugin. Structs only.
///
///   ```
///   #[plugin_api::config(allow_unknown_fields)]
///   #[derive(Default)]
///   pub struct Tolerant {
///       pub retries: u32,
///   }
///   ```
///
/// # Errors
///
/// Compilation fails for any other argument, for an item that is not a struct
/// with fields or an enum, and when the type already derives `Serialize`,
/// `Deserialize` or `JsonSchema` itself (remove that derive). A struct without
/// a `Default` implementation fails to compile too.
#[proc_macro_attribute]
pub fn config(args: TokenStream, item: TokenStream) -> TokenStream {
    let item = proc_macro2::TokenStream::from(item);
    config::expand(args.into(), item.clone())
        .unwrap_or_else(|e| fallback::config(&e, item))
        .into()
}
