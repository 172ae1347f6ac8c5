//! Hot reload: swapping a running plugin's library for a new build while
//! other threads call it, handing its state over, and rolling back when the
//! new build does not work.

mod support;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Barrier};
use std::thread;

use fixture_pair as _;
use plugin_host::{
    ErrorKind, PluginHandle, PluginManager, PluginState, ReloadError, ReloadEvent, ReloadStep,
    Reloader, StateFile, checksum_file,
};
use serde::Deserialize;
use support::{empty_dir, fixture, fixture_variant, host};

const PLUGIN: &str = "reloadable";

/// What the fixture's `tick` and `peek` return.
#[derive(Debug, Deserialize)]
struct Tick {
    generation: String,
    version: String,
    counter: u64,
    epoch: u64,
}

/// One build of the fixture: its generation, version and flavour switches.
fn variant(generation: &str, version: &str, flavor: &str) -> PathBuf {
    fixture_variant(
        PLUGIN,
        &[
            ("RELOADABLE_GENERATION", generation),
            ("RELOADABLE_VERSION", version),
            ("RELOADABLE_FLAVOR", flavor),
        ],
    )
}

/// Puts `build` at `origin` as a linker does: a new file renamed over the
/// old one.
fn place(build: &Path, origin: &Path) {
    let partial = origin.with_extension("partial");
    std::fs::copy(build, &partial).unwrap();
    std::fs::rename(&partial, origin).unwrap();
}

/// A scratch directory with a library file for the plugin to be loaded
/// from, holding `build`.
struct Setup {
    dir: PathBuf,
    origin: PathBuf,
}

impl Setup {
    fn new(label: &str, build: &Path) -> Setup {
        let dir = empty_dir(label);
        let origin = dir.join(format!("libreloadable.{}", std::env::consts::DLL_EXTENSION));
        place(build, &origin);
        Setup { dir, origin }
    }

    /// A manager that has loaded the library (from a private copy in
    /// `copies/`) and installed and activated the plugin.
    fn manager(&self) -> PluginManager {
        let mut manager = PluginManager::new(host()).with_reload_dir(self.copies());
        assert_eq!(manager.load_reloadable(&self.origin).unwrap(), [PLUGIN]);
        manager.install(PLUGIN, None).unwrap();
        manager.activate(PLUGIN).unwrap();
        manager
    }

    fn copies(&self) -> PathBuf {
        self.dir.join("copies")
    }
}

fn tick(handle: &PluginHandle) -> Tick {
    handle.call_json("tick", &()).unwrap()
}

