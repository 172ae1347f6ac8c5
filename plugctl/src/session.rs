//! The managed directory and the plugin manager over it, as every command
//! that works on installed plugins starts with them.

use std::path::{Path, PathBuf};

use plugin_host::semver::Version;
use plugin_host::{
    ChainStore, EnvStore, Environment, FileStore, Host, HostConfig, PluginInfo, PluginManager,
    PluginState,
};

use crate::error::CliError;

/// Where things live in the managed directory.
#[derive(Debug, Clone)]
pub(crate) struct Layout {
    /// The libraries `install` copied in.
    pub(crate) plugins: PathBuf,
    /// The manager's state file.
    pub(crate) state_file: PathBuf,
    /// The optional host config file.
    pub(crate) host_config: PathBuf,
    /// The credential file (mode 600), created by `credentials set`.
    pub(crate) credentials: PathBuf,
    /// Where each library in `plugins/` was installed from.
    pub(crate) sources: PathBuf,
}

impl Layout {
    /// The layout of the managed directory `dir`, made absolute so that the
    /// library paths recorded in the state file do not depend on the
    /// directory plugctl runs in.
    pub(crate) fn new(dir: &Path) -> Result<Layout, CliError> {
        let root = match dir.canonicalize() {
            Ok(root) => root,
            Err(_) => std::path::absolute(dir).map_err(CliError::io("find", dir))?,
        };
        Ok(Layout {
            plugins: root.join("plugins"),
            state_file: root.join("state.json"),
            host_config: root.join("host.toml"),
            credentials: root.join("credentials.toml"),
            sources: root.join("sources.json"),
        })
    }
}

/// A host for `app_version` in the development environment, as plugctl
/// runs plugins.
pub(crate) fn host(app_version: Version) -> Host {
    Host::builder(app_version)
        .environment(Environment::Development)
        .build()
}

/// The host over a managed directory: as [`host`], and offering plugins
/// their credentials from the environment first, then from the directory's
/// credential file.
fn managed_host(app_version: Version, layout: &Layout) -> Host {
    Host::builder(app_version)
        .environment(Environment::Development)
        .credentials(ChainStore::env_then_file(
            EnvStore::new(),
            FileStore::new(&layout.credentials),
        ))
        .build()
}

/// The plugin manager over a managed directory, with its state restored.
pub(crate) struct Session {
    /// The manager, after `restore`.
    pub(crate) manager: PluginManager,
    /// The managed directory.
    pub(crate) layout: Layout,
}

impl Session {
    /// Loads every library in `plugins/` (each refusal is pushed onto
    /// `warnings`), reads `host.toml` if there is one and restores the saved
    /// state.
    ///
    /// # Errors
    ///
    /// An unreadable plugin directory or host config, or an unreadable or
    /// corrupt state file. A plugin that cannot be restored is a warning:
    /// the manager keeps its saved record in the state file as it was.
    pub(crate) fn open(
        dir: &Path,
        app_version: Version,
        warnings: &mut Vec<String>,
    ) -> Result<Session, CliError> {
        let layout = Layout::new(dir)?;
        let mut host = managed_host(app_version, &layout);
        if layout.plugins.is_dir() {
            let report = host.load_dir(&layout.plugins)?;
            warnings.extend(report.refused.iter().map(ToString::to_string));
        }
        let mut manager = PluginManager::new(host).with_state_file(&layout.state_file);
        if layout.host_config.is_file() {
            manager = manager.with_host_config(HostConfig::read(&layout.host_config)?);
        }
        let report = manager.restore().map_err(|source| CliError::Restore {
            state_file: layout.state_file.clone(),
            source: Box::new(source),
        })?;
        warnings.extend(report.failed.iter().map(|failure| {
            format!(
                "{failure}; its saved state is kept (fix it and run `plugctl install {0}`, or drop it with `plugctl uninstall {0}`)",
                failure.plugin
            )
        }));
        Ok(Session { manager, layout })
    }

    /// The state of plugin `name`.
    ///
    /// # Errors
    ///
    /// [`CliError::UnknownPlugin`] listing the loaded plugins, or saying how
    /// to get one when there are none.
    pub(crate) fn state(&self, name: &str) -> Result<PluginState, CliError> {
        self.manager.state(name).ok_or_else(|| self.unknown(name))
    }

    /// Plugin `name`'s descriptor.
    ///
    /// # Errors
    ///
    /// As [`state`](Self::state).
    pub(crate) fn info(&self, name: &str) -> Result<&PluginInfo, CliError> {
        self.manager
            .host()
            .plugin(name)
            .ok_or_else(|| self.unknown(name))
    }

    /// Every loaded plugin, by name.
    pub(crate) fn plugins(&self) -> impl Iterator<Item = &PluginInfo> {
        self.manager.host().plugins()
    }

    /// The names of the plugins whose state passes `wanted`, in name order.
    pub(crate) fn names_where(&self, wanted: impl Fn(PluginState) -> bool) -> Vec<String> {
        self.manager
            .plugins()
            .filter(|&(_, state)| wanted(state))
            .map(|(info, _)| info.name.clone())
            .collect()
    }

    /// The refusal for an unknown plugin, worded for the command line: with
    /// nothing loaded it says which plugctl command gets a plugin.
    fn unknown(&self, name: &str) -> CliError {
        let names: Vec<&str> = self.plugins().map(|p| p.name.as_str()).collect();
        let known = if names.is_empty() {
            "there are no plugins at all; install one with `plugctl install <LIBRARY>`".to_owned()
        } else {
            format!("the loaded plugins are: {}", names.join(", "))
        };
        CliError::UnknownPlugin {
            name: name.to_owned(),
            known,
        }
    }
}
