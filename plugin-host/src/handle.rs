//! A shareable handle to a plugin's live instance, which a hot reload can
//! point at a new instance while calls are running.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError, RwLock, TryLockError};

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

    /// Replaces the instances behind `handles` together. `prepare` gets the
    /// current instances, in the order of `handles` and all locked so that
    /// no call runs on any of them, and returns their successors in the same
    /// order, or an error after putting the current instances back the way
    /// they were. On success every handle moves to its successor at once:
    /// calls waiting for an old instance go to the new one, and each old one
    /// is destroyed once no call holds it.
    ///
    /// `prepare` must return one successor per handle; anything else is a
    /// bug in the caller and panics.
    pub(crate) fn replace<E>(
        handles: &[&PluginHandle],
        prepare: impl FnOnce(&mut [&mut Instance]) -> Result<Vec<Instance>, E>,
    ) -> Result<(), E> {
        // Events published while the old instances are locked must wait
        // until they are released: one of them may go to these plugins.
        let deferred = hub::defer_events();
        let slots: Vec<Arc<Slot>> = handles.iter().map(|h| h.current_slot()).collect();
        let mut guards = lock_all(&slots);
        let mut current: Vec<&mut Instance> = guards.iter_mut().map(|g| &mut **g).collect();
        let successors = prepare(&mut current)?;
        assert_eq!(
            successors.len(),
            handles.len(),
            "PluginHandle::replace needs one successor per handle"
        );
        for ((handle, slot), successor) in handles.iter().zip(&slots).zip(successors) {
            *handle
                .current
                .write()
                .unwrap_or_else(PoisonError::into_inner) = Slot::new(successor);
            slot.retired.store(true, Ordering::Release);
        }
        drop(current);
        drop(guards);
        drop(deferred);
        Ok(())
    }

    fn current_slot(&self) -> Arc<Slot> {
        Arc::clone(&self.current.read().unwrap_or_else(PoisonError::into_inner))
    }
}

/// Locks every slot. Only the first lock blocks: waiting for the others
/// while holding it could deadlock with a call that holds one of them and
/// calls into the first plugin (a service call), so when one is busy every
/// lock is let go and taken again a moment later.
fn lock_all(slots: &[Arc<Slot>]) -> Vec<MutexGuard<'_, Instance>> {
    loop {
        let mut guards = Vec::with_capacity(slots.len());
        let mut slots_left = slots.iter();
        if let Some(first) = slots_left.next() {
            guards.push(first.lock());
        }
        let all = slots_left.all(|slot| match slot.instance.try_lock() {
            Ok(guard) => {
                guards.push(guard);
                true
            }
            Err(TryLockError::Poisoned(poisoned)) => {
                guards.push(poisoned.into_inner());
                true
            }
            Err(TryLockError::WouldBlock) => false,
        });
        if all {
            return guards;
        }
        drop(guards);
        std::thread::yield_now();
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
    fn lock(&self) -> MutexGuard<'_, Instance> {
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
