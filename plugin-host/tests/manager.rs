//! The plugin manager over real plugin libraries: dependency order checked
//! through the plugins' own records, every dependency refusal with its exact
//! message, rollback, configuration and persistence.

mod support;

use std::sync::{Arc, Mutex};

use plugin_host::{Host, HostConfig, ManagerError, PluginManager, PluginState};
use serde_json::{Value, json};

/// A manager over `fixture-deps`, and the journal its plugins write to.
fn manager() -> (PluginManager, Journal) {
    let journal = Journal::default();
    let host = host_at(&journal, &support::fixture("deps", &[]));
    (PluginManager::new(host), journal)
}

#[derive(Clone, Default)]
struct Journal(Arc<Mutex<Vec<String>>>);

impl Journal {
    /// The entries recorded since the last call, without `create`s.
    fn take(&self) -> Vec<String> {
        std::mem::take(&mut *self.0.lock().unwrap())
            .into_iter()
            .filter(|e| !e.ends_with(":create"))
            .collect()
    }
}

fn install_all(manager: &mut PluginManager, names: &[&str]) {
    for name in names {
        manager
            .install(name, None)
            .unwrap_or_else(|e| panic!("installing {name}: {e}"));
    }
}

fn error_text<T: std::fmt::Debug>(result: Result<T, ManagerError>) -> String {
    result.expect_err("the manager should refuse").to_string()
}

#[test]
fn activation_follows_dependencies_and_deactivation_reverses_it() {
    let (mut manager, journal) = manager();
    install_all(&mut manager, &["top", "middle", "base"]);
    assert_eq!(
        journal.take(),
        ["top:install", "middle:install", "base:install"]
    );

    assert_eq!(manager.activate("top").unwrap(), ["base", "middle", "top"]);
    assert_eq!(
        journal.take(),
        ["base:activate", "middle:activate", "top:activate"]
    );
    for name in ["base", "middle", "top"] {
        assert_eq!(manager.state(name), Some(PluginState::Active), "{name}");
    }

    assert_eq!(
        manager.deactivate("base", true).unwrap(),
        ["top", "middle", "base"]
    );
    assert_eq!(
        journal.take(),
        ["top:deactivate", "middle:deactivate", "base:deactivate"]
    );
    assert_eq!(manager.state("middle"), Some(PluginState::Inactive));
}

#[test]
fn a_missing_dependency() {
    let (mut manager, _) = manager();
    install_all(&mut manager, &["needs-ghost"]);
    assert_eq!(
        error_text(manager.activate("needs-ghost")),
        "plugin 'needs-ghost' needs plugin 'ghost' ^1, which is not installed; install ghost (^1) first or make the dependency optional"
    );
    assert_eq!(manager.state("needs-ghost"), Some(PluginState::Installed));
}

#[test]
fn a_dependency_of_the_wrong_version() {
    let (mut manager, _) = manager();
    install_all(&mut manager, &["base", "needs-new-base"]);
    assert_eq!(
        error_text(manager.activate("needs-new-base")),
        "plugin 'needs-new-base' needs plugin 'base' ^2 but base 1.2.0 is installed; install a version of base that matches ^2"
    );
}

#[test]
fn a_dependency_cycle_names_every_member() {
    let (mut manager, journal) = manager();
    install_all(&mut manager, &["cycle-a", "cycle-b"]);
    journal.take();
    assert_eq!(
        error_text(manager.activate("cycle-b")),
        "plugins 'cycle-a' and 'cycle-b' depend on each other in a cycle (cycle-a -> cycle-b -> cycle-a); remove one of these dependencies"
    );
    assert!(journal.take().is_empty(), "nothing was activated");
}

#[test]
fn a_conflict_names_both_plugins() {
    let (mut manager, _) = manager();
    install_all(&mut manager, &["base", "rival"]);
    manager.activate("base").unwrap();
    assert_eq!(
        error_text(manager.activate("rival")),
        "plugin 'rival' conflicts with plugin 'base', which is active; deactivate base first"
    );
    manager.deactivate("base", false).unwrap();
    manager.activate("rival").unwrap();
}

