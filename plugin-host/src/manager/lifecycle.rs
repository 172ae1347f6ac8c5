//! The lifecycle operations: install, activate, deactivate, uninstall,
//! reconfigure and call, each leaving nothing half-done.

use serde_json::Value;

use super::{Managed, ManagerError, PluginManager, PluginState};
use crate::{Instance, Output};

impl PluginManager {
    /// Installs plugin `name` with `config` (or its entry in the host's
    /// config file, or its defaults), checked against its schema: creates an
    /// instance and runs its install hook.
    ///
    /// # Errors
    ///
    /// [`ManagerError::WrongState`] unless the plugin is discovered (not
    /// installed); [`ManagerError::Config`]; the hook's error, after which
    /// the plugin is still not installed.
    pub fn install(&mut self, name: &str, config: Option<&Value>) -> Result<(), ManagerError> {
        self.install_with(name, config, true)
    }

    /// Installs, running the install hook only for a new installation: a
    /// plugin restored from the state file was installed in an earlier run,
    /// so it only gets a new instance.
    pub(super) fn install_with(
        &mut self,
        name: &str,
        config: Option<&Value>,
        run_hook: bool,
    ) -> Result<(), ManagerError> {
        self.expect_state(name, "installed", &[PluginState::Discovered])?;
        let config = self.validate_config(name, config)?;
        let checksum = self.checksum_of(name)?;
        let mut instance = self
            .host
            .instantiate(name, Some(&config))
            .map_err(|e| self.note_failure(name, e))?;
        if run_hook {
            instance.install().map_err(|e| self.note_failure(name, e))?;
        } else {
            instance.assume_installed();
        }
        self.plugins.insert(
            name.to_owned(),
            Managed::installed(instance, config, checksum),
        );
        if run_hook {
            // A fresh install replaces a record an earlier restore could not
            // bring back; `restore` itself settles its records at its end.
            self.unrestored.remove(name);
        }
        self.persist()
    }

    /// Activates plugin `name`, after activating (in dependency order) the
    /// installed plugins it needs, and returns the plugins it activated, in
    /// that order. If any activation fails, the ones this call activated are
    /// deactivated again in reverse order. Each plugin is registered with the
    /// [`Hub`](crate::Hub) as soon as it is active, so the plugins activated
    /// after it can use its services.
    ///
    /// # Errors
    ///
    /// [`ManagerError::Dependency`] for a missing or mismatched dependency, a
    /// cycle or a conflict with an active plugin; [`ManagerError::Hub`] for
    /// a service that the host or an active plugin provides already;
    /// [`ManagerError::WrongState`]; [`ManagerError::ActivationFailed`]
    /// after a rollback.
    pub fn activate(&mut self, name: &str) -> Result<Vec<String>, ManagerError> {
        self.expect_state(
            name,
            "activated",
            &[PluginState::Installed, PluginState::Inactive],
        )?;
        let active = self.active_set();
        let incoming: Vec<String> = {
            let graph = self.graph();
            let order = graph.activation_order(name)?;
            let incoming: Vec<String> = order.into_iter().filter(|p| !active.contains(p)).collect();
            graph.check_conflicts(&incoming, &active)?;
            incoming
        };
        self.check_hub(&incoming)?;
        let mut activated: Vec<String> = Vec::new();
        for plugin in &incoming {
            let result = self
                .managed_mut(plugin)
                .and_then(|m| {
                    m.handle(plugin)?.with(Instance::activate)?;
                    m.state = PluginState::Active;
                    Ok(())
                })
                .and_then(|()| self.register_with_hub(plugin));
            if let Err(error) = result {
                let failure = match error {
                    ManagerError::Call(call) => Ok(self.note_failure(plugin, call)),
                    other => Err(other),
                };
                for done in activated.iter().rev() {
                    self.deactivate_one(done);
                }
                activated.reverse();
                self.persist()?;
                return Err(match failure {
                    Ok(source) => ManagerError::ActivationFailed {
                        target: name.to_owned(),
                        rolled_back: activated,
                        source: Box::new(source),
                    },
                    Err(other) => other,
                });
            }
            activated.push(plugin.clone());
        }
        self.persist()?;
        Ok(activated)
    }

