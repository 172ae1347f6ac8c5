//! Instances of loaded plugins: hooks, commands, config, panics.

mod support;

use plugin_host::{CallError, ErrorKind, Host, Operation, Phase};
use serde_json::json;
use support::{fixture, host};

fn pair_host() -> Host {
    let mut host = Host::builder(support::APP_VERSION.parse().unwrap())
        .environment(plugin_host::Environment::Staging)
        .service("clock", |caller, command| {
            assert_eq!(caller, "alpha");
            assert_eq!(command.name(), "now");
            Ok(b"1700000000".to_vec())
        })
        .build();
    host.load_library(fixture("pair", &[])).unwrap();
    host
}

fn active(host: &Host, name: &str) -> plugin_host::Instance {
    let mut instance = host.instantiate(name, None).unwrap();
    instance.install().unwrap();
    instance.activate().unwrap();
    instance
}

#[test]
fn hooks_out_of_order_are_refused_and_leave_the_phase() {
    let host = pair_host();
    let mut alpha = host.instantiate("alpha", None).unwrap();
    assert_eq!(alpha.phase(), Phase::Created);
    let error = alpha.activate().unwrap_err();
    assert_eq!(
        error.to_string(),
        "plugin 'alpha' is created, so activate is not allowed: install it first"
    );
    alpha.install().unwrap();
    let error = alpha.call("count", b"").unwrap_err();
    assert!(
        matches!(
            &error,
            CallError::WrongPhase {
                phase: Phase::Installed,
                hint: "activate it first",
                ..
            }
        ),
        "{error:?}"
    );
    alpha.activate().unwrap();
    let error = alpha.uninstall().unwrap_err();
    assert!(
        matches!(
            &error,
            CallError::WrongPhase {
                phase: Phase::Active,
                hint: "deactivate it first",
                ..
            }
        ),
        "{error:?}"
    );
    assert_eq!(alpha.phase(), Phase::Active);
    alpha.deactivate().unwrap();
    alpha.uninstall().unwrap();
    alpha.install().unwrap();
    assert_eq!(alpha.phase(), Phase::Installed);
}

#[test]
fn hooks_run_in_order_and_commands_answer() {
    let host = pair_host();
    let info = host.plugin("alpha").unwrap();
    assert_eq!(info.version.to_string(), "0.3.1");
    assert_eq!(info.license, "MIT");
    let config = host.config_schema("alpha").unwrap();
    assert_eq!(config.defaults, json!({"step": 1}));
    assert_eq!(
        config.schema["properties"]["step"]["description"],
        "Added on every `count` command."
    );
    assert!(
        std::sync::Arc::ptr_eq(&config, &host.config_schema("alpha").unwrap()),
        "asked once, then kept"
    );

    let mut alpha = host
        .instantiate("alpha", Some(&json!({"step": 5})))
        .unwrap();
    alpha.install().unwrap();
    alpha.activate().unwrap();
    assert_eq!(alpha.call_json::<_, u64>("count", &()).unwrap(), 5);
    assert_eq!(alpha.call_json::<_, u64>("count", &()).unwrap(), 10);
    assert_eq!(alpha.call_json::<_, i64>("add", &(40, 2)).unwrap(), 42);
    assert_eq!(
        alpha.call_json::<_, String>("app-version", &()).unwrap(),
        "1.4.0"
    );
    assert_eq!(
        alpha.call_json::<_, u64>("clock", &()).unwrap(),
        1_700_000_000
    );
    alpha.deactivate().unwrap();
    alpha.activate().unwrap();
    alpha.deactivate().unwrap();
    alpha.uninstall().unwrap();
}

#[test]
fn plugin_errors_are_typed_and_do_not_fail_the_plugin() {
    let host = pair_host();
    let mut alpha = active(&host, "alpha");
    let error = alpha.call("fail", b"").unwrap_err();
    let CallError::Plugin {
        kind,
        message,
        operation,
        ..
    } = &error
    else {
        panic!("{error:?}")
    };
    assert_eq!(*kind, ErrorKind::Failed);
    assert_eq!(message, "alpha was asked to fail");
    assert_eq!(*operation, Operation::Call("fail".into()));

    let error = alpha.call("frobnicate", b"").unwrap_err();
    assert!(
        matches!(&error, CallError::Plugin { kind: ErrorKind::UnknownCommand, message, .. } if message.contains("the commands are: count")),
        "{error:?}"
    );

    let error = alpha.call("add", b"not json").unwrap_err();
    assert!(
        matches!(
            &error,
            CallError::Plugin {
                kind: ErrorKind::InvalidInput,
                ..
            }
        ),
        "{error:?}"
    );

    let error = alpha.call("missing-service", b"").unwrap_err();
    assert!(
        matches!(&error, CallError::Plugin { kind: ErrorKind::Unavailable, message, .. } if message.contains("the host offers: clock;")),
        "{error:?}"
    );

    assert!(alpha.failure().is_none());
    assert_eq!(alpha.call_json::<_, u64>("count", &()).unwrap(), 1);
}