#[test]
fn calls_never_fail_while_the_plugin_is_reloaded_fifty_times() {
    const THREADS: usize = 4;
    const RELOADS: u64 = 50;
    let builds = [
        variant("a", "1.0.0", "unload_safe"),
        variant("b", "1.1.0", "unload_safe"),
    ];
    let expected = |epoch: u64| {
        if epoch.is_multiple_of(2) {
            ("a", "1.0.0")
        } else {
            ("b", "1.1.0")
        }
    };
    let setup = Setup::new("stress", &builds[0]);
    let mut manager = setup.manager();
    let handle = manager.handle(PLUGIN).unwrap();

    let swaps = Arc::new(AtomicU64::new(0));
    let stop = Arc::new(AtomicBool::new(false));
    let start = Arc::new(Barrier::new(THREADS + 1));
    let callers: Vec<_> = (0..THREADS)
        .map(|_| {
            let (handle, swaps, stop, start) = (
                Arc::clone(&handle),
                Arc::clone(&swaps),
                Arc::clone(&stop),
                Arc::clone(&start),
            );
            thread::spawn(move || {
                let mut problems = Vec::new();
                let mut calls = 0u64;
                let (mut last_counter, mut last_epoch) = (0u64, 0u64);
                let mut epochs = BTreeSet::new();
                start.wait();
                while !stop.load(Ordering::Acquire) {
                    let swapped_before = swaps.load(Ordering::Acquire);
                    let tick: Tick = match handle.call_json("tick", &()) {
                        Ok(tick) => tick,
                        Err(e) => {
                            problems.push(format!("call failed: {e}"));
                            continue;
                        }
                    };
                    calls += 1;
                    epochs.insert(tick.epoch);
                    if tick.epoch < swapped_before {
                        problems.push(format!(
                            "a call started after reload {swapped_before} returned ran on the build of reload {}",
                            tick.epoch
                        ));
                    }
                    if (tick.generation.as_str(), tick.version.as_str()) != expected(tick.epoch) {
                        problems.push(format!(
                            "reload {} runs generation {} {}",
                            tick.epoch, tick.generation, tick.version
                        ));
                    }
                    if tick.epoch < last_epoch || tick.counter <= last_counter {
                        problems.push(format!(
                            "went back from count {last_counter} of reload {last_epoch} to count {} of reload {}",
                            tick.counter, tick.epoch
                        ));
                    }
                    (last_counter, last_epoch) = (tick.counter, tick.epoch);
                }
                (calls, epochs.len(), problems)
            })
        })
        .collect();

    start.wait();
    for reload in 1..=RELOADS {
        place(&builds[(reload % 2) as usize], &setup.origin);
        let report = manager
            .reload(PLUGIN)
            .unwrap_or_else(|e| panic!("reload {reload} failed: {e}"));
        assert_eq!(
            report.plugins[0].new_version.to_string(),
            expected(reload).1
        );
        assert!(
            report.plugins[0].state_bytes > 0,
            "the count is handed over"
        );
        swaps.store(reload, Ordering::Release);
    }
    stop.store(true, Ordering::Release);

    let mut total = 0;
    for caller in callers {
        let (calls, epochs_seen, problems) = caller.join().unwrap();
        assert!(problems.is_empty(), "{problems:#?}");
        assert!(
            epochs_seen > 1,
            "every caller ran through reloads, this one saw {epochs_seen} build(s)"
        );
        total += calls;
    }
    let last: Tick = handle.call_json("peek", &()).unwrap();
    assert_eq!(last.epoch, RELOADS, "every reload handed the state on");
    assert_eq!(
        last.counter, total,
        "no call was lost: the count is the number of calls made"
    );
    assert_eq!(
        (last.generation.as_str(), last.version.as_str()),
        expected(RELOADS)
    );
    assert_eq!(manager.state(PLUGIN), Some(PluginState::Active));
}

#[test]
fn a_build_that_does_not_load_leaves_the_old_instance_working() {
    let setup = Setup::new("refused-build", &variant("a", "1.0.0", ""));
    let mut manager = setup.manager();
    let handle = manager.handle(PLUGIN).unwrap();
    tick(&handle);

    std::fs::write(&setup.origin, b"this is not a shared library").unwrap();
    let error = manager.reload(PLUGIN).unwrap_err();
    assert_eq!(error.step(), ReloadStep::Load, "{error}");
    assert!(matches!(error, ReloadError::Load { .. }), "{error:?}");
    let message = error.to_string();
    assert!(message.contains("the old build keeps running"), "{message}");

    place(&fixture("not-plugin", &[]), &setup.origin);
    let error = manager.reload(PLUGIN).unwrap_err();
    assert_eq!(error.step(), ReloadStep::Load, "{error}");

    let after = tick(&handle);
    assert_eq!(
        (after.generation.as_str(), after.counter, after.epoch),
        ("a", 2, 0)
    );
    assert_eq!(manager.state(PLUGIN), Some(PluginState::Active));
    assert_eq!(
        manager.host().plugin(PLUGIN).unwrap().version.to_string(),
        "1.0.0"
    );
}

#[test]
fn a_build_with_other_plugins_is_refused() {
    let setup = Setup::new("other-plugins", &variant("a", "1.0.0", ""));
    let mut manager = setup.manager();
    place(&fixture("pair", &[]), &setup.origin);
    let error = manager.reload(PLUGIN).unwrap_err();
    assert_eq!(error.step(), ReloadStep::Plugins, "{error}");
    match &error {
        ReloadError::PluginsChanged { running, built, .. } => {
            assert_eq!(running, &[PLUGIN]);
            assert_eq!(built, &["alpha", "beta"]);
        }
        other => panic!("expected PluginsChanged, got {other:?}"),
    }
    assert_eq!(tick(&manager.handle(PLUGIN).unwrap()).generation, "a");
}

