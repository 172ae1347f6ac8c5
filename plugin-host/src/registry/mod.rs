//! A local package registry: a directory holding `index.json` (every
//! package by name and version, replaced atomically) and the package files
//! under `packages/<name>/<version>/`.
//!
//! One process at a time should publish to a registry; readers may run
//! alongside, since the index is only ever replaced whole.
//!
//! ```no_run
//! use std::path::Path;
//! use plugin_host::registry::Registry;
//! use plugin_host::semver::VersionReq;
//!
//! let mut registry = Registry::init(Path::new("registry"))?;
//! registry.publish(Path::new("greeter-1.0.0.tar.gz"))?;
//! for hit in registry.search("greet") {
//!     println!("{} ({} versions)", hit.name, hit.versions.len());
//! }
//! let newest = registry.resolve("greeter", &VersionReq::parse("^1")?)?;
//! let package = registry.open_package(&newest)?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod entry;
mod error;
mod index;

use std::fs::File;
use std::path::{Path, PathBuf};

use semver::{Version, VersionReq};

pub use entry::{RegistryEntry, SearchHit};
pub use error::RegistryError;
use index::{Index, IndexEntry};

use crate::atomic_file::TempFile;
use crate::package::hashing_copy;
use crate::{Package, Progress, Step, checksum_file};

/// A local package registry in a directory.
#[derive(Debug)]
pub struct Registry {
    dir: PathBuf,
    index: Index,
}

impl Registry {
    /// Opens the registry in `dir`, which must exist; a directory without an
    /// index is an empty registry.
    ///
    /// # Errors
    ///
    /// [`RegistryError::Missing`]; [`RegistryError::CorruptIndex`] or
    /// [`RegistryError::UnsupportedFormat`] for an index that does not load
    /// (it is left as it is); [`RegistryError::Io`].
    pub fn open(dir: &Path) -> Result<Registry, RegistryError> {
        if !dir.is_dir() {
            return Err(RegistryError::Missing {
                dir: dir.to_path_buf(),
            });
        }
        Ok(Registry {
            dir: dir.to_path_buf(),
            index: Index::load(dir)?,
        })
    }

    /// Opens the registry in `dir`, creating the directory if it is missing.
    ///
    /// # Errors
    ///
    /// As [`open`](Self::open), and [`RegistryError::Io`] if the directory
    /// cannot be created.
    pub fn init(dir: &Path) -> Result<Registry, RegistryError> {
        std::fs::create_dir_all(dir).map_err(RegistryError::io(dir, "create the directory"))?;
        Registry::open(dir)
    }

    /// The registry's directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Checks the package at `package` and adds a copy of it to the
    /// registry; see [`publish_with_progress`](Self::publish_with_progress).
    ///
    /// # Errors
    ///
    /// As [`publish_with_progress`](Self::publish_with_progress).
    pub fn publish(&mut self, package: &Path) -> Result<RegistryEntry, RegistryError> {
        self.publish_with_progress(package, &mut ())
    }

    /// Checks the package at `package` (as [`Package::open`] does) and adds
    /// a copy of it to the registry, under
    /// `packages/<name>/<version>/<name>-<version>-<target>.tar.gz`, then
    /// writes the index. The index is read again first, so a publish made
    /// meanwhile by another process is kept.
    ///
    /// # Errors
    ///
    /// [`RegistryError::Package`] for a package that does not check out;
    /// [`RegistryError::Duplicate`] if the name and version are published
    /// already; [`RegistryError::Io`], after which the registry is as it
    /// was.
    pub fn publish_with_progress(
        &mut self,
        package: &Path,
        progress: &mut dyn Progress,
    ) -> Result<RegistryEntry, RegistryError> {
        let opened = Package::open_with(package, &crate::package::Limits::default(), progress)?;
        let manifest = opened.manifest();
        self.index = Index::load(&self.dir)?;
        let version_key = manifest.version.to_string();
        if self
            .index
            .packages
            .get(&manifest.name)
            .is_some_and(|versions| versions.contains_key(&version_key))
        {
            return Err(RegistryError::Duplicate {
                name: manifest.name.clone(),
                version: manifest.version.clone(),
            });
        }

        let relative = format!(
            "packages/{}/{}/{}",
            manifest.name,
            version_key,
            manifest.file_name()
        );
        let target = self.dir.join(&relative);
        let target_dir = target.parent().unwrap_or(&self.dir).to_path_buf();
        let file_name = format!("{}-{}.tar.gz", manifest.name, version_key);
        let mut temp = TempFile::new_in(&target_dir, &file_name)
            .map_err(RegistryError::io(&target_dir, "create a file in"))?;
        let mut source = File::open(package).map_err(RegistryError::io(package, "read"))?;
        progress.step(Step::Copying, source.metadata().ok().map(|m| m.len()));
        let (sha256, _) = hashing_copy(&mut source, Some(temp.file()), progress)
            .map_err(RegistryError::io(package, "copy"))?;
        // A file already at this path is not in the index (that was checked
        // above), so it is what a publish that died left behind.
        temp.replace(&target)
            .map_err(RegistryError::io(&target, "create"))?;

        let entry = IndexEntry {
            file: relative,
            sha256,
            description: manifest.description.clone(),
            keywords: manifest.keywords.clone(),
            license: manifest.license.clone(),
            target: manifest.target.clone(),
            plugins: manifest.plugins.iter().map(|p| p.name.clone()).collect(),
        };
        let mut updated = self.index.clone();
        updated
            .packages
            .entry(manifest.name.clone())
            .or_default()
            .insert(version_key, entry.clone());
        if let Err(error) = updated.save(&self.dir) {
            // Unindexed, the file is invisible; removing it keeps the
            // directory tidy, and failing to is harmless.
            let _ = std::fs::remove_file(&target);
            return Err(error);
        }
        self.index = updated;
        Ok(self.entry(&manifest.name, &manifest.version, &entry))
    }

