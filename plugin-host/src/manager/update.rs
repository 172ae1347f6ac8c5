//! Updating an installed plugin to another build of it, with automatic
//! rollback.
//!
//! There is no upgrade hook: the ABI has none, and the new version needs
//! none to start. It is created with the current configuration (checked
//! against its own schema and completed with its defaults) through `new`,
//! as every instance is, and not installed again, as on a restore: whatever
//! it keeps across versions it reads in `new` or `activate`.

use std::path::{Path, PathBuf};

use semver::Version;
use serde_json::Value;

use super::config_check::ConfigValidator;
use super::placed::PlacedLibrary;
use super::{Managed, ManagerError, PluginManager, PluginState, UpdateError};
use crate::host::{StagedLibrary, Swapped};
use crate::{Package, Progress, Step};

/// Where the new version of a plugin comes from.
#[derive(Debug, Clone)]
#[allow(
    clippy::large_enum_variant,
    reason = "made once per update and passed by reference; a box would only add an allocation"
)]
pub enum UpdateSource {
    /// A library file, copied into the plugin directory.
    Library(PathBuf),
    /// An opened package, whose library is extracted into the plugin
    /// directory after its platform and checksum are checked.
    Package(Package),
}

/// How an update may proceed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct UpdateOptions {
    /// Allow a version that is not newer than the installed one.
    pub force: bool,
    /// Deactivate the active plugins that need the plugin, and activate
    /// them again afterwards; without it their presence is a refusal.
    pub cascade: bool,
}

/// What an update did.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct UpdateReport {
    /// The plugin.
    pub plugin: String,
    /// The version it had.
    pub from: Version,
    /// The version it has now.
    pub to: Version,
    /// The new library, in the plugin directory.
    pub library: PathBuf,
    /// The library it came from before.
    pub previous_library: PathBuf,
    /// Whether the previous library was removed: it is when it lay in the
    /// plugin directory and could be removed.
    pub removed_previous: bool,
    /// The plugins activated again, in order (the plugin and, with a
    /// cascade, the plugins that need it); empty if it was not active.
    pub reactivated: Vec<String>,
    /// The configuration it runs with, completed with the new defaults.
    pub config: Value,
}

/// What has been changed so far, to undo it.
#[derive(Default)]
struct Undo {
    /// The plugins deactivated for the update, dependents first.
    taken_down: Vec<String>,
    swapped: Option<Swapped>,
    old: Option<Managed>,
}

/// What the update checked before changing anything.
struct Checked {
    staged: StagedLibrary,
    from: Version,
    to: Version,
    config: Value,
    previous_library: PathBuf,
}

impl PluginManager {
    /// Updates installed plugin `name` to the build in `source`, placing the
    /// new library in `plugins_dir`; see
    /// [`update_with_progress`](Self::update_with_progress).
    ///
    /// # Errors
    ///
    /// As [`update_with_progress`](Self::update_with_progress).
    pub fn update(
        &mut self,
        name: &str,
        source: &UpdateSource,
        plugins_dir: &Path,
        options: UpdateOptions,
    ) -> Result<UpdateReport, ManagerError> {
        self.update_with_progress(name, source, plugins_dir, options, &mut ())
    }