#[test]
fn uninstall_is_refused_while_active_dependents_exist_unless_cascading() {
    let (mut manager, journal) = manager();
    install_all(&mut manager, &["base", "middle"]);
    manager.activate("middle").unwrap();
    journal.take();
    assert_eq!(
        error_text(manager.uninstall("base", false)),
        "plugin 'base' is needed by the active plugin 'middle'; deactivate it first, or ask for a cascade"
    );
    assert_eq!(
        error_text(manager.deactivate("base", false)),
        "plugin 'base' is needed by the active plugin 'middle'; deactivate it first, or ask for a cascade"
    );
    assert!(journal.take().is_empty());

    assert_eq!(manager.uninstall("base", true).unwrap(), ["middle", "base"]);
    assert_eq!(
        journal.take(),
        [
            "middle:deactivate",
            "middle:uninstall",
            "base:deactivate",
            "base:uninstall"
        ]
    );
    assert_eq!(manager.state("base"), Some(PluginState::Discovered));
    assert_eq!(manager.state("middle"), Some(PluginState::Discovered));
}

#[test]
fn a_failed_activation_is_rolled_back() {
    let (mut manager, journal) = manager();
    install_all(&mut manager, &["base", "middle"]);
    manager
        .install("top", Some(&json!({"fail_activation": true})))
        .unwrap();
    journal.take();

    let error = manager.activate("top").unwrap_err();
    assert_eq!(
        error.to_string(),
        "plugin 'top' failed in activate: top was told to fail its activation; so plugin 'top' was not activated (deactivated again: middle, base)"
    );
    assert_eq!(
        journal.take(),
        [
            "base:activate",
            "middle:activate",
            "top:activate",
            "middle:deactivate",
            "base:deactivate"
        ]
    );
    for name in ["base", "middle", "top"] {
        assert_ne!(
            manager.state(name),
            Some(PluginState::Active),
            "{name} is not left active"
        );
    }
}

#[test]
fn configuration_is_validated_completed_and_changed_live() {
    let (mut manager, _) = manager();
    let error = manager
        .install("base", Some(&json!({"level": 0})))
        .unwrap_err();
    let ManagerError::Config(config_error) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(config_error.violations.len(), 1, "{error}");
    assert_eq!(config_error.violations[0].path, "/level");
    assert_eq!(config_error.violations[0].rule, "minimum");
    assert_eq!(manager.state("base"), Some(PluginState::Discovered));

    manager.install("base", Some(&json!({"level": 5}))).unwrap();
    assert_eq!(
        manager.config("base"),
        Some(&json!({"level": 5, "label": "base"})),
        "defaults fill the rest"
    );
    manager.activate("base").unwrap();

    manager.set_config("base", &json!({"level": 7})).unwrap();
    assert_eq!(
        call_config(&mut manager),
        json!({"level": 7, "label": "base"})
    );

    let error = manager
        .set_config("base", &json!({"level": 11, "colour": "red"}))
        .unwrap_err();
    let ManagerError::Config(config_error) = &error else {
        panic!("{error:?}")
    };
    let paths: Vec<&str> = config_error
        .violations
        .iter()
        .map(|v| v.path.as_str())
        .collect();
    assert!(paths.contains(&"/level"), "{error}");
    assert_eq!(
        call_config(&mut manager),
        json!({"level": 7, "label": "base"}),
        "the old config stays"
    );

    let error = manager
        .set_config("base", &json!({"label": "reject"}))
        .unwrap_err();
    assert!(
        error
            .to_string()
            .contains("label 'reject' is refused by base itself"),
        "{error}"
    );
    assert_eq!(
        call_config(&mut manager),
        json!({"level": 7, "label": "base"}),
        "the old config stays"
    );
    assert_eq!(
        manager.config("base"),
        Some(&json!({"level": 7, "label": "base"}))
    );
}

fn call_config(manager: &mut PluginManager) -> Value {
    manager.call("base", "config", b"").unwrap().json().unwrap()
}

