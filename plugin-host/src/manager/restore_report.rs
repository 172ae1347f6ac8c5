use super::ManagerError;

/// What [`PluginManager::restore`](super::PluginManager::restore) brought
/// back, and what it could not.
///
/// A plugin that could not be restored keeps its record in the state file,
/// exactly as it was saved, until it is installed again or
/// [`forget`](super::PluginManager::forget)ten.
#[derive(Debug, Default)]
#[non_exhaustive]
pub struct RestoreReport {
    /// The plugins installed again, in name order.
    pub installed: Vec<String>,
    /// The plugins activated again, in the order they were activated.
    pub activated: Vec<String>,
    /// The plugins that could not be brought back (or not activated), and
    /// why.
    pub failed: Vec<RestoreFailure>,
}

impl RestoreReport {
    /// Whether everything saved came back as it was.
    pub fn is_complete(&self) -> bool {
        self.failed.is_empty()
    }
}

/// One plugin [`PluginManager::restore`](super::PluginManager::restore)
/// could not bring back as it was saved.
#[derive(Debug, thiserror::Error)]
#[error("plugin '{plugin}' was not restored: {error}")]
#[non_exhaustive]
pub struct RestoreFailure {
    /// The plugin.
    pub plugin: String,
    /// Why.
    pub error: ManagerError,
}
