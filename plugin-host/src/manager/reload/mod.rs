//! Hot reload: a library's new build takes over from the running one while
//! calls go on, with each plugin's state handed over, or nothing changes.

mod checks;
mod copy;
mod error;
mod handover;
mod report;

use std::path::{Path, PathBuf};
use std::sync::Arc;

pub use error::{ReloadDependencyError, ReloadError, ReloadStep};
pub use report::{ReloadReport, ReloadedPlugin};

use super::{ManagerError, PluginManager, PluginState};
use crate::{CallError, checksum_file};
use copy::LibraryCopy;
use handover::{HandoverError, Move, hand_over};

impl PluginManager {
    /// Makes private copies of reloaded libraries in `dir` (created when
    /// needed) instead of a directory of the system's temporary directory.
    /// The loader keeps each copy's file alive while the copy is mapped;
    /// its name is removed as soon as the copy is loaded (on Windows, where
    /// a loaded library cannot be removed, when the process has ended, by
    /// hand).
    pub fn with_reload_dir(mut self, dir: impl Into<PathBuf>) -> PluginManager {
        self.reload_dir = Some(dir.into());
        self
    }

    /// Loads the library at `path` from a private copy, checked as
    /// [`Host::load_library`](crate::Host::load_library) checks it, and
    /// returns its plugins' names. The plugins' source is `path`, and the
    /// file may later be rewritten in any way (even in place, which would
    /// corrupt a library mapped from it) and [reloaded](Self::reload).
    ///
    /// # Errors
    ///
    /// [`ReloadError::Copy`] or [`ReloadError::Load`].
    pub fn load_reloadable(&mut self, path: impl AsRef<Path>) -> Result<Vec<String>, ReloadError> {
        let origin = crate::library::absolute(path.as_ref());
        let copy = self.copy_library(&origin)?;
        let loaded = self.host.load_library_as(&copy.path, &origin);
        let checksum = copy.checksum.clone();
        copy.remove();
        let names = loaded.map_err(|source| ReloadError::Load {
            library: origin.clone(),
            source: Box::new(source),
        })?;
        self.checksums.insert(origin, checksum);
        Ok(names)
    }

    /// Reloads the library plugin `name` comes from, from its file, with
    /// every plugin in it, and returns what changed.
    ///
    /// The new build is loaded from a private copy and checked as any load
    /// is; it must hold the same plugins, accept each installed plugin's
    /// configuration (completed with the new defaults) and fit the active
    /// plugins' dependencies and conflicts. Then each installed plugin gets
    /// a new instance, assumed installed, and, while calls on the library's
    /// plugins wait, each old instance saves its state and is deactivated
    /// (dependents first), and each new one restores the state and is
    /// activated if the old one was (dependencies first). Calls then go to
    /// the new instances; a call that was running finishes on the old one.
    ///
    /// If any step fails, the old instances are activated again as they
    /// were, and the new build is dropped. A plugin that had failed has no
    /// state to hand over: it comes back installed, or discovered if it
    /// failed before it was installed. The old build stays mapped unless
    /// the host's [`UnloadPolicy`](crate::UnloadPolicy) lets it go once its
    /// last instance, call and output are gone.
    ///
    /// # Errors
    ///
    /// A [`ReloadError`] whose [`step`](ReloadError::step) says what failed.
    pub fn reload(&mut self, name: &str) -> Result<ReloadReport, ReloadError> {
        let origin = self.origin_of(name)?;
        self.reload_library(&origin)
    }

    /// Reloads plugin `name`'s library, as [`reload`](Self::reload) does, if
    /// its file's checksum differs from the running build's; `None` if not.
    ///
    /// # Errors
    ///
    /// As [`reload`](Self::reload); [`ReloadError::Copy`] if the file cannot
    /// be read.
    pub fn reload_if_changed(&mut self, name: &str) -> Result<Option<ReloadReport>, ReloadError> {
        let origin = self.origin_of(name)?;
        if !self.library_changed(&origin)? {
            return Ok(None);
        }
        self.reload_library(&origin).map(Some)
    }

