//! Events: delivery to matching subscribers, failures kept apart, and
//! events published during a plugin call delivered after it returns.

use std::sync::{Arc, Mutex};

use plugin_api::ErrorKind;
use plugin_host::{CallError, DeliveryError, PluginState, Recipient};
use serde_json::json;

use crate::{Coop, entry};

fn plugins(names: &[&str]) -> Vec<Recipient> {
    names
        .iter()
        .map(|n| Recipient::Plugin((*n).to_owned()))
        .collect()
}

#[test]
fn the_host_publishes_to_matching_subscribers_and_failures_stay_apart() {
    let coop = Coop::new(&["audit", "orders", "billing", "grumpy", "crashy"]);
    let hub = coop.hub();
    let host_seen = Arc::new(Mutex::new(Vec::new()));
    let seen = Arc::clone(&host_seen);
    let host = hub
        .subscribe("orders.*", move |event| {
            seen.lock().unwrap().push(event.topic().to_owned());
            Ok(())
        })
        .unwrap();

    let report = hub.publish("orders.created", &json!({ "id": 7 })).unwrap();
    let mut expected = plugins(&["audit", "orders"]);
    expected.push(Recipient::Host(host));
    assert_eq!(report.delivered, expected);
    assert_eq!(report.failed.len(), 1);
    let failure = &report.failed[0];
    assert_eq!(failure.recipient, Recipient::Plugin("grumpy".to_owned()));
    assert!(
        matches!(&failure.error, DeliveryError::Plugin(CallError::Plugin { kind: ErrorKind::Failed, message, .. }) if message == "grumpy refuses new orders"),
        "{failure:?}"
    );

    let report = hub.publish("orders.paid", &json!({ "id": 7 })).unwrap();
    let mut expected = plugins(&["audit", "billing", "grumpy", "orders"]);
    expected.push(Recipient::Host(host));
    assert_eq!(report.delivered, expected, "crashy's panic stopped no one");
    assert_eq!(report.failed.len(), 1);
    assert!(
        matches!(&report.failed[0].error, DeliveryError::Plugin(CallError::Panicked { plugin, message, .. })
            if plugin == "crashy" && message == "panicked: crashy cannot take orders.paid"),
        "{:?}",
        report.failed[0]
    );
    assert_eq!(coop.manager.state("crashy"), Some(PluginState::Failed));
    assert!(!hub.is_registered("crashy"));

    assert_eq!(
        coop.journal.take(),
        [
            entry("audit", "orders.created", json!({ "id": 7 })),
            entry("orders", "orders.created", json!({ "id": 7 })),
            entry("audit", "orders.paid", json!({ "id": 7 })),
            entry("billing", "orders.paid", json!({ "id": 7 })),
            entry("grumpy", "orders.paid", json!({ "id": 7 })),
            entry("orders", "orders.paid", json!({ "id": 7 })),
            // audit's own event, published while it took orders.paid,
            // reached it after every subscriber had taken orders.paid.
            entry("audit", "audit.noted", json!({ "id": 7 })),
        ]
    );
    assert_eq!(
        *host_seen.lock().unwrap(),
        ["orders.created", "orders.paid"]
    );

    let report = hub.publish("orders.paid", &json!({ "id": 8 })).unwrap();
    assert!(
        report.is_complete(),
        "the failed plugin gets no more events"
    );
    assert!(
        !report
            .delivered
            .contains(&Recipient::Plugin("crashy".to_owned()))
    );
}

#[test]
fn events_published_during_a_call_are_delivered_after_it_returns_in_order() {
    let mut coop = Coop::new(&["trip", "audit", "orders", "billing"]);
    let seen_during_the_call = coop.call("trip", "checkout", &json!(null));
    assert_eq!(seen_during_the_call, json!(0));
    assert_eq!(
        coop.journal.take(),
        [
            entry("audit", "orders.created", json!({ "id": 1 })),
            entry("orders", "orders.created", json!({ "id": 1 })),
            entry("audit", "orders.created", json!({ "id": 2 })),
            entry("orders", "orders.created", json!({ "id": 2 })),
            entry("audit", "orders.paid", json!({ "id": 1 })),
            entry("billing", "orders.paid", json!({ "id": 1 })),
            entry("orders", "orders.paid", json!({ "id": 1 })),
            entry("audit", "audit.noted", json!({ "id": 1 })),
        ]
    );
    assert!(coop.hub().take_delivery_failures().is_empty());
}

#[test]
fn failures_of_a_plugins_events_are_kept_for_the_host() {
    let mut coop = Coop::new(&["trip", "grumpy"]);
    coop.call("trip", "checkout", &json!(null));
    let failures = coop.hub().take_delivery_failures();
    assert_eq!(failures.len(), 2, "{failures:?}");
    for failure in &failures {
        assert_eq!(failure.topic, "orders.created");
        assert_eq!(failure.recipient, Recipient::Plugin("grumpy".to_owned()));
    }
    assert_eq!(
        failures[0].to_string(),
        "plugin 'grumpy' failed to take event 'orders.created': plugin 'grumpy' failed in event 'orders.created': grumpy refuses new orders"
    );
    assert!(coop.hub().take_delivery_failures().is_empty());
    assert_eq!(
        coop.journal.take(),
        [entry("grumpy", "orders.paid", json!({ "id": 1 }))]
    );
}

#[test]
fn a_plugin_publishing_under_a_bad_topic_is_refused() {
    let mut coop = Coop::new(&["trip"]);
    let (kind, message) = coop.call_error("trip", "bad-topic");
    assert_eq!(kind, ErrorKind::InvalidInput);
    assert!(
        message.starts_with("invalid name 'Orders!': it contains 'O'"),
        "{message}"
    );
}

#[test]
fn a_deactivated_subscriber_receives_nothing() {
    let mut coop = Coop::new(&["audit", "orders"]);
    coop.manager.deactivate("orders", false).unwrap();
    let report = coop
        .hub()
        .publish("orders.created", &json!({ "id": 3 }))
        .unwrap();
    assert_eq!(report.delivered, plugins(&["audit"]));
    assert_eq!(
        coop.journal.take(),
        [entry("audit", "orders.created", json!({ "id": 3 }))]
    );
}
