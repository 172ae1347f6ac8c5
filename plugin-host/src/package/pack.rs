//! Building a package from a library file.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use flate2::Compression;
use flate2::write::GzEncoder;

use super::hashing::{HashingReader, copy_hashing};
use super::manifest::{PACKAGE_FORMAT, check_keywords};
use super::{
    Limits, MANIFEST_FILE, Package, PackageError, PackageManifest, PackagedPlugin, host_target,
};
use crate::atomic_file::{TempFile, split};
use crate::inspect::Inspected;
use crate::library::{self, UnloadPolicy};
use crate::{Progress, Step, check_plugin_name};

/// Reads the library's plugins, hashes it and writes the package to `out`.
pub(super) fn pack(
    library: &Path,
    keywords: &[String],
    out: &Path,
    progress: &mut dyn Progress,
) -> Result<Package, PackageError> {
    check_keywords(keywords)
        .map_err(|(keyword, problem)| PackageError::BadKeyword { keyword, problem })?;
    let file_name = library
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();

    progress.step(Step::Inspecting, None);
    // Opening checks the library as any host would, except for the host's
    // version requirement, which is the installing host's business.
    let opened = library::open(library, UnloadPolicy::Never)?;
    let (name, version) = identity(library, &file_name, &opened.plugins)?;

    let out = if out.is_dir() {
        out.join(file_name_for(&name, &version, host_target()))
    } else {
        out.to_path_buf()
    };
    let out = out.as_path();
    if out.exists() {
        return Err(PackageError::OutputExists {
            path: out.to_path_buf(),
        });
    }

    let size = std::fs::metadata(library)
        .map_err(PackageError::io(library, "read"))?
        .len();
    if size > Limits::default().library() {
        return Err(PackageError::Oversize {
            package: out.to_path_buf(),
            entry: file_name,
            size,
            limit: Limits::default().library(),
        });
    }
    progress.step(Step::Hashing, Some(size));
    let mut file = File::open(library).map_err(PackageError::io(library, "read"))?;
    let (sha256, size) =
        copy_hashing(&mut file, None, progress).map_err(PackageError::io(library, "read"))?;

    let manifest = PackageManifest {
        format: PACKAGE_FORMAT,
        name,
        version,
        description: description(&opened.plugins),
        keywords: keywords.to_vec(),
        license: license(&opened.plugins),
        library: file_name,
        target: host_target().to_owned(),
        sha256,
        size,
        plugins: opened
            .plugins
            .iter()
            .map(|p| PackagedPlugin {
                name: p.info.name.clone(),
                version: p.info.version.clone(),
                description: p.info.description.clone(),
            })
            .collect(),
    };

    progress.step(Step::Packing, Some(size));
    write_archive(library, &manifest, out, progress)?;
    Ok(Package {
        path: out.to_path_buf(),
        manifest,
    })
}

/// The file name a package gets unless told otherwise:
/// `<name>-<version>-<target>.tar.gz`.
pub(crate) fn file_name_for(name: &str, version: &semver::Version, target: &str) -> String {
    format!("{name}-{version}-{target}.tar.gz")
}

/// The package's name and version: its plugin's, or for several plugins
/// the library's file stem and their common version.
fn identity(
    library: &Path,
    file_name: &str,
    plugins: &[Inspected],
) -> Result<(String, semver::Version), PackageError> {
    if let [only] = plugins {
        return Ok((only.info.name.clone(), only.info.version.clone()));
    }
    let first = &plugins[0].info.version;
    if plugins.iter().any(|p| &p.info.version != first) {
        let versions: Vec<String> = plugins
            .iter()
            .map(|p| format!("{} {}", p.info.name, p.info.version))
            .collect();
        return Err(PackageError::MixedVersions {
            library: library.to_path_buf(),
            versions: versions.join(", "),
        });
    }
    let stem = file_name
        .strip_prefix(std::env::consts::DLL_PREFIX)
        .unwrap_or(file_name);
    let stem = stem
        .strip_suffix(std::env::consts::DLL_SUFFIX)
        .unwrap_or(stem)
        .to_owned();
    check_plugin_name(&stem).map_err(|e| PackageError::BadLibraryName {
        library: library.to_path_buf(),
        stem: stem.clone(),
        problem: e.problem,
    })?;
    Ok((stem, first.clone()))
}

