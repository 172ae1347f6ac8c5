use std::sync::Arc;

use serde_json::Value;

use super::PluginState;
use crate::{CallError, Instance, PluginHandle};

/// What the manager holds for one plugin it has installed (or seen fail).
pub(super) struct Managed {
    pub(super) state: PluginState,
    handle: Option<Arc<PluginHandle>>,
    /// The configuration it runs with, completed with defaults.
    pub(super) config: Value,
    /// The library file's checksum when it was installed; `None` for static
    /// plugins.
    pub(super) checksum: Option<String>,
}

impl Managed {
    pub(super) fn installed(
        instance: Instance,
        config: Value,
        checksum: Option<String>,
    ) -> Managed {
        Managed {
            state: PluginState::Installed,
            handle: Some(PluginHandle::new(instance)),
            config,
            checksum,
        }
    }

    pub(super) fn failed() -> Managed {
        Managed {
            state: PluginState::Failed,
            handle: None,
            config: Value::Null,
            checksum: None,
        }
    }

    /// Whether the plugin has an instance (a reload replaces it): every
    /// installed plugin, and a failed one that got as far as having one.
    pub(super) fn has_instance(&self) -> bool {
        self.handle.is_some()
    }

    /// The handle to the instance; a plugin that failed while being created
    /// has none.
    pub(super) fn handle(&self, name: &str) -> Result<&Arc<PluginHandle>, CallError> {
        self.handle.as_ref().ok_or_else(|| CallError::Failed {
            plugin: name.to_owned(),
            reason: "it failed before it had an instance".to_owned(),
        })
    }
}