    /// The packages whose name or one of whose keywords contains `query`,
    /// ignoring case (every package for an empty query), by name, each with
    /// all its versions.
    pub fn search(&self, query: &str) -> Vec<SearchHit> {
        let query = query.to_lowercase();
        self.index
            .packages
            .iter()
            .filter(|(name, versions)| {
                name.to_lowercase().contains(&query)
                    || versions.values().any(|entry| {
                        entry
                            .keywords
                            .iter()
                            .any(|k| k.to_lowercase().contains(&query))
                    })
            })
            .map(|(name, _)| SearchHit {
                name: name.clone(),
                versions: self.versions(name),
            })
            .collect()
    }

    /// Every published version of package `name`, oldest first; none for an
    /// unknown name.
    pub fn versions(&self, name: &str) -> Vec<RegistryEntry> {
        let Some(versions) = self.index.packages.get(name) else {
            return Vec::new();
        };
        let mut entries: Vec<RegistryEntry> = versions
            .iter()
            .filter_map(|(version, entry)| {
                Some(self.entry(name, &Version::parse(version).ok()?, entry))
            })
            .collect();
        entries.sort_by(|a, b| a.version.cmp(&b.version));
        entries
    }

    /// The newest version of package `name` that matches `requirement`.
    ///
    /// # Errors
    ///
    /// [`RegistryError::NotFound`] listing the names there are;
    /// [`RegistryError::NoMatch`] listing the versions there are.
    pub fn resolve(
        &self,
        name: &str,
        requirement: &VersionReq,
    ) -> Result<RegistryEntry, RegistryError> {
        let versions = self.versions(name);
        if versions.is_empty() {
            return Err(RegistryError::NotFound {
                dir: self.dir.clone(),
                name: name.to_owned(),
                known: self.index.packages.keys().cloned().collect(),
            });
        }
        let newest = versions
            .iter()
            .rev()
            .find(|entry| requirement.matches(&entry.version))
            .cloned();
        newest.ok_or_else(|| RegistryError::NoMatch {
            name: name.to_owned(),
            requirement: requirement.clone(),
            versions: versions.into_iter().map(|e| e.version).collect(),
        })
    }

    /// Opens a published package after checking that its file is the one
    /// that was published.
    ///
    /// # Errors
    ///
    /// [`RegistryError::PackageChanged`]; [`RegistryError::Package`] for a
    /// package that does not check out; [`RegistryError::Io`].
    pub fn open_package(&self, entry: &RegistryEntry) -> Result<Package, RegistryError> {
        let found = checksum_file(&entry.path).map_err(RegistryError::io(&entry.path, "read"))?;
        if found != entry.sha256 {
            return Err(RegistryError::PackageChanged {
                path: entry.path.clone(),
                expected: entry.sha256.clone(),
                found,
            });
        }
        Ok(Package::open(&entry.path)?)
    }

    fn entry(&self, name: &str, version: &Version, entry: &IndexEntry) -> RegistryEntry {
        RegistryEntry {
            name: name.to_owned(),
            version: version.clone(),
            path: self.dir.join(&entry.file),
            sha256: entry.sha256.clone(),
            description: entry.description.clone(),
            keywords: entry.keywords.clone(),
            license: entry.license.clone(),
            target: entry.target.clone(),
            plugins: entry.plugins.clone(),
        }
    }
}