#[test]
fn a_build_that_fails_to_activate_is_rolled_back() {
    let setup = Setup::new("failing-activate", &variant("a", "1.0.0", ""));
    let mut manager = setup.manager();
    let handle = manager.handle(PLUGIN).unwrap();
    tick(&handle);
    tick(&handle);

    place(&variant("broken", "2.0.0", "fail_activate"), &setup.origin);
    let error = manager.reload(PLUGIN).unwrap_err();
    assert_eq!(error.step(), ReloadStep::Activate, "{error}");
    match &error {
        ReloadError::Step { plugin, source, .. } => {
            assert_eq!(plugin, PLUGIN);
            assert!(
                source
                    .to_string()
                    .contains("generation broken refuses to activate"),
                "{source}"
            );
        }
        other => panic!("expected a rolled-back step, got {other:?}"),
    }

    let after = tick(&handle);
    assert_eq!(
        (after.generation.as_str(), after.counter, after.epoch),
        ("a", 3, 0),
        "the old instance is active again with its count"
    );
    assert_eq!(manager.state(PLUGIN), Some(PluginState::Active));
    assert_eq!(
        manager.host().plugin(PLUGIN).unwrap().version.to_string(),
        "1.0.0"
    );

    // A working build after the failed one takes over the count.
    place(&variant("b", "1.1.0", ""), &setup.origin);
    manager.reload(PLUGIN).unwrap();
    let after = tick(&handle);
    assert_eq!(
        (after.generation.as_str(), after.counter, after.epoch),
        ("b", 4, 1)
    );
}

#[test]
fn a_build_whose_schema_rejects_the_configuration_is_refused() {
    let setup = Setup::new("config", &variant("a", "1.0.0", ""));
    let mut manager = PluginManager::new(host()).with_reload_dir(setup.copies());
    manager.load_reloadable(&setup.origin).unwrap();
    manager
        .install(PLUGIN, Some(&serde_json::json!({ "label": "blue" })))
        .unwrap();
    manager.activate(PLUGIN).unwrap();

    place(&variant("b", "1.1.0", "numeric_label"), &setup.origin);
    let error = manager.reload(PLUGIN).unwrap_err();
    assert_eq!(error.step(), ReloadStep::Config, "{error}");
    let message = error.to_string();
    assert!(
        message.contains("plugin 'reloadable'") && message.contains("/label"),
        "{message}"
    );
    assert_eq!(tick(&manager.handle(PLUGIN).unwrap()).generation, "a");
    assert_eq!(manager.config(PLUGIN).unwrap()["label"], "blue");
}

#[test]
fn a_plugin_without_state_hooks_starts_afresh() {
    let setup = Setup::new("no-state", &variant("a", "1.0.0", "no_state"));
    let mut manager = setup.manager();
    let handle = manager.handle(PLUGIN).unwrap();
    for _ in 0..3 {
        tick(&handle);
    }
    place(&variant("b", "1.1.0", "no_state"), &setup.origin);
    let report = manager.reload(PLUGIN).unwrap();
    assert_eq!(report.plugins[0].state_bytes, 0);
    let after = tick(&handle);
    assert_eq!((after.generation.as_str(), after.counter), ("b", 1));
}

#[test]
fn an_inactive_plugin_is_reloaded_with_its_state_and_stays_inactive() {
    let setup = Setup::new("inactive", &variant("a", "1.0.0", ""));
    let mut manager = setup.manager();
    let handle = manager.handle(PLUGIN).unwrap();
    tick(&handle);
    manager.deactivate(PLUGIN, false).unwrap();
    place(&variant("b", "1.1.0", ""), &setup.origin);
    manager.reload(PLUGIN).unwrap();
    assert_eq!(manager.state(PLUGIN), Some(PluginState::Inactive));
    let error = handle.call("tick", b"null").unwrap_err();
    assert!(error.to_string().contains("activate it first"), "{error}");
    manager.activate(PLUGIN).unwrap();
    let after = tick(&handle);
    assert_eq!(
        (after.generation.as_str(), after.counter, after.epoch),
        ("b", 2, 1)
    );
}

