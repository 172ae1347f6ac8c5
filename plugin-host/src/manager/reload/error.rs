use std::path::PathBuf;

use crate::{CallError, LoadError, ManagerError};

/// The step of a hot reload that failed; see [`ReloadError::step`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ReloadStep {
    /// Checking that the plugin can be reloaded at all (known, loaded from
    /// a file, in a state that allows it).
    Check,
    /// Copying the library file to the private path it is loaded from.
    Copy,
    /// Loading the new build and checking it as any load is checked.
    Load,
    /// Checking that the new build holds the same plugins.
    Plugins,
    /// Checking the current configuration against the new build's schema.
    Config,
    /// Checking the new build's dependencies, dependents and conflicts
    /// against the active plugins.
    Dependencies,
    /// Creating the new instance.
    Create,
    /// The old instance's `save_state`.
    SaveState,
    /// The old instance's `deactivate`.
    Deactivate,
    /// The new instance's `restore_state`.
    RestoreState,
    /// The new instance's `activate`.
    Activate,
    /// Writing the state file after the swap.
    Persist,
}

impl std::fmt::Display for ReloadStep {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            ReloadStep::Check => "checking the plugin",
            ReloadStep::Copy => "copying the library",
            ReloadStep::Load => "loading the new build",
            ReloadStep::Plugins => "comparing the plugins",
            ReloadStep::Config => "checking the configuration",
            ReloadStep::Dependencies => "checking dependencies",
            ReloadStep::Create => "creating the new instance",
            ReloadStep::SaveState => "saving the old instance's state",
            ReloadStep::Deactivate => "deactivating the old instance",
            ReloadStep::RestoreState => "restoring the state into the new instance",
            ReloadStep::Activate => "activating the new instance",
            ReloadStep::Persist => "writing the state file",
        })
    }
}

/// Why a hot reload failed. Apart from [`Persisted`](Self::Persisted), a
/// failed reload changed nothing: the old build's instances run on, active
/// if they were (see [`Rollback`](Self::Rollback) for the one exception), and
/// the new build is dropped.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ReloadError {
    /// The host has no plugin of that name.
    #[error(transparent)]
    Refused(Box<ManagerError>),

    /// The plugin is linked into the host binary.
    #[error(
        "plugin '{plugin}' is linked statically into the host; only plugins loaded from a library file can be reloaded"
    )]
    Static {
        /// The plugin.
        plugin: String,
    },

    /// The library file could not be copied to the path it is loaded from.
    #[error(
        "could not copy '{}' into '{}' to load it ({source}); check that the file exists and the directory can be written; the old build keeps running",
        library.display(),
        dir.display()
    )]
    Copy {
        /// The library file.
        library: PathBuf,
        /// Where copies go ([`PluginManager::with_reload_dir`](crate::PluginManager::with_reload_dir)).
        dir: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },

    /// The new build was refused as any load would refuse it.
    #[error("the new build of '{}' was refused: {source}; the old build keeps running", library.display())]
    Load {
        /// The library file.
        library: PathBuf,
        /// Why it was refused.
        source: Box<LoadError>,
    },

    /// The new build does not hold the same plugins as the running one.
    #[error(
        "the new build of '{}' holds the plugins [{}] but the running build holds [{}]; a reload keeps a library's plugins, so restart the host (or uninstall them and install the new build) to change them; the old build keeps running",
        library.display(),
        built.join(", "),
        running.join(", ")
    )]
    PluginsChanged {
        /// The library file.
        library: PathBuf,
        /// The plugins of the running build.
        running: Vec<String>,
        /// The plugins of the new build.
        built: Vec<String>,
    },

    /// The new build does not accept the plugin's current configuration, or
    /// could not describe its schema.
    #[error(
        "the new build of plugin '{plugin}' cannot take its current configuration: {source}; change the configuration (or the new build) and reload again; the old build keeps running"
    )]
    Config {
        /// The plugin.
        plugin: String,
        /// The violations, or the plugin's error while describing its schema.
        source: Box<ManagerError>,
    },

    /// The new build's dependencies, its dependents' requirements or its
    /// conflicts do not hold among the active plugins.
    #[error("the new build of '{}' does not fit the active plugins: {source}; the old build keeps running", library.display())]
    Dependencies {
        /// The library file.
        library: PathBuf,
        /// What does not hold.
        source: Box<ReloadDependencyError>,
    },

    /// A step of creating the new instances or handing over to them failed
    /// and was rolled back: the old instances run on as they were.
    #[error(
        "reloading '{}' failed while {step} of plugin '{plugin}': {source}; rolled back, the old build keeps running",
        library.display()
    )]
    Step {
        /// The library file.
        library: PathBuf,
        /// The plugin whose step failed.
        plugin: String,
        /// The step.
        step: ReloadStep,
        /// The plugin's error.
        source: Box<CallError>,
    },

    /// As [`Step`](Self::Step), but putting an old instance back failed as
    /// well: the plugins named in `not_reactivated` are inactive now (or
    /// failed, after a panic).
    #[error(
        "reloading '{}' failed while {step} of plugin '{plugin}': {source}; the old build keeps running, but re-activating {} failed too, so {} inactive now: activate {} again",
        library.display(),
        quoted(not_reactivated),
        if not_reactivated.len() == 1 { "it is" } else { "they are" },
        if not_reactivated.len() == 1 { "it" } else { "them" }
    )]
    Rollback {
        /// The library file.
        library: PathBuf,
        /// The plugin whose step failed.
        plugin: String,
        /// The step.
        step: ReloadStep,
        /// The plugin's error.
        source: Box<CallError>,
        /// The old instances that could not be activated again, with why.
        not_reactivated: Vec<(String, CallError)>,
    },

    /// The new build runs, but the state file could not be written; it
    /// still names the old build, whose checksum no longer matches the file.
    #[error(
        "'{}' was reloaded, but the state file could not be written: {source}; fix that and reload again, or the next start refuses the changed library",
        library.display()
    )]
    Persisted {
        /// The library file.
        library: PathBuf,
        /// Why the state file could not be written.
        source: Box<ManagerError>,
    },
}

impl ReloadError {
    /// The step that failed.
    pub fn step(&self) -> ReloadStep {
        match self {
            ReloadError::Refused(_) | ReloadError::Static { .. } => ReloadStep::Check,
            ReloadError::Copy { .. } => ReloadStep::Copy,
            ReloadError::Load { .. } => ReloadStep::Load,
            ReloadError::PluginsChanged { .. } => ReloadStep::Plugins,
            ReloadError::Config { .. } => ReloadStep::Config,
            ReloadError::Dependencies { .. } => ReloadStep::Dependencies,
            ReloadError::Step { step, .. } | ReloadError::Rollback { step, .. } => *step,
            ReloadError::Persisted { .. } => ReloadStep::Persist,
        }
    }
}

/// Why a new build does not fit the active plugins.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ReloadDependencyError {
    /// A dependency, its version, a cycle or a conflict, as activating the
    /// new build would find it.
    #[error(transparent)]
    Graph(#[from] crate::DependencyError),

    /// An active plugin of the new build requires a plugin that is
    /// installed but not active.
    #[error(
        "plugin '{plugin}' now requires plugin '{dependency}', which is not active; activate {dependency} first"
    )]
    Inactive {
        /// The plugin of the new build.
        plugin: String,
        /// The plugin it requires.
        dependency: String,
    },
}

fn quoted(failures: &[(String, CallError)]) -> String {
    failures
        .iter()
        .map(|(name, error)| format!("'{name}' ({error})"))
        .collect::<Vec<_>>()
        .join(", ")
}
