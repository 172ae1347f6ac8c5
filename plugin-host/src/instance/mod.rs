use std::ffi::c_void;
use std::sync::Arc;

use plugin_api::abi::{HookFn, HostApi, RBuf, RBytes, RStr, Status};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::host_api::{InstanceContext, host_api};
use crate::hub;
use crate::registered::RegisteredPlugin;
use crate::{CallError, ConfigSchema, Operation, Output, Phase, PluginInfo};

mod cooperation;
mod handover;

/// A live instance of a plugin.
///
/// Methods take `&mut self`, so one instance never runs two calls at once;
/// wrap it in a `Mutex` to share it between threads. Dropping the instance
/// destroys it; the plugin's library stays mapped at least until then.
pub struct Instance {
    plugin: Arc<RegisteredPlugin>,
    raw: *mut c_void,
    phase: Phase,
    // Boxed so their addresses stay put while the plugin holds them; dropped
    // only after `destroy` has run.
    _host_api: Box<HostApi>,
    context: Box<InstanceContext>,
}

// SAFETY: the ABI lets an instance be driven from any thread as long as calls
// on it do not overlap, which `&mut self` guarantees; `#[plugin]` types are
// `Send`. The `HostApi` and context are immutable and shareable.
unsafe impl Send for Instance {}

impl Instance {
    pub(crate) fn create(
        plugin: Arc<RegisteredPlugin>,
        context: InstanceContext,
        environment: plugin_api::Environment,
        config: &str,
    ) -> Result<Instance, CallError> {
        plugin.check_usable()?;
        let context = Box::new(context);
        let host_api = Box::new(host_api(&context, environment));
        let _frame = hub::enter_instance(&context.plugin);
        let mut raw: *mut c_void = std::ptr::null_mut();
        let mut error = RBuf::empty();
        // SAFETY: the vtable was checked at load; `host_api` and `context`
        // move into the instance and outlive it; `config` outlives the call;
        // the out-parameters are valid and initialized.
        let status = unsafe {
            (plugin.vtable.create)(&*host_api, RStr::from_str(config), &mut raw, &mut error)
        };
        if !status.is_ok() {
            return Err(plugin.error(Operation::Create, status, &error));
        }
        if raw.is_null() {
            return Err(
                plugin.broken("create reported success but returned no instance".to_owned())
            );
        }
        Ok(Instance {
            plugin,
            raw,
            phase: Phase::Created,
            _host_api: host_api,
            context,
        })
    }

    /// The plugin's name.
    pub fn name(&self) -> &str {
        &self.plugin.info.name
    }

    /// What the host knows about the plugin.
    pub fn info(&self) -> &PluginInfo {
        &self.plugin.info
    }

    /// Where the instance is in its lifecycle.
    pub fn phase(&self) -> Phase {
        self.phase
    }

    /// The plugin's configuration schema and defaults; see
    /// [`Host::config_schema`](crate::Host::config_schema).
    ///
    /// # Errors
    ///
    /// As [`Host::config_schema`](crate::Host::config_schema).
    pub fn config_schema(&self) -> Result<Arc<ConfigSchema>, CallError> {
        self.plugin.config_schema()
    }

    /// Why the plugin was marked failed, if it was.
    pub fn failure(&self) -> Option<String> {
        self.plugin.failure()
    }

    /// Treats a freshly created instance as installed without running the
    /// hook: for a plugin installed in an earlier run of the host.
    pub(crate) fn assume_installed(&mut self) {
        if self.phase == Phase::Created {
            self.phase = Phase::Installed;
        }
    }

    /// Runs the install hook: created or uninstalled → installed.
    ///
    /// # Errors
    ///
    /// The plugin's error (the phase stays), [`CallError::WrongPhase`],
    /// [`CallError::Panicked`] or [`CallError::Failed`].
    pub fn install(&mut self) -> Result<(), CallError> {
        self.hook(self.plugin.vtable.install, Operation::Install)
    }

    /// Runs the activate hook: installed or inactive → active.
    ///
    /// # Errors
    ///
    /// As [`install`](Self::install).
    pub fn activate(&mut self) -> Result<(), CallError> {
        self.hook(self.plugin.vtable.activate, Operation::Activate)
    }

    /// Runs the deactivate hook: active → inactive. The instance is inactive
    /// afterwards even if the hook fails.
    ///
    /// # Errors
    ///
    /// As [`install`](Self::install).
    pub fn deactivate(&mut self) -> Result<(), CallError> {
        self.hook(self.plugin.vtable.deactivate, Operation::Deactivate)
    }

    /// Runs the uninstall hook: installed or inactive → uninstalled.
    ///
    /// # Errors
    ///
    /// As [`install`](Self::install).
    pub fn uninstall(&mut self) -> Result<(), CallError> {
        self.hook(self.plugin.vtable.uninstall, Operation::Uninstall)
    }

