use std::path::{Path, PathBuf};

use plugin_api::ErrorKind;
use semver::{Version, VersionReq};

use crate::{Operation, Phase, PluginSource};

/// Why a library or a plugin was refused. Nothing of a refused library has
/// been called except its root symbol and, for the checks after the ABI
/// version, its `describe` function.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum LoadError {
    /// The file could not be opened as a dynamic library.
    #[error(
        "'{}' could not be opened as a library ({source}); check that it is a shared library built for this platform",
        path.display()
    )]
    NotALibrary {
        /// The file.
        path: PathBuf,
        /// What the dynamic loader said.
        source: libloading::Error,
    },

    /// The library has no root symbol, so it is not a plugin library.
    #[error(
        "'{}' is not a plugin library: it exports no '{symbol}' symbol; build it as a cdylib that depends on plugin-api and has a #[plugin] type",
        path.display()
    )]
    NotAPlugin {
        /// The library.
        path: PathBuf,
        /// The symbol looked for.
        symbol: &'static str,
    },

    /// The root carries the wrong magic value.
    #[error(
        "'{}' has magic value {found:#018x} where plugin libraries have {expected:#018x}; it was not built with plugin-api, or it is damaged",
        path.display()
    )]
    BadMagic {
        /// The library.
        path: PathBuf,
        /// The value found.
        found: u64,
        /// The value expected.
        expected: u64,
    },

    /// The library uses another ABI version.
    #[error(
        "'{}' uses plugin ABI version {library} but this host uses ABI version {host}; rebuild the plugin against a plugin-api release with ABI version {host}",
        path.display()
    )]
    AbiMismatch {
        /// The library.
        path: PathBuf,
        /// The library's ABI version.
        library: u32,
        /// The host's ABI version.
        host: u32,
    },

    /// The plugin-api version the library was built against is not
    /// semver-compatible with the host's.
    #[error(
        "'{}' needs plugin API ^{library} but this host provides {host}; rebuild the plugin against plugin-api {host}",
        path.display()
    )]
    ApiIncompatible {
        /// The library.
        path: PathBuf,
        /// The plugin-api version the library was built against.
        library: Version,
        /// The host's plugin-api version.
        host: Version,
    },

    /// A plugin requires another version of the host application.
    #[error(
        "plugin '{plugin}' from {origin} requires host application version {requires} but this is version {app}; use a plugin release made for version {app}"
    )]
    HostRequirement {
        /// The plugin.
        plugin: String,
        /// Where it came from.
        origin: PluginSource,
        /// Its requirement on the host application.
        requires: VersionReq,
        /// The host application's version.
        app: Version,
    },

    /// The root, a descriptor or a vtable is malformed.
    #[error("{origin} is malformed: {reason}; rebuild it with a released plugin-api")]
    Malformed {
        /// Where the data came from.
        origin: PluginSource,
        /// What is wrong, naming the plugin when one is involved.
        reason: String,
    },

    /// The library's `describe` function failed.
    #[error("{origin} could not list its plugins: {message}")]
    DescribeFailed {
        /// Where the data came from.
        origin: PluginSource,
        /// The library's message.
        message: String,
    },

    /// The library holds no plugins.
    #[error(
        "{origin} holds no plugins; put #[plugin] on a type that implements plugin_api::Plugin"
    )]
    NoPlugins {
        /// The library.
        origin: PluginSource,
    },

    /// Two plugins have the same name.
    #[error(
        "two plugins are named '{name}', one from {first} and one from {second}; remove one, or rename it with #[plugin(name = \"...\")]"
    )]
    DuplicateName {
        /// The shared name.
        name: String,
        /// Where the plugin already registered came from.
        first: PluginSource,
        /// Where the refused one came from.
        second: PluginSource,
    },

    /// The library (or the set of static plugins) is loaded already.
    #[error("{origin} is loaded already; a host loads each library once")]
    AlreadyLoaded {
        /// The library.
        origin: PluginSource,
    },

    /// A plugin directory could not be read.
    #[error("could not read the plugin directory '{}': {source}", dir.display())]
    ReadDir {
        /// The directory.
        dir: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
}

