//! The private copy a library is loaded from, so that the dynamic loader
//! maps the new build instead of handing back the one it has.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use sha2::{Digest, Sha256};

/// A copy of a library file under a name no other copy has had in this
/// process, with the checksum of the bytes copied.
#[derive(Debug)]
pub(super) struct LibraryCopy {
    pub(super) path: PathBuf,
    /// `sha256:<hex>` of the copied bytes, in [`checksum_file`](crate::checksum_file)'s
    /// format: the checksum of what is loaded, even if the original changes
    /// meanwhile.
    pub(super) checksum: String,
}

/// The directory copies go to when the manager was given none. Processes
/// share it: copies are named after the process.
pub(super) fn default_dir() -> PathBuf {
    std::env::temp_dir().join("plugin-host-reload")
}

impl LibraryCopy {
    /// Copies `library` into `dir` (created if missing) as
    /// `<stem>.<pid>-<n>.<extension>`.
    pub(super) fn create(library: &Path, dir: &Path) -> io::Result<LibraryCopy> {
        static NEXT: AtomicU64 = AtomicU64::new(0);
        fs::create_dir_all(dir)?;
        let stem = library
            .file_stem()
            .map_or_else(|| "library".into(), |s| s.to_string_lossy());
        let extension = std::env::consts::DLL_EXTENSION;
        let mut source = File::open(library)?;
        loop {
            let n = NEXT.fetch_add(1, Ordering::Relaxed);
            let path = dir.join(format!("{stem}.{}-{n}.{extension}", std::process::id()));
            // A file left by an earlier process of the same id keeps its
            // name; `create_new` moves on to the next one.
            let target = match OpenOptions::new().write(true).create_new(true).open(&path) {
                Ok(file) => file,
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(e),
            };
            return match copy_hashing(&mut source, target) {
                Ok(checksum) => Ok(LibraryCopy { path, checksum }),
                Err(e) => {
                    let _ = fs::remove_file(&path);
                    Err(e)
                }
            };
        }
    }

    /// Removes the copy once the loader has opened it (or failed to). A
    /// mapped file stays on disk, nameless, until it is unmapped, which also
    /// keeps its inode from going to a later copy while the loader still
    /// knows it. Where a loaded library cannot be removed (Windows), the copy
    /// stays until the process ends.
    pub(super) fn remove(self) {
        if let Err(e) = fs::remove_file(&self.path) {
            tracing::debug!(path = %self.path.display(), "library copy kept: {e}");
        }
    }
}

fn copy_hashing(source: &mut File, mut target: File) -> io::Result<String> {
    let mut hasher = Sha256::new();
    let mut chunk = vec![0; 256 * 1024];
    loop {
        let n = match source.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        hasher.update(&chunk[..n]);
        target.write_all(&chunk[..n])?;
    }
    // No fsync: the copy is loaded at once through the page cache and
    // removed, so it never needs to survive a crash.
    target.flush()?;
    Ok(format!("sha256:{:x}", hasher.finalize()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copies_get_distinct_names_and_the_checksum_of_their_bytes() {
        let dir = default_dir().join(format!("copy-test-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        let original = dir.join("libthing.so");
        fs::write(&original, b"not really a library").unwrap();
        let first = LibraryCopy::create(&original, &dir.join("copies")).unwrap();
        let second = LibraryCopy::create(&original, &dir.join("copies")).unwrap();
        assert_ne!(first.path, second.path);
        assert_eq!(fs::read(&first.path).unwrap(), b"not really a library");
        assert_eq!(
            first.checksum,
            crate::checksum_file(&original).unwrap(),
            "the copy's checksum is the original's"
        );
        let path = first.path.clone();
        first.remove();
        assert!(!path.exists());
        fs::remove_dir_all(&dir).unwrap();
    }
}
