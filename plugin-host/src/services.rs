use std::collections::BTreeMap;
use std::sync::Arc;

use plugin_api::{Command, PluginError};

/// A host service: gets the calling plugin's name (empty when the host calls
/// it itself, through [`Hub::call_service`](crate::Hub::call_service)) and
/// the call (method name and JSON input), returns JSON bytes.
pub type ServiceHandler = dyn Fn(&str, Command<'_>) -> Result<Vec<u8>, PluginError> + Send + Sync;

/// The services a host offers to plugins, by name.
#[derive(Clone, Default)]
pub struct Services {
    handlers: BTreeMap<String, Arc<ServiceHandler>>,
}

impl Services {
    /// Offers `handler` under `name`, replacing any service of that name.
    pub fn insert(
        &mut self,
        name: impl Into<String>,
        handler: impl Fn(&str, Command<'_>) -> Result<Vec<u8>, PluginError> + Send + Sync + 'static,
    ) {
        self.handlers.insert(name.into(), Arc::new(handler));
    }

    /// The names of the services offered.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.handlers.keys().map(String::as_str)
    }

    /// The handler of service `name`.
    pub(crate) fn get(&self, name: &str) -> Option<&Arc<ServiceHandler>> {
        self.handlers.get(name)
    }

    /// Calls service `name` on behalf of plugin `caller`.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Unavailable`](plugin_api::ErrorKind::Unavailable) naming
    /// the services that exist, or the service's own error.
    pub fn call(
        &self,
        caller: &str,
        name: &str,
        command: Command<'_>,
    ) -> Result<Vec<u8>, PluginError> {
        match self.handlers.get(name) {
            Some(handler) => handler(caller, command),
            None => {
                let known: Vec<&str> = self.names().collect();
                Err(PluginError::unavailable(if known.is_empty() {
                    format!("the host offers no service '{name}' (it offers none)")
                } else {
                    format!(
                        "the host offers no service '{name}'; it offers: {}",
                        known.join(", ")
                    )
                }))
            }
        }
    }
}

impl std::fmt::Debug for Services {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.names()).finish()
    }
}
