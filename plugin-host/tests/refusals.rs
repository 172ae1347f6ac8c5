//! Every refusal the loader makes, each from a real library.

mod support;

use plugin_host::{CallError, ErrorKind, LoadError, Operation, PluginSource};
use support::{fixture, host};

fn refuse(name: &str, features: &[&str]) -> LoadError {
    let path = fixture(name, features);
    match host().load_library(&path) {
        Ok(names) => panic!("{name} {features:?} was accepted with plugins {names:?}"),
        Err(error) => error,
    }
}

fn malformed_reason(features: &[&str]) -> String {
    match refuse("raw", features) {
        LoadError::Malformed {
            origin: PluginSource::Library(_),
            reason,
        } => reason,
        other => panic!("expected Malformed for {features:?}, got {other:?}"),
    }
}

#[test]
fn the_hand_written_plugin_is_accepted() {
    let mut host = host();
    let names = host.load_library(fixture("raw", &[])).unwrap();
    assert_eq!(names, ["raw-echo"]);
    let info = host.plugin("raw-echo").unwrap();
    assert_eq!(info.version.to_string(), "1.0.0");
    assert!(
        info.services.is_empty() && info.subscriptions.is_empty() && info.hooks.is_empty(),
        "the first layout has none of these"
    );
    assert_eq!(info.authors, ["Fixture Author <fixture@example.invalid>"]);
    assert!(info.dependencies[0].optional);
    let mut echo = host.instantiate("raw-echo", None).unwrap();
    echo.install().unwrap();
    echo.activate().unwrap();
    assert_eq!(
        &*echo.call("echo", b"bytes in, bytes out").unwrap(),
        b"bytes in, bytes out"
    );
}

#[test]
fn a_file_that_is_not_a_library() {
    let path = support::scratch_dir().join("not-a-library.so");
    std::fs::write(&path, b"this is text, not ELF").unwrap();
    let error = host().load_library(&path).unwrap_err();
    assert!(matches!(error, LoadError::NotALibrary { .. }), "{error:?}");
    assert!(
        error
            .to_string()
            .contains("could not be opened as a library"),
        "{error}"
    );
}

#[test]
fn a_missing_file() {
    let error = host().load_library("/definitely/not/here.so").unwrap_err();
    assert!(matches!(error, LoadError::NotALibrary { .. }), "{error:?}");
}

#[test]
fn a_library_without_the_root_symbol() {
    let error = refuse("not-plugin", &[]);
    assert!(
        matches!(
            error,
            LoadError::NotAPlugin {
                symbol: "plugin_sdk_root",
                ..
            }
        ),
        "{error:?}"
    );
    assert!(
        error.to_string().contains("is not a plugin library"),
        "{error}"
    );
}

#[test]
fn wrong_magic() {
    let error = refuse("raw", &["bad-magic"]);
    let LoadError::BadMagic {
        found, expected, ..
    } = error
    else {
        panic!("{error:?}")
    };
    assert_eq!(found, 0x0bad_0bad_0bad_0bad);
    assert_eq!(expected, plugin_api::abi::MAGIC);
    assert!(error_text("raw", &["bad-magic"]).contains("0x0bad0bad0bad0bad"));
}

#[test]
fn another_abi_version() {
    let error = refuse("raw", &["abi-v2"]);
    assert!(
        matches!(
            error,
            LoadError::AbiMismatch {
                library: 2,
                host: 1,
                ..
            }
        ),
        "{error:?}"
    );
    let text = error.to_string();
    assert!(
        text.contains("ABI version 2") && text.contains("ABI version 1"),
        "{text}"
    );
}

#[test]
fn an_incompatible_plugin_api_version() {
    let error = refuse("raw", &["api-incompatible"]);
    let LoadError::ApiIncompatible { library, host, .. } = &error else {
        panic!("{error:?}")
    };
    assert_eq!(library.to_string(), "99.0.0");
    assert_eq!(host.to_string(), plugin_api::abi::API_VERSION);
    let text = error.to_string();
    assert!(text.contains("needs plugin API ^99.0.0"), "{text}");
    assert!(
        text.contains(&format!(
            "this host provides {}",
            plugin_api::abi::API_VERSION
        )),
        "{text}"
    );
}

#[test]
fn a_host_application_too_old_for_the_plugin() {
    let error = refuse("requires", &[]);
    let LoadError::HostRequirement {
        plugin,
        requires,
        app,
        ..
    } = &error
    else {
        panic!("{error:?}")
    };
    assert_eq!(plugin, "needs-future-host");
    assert_eq!(requires.to_string(), ">=99.0.0");
    assert_eq!(app.to_string(), support::APP_VERSION);
    let text = error.to_string();
    assert!(
        text.contains(">=99.0.0") && text.contains("this is version 1.4.0"),
        "{text}"
    );
}