impl LoadError {
    /// The file the refusal is about: the library, or the directory for
    /// [`LoadError::ReadDir`]. `None` for plugins linked statically.
    pub fn path(&self) -> Option<&Path> {
        match self {
            LoadError::NotALibrary { path, .. }
            | LoadError::NotAPlugin { path, .. }
            | LoadError::BadMagic { path, .. }
            | LoadError::AbiMismatch { path, .. }
            | LoadError::ApiIncompatible { path, .. } => Some(path),
            LoadError::HostRequirement { origin, .. }
            | LoadError::Malformed { origin, .. }
            | LoadError::DescribeFailed { origin, .. }
            | LoadError::NoPlugins { origin }
            | LoadError::AlreadyLoaded { origin } => origin.path(),
            LoadError::DuplicateName { second, .. } => second.path(),
            LoadError::ReadDir { dir, .. } => Some(dir),
        }
    }
}

/// Why a call into a plugin instance failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CallError {
    /// The plugin returned an error.
    #[error("plugin '{plugin}' failed in {operation}: {message}")]
    Plugin {
        /// The plugin.
        plugin: String,
        /// What was being done.
        operation: Operation,
        /// The kind of error.
        kind: ErrorKind,
        /// The plugin's message.
        message: String,
    },

    /// The plugin panicked; it is now marked failed.
    #[error(
        "plugin '{plugin}' {message} in {operation}; it is marked failed and will not be called again, so load a fixed build"
    )]
    Panicked {
        /// The plugin.
        plugin: String,
        /// What was being done.
        operation: Operation,
        /// The panic message.
        message: String,
    },

    /// The instance is not in a phase where this operation is allowed.
    #[error("plugin '{plugin}' is {phase}, so {operation} is not allowed: {hint}")]
    WrongPhase {
        /// The plugin.
        plugin: String,
        /// What was asked.
        operation: Operation,
        /// The instance's phase.
        phase: Phase,
        /// What to do first.
        hint: &'static str,
    },

    /// The plugin failed earlier and is not called any more.
    #[error(
        "plugin '{plugin}' is marked failed ({reason}) and is not called any more; load a fixed build"
    )]
    Failed {
        /// The plugin.
        plugin: String,
        /// Why it was marked failed.
        reason: String,
    },

    /// The call would enter a plugin that is already running on this
    /// thread, which would deadlock; it was refused instead.
    #[error(
        "plugin '{plugin}' is already running on this thread, so the call {} was refused instead of deadlocking; break the cycle, for example by publishing an event instead of calling back",
        cycle.join(" → ")
    )]
    Reentrant {
        /// The plugin that would have been entered again.
        plugin: String,
        /// The calls on this thread from that plugin's first entry to the
        /// refused one: `["a", "b", "a"]` for a → b → a.
        cycle: Vec<String>,
    },

    /// No plugin by that name is registered.
    #[error("no plugin named '{name}' is loaded; {}", known_text(known))]
    UnknownPlugin {
        /// The name asked for.
        name: String,
        /// The names that exist, comma-separated.
        known: String,
    },

    /// A JSON value could not be written or read.
    #[error("plugin '{plugin}': {operation} {what} is not the expected JSON: {source}")]
    Json {
        /// The plugin.
        plugin: String,
        /// What was being done.
        operation: Operation,
        /// `"input"` or `"output"`.
        what: &'static str,
        /// The JSON error.
        source: serde_json::Error,
    },
}

fn known_text(known: &str) -> String {
    if known.is_empty() {
        "no plugins are loaded at all".to_owned()
    } else {
        format!("the loaded plugins are: {known}")
    }
}

impl CallError {
    /// The error for a plugin named `name` that is not among `known`.
    pub(crate) fn unknown_plugin<'a>(
        name: &str,
        known: impl Iterator<Item = &'a str>,
    ) -> CallError {
        CallError::UnknownPlugin {
            name: name.to_owned(),
            known: known.collect::<Vec<_>>().join(", "),
        }
    }
}
