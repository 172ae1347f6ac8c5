//! Dependency resolution over the installed plugins: the graph and its errors.

mod activation;
#[cfg(test)]
mod tests;
mod tree;

use std::collections::{BTreeMap, BTreeSet};

use semver::{Version, VersionReq};

use activation::ActivationWalk;
pub use tree::{DependencyTree, TreeStatus};

use crate::{Dependency, PluginInfo};

/// Why plugins cannot be activated, deactivated or uninstalled as asked.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DependencyError {
    /// A required dependency is not installed.
    #[error(
        "plugin '{plugin}' needs plugin '{dependency}' {requirement}, which is not installed; install {dependency} ({requirement}) first or make the dependency optional"
    )]
    Missing {
        /// The plugin that declares the dependency.
        plugin: String,
        /// The plugin it needs.
        dependency: String,
        /// The versions of it that will do.
        requirement: VersionReq,
    },

    /// A required dependency is installed, but not in a version that will do.
    #[error(
        "plugin '{plugin}' needs plugin '{dependency}' {requirement} but {dependency} {installed} is installed; install a version of {dependency} that matches {requirement}"
    )]
    VersionMismatch {
        /// The plugin that declares the dependency.
        plugin: String,
        /// The plugin it needs.
        dependency: String,
        /// The versions of it that will do.
        requirement: VersionReq,
        /// The version installed.
        installed: Version,
    },

    /// Plugins need each other in a cycle, so none of them can be activated
    /// first.
    #[error("{}", cycle_message(.members))]
    Cycle {
        /// The plugins in the cycle, each needing the next and the last
        /// needing the first, starting at the smallest name.
        members: Vec<String>,
    },

    /// A plugin cannot be active alongside a plugin that is active; either
    /// of the two may declare the conflict.
    #[error(
        "plugin '{plugin}' conflicts with plugin '{other}', which is active; deactivate {other} first"
    )]
    Conflict {
        /// The plugin about to be activated.
        plugin: String,
        /// The active plugin it conflicts with.
        other: String,
    },

    /// Active plugins need the plugin, directly or through other plugins.
    #[error(
        "plugin '{plugin}' is needed by the active {}; deactivate {} first, or ask for a cascade",
        named_plugins(.dependents),
        it_or_them(.dependents)
    )]
    ActiveDependents {
        /// The plugin to deactivate or uninstall.
        plugin: String,
        /// The active plugins that need it, in name order.
        dependents: Vec<String>,
    },
}

/// `'a'`, `'a' and 'b'`, `'a', 'b' and 'c'`.
fn quoted_list(names: &[String]) -> String {
    let quoted: Vec<String> = names.iter().map(|name| format!("'{name}'")).collect();
    match quoted.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
        None => String::new(),
    }
}

fn named_plugins(names: &[String]) -> String {
    let noun = if names.len() == 1 {
        "plugin"
    } else {
        "plugins"
    };
    format!("{noun} {}", quoted_list(names))
}

fn it_or_them(names: &[String]) -> &'static str {
    if names.len() == 1 { "it" } else { "them" }
}

fn cycle_message(members: &[String]) -> String {
    if let [only] = members {
        return format!("plugin '{only}' depends on itself; remove that dependency");
    }
    let path: Vec<&str> = members
        .iter()
        .chain(members.first())
        .map(String::as_str)
        .collect();
    format!(
        "{} depend on each other in a cycle ({}); remove one of these dependencies",
        named_plugins(members),
        path.join(" -> ")
    )
}

/// The installed plugins and their dependencies, by name.
#[derive(Debug, Clone)]
pub(crate) struct Graph<'a> {
    plugins: BTreeMap<&'a str, &'a PluginInfo>,
}

impl<'a> Graph<'a> {
    /// The graph of the `installed` plugins; a plugin outside it counts as
    /// not installed.
    pub(crate) fn new(installed: impl IntoIterator<Item = &'a PluginInfo>) -> Self {
        let plugins = installed
            .into_iter()
            .map(|info| (info.name.as_str(), info))
            .collect();
        Graph { plugins }
    }

    /// Plugins to activate so that `target` can be active, dependencies
    /// before the plugins that need them, `target` last, each once.
    ///
    /// A plugin's required dependencies come first (in name order), each
    /// checked to be installed in a matching version, then its optional
    /// ones (in name order). An optional dependency is included only when it
    /// can be activated: one that is not installed, does not match, needs
    /// something that is missing or mismatched, or would close a cycle is
    /// skipped, since the plugin works without it. An uninstalled `target`
    /// gives an empty order.
    ///
    /// # Errors
    ///
    /// [`DependencyError::Missing`] or [`DependencyError::VersionMismatch`]
    /// for a required dependency of any plugin reached, and
    /// [`DependencyError::Cycle`] for plugins that require each other.
    pub(crate) fn activation_order(&self, target: &str) -> Result<Vec<String>, DependencyError> {
        let Some(&info) = self.plugins.get(target) else {
            return Ok(Vec::new());
        };
        let mut walk = ActivationWalk::new(self);
        walk.visit(info)?;
        Ok(walk.into_order())
    }

