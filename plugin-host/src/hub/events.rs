//! The event bus: publishing by topic, delivery to every matching active
//! plugin and host subscriber, each delivery isolated from the others'
//! failures.

use std::collections::VecDeque;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::{Arc, PoisonError};

use plugin_api::{Event, topic_matches};
use serde::Serialize;
use serde::de::IgnoredAny;

use super::queue::{self, Queued};
use super::{DeliveryError, DeliveryFailure, DeliveryReport, Hub, HubError, Recipient};
use crate::check_channel_name;

/// How many failures of queued deliveries the hub keeps for
/// [`Hub::take_delivery_failures`]; older ones are dropped (they were
/// logged when they happened).
const KEPT_FAILURES: usize = 256;

impl Hub {
    /// Publishes `payload`, serialized as JSON, under `topic`, and delivers
    /// it to every active plugin whose subscription matches and to every
    /// matching host subscriber.
    ///
    /// Delivery is synchronous: when this returns, every subscriber has had
    /// the event, and the report says who took it and who failed. Plugins
    /// receive it in name order, then host subscribers in the order they
    /// subscribed. Events the subscribers publish meanwhile are delivered
    /// after this one, before this returns.
    ///
    /// Called while a plugin call is running on this thread (from a host
    /// service a plugin called, say), the event is queued instead and
    /// delivered when that call returns, like an event the plugin published
    /// itself; the report then says `queued`.
    ///
    /// # Errors
    ///
    /// [`HubError::InvalidName`] for a topic that breaks the naming rules
    /// (wildcards are for subscriptions only); [`HubError::Json`] if the
    /// payload cannot be serialized.
    pub fn publish<T: Serialize + ?Sized>(
        self: &Arc<Self>,
        topic: &str,
        payload: &T,
    ) -> Result<DeliveryReport, HubError> {
        let payload = serde_json::to_vec(payload).map_err(|source| HubError::Json {
            what: format!("the payload of event '{topic}'"),
            source,
        })?;
        self.publish_checked(topic, payload)
    }

    /// Publishes a payload that is JSON already; see [`publish`](Self::publish).
    ///
    /// # Errors
    ///
    /// As [`publish`](Self::publish), and [`HubError::Json`] if `payload` is
    /// not JSON.
    pub fn publish_raw(
        self: &Arc<Self>,
        topic: &str,
        payload: &[u8],
    ) -> Result<DeliveryReport, HubError> {
        check_channel_name(topic)?;
        check_json(topic, payload)?;
        self.publish_checked(topic, payload.to_vec())
    }

    /// The failures of deliveries nobody got a report for, oldest first:
    /// events plugins published, and events the host published while a
    /// plugin call was running. Taking them clears the record; each was
    /// also logged when it happened, and only the latest 256 are kept.
    pub fn take_delivery_failures(&self) -> Vec<DeliveryFailure> {
        std::mem::take(&mut *self.failures.lock().unwrap_or_else(PoisonError::into_inner)).into()
    }

    /// Publishes an event from plugin `publisher`'s call: queued until the
    /// outermost call on this thread returns, or delivered at once from a
    /// thread where no plugin call runs (a thread the plugin started).
    pub(crate) fn publish_from_plugin(
        self: &Arc<Self>,
        publisher: &str,
        topic: &str,
        payload: &[u8],
    ) -> Result<(), HubError> {
        check_channel_name(topic)?;
        check_json(topic, payload)?;
        let report = self.publish_checked(topic, payload.to_vec())?;
        tracing::trace!(plugin = %publisher, topic, queued = report.queued, "plugin published an event");
        self.keep_failures(report.failed);
        Ok(())
    }

    fn publish_checked(
        self: &Arc<Self>,
        topic: &str,
        payload: Vec<u8>,
    ) -> Result<DeliveryReport, HubError> {
        check_channel_name(topic)?;
        if queue::can_deliver_now() {
            return Ok(queue::delivering(|| self.deliver(topic, &payload)));
        }
        let mut report = DeliveryReport::new(topic);
        report.queued = true;
        if let Err(event) = queue::push(Queued {
            hub: Arc::clone(self),
            topic: topic.to_owned(),
            payload,
        }) {
            tracing::error!(topic = %event.topic, "event dropped: the thread is ending");
        }
        Ok(report)
    }

    /// Delivers one event to its subscribers now, each in isolation.
    pub(crate) fn deliver(&self, topic: &str, payload: &[u8]) -> DeliveryReport {
        let plugins: Vec<(String, Arc<crate::PluginHandle>)> = self
            .registry
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .plugins
            .iter()
            .filter(|(_, r)| r.subscriptions.iter().any(|s| topic_matches(s, topic)))
            .map(|(name, r)| (name.clone(), Arc::clone(&r.handle)))
            .collect();
        let hosts = self
            .subscribers
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .matching(topic);
        let mut report = DeliveryReport::new(topic);
        for (name, handle) in plugins {
            // An earlier subscriber's delivery may have ended this one's
            // registration (a host subscriber deactivating it, say).
            if !self.is_registered(&name) {
                continue;
            }
            let result = handle
                .try_with(|instance| instance.deliver_event(topic, payload))
                .and_then(|delivered| delivered);
            match result {
                Ok(()) => report.delivered.push(Recipient::Plugin(name)),
                Err(error) => {
                    let error = self.note_plugin_error(&name, error);
                    report.failed.push(DeliveryFailure {
                        topic: topic.to_owned(),
                        recipient: Recipient::Plugin(name),
                        error: DeliveryError::Plugin(error),
                    });
                }
            }
        }
        for (id, handler) in hosts {
            let outcome = catch_unwind(AssertUnwindSafe(|| handler(Event::new(topic, payload))));
            let error = match outcome {
                Ok(Ok(())) => {
                    report.delivered.push(Recipient::Host(id));
                    continue;
                }
                Ok(Err(error)) => DeliveryError::Host(error),
                Err(panic) => DeliveryError::HostPanicked(panic_text(panic)),
            };
            report.failed.push(DeliveryFailure {
                topic: topic.to_owned(),
                recipient: Recipient::Host(id),
                error,
            });
        }
        for failure in &report.failed {
            tracing::warn!("{failure}");
        }
        report
    }

    /// Keeps failures nobody got a report for.
    pub(crate) fn keep_failures(&self, failed: Vec<DeliveryFailure>) {
        if failed.is_empty() {
            return;
        }
        let mut kept = self.failures.lock().unwrap_or_else(PoisonError::into_inner);
        kept.extend(failed);
        let excess = kept.len().saturating_sub(KEPT_FAILURES);
        kept.drain(..excess);
    }
}

/// The record of failures, oldest first.
pub(crate) type Failures = VecDeque<DeliveryFailure>;

fn check_json(topic: &str, payload: &[u8]) -> Result<(), HubError> {
    serde_json::from_slice::<IgnoredAny>(payload)
        .map(drop)
        .map_err(|source| HubError::Json {
            what: format!("the payload of event '{topic}'"),
            source,
        })
}

/// The message of a host subscriber's panic.
fn panic_text(payload: Box<dyn std::any::Any + Send>) -> String {
    let text = payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic with a non-string payload".to_owned());
    // A payload whose drop panics must not unwind into the delivery loop.
    let _ = catch_unwind(AssertUnwindSafe(move || drop(payload)));
    text
}
