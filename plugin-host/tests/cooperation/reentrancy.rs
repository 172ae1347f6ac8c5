//! Calls that would come back into a plugin already running on the same
//! thread are refused with the cycle, instead of deadlocking.

use plugin_api::ErrorKind;
use plugin_host::{CallError, HubError, PluginState};
use serde_json::json;

use crate::Coop;

#[test]
fn a_hook_handler_calling_its_own_service_is_refused() {
    let coop = Coop::new(&["looper"]);
    let error = coop.hub().run_hook("loop_point", &()).unwrap_err();
    let HubError::Hook { plugin, source, .. } = &error else {
        panic!("{error:?}")
    };
    assert_eq!(plugin, "looper");
    let CallError::Plugin { kind, message, .. } = &**source else {
        panic!("{source:?}")
    };
    assert_eq!(*kind, ErrorKind::Unavailable);
    assert!(
        message.starts_with(
            "plugin 'looper' is already running on this thread, so the call looper → looper was refused instead of deadlocking"
        ),
        "{message}"
    );
    assert_eq!(coop.manager.state("looper"), Some(PluginState::Active));
    let reply: String = coop.hub().call_service("looper", "ping", &()).unwrap();
    assert_eq!(
        reply, "pong",
        "from outside the plugin, the service answers"
    );
}

#[test]
fn a_cycle_through_another_plugin_and_the_host_is_refused() {
    let mut coop = Coop::new(&["trip"]);
    let (kind, message) = coop.call_error("trip", "roundtrip");
    assert_eq!(kind, ErrorKind::Unavailable);
    assert!(
        message.contains("the call trip → geo → trip was refused"),
        "{message}"
    );
    assert!(
        message.starts_with("plugin 'geo' failed in service 'geo' method 'relay': the host service 'relay' failed: plugin 'trip' is already running"),
        "{message}"
    );
    assert_eq!(
        coop.call("trip", "plan", &json!([[0, 0], [0, 5]])),
        json!(5)
    );
    assert_eq!(coop.manager.state("geo"), Some(PluginState::Active));
}

#[test]
fn a_host_closure_calling_back_through_a_handle_gets_an_error() {
    let coop = Coop::new(&["trip"]);
    let handle = coop.manager.handle("trip").unwrap();
    let error = handle
        .try_with(|_| handle.call("plan", b"[]").map(drop))
        .unwrap()
        .unwrap_err();
    assert!(
        matches!(&error, CallError::Reentrant { plugin, cycle } if plugin == "trip" && cycle == &["trip", "trip"]),
        "{error:?}"
    );
}
