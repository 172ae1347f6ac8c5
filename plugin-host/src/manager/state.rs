use serde::Serialize;

/// Where a managed plugin is in its lifecycle.
///
/// ```text
/// discovered ──install──▶ installed ──activate──▶ active
///     ▲                      │  ▲                  │  ▲
///     └──────uninstall───────┘  └──(inactive)◀─deactivate
/// ```
///
/// Uninstalling returns a plugin to `Discovered`: it is still loaded and can
/// be installed again. A plugin that panicked is `Failed` and stays so.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum PluginState {
    /// Loaded and checked, not installed.
    Discovered,
    /// Installed, never activated since.
    Installed,
    /// Active.
    Active,
    /// Installed and deactivated.
    Inactive,
    /// Panicked (or broke the ABI) and is not called any more.
    Failed,
}

impl PluginState {
    /// Whether the plugin is installed (installed, active or inactive).
    pub fn is_installed(self) -> bool {
        matches!(
            self,
            PluginState::Installed | PluginState::Active | PluginState::Inactive
        )
    }
}

impl std::fmt::Display for PluginState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            PluginState::Discovered => "discovered (not installed)",
            PluginState::Installed => "installed",
            PluginState::Active => "active",
            PluginState::Inactive => "inactive",
            PluginState::Failed => "failed",
        })
    }
}
