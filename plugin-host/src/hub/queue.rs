//! Events waiting on this thread for the plugin calls that published them to
//! return, and the one loop that delivers them.
//!
//! The rule: an event published while a plugin call runs on this thread is
//! queued, and the queue is delivered when the outermost call returns, in
//! the order the events were published. Events published while the queue is
//! being delivered (by a subscriber, say) join its end, so delivery is
//! breadth-first and no subscriber ever receives an event in the middle of
//! one of its own calls.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::sync::Arc;

use super::Hub;
use super::call_stack;

/// An event waiting to be delivered.
pub(crate) struct Queued {
    pub(crate) hub: Arc<Hub>,
    pub(crate) topic: String,
    pub(crate) payload: Vec<u8>,
}

#[derive(Default)]
struct Pending {
    events: VecDeque<Queued>,
    /// Set while this thread runs the delivery loop, so that calls ending
    /// inside it leave their events to the loop instead of starting another.
    delivering: bool,
}

thread_local! {
    static PENDING: RefCell<Pending> = RefCell::new(Pending::default());
}

/// Whether an event published now can be delivered at once: no plugin call
/// is running on this thread and no delivery is under way.
pub(crate) fn can_deliver_now() -> bool {
    call_stack::is_empty()
        && PENDING
            .try_with(|pending| !pending.borrow().delivering)
            .unwrap_or(false)
}

/// Queues an event for delivery when the outermost call on this thread
/// returns. Returns the event back if the thread is being torn down.
pub(crate) fn push(event: Queued) -> Result<(), Queued> {
    let mut event = Some(event);
    let queued = PENDING.try_with(|pending| {
        if let Some(event) = event.take() {
            pending.borrow_mut().events.push_back(event);
        }
    });
    match (queued, event) {
        (Ok(()), _) | (Err(_), None) => Ok(()),
        (Err(_), Some(event)) => Err(event),
    }
}

/// Runs `deliver` as the start of a delivery on this thread, then delivers
/// whatever it queued, in order. Called with a delivery already under way,
/// it only runs `deliver`: the loop that is under way delivers the rest.
pub(crate) fn delivering<R>(deliver: impl FnOnce() -> R) -> R {
    let claimed = PENDING
        .try_with(|pending| !std::mem::replace(&mut pending.borrow_mut().delivering, true))
        .unwrap_or(false);
    if !claimed {
        return deliver();
    }
    let _release = Release;
    let result = deliver();
    while let Some(event) = next() {
        let report = event.hub.deliver(&event.topic, &event.payload);
        event.hub.keep_failures(report.failed);
    }
    result
}

/// Delivers the events queued on this thread; called when the outermost
/// plugin call returns.
pub(crate) fn deliver_pending() {
    if std::thread::panicking() {
        // Running plugin code while the host unwinds could abort the process
        // with a second panic; the events are dropped, loudly.
        let dropped = PENDING
            .try_with(|pending| std::mem::take(&mut pending.borrow_mut().events))
            .unwrap_or_default();
        for event in dropped {
            tracing::error!(topic = %event.topic, "event dropped: the thread is unwinding from a panic");
        }
        return;
    }
    delivering(|| ());
}

fn next() -> Option<Queued> {
    PENDING
        .try_with(|pending| pending.borrow_mut().events.pop_front())
        .ok()
        .flatten()
}

/// Ends a delivery loop, even if a host subscriber's panic unwinds through it.
struct Release;

impl Drop for Release {
    fn drop(&mut self) {
        let _ = PENDING.try_with(|pending| pending.borrow_mut().delivering = false);
    }
}
