//! `plugin-package.toml`: what a package holds, as read from the library's
//! descriptors when it was packed.

use std::path::Path;

use semver::Version;
use serde::{Deserialize, Serialize};

use super::PackageError;
use super::hashing::is_checksum;
use super::platform::has_library_extension;
use crate::check_plugin_name;

/// The package format this version writes and reads.
pub const PACKAGE_FORMAT: u32 = 1;

/// The manifest's file name inside a package.
pub const MANIFEST_FILE: &str = "plugin-package.toml";

/// The most keywords a package has.
const MAX_KEYWORDS: usize = 16;

/// The longest keyword, in characters.
const MAX_KEYWORD_LEN: usize = 32;

/// What a package holds. Every field but the keywords comes from the
/// library itself: its plugins' descriptors, its file name, its checksum,
/// and the platform it was loaded on when it was packed.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct PackageManifest {
    /// The package format, [`PACKAGE_FORMAT`].
    pub format: u32,
    /// The package's name: its plugin's name, or for a library of several
    /// plugins the library's file name without prefix and extension.
    pub name: String,
    /// The package's version: its plugins' version.
    pub version: Version,
    /// What it does: its plugin's description, or for several plugins their
    /// descriptions joined.
    pub description: String,
    /// Words to find it by.
    pub keywords: Vec<String>,
    /// Its licence (an SPDX expression), or empty.
    pub license: String,
    /// The library's file name in the package.
    pub library: String,
    /// The target triple the library was built for.
    pub target: String,
    /// The library's checksum, `"sha256:<lowercase hex>"`.
    pub sha256: String,
    /// The library's size in bytes.
    pub size: u64,
    /// The plugins in the library.
    pub plugins: Vec<PackagedPlugin>,
}

/// One plugin of a package, as its descriptor describes it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct PackagedPlugin {
    /// The plugin's name.
    pub name: String,
    /// Its version.
    pub version: Version,
    /// What it does.
    pub description: String,
}

/// The manifest as it is written: versions as strings.
#[derive(Serialize, Deserialize)]
struct RawManifest {
    format: u32,
    name: String,
    version: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    keywords: Vec<String>,
    #[serde(default)]
    license: String,
    library: String,
    target: String,
    sha256: String,
    size: u64,
    plugins: Vec<RawPlugin>,
}

#[derive(Serialize, Deserialize)]
struct RawPlugin {
    name: String,
    version: String,
    #[serde(default)]
    description: String,
}

/// Only the format, read first so that a manifest of another format is
/// reported as such whatever the rest of it looks like.
#[derive(Deserialize)]
struct FormatProbe {
    format: u32,
}

impl PackageManifest {
    /// The manifest as TOML.
    pub fn to_toml(&self) -> String {
        let raw = RawManifest {
            format: self.format,
            name: self.name.clone(),
            version: self.version.to_string(),
            description: self.description.clone(),
            keywords: self.keywords.clone(),
            license: self.license.clone(),
            library: self.library.clone(),
            target: self.target.clone(),
            sha256: self.sha256.clone(),
            size: self.size,
            plugins: self
                .plugins
                .iter()
                .map(|p| RawPlugin {
                    name: p.name.clone(),
                    version: p.version.to_string(),
                    description: p.description.clone(),
                })
                .collect(),
        };
        // Every field is a string, a number or an array of tables of them,
        // which TOML always represents.
        toml::to_string(&raw).unwrap_or_default()
    }

