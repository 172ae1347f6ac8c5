//! The active plugins the hub routes to: the services each provides, the
//! topics it subscribes to and the hook points it takes part in, each entry
//! holding the plugin's shareable handle.

use std::collections::BTreeMap;
use std::sync::{Arc, PoisonError};

use super::{Hub, HubError, Provider};
use crate::{HookSubscription, PluginHandle, PluginInfo};

/// What one registered plugin takes part in.
pub(crate) struct Registration {
    pub(crate) handle: Arc<PluginHandle>,
    pub(crate) services: Vec<String>,
    pub(crate) subscriptions: Vec<String>,
    pub(crate) hooks: Vec<HookSubscription>,
}

/// The registered plugins, by name.
#[derive(Default)]
pub(crate) struct Registry {
    pub(crate) plugins: BTreeMap<String, Registration>,
}

impl Registry {
    /// The plugin providing `service`, with its handle.
    pub(crate) fn provider(&self, service: &str) -> Option<(&str, &Arc<PluginHandle>)> {
        self.plugins
            .iter()
            .find(|(_, r)| r.services.iter().any(|s| s == service))
            .map(|(name, r)| (name.as_str(), &r.handle))
    }

    /// Every service the registered plugins provide, with its provider, by
    /// service name.
    pub(crate) fn services(&self) -> Vec<(String, String)> {
        let mut services: Vec<(String, String)> = self
            .plugins
            .iter()
            .flat_map(|(name, r)| r.services.iter().map(|s| (s.clone(), name.clone())))
            .collect();
        services.sort();
        services
    }
}

impl Hub {
    /// Routes to the plugin behind `handle` from now on: its services, event
    /// subscriptions and hook points, as its
    /// [`PluginInfo`](crate::PluginInfo) declares them. The plugin should be
    /// active; [`PluginManager`](crate::PluginManager) registers each plugin
    /// when it activates it and unregisters it when it deactivates it.
    ///
    /// Registering a plugin again replaces its entries, still pointing at
    /// `handle`: after a hot reload, register the handle again so that what
    /// the new build declares takes effect. A hook point the host does not
    /// declare is accepted with a warning, so that a host declaring it later
    /// (or a newer host) runs the plugin there.
    ///
    /// # Errors
    ///
    /// [`HubError::ServiceTaken`] if the host or another registered plugin
    /// provides one of its services (the old registration, if any, stays);
    /// [`HubError::Provider`] if the plugin is running on this thread, so
    /// its facts cannot be read.
    pub fn register(&self, handle: &Arc<PluginHandle>) -> Result<(), HubError> {
        let info = handle
            .try_with(|instance| instance.info().clone())
            .map_err(HubError::Provider)?;
        let mut registry = self
            .registry
            .write()
            .unwrap_or_else(PoisonError::into_inner);
        self.check_services(&registry, &[&info])?;
        let declared = self.hook_points();
        for hook in info.hooks.iter().filter(|h| !declared.contains(&h.point)) {
            tracing::warn!(
                plugin = %info.name,
                "plugin '{}' takes part in hook point '{}', which this host does not declare (it declares: {}); it runs there only once the host declares it",
                info.name,
                hook.point,
                if declared.is_empty() { "none".to_owned() } else { declared.join(", ") }
            );
        }
        registry.plugins.insert(
            info.name.clone(),
            Registration {
                handle: Arc::clone(handle),
                services: info.services,
                subscriptions: info.subscriptions,
                hooks: info.hooks,
            },
        );
        tracing::debug!(plugin = %info.name, "plugin registered with the hub");
        Ok(())
    }

    /// Stops routing to plugin `name`: its services disappear, it gets no
    /// more events and takes part in no hook point. Returns whether it was
    /// registered. Calls already running finish.
    pub fn unregister(&self, name: &str) -> bool {
        let removed = self
            .registry
            .write()
            .unwrap_or_else(PoisonError::into_inner)
            .plugins
            .remove(name)
            .is_some();
        if removed {
            tracing::debug!(plugin = %name, "plugin unregistered from the hub");
        }
        removed
    }

    /// Whether plugin `name` is registered.
    pub fn is_registered(&self, name: &str) -> bool {
        self.registry
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .plugins
            .contains_key(name)
    }

    /// Checks that the plugins `incoming`, registered in this order, would
    /// not provide a service that the host, a registered plugin (other than
    /// themselves) or an earlier one of them provides.
    pub(crate) fn check_registrations(&self, incoming: &[&PluginInfo]) -> Result<(), HubError> {
        let registry = self.registry.read().unwrap_or_else(PoisonError::into_inner);
        self.check_services(&registry, incoming)
    }

    fn check_services(
        &self,
        registry: &Registry,
        incoming: &[&PluginInfo],
    ) -> Result<(), HubError> {
        for (index, info) in incoming.iter().enumerate() {
            for service in &info.services {
                let earlier = incoming[..index]
                    .iter()
                    .find(|other| other.services.contains(service))
                    .map(|other| other.name.as_str());
                let registered = registry
                    .provider(service)
                    .map(|(name, _)| name)
                    .filter(|&name| name != info.name);
                let holder = if self.host_services.get(service).is_some() {
                    Some(Provider::Host)
                } else {
                    earlier
                        .or(registered)
                        .map(|name| Provider::Plugin(name.to_owned()))
                };
                if let Some(holder) = holder {
                    return Err(HubError::ServiceTaken {
                        service: service.clone(),
                        holder,
                        plugin: info.name.clone(),
                    });
                }
            }
        }
        Ok(())
    }
}
