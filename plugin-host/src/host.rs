use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use plugin_api::Environment;
use semver::Version;

use crate::host_api::InstanceContext;
use crate::hub::Hub;
use crate::inspect::Inspected;
use crate::library::{self, LibraryHandle, UnloadPolicy};
use crate::registered::RegisteredPlugin;
use crate::{
    CallError, ConfigSchema, Instance, InvalidChannelName, LoadError, PluginInfo, PluginSource,
    Services, check_channel_name,
};

mod reload;

pub(crate) use reload::StagedLibrary;

/// A plugin host: loads plugin libraries and statically linked plugins,
/// checks them, and creates instances.
///
/// ```no_run
/// use plugin_host::Host;
///
/// let mut host = Host::new("1.4.0".parse().unwrap());
/// host.load_static().unwrap();
/// let report = host.load_dir("plugins").unwrap();
/// for refusal in &report.refused {
///     eprintln!("refused: {refusal}");
/// }
/// let mut hello = host.instantiate("hello", None).unwrap();
/// hello.install().unwrap();
/// hello.activate().unwrap();
/// let reply: String = hello.call_json("greet", &"Ada").unwrap();
/// ```
pub struct Host {
    app_version: Arc<str>,
    app_semver: Version,
    environment: Environment,
    hub: Arc<Hub>,
    unload_policy: UnloadPolicy,
    plugins: BTreeMap<String, Arc<RegisteredPlugin>>,
}

/// Builds a [`Host`] with more than the defaults.
#[derive(Debug)]
pub struct HostBuilder {
    app_version: Version,
    environment: Environment,
    services: Services,
    hook_points: BTreeSet<String>,
    unload_policy: UnloadPolicy,
}

impl HostBuilder {
    /// The environment plugins are told they run in (default: production).
    pub fn environment(mut self, environment: Environment) -> Self {
        self.environment = environment;
        self
    }

    /// Offers a service to plugins under `name`; see [`Services::insert`].
    pub fn service(
        mut self,
        name: impl Into<String>,
        handler: impl Fn(&str, plugin_api::Command<'_>) -> Result<Vec<u8>, plugin_api::PluginError>
        + Send
        + Sync
        + 'static,
    ) -> Self {
        self.services.insert(name, handler);
        self
    }

    /// Offers `store` to plugins as the `credentials` service, through
    /// which each plugin reads its own credentials; see
    /// [`credential_service`](crate::credential_service) and
    /// `docs/credentials.md`.
    ///
    /// ```
    /// use plugin_host::{ChainStore, EnvStore, FileStore, Host};
    ///
    /// let host = Host::builder("1.0.0".parse().unwrap())
    ///     .credentials(ChainStore::env_then_file(
    ///         EnvStore::new().prefix("myapp"),
    ///         FileStore::new("/home/me/.config/myapp/credentials.toml"),
    ///     ))
    ///     .build();
    /// ```
    pub fn credentials(self, store: impl crate::CredentialStore + 'static) -> Self {
        self.service(
            crate::CREDENTIALS_SERVICE,
            crate::credential_service(Arc::new(store)),
        )
    }

    /// Declares hook point `name`, where plugins that take part in it run
    /// when the host calls [`Hub::run_hook`].
    ///
    /// # Errors
    ///
    /// [`InvalidChannelName`] if the name breaks the naming rules.
    pub fn hook_point(mut self, name: &str) -> Result<Self, InvalidChannelName> {
        check_channel_name(name)?;
        self.hook_points.insert(name.to_owned());
        Ok(self)
    }

    /// What happens to libraries nothing uses any more (default: they stay
    /// mapped).
    pub fn unload_policy(mut self, policy: UnloadPolicy) -> Self {
        self.unload_policy = policy;
        self
    }

    /// The host.
    pub fn build(self) -> Host {
        Host {
            app_version: Arc::from(self.app_version.to_string()),
            app_semver: self.app_version,
            environment: self.environment,
            hub: Arc::new(Hub::new(self.services, self.hook_points)),
            unload_policy: self.unload_policy,
            plugins: BTreeMap::new(),
        }
    }
}

/// What [`Host::load_dir`] did with each library it found.
#[derive(Debug, Default)]
pub struct LoadReport {
    /// The libraries loaded, with the names of their plugins.
    pub loaded: Vec<(PathBuf, Vec<String>)>,
    /// The libraries refused, each with the reason.
    pub refused: Vec<LoadError>,
}

impl Host {
    /// A host for an application of version `app_version` (what plugins'
    /// `requires` is checked against), with the defaults.
    pub fn new(app_version: Version) -> Host {
        Host::builder(app_version).build()
    }

