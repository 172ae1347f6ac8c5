//! `index.json`: every published package by name and version, replaced
//! atomically on each publish.

use std::collections::BTreeMap;
use std::path::{Component, Path};

use semver::Version;
use serde::{Deserialize, Serialize};

use super::RegistryError;
use crate::atomic_file::write_atomically;
use crate::check_plugin_name;

/// The index format this version writes and reads.
pub(crate) const INDEX_FORMAT: u32 = 1;

/// The index file's name in the registry directory.
pub(crate) const INDEX_FILE: &str = "index.json";

/// The index as stored.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub(crate) struct Index {
    pub(crate) format: u32,
    /// Package name, then version (as written), then what was published.
    pub(crate) packages: BTreeMap<String, BTreeMap<String, IndexEntry>>,
}

/// One published version, as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct IndexEntry {
    /// The package file, relative to the registry directory.
    pub(crate) file: String,
    /// The package file's checksum.
    pub(crate) sha256: String,
    pub(crate) description: String,
    pub(crate) keywords: Vec<String>,
    pub(crate) license: String,
    pub(crate) target: String,
    /// The plugins in the package.
    pub(crate) plugins: Vec<String>,
}

#[derive(Deserialize)]
struct FormatProbe {
    format: u32,
}

impl Index {
    /// Reads the index in `dir`; an empty one if there is none yet.
    pub(crate) fn load(dir: &Path) -> Result<Index, RegistryError> {
        let path = dir.join(INDEX_FILE);
        let bytes = match std::fs::read(&path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Ok(Index {
                    format: INDEX_FORMAT,
                    packages: BTreeMap::new(),
                });
            }
            Err(e) => return Err(RegistryError::io(&path, "read")(e)),
        };
        let corrupt = |reason: String| RegistryError::CorruptIndex {
            path: path.clone(),
            reason,
        };
        let probe: FormatProbe =
            serde_json::from_slice(&bytes).map_err(|e| corrupt(e.to_string()))?;
        if probe.format != INDEX_FORMAT {
            return Err(RegistryError::UnsupportedFormat {
                path,
                found: probe.format,
                supported: INDEX_FORMAT,
            });
        }
        let index: Index = serde_json::from_slice(&bytes).map_err(|e| corrupt(e.to_string()))?;
        index.check().map_err(corrupt)?;
        Ok(index)
    }

    /// Replaces the index in `dir` atomically.
    pub(crate) fn save(&self, dir: &Path) -> Result<(), RegistryError> {
        let path = dir.join(INDEX_FILE);
        let mut bytes = serde_json::to_vec_pretty(self).map_err(|e| RegistryError::Io {
            path: path.clone(),
            action: "serialize",
            source: e.into(),
        })?;
        bytes.push(b'\n');
        write_atomically(&path, &bytes).map_err(RegistryError::io(&path, "write"))
    }

    /// The rules every entry must keep: valid names and versions, and files
    /// inside the registry directory.
    fn check(&self) -> Result<(), String> {
        for (name, versions) in &self.packages {
            check_plugin_name(name).map_err(|e| e.to_string())?;
            for (version, entry) in versions {
                Version::parse(version).map_err(|e| {
                    format!("'{name}' has version '{version}', which is not semver ({e})")
                })?;
                if !is_inside(&entry.file) {
                    return Err(format!(
                        "'{name}' {version} points to '{}', outside the registry",
                        entry.file
                    ));
                }
            }
        }
        Ok(())
    }
}

/// Whether `file` is a relative path that stays inside the directory it is
/// joined to.
pub(crate) fn is_inside(file: &str) -> bool {
    let path = Path::new(file);
    !file.is_empty()
        && !file.contains('\\')
        && path.components().all(|c| matches!(c, Component::Normal(_)))
}
