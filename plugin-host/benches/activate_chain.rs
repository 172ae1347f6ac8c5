//! Activating 100 plugins along a dependency chain through the manager.
//!
//! `fixture-chain` holds `chain-000` to `chain-099`, each needing the one
//! before. Every iteration gets a fresh host and manager with all 100
//! installed (outside the timing); the timed part is `activate("chain-099")`,
//! which resolves the chain and runs 100 activate hooks in dependency order.
//! The library is mapped once and stays mapped, so loading is not measured.

mod common;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use plugin_host::PluginManager;

const LAST: &str = "chain-099";

fn installed_manager(library: &std::path::Path) -> PluginManager {
    let mut host = common::host();
    host.load_library(library).expect("the chain fixture loads");
    let mut manager = PluginManager::new(host);
    for n in 0..100 {
        manager
            .install(&format!("chain-{n:03}"), None)
            .expect("installs");
    }
    manager
}

fn activate_chain(c: &mut Criterion) {
    let library = common::release_library("fixture-chain");
    let mut group = c.benchmark_group("manager");
    group.bench_function("activate_chain_of_100", |b| {
        b.iter_batched(
            || installed_manager(&library),
            |mut manager| {
                manager.activate(LAST).expect("the chain activates");
                manager
            },
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = common::criterion();
    targets = activate_chain
}
criterion_main!(benches);
