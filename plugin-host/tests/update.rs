//! Updating an installed plugin from one real build of `fixture-versioned`
//! to another: success (checked again by a restarted manager), refusals
//! that change nothing, and rollbacks after the new library fails to load
//! or its activate hook fails.

mod support;

use std::path::{Path, PathBuf};

use plugin_host::package::Package;
use plugin_host::{
    ManagerError, PluginManager, PluginState, UpdateError, UpdateOptions, UpdateSource,
    checksum_file,
};
use serde_json::{Value, json};

/// A managed directory with `versioned` 1.0.0 installed from `plugins/`
/// with a configuration of its own, and active.
struct Setup {
    manager: PluginManager,
    plugins: PathBuf,
    state: PathBuf,
}

impl Setup {
    fn new(label: &str) -> Setup {
        let dir = support::empty_dir(label);
        let plugins = dir.join("plugins");
        std::fs::create_dir_all(&plugins).unwrap();
        let library = plugins.join(format!("libversioned.{}", std::env::consts::DLL_EXTENSION));
        std::fs::copy(support::fixture("versioned", &[]), &library).unwrap();
        let state = dir.join("state.json");
        let mut manager = Setup::restarted(&plugins, &state);
        manager
            .install("versioned", Some(&json!({"greeting": "hi"})))
            .unwrap();
        manager.activate("versioned").unwrap();
        Setup {
            manager,
            plugins,
            state,
        }
    }

    /// A new manager over the same directory, as after a restart.
    fn restarted(plugins: &Path, state: &Path) -> PluginManager {
        let mut host = support::host();
        let report = host.load_dir(plugins).unwrap();
        assert!(report.refused.is_empty(), "{:?}", report.refused);
        let mut manager = PluginManager::new(host).with_state_file(state);
        manager.restore().unwrap();
        manager
    }

    fn call(&mut self, command: &str) -> Value {
        let output = self.manager.call("versioned", command, b"null").unwrap();
        serde_json::from_slice(output.as_bytes()).unwrap()
    }

    fn update(
        &mut self,
        features: &[&str],
        options: UpdateOptions,
    ) -> Result<plugin_host::UpdateReport, ManagerError> {
        let source = UpdateSource::Library(support::fixture("versioned", features));
        self.manager
            .update("versioned", &source, &self.plugins, options)
    }

    fn state_bytes(&self) -> Vec<u8> {
        std::fs::read(&self.state).unwrap()
    }

    fn plugin_files(&self) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(&self.plugins)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    /// Checks that version 1.0.0 runs, active, as before the update.
    fn assert_unchanged(&mut self, state_before: &[u8], files_before: &[String]) {
        assert_eq!(self.manager.state("versioned"), Some(PluginState::Active));
        assert_eq!(self.call("version"), "1.0.0");
        assert_eq!(self.call("config"), json!({"greeting": "hi", "level": 1}));
        assert_eq!(
            self.state_bytes(),
            state_before,
            "the state file is untouched"
        );
        assert_eq!(self.plugin_files(), files_before, "the new library is gone");
    }
}

#[test]
fn an_update_swaps_the_version_keeps_the_config_and_survives_a_restart() {
    let mut setup = Setup::new("update-success");
    let old_library = setup.plugins.join(&setup.plugin_files()[0]);
    let report = setup.update(&["v2"], UpdateOptions::default()).unwrap();
    assert_eq!(report.from.to_string(), "1.0.0");
    assert_eq!(report.to.to_string(), "2.0.0");
    assert_eq!(report.reactivated, ["versioned"]);
    assert_eq!(report.previous_library, old_library);
    assert!(report.removed_previous);
    assert_eq!(report.config, json!({"greeting": "hi", "level": 1}));
    assert!(report.library.starts_with(&setup.plugins));

    assert_eq!(setup.manager.state("versioned"), Some(PluginState::Active));
    assert_eq!(setup.call("version"), "2.0.0");
    assert_eq!(setup.call("config"), json!({"greeting": "hi", "level": 1}));
    assert!(!old_library.exists(), "the replaced library is removed");

    let saved: Value = serde_json::from_slice(&setup.state_bytes()).unwrap();
    let record = &saved["plugins"]["versioned"];
    assert_eq!(record["version"], "2.0.0");
    assert_eq!(record["active"], true);
    assert_eq!(record["library"], json!(report.library));
    assert_eq!(
        record["checksum"],
        json!(checksum_file(&report.library).unwrap())
    );

    let restarted = Setup::restarted(&setup.plugins, &setup.state);
    assert_eq!(restarted.state("versioned"), Some(PluginState::Active));
    assert_eq!(
        restarted
            .host()
            .plugin("versioned")
            .unwrap()
            .version
            .to_string(),
        "2.0.0"
    );
    assert_eq!(
        restarted.config("versioned"),
        Some(&json!({"greeting": "hi", "level": 1}))
    );
}

#[test]
fn an_update_from_a_package_extracts_its_library() {
    let mut setup = Setup::new("update-package");
    let dir = setup.plugins.parent().unwrap().to_path_buf();
    let out = dir.join("versioned-2.0.0.tar.gz");
    let library = support::fixture("versioned", &["v2"]);
    Package::build(&library, &[], &out, &mut ()).unwrap();
    let source = UpdateSource::Package(Package::open(&out).unwrap());
    let report = setup
        .manager
        .update(
            "versioned",
            &source,
            &setup.plugins,
            UpdateOptions::default(),
        )
        .unwrap();
    let stem = library.file_stem().unwrap().to_str().unwrap().to_owned();
    assert_eq!(
        report.library,
        setup
            .plugins
            .join(format!("{stem}-2.0.0.{}", std::env::consts::DLL_EXTENSION))
    );
    assert_eq!(setup.call("version"), "2.0.0");
}

