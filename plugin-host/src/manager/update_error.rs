use std::path::PathBuf;

use semver::Version;

use super::{ConfigError, ManagerError};
use crate::PackageError;

/// Why an update was refused or failed. A refusal changed nothing; a
/// failure after the update began was rolled back: the old version runs as
/// before (active again if it was), the state file is as it was, and the new
/// library file is removed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum UpdateError {
    /// The plugin is linked into the host.
    #[error(
        "plugin '{plugin}' is linked statically into the host, so it cannot be updated from a library; rebuild the host with the new version"
    )]
    Static {
        /// The plugin.
        plugin: String,
    },

    /// The plugin's library holds other plugins too.
    #[error(
        "plugin '{plugin}' shares its library '{}' with {others}, so updating it alone would leave two libraries with the same plugins; an update replaces a library that holds one plugin",
        library.display()
    )]
    SharedLibrary {
        /// The plugin.
        plugin: String,
        /// Its library.
        library: PathBuf,
        /// The other plugins in it, comma-separated.
        others: String,
    },

    /// The new library or package does not hold the plugin.
    #[error(
        "{source_name} does not hold plugin '{plugin}' (it holds {found}); give a library or package of {plugin}, and nothing was changed"
    )]
    NotInLibrary {
        /// The plugin.
        plugin: String,
        /// The library or package, quoted.
        source_name: String,
        /// The plugins it holds, comma-separated.
        found: String,
    },

    /// The new library holds another plugin that is loaded already.
    #[error(
        "the new library of '{plugin}' also holds plugin '{other}', which is loaded already from {loaded_from}; nothing was changed: update from a library that holds only {plugin}"
    )]
    NameTaken {
        /// The plugin updated.
        plugin: String,
        /// The other plugin.
        other: String,
        /// Where the loaded one came from.
        loaded_from: String,
    },

    /// The offered version is not newer than the installed one.
    #[error(
        "plugin '{plugin}' {installed} is installed and the update offers {offered}, which is not newer; nothing was changed (force the update to install it anyway)"
    )]
    NotNewer {
        /// The plugin.
        plugin: String,
        /// The installed version.
        installed: Version,
        /// The version offered.
        offered: Version,
    },

    /// The new version's schema rejects the current configuration.
    #[error(
        "plugin '{plugin}' {version} does not accept the current configuration, so nothing was changed: {source}"
    )]
    ConfigRejected {
        /// The plugin.
        plugin: String,
        /// The version offered.
        version: Version,
        /// Every violation, with its path and rule.
        source: ConfigError,
    },

    /// The package could not be used.
    #[error(transparent)]
    Package(#[from] PackageError),

    /// The new library could not be copied into the plugin directory.
    #[error("could not {action} '{}' ({source}); nothing was changed", path.display())]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// What was being done.
        action: &'static str,
        /// The I/O error.
        source: std::io::Error,
    },

    /// A step of the update failed after it began; it was rolled back.
    #[error(
        "updating plugin '{plugin}' from {from} to {to} failed, so it was rolled back to {from}{}: {source}",
        if *active_again { " and is active again" } else { "" }
    )]
    RolledBack {
        /// The plugin.
        plugin: String,
        /// The version it runs again.
        from: Version,
        /// The version that failed.
        to: Version,
        /// Whether it was active before and is active again.
        active_again: bool,
        /// What failed.
        source: Box<ManagerError>,
    },

    /// A step failed, and so did bringing the old version back up.
    #[error(
        "updating plugin '{plugin}' from {from} to {to} failed ({source}), and the old version could not be activated again ({rollback}); the state file still records {from} active, so restarting the host brings it back"
    )]
    RollbackIncomplete {
        /// The plugin.
        plugin: String,
        /// The old version.
        from: Version,
        /// The version that failed.
        to: Version,
        /// What failed first.
        source: Box<ManagerError>,
        /// What failed while rolling back.
        rollback: Box<ManagerError>,
    },
}
