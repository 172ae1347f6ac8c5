use std::path::PathBuf;

use semver::Version;

/// One published version of a package.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct RegistryEntry {
    /// The package's name.
    pub name: String,
    /// Its version.
    pub version: Version,
    /// The package file in the registry.
    pub path: PathBuf,
    /// The package file's checksum when it was published.
    pub sha256: String,
    /// What it does.
    pub description: String,
    /// Words to find it by.
    pub keywords: Vec<String>,
    /// Its licence.
    pub license: String,
    /// The target triple its library was built for.
    pub target: String,
    /// The plugins in it.
    pub plugins: Vec<String>,
}

/// A package that a search found, with every version published.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct SearchHit {
    /// The package's name.
    pub name: String,
    /// Its versions, oldest first.
    pub versions: Vec<RegistryEntry>,
}

impl SearchHit {
    /// The newest version.
    pub fn newest(&self) -> Option<&RegistryEntry> {
        self.versions.last()
    }
}
