//! The new library of an update, put at a path of its own in the plugin
//! directory: the old library stays where it is (mapped, and needed if the
//! update is rolled back), and the new file goes away again unless the
//! update succeeds.

use std::fs::File;
use std::path::{Path, PathBuf};

use super::UpdateError;
use crate::atomic_file::TempFile;
use crate::package::hashing_copy;
use crate::{Package, PackageError, Progress, Step};

/// How many names are tried before giving up.
const MAX_TRIES: u32 = 1000;

/// A library file placed for an update; removed when dropped unless kept.
pub(super) struct PlacedLibrary {
    pub(super) path: PathBuf,
    /// Its checksum, `"sha256:<hex>"`.
    pub(super) checksum: String,
    keep: bool,
}

impl PlacedLibrary {
    /// Keeps the file: the update succeeded.
    pub(super) fn keep(mut self) {
        self.keep = true;
    }

    /// Copies the library at `source` into `dir`, under its own file name
    /// or, when that is taken, the name with `-2`, `-3`, ... before the
    /// extension.
    pub(super) fn copy(
        source: &Path,
        dir: &Path,
        progress: &mut dyn Progress,
    ) -> Result<PlacedLibrary, UpdateError> {
        let io = |path: &Path, action| {
            let path = path.to_path_buf();
            move |source| UpdateError::Io {
                path,
                action,
                source,
            }
        };
        let (stem, extension) = stem_and_extension(source);
        let mut file = File::open(source).map_err(io(source, "read"))?;
        let mut temp = TempFile::new_in(dir, &stem).map_err(io(dir, "create a file in"))?;
        progress.step(Step::Copying, file.metadata().ok().map(|m| m.len()));
        let (checksum, _) =
            hashing_copy(&mut file, Some(temp.file()), progress).map_err(io(source, "copy"))?;
        for n in 1..=MAX_TRIES {
            let target = dir.join(numbered(&stem, &extension, n));
            match temp.place_new(&target) {
                Ok(()) => {
                    return Ok(PlacedLibrary {
                        path: target,
                        checksum,
                        keep: false,
                    });
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
                Err(e) => return Err(io(&target, "create")(e)),
            }
        }
        Err(io(dir, "find a free file name in")(std::io::Error::new(
            std::io::ErrorKind::AlreadyExists,
            "every name tried is taken",
        )))
    }

    /// Extracts the library of `package` into `dir`, named after the
    /// library and the package's version (`libgreeter-2.0.0.so`), numbered
    /// when that is taken.
    pub(super) fn extract(
        package: &Package,
        dir: &Path,
        progress: &mut dyn Progress,
    ) -> Result<PlacedLibrary, UpdateError> {
        let manifest = package.manifest();
        let (stem, extension) = stem_and_extension(Path::new(&manifest.library));
        let stem = format!("{stem}-{}", manifest.version);
        for n in 1..=MAX_TRIES {
            let target = dir.join(numbered(&stem, &extension, n));
            if target.exists() {
                continue;
            }
            match package.extract_library(&target, progress) {
                Ok(path) => {
                    return Ok(PlacedLibrary {
                        path,
                        checksum: manifest.sha256.clone(),
                        keep: false,
                    });
                }
                Err(PackageError::LibraryExists { .. }) => {}
                Err(other) => return Err(other.into()),
            }
        }
        Err(UpdateError::Io {
            path: dir.to_path_buf(),
            action: "find a free file name in",
            source: std::io::Error::new(
                std::io::ErrorKind::AlreadyExists,
                "every name tried is taken",
            ),
        })
    }
}

impl Drop for PlacedLibrary {
    fn drop(&mut self) {
        if !self.keep {
            // The file may still be mapped (the update loaded it); removing
            // it only unlinks it. A platform that refuses to remove a loaded
            // library leaves a file that no state refers to.
            if let Err(e) = std::fs::remove_file(&self.path) {
                tracing::warn!(path = %self.path.display(), "could not remove the library of a failed update: {e}");
            }
        }
    }
}

fn stem_and_extension(path: &Path) -> (String, String) {
    let lossy = |s: Option<&std::ffi::OsStr>| s.map(|s| s.to_string_lossy().into_owned());
    (
        lossy(path.file_stem()).unwrap_or_else(|| "plugin".to_owned()),
        lossy(path.extension()).unwrap_or_else(|| std::env::consts::DLL_EXTENSION.to_owned()),
    )
}

fn numbered(stem: &str, extension: &str, n: u32) -> String {
    if n == 1 {
        format!("{stem}.{extension}")
    } else {
        format!("{stem}-{n}.{extension}")
    }
}
