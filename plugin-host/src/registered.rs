use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use plugin_api::ErrorKind;
use plugin_api::abi::{RBuf, Status};

use crate::library::LibraryHandle;
use crate::vtable::Vtable;
use crate::{CallError, ConfigSchema, Operation, PluginInfo};

/// A plugin the host accepted: its checked facts, its vtable, the library
/// keeping its code mapped, and whether it has failed.
pub(crate) struct RegisteredPlugin {
    pub(crate) info: PluginInfo,
    pub(crate) vtable: Vtable,
    /// Held only to keep the code mapped; `None` for static plugins.
    pub(crate) _library: Option<Arc<LibraryHandle>>,
    config: OnceLock<Arc<ConfigSchema>>,
    /// Mirrors `failure.is_some()` so that every call can check it without
    /// taking the lock.
    failed: AtomicBool,
    failure: Mutex<Option<String>>,
}

impl RegisteredPlugin {
    pub(crate) fn new(
        info: PluginInfo,
        vtable: Vtable,
        library: Option<Arc<LibraryHandle>>,
    ) -> Self {
        RegisteredPlugin {
            info,
            vtable,
            _library: library,
            config: OnceLock::new(),
            failed: AtomicBool::new(false),
            failure: Mutex::new(None),
        }
    }

    pub(crate) fn failure(&self) -> Option<String> {
        self.failure
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    fn mark_failed(&self, reason: String) {
        tracing::error!(plugin = %self.info.name, "plugin marked failed: {reason}");
        *self.failure.lock().unwrap_or_else(PoisonError::into_inner) = Some(reason);
        self.failed.store(true, Ordering::Release);
    }

    /// Refuses calls into a plugin that has failed.
    pub(crate) fn check_usable(&self) -> Result<(), CallError> {
        if self.failed.load(Ordering::Acquire) {
            return Err(CallError::Failed {
                plugin: self.info.name.clone(),
                reason: self.failure().unwrap_or_default(),
            });
        }
        Ok(())
    }

    /// Marks the plugin failed for a reason of the host's finding.
    pub(crate) fn broken(&self, reason: String) -> CallError {
        self.mark_failed(reason.clone());
        CallError::Failed {
            plugin: self.info.name.clone(),
            reason,
        }
    }

    /// The error for an optional vtable `entry` the library lacks; the
    /// plugin is not marked failed, since it may do everything else.
    pub(crate) fn unsupported(&self, operation: Operation, entry: &str) -> CallError {
        CallError::Plugin {
            plugin: self.info.name.clone(),
            operation,
            kind: ErrorKind::Unavailable,
            message: format!(
                "its library has no '{entry}' entry; rebuild it against plugin-api {} or newer",
                plugin_api::abi::API_VERSION
            ),
        }
    }

    /// The error for a non-OK status; a panic marks the plugin failed.
    pub(crate) fn error(&self, operation: Operation, status: Status, message: &RBuf) -> CallError {
        let message = message.to_string_lossy();
        let plugin = self.info.name.clone();
        match ErrorKind::from_status(status) {
            Some(ErrorKind::Panicked) => {
                self.mark_failed(format!("{message} in {operation}"));
                CallError::Panicked {
                    plugin,
                    operation,
                    message,
                }
            }
            kind => CallError::Plugin {
                plugin,
                operation,
                kind: kind.unwrap_or(ErrorKind::Failed),
                message,
            },
        }
    }

    /// The configuration schema and defaults, asked of the plugin the first
    /// time and kept.
    pub(crate) fn config_schema(&self) -> Result<Arc<ConfigSchema>, CallError> {
        if let Some(config) = self.config.get() {
            return Ok(Arc::clone(config));
        }
        self.check_usable()?;
        let mut schema = RBuf::empty();
        let mut defaults = RBuf::empty();
        // SAFETY: the vtable was checked at load and the library is mapped
        // while `self` lives; both out-parameters are valid and initialized.
        let status = unsafe { (self.vtable.describe_config)(&mut schema, &mut defaults) };
        if !status.is_ok() {
            return Err(self.error(Operation::DescribeConfig, status, &schema));
        }
        let parse = |buf: &RBuf, what: &str| {
            serde_json::from_slice(buf.as_slice().unwrap_or_default()).map_err(|e| {
                CallError::Plugin {
                    plugin: self.info.name.clone(),
                    operation: Operation::DescribeConfig,
                    kind: ErrorKind::InvalidConfig,
                    message: format!(
                        "its configuration {what} is not JSON ({e}); fix the plugin's config type"
                    ),
                }
            })
        };
        let described = ConfigSchema {
            schema: parse(&schema, "schema")?,
            defaults: parse(&defaults, "defaults")?,
        };
        Ok(Arc::clone(self.config.get_or_init(|| Arc::new(described))))
    }
}