    /// Updates installed plugin `name` to the build in `source`.
    ///
    /// Before anything changes: the new library is put in `plugins_dir`
    /// under a name of its own (the old one stays mapped where it is),
    /// loaded and checked; it must hold `name` and no other plugin the host
    /// has loaded; its version must be newer unless `options.force`; and
    /// its configuration schema must accept the current configuration,
    /// which is completed with the new defaults. Then the old version is
    /// deactivated if it is active (the active plugins that need it first,
    /// with `options.cascade`; without, they are a refusal), the new one
    /// takes its place with an instance made with that configuration,
    /// marked installed without running `install` again, and everything
    /// deactivated is activated again, which checks the new version's
    /// dependencies and conflicts. Last the state file is written, and the
    /// old library is removed if it lay in `plugins_dir`.
    ///
    /// If any step after the first change fails, the update is rolled
    /// back: the new instance is destroyed, the old version is registered
    /// again and activated again if it was active (with the plugins that
    /// were deactivated for it), the state file is left as it was, and the
    /// new library file is removed.
    ///
    /// A plugin that is installed or inactive stays so, as a new instance
    /// that was never activated: its state becomes `installed`.
    ///
    /// # Errors
    ///
    /// [`ManagerError::WrongState`] unless the plugin is installed;
    /// [`ManagerError::Dependency`] for active dependents without a cascade;
    /// [`ManagerError::Load`] for a library the loader refuses;
    /// [`ManagerError::Update`] with [`UpdateError::Static`],
    /// [`UpdateError::SharedLibrary`], [`UpdateError::NotInLibrary`],
    /// [`UpdateError::NameTaken`], [`UpdateError::NotNewer`],
    /// [`UpdateError::ConfigRejected`], [`UpdateError::Package`] or
    /// [`UpdateError::Io`] for refusals (nothing changed), and
    /// [`UpdateError::RolledBack`] or, if the old version could not be
    /// activated again, [`UpdateError::RollbackIncomplete`] for failures.
    pub fn update_with_progress(
        &mut self,
        name: &str,
        source: &UpdateSource,
        plugins_dir: &Path,
        options: UpdateOptions,
        progress: &mut dyn Progress,
    ) -> Result<UpdateReport, ManagerError> {
        self.check_updatable(name)?;
        let was_active = self.state(name) == Some(PluginState::Active);
        let taken_down = if was_active {
            self.take_down_order(name, options.cascade)?
        } else {
            Vec::new()
        };
        let placed = self.place(name, source, plugins_dir, progress)?;
        let checked = self.check_update(name, &placed, options, progress)?;
        let Checked {
            staged,
            from,
            to,
            config,
            previous_library,
        } = checked;

        // Every change from here on is in memory only until the end: the
        // state file is held back, so activations inside the update (and
        // inside a rollback) do not write it.
        let state_file = self.state_file.take();
        let mut undo = Undo {
            taken_down,
            ..Undo::default()
        };
        let result = self.apply(name, staged, &config, &placed.checksum, &mut undo, progress);
        self.state_file = state_file;
        let result = result.and_then(|reactivated| self.persist().map(|()| reactivated));
        let reactivated = match result {
            Ok(reactivated) => reactivated,
            Err(error) => {
                let held = self.state_file.take();
                let rollback = self.roll_back(name, undo, was_active);
                self.state_file = held;
                if matches!(error, ManagerError::State(_)) {
                    // The save failed, but may have got as far as putting the
                    // new state in place; the restored state must win.
                    let _ = self.persist();
                }
                return Err(self.rollback_error(name, from, to, was_active, error, rollback));
            }
        };

        self.checksums.remove(&previous_library);
        let removed_previous = remove_if_inside(&previous_library, plugins_dir);
        let library = placed.path.clone();
        placed.keep();
        Ok(UpdateReport {
            plugin: name.to_owned(),
            from,
            to,
            library,
            previous_library,
            removed_previous,
            reactivated,
            config,
        })
    }

    /// Refuses a plugin that is not installed, is linked statically, or
    /// shares its library with other plugins.
    fn check_updatable(&self, name: &str) -> Result<(), ManagerError> {
        self.expect_state(
            name,
            "updated",
            &[
                PluginState::Installed,
                PluginState::Active,
                PluginState::Inactive,
            ],
        )?;
        let old = self.host.plugin(name).map(|p| p.source.path());
        let Some(Some(old_library)) = old else {
            return Err(UpdateError::Static {
                plugin: name.to_owned(),
            }
            .into());
        };
        let others: Vec<&str> = self
            .host
            .plugins()
            .filter(|p| p.name != name && p.source.path() == Some(old_library))
            .map(|p| p.name.as_str())
            .collect();
        if !others.is_empty() {
            return Err(UpdateError::SharedLibrary {
                plugin: name.to_owned(),
                library: old_library.to_path_buf(),
                others: others.join(", "),
            }
            .into());
        }
        Ok(())
    }

    /// Puts the new library in the plugin directory.
    fn place(
        &self,
        name: &str,
        source: &UpdateSource,
        plugins_dir: &Path,
        progress: &mut dyn Progress,
    ) -> Result<PlacedLibrary, ManagerError> {
        let placed = match source {
            UpdateSource::Library(path) => PlacedLibrary::copy(path, plugins_dir, progress)?,
            UpdateSource::Package(package) => {
                let manifest = package.manifest();
                if !manifest.holds(name) {
                    return Err(UpdateError::NotInLibrary {
                        plugin: name.to_owned(),
                        source_name: format!("package '{}'", package.path().display()),
                        found: plugin_names(manifest.plugins.iter().map(|p| p.name.as_str())),
                    }
                    .into());
                }
                PlacedLibrary::extract(package, plugins_dir, progress)?
            }
        };
        Ok(placed)
    }

