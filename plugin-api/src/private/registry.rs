use std::sync::OnceLock;

use linkme::distributed_slice;

use super::meta::PluginEntry;
use crate::abi::{
    self, DEPENDENCY_OPTIONAL, DependencyDescriptor, DescriptorTable, HookDescriptor, LibraryRoot,
    PLUGIN_UNLOAD_SAFE, PluginDescriptor, RBuf, RStr, Status,
};

/// Every plugin `#[plugin]` registered in this binary or library.
#[distributed_slice]
pub static PLUGINS: [PluginEntry];

static ROOT: LibraryRoot = LibraryRoot {
    magic: abi::MAGIC,
    abi_version: abi::ABI_VERSION,
    size: size_of::<LibraryRoot>() as u32,
    api_version: RStr::from_str(abi::API_VERSION),
    describe: Some(describe),
};

/// The root symbol of every library that links plugin-api. It only returns a
/// pointer to static data.
#[unsafe(no_mangle)]
pub extern "C" fn plugin_sdk_root() -> *const LibraryRoot {
    &ROOT
}

/// Runs no plugin code: the table is assembled from what `#[plugin]`
/// registered at compile time, once.
unsafe extern "C" fn describe(out: *mut DescriptorTable, error: *mut RBuf) -> Status {
    super::log_bridge::mark_dynamic();
    super::guard::guard(error, || {
        if !out.is_null() {
            // SAFETY: the ABI makes `out` a valid, writable `DescriptorTable`.
            unsafe { out.write(table()) };
        }
        Ok(())
    })
}

/// The descriptors of the plugins linked statically into this binary, built
/// as a loaded library builds them.
pub fn static_table() -> DescriptorTable {
    table()
}

fn table() -> DescriptorTable {
    static TABLE: OnceLock<SendTable> = OnceLock::new();
    TABLE.get_or_init(|| SendTable(build())).0
}

#[derive(Clone, Copy)]
struct SendTable(DescriptorTable);

// SAFETY: the table points to leaked, immutable descriptors.
unsafe impl Send for SendTable {}
// SAFETY: as above.
unsafe impl Sync for SendTable {}

fn build() -> DescriptorTable {
    let mut entries: Vec<&PluginEntry> = PLUGINS.iter().collect();
    entries.sort_by_key(|e| e.meta.name);
    let pointers: Vec<*const PluginDescriptor> = entries
        .into_iter()
        .map(|entry| &*Box::leak(Box::new(descriptor(entry))) as *const PluginDescriptor)
        .collect();
    let pointers: &'static [*const PluginDescriptor] = Vec::leak(pointers);
    DescriptorTable {
        plugins: pointers.as_ptr(),
        len: pointers.len(),
    }
}

fn descriptor(entry: &PluginEntry) -> PluginDescriptor {
    let meta = entry.meta;
    let dependencies: &'static [DependencyDescriptor] = Vec::leak(
        meta.dependencies
            .iter()
            .map(|d| DependencyDescriptor {
                name: RStr::from_str(d.name),
                requirement: RStr::from_str(d.requirement),
                flags: if d.optional { DEPENDENCY_OPTIONAL } else { 0 },
            })
            .collect(),
    );
    let conflicts = strings(meta.conflicts);
    let services = strings(meta.services);
    let subscriptions = strings(meta.subscriptions);
    let hooks: &'static [HookDescriptor] = Vec::leak(
        meta.hooks
            .iter()
            .map(|h| HookDescriptor {
                name: RStr::from_str(h.name),
                priority: h.priority,
                flags: 0,
            })
            .collect(),
    );
    PluginDescriptor {
        size: size_of::<PluginDescriptor>(),
        name: RStr::from_str(meta.name),
        version: RStr::from_str(meta.version),
        description: RStr::from_str(meta.description),
        authors: RStr::from_str(meta.authors),
        license: RStr::from_str(meta.license),
        requires: RStr::from_str(meta.requires),
        dependencies: dependencies.as_ptr(),
        dependency_count: dependencies.len(),
        conflicts: conflicts.as_ptr(),
        conflict_count: conflicts.len(),
        vtable: entry.vtable,
        services: services.as_ptr(),
        service_count: services.len(),
        subscriptions: subscriptions.as_ptr(),
        subscription_count: subscriptions.len(),
        hooks: hooks.as_ptr(),
        hook_count: hooks.len(),
        flags: if meta.unload_safe {
            PLUGIN_UNLOAD_SAFE
        } else {
            0
        },
    }
}

fn strings(list: &[&'static str]) -> &'static [RStr<'static>] {
    Vec::leak(list.iter().map(|s| RStr::from_str(s)).collect())
}