    /// A builder for a host for an application of version `app_version`.
    pub fn builder(app_version: Version) -> HostBuilder {
        HostBuilder {
            app_version,
            environment: Environment::Production,
            services: Services::default(),
            hook_points: BTreeSet::new(),
            unload_policy: UnloadPolicy::default(),
        }
    }

    /// Registers the plugins linked statically into this binary and returns
    /// their names. A plugin crate is linked only if the binary refers to it,
    /// for instance with `use my_plugin as _;`.
    ///
    /// # Errors
    ///
    /// As [`load_library`](Self::load_library), except for the checks that
    /// only apply to files.
    pub fn load_static(&mut self) -> Result<Vec<String>, LoadError> {
        let table = plugin_api::__private::static_table();
        if table.len == 0 {
            return Ok(Vec::new());
        }
        // SAFETY: the static table describes this binary's own plugins, which
        // are never unmapped.
        let plugins = unsafe { library::inspect_table(table, &PluginSource::Static) }?;
        self.register(plugins, None)
    }

    /// Loads one plugin library, checks it and registers its plugins; returns
    /// their names. A library is taken whole or not at all.
    ///
    /// # Errors
    ///
    /// A [`LoadError`] naming the file and, where versions are involved, both
    /// sides' versions.
    pub fn load_library(&mut self, path: impl AsRef<Path>) -> Result<Vec<String>, LoadError> {
        let opened = library::open(path.as_ref(), self.unload_policy)?;
        self.register(opened.plugins, Some(opened.handle))
    }

    /// Loads every plugin library (files ending in the platform's library
    /// extension) in `dir`, in file-name order. A refused library does not
    /// stop the others.
    ///
    /// # Errors
    ///
    /// [`LoadError::ReadDir`] if the directory cannot be read.
    pub fn load_dir(&mut self, dir: impl AsRef<Path>) -> Result<LoadReport, LoadError> {
        let dir = dir.as_ref();
        let read_error = |source| LoadError::ReadDir {
            dir: dir.to_path_buf(),
            source,
        };
        let mut paths = Vec::new();
        for entry in std::fs::read_dir(dir).map_err(read_error)? {
            let path = entry.map_err(read_error)?.path();
            if path.is_file()
                && path
                    .extension()
                    .is_some_and(|e| e == std::env::consts::DLL_EXTENSION)
            {
                paths.push(path);
            }
        }
        paths.sort();
        let mut report = LoadReport::default();
        for path in paths {
            match self.load_library(&path) {
                Ok(names) => report.loaded.push((path, names)),
                Err(error) => report.refused.push(error),
            }
        }
        Ok(report)
    }

    /// The registered plugins, by name.
    pub fn plugins(&self) -> impl Iterator<Item = &PluginInfo> {
        self.plugins.values().map(|p| &p.info)
    }

    /// The plugin called `name`.
    pub fn plugin(&self, name: &str) -> Option<&PluginInfo> {
        self.plugins.get(name).map(|p| &p.info)
    }

    /// Why plugin `name` was marked failed, if it was.
    pub fn failure(&self, name: &str) -> Option<String> {
        self.plugins.get(name).and_then(|p| p.failure())
    }

    /// The hub where plugins and the host meet: services, events and hook
    /// points.
    pub fn hub(&self) -> &Arc<Hub> {
        &self.hub
    }

    /// The host application's version.
    pub fn app_version(&self) -> &Version {
        &self.app_semver
    }

    /// The configuration schema and defaults of plugin `name`, asked of the
    /// plugin the first time (producing them runs plugin code, so loading
    /// does not) and kept for later calls.
    ///
    /// # Errors
    ///
    /// [`CallError::UnknownPlugin`]; the plugin's error or panic; a
    /// [`CallError::Plugin`] of kind [`ErrorKind::InvalidConfig`](plugin_api::ErrorKind::InvalidConfig)
    /// if what it returns is not JSON.
    pub fn config_schema(&self, name: &str) -> Result<Arc<ConfigSchema>, CallError> {
        self.registered(name)?.config_schema()
    }

    /// Creates an instance of plugin `name` with `config` (JSON), or with the
    /// plugin's defaults for `None`.
    ///
    /// # Errors
    ///
    /// [`CallError::UnknownPlugin`], or the plugin's own error from creating
    /// the instance (an invalid configuration among them).
    pub fn instantiate(
        &self,
        name: &str,
        config: Option<&serde_json::Value>,
    ) -> Result<Instance, CallError> {
        let plugin = self.registered(name)?;
        self.instance_of(plugin, config)
    }