    /// Deactivates plugin `name` and returns the plugins it deactivated, in
    /// that order. Active plugins that need it are deactivated first when
    /// `cascade` is set; otherwise their presence is an error naming them.
    ///
    /// # Errors
    ///
    /// [`ManagerError::Dependency`] naming the active dependents;
    /// [`ManagerError::WrongState`] unless the plugin is active. A failing
    /// deactivate hook is reported as a [`ManagerError::Call`], and the
    /// plugin counts as inactive all the same.
    pub fn deactivate(&mut self, name: &str, cascade: bool) -> Result<Vec<String>, ManagerError> {
        self.expect_state(name, "deactivated", &[PluginState::Active])?;
        let order = self.take_down_order(name, cascade)?;
        let mut first_error = None;
        for plugin in &order {
            if let Some(error) = self.deactivate_one(plugin) {
                first_error.get_or_insert(error);
            }
        }
        self.persist()?;
        first_error.map_or(Ok(order), |e| Err(ManagerError::Call(e)))
    }

    /// Uninstalls plugin `name`, deactivating it first if it is active, and
    /// returns the plugins it uninstalled, in that order.
    /// Active plugins that need it are a refusal naming them, unless
    /// `cascade` is set, which deactivates and uninstalls them first.
    ///
    /// # Errors
    ///
    /// [`ManagerError::Dependency`]; [`ManagerError::WrongState`] unless the
    /// plugin is installed; the uninstall hook's error, after which the
    /// plugin stays installed (and inactive).
    pub fn uninstall(&mut self, name: &str, cascade: bool) -> Result<Vec<String>, ManagerError> {
        self.expect_state(
            name,
            "uninstalled",
            &[
                PluginState::Installed,
                PluginState::Active,
                PluginState::Inactive,
            ],
        )?;
        let order = self.take_down_order(name, cascade)?;
        for plugin in &order {
            if self.state(plugin) == Some(PluginState::Active) {
                self.deactivate_one(plugin);
            }
            let result = self
                .managed_mut(plugin)
                .and_then(|m| Ok(m.handle(plugin)?.with(Instance::uninstall)?));
            if let Err(error) = result {
                self.persist()?;
                return Err(match error {
                    ManagerError::Call(call) => ManagerError::Call(self.note_failure(plugin, call)),
                    other => other,
                });
            }
            self.plugins.remove(plugin);
        }
        self.persist()?;
        Ok(order)
    }

    /// Changes an installed plugin's configuration: checks it against the
    /// schema, completes it with defaults and hands it to the plugin's
    /// config-changed hook. A configuration the schema or the plugin rejects
    /// changes nothing: the old one stays.
    ///
    /// # Errors
    ///
    /// [`ManagerError::Config`] with every violation's path;
    /// [`ManagerError::WrongState`]; the plugin's own rejection.
    pub fn set_config(&mut self, name: &str, config: &Value) -> Result<(), ManagerError> {
        self.expect_state(
            name,
            "reconfigured",
            &[
                PluginState::Installed,
                PluginState::Active,
                PluginState::Inactive,
            ],
        )?;
        let completed = self.validate_config(name, Some(config))?;
        let managed = self.managed_mut(name)?;
        if let Err(error) = managed
            .handle(name)
            .and_then(|h| h.with(|i| i.set_config(&completed)))
        {
            return Err(ManagerError::Call(self.note_failure(name, error)));
        }
        self.managed_mut(name)?.config = completed;
        self.persist()
    }

    /// Runs a command of an active plugin.
    ///
    /// # Errors
    ///
    /// [`ManagerError::WrongState`] unless the plugin is active; the
    /// command's error.
    pub fn call(
        &mut self,
        name: &str,
        command: &str,
        input: &[u8],
    ) -> Result<Output, ManagerError> {
        self.expect_state(name, "called", &[PluginState::Active])?;
        let result = self
            .managed_mut(name)?
            .handle(name)
            .and_then(|h| h.call(command, input));
        result.map_err(|e| ManagerError::Call(self.note_failure(name, e)))
    }

    /// The plugins to take down with `name`: the active plugins that need it
    /// (a refusal naming them unless `cascade`), each before the plugins it
    /// needs, then `name` itself.
    pub(super) fn take_down_order(
        &self,
        name: &str,
        cascade: bool,
    ) -> Result<Vec<String>, ManagerError> {
        let active = self.active_set();
        let graph = self.graph();
        if !cascade {
            graph.refuse_if_needed(name, &active)?;
        }
        let mut order = graph.active_dependents(name, &active);
        order.push(name.to_owned());
        Ok(order)
    }
}
