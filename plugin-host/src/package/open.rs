//! Reading a package: every entry checked, the manifest parsed and the
//! library hashed, in one pass over the archive.

use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;

use flate2::read::GzDecoder;

use super::hashing::copy_hashing;
use super::manifest::is_plain_file_name;
use super::{Limits, MANIFEST_FILE, Package, PackageError, PackageManifest};
use crate::{Progress, Step};

/// An entry of a package, checked: a plain file name of a regular file.
pub(super) struct CheckedEntry<'a, R: Read> {
    pub(super) name: String,
    pub(super) size: u64,
    pub(super) entry: tar::Entry<'a, R>,
}

/// Opens the archive at `package` for reading its entries.
pub(super) fn archive(
    package: &Path,
) -> Result<tar::Archive<GzDecoder<BufReader<File>>>, PackageError> {
    let file = File::open(package).map_err(PackageError::io(package, "read"))?;
    Ok(tar::Archive::new(GzDecoder::new(BufReader::new(file))))
}

/// Runs `visit` on each entry of the archive after checking its path and
/// type; stops at the first error.
pub(super) fn each_entry<R: Read>(
    package: &Path,
    archive: &mut tar::Archive<R>,
    mut visit: impl FnMut(CheckedEntry<'_, R>) -> Result<(), PackageError>,
) -> Result<(), PackageError> {
    let corrupt = |source| PackageError::Corrupt {
        package: package.to_path_buf(),
        source,
    };
    for entry in archive.entries().map_err(corrupt)? {
        let entry = entry.map_err(corrupt)?;
        let raw = String::from_utf8_lossy(&entry.path_bytes()).into_owned();
        if is_unsafe_path(&raw) {
            return Err(PackageError::UnsafePath {
                package: package.to_path_buf(),
                entry: raw,
            });
        }
        let unexpected = |reason: &str| PackageError::UnexpectedEntry {
            package: package.to_path_buf(),
            entry: raw.clone(),
            reason: reason.to_owned(),
        };
        let kind = entry.header().entry_type();
        if !kind.is_file() {
            return Err(unexpected(&format!(
                "it is a {}, not a regular file",
                kind_name(kind)
            )));
        }
        if !is_plain_file_name(&raw) {
            return Err(unexpected("it is inside a directory"));
        }
        let size = entry.header().size().map_err(corrupt)?;
        visit(CheckedEntry {
            name: raw,
            size,
            entry,
        })?;
    }
    Ok(())
}

/// Whether an entry path is absolute or climbs out with `..`, on any
/// platform's reading of separators and drive letters.
fn is_unsafe_path(path: &str) -> bool {
    path.starts_with(['/', '\\'])
        || path.as_bytes().get(1) == Some(&b':')
        || path.split(['/', '\\']).any(|part| part == "..")
}

fn kind_name(kind: tar::EntryType) -> &'static str {
    match kind {
        tar::EntryType::Directory => "directory",
        tar::EntryType::Symlink => "symbolic link",
        tar::EntryType::Link => "hard link",
        tar::EntryType::Char | tar::EntryType::Block => "device",
        tar::EntryType::Fifo => "named pipe",
        _ => "special entry",
    }
}

/// Reads and checks the package at `path`.
pub(super) fn open(
    path: &Path,
    limits: &Limits,
    progress: &mut dyn Progress,
) -> Result<Package, PackageError> {
    progress.step(Step::Verifying, None);
    let mut archive = archive(path)?;
    let mut manifest_text: Option<String> = None;
    // The library's file name, checksum and size, whichever order the
    // entries come in.
    let mut library: Option<(String, String, u64)> = None;
    let oversize = |entry: &str, size: u64, limit: u64| PackageError::Oversize {
        package: path.to_path_buf(),
        entry: entry.to_owned(),
        size,
        limit,
    };
    each_entry(path, &mut archive, |mut checked| {
        let unexpected = |reason: &str| PackageError::UnexpectedEntry {
            package: path.to_path_buf(),
            entry: checked.name.clone(),
            reason: reason.to_owned(),
        };
        let read_error = |source| PackageError::Corrupt {
            package: path.to_path_buf(),
            source,
        };
        if checked.name == MANIFEST_FILE {
            if manifest_text.is_some() {
                return Err(unexpected("it appears twice"));
            }
            if checked.size > limits.manifest() {
                return Err(oversize(&checked.name, checked.size, limits.manifest()));
            }
            let mut bytes = Vec::new();
            checked
                .entry
                .by_ref()
                .take(limits.manifest())
                .read_to_end(&mut bytes)
                .map_err(read_error)?;
            let text = String::from_utf8(bytes).map_err(|_| PackageError::BadManifest {
                package: path.to_path_buf(),
                reason: "it is not UTF-8 text".to_owned(),
            })?;
            manifest_text = Some(text);
            return Ok(());
        }
        if let Some((first, _, _)) = &library {
            return Err(unexpected(&format!(
                "the package holds '{first}' already, and a package holds one library"
            )));
        }
        if checked.size > limits.library() {
            return Err(oversize(&checked.name, checked.size, limits.library()));
        }
        progress.step(Step::Verifying, Some(checked.size));
        let (checksum, size) =
            copy_hashing(&mut checked.entry, None, progress).map_err(read_error)?;
        library = Some((checked.name, checksum, size));
        Ok(())
    })?;

    let text = manifest_text.ok_or_else(|| PackageError::MissingManifest {
        package: path.to_path_buf(),
    })?;
    let manifest = PackageManifest::parse(path, &text)?;
    let Some((name, checksum, size)) = library else {
        return Err(PackageError::MissingLibrary {
            package: path.to_path_buf(),
            library: manifest.library,
        });
    };
    if name != manifest.library {
        return Err(PackageError::UnexpectedEntry {
            package: path.to_path_buf(),
            entry: name,
            reason: format!("the manifest names the library '{}'", manifest.library),
        });
    }
    if checksum != manifest.sha256 || size != manifest.size {
        return Err(PackageError::ChecksumMismatch {
            package: path.to_path_buf(),
            library: name,
            expected: manifest.sha256,
            found: checksum,
        });
    }
    Ok(Package {
        path: path.to_path_buf(),
        manifest,
    })
}
