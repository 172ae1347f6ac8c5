use semver::{Version, VersionReq};

use crate::PluginSource;

/// What the host knows about a plugin, read from its descriptor and checked.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct PluginInfo {
    /// The plugin's unique name.
    pub name: String,
    /// Its version.
    pub version: Version,
    /// One line saying what it does.
    pub description: String,
    /// Its authors.
    pub authors: Vec<String>,
    /// Its licence (an SPDX expression), or empty.
    pub license: String,
    /// Its requirement on the host application's version.
    pub requires: VersionReq,
    /// The plugins it depends on.
    pub dependencies: Vec<Dependency>,
    /// The plugins it cannot be active alongside.
    pub conflicts: Vec<String>,
    /// The services it provides to other plugins and the host while active.
    pub services: Vec<String>,
    /// The event topics it subscribes to (see
    /// [`topic_matches`](plugin_api::topic_matches) for wildcards).
    pub subscriptions: Vec<String>,
    /// The host hook points it takes part in.
    pub hooks: Vec<HookSubscription>,
    /// Whether its library may be unmapped once its instances are gone
    /// (`#[plugin(unload_safe)]`); see [`UnloadPolicy`](crate::UnloadPolicy).
    pub unload_safe: bool,
    /// Where it came from.
    pub source: PluginSource,
}

/// A plugin's configuration schema and defaults, as the plugin describes
/// them; see [`Host::config_schema`](crate::Host::config_schema).
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct ConfigSchema {
    /// The JSON Schema of the configuration; its top-level `"default"` is the
    /// default configuration.
    pub schema: serde_json::Value,
    /// The default configuration.
    pub defaults: serde_json::Value,
}

/// A dependency of one plugin on another.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Dependency {
    /// The plugin depended on.
    pub name: String,
    /// The versions of it that will do.
    pub requirement: VersionReq,
    /// Whether the plugin works without it.
    pub optional: bool,
}

/// A plugin's place in one host hook point.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct HookSubscription {
    /// The hook point's name.
    pub point: String,
    /// Lower runs first; plugins of equal priority run in name order.
    pub priority: i32,
}