    /// Reloads every library with an installed plugin (or loaded with
    /// [`load_reloadable`](Self::load_reloadable)) whose file's checksum
    /// differs from the running build's, in path order, and returns each
    /// one's outcome. One failing does not stop the others.
    pub fn reload_all_changed(&mut self) -> Vec<Result<ReloadReport, ReloadError>> {
        let mut outcomes = Vec::new();
        for origin in self.reloadable_libraries() {
            match self.library_changed(&origin) {
                Ok(false) => {}
                Ok(true) => outcomes.push(self.reload_library(&origin)),
                Err(error) => outcomes.push(Err(error)),
            }
        }
        outcomes
    }

    /// The library files whose running build's checksum the manager knows:
    /// those with an installed plugin or loaded with
    /// [`load_reloadable`](Self::load_reloadable), in path order.
    pub fn reloadable_libraries(&self) -> Vec<PathBuf> {
        let mut libraries: Vec<PathBuf> = self
            .host
            .plugins()
            .filter_map(|info| info.source.path())
            .filter(|path| self.checksums.contains_key(*path))
            .map(Path::to_path_buf)
            .collect();
        libraries.dedup();
        libraries.sort();
        libraries.dedup();
        libraries
    }

    fn origin_of(&self, name: &str) -> Result<PathBuf, ReloadError> {
        let info = self.host.plugin(name).ok_or_else(|| {
            ReloadError::Refused(Box::new(ManagerError::Call(CallError::unknown_plugin(
                name,
                self.host.plugins().map(|p| p.name.as_str()),
            ))))
        })?;
        info.source
            .path()
            .map(Path::to_path_buf)
            .ok_or_else(|| ReloadError::Static {
                plugin: name.to_owned(),
            })
    }

    fn library_changed(&self, origin: &Path) -> Result<bool, ReloadError> {
        let now = checksum_file(origin).map_err(|source| ReloadError::Copy {
            library: origin.to_path_buf(),
            dir: self.reload_dir(),
            source,
        })?;
        Ok(self.checksums.get(origin) != Some(&now))
    }

    fn reload_dir(&self) -> PathBuf {
        self.reload_dir.clone().unwrap_or_else(copy::default_dir)
    }

    fn copy_library(&self, origin: &Path) -> Result<LibraryCopy, ReloadError> {
        let dir = self.reload_dir();
        LibraryCopy::create(origin, &dir).map_err(|source| ReloadError::Copy {
            library: origin.to_path_buf(),
            dir,
            source,
        })
    }