#[test]
fn configuration_is_checked_and_a_rejected_change_keeps_the_old_one() {
    let host = pair_host();
    let error = host
        .instantiate("alpha", Some(&json!({"stp": 2})))
        .unwrap_err();
    assert!(
        matches!(&error, CallError::Plugin { kind: ErrorKind::InvalidConfig, operation: Operation::Create, message, .. } if message.contains("unknown field `stp`")),
        "{error:?}"
    );

    let mut alpha = host.instantiate("alpha", Some(&json!({}))).unwrap();
    alpha.set_config(&json!({"step": 3})).unwrap();
    alpha.install().unwrap();
    alpha.activate().unwrap();
    assert_eq!(alpha.call_json::<_, u64>("count", &()).unwrap(), 3);
    let error = alpha.set_config(&json!({"step": 0})).unwrap_err();
    assert!(
        matches!(
            &error,
            CallError::Plugin {
                kind: ErrorKind::InvalidConfig,
                ..
            }
        ),
        "{error:?}"
    );
    assert_eq!(
        alpha.call_json::<_, u64>("count", &()).unwrap(),
        6,
        "the old step of 3 still applies"
    );
}

#[test]
fn an_unknown_plugin_names_the_known_ones() {
    let error = pair_host().instantiate("gamma", None).unwrap_err();
    assert_eq!(
        error.to_string(),
        "no plugin named 'gamma' is loaded; the loaded plugins are: alpha, beta"
    );
}

#[test]
fn a_panic_in_any_hook_or_command_is_contained() {
    for hook in [
        "create",
        "install",
        "activate",
        "deactivate",
        "uninstall",
        "config_changed",
        "call",
    ] {
        let mut host = host();
        host.load_library(fixture("panics", &[])).unwrap();
        let config = json!({ "panic_in": hook });
        let result = host
            .instantiate("panicky", Some(&config))
            .and_then(|mut panicky| {
                panicky.install()?;
                panicky.activate()?;
                panicky.call("anything", b"")?;
                panicky.deactivate()?;
                panicky.uninstall()?;
                panicky.set_config(&json!({}))
            });
        let error = result.expect_err(hook);
        let CallError::Panicked {
            plugin,
            message,
            operation,
        } = &error
        else {
            panic!("{hook}: {error:?}")
        };
        assert_eq!(plugin, "panicky");
        assert_eq!(
            message,
            &format!("panicked: panicky was told to panic in {hook}")
        );
        let expected = match hook {
            "create" => Operation::Create,
            "install" => Operation::Install,
            "activate" => Operation::Activate,
            "deactivate" => Operation::Deactivate,
            "uninstall" => Operation::Uninstall,
            "config_changed" => Operation::ConfigChanged,
            _ => Operation::Call("anything".into()),
        };
        assert_eq!(*operation, expected, "{hook}");
        assert!(
            host.failure("panicky").unwrap().contains(hook),
            "{hook}: marked failed"
        );
        let again = host.instantiate("panicky", None).unwrap_err();
        assert!(
            matches!(again, CallError::Failed { .. }),
            "{hook}: a failed plugin is not called again"
        );
    }
}

#[test]
fn a_panic_in_destroy_is_contained() {
    let mut host = host();
    host.load_library(fixture("panics", &[])).unwrap();
    let panicky = host
        .instantiate("panicky", Some(&json!({"panic_in": "destroy"})))
        .unwrap();
    drop(panicky);
    assert!(host.failure("panicky").unwrap().contains("destroy"));
}

#[test]
fn a_panic_in_activate_leaves_the_host_and_siblings_working() {
    let mut host = pair_host();
    host.load_library(fixture("panics", &[])).unwrap();
    let mut alpha = active(&host, "alpha");
    let mut beta = active(&host, "beta");

    let mut panicky = host
        .instantiate("panicky", Some(&json!({"panic_in": "activate"})))
        .unwrap();
    panicky.install().unwrap();
    let error = panicky.activate().unwrap_err();
    assert!(matches!(error, CallError::Panicked { .. }), "{error:?}");
    assert!(matches!(
        panicky.call("x", b"").unwrap_err(),
        CallError::Failed { .. }
    ));

    assert_eq!(alpha.call_json::<_, u64>("count", &()).unwrap(), 1);
    assert_eq!(beta.call_json::<_, String>("ping", &()).unwrap(), "pong");
    assert!(host.failure("alpha").is_none() && host.failure("beta").is_none());
}

#[test]
fn instances_keep_their_library_alive_after_the_host_is_gone() {
    let host = pair_host();
    let mut alpha = active(&host, "alpha");
    drop(host);
    assert_eq!(alpha.call_json::<_, u64>("count", &()).unwrap(), 1);
}

#[test]
fn instances_can_move_between_threads() {
    let host = pair_host();
    let mut alpha = active(&host, "alpha");
    let total = std::thread::spawn(move || alpha.call_json::<_, u64>("count", &()).unwrap())
        .join()
        .unwrap();
    assert_eq!(total, 1);
}