#[test]
fn the_state_file_records_the_new_build_and_a_restart_runs_it() {
    let setup = Setup::new("persisted", &variant("a", "1.0.0", ""));
    let state_path = setup.dir.join("state.json");
    let mut manager = PluginManager::new(host())
        .with_reload_dir(setup.copies())
        .with_state_file(&state_path);
    manager.load_reloadable(&setup.origin).unwrap();
    manager.install(PLUGIN, None).unwrap();
    manager.activate(PLUGIN).unwrap();

    place(&variant("b", "1.1.0", ""), &setup.origin);
    let report = manager.reload(PLUGIN).unwrap();
    let record = StateFile::new(&state_path).load().unwrap().unwrap().plugins[PLUGIN].clone();
    assert_eq!(record.version, "1.1.0");
    assert_eq!(record.library.as_deref(), Some(setup.origin.as_path()));
    assert_eq!(record.checksum.as_deref(), Some(report.checksum.as_str()));
    assert_eq!(report.checksum, checksum_file(&setup.origin).unwrap());
    assert!(record.active);
    drop(manager);

    let mut restarted = PluginManager::new(host()).with_state_file(&state_path);
    restarted.restore().unwrap();
    assert_eq!(restarted.state(PLUGIN), Some(PluginState::Active));
    assert_eq!(tick(&restarted.handle(PLUGIN).unwrap()).generation, "b");
}

#[test]
fn only_changed_libraries_are_reloaded() {
    let setup = Setup::new("changed", &variant("a", "1.0.0", ""));
    let mut manager = setup.manager();
    assert!(
        manager.reload_all_changed().is_empty(),
        "nothing changed yet"
    );
    assert!(manager.reload_if_changed(PLUGIN).unwrap().is_none());

    place(&variant("b", "1.1.0", ""), &setup.origin);
    let outcomes = manager.reload_all_changed();
    assert_eq!(outcomes.len(), 1);
    let report = outcomes.into_iter().next().unwrap().unwrap();
    assert_eq!(report.library, setup.origin);
    assert_eq!(report.plugins[0].new_version.to_string(), "1.1.0");
    assert_eq!(
        manager.host().plugin(PLUGIN).unwrap().version.to_string(),
        "1.1.0",
        "the registry names the new build"
    );
    assert!(
        manager.reload_all_changed().is_empty(),
        "the new build is the file"
    );
}

#[test]
fn every_plugin_of_a_library_is_reloaded_together() {
    let dir = empty_dir("pair-reload");
    let origin = dir.join(format!("libpair.{}", std::env::consts::DLL_EXTENSION));
    place(&fixture("pair", &[]), &origin);
    let mut manager = PluginManager::new(host()).with_reload_dir(dir.join("copies"));
    manager.load_reloadable(&origin).unwrap();
    manager.install("alpha", None).unwrap();
    manager.install("beta", None).unwrap();
    assert_eq!(manager.activate("beta").unwrap(), ["alpha", "beta"]);
    let alpha = manager.handle("alpha").unwrap();
    let _: u64 = alpha.call_json("count", &()).unwrap();
    let before: u64 = alpha.call_json("count", &()).unwrap();
    assert_eq!(before, 2);

    let report = manager.reload("beta").unwrap();
    let names: Vec<&str> = report.plugins.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["alpha", "beta"]);
    for plugin in &report.plugins {
        assert_eq!(plugin.state, PluginState::Active, "{}", plugin.name);
    }
    assert_eq!(manager.state("alpha"), Some(PluginState::Active));
    assert_eq!(manager.state("beta"), Some(PluginState::Active));
    // alpha keeps no state across reloads: its new instance counts afresh.
    let after: u64 = alpha.call_json("count", &()).unwrap();
    assert_eq!(after, 1);
}

#[test]
fn a_statically_linked_plugin_cannot_be_reloaded() {
    let mut host = host();
    host.load_static().unwrap();
    let mut manager = PluginManager::new(host);
    let error = manager.reload("alpha").unwrap_err();
    assert!(matches!(error, ReloadError::Static { .. }), "{error:?}");
    let error = manager.reload("no-such-plugin").unwrap_err();
    assert_eq!(error.step(), ReloadStep::Check);
}

