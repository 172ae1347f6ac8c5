use serde::de::DeserializeOwned;

use crate::PluginError;
use crate::command::read_json;

/// One event delivered to a subscriber: its topic and its JSON payload.
///
/// A plugin subscribes with `#[plugin(subscribe("orders.created"))]` and
/// receives events in [`Plugin::on_event`](crate::Plugin::on_event); it
/// publishes with [`Context::publish`](crate::Context::publish).
#[derive(Debug, Clone, Copy)]
pub struct Event<'a> {
    topic: &'a str,
    payload: &'a [u8],
}

impl<'a> Event<'a> {
    /// An event; hosts and tests build these, plugins receive them.
    pub fn new(topic: &'a str, payload: &'a [u8]) -> Self {
        Event { topic, payload }
    }

    /// The topic it was published under.
    pub fn topic(&self) -> &'a str {
        self.topic
    }

    /// The raw payload bytes (JSON).
    pub fn payload_bytes(&self) -> &'a [u8] {
        self.payload
    }

    /// The payload read as JSON into `T`.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidInput`](crate::ErrorKind::InvalidInput) naming the
    /// topic and what was wrong with the payload.
    pub fn payload<T: DeserializeOwned>(&self) -> Result<T, PluginError> {
        read_json(self.payload, || {
            format!("payload for event '{}'", self.topic)
        })
    }
}

/// Whether `topic` is matched by `subscription`: the same topic, a prefix
/// ending in `.*` (`orders.*` matches `orders.created` and
/// `orders.paid.late`, not `orders`), or `*` for every topic.
///
/// ```
/// use plugin_api::topic_matches;
///
/// assert!(topic_matches("orders.*", "orders.created"));
/// assert!(!topic_matches("orders.*", "orders"));
/// assert!(topic_matches("*", "anything"));
/// assert!(!topic_matches("orders.created", "orders.paid"));
/// ```
pub fn topic_matches(subscription: &str, topic: &str) -> bool {
    match subscription.strip_suffix('*') {
        Some("") => true,
        Some(prefix) if prefix.ends_with('.') => {
            topic.len() > prefix.len() && topic.starts_with(prefix)
        }
        _ => subscription == topic,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn payload_reads_json_and_names_the_topic_when_it_cannot() {
        let event = Event::new("orders.created", br#"{"id":7}"#);
        let value: serde_json::Value = event.payload().unwrap();
        assert_eq!(value["id"], 7);
        let error = Event::new("orders.created", b"{")
            .payload::<serde_json::Value>()
            .unwrap_err();
        assert!(
            error
                .message()
                .starts_with("invalid payload for event 'orders.created'"),
            "{error}"
        );
    }

    #[test]
    fn prefixes_match_only_below_their_dot() {
        assert!(topic_matches("orders.*", "orders.paid.late"));
        assert!(!topic_matches("orders.*", "ordersx.paid"));
        assert!(!topic_matches("orders*", "orders.paid"));
        assert!(topic_matches("orders", "orders"));
    }
}
