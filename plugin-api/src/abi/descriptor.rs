use super::{PluginVtable, RStr};

/// Set in [`DependencyDescriptor::flags`] when the dependency is optional.
pub const DEPENDENCY_OPTIONAL: u32 = 1;

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
