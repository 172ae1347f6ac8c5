//! What `#[plugin]` and `#[config]` expand to. Not a public API: it changes
//! with every release, which is why plugin-api pins plugin-macros exactly.

pub(crate) mod guard;
pub(crate) mod log_bridge;
mod meta;
mod registry;
mod vtable;

pub use linkme;
pub use schemars;
pub use serde;

pub use meta::{DependencyMeta, HookMeta, PluginEntry, PluginMeta, Registered};
pub use registry::{PLUGINS, plugin_sdk_root, static_table};
pub use vtable::vtable;
