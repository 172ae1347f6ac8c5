//! Plugins working together through the hub, with real plugin libraries:
//! services called plugin to plugin and host to plugin, events with their
//! failures isolated and their delivery after the publishing call, hook
//! points in priority order, and calls that would re-enter a running plugin.
//!
//! The plugins are `fixture-coop`'s; what they receive they record in the
//! host's `journal` service.

#[path = "../support/mod.rs"]
mod support;

mod events;
mod hooks;
mod reentrancy;
mod services;

use std::sync::{Arc, Mutex, OnceLock, Weak};

use plugin_api::{ErrorKind, PluginError};
use plugin_host::{Host, Hub, PluginManager};
use serde_json::Value;

/// What the plugins recorded: (plugin, topic, payload), in order.
#[derive(Clone, Default)]
struct Journal(Arc<Mutex<Vec<(String, String, Value)>>>);

impl Journal {
    /// The entries recorded since the last call.
    fn take(&self) -> Vec<(String, String, Value)> {
        std::mem::take(&mut *self.0.lock().unwrap())
    }
}

/// A manager over `fixture-coop` with `active` activated (in that order),
/// the hook points `pre_parse` and `loop_point` declared, and two host
/// services: `journal` (`record` and `count`) and `relay`, whose `forward`
/// passes its input to the `trip` plugin's service.
struct Coop {
    manager: PluginManager,
    journal: Journal,
}

impl Coop {
    fn new(active: &[&str]) -> Coop {
        let journal = Journal::default();
        let recorded = journal.clone();
        let hub: Arc<OnceLock<Weak<Hub>>> = Arc::default();
        let relay_hub = Arc::clone(&hub);
        let host = Host::builder(support::APP_VERSION.parse().unwrap())
            .service("journal", move |caller, command| {
                let mut entries = recorded.0.lock().unwrap();
                match command.name() {
                    "record" => {
                        let (topic, payload): (String, Value) = command.args()?;
                        entries.push((caller.to_owned(), topic, payload));
                        Ok(b"null".to_vec())
                    }
                    "count" => plugin_api::to_json(&entries.len()),
                    other => Err(PluginError::unknown_command(other, &["record", "count"])),
                }
            })
            .service("relay", move |_, command| {
                let hub = relay_hub
                    .get()
                    .and_then(Weak::upgrade)
                    .ok_or_else(|| PluginError::unavailable("no hub"))?;
                hub.call_service_raw("trip", "echo", command.input())
                    .map_err(|e| PluginError::new(e.kind(), e.to_string()))
            })
            .hook_point("pre_parse")
            .unwrap()
            .hook_point("loop_point")
            .unwrap()
            .build();
        // A weak reference: the hub owns the services, so a strong one
        // would keep the hub alive forever.
        hub.set(Arc::downgrade(host.hub())).unwrap();
        let mut coop = Coop {
            manager: PluginManager::new(host),
            journal,
        };
        coop.manager
            .host_mut()
            .load_library(support::fixture("coop", &[]))
            .unwrap();
        for name in active {
            coop.activate(name);
        }
        coop
    }

    /// Installs `name` if needed and activates it with what it needs.
    fn activate(&mut self, name: &str) {
        self.install(name);
        self.manager
            .activate(name)
            .unwrap_or_else(|e| panic!("activating {name}: {e}"));
    }

    /// Installs `name` and the plugins it needs, if they are not installed.
    fn install(&mut self, name: &str) {
        let needs: Vec<String> = self
            .manager
            .host()
            .plugin(name)
            .unwrap()
            .dependencies
            .iter()
            .map(|d| d.name.clone())
            .collect();
        for plugin in needs.iter().map(String::as_str).chain([name]) {
            if !self.manager.state(plugin).unwrap().is_installed() {
                self.manager.install(plugin, None).unwrap();
            }
        }
    }

    fn hub(&self) -> &Arc<Hub> {
        self.manager.hub()
    }

    /// Runs a command and reads its JSON reply.
    fn call(&mut self, plugin: &str, command: &str, input: &Value) -> Value {
        let input = serde_json::to_vec(input).unwrap();
        let output = self
            .manager
            .call(plugin, command, &input)
            .unwrap_or_else(|e| panic!("{plugin} {command}: {e}"));
        output.json().unwrap()
    }

    /// Runs a command that must fail as a plugin error; returns its kind and
    /// message.
    fn call_error(&mut self, plugin: &str, command: &str) -> (ErrorKind, String) {
        match self.manager.call(plugin, command, b"null") {
            Err(plugin_host::ManagerError::Call(plugin_host::CallError::Plugin {
                kind,
                message,
                ..
            })) => (kind, message),
            other => panic!("{plugin} {command}: expected a plugin error, got {other:?}"),
        }
    }
}

/// A journal entry.
fn entry(plugin: &str, topic: &str, payload: Value) -> (String, String, Value) {
    (plugin.to_owned(), topic.to_owned(), payload)
}