    fn reload_library(&mut self, origin: &Path) -> Result<ReloadReport, ReloadError> {
        let running = self.host.plugins_from(origin);
        let copy = self.copy_library(origin)?;
        let staged = self.host.stage(&copy.path, origin);
        let checksum = copy.checksum.clone();
        copy.remove();
        let staged = staged.map_err(|source| ReloadError::Load {
            library: origin.to_path_buf(),
            source: Box::new(source),
        })?;
        self.check_same_plugins(&staged, &running)?;

        // Everything that may fail without touching an instance comes
        // first: configurations, dependencies, creating the new instances.
        let order = self.takedown_order(&staged, &running);
        let mut configs = Vec::new();
        for name in &order {
            if let Some(managed) = self.plugins.get(name)
                && managed.has_instance()
            {
                configs.push((
                    name.clone(),
                    self.check_new_config(&staged, name, &managed.config)?,
                ));
            }
        }
        self.check_new_dependencies(&staged)
            .map_err(|source| ReloadError::Dependencies {
                library: origin.to_path_buf(),
                source: Box::new(source),
            })?;
        let mut moves = Vec::with_capacity(configs.len());
        for (name, config) in &configs {
            let managed = &self.plugins[name];
            let step_error = |source| ReloadError::Step {
                library: origin.to_path_buf(),
                plugin: name.clone(),
                step: ReloadStep::Create,
                source: Box::new(source),
            };
            let handle = Arc::clone(managed.handle(name).map_err(step_error)?);
            let mut successor = self
                .host
                .instantiate_staged(&staged, name, config)
                .map_err(step_error)?;
            successor.assume_installed();
            moves.push(Move {
                name: name.clone(),
                handle,
                successor,
            });
        }

        let (moved, pause) =
            hand_over(moves).map_err(|e| self.after_failed_handover(origin, *e))?;

        let mut old_versions = Vec::new();
        for name in &running {
            if let Some(info) = self.host.plugin(name) {
                old_versions.push((name.clone(), info.version.clone()));
            }
        }
        self.host.commit(staged);
        self.checksums
            .insert(origin.to_path_buf(), checksum.clone());
        let mut state_bytes = std::collections::BTreeMap::new();
        for ((name, config), moved) in configs.into_iter().zip(moved) {
            state_bytes.insert(name.clone(), moved.state_bytes);
            if let Some(managed) = self.plugins.get_mut(&name) {
                managed.config = config;
                managed.checksum = Some(checksum.clone());
                if managed.state == PluginState::Failed {
                    managed.state = PluginState::Installed;
                }
            }
        }
        // A plugin that failed while it was being installed had no
        // instance to replace: with the new build it is simply discovered.
        self.plugins
            .retain(|name, m| !running.contains(name) || m.has_instance());
        // The hub routes to the same handles, which now lead to the new
        // build; registering again takes in what the build declares.
        for name in &running {
            if self.state(name) == Some(PluginState::Active)
                && let Some(handle) = self.handle(name)
                && let Err(error) = self.host.hub().register(&handle)
            {
                tracing::warn!(plugin = %name, "{error}; the hub keeps routing as it did for the previous build");
            }
        }

        let plugins = old_versions
            .into_iter()
            .map(|(name, old_version)| ReloadedPlugin {
                new_version: self
                    .host
                    .plugin(&name)
                    .map_or_else(|| old_version.clone(), |i| i.version.clone()),
                old_version,
                state: self.state(&name).unwrap_or(PluginState::Discovered),
                state_bytes: state_bytes.get(&name).copied().unwrap_or(0),
                name,
            })
            .collect();
        let report = ReloadReport {
            library: origin.to_path_buf(),
            checksum,
            plugins,
            pause,
        };
        self.persist().map_err(|source| ReloadError::Persisted {
            library: origin.to_path_buf(),
            source: Box::new(source),
        })?;
        tracing::info!(library = %origin.display(), "plugin library reloaded");
        Ok(report)
    }

    /// Brings the manager's states in line with what a failed hand-over
    /// left: an old instance that panicked is failed, one that could not be
    /// activated again is inactive.
    fn after_failed_handover(&mut self, origin: &Path, error: HandoverError) -> ReloadError {
        let HandoverError {
            plugin,
            step,
            source,
            on_old,
            not_reactivated,
        } = error;
        let source = Box::new(if on_old {
            self.note_failure(&plugin, source)
        } else {
            source
        });
        let mut refused = Vec::with_capacity(not_reactivated.len());
        for (name, error) in not_reactivated {
            if let Some(managed) = self.plugins.get_mut(&name)
                && managed.state == PluginState::Active
            {
                managed.state = PluginState::Inactive;
            }
            refused.push((name.clone(), self.note_failure(&name, error)));
        }
        // The states changed only if an old instance is now inactive or
        // failed; the state file must say so. If writing it fails too, the
        // reload's own failure is still the error to report.
        if let Err(e) = self.persist() {
            tracing::warn!("could not record the plugins' states after a failed reload: {e}");
        }
        let library = origin.to_path_buf();
        if refused.is_empty() {
            ReloadError::Step {
                library,
                plugin,
                step,
                source,
            }
        } else {
            ReloadError::Rollback {
                library,
                plugin,
                step,
                source,
                not_reactivated: refused,
            }
        }
    }
}
