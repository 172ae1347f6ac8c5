//! The hub on its own: host services, host subscribers, the queue and hook
//! points without plugins. The plugin side is tested with real libraries in
//! `tests/cooperation/`.

use std::collections::BTreeSet;
use std::sync::{Arc, Mutex};

use plugin_api::{ErrorKind, PluginError};

use super::*;

fn hub() -> Arc<Hub> {
    let mut services = Services::default();
    services.insert("clock", |caller, command| {
        Ok(format!("\"{} asked {} at noon\"", caller, command.name()).into_bytes())
    });
    services.insert("grumpy", |_, _| Err(PluginError::invalid_input("no")));
    Arc::new(Hub::new(services, BTreeSet::from(["pre_parse".to_owned()])))
}

/// A host subscriber that records the topics it gets in `seen`.
fn recorder(
    seen: &Arc<Mutex<Vec<String>>>,
    label: &'static str,
) -> impl Fn(plugin_api::Event<'_>) -> Result<(), PluginError> + Send + Sync + 'static {
    let seen = Arc::clone(seen);
    move |event| {
        seen.lock()
            .unwrap()
            .push(format!("{label}:{}", event.topic()));
        Ok(())
    }
}

#[test]
fn host_services_answer_the_host_with_an_empty_caller() {
    let hub = hub();
    let reply: String = hub.call_service("clock", "now", &()).unwrap();
    assert_eq!(reply, " asked now at noon");
    let error = hub.call_service_raw("grumpy", "x", b"null").unwrap_err();
    assert_eq!(error.kind(), ErrorKind::InvalidInput);
    assert_eq!(error.to_string(), "the host service 'grumpy' failed: no");
    assert_eq!(
        hub.services(),
        [
            ("clock".to_owned(), Provider::Host),
            ("grumpy".to_owned(), Provider::Host)
        ]
    );
}

#[test]
fn an_unknown_service_lists_the_ones_there_are() {
    let error = hub().call_service_raw("nope", "x", b"null").unwrap_err();
    assert!(
        matches!(&error, HubError::UnknownService { host, plugins, .. } if host == &["clock", "grumpy"] && plugins.is_empty()),
        "{error:?}"
    );
    assert!(
        error
            .to_string()
            .contains("the host offers: clock, grumpy; active plugins provide: none"),
        "{error}"
    );
}

#[test]
fn host_subscribers_get_matching_events_in_order_and_fail_alone() {
    let hub = hub();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let all = hub.subscribe("*", recorder(&seen, "all")).unwrap();
    let orders = hub
        .subscribe("orders.*", recorder(&seen, "orders"))
        .unwrap();
    let failing = hub
        .subscribe("orders.paid", |_| Err(PluginError::failed("ledger closed")))
        .unwrap();
    let panicking = hub
        .subscribe("orders.paid", |_| panic!("subscriber exploded"))
        .unwrap();
    let exact = hub
        .subscribe("orders.paid", recorder(&seen, "paid"))
        .unwrap();

    let report = hub
        .publish("orders.paid", &serde_json::json!({"id": 1}))
        .unwrap();
    assert!(!report.queued);
    assert_eq!(
        report.delivered,
        [
            Recipient::Host(all),
            Recipient::Host(orders),
            Recipient::Host(exact)
        ]
    );
    assert_eq!(report.failed.len(), 2);
    assert_eq!(report.failed[0].recipient, Recipient::Host(failing));
    assert_eq!(
        report.failed[0].to_string(),
        format!("host subscriber {failing} failed to take event 'orders.paid': ledger closed")
    );
    assert!(
        matches!(&report.failed[1].error, DeliveryError::HostPanicked(m) if m == "subscriber exploded"),
        "{:?}",
        report.failed[1]
    );
    assert_eq!(report.failed[1].recipient, Recipient::Host(panicking));

    let report = hub.publish("users.created", &()).unwrap();
    assert_eq!(report.delivered, [Recipient::Host(all)]);
    assert!(report.is_complete());
    assert_eq!(
        *seen.lock().unwrap(),
        [
            "all:orders.paid",
            "orders:orders.paid",
            "paid:orders.paid",
            "all:users.created"
        ]
    );

    assert!(hub.unsubscribe(all));
    assert!(!hub.unsubscribe(all));
    assert!(
        hub.publish("users.created", &())
            .unwrap()
            .delivered
            .is_empty()
    );
}

#[test]
fn topics_patterns_and_payloads_are_checked() {
    let hub = hub();
    let error = hub.publish("orders.*", &()).unwrap_err();
    assert!(matches!(error, HubError::InvalidName(_)), "{error:?}");
    assert_eq!(error.kind(), ErrorKind::InvalidInput);
    assert!(hub.subscribe("Orders", |_| Ok(())).is_err());
    let error = hub.publish_raw("orders.paid", b"{not json").unwrap_err();
    assert!(
        error
            .to_string()
            .starts_with("the payload of event 'orders.paid' is not the expected JSON"),
        "{error}"
    );
}

#[test]
fn events_published_during_a_plugin_call_wait_for_it_in_order() {
    let hub = hub();
    let seen = Arc::new(Mutex::new(Vec::new()));
    hub.subscribe("*", recorder(&seen, "host")).unwrap();
    let frame = enter(&Arc::from("publisher")).unwrap();
    for topic in ["first", "second", "third"] {
        assert!(hub.publish(topic, &()).unwrap().queued);
    }
    assert!(seen.lock().unwrap().is_empty(), "nothing during the call");
    drop(frame);
    assert_eq!(
        *seen.lock().unwrap(),
        ["host:first", "host:second", "host:third"]
    );
}

#[test]
fn events_published_by_a_subscriber_follow_the_event_being_delivered() {
    let hub = hub();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let weak = Arc::downgrade(&hub);
    hub.subscribe("start", move |_| {
        let hub = weak.upgrade().expect("the hub outlives its deliveries");
        assert!(hub.publish("follow-up", &()).unwrap().queued);
        Ok(())
    })
    .unwrap();
    hub.subscribe("*", recorder(&seen, "later")).unwrap();
    let report = hub.publish("start", &()).unwrap();
    assert_eq!(report.delivered.len(), 2);
    assert_eq!(
        *seen.lock().unwrap(),
        ["later:start", "later:follow-up"],
        "every subscriber gets 'start' before anyone gets 'follow-up'"
    );
}

#[test]
fn hook_points_must_be_declared_and_run_with_no_participants() {
    let hub = hub();
    let outcome = hub.run_hook("pre_parse", &"text".to_owned()).unwrap();
    assert_eq!(outcome.payload, "text");
    assert!(outcome.ran.is_empty() && outcome.stopped_by.is_none());
    let error = hub.run_hook("post_parse", &1).unwrap_err();
    assert_eq!(
        error.to_string(),
        "the host declares no hook point 'post_parse'; it declares: pre_parse; declare it with HostBuilder::hook_point or Hub::declare_hook_point"
    );
    assert!(hub.declare_hook_point("post_parse").unwrap());
    assert!(!hub.declare_hook_point("post_parse").unwrap());
    assert!(hub.declare_hook_point("Post Parse").is_err());
    assert_eq!(hub.run_hook("post_parse", &1).unwrap().payload, 1);
    assert_eq!(hub.hook_points(), ["post_parse", "pre_parse"]);
    assert!(hub.participants("pre_parse").is_empty());
}

#[test]
fn events_wait_while_delivery_is_deferred() {
    let hub = hub();
    let seen = Arc::new(Mutex::new(Vec::new()));
    hub.subscribe("*", recorder(&seen, "host")).unwrap();
    let outer = defer_events();
    let inner = defer_events();
    assert!(hub.publish("held", &()).unwrap().queued);
    drop(inner);
    assert!(
        seen.lock().unwrap().is_empty(),
        "the outer guard still holds"
    );
    drop(outer);
    assert_eq!(*seen.lock().unwrap(), ["host:held"]);
}
