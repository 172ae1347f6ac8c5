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
    static PENDING: RefCell<Pending> = const {
        RefCell::new(Pending {
            events: VecDeque::new(),
            delivering: false,
        })
    };
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
    let _ = PENDING.try_with(|pending| {
        if let Some(event) = event.take() {
            pending.borrow_mut().events.push_back(event);
        }
    });
    event.map_or(Ok(()), Err)
}

/// Runs `deliver` as the start of a delivery on this thread, then delivers
/// whatever it queued, in order. Called with a delivery already under way,
/// it only runs `deliver`: the loop that is under way delivers the rest.
pub(crate) fn delivering<R>(deliver: impl FnOnce() -> R) -> R {
    let deferred = defer();
    let result = deliver();
    drop(deferred);
    result
}

/// Holds back delivery on this thread until the guard is dropped, which
/// then delivers what was queued meanwhile (unless an outer guard or loop is
/// holding it back too, or a plugin call is running, whose end delivers).
///
/// Whoever keeps plugin instances locked across several calls into them
/// (a hot reload swapping instances) holds one: a call ending there must
/// not deliver an event to one of the locked plugins, which would wait for
/// its own thread's lock.
pub(crate) fn defer() -> Deferred {
    let claimed = PENDING
        .try_with(|pending| !std::mem::replace(&mut pending.borrow_mut().delivering, true))
        .unwrap_or(false);
    Deferred { claimed }
}

/// See [`defer`].
#[must_use = "delivery is held back as long as the guard lives"]
pub(crate) struct Deferred {
    claimed: bool,
}

impl Drop for Deferred {
    fn drop(&mut self) {
        if !self.claimed {
            return;
        }
        let _release = Release;
        if std::thread::panicking() {
            drop_pending();
            return;
        }
        // Inside a plugin call the events wait for it, as always: the
        // outermost call's end delivers them.
        if !call_stack::is_empty() {
            return;
        }
        while let Some(event) = next() {
            let report = event.hub.deliver(&event.topic, &event.payload);
            event.hub.keep_failures(report.failed);
        }
    }
}

/// Delivers the events queued on this thread; called when the outermost
/// plugin call returns.
pub(crate) fn deliver_pending() {
    // Every outermost plugin call ends here; almost always nothing is
    // queued, and that is one look at this thread's queue.
    let idle = PENDING
        .try_with(|pending| pending.borrow().events.is_empty())
        .unwrap_or(true);
    if !idle {
        drop(defer());
    }
}

/// Drops the queued events: running plugin code while the host unwinds
/// from a panic could abort the process with a second panic.
fn drop_pending() {
    let dropped = PENDING
        .try_with(|pending| std::mem::take(&mut pending.borrow_mut().events))
        .unwrap_or_default();
    for event in dropped {
        tracing::error!(topic = %event.topic, "event dropped: the thread is unwinding from a panic");
    }
}

fn next() -> Option<Queued> {
    PENDING
        .try_with(|pending| pending.borrow_mut().events.pop_front())
        .ok()
        .flatten()
}

/// Ends a delivery loop, even if something unwinds through it.
struct Release;

impl Drop for Release {
    fn drop(&mut self) {
        let _ = PENDING.try_with(|pending| pending.borrow_mut().delivering = false);
    }
}