    /// Checks the plugins in `incoming` (about to be activated, the target
    /// among them) against the plugins in `active`, with a conflict declared
    /// on either side counting.
    ///
    /// # Errors
    ///
    /// [`DependencyError::Conflict`] for the first conflict found, taking
    /// `incoming` in its order and `active` in name order.
    pub(crate) fn check_conflicts(
        &self,
        incoming: &[String],
        active: &BTreeSet<String>,
    ) -> Result<(), DependencyError> {
        for plugin in incoming {
            let clash = active.iter().find(|&other| {
                other != plugin
                    && (self.declares_conflict(plugin, other)
                        || self.declares_conflict(other, plugin))
            });
            if let Some(other) = clash {
                return Err(DependencyError::Conflict {
                    plugin: plugin.clone(),
                    other: other.clone(),
                });
            }
        }
        Ok(())
    }

    /// The plugins in `active` that need `target` through required
    /// dependencies, directly or through other active plugins, ordered so
    /// each comes before the plugins it needs: deactivating them in this
    /// order, then `target`, never leaves an active plugin without what it
    /// requires. Empty if none.
    pub(crate) fn active_dependents(&self, target: &str, active: &BTreeSet<String>) -> Vec<String> {
        let mut found: BTreeSet<&str> = BTreeSet::new();
        let mut needed = vec![target];
        while let Some(name) = needed.pop() {
            for dependent in active {
                let dependent = dependent.as_str();
                if dependent != target
                    && !found.contains(dependent)
                    && self.requires(dependent, name)
                {
                    found.insert(dependent);
                    needed.push(dependent);
                }
            }
        }

        let mut order = Vec::with_capacity(found.len());
        while let Some(&fallback) = found.first() {
            // A plugin may go once no plugin still to go requires it; among
            // active plugins a cycle should not exist, but if one does, name
            // order keeps the result complete and deterministic.
            let next = found
                .iter()
                .copied()
                .find(|&candidate| {
                    !found
                        .iter()
                        .any(|&other| other != candidate && self.requires(other, candidate))
                })
                .unwrap_or(fallback);
            found.remove(next);
            order.push(next.to_owned());
        }
        order
    }

    /// Refuses to deactivate or uninstall `target` while active plugins need
    /// it; see [`active_dependents`](Self::active_dependents).
    ///
    /// # Errors
    ///
    /// [`DependencyError::ActiveDependents`] naming those plugins in name
    /// order.
    pub(crate) fn refuse_if_needed(
        &self,
        target: &str,
        active: &BTreeSet<String>,
    ) -> Result<(), DependencyError> {
        let mut dependents = self.active_dependents(target, active);
        if dependents.is_empty() {
            return Ok(());
        }
        dependents.sort();
        Err(DependencyError::ActiveDependents {
            plugin: target.to_owned(),
            dependents,
        })
    }

    /// The installed plugin `dependency` names, if its version matches.
    fn resolve(
        &self,
        plugin: &PluginInfo,
        dependency: &Dependency,
    ) -> Result<&'a PluginInfo, DependencyError> {
        let Some(&info) = self.plugins.get(dependency.name.as_str()) else {
            return Err(DependencyError::Missing {
                plugin: plugin.name.clone(),
                dependency: dependency.name.clone(),
                requirement: dependency.requirement.clone(),
            });
        };
        if !dependency.requirement.matches(&info.version) {
            return Err(DependencyError::VersionMismatch {
                plugin: plugin.name.clone(),
                dependency: dependency.name.clone(),
                requirement: dependency.requirement.clone(),
                installed: info.version.clone(),
            });
        }
        Ok(info)
    }

    fn requires(&self, plugin: &str, dependency: &str) -> bool {
        self.plugins.get(plugin).is_some_and(|info| {
            info.dependencies
                .iter()
                .any(|d| !d.optional && d.name == dependency)
        })
    }

    fn declares_conflict(&self, plugin: &str, other: &str) -> bool {
        self.plugins
            .get(plugin)
            .is_some_and(|info| info.conflicts.iter().any(|name| name == other))
    }
}

/// Dependencies sorted by name; the sort is stable, so repeated names keep
/// their declared order.
fn by_name<'d>(dependencies: impl Iterator<Item = &'d Dependency>) -> Vec<&'d Dependency> {
    let mut sorted: Vec<&Dependency> = dependencies.collect();
    sorted.sort_by(|a, b| a.name.cmp(&b.name));
    sorted
}
