//! The cost of loading 100 plugin libraries that are not mapped yet.
//!
//! The directory holds 100 copies of the fixture under distinct paths, so the
//! dynamic loader maps each one separately (it shares mappings by path, not
//! by content). Under the default `UnloadPolicy` a library whose plugins are
//! not declared unload-safe (this fixture's are not) stays mapped forever,
//! and every iteration after the first would only bump reference counts.
//! So the hosts here use `UnloadPolicy::WhenUnused`: the
//! hosts of each iteration are dropped outside the timing, their libraries are
//! closed and unmapped, and the next iteration maps them again (from the
//! page cache; the disk is not measured). Startup checks and prints that
//! nothing stays mapped, and times one first pass by itself.
//!
//! All copies hold the same plugin, `bench`, and one host refuses a second
//! plugin of a name it has (`LoadError::DuplicateName`), so one
//! `Host::load_dir` over the directory would load one library and refuse 99.
//! Each library is therefore loaded into its own host, with the call
//! `load_dir` makes for each file:
//!
//! - `host_load_library_x100`: [`plugin_host::Host::load_library`] for each
//!   of the 100 paths (listed beforehand), each into a fresh host: open and
//!   fully check each library and register its plugin.
//! - `raw_dlopen_dlsym_x100`: `libloading::Library::new` and `get` of the
//!   root symbol for each of the same paths.
//! - `raw_dlopen_dlsym_describe_x100` (diagnostic): the same, then the root
//!   function and the library's `describe`, which builds the library's
//!   descriptors on its first call; between this and the two others lie the
//!   library's own first-call cost and the host's checks.

mod common;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use criterion::{BatchSize, Criterion, SamplingMode, criterion_group, criterion_main};
use plugin_api::abi::{self, DescriptorTable, RootFn};
use plugin_host::{Host, UnloadPolicy};

const LIBRARIES: usize = 100;

fn unloading_host() -> Host {
    Host::builder(common::APP_VERSION.parse().expect("semver"))
        .unload_policy(UnloadPolicy::WhenUnused)
        .build()
}

fn hosts() -> Vec<Host> {
    (0..LIBRARIES).map(|_| unloading_host()).collect()
}

fn load_all(mut hosts: Vec<Host>, paths: &[PathBuf]) -> Vec<Host> {
    for (host, path) in hosts.iter_mut().zip(paths) {
        host.load_library(path).expect("a copy loads");
    }
    hosts
}

fn open_all(paths: &[PathBuf]) -> Vec<(libloading::Library, RootFn)> {
    paths
        .iter()
        .map(|path| {
            // SAFETY: the fixture's initializers do nothing.
            let library = unsafe { libloading::Library::new(path) }.expect("a copy opens");
            // SAFETY: the root symbol has type `RootFn` in every ABI version.
            let root: RootFn =
                *unsafe { library.get::<RootFn>(abi::ROOT_SYMBOL.as_bytes()) }.expect("a root");
            (library, root)
        })
        .collect()
}

fn open_and_describe_all(paths: &[PathBuf]) -> Vec<(libloading::Library, DescriptorTable)> {
    open_all(paths)
        .into_iter()
        .map(|(library, root_fn)| {
            let table = common::describe(root_fn);
            (library, table)
        })
        .collect()
}

/// How many of this process's memory mappings come from files in `dir`.
fn mappings_in(dir: &Path) -> usize {
    let maps = std::fs::read_to_string("/proc/self/maps").unwrap_or_default();
    let dir = dir.to_string_lossy();
    maps.lines()
        .filter(|line| line.contains(dir.as_ref()))
        .count()
}

/// 100 copies of the fixture under distinct paths.
fn copies() -> (PathBuf, Vec<PathBuf>) {
    let dir = common::empty_dir("load-many");
    let paths: Vec<PathBuf> = (0..LIBRARIES)
        .map(|i| {
            let copy = dir.join(format!("plugin-{i:03}.{}", std::env::consts::DLL_EXTENSION));
            std::fs::copy(common::fixture(), &copy).expect("copying the fixture");
            copy
        })
        .collect();
    (dir, paths)
}

fn load_many(c: &mut Criterion) {
    let (dir, paths) = copies();

    let start = Instant::now();
    let host = load_all(hosts(), &paths);
    let first_pass = start.elapsed();
    let mapped = mappings_in(&dir);
    drop(host);
    let left = mappings_in(&dir);
    eprintln!(
        "load_many: first pass over {LIBRARIES} libraries took {first_pass:?}; {mapped} mappings while loaded, {left} after the hosts were dropped"
    );
    assert_eq!(
        left, 0,
        "libraries stayed mapped, so iterations would not measure first loads"
    );

    let mut group = c.benchmark_group("load_many");
    group
        .sampling_mode(SamplingMode::Flat)
        .sample_size(10)
        .measurement_time(Duration::from_secs(5));
    group.bench_function("host_load_library_x100", |b| {
        b.iter_batched(
            hosts,
            |hosts| load_all(hosts, &paths),
            BatchSize::PerIteration,
        )
    });
    group.bench_function("raw_dlopen_dlsym_x100", |b| {
        b.iter_batched(|| (), |()| open_all(&paths), BatchSize::PerIteration)
    });
    group.bench_function("raw_dlopen_dlsym_describe_x100", |b| {
        b.iter_batched(
            || (),
            |()| open_and_describe_all(&paths),
            BatchSize::PerIteration,
        )
    });
    group.finish();
    assert_eq!(
        mappings_in(&dir),
        0,
        "libraries stayed mapped after the benchmark"
    );
    // The copies take about 100 times the fixture's size, and nothing maps them now.
    std::fs::remove_dir_all(&dir).expect("removing the copies");
}

criterion_group! {
    name = benches;
    config = common::criterion();
    targets = load_many
}
criterion_main!(benches);
