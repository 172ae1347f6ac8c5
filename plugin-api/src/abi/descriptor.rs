use super::{PluginVtable, RStr};

/// Set in [`DependencyDescriptor::flags`] when the dependency is optional.
pub const DEPENDENCY_OPTIONAL: u32 = 1;

/// Set in [`PluginDescriptor::flags`] when the plugin's library may be
/// unmapped once none of its instances is left: it starts no threads and
/// registers no callbacks, thread-locals with destructors or `atexit`
/// handlers that could outlive its instances. Without it a host keeps a
/// library it has hot-reloaded away from mapped until the process ends.
pub const PLUGIN_UNLOAD_SAFE: u32 = 1;

/// How many bytes a descriptor of the first ABI version 1 layout has: the
/// fields up to and including [`PluginDescriptor::vtable`]. A host accepts
/// descriptors of this size and treats the later fields as zero.
pub const DESCRIPTOR_V1_SIZE: usize = std::mem::offset_of!(PluginDescriptor, services);

/// Everything a host needs to know about one plugin before creating it.
///
/// All strings are UTF-8; versions are semver and requirements semver
/// requirements, which a host checks before it calls the vtable.
#[repr(C)]
pub struct PluginDescriptor {
    /// `size_of::<PluginDescriptor>()` as the library knows it, so that the
    /// descriptor can grow at its end.
    pub size: usize,
    /// The plugin's name, unique within a host.
    pub name: RStr<'static>,
    /// The plugin's own version (semver).
    pub version: RStr<'static>,
    /// One line saying what the plugin does.
    pub description: RStr<'static>,
    /// The authors, separated by `:` as Cargo writes them.
    pub authors: RStr<'static>,
    /// An SPDX licence expression, or empty.
    pub license: RStr<'static>,
    /// A semver requirement on the host application's version; `"*"` for any.
    pub requires: RStr<'static>,
    /// The plugins this one depends on.
    pub dependencies: *const DependencyDescriptor,
    /// How many entries `dependencies` has.
    pub dependency_count: usize,
    /// Names of plugins that cannot be active alongside this one.
    pub conflicts: *const RStr<'static>,
    /// How many entries `conflicts` has.
    pub conflict_count: usize,
    /// The functions that describe the configuration and create and drive
    /// instances.
    pub vtable: *const PluginVtable,
    /// Names of the services the plugin provides to other plugins and the
    /// host, answered by [`PluginVtable::serve`] while the plugin is active.
    pub services: *const RStr<'static>,
    /// How many entries `services` has.
    pub service_count: usize,
    /// Event topics the plugin subscribes to, delivered through
    /// [`PluginVtable::on_event`]: an exact topic (`orders.created`), a
    /// prefix ending in `.*` (`orders.*`), or `*` for every topic.
    pub subscriptions: *const RStr<'static>,
    /// How many entries `subscriptions` has.
    pub subscription_count: usize,
    /// The host hook points the plugin takes part in, run through
    /// [`PluginVtable::on_hook`].
    pub hooks: *const HookDescriptor,
    /// How many entries `hooks` has.
    pub hook_count: usize,
    /// Bit flags; see [`PLUGIN_UNLOAD_SAFE`].
    pub flags: u32,
}

// SAFETY: a descriptor is immutable data whose pointers lead only to other
// immutable data living as long as the library.
unsafe impl Sync for PluginDescriptor {}
// SAFETY: as above.
unsafe impl Send for PluginDescriptor {}

/// A dependency of one plugin on another.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct DependencyDescriptor {
    /// The name of the plugin depended on.
    pub name: RStr<'static>,
    /// A semver requirement on its version.
    pub requirement: RStr<'static>,
    /// Bit flags; see [`DEPENDENCY_OPTIONAL`].
    pub flags: u32,
}

/// A plugin's subscription to one host hook point.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct HookDescriptor {
    /// The hook point's name, as the host declares it.
    pub name: RStr<'static>,
    /// Where the plugin runs in the chain: lower numbers run first; plugins
    /// of equal priority run in name order.
    pub priority: i32,
    /// Reserved; zero.
    pub flags: u32,
}
