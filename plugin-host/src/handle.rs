//! A shareable handle to a plugin's live instance, which a hot reload can
//! point at a new instance while calls are running.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError, RwLock};

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::{CallError, Instance, Output, Phase, PluginInfo, hub};

/// A handle to the live instance of one plugin, shareable between threads.
///
/// Calls through the handle are serialized per plugin (an instance never
/// runs two calls at once) and may come from any thread. When the plugin is
/// hot-reloaded, the handle moves to the new instance: a call that started
/// on the old one finishes there, every call that starts afterwards runs on
/// the new one, and no call sees a plugin half swapped.
///
/// A call that would enter the plugin while it is already running on the
/// same thread (a host service it called, calling it back) is refused with
/// [`CallError::Reentrant`] instead of deadlocking.
///
/// Get one from [`PluginManager::handle`](crate::manager::PluginManager::handle).
pub struct PluginHandle {
    name: Arc<str>,
    current: RwLock<Arc<Slot>>,
}

/// One instance behind the handle, and whether a reload has replaced it.
pub(crate) struct Slot {
    instance: Mutex<Instance>,
    retired: AtomicBool,
}

impl PluginHandle {
    pub(crate) fn new(instance: Instance) -> Arc<PluginHandle> {
        Arc::new(PluginHandle {
            name: Arc::from(instance.name()),
            current: RwLock::new(Slot::new(instance)),
        })
    }

    /// The plugin's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Runs `f` on the current instance, waiting while another call on this
    /// plugin runs.
    ///
    /// # Panics
    ///
    /// If the plugin is already running on this thread, where waiting would
    /// deadlock; [`try_with`](Self::try_with) returns an error instead.
    pub fn with<R>(&self, f: impl FnOnce(&mut Instance) -> R) -> R {
        self.try_with(f).unwrap_or_else(|error| panic!("{error}"))
    }

    /// Runs `f` on the current instance, waiting while another call on this
    /// plugin runs. Events the plugin publishes meanwhile are delivered
    /// after `f` returns and the instance is released, if this is the
    /// outermost plugin call on this thread.
    ///
    /// # Errors
    ///
    /// [`CallError::Reentrant`] if the plugin is already running on this
    /// thread, with the calls that led back to it.
    pub fn try_with<R>(&self, f: impl FnOnce(&mut Instance) -> R) -> Result<R, CallError> {
        let frame = hub::enter(&self.name)?;
        let result = loop {
            let slot = Arc::clone(&self.current.read().unwrap_or_else(PoisonError::into_inner));
            let mut instance = slot.lock();
            // A reload retires the slot while holding its lock, so a call
            // that waited for the lock sees the flag and moves on to the
            // instance that replaced it.
            if !slot.retired.load(Ordering::Acquire) {
                break f(&mut instance);
            }
        };
        // Leaving the frame may deliver queued events, to this plugin too,
        // so it happens only after the instance's lock is released.
        drop(frame);
        Ok(result)
    }

    /// Runs `command` with raw input bytes; see [`Instance::call`].
    ///
    /// # Errors
    ///
    /// As [`Instance::call`].
    pub fn call(&self, command: &str, input: &[u8]) -> Result<Output, CallError> {
        self.try_with(|instance| instance.call(command, input))?
    }

    /// Runs `command` with JSON input and output; see [`Instance::call_json`].
    ///
    /// # Errors
    ///
    /// As [`Instance::call_json`].
    pub fn call_json<I: Serialize + ?Sized, O: DeserializeOwned>(
        &self,
        command: &str,
        input: &I,
    ) -> Result<O, CallError> {
        self.try_with(|instance| instance.call_json(command, input))?
    }

    /// What the host knows about the plugin now running behind the handle.
    pub fn info(&self) -> PluginInfo {
        self.with(|instance| instance.info().clone())
    }

    /// The current instance's lifecycle phase.
    pub fn phase(&self) -> Phase {
        self.with(|instance| instance.phase())
    }

    /// Replaces the instance: `prepare` gets the current instance, locked so
    /// that no call runs on it, and returns its successor, or an error after
    /// putting the current instance back the way it was. On success, calls
    /// waiting for the old instance go to the new one; the old one is
    /// destroyed once no call holds it.
    #[expect(
        dead_code,
        reason = "PluginManager::reload uses it; remove this when it lands"
    )]
    pub(crate) fn replace<E>(
        &self,
        prepare: impl FnOnce(&mut Instance) -> Result<Instance, E>,
    ) -> Result<(), E> {
        // Events published while the old instance is locked must wait until
        // it is released: one of them may go to this plugin.
        let deferred = hub::defer_events();
        let old = Arc::clone(&self.current.read().unwrap_or_else(PoisonError::into_inner));
        let mut instance = old.lock();
        let successor = prepare(&mut instance)?;
        *self.current.write().unwrap_or_else(PoisonError::into_inner) = Slot::new(successor);
        old.retired.store(true, Ordering::Release);
        drop(instance);
        drop(deferred);
        Ok(())
    }
}

impl Slot {
    fn new(instance: Instance) -> Arc<Slot> {
        Arc::new(Slot {
            instance: Mutex::new(instance),
            retired: AtomicBool::new(false),
        })
    }

    /// Locks the instance. A panic while it was locked happened in host
    /// code (plugin panics are caught at the boundary), so the instance
    /// itself is intact and the poison is ignored.
    fn lock(&self) -> std::sync::MutexGuard<'_, Instance> {
        self.instance.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl std::fmt::Debug for PluginHandle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PluginHandle")
            .field("name", &self.name)
            .finish_non_exhaustive()
    }
}
