use std::path::PathBuf;

use semver::{Version, VersionReq};

use crate::PackageError;

/// Why a registry operation was refused or failed. A failed publish leaves
/// the registry as it was.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum RegistryError {
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

    /// The registry directory does not exist.
    #[error(
        "there is no registry at '{}' (no such directory); check the path, or publish a package there to create one",
        dir.display()
    )]
    Missing {
        /// The directory.
        dir: PathBuf,
    },

    /// The index is not valid.
    #[error(
        "the registry index '{}' is corrupt ({reason}); it was left as it is: repair it, or move it away and publish the packages again",
        path.display()
    )]
    CorruptIndex {
        /// The index file.
        path: PathBuf,
        /// What is wrong with it.
        reason: String,
    },

    /// The index is in a format this version does not read.
    #[error(
        "the registry index '{}' is in format {found} but this version reads format {supported}; {}",
        path.display(),
        if found > supported { "use a newer plugctl" } else { "move it away and publish the packages again" }
    )]
    UnsupportedFormat {
        /// The index file.
        path: PathBuf,
        /// The format it declares.
        found: u32,
        /// The format this version reads.
        supported: u32,
    },

    /// A package could not be used.
    #[error(transparent)]
    Package(#[from] PackageError),

    /// The registry has this name and version already.
    #[error(
        "the registry has package '{name}' {version} already; a published version never changes, so publish a build with a new version"
    )]
    Duplicate {
        /// The package's name.
        name: String,
        /// Its version.
        version: Version,
    },

    /// No package has this name.
    #[error("the registry at '{}' has no package named '{name}'; {}", dir.display(), known_names(known))]
    NotFound {
        /// The registry directory.
        dir: PathBuf,
        /// The name asked for.
        name: String,
        /// The names it has.
        known: Vec<String>,
    },

    /// No version matches the requirement.
    #[error(
        "the registry has no version of '{name}' that matches {requirement}; it has {}",
        versions.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ")
    )]
    NoMatch {
        /// The package's name.
        name: String,
        /// The requirement.
        requirement: VersionReq,
        /// The versions it has.
        versions: Vec<Version>,
    },

    /// A package file is not the one that was published.
    #[error(
        "the registry's file '{}' has checksum {found} but was published with {expected}; it was changed or damaged since, so it is refused: publish the package again under a new version",
        path.display()
    )]
    PackageChanged {
        /// The package file.
        path: PathBuf,
        /// The checksum recorded when it was published.
        expected: String,
        /// Its checksum now.
        found: String,
    },
}

fn known_names(known: &[String]) -> String {
    if known.is_empty() {
        "it has no packages at all; publish one with `plugctl publish`".to_owned()
    } else {
        format!("it has: {}", known.join(", "))
    }
}

impl RegistryError {
    pub(crate) fn io(
        path: impl Into<PathBuf>,
        action: &'static str,
    ) -> impl FnOnce(std::io::Error) -> RegistryError {
        let path = path.into();
        move |source| RegistryError::Io {
            path,
            action,
            source,
        }
    }
}
