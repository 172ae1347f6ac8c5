//! The state hand-over between an old and a new instance of a plugin during
//! a hot reload.

use plugin_api::abi::{RBuf, RBytes};

use super::Instance;
use crate::{CallError, Operation};

impl Instance {
    /// Asks the plugin for the state a new instance should start from; empty
    /// when it has none or its library has no `save_state` entry.
    ///
    /// # Errors
    ///
    /// The plugin's error, [`CallError::Panicked`] or [`CallError::Failed`].
    pub fn save_state(&mut self) -> Result<Vec<u8>, CallError> {
        self.check(&Operation::SaveState)?;
        let Some(save) = self.plugin.vtable.save_state else {
            return Ok(Vec::new());
        };
        let _frame = self.frame();
        let mut state = RBuf::empty();
        // SAFETY: a live instance of this vtable, not used concurrently
        // (`&mut self`); `state` is an initialized buffer it may replace.
        let status = unsafe { save(self.raw, &mut state) };
        if !status.is_ok() {
            return Err(self.plugin.error(Operation::SaveState, status, &state));
        }
        state.as_slice().map(<[u8]>::to_vec).ok_or_else(|| {
            self.plugin
                .broken("save_state returned a null buffer with a non-zero length".to_owned())
        })
    }

    /// Hands the plugin the state its predecessor saved; does nothing for
    /// empty state or a library without a `restore_state` entry. The
    /// instance must be installed or inactive, not active yet.
    ///
    /// # Errors
    ///
    /// As [`save_state`](Self::save_state), and [`CallError::WrongPhase`].
    pub fn restore_state(&mut self, state: &[u8]) -> Result<(), CallError> {
        self.check(&Operation::RestoreState)?;
        let Some(restore) = self.plugin.vtable.restore_state else {
            return Ok(());
        };
        if state.is_empty() {
            return Ok(());
        }
        let _frame = self.frame();
        let mut error = RBuf::empty();
        // SAFETY: as in `save_state`; `state` outlives the call.
        let status = unsafe { restore(self.raw, RBytes::from_slice(state), &mut error) };
        self.outcome(status, &error, Operation::RestoreState)
    }
}