#[test]
fn two_plugins_with_one_name_in_a_library() {
    let error = refuse("duplicate", &[]);
    let LoadError::DuplicateName {
        name,
        first,
        second,
    } = &error
    else {
        panic!("{error:?}")
    };
    assert_eq!(name, "twin");
    assert_eq!(first, second);
}

#[test]
fn two_libraries_with_the_same_plugin_names() {
    let mut host = host();
    let first = fixture("pair", &[]);
    let second = fixture("pair", &[]);
    host.load_library(&first).unwrap();
    let error = host.load_library(&second).unwrap_err();
    assert_eq!(error.path(), Some(second.as_path()));
    let LoadError::DuplicateName {
        name,
        first: a,
        second: b,
    } = &error
    else {
        panic!("{error:?}")
    };
    assert_eq!(name, "alpha");
    assert_eq!(a.path(), Some(first.as_path()));
    assert_eq!(b.path(), Some(second.as_path()));
    assert!(
        host.plugin("beta").is_some(),
        "the first library's plugins stay"
    );
}

#[test]
fn the_same_library_twice() {
    let mut host = host();
    let path = fixture("pair", &[]);
    host.load_library(&path).unwrap();
    let error = host.load_library(&path).unwrap_err();
    assert!(
        matches!(&error, LoadError::AlreadyLoaded { origin } if origin.path() == Some(path.as_path())),
        "{error:?}"
    );
    assert!(
        error
            .to_string()
            .ends_with("is loaded already; a host loads each library once"),
        "{error}"
    );
}

#[test]
fn a_root_that_is_null() {
    assert!(malformed_reason(&["null-root"]).contains("null pointer"));
}

#[test]
fn a_root_smaller_than_the_abi_says() {
    assert!(malformed_reason(&["small-root"]).contains("claims 16 bytes"));
}

#[test]
fn a_root_without_describe() {
    assert!(malformed_reason(&["no-describe"]).contains("no 'describe' function"));
}

#[test]
fn a_failing_describe() {
    let error = refuse("raw", &["describe-fails"]);
    let LoadError::DescribeFailed { message, .. } = &error else {
        panic!("{error:?}")
    };
    assert_eq!(message, "the fixture refuses to describe itself");
}

#[test]
fn a_library_without_plugins() {
    assert!(matches!(
        refuse("raw", &["empty"]),
        LoadError::NoPlugins { .. }
    ));
}

#[test]
fn a_null_name() {
    let reason = malformed_reason(&["null-name"]);
    assert!(
        reason.contains("name that is unreadable") && reason.contains("null pointer"),
        "{reason}"
    );
}

#[test]
fn non_utf8_text() {
    let reason = malformed_reason(&["non-utf8-description"]);
    assert!(
        reason.contains("plugin 'raw-echo' has a description that is unreadable: not UTF-8"),
        "{reason}"
    );
}

#[test]
fn an_invalid_version() {
    let reason = malformed_reason(&["bad-version"]);
    assert!(
        reason.contains("'one point oh', which is not semver"),
        "{reason}"
    );
}

#[test]
fn an_invalid_requirement() {
    assert!(
        malformed_reason(&["bad-requires"]).contains("'>>1', which is not a semver requirement")
    );
    assert!(malformed_reason(&["bad-dependency"]).contains("needs 'alpha' at 'not a requirement'"));
    assert!(
        malformed_reason(&["unknown-dependency-flag"])
            .contains("flag bits 0x80 that this host does not know")
    );
}

#[test]
fn a_bad_vtable() {
    assert!(malformed_reason(&["null-vtable"]).contains("vtable that is a null pointer"));
    assert!(malformed_reason(&["missing-call"]).contains("no 'call' entry"));
    assert!(malformed_reason(&["small-vtable"]).contains("vtable that claims 16 bytes"));
}

#[test]
fn the_grown_layout_is_read_whole_and_answers() {
    let mut host = plugin_host::Host::builder(support::APP_VERSION.parse().unwrap())
        .hook_point("raw_point")
        .unwrap()
        .build();
    host.load_library(fixture("raw", &["grown"])).unwrap();
    let info = host.plugin("raw-echo").unwrap();
    assert_eq!(info.services, ["raw.echo"]);
    assert_eq!(info.subscriptions, ["raw.*"]);
    assert_eq!(info.hooks.len(), 1);
    assert_eq!(
        (info.hooks[0].point.as_str(), info.hooks[0].priority),
        ("raw_point", 0)
    );
    assert!(!info.unload_safe);

    let mut manager = plugin_host::PluginManager::new(host);
    manager.install("raw-echo", None).unwrap();
    manager.activate("raw-echo").unwrap();
    let hub = manager.hub();
    assert_eq!(
        hub.call_service_raw("raw.echo", "any", b"[1,2]").unwrap(),
        b"[1,2]"
    );
    let report = hub.publish("raw.ping", &0).unwrap();
    assert_eq!(
        report.delivered,
        [plugin_host::Recipient::Plugin("raw-echo".to_owned())]
    );
    let outcome = hub.run_hook_raw("raw_point", b"\"input\"").unwrap();
    assert_eq!(outcome.payload, b"\"raw\"");
    assert_eq!(outcome.stopped_by.as_deref(), Some("raw-echo"));
}

