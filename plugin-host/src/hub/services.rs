//! Service calls, routed to the host's own services or to the active plugin
//! that provides the service.

use std::collections::BTreeSet;
use std::sync::PoisonError;

use plugin_api::Command;
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::{Hub, HubError, call_stack};
use crate::{CallError, Instance};

/// Who provides a service.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Provider {
    /// The host, through a [`Services`](crate::Services) handler.
    Host,
    /// An active plugin, by name.
    Plugin(String),
}

impl std::fmt::Display for Provider {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Provider::Host => f.write_str("the host"),
            Provider::Plugin(name) => write!(f, "plugin '{name}'"),
        }
    }
}

/// Who is calling a service.
#[derive(Clone, Copy)]
pub(crate) enum Caller<'a> {
    /// The host application.
    Host,
    /// A plugin, with the names of the plugins it depends on.
    Plugin {
        name: &'a str,
        dependencies: &'a BTreeSet<String>,
    },
}

impl Hub {
    /// Calls `method` of `service` with `input` as JSON and reads the JSON
    /// reply. The service is the host's own or an active plugin's; the host
    /// may call any of them.
    ///
    /// # Errors
    ///
    /// As [`call_service_raw`](Self::call_service_raw), and
    /// [`HubError::Json`] if the input cannot be written or the reply read.
    pub fn call_service<I: Serialize + ?Sized, O: DeserializeOwned>(
        &self,
        service: &str,
        method: &str,
        input: &I,
    ) -> Result<O, HubError> {
        let json = |what: &str, source| HubError::Json {
            what: format!("the {what} of service '{service}' method '{method}'"),
            source,
        };
        let input = serde_json::to_vec(input).map_err(|e| json("input", e))?;
        let reply = self.call_service_raw(service, method, &input)?;
        serde_json::from_slice(&reply).map_err(|e| json("reply", e))
    }

    /// Calls `method` of `service` with raw JSON bytes and returns the raw
    /// reply.
    ///
    /// # Errors
    ///
    /// [`HubError::UnknownService`] listing the services that exist;
    /// [`HubError::Provider`] with the providing plugin's error (a plugin
    /// already running on this thread is refused with
    /// [`CallError::Reentrant`]); [`HubError::HostService`].
    pub fn call_service_raw(
        &self,
        service: &str,
        method: &str,
        input: &[u8],
    ) -> Result<Vec<u8>, HubError> {
        self.route_service(Caller::Host, service, method, input)
    }

    /// Every service there is, with its provider, by name.
    pub fn services(&self) -> Vec<(String, Provider)> {
        let mut services: Vec<(String, Provider)> = self
            .host_services
            .names()
            .map(|name| (name.to_owned(), Provider::Host))
            .chain(
                self.registry
                    .read()
                    .unwrap_or_else(PoisonError::into_inner)
                    .services()
                    .into_iter()
                    .map(|(service, plugin)| (service, Provider::Plugin(plugin))),
            )
            .collect();
        services.sort_by(|a, b| a.0.cmp(&b.0));
        services
    }

    /// Routes one call. A plugin provider is checked, in this order, for
    /// re-entry (it must not be running on this thread) and, for a plugin
    /// caller, for being one of the caller's dependencies.
    pub(crate) fn route_service(
        &self,
        caller: Caller<'_>,
        service: &str,
        method: &str,
        input: &[u8],
    ) -> Result<Vec<u8>, HubError> {
        let provider = self
            .registry
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .provider(service)
            .map(|(name, handle)| (name.to_owned(), std::sync::Arc::clone(handle)));
        if let Some((provider, handle)) = provider {
            if let Some(cycle) = call_stack::cycle_to(&provider) {
                return Err(HubError::Provider(CallError::Reentrant {
                    plugin: provider,
                    cycle,
                }));
            }
            if let Caller::Plugin { name, dependencies } = caller
                && !dependencies.contains(&provider)
            {
                return Err(HubError::NotADependency {
                    caller: name.to_owned(),
                    service: service.to_owned(),
                    provider,
                });
            }
            let result = handle
                .try_with(|instance: &mut Instance| instance.serve(service, method, input))
                .and_then(|served| served);
            return match result {
                Ok(output) => Ok(output.as_bytes().to_vec()),
                Err(error) => Err(HubError::Provider(self.note_plugin_error(&provider, error))),
            };
        }
        if let Some(handler) = self.host_services.get(service) {
            let caller = match caller {
                Caller::Host => "",
                Caller::Plugin { name, .. } => name,
            };
            return handler(caller, Command::new(method, input)).map_err(|error| {
                HubError::HostService {
                    service: service.to_owned(),
                    error,
                }
            });
        }
        Err(HubError::UnknownService {
            service: service.to_owned(),
            host: self.host_services.names().map(str::to_owned).collect(),
            plugins: self
                .registry
                .read()
                .unwrap_or_else(PoisonError::into_inner)
                .services(),
        })
    }

    /// Unregisters a plugin whose call shows it failed (it panicked or broke
    /// the ABI, and is never called again), so that it stops taking part.
    pub(crate) fn note_plugin_error(&self, plugin: &str, error: CallError) -> CallError {
        if matches!(error, CallError::Panicked { .. } | CallError::Failed { .. })
            && self.unregister(plugin)
        {
            tracing::error!(plugin = %plugin, "plugin failed and no longer takes part in services, events or hook points: {error}");
        }
        error
    }
}