    /// Creates an instance of a registered (or staged) plugin.
    fn instance_of(
        &self,
        plugin: &Arc<RegisteredPlugin>,
        config: Option<&serde_json::Value>,
    ) -> Result<Instance, CallError> {
        let config = config.map_or_else(|| "null".to_owned(), serde_json::Value::to_string);
        let context = InstanceContext::new(&plugin.info, &self.hub, &self.app_version);
        Instance::create(Arc::clone(plugin), context, self.environment, &config)
    }

    /// Loads and checks a library (the host's version requirement included)
    /// without registering its plugins, so that a plugin of the same name
    /// can stay registered until the new one is swapped in.
    pub(crate) fn stage_library(&self, path: &Path) -> Result<StagedLibrary, LoadError> {
        let opened = library::open(path, self.unload_policy)?;
        for plugin in &opened.plugins {
            self.check_requirement(&plugin.info)?;
        }
        Ok(StagedLibrary::new(path, opened))
    }

    /// Registers a staged library's plugins, replacing plugin `replacing`;
    /// its other plugins must not be registered. Returns what to hand to
    /// [`swap_back`](Self::swap_back) to undo it.
    pub(crate) fn swap_in(&mut self, staged: StagedLibrary, replacing: &str) -> Swapped {
        let previous = self.plugins.get(replacing).cloned();
        let mut added = Vec::new();
        for (name, plugin) in staged.plugins {
            debug_assert!(name == replacing || !self.plugins.contains_key(&name));
            tracing::debug!(plugin = %name, version = %plugin.info.version, source = %plugin.info.source, "plugin registered in place of another");
            self.plugins.insert(name.clone(), plugin);
            added.push(name);
        }
        Swapped {
            previous: previous.map(|p| (replacing.to_owned(), p)),
            added,
        }
    }

    /// Undoes a [`swap_in`](Self::swap_in): unregisters what it added and
    /// registers again the plugin it replaced.
    pub(crate) fn swap_back(&mut self, swapped: Swapped) {
        for name in &swapped.added {
            self.plugins.remove(name);
        }
        if let Some((name, plugin)) = swapped.previous {
            self.plugins.insert(name, plugin);
        }
    }

    fn check_requirement(&self, info: &PluginInfo) -> Result<(), LoadError> {
        if info.requires.matches(&self.app_semver) {
            return Ok(());
        }
        Err(LoadError::HostRequirement {
            plugin: info.name.clone(),
            origin: info.source.clone(),
            requires: info.requires.clone(),
            app: self.app_semver.clone(),
        })
    }

    fn registered(&self, name: &str) -> Result<&Arc<RegisteredPlugin>, CallError> {
        self.plugins
            .get(name)
            .ok_or_else(|| CallError::unknown_plugin(name, self.plugins.keys().map(String::as_str)))
    }

    fn register(
        &mut self,
        plugins: Vec<Inspected>,
        library: Option<Arc<LibraryHandle>>,
    ) -> Result<Vec<String>, LoadError> {
        self.check_registrable(&plugins, false)?;
        let names: Vec<String> = plugins.iter().map(|p| p.info.name.clone()).collect();
        for plugin in plugins {
            let registered = RegisteredPlugin::new(plugin.info, plugin.vtable, library.clone());
            tracing::debug!(plugin = %registered.info.name, version = %registered.info.version, source = %registered.info.source, "plugin registered");
            self.plugins
                .insert(registered.info.name.clone(), Arc::new(registered));
        }
        Ok(names)
    }

    /// Checks the host's requirement and name uniqueness. A plugin of the
    /// same name from the same source is refused as loaded already, unless
    /// `replacing`: a hot reload maps a new build of a library beside the
    /// one it will replace.
    fn check_registrable(&self, plugins: &[Inspected], replacing: bool) -> Result<(), LoadError> {
        for plugin in plugins {
            let info = &plugin.info;
            self.check_requirement(info)?;
            if let Some(existing) = self.plugins.get(&info.name) {
                if existing.info.source == info.source {
                    if replacing {
                        continue;
                    }
                    return Err(LoadError::AlreadyLoaded {
                        origin: info.source.clone(),
                    });
                }
                return Err(LoadError::DuplicateName {
                    name: info.name.clone(),
                    first: existing.info.source.clone(),
                    second: info.source.clone(),
                });
            }
        }
        Ok(())
    }
}

/// What [`Host::swap_in`] changed, to undo it.
pub(crate) struct Swapped {
    previous: Option<(String, Arc<RegisteredPlugin>)>,
    added: Vec<String>,
}

impl std::fmt::Debug for Host {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Host")
            .field("app_version", &self.app_semver)
            .field("environment", &self.environment)
            .field("plugins", &self.plugins.keys().collect::<Vec<_>>())
            .finish_non_exhaustive()
    }
}
