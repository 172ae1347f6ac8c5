//! Opens a plugin library and checks it, calling nothing but its root symbol
//! and, once magic, ABI and API versions have passed, its `describe`.

use std::mem::ManuallyDrop;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use plugin_api::abi::{self, DescriptorTable, LibraryRoot, PluginDescriptor, RBuf, RootFn};
use semver::Version;

use crate::compat::{api_compatible, host_api_version};
use crate::inspect::{Inspected, inspect, list};
use crate::{LoadError, PluginSource};

/// What happens to a library's code once no plugin, instance, call or
/// output uses it.
///
/// Unmapping a library while anything of it is alive (a thread it started, a
/// thread-local with a destructor, a `'static` value it handed out) is
/// undefined behaviour, and a host cannot see all of those. So by default
/// code stays mapped until the process ends, unless the library's authors
/// vouched for it: each library costs its mapped size once, however often it
/// is loaded, and each build a hot reload replaced costs its size again.
///
/// A library nothing uses any more only exists after a hot reload replaced
/// it (or once the [`Host`](crate::Host) itself is dropped): the host's
/// registry holds every library it loaded until then.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum UnloadPolicy {
    /// Never unmap a library.
    Never,
    /// Unmap a library nothing uses any more if every plugin in it declares
    /// `#[plugin(unload_safe)]` ([`PluginInfo::unload_safe`](crate::PluginInfo::unload_safe));
    /// keep the others mapped (the default).
    #[default]
    WhenUnloadSafe,
    /// Unmap every library nothing uses any more, whatever its plugins
    /// declare. Only for hosts that know their libraries leave nothing
    /// behind.
    WhenUnused,
}

/// A loaded library. Plugins and instances hold it, so it is never unmapped
/// while any of them (or a call through them) is alive.
pub(crate) struct LibraryHandle {
    /// The file the loader mapped (for a hot reload, a private copy).
    path: PathBuf,
    library: ManuallyDrop<libloading::Library>,
    policy: UnloadPolicy,
    /// Whether every plugin in the library declares itself unload-safe;
    /// false until its descriptors passed every check.
    unload_safe: bool,
}

impl LibraryHandle {
    fn unmaps_when_dropped(&self) -> bool {
        match self.policy {
            UnloadPolicy::Never => false,
            UnloadPolicy::WhenUnloadSafe => self.unload_safe,
            UnloadPolicy::WhenUnused => true,
        }
    }
}

impl Drop for LibraryHandle {
    fn drop(&mut self) {
        if self.unmaps_when_dropped() {
            // SAFETY: `library` is never used again. Nothing of the library
            // is alive: every plugin, instance and output holds this handle,
            // and this is its last reference. Under this policy either the
            // user (`WhenUnused`) or every plugin of the library
            // (`unload_safe`) has declared that it leaves nothing behind,
            // such as threads or thread-locals with destructors.
            let library = unsafe { ManuallyDrop::take(&mut self.library) };
            match library.close() {
                Ok(()) => tracing::debug!(path = %self.path.display(), "plugin library unloaded"),
                Err(e) => {
                    tracing::warn!(path = %self.path.display(), "could not unload plugin library: {e}");
                }
            }
        }
    }
}

/// A library whose root passed every check, with its checked descriptors.
pub(crate) struct OpenedLibrary {
    pub(crate) handle: Arc<LibraryHandle>,
    pub(crate) plugins: Vec<Inspected>,
}

/// Opens `path` and checks it.
pub(crate) fn open(path: &Path, policy: UnloadPolicy) -> Result<OpenedLibrary, LoadError> {
    open_as(path, path, policy)
}

/// Opens `file` and checks it as the library `origin`: errors and the
/// plugins' [`PluginSource`] name `origin`. A hot reload maps a private copy
/// of the file it watches, since the dynamic loader hands back the library
/// it already has for a path (or file) it has opened before.
pub(crate) fn open_as(
    file: &Path,
    origin: &Path,
    policy: UnloadPolicy,
) -> Result<OpenedLibrary, LoadError> {
    let (file, origin) = (absolute(file), absolute(origin));
    // SAFETY: opening a library runs its initializers. That is the one thing
    // a host cannot check beforehand; plugin libraries built with plugin-api
    // register plugins without initializers (linkme uses linker sections).
    let library =
        unsafe { libloading::Library::new(&file) }.map_err(|source| LoadError::NotALibrary {
            path: origin.clone(),
            source,
        })?;
    let mut handle = LibraryHandle {
        path: file,
        library: ManuallyDrop::new(library),
        policy,
        unload_safe: false,
    };
    let plugins = check(&handle, &origin)?;
    handle.unload_safe = plugins.iter().all(|p| p.info.unload_safe);
    Ok(OpenedLibrary {
        handle: Arc::new(handle),
        plugins,
    })
}

