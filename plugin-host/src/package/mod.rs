//! Plugin packages: a library and its manifest in one `.tar.gz`, built from
//! the library itself, checked on every opening, and unpacked only after
//! the library's checksum and platform have been checked.
//!
//! A package holds exactly two regular files at its root:
//! [`MANIFEST_FILE`] (`plugin-package.toml`, a [`PackageManifest`]) and the
//! library it names. Anything else (a directory, a link, a second library,
//! an absolute path or one climbing out with `..`) refuses the package as a
//! whole, as do a checksum that does not match, a manifest that is missing
//! or invalid, and an entry larger than the [`Limits`].
//!
//! ```no_run
//! use std::path::Path;
//! use plugin_host::package::Package;
//!
//! let package = Package::build(
//!     Path::new("target/debug/libgreeter.so"),
//!     &["greeting".to_owned()],
//!     Path::new("greeter-1.0.0.tar.gz"),
//!     &mut (),
//! )?;
//! let opened = Package::open(package.path())?;
//! opened.extract_library(Path::new("plugins/libgreeter.so"), &mut ())?;
//! # Ok::<(), plugin_host::package::PackageError>(())
//! ```

mod error;
mod extract;
pub(crate) mod hashing;
mod limits;
mod manifest;
mod open;
mod pack;
mod platform;

use std::path::{Path, PathBuf};

pub use error::PackageError;
pub(crate) use hashing::copy_hashing as hashing_copy;
pub use limits::Limits;
pub use manifest::{MANIFEST_FILE, PACKAGE_FORMAT, PackageManifest, PackagedPlugin};
pub use platform::host_target;

use crate::Progress;

/// A package file whose manifest and library checksum have been checked.
#[derive(Debug, Clone)]
pub struct Package {
    path: PathBuf,
    manifest: PackageManifest,
}

impl Package {
    /// Packs `library` with `keywords` into a new package at `out` (a file
    /// to create, or an existing directory to create
    /// [`PackageManifest::file_name`] in), reading
    /// the plugins' names, versions, descriptions and licences from the
    /// library's descriptors (the library is loaded and checked, but none of
    /// its plugin code runs).
    ///
    /// The package is written to a temp file and moved to `out` complete, so
    /// `out` never holds half a package.
    ///
    /// # Errors
    ///
    /// [`PackageError::Load`] for a library the loader refuses;
    /// [`PackageError::MixedVersions`] and [`PackageError::BadLibraryName`]
    /// for a library of several plugins that has no one name and version;
    /// [`PackageError::BadKeyword`]; [`PackageError::OutputExists`] if
    /// `out` exists; [`PackageError::LibraryChanged`] if the library changed
    /// while being packed; [`PackageError::Io`].
    pub fn build(
        library: &Path,
        keywords: &[String],
        out: &Path,
        progress: &mut dyn Progress,
    ) -> Result<Package, PackageError> {
        pack::pack(library, keywords, out, progress)
    }

    /// Opens the package at `path` and checks it with the default
    /// [`Limits`]; see [`open_with`](Self::open_with).
    ///
    /// # Errors
    ///
    /// As [`open_with`](Self::open_with).
    pub fn open(path: &Path) -> Result<Package, PackageError> {
        Package::open_with(path, &Limits::default(), &mut ())
    }

    /// Opens the package at `path` and checks it: each entry's path and
    /// type, the manifest, and the library's size and checksum against the
    /// manifest. Nothing is written.
    ///
    /// # Errors
    ///
    /// [`PackageError::Corrupt`], [`PackageError::UnsafePath`],
    /// [`PackageError::UnexpectedEntry`], [`PackageError::Oversize`],
    /// [`PackageError::MissingManifest`], [`PackageError::BadManifest`],
    /// [`PackageError::UnsupportedFormat`], [`PackageError::MissingLibrary`],
    /// [`PackageError::ChecksumMismatch`], [`PackageError::Io`].
    pub fn open_with(
        path: &Path,
        limits: &Limits,
        progress: &mut dyn Progress,
    ) -> Result<Package, PackageError> {
        open::open(path, limits, progress)
    }

    /// The package file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The package's manifest.
    pub fn manifest(&self) -> &PackageManifest {
        &self.manifest
    }

    /// Checks that the package's library was built for this host's platform.
    ///
    /// # Errors
    ///
    /// [`PackageError::WrongPlatform`] naming both target triples.
    pub fn check_platform(&self) -> Result<(), PackageError> {
        if self.manifest.target == host_target() {
            return Ok(());
        }
        Err(PackageError::WrongPlatform {
            name: self.manifest.name.clone(),
            version: self.manifest.version.to_string(),
            target: self.manifest.target.clone(),
            host: host_target().to_owned(),
        })
    }

    /// Writes the package's library to `target` (typically the managed
    /// plugin directory joined with [`PackageManifest::library`] or a unique
    /// name), after checking the platform. The library is hashed again as
    /// it is written and only put in place when its checksum matches the
    /// manifest; `target` is never overwritten.
    ///
    /// # Errors
    ///
    /// [`PackageError::WrongPlatform`]; [`PackageError::LibraryExists`] if
    /// `target` exists; [`PackageError::ChecksumMismatch`] if the package
    /// changed since it was opened; [`PackageError::Io`].
    pub fn extract_library(
        &self,
        target: &Path,
        progress: &mut dyn Progress,
    ) -> Result<PathBuf, PackageError> {
        extract::extract(self, target, progress)
    }
}
