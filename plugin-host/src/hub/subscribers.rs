//! The host's own event subscribers: closures, each with a topic pattern.

use std::sync::{Arc, PoisonError};

use plugin_api::{Event, PluginError, topic_matches};

use super::Hub;
use crate::{InvalidChannelName, check_subscription};

/// A host subscriber: gets each event whose topic its pattern matches.
pub type EventHandler = dyn Fn(Event<'_>) -> Result<(), PluginError> + Send + Sync;

/// Names one of the host's subscriptions, to [`Hub::unsubscribe`] it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SubscriptionId(u64);

impl std::fmt::Display for SubscriptionId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "#{}", self.0)
    }
}

/// The host's subscriptions, in the order they were made.
#[derive(Default)]
pub(crate) struct HostSubscribers {
    next: u64,
    list: Vec<(SubscriptionId, String, Arc<EventHandler>)>,
}

impl HostSubscribers {
    /// The subscribers whose pattern matches `topic`, in order.
    pub(crate) fn matching(&self, topic: &str) -> Vec<(SubscriptionId, Arc<EventHandler>)> {
        self.list
            .iter()
            .filter(|(_, pattern, _)| topic_matches(pattern, topic))
            .map(|(id, _, handler)| (*id, Arc::clone(handler)))
            .collect()
    }
}

impl Hub {
    /// Subscribes `handler` to the events whose topic matches `pattern`: a
    /// topic (`orders.created`), a prefix ending in `.*` (`orders.*`) or `*`.
    /// Host subscribers get each event after the plugins subscribed to it;
    /// an error or a panic in one is reported and does not stop the others.
    ///
    /// ```
    /// use plugin_host::Host;
    ///
    /// let host = Host::new("1.0.0".parse().unwrap());
    /// let id = host
    ///     .hub()
    ///     .subscribe("orders.*", |event| {
    ///         println!("{}: {} bytes", event.topic(), event.payload_bytes().len());
    ///         Ok(())
    ///     })
    ///     .unwrap();
    /// let report = host.hub().publish("orders.created", &7).unwrap();
    /// assert_eq!(report.delivered, [plugin_host::Recipient::Host(id)]);
    /// ```
    ///
    /// # Errors
    ///
    /// [`InvalidChannelName`] if the pattern breaks the naming rules.
    pub fn subscribe(
        &self,
        pattern: &str,
        handler: impl Fn(Event<'_>) -> Result<(), PluginError> + Send + Sync + 'static,
    ) -> Result<SubscriptionId, InvalidChannelName> {
        check_subscription(pattern)?;
        let mut subscribers = self
            .subscribers
            .write()
            .unwrap_or_else(PoisonError::into_inner);
        subscribers.next += 1;
        let id = SubscriptionId(subscribers.next);
        subscribers
            .list
            .push((id, pattern.to_owned(), Arc::new(handler)));
        Ok(id)
    }

    /// Ends a subscription; returns whether it existed.
    pub fn unsubscribe(&self, id: SubscriptionId) -> bool {
        let mut subscribers = self
            .subscribers
            .write()
            .unwrap_or_else(PoisonError::into_inner);
        let before = subscribers.list.len();
        subscribers.list.retain(|(existing, _, _)| *existing != id);
        subscribers.list.len() != before
    }
}
