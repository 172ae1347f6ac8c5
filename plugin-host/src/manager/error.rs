use super::{ConfigError, DependencyError, PluginState, StateError, UpdateError};
use crate::{CallError, HubError, LoadError};

/// Why the plugin manager refused or failed an operation. Nothing is left
/// half-done: a refused operation changed nothing, and a failed activation
/// has been rolled back.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ManagerError {
    /// The dependencies or conflicts do not allow it.
    #[error(transparent)]
    Dependency(#[from] DependencyError),

    /// A configuration breaks the plugin's schema.
    #[error(transparent)]
    Config(#[from] ConfigError),

    /// The persisted state could not be read or written.
    #[error(transparent)]
    State(#[from] StateError),

    /// A library could not be loaded.
    #[error(transparent)]
    Load(#[from] LoadError),

    /// A plugin's hook or command failed.
    #[error(transparent)]
    Call(#[from] CallError),

    /// The hub refused a plugin: it provides a service that the host or an
    /// active plugin provides already.
    #[error(transparent)]
    Hub(#[from] HubError),

    /// Activating a plugin failed part-way; what had been activated for it was
    /// deactivated again.
    #[error(
        "{source}; so plugin '{target}' was not activated{}",
        rolled_back_text(rolled_back)
    )]
    ActivationFailed {
        /// The plugin asked for.
        target: String,
        /// The plugins activated for it and then deactivated again, in that order.
        rolled_back: Vec<String>,
        /// What failed.
        source: Box<CallError>,
    },

    /// The plugin is not in a state where this is possible.
    #[error("plugin '{plugin}' is {state}, so it cannot be {action}: {hint}")]
    WrongState {
        /// The plugin.
        plugin: String,
        /// Its state.
        state: PluginState,
        /// What was asked, as a past participle ("installed", "activated").
        action: &'static str,
        /// What to do instead.
        hint: &'static str,
    },

    /// An update was refused, or failed and was rolled back. Boxed: it is
    /// much larger than the other variants and rarely made.
    #[error(transparent)]
    Update(Box<UpdateError>),

    /// A persisted plugin's library is not the one that was installed.
    #[error(
        "plugin '{plugin}' was installed from '{}' with checksum {expected}, but that file now has checksum {found}; reinstall the plugin to accept the new file",
        library.display()
    )]
    ChecksumMismatch {
        /// The plugin.
        plugin: String,
        /// Its library.
        library: std::path::PathBuf,
        /// The checksum recorded at installation.
        expected: String,
        /// The file's checksum now.
        found: String,
    },
}

impl From<UpdateError> for ManagerError {
    fn from(error: UpdateError) -> Self {
        ManagerError::Update(Box::new(error))
    }
}

fn rolled_back_text(rolled_back: &[String]) -> String {
    if rolled_back.is_empty() {
        String::new()
    } else {
        format!(" (deactivated again: {})", rolled_back.join(", "))
    }
}
