use super::{PluginDescriptor, RBuf, RStr, Status};

/// The type of the exported [`ROOT_SYMBOL`](super::ROOT_SYMBOL) function.
///
/// It runs no plugin code: it returns a pointer to static data that lives as
/// long as the library is mapped. It never returns null.
pub type RootFn = unsafe extern "C" fn() -> *const LibraryRoot;

/// Fills `out` with the library's descriptor table, or writes an error message
/// to `error` and returns another status.
pub type DescribeFn = unsafe extern "C" fn(out: *mut DescriptorTable, error: *mut RBuf) -> Status;

/// What a plugin library's root symbol returns.
///
/// The first four fields (bytes 0 to 31 on 64-bit targets) are frozen for
/// every ABI version: a host reads `magic`, then `abi_version`, then `size`
/// and `api_version`, and refuses the library before reading further if any
/// of them does not match. The fields after them belong to ABI version 1.
#[repr(C)]
pub struct LibraryRoot {
    /// Always [`MAGIC`](super::MAGIC).
    pub magic: u64,
    /// The [`ABI_VERSION`](super::ABI_VERSION) the library was built with.
    pub abi_version: u32,
    /// `size_of::<LibraryRoot>()` as the library knows it.
    pub size: u32,
    /// The plugin-api semver the library was built against, such as `"0.1.0"`.
    pub api_version: RStr<'static>,
    /// Builds (once) and returns the descriptors of every plugin in the
    /// library. Called only after the fields above have been checked. Null
    /// means the library is malformed.
    pub describe: Option<DescribeFn>,
}

// SAFETY: the root is immutable static data; its pointers lead only to other
// immutable static data.
unsafe impl Sync for LibraryRoot {}

/// The plugins of one library, as [`LibraryRoot::describe`] returns them.
///
/// `plugins` points to an array of `len` pointers to descriptors, all valid
/// and unchanged as long as the library is mapped. An array of pointers
/// rather than of descriptors, so that a descriptor can grow at its end
/// without changing the array's stride.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct DescriptorTable {
    /// The first element; may be null only when `len` is zero.
    pub plugins: *const *const PluginDescriptor,
    /// How many descriptors there are.
    pub len: usize,
}

impl DescriptorTable {
    /// A table with no plugins.
    pub const fn empty() -> Self {
        DescriptorTable {
            plugins: std::ptr::null(),
            len: 0,
        }
    }
}
