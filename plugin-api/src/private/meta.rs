use crate::abi::PluginVtable;

/// Implemented by `#[plugin]` for the plugin type.
pub trait Registered: crate::Plugin {
    /// The name in `#[plugin(name = "...")]`.
    const NAME: &'static str;
}

/// The compile-time facts `#[plugin]` gathers about one plugin.
#[derive(Debug)]
pub struct PluginMeta {
    /// The plugin's name.
    pub name: &'static str,
    /// Its version (semver, checked by the macro).
    pub version: &'static str,
    /// One line saying what it does.
    pub description: &'static str,
    /// Its authors, `:`-separated.
    pub authors: &'static str,
    /// Its licence.
    pub license: &'static str,
    /// The requirement on the host application's version.
    pub requires: &'static str,
    /// Its dependencies.
    pub dependencies: &'static [DependencyMeta],
    /// The plugins it conflicts with.
    pub conflicts: &'static [&'static str],
    /// The services it provides.
    pub services: &'static [&'static str],
    /// The event topics it subscribes to.
    pub subscriptions: &'static [&'static str],
    /// The host hook points it takes part in.
    pub hooks: &'static [HookMeta],
    /// Whether its library may be unmapped once its instances are gone.
    pub unload_safe: bool,
}

/// One hook point as `#[plugin(hook(...))]` states it.
#[derive(Debug)]
pub struct HookMeta {
    /// The hook point's name.
    pub name: &'static str,
    /// Its priority: lower runs first.
    pub priority: i32,
}

/// One dependency as `#[plugin(dependency(...))]` states it.
#[derive(Debug)]
pub struct DependencyMeta {
    /// The plugin depended on.
    pub name: &'static str,
    /// The requirement on its version.
    pub requirement: &'static str,
    /// Whether the plugin works without it.
    pub optional: bool,
}

/// One element of `PLUGINS`: a plugin linked into this
/// binary or library.
pub struct PluginEntry {
    pub(crate) meta: &'static PluginMeta,
    pub(crate) vtable: &'static PluginVtable,
}

impl PluginEntry {
    /// The entry for plugin type `T`; requiring `Registered` here makes a
    /// type without a `Plugin` impl fail once, on its name.
    pub const fn new<T: Registered>(
        meta: &'static PluginMeta,
        vtable: &'static PluginVtable,
    ) -> Self {
        PluginEntry { meta, vtable }
    }
}
