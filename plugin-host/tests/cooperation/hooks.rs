//! Hook points: priority order, replacing the payload, stopping the chain,
//! errors, and hook points the host does not declare.

use plugin_api::ErrorKind;
use plugin_host::{CallError, HubError};

use crate::Coop;
use crate::support::Captured;

const PARTICIPANTS: [&str; 5] = ["trim", "gate", "shout", "tag-a", "tag-b"];

#[test]
fn participants_run_by_priority_then_name_and_replace_the_payload() {
    let coop = Coop::new(&PARTICIPANTS);
    let order: Vec<(String, i32)> = coop.hub().participants("pre_parse");
    assert_eq!(
        order,
        [
            ("trim".to_owned(), 10),
            ("gate".to_owned(), 20),
            ("shout".to_owned(), 30),
            ("tag-a".to_owned(), 40),
            ("tag-b".to_owned(), 40),
        ]
    );
    let outcome = coop
        .hub()
        .run_hook("pre_parse", &"  hello ".to_owned())
        .unwrap();
    assert_eq!(outcome.payload, "HELLO+a+b");
    assert_eq!(outcome.ran, PARTICIPANTS);
    assert_eq!(outcome.stopped_by, None);
}

#[test]
fn a_participant_can_stop_the_chain() {
    let coop = Coop::new(&PARTICIPANTS);
    let outcome = coop
        .hub()
        .run_hook("pre_parse", &"  please stop ".to_owned())
        .unwrap();
    assert_eq!(outcome.payload, "please stop", "trimmed, not shouted");
    assert_eq!(outcome.ran, ["trim", "gate"]);
    assert_eq!(outcome.stopped_by.as_deref(), Some("gate"));
}

#[test]
fn an_error_stops_the_chain_and_names_the_plugin() {
    let mut coop = Coop::new(&PARTICIPANTS);
    let error = coop
        .hub()
        .run_hook("pre_parse", &" an error ".to_owned())
        .unwrap_err();
    assert!(
        matches!(&error, HubError::Hook { point, plugin, source }
            if point == "pre_parse" && plugin == "gate"
                && matches!(**source, CallError::Plugin { kind: ErrorKind::InvalidInput, .. })),
        "{error:?}"
    );
    assert_eq!(
        error.to_string(),
        "hook point 'pre_parse' stopped at plugin 'gate': plugin 'gate' failed in hook point 'pre_parse': gate rejects 'an error'"
    );
    let outcome = coop
        .hub()
        .run_hook("pre_parse", &"fine".to_owned())
        .unwrap();
    assert_eq!(
        outcome.payload, "FINE+a+b",
        "an error does not fail the plugin"
    );

    coop.manager.deactivate("shout", false).unwrap();
    let outcome = coop
        .hub()
        .run_hook("pre_parse", &"quiet".to_owned())
        .unwrap();
    assert_eq!(outcome.ran, ["trim", "gate", "tag-a", "tag-b"]);
    assert_eq!(outcome.payload, "quiet+a+b");
}

#[test]
fn a_hook_point_the_host_does_not_declare_is_a_warning_not_a_refusal() {
    let mut coop = Coop::new(&[]);
    coop.install("stray");
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_writer(move || writer.clone())
        .with_ansi(false)
        .finish();
    let activated =
        tracing::subscriber::with_default(subscriber, || coop.manager.activate("stray"));
    assert_eq!(activated.unwrap(), ["stray"]);
    let log = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    assert!(
        log.contains("WARN") && log.contains(
            "plugin 'stray' takes part in hook point 'post_render', which this host does not declare (it declares: loop_point, pre_parse)"
        ),
        "{log}"
    );

    let error = coop.hub().run_hook("post_render", &()).unwrap_err();
    assert!(
        matches!(error, HubError::UnknownHookPoint { .. }),
        "{error:?}"
    );
    assert!(coop.hub().declare_hook_point("post_render").unwrap());
    let outcome = coop
        .hub()
        .run_hook("post_render", &"draft".to_owned())
        .unwrap();
    assert_eq!(outcome.payload, "stray was here");
    assert_eq!(outcome.ran, ["stray"]);
}