#[test]
fn bad_names_in_the_grown_layout() {
    let reason = malformed_reason(&["bad-service-name"]);
    assert!(
        reason.contains(
            "plugin 'raw-echo' provides a service with an invalid name 'Raw Echo': it contains 'R'"
        ),
        "{reason}"
    );
    let reason = malformed_reason(&["bad-topic"]);
    assert!(
        reason.contains(
            "plugin 'raw-echo' subscribes with an invalid name 'raw.*.x': it contains '*'"
        ),
        "{reason}"
    );
}

#[test]
fn a_service_listed_twice() {
    let reason = malformed_reason(&["duplicate-service"]);
    assert!(
        reason.contains("plugin 'raw-echo' lists service 'raw.echo' twice"),
        "{reason}"
    );
}

#[test]
fn descriptor_flag_bits_the_host_does_not_know() {
    let reason = malformed_reason(&["unknown-descriptor-flag"]);
    assert!(
        reason.contains(
            "plugin 'raw-echo' sets descriptor flag bits 0x40 that this host does not know"
        ),
        "{reason}"
    );
}

#[test]
fn services_without_a_serve_entry() {
    let reason = malformed_reason(&["services-without-serve"]);
    assert!(
        reason.contains("plugin 'raw-echo' provides services but its vtable has no 'serve' entry (a null pointer)"),
        "{reason}"
    );
}

#[test]
fn hook_flow_bits_the_host_does_not_know_mark_the_plugin_failed() {
    let mut host = plugin_host::Host::builder(support::APP_VERSION.parse().unwrap())
        .hook_point("raw_point")
        .unwrap()
        .build();
    host.load_library(fixture("raw", &["bad-hook-flow"]))
        .unwrap();
    let mut manager = plugin_host::PluginManager::new(host);
    manager.install("raw-echo", None).unwrap();
    manager.activate("raw-echo").unwrap();
    let error = manager.hub().run_hook_raw("raw_point", b"1").unwrap_err();
    assert!(
        matches!(&error, plugin_host::HubError::Hook { plugin, source, .. }
            if plugin == "raw-echo" && matches!(&**source, CallError::Failed { reason, .. }
                if reason.contains("flow bits 0x10 that this host does not know"))),
        "{error:?}"
    );
    assert_eq!(
        manager.state("raw-echo"),
        Some(plugin_host::PluginState::Failed)
    );
    assert!(!manager.hub().is_registered("raw-echo"));
}

#[test]
fn a_schema_that_is_not_json_is_an_error_when_asked_for_not_at_load() {
    let mut host = host();
    host.load_library(fixture("raw", &["bad-schema"])).unwrap();
    let error = host.config_schema("raw-echo").unwrap_err();
    assert!(
        matches!(&error, CallError::Plugin { kind: ErrorKind::InvalidConfig, operation: Operation::DescribeConfig, message, .. }
            if message.starts_with("its configuration schema is not JSON")),
        "{error:?}"
    );
    let config = host_with_raw().config_schema("raw-echo").unwrap();
    assert_eq!(config.defaults, serde_json::json!({}));
}

fn host_with_raw() -> plugin_host::Host {
    let mut host = host();
    host.load_library(fixture("raw", &[])).unwrap();
    host
}

#[test]
fn a_directory_loads_the_good_and_reports_the_bad() {
    let dir = support::empty_dir("mixed");
    std::fs::copy(fixture("pair", &[]), dir.join("a-pair.so")).unwrap();
    std::fs::copy(fixture("raw", &["abi-v2"]), dir.join("b-abi-v2.so")).unwrap();
    std::fs::copy(fixture("not-plugin", &[]), dir.join("c-not-plugin.so")).unwrap();
    std::fs::write(
        dir.join("notes.txt"),
        "not a library, and not named like one",
    )
    .unwrap();
    let mut host = host();
    let report = host.load_dir(&dir).unwrap();
    assert_eq!(report.loaded.len(), 1);
    assert_eq!(report.loaded[0].1, ["alpha", "beta"]);
    assert_eq!(report.refused.len(), 2);
    assert_eq!(
        report.refused[0].path().unwrap().file_name().unwrap(),
        "b-abi-v2.so"
    );
    assert!(matches!(report.refused[0], LoadError::AbiMismatch { .. }));
    assert!(matches!(report.refused[1], LoadError::NotAPlugin { .. }));
}

#[test]
fn a_directory_that_does_not_exist() {
    let error = host().load_dir("/no/such/plugin/dir").unwrap_err();
    assert!(matches!(error, LoadError::ReadDir { .. }), "{error:?}");
}

fn error_text(name: &str, features: &[&str]) -> String {
    refuse(name, features).to_string()
}
