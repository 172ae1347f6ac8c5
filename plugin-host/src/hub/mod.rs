//! The hub: where plugins and the host meet. It routes service calls to the
//! host's services or to the active plugin providing them, delivers events to
//! subscribers, runs hook points, and refuses calls that would re-enter a
//! plugin already running on the same thread. See `docs/cooperation.md`.

mod call_stack;
mod error;
mod events;
mod hooks;
mod queue;
mod registry;
mod report;
mod services;
mod subscribers;

use std::collections::BTreeSet;
use std::sync::{Mutex, RwLock};

pub(crate) use call_stack::{Frame, enter, enter_instance};
pub use error::HubError;
pub use hooks::HookOutcome;
pub(crate) use queue::defer as defer_events;
pub use report::{DeliveryError, DeliveryFailure, DeliveryReport, Recipient};
pub(crate) use services::Caller;
pub use services::Provider;
pub use subscribers::{EventHandler, SubscriptionId};

use crate::Services;

/// Where plugins and the host meet, shared by the host and every instance.
///
/// - **Services.** [`call_service`](Self::call_service) reaches a host
///   service or the active plugin providing the service; plugins reach the
///   same through `ctx.service(..)`. A plugin may call host services and the
///   services of plugins it depends on.
/// - **Events.** [`publish`](Self::publish) delivers to every active plugin
///   subscribed to the topic and to the host's own
///   [`subscribe`](Self::subscribe)rs. Events a plugin publishes are
///   delivered after the outermost plugin call on that thread returns.
/// - **Hook points.** [`run_hook`](Self::run_hook) runs the active plugins
///   taking part in a hook point the host declared, in priority order.
/// - **Re-entrancy.** A call that would enter a plugin already running on
///   the same thread is refused with
///   [`CallError::Reentrant`](crate::CallError::Reentrant) instead of
///   deadlocking.
///
/// [`PluginManager`](crate::PluginManager) registers each plugin when it
/// activates it and unregisters it when it deactivates it. Get the hub from
/// [`Host::hub`](crate::Host::hub).
pub struct Hub {
    host_services: Services,
    hook_points: RwLock<BTreeSet<String>>,
    registry: RwLock<registry::Registry>,
    subscribers: RwLock<subscribers::HostSubscribers>,
    failures: Mutex<events::Failures>,
}

impl Hub {
    /// A hub offering the host's `services` and declaring `hook_points`
    /// (names checked already), with no plugins registered.
    pub(crate) fn new(services: Services, hook_points: BTreeSet<String>) -> Hub {
        Hub {
            host_services: services,
            hook_points: RwLock::new(hook_points),
            registry: RwLock::default(),
            subscribers: RwLock::default(),
            failures: Mutex::default(),
        }
    }

    /// The host's own services.
    pub fn host_services(&self) -> &Services {
        &self.host_services
    }
}

impl std::fmt::Debug for Hub {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Hub")
            .field("services", &self.services())
            .field("hook_points", &self.hook_points())
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests;
