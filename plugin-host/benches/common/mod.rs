//! Builds the `fixture-bench` plugin library in release mode and hands out
//! copies of it, so that the loaded library is optimized like the benchmark
//! binary itself.

#![allow(
    dead_code,
    reason = "each benchmark binary uses a different part of this module"
)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;
use std::time::Duration;

use criterion::Criterion;
use plugin_host::Host;

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
    BUILT.get_or_init(|| {
        let built = build_release("fixture-bench");
        let kept = scratch_dir().join(format!(
            "bench-{}.{}",
            std::process::id(),
            std::env::consts::DLL_EXTENSION
        ));
        std::fs::copy(&built, &kept)
            .unwrap_or_else(|e| panic!("copying {} failed: {e}", built.display()));
        kept
    })
}

/// A new, empty directory under the target directory.
pub(crate) fn empty_dir(label: &str) -> PathBuf {
    let dir = scratch_dir().join(format!("{label}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("creating a scratch directory");
    dir
}

fn scratch_dir() -> PathBuf {
    let dir = target_dir().join("bench-fixtures");
    std::fs::create_dir_all(&dir).expect("creating the bench fixture directory");
    dir
}

fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../target"))
}

/// Runs `cargo build --release -p <package>` and returns the cdylib cargo
/// reports.
fn build_release(package: &str) -> PathBuf {
    let output = Command::new(env!("CARGO"))
        .args([
            "build",
            "--release",
            "--quiet",
            "--message-format=json-render-diagnostics",
            "-p",
            package,
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo runs");
    assert!(
        output.status.success(),
        "building {package} failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let target = package.replace('-', "_");
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter(|m| m["reason"] == "compiler-artifact" && m["target"]["name"] == target.as_str())
        .flat_map(|m| m["filenames"].as_array().cloned().unwrap_or_default())
        .filter_map(|f| f.as_str().map(PathBuf::from))
        .find(|f| {
            f.extension()
                .is_some_and(|e| e == std::env::consts::DLL_EXTENSION)
        })
        .unwrap_or_else(|| panic!("cargo reported no cdylib for {package}"))
}