#[test]
fn the_host_config_file_supplies_configurations() {
    let (manager, _) = manager();
    let config = HostConfig::parse(
        "[plugins.base]\nlevel = 9\n",
        std::path::Path::new("host.toml"),
    )
    .unwrap();
    let mut manager = manager.with_host_config(config);
    manager.install("base", None).unwrap();
    assert_eq!(
        manager.config("base"),
        Some(&json!({"level": 9, "label": "base"}))
    );
}

#[test]
fn a_restarted_manager_comes_back_to_the_same_state() {
    let dir = support::empty_dir("manager-restore");
    let state = dir.join("state.json");
    let library = support::fixture("deps", &[]);

    let journal = Journal::default();
    let mut first = PluginManager::new(host_at(&journal, &library)).with_state_file(&state);
    install_all(&mut first, &["base", "middle", "rival"]);
    first.set_config("base", &json!({"level": 8})).unwrap();
    first.activate("middle").unwrap();
    drop(first);
    journal.take();

    let mut second = PluginManager::new(host_without_library(&journal)).with_state_file(&state);
    second.restore().unwrap();
    assert_eq!(
        journal.take(),
        ["base:activate", "middle:activate"],
        "a restart re-activates, in dependency order, without installing again"
    );
    assert_eq!(second.state("base"), Some(PluginState::Active));
    assert_eq!(second.state("middle"), Some(PluginState::Active));
    assert_eq!(second.state("rival"), Some(PluginState::Installed));
    assert_eq!(
        second.config("base"),
        Some(&json!({"level": 8, "label": "base"}))
    );
}

/// A host with the journal service but no library loaded: `restore` loads
/// the recorded ones.
fn host_without_library(journal: &Journal) -> Host {
    let entries = Arc::clone(&journal.0);
    Host::builder(support::APP_VERSION.parse().unwrap())
        .service("journal", move |_caller, command| {
            entries.lock().unwrap().push(command.args()?);
            Ok(b"null".to_vec())
        })
        .build()
}

fn host_at(journal: &Journal, library: &std::path::Path) -> Host {
    let mut host = host_without_library(journal);
    host.load_library(library).unwrap();
    host
}

#[test]
fn a_corrupt_state_file_is_an_error_and_is_left_alone() {
    let dir = support::empty_dir("manager-corrupt");
    let state = dir.join("state.json");
    std::fs::write(&state, b"{ not json").unwrap();
    let (manager, _) = manager();
    let mut manager = manager.with_state_file(&state);
    let error = manager.restore().unwrap_err();
    assert!(matches!(error, ManagerError::State(_)), "{error:?}");
    assert!(error.to_string().contains("is corrupt"), "{error}");
    assert_eq!(std::fs::read(&state).unwrap(), b"{ not json");
}

#[test]
fn operations_in_the_wrong_state_say_what_to_do() {
    let (mut manager, _) = manager();
    assert_eq!(
        error_text(manager.activate("base")),
        "plugin 'base' is discovered (not installed), so it cannot be activated: install it first"
    );
    manager.install("base", None).unwrap();
    assert_eq!(
        error_text(manager.install("base", None)),
        "plugin 'base' is installed, so it cannot be installed: it is installed already"
    );
}

