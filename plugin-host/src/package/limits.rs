/// The largest entries a package may hold, checked against the sizes the
/// archive declares before anything is read, so a package cannot make the
/// host read or write more than this.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    max_manifest_bytes: u64,
    max_library_bytes: u64,
}

impl Default for Limits {
    /// 64 KiB for the manifest and 1 GiB for the library.
    fn default() -> Self {
        Limits {
            max_manifest_bytes: 64 * 1024,
            max_library_bytes: 1024 * 1024 * 1024,
        }
    }
}

impl Limits {
    /// Sets the largest manifest, in bytes.
    pub fn max_manifest_bytes(mut self, bytes: u64) -> Self {
        self.max_manifest_bytes = bytes;
        self
    }

    /// Sets the largest library, in bytes.
    pub fn max_library_bytes(mut self, bytes: u64) -> Self {
        self.max_library_bytes = bytes;
        self
    }

    pub(crate) fn manifest(&self) -> u64 {
        self.max_manifest_bytes
    }

    pub(crate) fn library(&self) -> u64 {
        self.max_library_bytes
    }
}
