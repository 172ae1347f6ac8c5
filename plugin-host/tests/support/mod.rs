//! Builds fixture plugin libraries with cargo and hands out private copies.

#![allow(
    dead_code,
    reason = "each test binary uses a different part of this module"
)]

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use plugin_host::Host;

mod cargo;

use cargo::target_dir;

/// The host application version the tests run as.
pub(crate) const APP_VERSION: &str = "1.4.0";

/// A host for application version [`APP_VERSION`].
pub(crate) fn host() -> Host {
    Host::new(APP_VERSION.parse().unwrap())
}

/// Builds fixture crate `fixture-<name>` with `features` and returns the path
/// of a copy of its library made for this call alone, so every caller gets a
/// fresh mapping.
pub(crate) fn fixture(name: &str, features: &[&str]) -> PathBuf {
    let built = build(name, features);
    copy_of(&built)
}

/// A fresh, uniquely named copy of a library.
pub(crate) fn copy_of(library: &Path) -> PathBuf {
    static COUNTER: Mutex<u32> = Mutex::new(0);
    let n = {
        let mut counter = COUNTER.lock().unwrap();
        *counter += 1;
        *counter
    };
    let dir = scratch_dir();
    let stem = library.file_stem().unwrap().to_string_lossy();
    let copy = dir.join(format!(
        "{stem}-{}-{n}.{}",
        std::process::id(),
        std::env::consts::DLL_EXTENSION
    ));
    std::fs::copy(library, &copy)
        .unwrap_or_else(|e| panic!("copying {} failed: {e}", library.display()));
    copy
}

/// A directory for this test process's files.
pub(crate) fn scratch_dir() -> PathBuf {
    let dir = target_dir().join("fixture-copies");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A new empty directory.
pub(crate) fn empty_dir(label: &str) -> PathBuf {
    let dir = scratch_dir().join(format!("{label}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Builds fixture crate `fixture-<name>` with the environment variables
/// `env` set (read by its build script) and returns the path of a copy of
/// the library, made once per variant and shared by the callers.
pub(crate) fn fixture_variant(name: &str, env: &[(&str, &str)]) -> PathBuf {
    build_with_env(name, &[], env)
}

/// Builds the fixture once per feature set and keeps a copy of the result,
/// since building another feature set overwrites cargo's output file.
fn build(name: &str, features: &[&str]) -> PathBuf {
    build_with_env(name, features, &[])
}

fn build_with_env(name: &str, features: &[&str], env: &[(&str, &str)]) -> PathBuf {
    static BUILT: OnceLock<Mutex<HashMap<String, PathBuf>>> = OnceLock::new();
    let env_key: Vec<String> = env.iter().map(|(k, v)| format!("{k}={v}")).collect();
    let key = format!("{name}[{}][{}]", features.join(","), env_key.join(","));
    let mut built = BUILT
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    if let Some(path) = built.get(&key) {
        return path.clone();
    }
    let library = cargo::build_cdylib_with_env(&format!("fixture-{name}"), features, env, false);
    let kept = scratch_dir().join(format!(
        "built-{}-{}.{}",
        key.replace(['[', ']', ',', '=', '.'], "_"),
        std::process::id(),
        std::env::consts::DLL_EXTENSION
    ));
    std::fs::copy(&library, &kept).unwrap();
    built.insert(key, kept.clone());
    kept
}

/// A `Write` that keeps everything written to it, for capturing a
/// subscriber's output.
#[derive(Clone, Default)]
pub(crate) struct Captured(pub(crate) std::sync::Arc<std::sync::Mutex<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
