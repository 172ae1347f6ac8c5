//! The plugin manager: lifecycle with rollback, validated configuration,
//! dependency order and persisted state, over the loader in the crate root.

pub(crate) mod config_check;
pub(crate) mod deps;
mod error;
mod hub_sync;
mod lifecycle;
mod managed;
mod persist;
mod placed;
mod reload;
mod restore_report;
mod state;
pub(crate) mod state_file;
mod update;
mod update_error;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use serde_json::Value;

use config_check::ConfigValidator;
pub use config_check::{ConfigError, HostConfig, HostConfigError, Violation};
use deps::Graph;
pub use deps::{DependencyError, DependencyTree, TreeStatus};
pub use error::ManagerError;
use managed::Managed;
pub use reload::{ReloadDependencyError, ReloadError, ReloadReport, ReloadStep, ReloadedPlugin};
pub use restore_report::{RestoreFailure, RestoreReport};
pub use state::PluginState;
pub use state_file::{
    ManagerState, PluginRecord, STATE_FORMAT, StateError, StateFile, checksum_file,
};
pub use update::{UpdateOptions, UpdateReport, UpdateSource};
pub use update_error::UpdateError;

use crate::{Host, Hub, Instance, PluginHandle, PluginInfo};

/// Drives plugins through their lifecycle as a whole: installs them with a
/// configuration checked against their schema, activates them after their
/// dependencies and deactivates them before, refuses what would break a
/// dependency or a conflict, rolls a failed activation back, and keeps the
/// installed set in a state file so a restarted host comes back to it.
///
/// ```no_run
/// use plugin_host::{Host, PluginManager};
///
/// let mut host = Host::new("1.0.0".parse().unwrap());
/// host.load_dir("plugins").unwrap();
/// let mut manager = PluginManager::new(host).with_state_file("state/plugins.json");
/// let report = manager.restore().unwrap();
/// for failure in &report.failed {
///     eprintln!("not restored: {failure}");
/// }
/// manager.install("storage", None).unwrap();
/// manager.activate("storage").unwrap();
/// ```
pub struct PluginManager {
    host: Host,
    plugins: BTreeMap<String, Managed>,
    state_file: Option<StateFile>,
    host_config: HostConfig,
    /// Library checksums already computed, so each file is read once; after
    /// a hot reload, the checksum of the build running.
    checksums: BTreeMap<std::path::PathBuf, String>,
    /// Saved records not (yet) brought back by `restore`; written back to
    /// the state file as they were, so that nothing saved is lost.
    unrestored: BTreeMap<String, PluginRecord>,
    /// Where hot reload copies libraries to load them; `None` for a
    /// directory in the system's temporary directory.
    reload_dir: Option<std::path::PathBuf>,
}

impl PluginManager {
    /// A manager over the plugins `host` has loaded (and loads later).
    pub fn new(host: Host) -> PluginManager {
        PluginManager {
            host,
            plugins: BTreeMap::new(),
            state_file: None,
            checksums: BTreeMap::new(),
            unrestored: BTreeMap::new(),
            host_config: HostConfig::default(),
            reload_dir: None,
        }
    }

    /// Keeps the installed plugins in `path`, written after every change.
    pub fn with_state_file(mut self, path: impl Into<std::path::PathBuf>) -> PluginManager {
        self.state_file = Some(StateFile::new(path));
        self
    }

    /// Takes plugins' configurations from the host's config file, used when
    /// a plugin is installed without an explicit configuration.
    pub fn with_host_config(mut self, config: HostConfig) -> PluginManager {
        self.host_config = config;
        self
    }

    /// The host underneath.
    pub fn host(&self) -> &Host {
        &self.host
    }

    /// The hub where the active plugins and the host meet: call their
    /// services, publish events, run hook points.
    pub fn hub(&self) -> &Arc<Hub> {
        self.host.hub()
    }

    /// The host underneath, to load more libraries.
    pub fn host_mut(&mut self) -> &mut Host {
        &mut self.host
    }

    /// Every plugin the host knows, with its state.
    pub fn plugins(&self) -> impl Iterator<Item = (&PluginInfo, PluginState)> {
        self.host.plugins().map(|info| {
            (
                info,
                self.state(&info.name).unwrap_or(PluginState::Discovered),
            )
        })
    }

    /// The state of plugin `name`, or `None` if the host has no such plugin.
    /// A plugin that panicked is failed, wherever the panic happened (in an
    /// event delivered to it, say).
    pub fn state(&self, name: &str) -> Option<PluginState> {
        self.host.plugin(name)?;
        if self.host.failure(name).is_some() {
            return Some(PluginState::Failed);
        }
        Some(
            self.plugins
                .get(name)
                .map_or(PluginState::Discovered, |m| m.state),
        )
    }