#[test]
fn an_older_or_equal_version_is_refused_unless_forced() {
    let mut setup = Setup::new("update-not-newer");
    let state_before = setup.state_bytes();
    let files_before = setup.plugin_files();
    let error = setup.update(&[], UpdateOptions::default()).unwrap_err();
    assert_eq!(
        error.to_string(),
        "plugin 'versioned' 1.0.0 is installed and the update offers 1.0.0, which is not newer; nothing was changed (force the update to install it anyway)"
    );
    setup.assert_unchanged(&state_before, &files_before);

    let forced = UpdateOptions {
        force: true,
        ..UpdateOptions::default()
    };
    let report = setup.update(&[], forced).unwrap();
    assert_eq!(report.to.to_string(), "1.0.0");
    assert_eq!(setup.call("version"), "1.0.0");
}

#[test]
fn a_schema_that_rejects_the_current_config_is_refused() {
    let mut setup = Setup::new("update-config");
    let state_before = setup.state_bytes();
    let files_before = setup.plugin_files();
    let error = setup
        .update(&["v2", "strict"], UpdateOptions::default())
        .unwrap_err();
    assert!(
        matches!(&error, ManagerError::Update(e) if matches!(**e, UpdateError::ConfigRejected { .. })),
        "{error:?}"
    );
    assert_eq!(
        error.to_string(),
        "plugin 'versioned' 2.0.0 does not accept the current configuration, so nothing was changed: invalid configuration for plugin 'versioned': /level must be at least 10 (rule: minimum); fix the field and try again"
    );
    setup.assert_unchanged(&state_before, &files_before);
}

#[test]
fn a_new_library_that_fails_to_load_changes_nothing() {
    let mut setup = Setup::new("update-load-fails");
    let state_before = setup.state_bytes();
    let files_before = setup.plugin_files();
    let source = UpdateSource::Library(support::fixture("not-plugin", &[]));
    let error = setup
        .manager
        .update(
            "versioned",
            &source,
            &setup.plugins,
            UpdateOptions::default(),
        )
        .unwrap_err();
    assert!(matches!(error, ManagerError::Load(_)), "{error:?}");
    assert!(
        error.to_string().contains("is not a plugin library"),
        "{error}"
    );
    setup.assert_unchanged(&state_before, &files_before);
}

#[test]
fn a_failing_activate_hook_rolls_the_update_back() {
    let mut setup = Setup::new("update-activate-fails");
    let state_before = setup.state_bytes();
    let files_before = setup.plugin_files();
    let error = setup
        .update(&["v2", "activate-fails"], UpdateOptions::default())
        .unwrap_err();
    assert!(
        matches!(&error, ManagerError::Update(e) if matches!(**e, UpdateError::RolledBack { active_again: true, .. })),
        "{error:?}"
    );
    assert_eq!(
        error.to_string(),
        "updating plugin 'versioned' from 1.0.0 to 2.0.0 failed, so it was rolled back to 1.0.0 and is active again: plugin 'versioned' failed in activate: this build of versioned always fails to activate; so plugin 'versioned' was not activated"
    );
    setup.assert_unchanged(&state_before, &files_before);

    let mut restarted = Setup::restarted(&setup.plugins, &setup.state);
    assert_eq!(
        restarted
            .host()
            .plugin("versioned")
            .unwrap()
            .version
            .to_string(),
        "1.0.0"
    );
    assert_eq!(restarted.state("versioned"), Some(PluginState::Active));
    restarted.deactivate("versioned", false).unwrap();
}

#[test]
fn an_inactive_plugin_is_updated_without_being_activated() {
    let mut setup = Setup::new("update-inactive");
    setup.manager.deactivate("versioned", false).unwrap();
    let report = setup.update(&["v2"], UpdateOptions::default()).unwrap();
    assert!(report.reactivated.is_empty());
    assert_eq!(
        setup.manager.state("versioned"),
        Some(PluginState::Installed)
    );
    setup.manager.activate("versioned").unwrap();
    assert_eq!(setup.call("version"), "2.0.0");
}

#[test]
fn active_dependents_are_refused_unless_the_update_cascades() {
    let mut setup = Setup::new("update-cascade");
    let user = setup.plugins.join(format!(
        "libversioned_user.{}",
        std::env::consts::DLL_EXTENSION
    ));
    std::fs::copy(support::fixture("versioned-user", &[]), &user).unwrap();
    setup.manager.host_mut().load_library(&user).unwrap();
    setup.manager.install("versioned-user", None).unwrap();
    setup.manager.activate("versioned-user").unwrap();
    let state_before = setup.state_bytes();

    let error = setup.update(&["v2"], UpdateOptions::default()).unwrap_err();
    assert_eq!(
        error.to_string(),
        "plugin 'versioned' is needed by the active plugin 'versioned-user'; deactivate it first, or ask for a cascade"
    );
    assert_eq!(setup.state_bytes(), state_before);

    let cascade = UpdateOptions {
        cascade: true,
        ..UpdateOptions::default()
    };
    let report = setup.update(&["v2"], cascade).unwrap();
    assert_eq!(report.reactivated, ["versioned", "versioned-user"]);
    for name in ["versioned", "versioned-user"] {
        assert_eq!(
            setup.manager.state(name),
            Some(PluginState::Active),
            "{name}"
        );
    }
    assert_eq!(setup.call("version"), "2.0.0");
}
