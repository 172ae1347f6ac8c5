//! Writing a package's library out to a file, checked again on the way.

use std::path::{Path, PathBuf};

use super::hashing::copy_hashing;
use super::open::{archive, each_entry};
use super::{Package, PackageError};
use crate::atomic_file::{TempFile, split};
use crate::{Progress, Step};

/// Writes the library of `package` to `target`, which must not exist.
pub(super) fn extract(
    package: &Package,
    target: &Path,
    progress: &mut dyn Progress,
) -> Result<PathBuf, PackageError> {
    package.check_platform()?;
    if target.exists() {
        return Err(PackageError::LibraryExists {
            path: target.to_path_buf(),
        });
    }
    let manifest = &package.manifest;
    let path = &package.path;
    let (dir, target_name) = split(target);
    let mut temp =
        TempFile::new_in(dir, &target_name).map_err(PackageError::io(dir, "create a file in"))?;
    let temp_path = temp.path().to_path_buf();
    let mut archive = archive(path)?;
    let mut found: Option<(String, u64)> = None;
    each_entry(path, &mut archive, |mut checked| {
        if checked.name != manifest.library {
            return Ok(());
        }
        // The package was checked when it was opened, its size against the
        // limits among the rest; a file that changed since is caught here or
        // by the checksum below, and this bounds what it can make us write.
        if checked.size != manifest.size {
            return Err(PackageError::ChecksumMismatch {
                package: path.clone(),
                library: checked.name.clone(),
                expected: manifest.sha256.clone(),
                found: format!("(an entry of {} bytes)", checked.size),
            });
        }
        progress.step(Step::Extracting, Some(checked.size));
        let written =
            copy_hashing(&mut checked.entry, Some(temp.file()), progress).map_err(|source| {
                PackageError::Corrupt {
                    package: path.clone(),
                    source,
                }
            })?;
        found = Some(written);
        Ok(())
    })?;
    let Some((checksum, _)) = found else {
        return Err(PackageError::MissingLibrary {
            package: path.clone(),
            library: manifest.library.clone(),
        });
    };
    if checksum != manifest.sha256 {
        return Err(PackageError::ChecksumMismatch {
            package: path.clone(),
            library: manifest.library.clone(),
            expected: manifest.sha256.clone(),
            found: checksum,
        });
    }
    set_executable(temp.path()).map_err(PackageError::io(temp_path, "write"))?;
    temp.place_new(target).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            PackageError::LibraryExists {
                path: target.to_path_buf(),
            }
        } else {
            PackageError::Io {
                path: target.to_path_buf(),
                action: "create",
                source: e,
            }
        }
    })?;
    Ok(target.to_path_buf())
}

/// Libraries are mapped executable; some systems want the mode bits too.
#[cfg(unix)]
fn set_executable(path: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755))
}

#[cfg(not(unix))]
fn set_executable(_path: &Path) -> std::io::Result<()> {
    Ok(())
}
