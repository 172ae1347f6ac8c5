//! What `install` and `update` were given: a library file, a package file,
//! or a package name with an optional version requirement for the registry.

use std::path::{Path, PathBuf};

use plugin_host::Package;
use plugin_host::registry::{Registry, RegistryEntry};
use plugin_host::semver::VersionReq;

use crate::error::CliError;
use crate::progress::Display;

/// Where a library comes from.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Source {
    /// A library file.
    Library(PathBuf),
    /// A package file.
    Package(PathBuf),
    /// The newest version of a package in the registry that matches.
    Registry {
        /// The package's name.
        name: String,
        /// The versions that will do.
        requirement: VersionReq,
    },
}

impl Source {
    /// Reads an argument: an existing file is a package when it ends in
    /// `.tar.gz` or `.tgz` and a library otherwise; anything else must be
    /// NAME or NAME@REQ.
    pub(crate) fn parse(argument: &str) -> Result<Source, CliError> {
        let path = Path::new(argument);
        if path.is_file() {
            return Ok(
                if argument.ends_with(".tar.gz") || argument.ends_with(".tgz") {
                    Source::Package(path.to_path_buf())
                } else {
                    Source::Library(path.to_path_buf())
                },
            );
        }
        let (name, requirement) = match argument.split_once('@') {
            Some((name, requirement)) => (name, requirement),
            None => (argument, "*"),
        };
        if plugin_host::check_plugin_name(name).is_err() {
            return Err(CliError::NoSuchSource {
                argument: argument.to_owned(),
            });
        }
        let requirement =
            VersionReq::parse(requirement).map_err(|source| CliError::BadRequirement {
                argument: argument.to_owned(),
                source,
            })?;
        Ok(Source::Registry {
            name: name.to_owned(),
            requirement,
        })
    }
}

/// The registry given with --registry or PLUGCTL_REGISTRY.
pub(crate) fn registry(dir: Option<&Path>) -> Result<Registry, CliError> {
    let dir = dir.ok_or(CliError::NoRegistry)?;
    Ok(Registry::open(dir)?)
}

/// Resolves `name` and `requirement` in the registry and opens the package,
/// checking that its file is the one published.
pub(crate) fn from_registry(
    registry: &Registry,
    name: &str,
    requirement: &VersionReq,
    display: &mut Display,
) -> Result<(RegistryEntry, Package), CliError> {
    let entry = registry.resolve(name, requirement)?;
    display.note(&format!("verifying {} {}", entry.name, entry.version));
    let package = registry.open_package(&entry)?;
    Ok((entry, package))
}

/// Opens and checks a package file.
pub(crate) fn open_package(path: &Path, display: &mut Display) -> Result<Package, CliError> {
    Ok(Package::open_with(
        path,
        &plugin_host::package::Limits::default(),
        display,
    )?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_requirements_are_read_for_the_registry() {
        assert_eq!(
            Source::parse("greeter@^1.2").unwrap(),
            Source::Registry {
                name: "greeter".to_owned(),
                requirement: VersionReq::parse("^1.2").unwrap(),
            }
        );
        assert_eq!(
            Source::parse("greeter").unwrap(),
            Source::Registry {
                name: "greeter".to_owned(),
                requirement: VersionReq::STAR,
            }
        );
    }

    #[test]
    fn what_is_neither_a_file_nor_a_name_is_refused() {
        assert!(matches!(
            Source::parse("missing/libx.so"),
            Err(CliError::NoSuchSource { .. })
        ));
        assert!(matches!(
            Source::parse("greeter@not a req"),
            Err(CliError::BadRequirement { .. })
        ));
    }
}
