//! What publishing an event did: who received it and who failed.

use plugin_api::PluginError;

use super::SubscriptionId;
use crate::CallError;

/// What [`Hub::publish`](super::Hub::publish) did with one event.
#[derive(Debug)]
#[non_exhaustive]
pub struct DeliveryReport {
    /// The event's topic.
    pub topic: String,
    /// Whether the event was queued rather than delivered: it was published
    /// while a plugin call was running on this thread (from a host service,
    /// say), so it is delivered when that call returns, and its failures go
    /// to [`Hub::take_delivery_failures`](super::Hub::take_delivery_failures).
    pub queued: bool,
    /// The subscribers that received it, in delivery order: active plugins
    /// by name, then the host's subscribers in the order they subscribed.
    pub delivered: Vec<Recipient>,
    /// The subscribers that failed, in the same order; each failure stopped
    /// only its own delivery.
    pub failed: Vec<DeliveryFailure>,
}

impl DeliveryReport {
    pub(crate) fn new(topic: &str) -> DeliveryReport {
        DeliveryReport {
            topic: topic.to_owned(),
            queued: false,
            delivered: Vec::new(),
            failed: Vec::new(),
        }
    }

    /// Whether every subscriber received the event (or it was queued).
    pub fn is_complete(&self) -> bool {
        self.failed.is_empty()
    }
}

/// A subscriber an event was delivered to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Recipient {
    /// An active plugin, by name.
    Plugin(String),
    /// One of the host's own subscribers.
    Host(SubscriptionId),
}

impl std::fmt::Display for Recipient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Recipient::Plugin(name) => write!(f, "plugin '{name}'"),
            Recipient::Host(id) => write!(f, "host subscriber {id}"),
        }
    }
}

/// One subscriber that did not take an event.
#[derive(Debug, thiserror::Error)]
#[error("{recipient} failed to take event '{topic}': {error}")]
#[non_exhaustive]
pub struct DeliveryFailure {
    /// The event's topic.
    pub topic: String,
    /// Who failed.
    pub recipient: Recipient,
    /// How.
    pub error: DeliveryError,
}

/// How a subscriber failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DeliveryError {
    /// A plugin returned an error, panicked (and is now marked failed and
    /// takes no more events), or could not be called.
    #[error(transparent)]
    Plugin(CallError),
    /// A host subscriber returned an error.
    #[error("{0}")]
    Host(PluginError),
    /// A host subscriber panicked; the panic was caught.
    #[error("it panicked: {0}")]
    HostPanicked(String),
}