    /// Hands the plugin a new configuration (JSON); if the plugin rejects it,
    /// it keeps the old one.
    ///
    /// # Errors
    ///
    /// As [`install`](Self::install); an invalid configuration is a
    /// [`CallError::Plugin`] of kind [`ErrorKind::InvalidConfig`](crate::ErrorKind::InvalidConfig).
    pub fn set_config(&mut self, config: &serde_json::Value) -> Result<(), CallError> {
        self.check(&Operation::ConfigChanged)?;
        let _frame = self.frame();
        let config = config.to_string();
        let mut error = RBuf::empty();
        // SAFETY: a live instance of this vtable, not used concurrently
        // (`&mut self`); arguments outlive the call.
        let status = unsafe {
            (self.plugin.vtable.config_changed)(self.raw, RStr::from_str(&config), &mut error)
        };
        self.outcome(status, &error, Operation::ConfigChanged)
    }

    /// Runs `command` with raw input bytes; the instance must be active.
    ///
    /// # Errors
    ///
    /// As [`install`](Self::install).
    pub fn call(&mut self, command: &str, input: &[u8]) -> Result<Output, CallError> {
        if self.phase != Phase::Active {
            self.check(&Operation::Call(command.to_owned()))?;
        }
        self.plugin.check_usable()?;
        let _frame = self.frame();
        let mut output = RBuf::empty();
        // SAFETY: as in `set_config`.
        let status = unsafe {
            (self.plugin.vtable.call)(
                self.raw,
                RStr::from_str(command),
                RBytes::from_slice(input),
                &mut output,
            )
        };
        if status.is_ok() {
            return Output::new(output, &self.plugin).ok_or_else(|| {
                self.plugin.broken(format!(
                    "command '{command}' returned a null buffer with a non-zero length"
                ))
            });
        }
        Err(self
            .plugin
            .error(Operation::Call(command.to_owned()), status, &output))
    }

    /// Runs `command` with `input` as JSON and reads its JSON output.
    ///
    /// # Errors
    ///
    /// As [`call`](Self::call), and [`CallError::Json`] if the input cannot be
    /// written or the output read as `O`.
    pub fn call_json<I: Serialize + ?Sized, O: DeserializeOwned>(
        &mut self,
        command: &str,
        input: &I,
    ) -> Result<O, CallError> {
        let plugin = Arc::clone(&self.plugin);
        let json_error = |what, source| CallError::Json {
            plugin: plugin.info.name.clone(),
            operation: Operation::Call(command.to_owned()),
            what,
            source,
        };
        let input = serde_json::to_vec(input).map_err(|e| json_error("input", e))?;
        let output = self.call(command, &input)?;
        output.json().map_err(|e| json_error("output", e))
    }

    fn hook(&mut self, hook: HookFn, operation: Operation) -> Result<(), CallError> {
        let next = self.check(&operation)?;
        let _frame = self.frame();
        let mut error = RBuf::empty();
        // SAFETY: as in `set_config`.
        let status = unsafe { hook(self.raw, &mut error) };
        if status.is_ok() || operation == Operation::Deactivate {
            self.phase = next;
        }
        self.outcome(status, &error, operation)
    }

    /// Marks a call into the plugin on this thread's call stack, so that
    /// events it publishes wait for the call to return.
    fn frame(&self) -> hub::Frame {
        hub::enter_instance(&self.context.plugin)
    }

    /// The phase `operation` leads to, if it is allowed now and the plugin
    /// has not failed.
    fn check(&self, operation: &Operation) -> Result<Phase, CallError> {
        self.plugin.check_usable()?;
        self.phase
            .after(operation)
            .map_err(|hint| CallError::WrongPhase {
                plugin: self.plugin.info.name.clone(),
                operation: operation.clone(),
                phase: self.phase,
                hint,
            })
    }

    fn outcome(&self, status: Status, error: &RBuf, operation: Operation) -> Result<(), CallError> {
        if status.is_ok() {
            Ok(())
        } else {
            Err(self.plugin.error(operation, status, error))
        }
    }
}

impl Drop for Instance {
    fn drop(&mut self) {
        let _frame = self.frame();
        let mut error = RBuf::empty();
        // SAFETY: a live instance, destroyed exactly once, here; its
        // `HostApi` is still alive since fields drop after this.
        let status = unsafe { (self.plugin.vtable.destroy)(self.raw, &mut error) };
        if !status.is_ok() {
            let error = self.plugin.error(Operation::Destroy, status, &error);
            tracing::warn!(plugin = %self.plugin.info.name, "{error}");
        }
    }
}

impl std::fmt::Debug for Instance {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Instance")
            .field("plugin", &self.plugin.info.name)
            .finish_non_exhaustive()
    }
}
