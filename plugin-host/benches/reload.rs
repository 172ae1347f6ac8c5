//! Hot reload latency, compile time excluded.
//!
//! The plugin is `fixture-reloadable` built in release mode as an
//! unload-safe library (so each replaced build is unmapped and thousands of
//! iterations do not pile up mappings), active, with a counter as state.
//!
//! - `swap`: how long calls are held while the running instance saves its
//!   state and is deactivated and the new one (created beforehand from the
//!   already loaded new build) restores it and is activated, up to the
//!   handle pointing at it: `ReloadReport::pause`, summed over full reloads
//!   with `iter_custom`.
//! - `full`: `PluginManager::reload` from the library file as a whole: copy
//!   (with checksum), load and every load check, schema and dependency
//!   checks, creating the instance, the swap, and dropping (unmapping) the
//!   old build. No state file is written.

mod common;

use std::path::Path;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use plugin_host::PluginManager;

const PLUGIN: &str = "reloadable";

fn active_manager(library: &Path, copies: &Path) -> PluginManager {
    let mut manager = PluginManager::new(common::host()).with_reload_dir(copies);
    manager.load_reloadable(library).expect("the fixture loads");
    manager.install(PLUGIN, None).expect("installs");
    manager.activate(PLUGIN).expect("activates");
    let handle = manager.handle(PLUGIN).expect("installed");
    handle.call("tick", b"null").expect("counts");
    manager
}

fn reload(c: &mut Criterion) {
    let library = common::release_library_with_env(
        "fixture-reloadable",
        &[("RELOADABLE_FLAVOR", "unload_safe")],
        "fixture-reloadable-unload-safe",
    );
    let copies = common::empty_dir("reload-copies");
    let mut manager = active_manager(&library, &copies);
    let mut group = c.benchmark_group("reload");
    group.bench_function("swap", |b| {
        b.iter_custom(|iterations| {
            let mut held = Duration::ZERO;
            for _ in 0..iterations {
                held += manager.reload(PLUGIN).expect("reloads").pause;
            }
            held
        })
    });
    group.bench_function("full", |b| {
        b.iter(|| manager.reload(PLUGIN).expect("reloads"))
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = common::criterion();
    targets = reload
}
criterion_main!(benches);
