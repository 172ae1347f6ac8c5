use std::path::PathBuf;

use crate::LoadError;

/// Why a plugin package could not be built, opened or extracted. Nothing is
/// left behind by a failure: a half-written package or library is removed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum PackageError {
    /// A file system operation failed.
    #[error("could not {action} '{}': {source}", path.display())]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// What was being done, as a verb phrase.
        action: &'static str,
        /// The I/O error.
        source: std::io::Error,
    },

    /// The library to pack was refused by the loader.
    #[error(transparent)]
    Load(#[from] LoadError),

    /// The file is not a readable gzip-compressed tar archive.
    #[error(
        "'{}' is not a readable plugin package (a .tar.gz): {source}; get the package again, or build it with `plugctl package`",
        package.display()
    )]
    Corrupt {
        /// The package file.
        package: PathBuf,
        /// What the decompressor or the archive reader said.
        source: std::io::Error,
    },

    /// An entry's path is absolute or leads out of the directory with `..`.
    #[error(
        "'{}' holds an entry with the unsafe path '{entry}' (absolute, or leading out of its directory); the package is refused as a whole: do not use it, and build a new one with `plugctl package`",
        package.display()
    )]
    UnsafePath {
        /// The package file.
        package: PathBuf,
        /// The entry's path, as written in the archive.
        entry: String,
    },

    /// An entry that a package does not hold.
    #[error(
        "'{}' holds an unexpected entry '{entry}' ({reason}); a package holds only plugin-package.toml and the library file, so build it with `plugctl package`",
        package.display()
    )]
    UnexpectedEntry {
        /// The package file.
        package: PathBuf,
        /// The entry's path.
        entry: String,
        /// What is wrong with it.
        reason: String,
    },

    /// The package has no manifest.
    #[error(
        "'{}' has no plugin-package.toml, so it is not a plugin package; build one from the library with `plugctl package`",
        package.display()
    )]
    MissingManifest {
        /// The package file.
        package: PathBuf,
    },

    /// The manifest is not valid.
    #[error(
        "the manifest of '{}' is invalid: {reason}; build the package again with `plugctl package`",
        package.display()
    )]
    BadManifest {
        /// The package file.
        package: PathBuf,
        /// What is wrong with it.
        reason: String,
    },

    /// The manifest is in a package format this host does not read.
    #[error(
        "'{}' is in package format {found} but this host reads format {supported}; {}",
        package.display(),
        if found > supported { "use a newer plugctl" } else { "build the package again with this plugctl" }
    )]
    UnsupportedFormat {
        /// The package file.
        package: PathBuf,
        /// The format the manifest declares.
        found: u32,
        /// The format this host reads.
        supported: u32,
    },

    /// The library the manifest names is not in the archive.
    #[error(
        "'{}' names the library '{library}' in its manifest but does not hold it; the package is incomplete, so build it again",
        package.display()
    )]
    MissingLibrary {
        /// The package file.
        package: PathBuf,
        /// The file name the manifest gives.
        library: String,
    },

    /// An entry is larger than allowed.
    #[error(
        "'{}' holds '{entry}' of {size} bytes, more than the {limit} bytes allowed; the package is refused without unpacking it (raise the limit only for a package you trust)",
        package.display()
    )]
    Oversize {
        /// The package file.
        package: PathBuf,
        /// The entry's path.
        entry: String,
        /// Its size as the archive declares it.
        size: u64,
        /// The limit.
        limit: u64,
    },

    /// The library's checksum is not the one in the manifest.
    #[error(
        "the library '{library}' in '{}' has checksum {found} but the manifest says {expected}; the package was damaged or tampered with, so do not install it: get it again from where it was published",
        package.display()
    )]
    ChecksumMismatch {
        /// The package file.
        package: PathBuf,
        /// The library's file name.
        library: String,
        /// The checksum the manifest gives.
        expected: String,
        /// The library's checksum.
        found: String,
    },

    /// The package's library was built for another platform.
    #[error(
        "package '{name}' {version} is built for {target} but this host runs on {host}; get the package built for {host}, or build the plugin on this machine"
    )]
    WrongPlatform {
        /// The package's name.
        name: String,
        /// Its version.
        version: String,
        /// The target triple it was built for.
        target: String,
        /// This host's target triple.
        host: String,
    },

    /// The library's plugins do not share one version, so the package would
    /// have none.
    #[error(
        "'{}' holds plugins of different versions ({versions}), and a package has one version; give its plugins one version, or put them in libraries of their own",
        library.display()
    )]
    MixedVersions {
        /// The library.
        library: PathBuf,
        /// Each plugin with its version.
        versions: String,
    },

    /// The library's file name cannot name a package.
    #[error(
        "'{}' holds several plugins, so the package is named after the library file, but '{stem}' is not a valid package name ({problem}); rename the library",
        library.display()
    )]
    BadLibraryName {
        /// The library.
        library: PathBuf,
        /// The name derived from the file name.
        stem: String,
        /// Which naming rule it breaks.
        problem: String,
    },

    /// A keyword breaks the rules for keywords.
    #[error(
        "invalid keyword '{keyword}': {problem}; a keyword has 1 to 32 characters, none of them whitespace or control characters, and a package has at most 16"
    )]
    BadKeyword {
        /// The keyword.
        keyword: String,
        /// Which rule it breaks.
        problem: &'static str,
    },

    /// The library file changed while it was being packed.
    #[error(
        "'{}' changed while it was being packed, so no package was written; wait for its build to finish and pack it again",
        library.display()
    )]
    LibraryChanged {
        /// The library.
        library: PathBuf,
    },

    /// The package file to write exists already.
    #[error(
        "'{}' exists already and was left as it is; remove it, or choose another output file",
        path.display()
    )]
    OutputExists {
        /// The file.
        path: PathBuf,
    },

    /// The library file to extract to exists already.
    #[error(
        "'{}' exists already and was left as it is; the library was not extracted over it",
        path.display()
    )]
    LibraryExists {
        /// The file.
        path: PathBuf,
    },
}

impl PackageError {
    pub(crate) fn io(
        path: impl Into<PathBuf>,
        action: &'static str,
    ) -> impl FnOnce(std::io::Error) -> PackageError {
        let path = path.into();
        move |source| PackageError::Io {
            path,
            action,
            source,
        }
    }
}