#[test]
fn a_call_error_of_the_new_build_names_the_plugin() {
    let setup = Setup::new("unknown-command", &variant("a", "1.0.0", ""));
    let mut manager = setup.manager();
    place(&variant("b", "1.1.0", ""), &setup.origin);
    manager.reload(PLUGIN).unwrap();
    let error = manager
        .handle(PLUGIN)
        .unwrap()
        .call("nope", b"")
        .unwrap_err();
    assert!(
        matches!(&error, plugin_host::CallError::Plugin { kind: ErrorKind::UnknownCommand, plugin, .. } if plugin == PLUGIN),
        "{error:?}"
    );
}

/// Waits (up to a generous limit, since builds on a busy machine are slow)
/// for the reloader's next event.
fn next_event(reloader: &mut Reloader, manager: &mut PluginManager) -> ReloadEvent {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while std::time::Instant::now() < deadline {
        let mut events = reloader.wait(manager, std::time::Duration::from_millis(200));
        if !events.is_empty() {
            assert_eq!(events.len(), 1, "{events:?}");
            return events.remove(0);
        }
    }
    panic!("the reloader reported nothing within 30 s");
}

#[test]
fn the_reloader_reloads_a_library_when_its_file_settles() {
    let setup = Setup::new("reloader", &variant("a", "1.0.0", ""));
    let mut manager = setup.manager();
    let handle = manager.handle(PLUGIN).unwrap();
    tick(&handle);
    let mut reloader = Reloader::new(&manager, std::time::Duration::from_millis(100)).unwrap();

    std::fs::write(&setup.origin, b"half a library").unwrap();
    match next_event(&mut reloader, &mut manager) {
        ReloadEvent::Failed { library, error } => {
            assert_eq!(library, setup.origin);
            assert_eq!(error.step(), ReloadStep::Load, "{error}");
        }
        other => panic!("expected a failed reload, got {other:?}"),
    }
    assert_eq!(tick(&handle).generation, "a", "the old build runs on");

    place(&variant("b", "1.1.0", ""), &setup.origin);
    match next_event(&mut reloader, &mut manager) {
        ReloadEvent::Reloaded(report) => assert_eq!(report.library, setup.origin),
        other => panic!("expected a reload, got {other:?}"),
    }
    let after = tick(&handle);
    assert_eq!((after.generation.as_str(), after.counter), ("b", 3));

    // Rewriting the same bytes is a change of the file, not of the build.
    place(&variant("b", "1.1.0", ""), &setup.origin);
    assert!(
        matches!(
            next_event(&mut reloader, &mut manager),
            ReloadEvent::Unchanged { .. }
        ),
        "the same build is not reloaded"
    );
}

/// The distinct library files under `dir` that this process has mapped.
#[cfg(target_os = "linux")]
fn mapped_under(dir: &Path) -> BTreeSet<String> {
    let dir = dir.to_string_lossy().into_owned();
    std::fs::read_to_string("/proc/self/maps")
        .unwrap()
        .lines()
        .filter_map(|line| line.find(&dir).map(|at| line[at..].to_owned()))
        .collect()
}

#[cfg(target_os = "linux")]
#[test]
fn a_replaced_build_stays_mapped_unless_it_is_unload_safe() {
    for (flavor, mapped_after) in [("", 2), ("unload_safe", 1)] {
        let setup = Setup::new(
            &format!("mapped-{}", if flavor.is_empty() { "kept" } else { flavor }),
            &variant("a", "1.0.0", flavor),
        );
        let mut manager = setup.manager();
        assert_eq!(
            manager.host().plugin(PLUGIN).unwrap().unload_safe,
            !flavor.is_empty()
        );
        assert_eq!(
            mapped_under(&setup.copies()).len(),
            1,
            "{flavor}: the first build"
        );
        let handle = manager.handle(PLUGIN).unwrap();
        let output = handle.call("tick", b"null").unwrap();

        place(&variant("b", "1.1.0", flavor), &setup.origin);
        manager.reload(PLUGIN).unwrap();
        assert_eq!(
            mapped_under(&setup.copies()).len(),
            2,
            "{flavor}: an output of the old build keeps it mapped"
        );
        assert!(std::str::from_utf8(&output).unwrap().contains("\"a\""));
        drop(output);
        assert_eq!(
            mapped_under(&setup.copies()).len(),
            mapped_after,
            "{flavor}: once the old build's last output is gone"
        );
        assert_eq!(tick(&handle).generation, "b");
    }
}
