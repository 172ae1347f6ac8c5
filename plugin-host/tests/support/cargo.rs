//! Builds a workspace cdylib with cargo and finds the file it produced.
//! Shared by the integration tests (debug builds) and the benchmarks
//! (release builds).

use std::path::{Path, PathBuf};
use std::process::Command;

/// The workspace's root directory.
pub(crate) fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("plugin-host lives in the workspace")
        .to_path_buf()
}

/// Cargo's target directory, as cargo itself resolves it: a relative
/// `CARGO_TARGET_DIR` is taken from the workspace root, where the nested
/// cargo runs.
pub(crate) fn target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from) {
        Some(dir) if dir.is_absolute() => dir,
        Some(dir) => workspace_root().join(dir),
        None => workspace_root().join("target"),
    }
}

/// Runs `cargo build -p <package>` (with `features`, in release mode if
/// asked) from the workspace root and returns the cdylib cargo reports.
pub(crate) fn build_cdylib(package: &str, features: &[&str], release: bool) -> PathBuf {
    build_cdylib_with_env(package, features, &[], release)
}

/// As [`build_cdylib`], with environment variables set for the build (which
/// a fixture's build script may read).
pub(crate) fn build_cdylib_with_env(
    package: &str,
    features: &[&str],
    env: &[(&str, &str)],
    release: bool,
) -> PathBuf {
    let mut cargo = Command::new(env!("CARGO"));
    cargo.envs(env.iter().copied());
    cargo.args([
        "build",
        "--quiet",
        "--message-format=json-render-diagnostics",
        "-p",
        package,
    ]);
    if release {
        cargo.arg("--release");
    }
    if !features.is_empty() {
        cargo.args(["--features", &features.join(",")]);
    }
    let output = cargo
        .current_dir(workspace_root())
        .output()
        .expect("cargo runs");
    assert!(
        output.status.success(),
        "building {package} {features:?} failed:\n{}",
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