/// An absolute path keeps the dynamic loader from searching its own path
/// list for a bare file name.
pub(crate) fn absolute(path: &Path) -> PathBuf {
    if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
    }
}

fn check(handle: &LibraryHandle, origin: &Path) -> Result<Vec<Inspected>, LoadError> {
    let path = origin.to_path_buf();
    let origin = PluginSource::Library(path.clone());
    let malformed = |reason: String| LoadError::Malformed {
        origin: origin.clone(),
        reason,
    };

    // SAFETY: the root symbol, when present, has the `RootFn` type in every
    // ABI version; that is what its frozen name promises.
    let root_fn: RootFn = unsafe { handle.library.get::<RootFn>(abi::ROOT_SYMBOL.as_bytes()) }
        .map(|symbol| *symbol)
        .map_err(|_| LoadError::NotAPlugin {
            path: path.clone(),
            symbol: abi::ROOT_SYMBOL,
        })?;
    // SAFETY: the root function only returns a pointer to static data.
    let root = unsafe { root_fn() };
    if root.is_null() {
        return Err(malformed("its root symbol returned a null pointer".into()));
    }

    // The frozen prefix is read field by field, so nothing past what every
    // ABI version has is touched before the version is known.
    // SAFETY: `magic` is the first field of every root.
    let magic = unsafe { (&raw const (*root).magic).read() };
    if magic != abi::MAGIC {
        return Err(LoadError::BadMagic {
            path,
            found: magic,
            expected: abi::MAGIC,
        });
    }
    // SAFETY: the magic matched, so this is a root with the frozen prefix.
    let abi_version = unsafe { (&raw const (*root).abi_version).read() };
    if abi_version != abi::ABI_VERSION {
        return Err(LoadError::AbiMismatch {
            path,
            library: abi_version,
            host: abi::ABI_VERSION,
        });
    }
    // SAFETY: as above; `size` is in the frozen prefix.
    let size = unsafe { (&raw const (*root).size).read() } as usize;
    if size < size_of::<LibraryRoot>() {
        return Err(malformed(format!(
            "its root claims {size} bytes but ABI version {} roots have at least {}",
            abi::ABI_VERSION,
            size_of::<LibraryRoot>()
        )));
    }
    // SAFETY: same ABI version and the size covers the whole struct.
    let root = unsafe { &*root };

    let text = root
        .api_version
        .to_str()
        .map_err(|e| malformed(format!("its plugin-api version is unreadable: {e}")))?;
    let library_api = Version::parse(text).map_err(|e| {
        malformed(format!(
            "its plugin-api version '{text}' is not semver ({e})"
        ))
    })?;
    let host_api = host_api_version();
    if !api_compatible(&library_api, host_api) {
        return Err(LoadError::ApiIncompatible {
            path,
            library: library_api,
            host: host_api.clone(),
        });
    }

    let describe = root
        .describe
        .ok_or_else(|| malformed("its root has no 'describe' function (a null pointer)".into()))?;
    let mut table = DescriptorTable::empty();
    let mut error = RBuf::empty();
    // SAFETY: the library passed the version checks, so `describe` has the
    // ABI's signature; both out-parameters are valid and initialized.
    let status = unsafe { describe(&mut table, &mut error) };
    if !status.is_ok() {
        return Err(LoadError::DescribeFailed {
            origin,
            message: error.to_string_lossy(),
        });
    }
    // SAFETY: the library is mapped (we hold it) and `describe` succeeded.
    unsafe { inspect_table(table, &origin) }
}

/// Checks every descriptor of a table.
///
/// # Safety
///
/// `table` must come from a successful `describe` of a library (or the
/// static registry) that stays mapped while this runs.
pub(crate) unsafe fn inspect_table(
    table: DescriptorTable,
    origin: &PluginSource,
) -> Result<Vec<Inspected>, LoadError> {
    let malformed = |reason: String| LoadError::Malformed {
        origin: origin.clone(),
        reason,
    };
    if table.len == 0 {
        return Err(LoadError::NoPlugins {
            origin: origin.clone(),
        });
    }
    // SAFETY: `describe`'s contract: `len` descriptor pointers, valid while
    // the library is mapped; `list` refuses a null or implausible table.
    let pointers: &[*const PluginDescriptor] = unsafe { list(table.plugins, table.len) }
        .map_err(|problem| malformed(format!("its descriptor table {problem}")))?;
    let mut plugins: Vec<Inspected> = Vec::with_capacity(pointers.len());
    for (index, &descriptor) in pointers.iter().enumerate() {
        // SAFETY: a descriptor pointer of a mapped library's table.
        let inspected = unsafe { inspect(descriptor, index, origin) }?;
        if plugins.iter().any(|p| p.info.name == inspected.info.name) {
            return Err(LoadError::DuplicateName {
                name: inspected.info.name,
                first: origin.clone(),
                second: origin.clone(),
            });
        }
        plugins.push(inspected);
    }
    Ok(plugins)
}
