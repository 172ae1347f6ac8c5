//! What a hot reload needs of the host: a second mapping of a library it has
//! loaded, checked like any other load, and registered in place of the first
//! only once the plugin manager has moved the instances over.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::Host;
use crate::library;
use crate::registered::RegisteredPlugin;
use crate::{CallError, ConfigSchema, Instance, LoadError, PluginInfo};

/// A new build of a library, checked but not registered yet: the host's
/// registry still names the running build. Hot reload and updates stage
/// new builds.
pub(crate) struct StagedLibrary {
    origin: PathBuf,
    /// The build's plugins by name.
    pub(crate) plugins: BTreeMap<String, Arc<RegisteredPlugin>>,
}

impl StagedLibrary {
    /// The opened library's plugins, staged under the name `origin`.
    pub(crate) fn new(origin: &Path, opened: library::OpenedLibrary) -> StagedLibrary {
        let plugins = opened
            .plugins
            .into_iter()
            .map(|p| {
                let registered =
                    RegisteredPlugin::new(p.info, p.vtable, Some(Arc::clone(&opened.handle)));
                (registered.info.name.clone(), Arc::new(registered))
            })
            .collect();
        StagedLibrary {
            origin: library::absolute(origin),
            plugins,
        }
    }

    /// The library file the build replaces, as the registry names it.
    pub(crate) fn origin(&self) -> &Path {
        &self.origin
    }

    /// The names of the build's plugins, in order.
    pub(crate) fn names(&self) -> impl Iterator<Item = &str> {
        self.plugins.keys().map(String::as_str)
    }

    /// What the build says about plugin `name`.
    pub(crate) fn info(&self, name: &str) -> Option<&PluginInfo> {
        self.plugins.get(name).map(|p| &p.info)
    }

    /// The configuration schema of the build's plugin `name`.
    pub(crate) fn config_schema(&self, name: &str) -> Result<Arc<ConfigSchema>, CallError> {
        self.plugin(name)?.config_schema()
    }

    fn plugin(&self, name: &str) -> Result<&Arc<RegisteredPlugin>, CallError> {
        self.plugins
            .get(name)
            .ok_or_else(|| CallError::unknown_plugin(name, self.plugins.keys().map(String::as_str)))
    }
}

impl Host {
    /// Loads the library file `file` as if it were `origin`: the plugins'
    /// source and every error name `origin`. The dynamic loader hands back
    /// the library it has already mapped for a path or file it opened
    /// before, so a file that may be rebuilt is loaded from a private copy.
    pub(crate) fn load_library_as(
        &mut self,
        file: &Path,
        origin: &Path,
    ) -> Result<Vec<String>, LoadError> {
        let opened = library::open_as(file, origin, self.unload_policy)?;
        self.register(opened.plugins, Some(opened.handle))
    }

    /// Opens `file`, a new build of the loaded library `origin`, and checks
    /// it as [`load_library`](Self::load_library) would, except that its
    /// plugins may have the names of the plugins of `origin` they are to
    /// replace. Nothing is registered.
    pub(crate) fn stage(&self, file: &Path, origin: &Path) -> Result<StagedLibrary, LoadError> {
        let opened = library::open_as(file, origin, self.unload_policy)?;
        self.check_registrable(&opened.plugins, true)?;
        Ok(StagedLibrary::new(origin, opened))
    }

    /// Creates an instance of the staged plugin `name` with `config`.
    pub(crate) fn instantiate_staged(
        &self,
        staged: &StagedLibrary,
        name: &str,
        config: &serde_json::Value,
    ) -> Result<Instance, CallError> {
        self.instance_of(staged.plugin(name)?, Some(config))
    }

    /// The names of the plugins loaded from library `origin`, in order.
    pub(crate) fn plugins_from(&self, origin: &Path) -> Vec<String> {
        self.plugins
            .values()
            .filter(|p| p.info.source.path() == Some(origin))
            .map(|p| p.info.name.clone())
            .collect()
    }

    /// Registers the staged build in place of the running one: from now on
    /// its plugins answer to their names. Instances of the running build
    /// keep it mapped until they are gone.
    pub(crate) fn commit(&mut self, staged: StagedLibrary) {
        for (name, plugin) in staged.plugins {
            tracing::debug!(plugin = %name, version = %plugin.info.version, source = %plugin.info.source, "plugin reloaded");
            self.plugins.insert(name, plugin);
        }
    }
}
