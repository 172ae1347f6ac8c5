//! Builds the `fixture-bench` plugin library in release mode and hands out
//! copies of it, so that the loaded library is optimized like the benchmark
//! binary itself.

#![allow(
    dead_code,
    reason = "each benchmark binary uses a different part of this module"
)]

use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::Duration;

use criterion::Criterion;
use plugin_api::abi::{DescriptorTable, RBuf, RootFn};
use plugin_host::Host;

#[path = "../../tests/support/cargo.rs"]
mod cargo;

/// The host application version the benchmarks run as.
pub(crate) const APP_VERSION: &str = "1.4.0";

/// The name of the benchmark fixture's only plugin.
pub(crate) const PLUGIN: &str = "bench";

/// Settings that keep one benchmark run short on a small machine.
pub(crate) fn criterion() -> Criterion {
    Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .sample_size(50)
}

/// A host for application version [`APP_VERSION`].
pub(crate) fn host() -> Host {
    Host::new(APP_VERSION.parse().expect("a semver version"))
}

/// `{"values":[1,2,...,16]}`, the input of every `sum` benchmark.
pub(crate) fn sum_payload() -> Vec<u8> {
    let values: Vec<i64> = (1..=16).collect();
    serde_json::to_vec(&serde_json::json!({ "values": values })).expect("JSON")
}

/// The release build of `fixture-bench`, built once per process and copied
/// out of cargo's output directory so that later builds cannot change it.
pub(crate) fn fixture() -> &'static Path {
    static BUILT: OnceLock<PathBuf> = OnceLock::new();
    BUILT.get_or_init(|| release_library("fixture-bench"))
}

/// A release build of fixture crate `package`, copied out of cargo's output
/// directory.
pub(crate) fn release_library(package: &str) -> PathBuf {
    release_library_with_env(package, &[], package)
}

/// As [`release_library`], built with environment variables `env` set (which
/// the fixture's build script reads) and kept under the name `label`.
pub(crate) fn release_library_with_env(
    package: &str,
    env: &[(&str, &str)],
    label: &str,
) -> PathBuf {
    let built = cargo::build_cdylib_with_env(package, &[], env, true);
    let kept = scratch_dir().join(format!(
        "{label}-{}.{}",
        std::process::id(),
        std::env::consts::DLL_EXTENSION
    ));
    std::fs::copy(&built, &kept)
        .unwrap_or_else(|e| panic!("copying {} failed: {e}", built.display()));
    kept
}

/// A new, empty directory under the target directory.
pub(crate) fn empty_dir(label: &str) -> PathBuf {
    let dir = scratch_dir().join(format!("{label}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("creating a scratch directory");
    dir
}

fn scratch_dir() -> PathBuf {
    let dir = cargo::target_dir().join("bench-fixtures");
    std::fs::create_dir_all(&dir).expect("creating the bench fixture directory");
    dir
}

/// The descriptor table of a loaded plugin library, through its root.
pub(crate) fn describe(root_fn: RootFn) -> DescriptorTable {
    // SAFETY: the root function of a plugin library built with this
    // plugin-api returns a pointer to its static, valid root.
    let describe = unsafe { &*root_fn() }
        .describe
        .expect("a describe function");
    let mut table = DescriptorTable::empty();
    let mut error = RBuf::empty();
    // SAFETY: a well-formed library's `describe`, with valid out-parameters.
    let status = unsafe { describe(&mut table, &mut error) };
    assert!(
        status.is_ok(),
        "describe failed: {}",
        error.to_string_lossy()
    );
    table
}
