//! Services: plugin to plugin, host to plugin, and the refusals.

use plugin_api::ErrorKind;
use plugin_host::{CallError, HubError, ManagerError, PluginState, Provider};
use serde_json::json;

use crate::Coop;

#[test]
fn a_plugin_calls_the_service_of_a_plugin_it_depends_on() {
    let mut coop = Coop::new(&["trip"]);
    assert_eq!(coop.manager.state("geo"), Some(PluginState::Active));
    let length = coop.call("trip", "plan", &json!([[0, 0], [3, 4], [3, 0]]));
    assert_eq!(length, json!(11), "7 blocks, then 4");
}

#[test]
fn the_host_calls_plugin_services_and_gets_their_errors() {
    let coop = Coop::new(&["trip"]);
    let hub = coop.hub();
    let length: i64 = hub
        .call_service("geo", "distance", &([1, 1], [4, 5]))
        .unwrap();
    assert_eq!(length, 7);
    let echoed: String = hub.call_service("trip", "echo", "hello").unwrap();
    assert_eq!(echoed, "hello");

    let error = hub.call_service_raw("geo", "fail", b"null").unwrap_err();
    assert!(
        matches!(&error, HubError::Provider(CallError::Plugin { plugin, kind: ErrorKind::Failed, message, .. })
            if plugin == "geo" && message == "geo cannot do that"),
        "{error:?}"
    );
    assert_eq!(
        error.to_string(),
        "plugin 'geo' failed in service 'geo' method 'fail': geo cannot do that"
    );
    let error = hub
        .call_service_raw("geo", "teleport", b"null")
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::UnknownCommand);

    assert_eq!(
        hub.services(),
        [
            ("geo".to_owned(), Provider::Plugin("geo".to_owned())),
            ("journal".to_owned(), Provider::Host),
            ("relay".to_owned(), Provider::Host),
            ("trip".to_owned(), Provider::Plugin("trip".to_owned())),
        ]
    );
}

#[test]
fn an_unknown_service_is_unavailable_and_lists_what_exists() {
    let mut coop = Coop::new(&["trip"]);
    let (kind, message) = coop.call_error("trip", "missing");
    assert_eq!(kind, ErrorKind::Unavailable);
    assert_eq!(
        message,
        "no service 'nope' is available; the host offers: journal, relay; active plugins provide: geo (plugin 'geo'), trip (plugin 'trip'); check the name, or activate the plugin that provides it"
    );
    let error = coop
        .hub()
        .call_service_raw("nope", "x", b"null")
        .unwrap_err();
    assert!(
        matches!(error, HubError::UnknownService { .. }),
        "{error:?}"
    );
}

#[test]
fn a_plugin_may_call_only_the_services_of_plugins_it_depends_on() {
    let mut coop = Coop::new(&["trip", "audit"]);
    let (kind, message) = coop.call_error("trip", "undeclared");
    assert_eq!(kind, ErrorKind::Unavailable);
    assert_eq!(
        message,
        "plugin 'trip' may not call service 'audit' of plugin 'audit' because it does not depend on 'audit'; declare the dependency (#[plugin(dependency(name = \"audit\"))]) so that 'audit' is active whenever 'trip' is"
    );
    let count: usize = coop.hub().call_service("audit", "count", &()).unwrap();
    assert_eq!(count, 0, "the host may call any service");
}

#[test]
fn a_service_provided_twice_is_refused_at_activation_naming_both() {
    let mut coop = Coop::new(&["geo"]);
    coop.install("atlas");
    let error = coop.manager.activate("atlas").unwrap_err();
    assert!(
        matches!(&error, ManagerError::Hub(HubError::ServiceTaken { service, holder: Provider::Plugin(holder), plugin })
            if service == "geo" && holder == "geo" && plugin == "atlas"),
        "{error:?}"
    );
    assert_eq!(
        error.to_string(),
        "plugin 'atlas' provides service 'geo', which plugin 'geo' provides already; deactivate geo first, or rename one of the services"
    );
    assert_eq!(coop.manager.state("atlas"), Some(PluginState::Installed));

    coop.install("impostor");
    let error = coop.manager.activate("impostor").unwrap_err();
    assert_eq!(
        error.to_string(),
        "plugin 'impostor' provides service 'journal', which the host provides already; rename the plugin's service"
    );

    coop.manager.deactivate("geo", false).unwrap();
    coop.manager.activate("atlas").unwrap();
    let provider = coop
        .hub()
        .services()
        .into_iter()
        .find(|(service, _)| service == "geo");
    assert_eq!(
        provider,
        Some(("geo".to_owned(), Provider::Plugin("atlas".to_owned())))
    );
}

#[test]
fn deactivating_a_provider_takes_its_service_away() {
    let mut coop = Coop::new(&["trip"]);
    assert_eq!(
        coop.manager.deactivate("geo", true).unwrap(),
        ["trip", "geo"]
    );
    assert!(!coop.hub().is_registered("geo") && !coop.hub().is_registered("trip"));
    let error = coop
        .hub()
        .call_service_raw("geo", "distance", b"[[0,0],[1,1]]");
    assert!(
        matches!(error, Err(HubError::UnknownService { .. })),
        "{error:?}"
    );
    coop.manager.activate("trip").unwrap();
    assert_eq!(
        coop.call("trip", "plan", &json!([[0, 0], [1, 1]])),
        json!(2)
    );
}

#[test]
fn a_rolled_back_activation_leaves_nothing_registered() {
    let mut coop = Coop::new(&[]);
    coop.install("doomed");
    let error = coop.manager.activate("doomed").unwrap_err();
    assert!(
        matches!(&error, ManagerError::ActivationFailed { target, rolled_back, .. }
            if target == "doomed" && rolled_back == &["geo"]),
        "{error:?}"
    );
    assert!(
        error
            .to_string()
            .contains("doomed reached geo (2 blocks) and fails all the same"),
        "geo's service worked during the activation: {error}"
    );
    assert!(!coop.hub().is_registered("geo"));
    assert!(!coop.hub().is_registered("doomed"));
    assert!(coop.hub().services().iter().all(|(s, _)| s != "geo"));
}
