//! The platform a library runs on: the target triple this crate was built
//! for, which is the one of the process that loads libraries through it.

/// The target triple of this host, such as `x86_64-unknown-linux-gnu`.
pub fn host_target() -> &'static str {
    env!("PLUGIN_HOST_TARGET")
}

/// Whether `file_name` ends in one of the library extensions a package may
/// carry (`.so`, `.dylib`, `.dll`).
pub(crate) fn has_library_extension(file_name: &str) -> bool {
    [".so", ".dylib", ".dll"]
        .iter()
        .any(|ext| file_name.len() > ext.len() && file_name.ends_with(ext))
}