    /// The configuration plugin `name` runs with (completed with defaults),
    /// if it is installed.
    pub fn config(&self, name: &str) -> Option<&Value> {
        self.plugins
            .get(name)
            .filter(|m| m.state.is_installed())
            .map(|m| &m.config)
    }

    /// A handle to plugin `name`'s instance, if it is installed: clone it
    /// into other threads to call the plugin concurrently with the
    /// manager's own work, hot reloads included. Calls through it check the
    /// instance's phase (commands need an active plugin) but do not change
    /// the manager's state.
    pub fn handle(&self, name: &str) -> Option<Arc<PluginHandle>> {
        let managed = self.plugins.get(name)?;
        if !managed.state.is_installed() {
            return None;
        }
        managed.handle(name).ok().cloned()
    }

    /// Checks `config` against plugin `name`'s schema and returns it
    /// completed with defaults, without changing anything.
    ///
    /// # Errors
    ///
    /// [`ManagerError::Config`] listing every violation with its path, or the
    /// plugin's error while describing its schema.
    pub fn validate_config(
        &self,
        name: &str,
        config: Option<&Value>,
    ) -> Result<Value, ManagerError> {
        let schema = self.host.config_schema(name)?;
        let validator = ConfigValidator::new(name, &schema.schema)?;
        let given = config
            .or_else(|| self.host_config.plugins.get(name))
            .cloned()
            .unwrap_or(Value::Null);
        Ok(validator.check(&given)?)
    }

    /// The dependency tree of plugin `name`, as far as the installed plugins
    /// satisfy it.
    pub fn dependency_tree(&self, name: &str) -> DependencyTree {
        self.graph().tree(name)
    }

    fn graph(&self) -> Graph<'_> {
        Graph::new(
            self.plugins
                .iter()
                .filter(|(_, m)| m.state.is_installed())
                .filter_map(|(name, _)| self.host.plugin(name)),
        )
    }

    fn active_set(&self) -> BTreeSet<String> {
        self.plugins
            .iter()
            .filter(|(_, m)| m.state == PluginState::Active)
            .map(|(n, _)| n.clone())
            .collect()
    }

    fn managed_mut(&mut self, name: &str) -> Result<&mut Managed, ManagerError> {
        let state = self.state(name);
        self.plugins
            .get_mut(name)
            .ok_or_else(|| ManagerError::WrongState {
                plugin: name.to_owned(),
                state: state.unwrap_or(PluginState::Discovered),
                action: "used",
                hint: "install it first",
            })
    }

    fn expect_state(
        &self,
        name: &str,
        action: &'static str,
        allowed: &[PluginState],
    ) -> Result<(), ManagerError> {
        let state = self.state(name).ok_or_else(|| {
            ManagerError::Call(crate::CallError::unknown_plugin(
                name,
                self.host.plugins().map(|p| p.name.as_str()),
            ))
        })?;
        if allowed.contains(&state) {
            return Ok(());
        }
        let hint = match (state, action) {
            (PluginState::Failed, _) => "it failed earlier; load a fixed build",
            (PluginState::Discovered, _) => "install it first",
            (PluginState::Active, "activated") => "it is active already",
            (_, "installed") => "it is installed already",
            (_, "deactivated") => "it is not active",
            _ => "activate it first",
        };
        Err(ManagerError::WrongState {
            plugin: name.to_owned(),
            state,
            action,
            hint,
        })
    }

    /// Deactivates one active plugin; it counts as inactive even when its
    /// hook fails, whose error is returned. The hub stops routing to it
    /// before its hook runs.
    fn deactivate_one(&mut self, name: &str) -> Option<crate::CallError> {
        self.host.hub().unregister(name);
        let managed = self.plugins.get_mut(name)?;
        let result = managed
            .handle(name)
            .and_then(|h| h.with(Instance::deactivate));
        if managed.state == PluginState::Active {
            managed.state = PluginState::Inactive;
        }
        result.err().map(|e| self.note_failure(name, e))
    }

    /// Marks the plugin failed if the error is a panic or a broken plugin.
    fn note_failure(&mut self, name: &str, error: crate::CallError) -> crate::CallError {
        if matches!(
            error,
            crate::CallError::Panicked { .. } | crate::CallError::Failed { .. }
        ) {
            self.host.hub().unregister(name);
            match self.plugins.get_mut(name) {
                Some(managed) => managed.state = PluginState::Failed,
                None => {
                    self.plugins.insert(name.to_owned(), Managed::failed());
                }
            }
        }
        error
    }
}

impl std::fmt::Debug for PluginManager {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PluginManager")
            .field(
                "plugins",
                &self
                    .plugins
                    .iter()
                    .map(|(n, m)| (n, m.state))
                    .collect::<Vec<_>>(),
            )
            .finish_non_exhaustive()
    }
}
