//! What a new build must satisfy before any instance is touched: the same
//! plugins, a schema the current configurations pass, and dependencies,
//! dependents and conflicts that hold among the active plugins.

use std::collections::BTreeSet;

use serde_json::Value;

use super::{ReloadDependencyError, ReloadError};
use crate::PluginInfo;
use crate::host::StagedLibrary;
use crate::manager::config_check::ConfigValidator;
use crate::manager::deps::Graph;
use crate::manager::{ManagerError, PluginManager};

impl PluginManager {
    /// Refuses a build whose plugins are not the running build's.
    pub(super) fn check_same_plugins(
        &self,
        staged: &StagedLibrary,
        running: &[String],
    ) -> Result<(), ReloadError> {
        let built: Vec<String> = staged.names().map(str::to_owned).collect();
        if built == running {
            return Ok(());
        }
        Err(ReloadError::PluginsChanged {
            library: staged.origin().to_path_buf(),
            running: running.to_vec(),
            built,
        })
    }

    /// Plugin `name`'s current configuration checked against the new
    /// build's schema and completed with its defaults.
    pub(super) fn check_new_config(
        &self,
        staged: &StagedLibrary,
        name: &str,
        config: &Value,
    ) -> Result<Value, ReloadError> {
        let config_error = |source: ManagerError| ReloadError::Config {
            plugin: name.to_owned(),
            source: Box::new(source),
        };
        let schema = staged
            .config_schema(name)
            .map_err(|e| config_error(e.into()))?;
        let validator =
            ConfigValidator::new(name, &schema.schema).map_err(|e| config_error(e.into()))?;
        validator.check(config).map_err(|e| config_error(e.into()))
    }

    /// Checks the new build against the active plugins: each of its active
    /// plugins must find what it requires active and in a matching version,
    /// each active plugin that requires one of them must accept its new
    /// version, and no conflict may arise.
    pub(super) fn check_new_dependencies(
        &self,
        staged: &StagedLibrary,
    ) -> Result<(), ReloadDependencyError> {
        let reloaded: BTreeSet<&str> = staged.names().collect();
        let info = |name: &str| -> Option<&PluginInfo> {
            if reloaded.contains(name) {
                staged.info(name)
            } else {
                self.host.plugin(name)
            }
        };
        let graph = Graph::new(
            self.plugins
                .iter()
                .filter(|(_, m)| m.state.is_installed())
                .filter_map(|(name, _)| info(name)),
        );
        let active = self.active_set();
        let active_reloaded: Vec<String> = active
            .iter()
            .filter(|name| reloaded.contains(name.as_str()))
            .cloned()
            .collect();
        for name in &active_reloaded {
            graph.activation_order(name)?;
            let Some(new) = staged.info(name) else {
                continue;
            };
            if let Some(missing) = new
                .dependencies
                .iter()
                .find(|d| !d.optional && !active.contains(&d.name))
            {
                return Err(ReloadDependencyError::Inactive {
                    plugin: name.clone(),
                    dependency: missing.name.clone(),
                });
            }
        }
        for name in active.iter().filter(|n| !reloaded.contains(n.as_str())) {
            let needs_reloaded = info(name).is_some_and(|i| {
                i.dependencies
                    .iter()
                    .any(|d| !d.optional && reloaded.contains(d.name.as_str()))
            });
            if needs_reloaded {
                graph.activation_order(name)?;
            }
        }
        graph.check_conflicts(&active_reloaded, &active)?;
        Ok(())
    }

    /// The plugins of a library ordered so that each comes before the
    /// plugins of the library it requires, in the old build or the new one;
    /// name order among the rest, and for a cycle.
    pub(super) fn takedown_order(&self, staged: &StagedLibrary, names: &[String]) -> Vec<String> {
        let requires = |plugin: &str, other: &str| {
            [self.host.plugin(plugin), staged.info(plugin)]
                .into_iter()
                .flatten()
                .any(|i| {
                    i.dependencies
                        .iter()
                        .any(|d| !d.optional && d.name == other)
                })
        };
        let mut left: Vec<&String> = names.iter().collect();
        let mut order = Vec::with_capacity(names.len());
        while !left.is_empty() {
            let next = left
                .iter()
                .position(|&candidate| {
                    !left
                        .iter()
                        .any(|&other| other != candidate && requires(other, candidate))
                })
                .unwrap_or(0);
            order.push(left.remove(next).clone());
        }
        order
    }
}
