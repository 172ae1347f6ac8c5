//! Keeping the hub's registrations in step with which plugins are active:
//! a plugin is routed to from its activation until its deactivation.

use super::{ManagerError, PluginManager};

impl PluginManager {
    /// Refuses, before anything is activated, plugins that would provide a
    /// service the host or an active plugin provides already, or that two of
    /// them would provide.
    pub(super) fn check_hub(&self, incoming: &[String]) -> Result<(), ManagerError> {
        let infos: Vec<_> = incoming
            .iter()
            .filter_map(|name| self.host.plugin(name))
            .collect();
        Ok(self.host.hub().check_registrations(&infos)?)
    }

    /// Registers a plugin that has just been activated with the hub. If the
    /// hub refuses it (something registered a clashing service since the
    /// check), the plugin is deactivated again.
    pub(super) fn register_with_hub(&mut self, name: &str) -> Result<(), ManagerError> {
        let handle = self.managed_mut(name)?.handle(name)?.clone();
        if let Err(error) = self.host.hub().register(&handle) {
            self.deactivate_one(name);
            return Err(error.into());
        }
        Ok(())
    }
}