fn description(plugins: &[Inspected]) -> String {
    if let [only] = plugins {
        return only.info.description.clone();
    }
    plugins
        .iter()
        .map(|p| match p.info.description.as_str() {
            "" => p.info.name.clone(),
            text => format!("{}: {text}", p.info.name),
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// The plugins' licences, each once, joined as an SPDX conjunction.
fn license(plugins: &[Inspected]) -> String {
    let mut licenses: Vec<&str> = Vec::new();
    for plugin in plugins {
        let license = plugin.info.license.as_str();
        if !license.is_empty() && !licenses.contains(&license) {
            licenses.push(license);
        }
    }
    match licenses.as_slice() {
        [one] => (*one).to_owned(),
        many => many
            .iter()
            .map(|l| format!("({l})"))
            .collect::<Vec<_>>()
            .join(" AND "),
    }
}

/// Writes the archive to a temp file next to `out` and puts it in place.
/// Entries carry no time stamps or owners, so the same library and keywords
/// always give the same bytes.
fn write_archive(
    library: &Path,
    manifest: &PackageManifest,
    out: &Path,
    progress: &mut dyn Progress,
) -> Result<(), PackageError> {
    let (dir, out_name) = split(out);
    let mut temp =
        TempFile::new_in(dir, &out_name).map_err(PackageError::io(dir, "create a file in"))?;
    let temp_path: PathBuf = temp.path().to_path_buf();
    let write_error = PackageError::io(temp_path.clone(), "write");
    let file = temp
        .file()
        .try_clone()
        .map_err(PackageError::io(temp_path.clone(), "write"))?;
    let encoder = GzEncoder::new(BufWriter::new(file), Compression::default());
    let mut builder = tar::Builder::new(encoder);

    let manifest_text = manifest.to_toml();
    append(
        &mut builder,
        MANIFEST_FILE,
        0o644,
        manifest_text.len() as u64,
        manifest_text.as_bytes(),
    )
    .map_err(write_error)?;

    let source = File::open(library).map_err(PackageError::io(library, "read"))?;
    let mut reader = HashingReader::new(source, progress);
    append(
        &mut builder,
        &manifest.library,
        0o755,
        manifest.size,
        &mut reader,
    )
    .map_err(PackageError::io(temp_path.clone(), "write"))?;
    if reader.checksum() != manifest.sha256 {
        return Err(PackageError::LibraryChanged {
            library: library.to_path_buf(),
        });
    }
    let finish = || -> std::io::Result<()> {
        let encoder = builder.into_inner()?;
        let mut writer = encoder.finish()?;
        writer.flush()?;
        Ok(())
    };
    finish().map_err(PackageError::io(temp_path.clone(), "write"))?;
    temp.place_new(out).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            PackageError::OutputExists {
                path: out.to_path_buf(),
            }
        } else {
            PackageError::Io {
                path: out.to_path_buf(),
                action: "create",
                source: e,
            }
        }
    })
}

/// Appends one regular file with fixed metadata. A reader that yields other
/// than `size` bytes makes the archive invalid, which tar reports as an
/// error.
fn append<W: Write>(
    builder: &mut tar::Builder<W>,
    path: &str,
    mode: u32,
    size: u64,
    data: impl std::io::Read,
) -> std::io::Result<()> {
    let mut header = tar::Header::new_gnu();
    header.set_entry_type(tar::EntryType::Regular);
    header.set_size(size);
    header.set_mode(mode);
    header.set_mtime(0);
    header.set_uid(0);
    header.set_gid(0);
    builder.append_data(&mut header, path, data.take(size))
}