    /// Reads and checks a manifest; `package` names the package in errors.
    pub(crate) fn parse(package: &Path, text: &str) -> Result<PackageManifest, PackageError> {
        let bad = |reason: String| PackageError::BadManifest {
            package: package.to_path_buf(),
            reason,
        };
        let probe: FormatProbe = toml::from_str(text).map_err(|e| bad(one_line(&e)))?;
        if probe.format != PACKAGE_FORMAT {
            return Err(PackageError::UnsupportedFormat {
                package: package.to_path_buf(),
                found: probe.format,
                supported: PACKAGE_FORMAT,
            });
        }
        let raw: RawManifest = toml::from_str(text).map_err(|e| bad(one_line(&e)))?;
        let version = |what: &str, text: &str| {
            Version::parse(text).map_err(|e| bad(format!("{what} '{text}' is not semver ({e})")))
        };
        check_plugin_name(&raw.name).map_err(|e| bad(format!("its name: {e}")))?;
        let manifest = PackageManifest {
            format: raw.format,
            version: version("its version", &raw.version)?,
            plugins: raw
                .plugins
                .iter()
                .map(|p| {
                    check_plugin_name(&p.name).map_err(|e| bad(format!("a plugin's name: {e}")))?;
                    Ok(PackagedPlugin {
                        name: p.name.clone(),
                        version: version(&format!("plugin '{}' has version", p.name), &p.version)?,
                        description: p.description.clone(),
                    })
                })
                .collect::<Result<_, PackageError>>()?,
            name: raw.name,
            description: raw.description,
            keywords: raw.keywords,
            license: raw.license,
            library: raw.library,
            target: raw.target,
            sha256: raw.sha256,
            size: raw.size,
        };
        manifest.check().map_err(bad)?;
        Ok(manifest)
    }

    /// The rules that hold between the fields.
    fn check(&self) -> Result<(), String> {
        if !is_plain_file_name(&self.library) || !has_library_extension(&self.library) {
            return Err(format!(
                "'{}' is not a library file name (a plain name ending in .so, .dylib or .dll)",
                self.library
            ));
        }
        if !is_checksum(&self.sha256) {
            return Err(format!(
                "sha256 '{}' is not \"sha256:\" followed by 64 lowercase hex digits",
                self.sha256
            ));
        }
        if self.target.is_empty() || self.target.contains(char::is_whitespace) {
            return Err(format!("target '{}' is not a target triple", self.target));
        }
        if self.plugins.is_empty() {
            return Err("it lists no plugins".to_owned());
        }
        if let [only] = self.plugins.as_slice()
            && only.name != self.name
        {
            return Err(format!(
                "the package is named '{}' but its one plugin is '{}'",
                self.name, only.name
            ));
        }
        if let Some(other) = self.plugins.iter().find(|p| p.version != self.version) {
            return Err(format!(
                "the package has version {} but plugin '{}' has {}",
                self.version, other.name, other.version
            ));
        }
        check_keywords(&self.keywords)
            .map_err(|(keyword, problem)| format!("keyword '{keyword}': {problem}"))
    }

    /// The file name a package of this manifest gets by default:
    /// `<name>-<version>-<target>.tar.gz`.
    pub fn file_name(&self) -> String {
        super::pack::file_name_for(&self.name, &self.version, &self.target)
    }

    /// Whether the package holds plugin `name`.
    pub fn holds(&self, name: &str) -> bool {
        self.plugins.iter().any(|p| p.name == name)
    }
}

/// Checks keywords against the rules; the offending one and its problem.
pub(crate) fn check_keywords(keywords: &[String]) -> Result<(), (String, &'static str)> {
    if keywords.len() > MAX_KEYWORDS {
        return Err((
            keywords[MAX_KEYWORDS].clone(),
            "there are too many keywords",
        ));
    }
    for keyword in keywords {
        let problem = if keyword.is_empty() {
            "it is empty"
        } else if keyword.chars().count() > MAX_KEYWORD_LEN {
            "it is too long"
        } else if keyword.chars().any(|c| c.is_whitespace() || c.is_control()) {
            "it contains whitespace or a control character"
        } else {
            continue;
        };
        return Err((keyword.clone(), problem));
    }
    Ok(())
}

/// Whether `name` is one path component that names a file in the directory
/// it is joined to: not empty, not `.` or `..`, no separators.
pub(crate) fn is_plain_file_name(name: &str) -> bool {
    !name.is_empty()
        && name != "."
        && name != ".."
        && !name.contains(['/', '\\', '\0'])
        && !name.contains(':')
}

/// A TOML error on one line.
fn one_line(error: &toml::de::Error) -> String {
    error
        .to_string()
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}
