use std::path::PathBuf;
use std::time::Duration;

use semver::Version;

use crate::PluginState;

/// What a hot reload did.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ReloadReport {
    /// The library file reloaded.
    pub library: PathBuf,
    /// The checksum of the build now running (`sha256:<hex>`).
    pub checksum: String,
    /// Every plugin of the library, in name order.
    pub plugins: Vec<ReloadedPlugin>,
    /// How long calls to the library's plugins were held: from locking the
    /// old instances (after any running call finished) to the new ones
    /// taking calls, state hand-over and hooks included.
    pub pause: Duration,
}

/// One plugin of a reloaded library.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ReloadedPlugin {
    /// The plugin's name.
    pub name: String,
    /// Its version in the build replaced.
    pub old_version: Version,
    /// Its version in the new build.
    pub new_version: Version,
    /// Its state now: as before the reload, except that a failed plugin
    /// comes back installed.
    pub state: PluginState,
    /// How many bytes of state its old instance handed to the new one; zero
    /// for a plugin without state or without an instance.
    pub state_bytes: usize,
}