#[test]
fn a_plugin_that_cannot_be_restored_keeps_its_record_and_not_the_others_back() {
    let dir = support::empty_dir("manager-partial-restore");
    let state = dir.join("state.json");
    let deps = support::fixture("deps", &[]);
    let pair = support::fixture("pair", &[]);

    let journal = Journal::default();
    let mut host = host_at(&journal, &deps);
    host.load_library(&pair).unwrap();
    let mut first = PluginManager::new(host).with_state_file(&state);
    install_all(&mut first, &["base", "alpha"]);
    first.set_config("base", &json!({"level": 8})).unwrap();
    first.activate("base").unwrap();
    first.activate("alpha").unwrap();
    drop(first);
    let saved = std::fs::read_to_string(&state).unwrap();
    std::fs::remove_file(&deps).unwrap();

    let mut second = PluginManager::new(host_without_library(&journal)).with_state_file(&state);
    let report = second.restore().unwrap();
    assert_eq!(report.installed, ["alpha"]);
    assert_eq!(report.activated, ["alpha"]);
    assert_eq!(report.failed.len(), 1, "{report:?}");
    assert_eq!(report.failed[0].plugin, "base");
    // In a new process the load fails; in this one the old mapping is
    // still there, so it is the checksum that cannot be read. Either way
    // the message names the missing file.
    let file_name = deps.file_name().unwrap().to_string_lossy().into_owned();
    assert!(
        report.failed[0].error.to_string().contains(&file_name),
        "{}",
        report.failed[0].error
    );
    assert_eq!(second.state("alpha"), Some(PluginState::Active));
    assert_eq!(second.unrestored().keys().collect::<Vec<_>>(), ["base"]);

    // Later changes keep base's record exactly as it was saved.
    second.deactivate("alpha", false).unwrap();
    let written: Value = serde_json::from_str(&std::fs::read_to_string(&state).unwrap()).unwrap();
    let before: Value = serde_json::from_str(&saved).unwrap();
    assert_eq!(written["plugins"]["base"], before["plugins"]["base"]);
    assert_eq!(written["plugins"]["alpha"]["active"], false);

    assert!(second.forget("base").unwrap());
    assert!(!second.forget("base").unwrap());
    let written: Value = serde_json::from_str(&std::fs::read_to_string(&state).unwrap()).unwrap();
    assert!(written["plugins"].get("base").is_none(), "{written}");
}

#[test]
fn a_changed_library_is_reported_and_its_plugins_are_not_brought_back() {
    let dir = support::empty_dir("manager-changed-library");
    let state = dir.join("state.json");
    let library = support::fixture("deps", &[]);

    let journal = Journal::default();
    let mut first = PluginManager::new(host_at(&journal, &library)).with_state_file(&state);
    install_all(&mut first, &["base"]);
    drop(first);
    let saved = std::fs::read(&state).unwrap();
    // A new file renamed over the old one: the old one is still mapped.
    let mut bytes = std::fs::read(&library).unwrap();
    bytes.push(0);
    let changed = dir.join("changed.so");
    std::fs::write(&changed, bytes).unwrap();
    std::fs::rename(&changed, &library).unwrap();

    let mut second = PluginManager::new(host_without_library(&journal)).with_state_file(&state);
    let report = second.restore().unwrap();
    assert!(report.installed.is_empty(), "{report:?}");
    let failure = &report.failed[0];
    assert!(
        matches!(failure.error, ManagerError::ChecksumMismatch { .. }),
        "{failure}"
    );
    assert!(
        failure
            .to_string()
            .starts_with("plugin 'base' was not restored: "),
        "{failure}"
    );
    assert_eq!(second.state("base"), Some(PluginState::Discovered));
    assert_eq!(std::fs::read(&state).unwrap(), saved, "nothing is reset");
}

#[test]
fn a_deactivated_plugin_comes_back_inactive_not_merely_installed() {
    let dir = support::empty_dir("manager-inactive");
    let state = dir.join("state.json");
    let library = support::fixture("deps", &[]);

    let journal = Journal::default();
    let mut first = PluginManager::new(host_at(&journal, &library)).with_state_file(&state);
    install_all(&mut first, &["base", "rival"]);
    first.activate("base").unwrap();
    first.deactivate("base", false).unwrap();
    drop(first);
    let saved: Value = serde_json::from_slice(&std::fs::read(&state).unwrap()).unwrap();
    assert_eq!(saved["plugins"]["base"]["inactive"], true);
    assert!(
        saved["plugins"]["rival"].get("inactive").is_none(),
        "written only when set: {saved}"
    );
    journal.take();

    let mut second = PluginManager::new(host_without_library(&journal)).with_state_file(&state);
    second.restore().unwrap();
    assert_eq!(second.state("base"), Some(PluginState::Inactive));
    assert_eq!(second.state("rival"), Some(PluginState::Installed));
    assert!(journal.take().is_empty(), "no hook runs for either");
    assert_eq!(second.activate("base").unwrap(), ["base"]);
}
