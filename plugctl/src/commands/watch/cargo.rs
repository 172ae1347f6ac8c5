//! Building the watched crate with cargo and finding the library it built.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::Value;

use crate::error::CliError;

/// Runs `cargo build` for the crate in `crate_dir` (its messages go to
/// stderr as cargo renders them) and returns the cdylib it built.
pub(super) fn build(crate_dir: &Path, release: bool) -> Result<PathBuf, CliError> {
    let failed = |reason: String| CliError::BuildFailed {
        crate_dir: crate_dir.to_path_buf(),
        reason,
    };
    // Under `cargo run` or a test, CARGO names the cargo in use.
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut command = Command::new(cargo);
    command
        .args([
            "build",
            "--message-format=json-render-diagnostics",
            "--manifest-path",
        ])
        .arg(crate_dir.join("Cargo.toml"))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit());
    if release {
        command.arg("--release");
    }
    let output = command
        .output()
        .map_err(|e| failed(format!("could not run cargo: {e}")))?;
    if !output.status.success() {
        return Err(failed(format!("cargo {}", output.status)));
    }
    built_library(&String::from_utf8_lossy(&output.stdout)).ok_or_else(|| {
        CliError::NoLibraryBuilt {
            crate_dir: crate_dir.to_path_buf(),
            extension: std::env::consts::DLL_EXTENSION,
        }
    })
}

/// The last cdylib among cargo's JSON messages.
fn built_library(messages: &str) -> Option<PathBuf> {
    messages
        .lines()
        .filter_map(|line| serde_json::from_str::<Value>(line).ok())
        .filter(|m| m["reason"] == "compiler-artifact")
        .filter(|m| {
            m["target"]["kind"]
                .as_array()
                .is_some_and(|kinds| kinds.iter().any(|k| k == "cdylib"))
        })
        .flat_map(|m| m["filenames"].as_array().cloned().unwrap_or_default())
        .filter_map(|f| f.as_str().map(PathBuf::from))
        .rfind(|f| {
            f.extension()
                .is_some_and(|e| e == std::env::consts::DLL_EXTENSION)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cdylib_is_found_among_the_messages() {
        let so = format!("/t/debug/libdemo.{}", std::env::consts::DLL_EXTENSION);
        let messages = [
            r#"{"reason":"compiler-artifact","target":{"kind":["lib"]},"filenames":["/t/debug/libserde.rlib"]}"#.to_owned(),
            "not JSON".to_owned(),
            format!(
                r#"{{"reason":"compiler-artifact","target":{{"kind":["cdylib"]}},"filenames":["{so}"]}}"#
            ),
            r#"{"reason":"build-finished","success":true}"#.to_owned(),
        ]
        .join("\n");
        assert_eq!(built_library(&messages), Some(PathBuf::from(so)));
        assert_eq!(built_library(""), None);
    }
}
