//! What an active instance does for other plugins and the host: answer
//! service calls, receive events, take part in hook points.

use plugin_api::HookFlow;
use plugin_api::abi::{HOOK_REPLACE, HOOK_STOP, RBuf, RBytes, RStr};

use super::Instance;
use crate::{CallError, Operation, Output};

impl Instance {
    /// Calls `method` of `service`, a service the plugin provides; the
    /// instance must be active.
    ///
    /// # Errors
    ///
    /// The plugin's error, [`CallError::WrongPhase`], [`CallError::Panicked`]
    /// or [`CallError::Failed`] (also when the library has no `serve` entry).
    pub fn serve(
        &mut self,
        service: &str,
        method: &str,
        input: &[u8],
    ) -> Result<Output, CallError> {
        let operation = Operation::Serve {
            service: service.to_owned(),
            method: method.to_owned(),
        };
        self.check(&operation)?;
        let Some(serve) = self.plugin.vtable.serve else {
            return Err(self.plugin.unsupported(operation, "serve"));
        };
        let _frame = self.frame();
        let mut output = RBuf::empty();
        // SAFETY: a live instance of this vtable, not used concurrently
        // (`&mut self`); arguments outlive the call.
        let status = unsafe {
            serve(
                self.raw,
                RStr::from_str(service),
                RStr::from_str(method),
                RBytes::from_slice(input),
                &mut output,
            )
        };
        if !status.is_ok() {
            return Err(self.plugin.error(operation, status, &output));
        }
        Output::new(output, &self.plugin).ok_or_else(|| {
            self.plugin.broken(format!(
                "service '{service}' returned a null buffer with a non-zero length"
            ))
        })
    }

    /// Delivers an event with a JSON payload; the instance must be active.
    ///
    /// # Errors
    ///
    /// As [`serve`](Self::serve), with `on_event` for `serve`.
    pub fn deliver_event(&mut self, topic: &str, payload: &[u8]) -> Result<(), CallError> {
        let operation = Operation::Event(topic.to_owned());
        self.check(&operation)?;
        let Some(on_event) = self.plugin.vtable.on_event else {
            return Err(self.plugin.unsupported(operation, "on_event"));
        };
        let _frame = self.frame();
        let mut error = RBuf::empty();
        // SAFETY: as in `serve`.
        let status = unsafe {
            on_event(
                self.raw,
                RStr::from_str(topic),
                RBytes::from_slice(payload),
                &mut error,
            )
        };
        self.outcome(status, &error, operation)
    }

    /// Runs the plugin's part of hook point `point` on a JSON payload; the
    /// instance must be active. The flow says whether the plugin replaced
    /// the payload and whether the chain stops.
    ///
    /// # Errors
    ///
    /// As [`serve`](Self::serve), with `on_hook` for `serve`.
    pub fn run_hook(&mut self, point: &str, payload: &[u8]) -> Result<HookFlow, CallError> {
        let operation = Operation::Hook(point.to_owned());
        self.check(&operation)?;
        let Some(on_hook) = self.plugin.vtable.on_hook else {
            return Err(self.plugin.unsupported(operation, "on_hook"));
        };
        let _frame = self.frame();
        let mut output = RBuf::empty();
        let mut flow = 0u32;
        // SAFETY: as in `serve`; `flow` is a valid, zeroed `u32`.
        let status = unsafe {
            on_hook(
                self.raw,
                RStr::from_str(point),
                RBytes::from_slice(payload),
                &mut output,
                &mut flow,
            )
        };
        if !status.is_ok() {
            return Err(self.plugin.error(operation, status, &output));
        }
        let unknown = flow & !(HOOK_REPLACE | HOOK_STOP);
        if unknown != 0 {
            return Err(self.plugin.broken(format!(
                "hook point '{point}' returned flow bits {unknown:#x} that this host does not know"
            )));
        }
        let mut decided = if flow & HOOK_REPLACE != 0 {
            let bytes = output.as_slice().ok_or_else(|| {
                self.plugin.broken(format!(
                    "hook point '{point}' returned a null payload with a non-zero length"
                ))
            })?;
            HookFlow::replace_bytes(bytes.to_vec())
        } else {
            HookFlow::proceed()
        };
        if flow & HOOK_STOP != 0 {
            decided = decided.stop();
        }
        Ok(decided)
    }
}