    /// Loads the placed library and checks it against the installed plugin.
    fn check_update(
        &self,
        name: &str,
        placed: &PlacedLibrary,
        options: UpdateOptions,
        progress: &mut dyn Progress,
    ) -> Result<Checked, ManagerError> {
        progress.step(Step::Loading, None);
        let staged = self.host.stage_library(&placed.path)?;
        let Some(new) = staged.plugins.get(name) else {
            return Err(UpdateError::NotInLibrary {
                plugin: name.to_owned(),
                source_name: format!("'{}'", placed.path.display()),
                found: plugin_names(staged.names()),
            }
            .into());
        };
        if let Some(other) = staged
            .plugins
            .values()
            .find(|p| p.info.name != name && self.host.plugin(&p.info.name).is_some())
        {
            let loaded_from = self
                .host
                .plugin(&other.info.name)
                .map(|p| p.source.to_string())
                .unwrap_or_default();
            return Err(UpdateError::NameTaken {
                plugin: name.to_owned(),
                other: other.info.name.clone(),
                loaded_from,
            }
            .into());
        }
        let old = self
            .host
            .plugin(name)
            .expect("place() checked that the plugin is loaded");
        let (from, to) = (old.version.clone(), new.info.version.clone());
        if to <= from && !options.force {
            return Err(UpdateError::NotNewer {
                plugin: name.to_owned(),
                installed: from,
                offered: to,
            }
            .into());
        }
        let current = self
            .plugins
            .get(name)
            .map_or(Value::Null, |m| m.config.clone());
        let schema = new.config_schema()?;
        let config = ConfigValidator::new(name, &schema.schema)
            .and_then(|validator| validator.check(&current))
            .map_err(|source| UpdateError::ConfigRejected {
                plugin: name.to_owned(),
                version: to.clone(),
                source,
            })?;
        let previous_library = old
            .source
            .path()
            .expect("place() refused static plugins")
            .to_path_buf();
        Ok(Checked {
            staged,
            from,
            to,
            config,
            previous_library,
        })
    }

    /// Makes the change, recording in `undo` what it changed; returns the
    /// plugins activated again.
    fn apply(
        &mut self,
        name: &str,
        staged: StagedLibrary,
        config: &Value,
        checksum: &str,
        undo: &mut Undo,
        progress: &mut dyn Progress,
    ) -> Result<Vec<String>, ManagerError> {
        for plugin in &undo.taken_down {
            // The old instance counts as inactive even when its hook fails;
            // the update goes on, since the instance is being replaced.
            if let Some(error) = self.deactivate_one(plugin) {
                tracing::warn!(plugin = %plugin, "deactivating for an update: {error}");
            }
        }
        undo.swapped = Some(self.host.swap_in(staged, name));
        let mut instance = self.host.instantiate(name, Some(config))?;
        instance.assume_installed();
        let new = Managed::installed(instance, config.clone(), Some(checksum.to_owned()));
        undo.old = self.plugins.insert(name.to_owned(), new);

        let mut reactivated = Vec::new();
        if !undo.taken_down.is_empty() {
            progress.step(Step::Activating, None);
        }
        for plugin in undo.taken_down.iter().rev() {
            if self.state(plugin) != Some(PluginState::Active) {
                reactivated.extend(self.activate(plugin)?);
            }
        }
        Ok(reactivated)
    }

    /// Undoes what `apply` did; the first error of activating the old
    /// plugins again, if any.
    fn roll_back(&mut self, name: &str, undo: Undo, was_active: bool) -> Option<ManagerError> {
        for plugin in &undo.taken_down {
            if self.state(plugin) == Some(PluginState::Active) {
                self.deactivate_one(plugin);
            }
        }
        if let Some(old) = undo.old {
            // Dropping the new entry destroys the new instance.
            self.plugins.insert(name.to_owned(), old);
        }
        if let Some(swapped) = undo.swapped {
            self.host.swap_back(swapped);
        }
        if !was_active {
            return None;
        }
        let mut first_error = None;
        for plugin in undo.taken_down.iter().rev() {
            if self.state(plugin) != Some(PluginState::Active)
                && let Err(error) = self.activate(plugin)
            {
                first_error.get_or_insert(error);
            }
        }
        first_error
    }

    fn rollback_error(
        &self,
        name: &str,
        from: Version,
        to: Version,
        was_active: bool,
        error: ManagerError,
        rollback: Option<ManagerError>,
    ) -> ManagerError {
        match rollback {
            None => UpdateError::RolledBack {
                plugin: name.to_owned(),
                from,
                to,
                active_again: was_active,
                source: Box::new(error),
            },
            Some(rollback) => UpdateError::RollbackIncomplete {
                plugin: name.to_owned(),
                from,
                to,
                source: Box::new(error),
                rollback: Box::new(rollback),
            },
        }
        .into()
    }
}

/// Removes `library` if it lies in `dir`; whether it did.
fn remove_if_inside(library: &Path, dir: &Path) -> bool {
    let inside = match (library.parent().map(Path::canonicalize), dir.canonicalize()) {
        (Some(Ok(parent)), Ok(dir)) => parent == dir,
        _ => false,
    };
    if !inside {
        return false;
    }
    match std::fs::remove_file(library) {
        Ok(()) => true,
        Err(e) => {
            tracing::warn!(path = %library.display(), "could not remove the library an update replaced: {e}");
            false
        }
    }
}

fn plugin_names<'a>(names: impl Iterator<Item = &'a str>) -> String {
    let names: Vec<&str> = names.collect();
    if names.is_empty() {
        "no plugins".to_owned()
    } else {
        format!("plugins {}", names.join(", "))
    }
}
