//! Running cargo from a task: where the workspace is, which cargo to use,
//! and reading what a build produced.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The workspace root: the parent of this crate's directory.
pub(crate) fn workspace_root() -> PathBuf {
    let xtask_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    xtask_dir.parent().unwrap_or(xtask_dir).to_path_buf()
}

/// A cargo command run in the workspace root, with the same cargo that runs
/// this task (so `cargo +nightly xtask` stays on nightly).
pub(crate) fn command<I, S>(args: I) -> Command
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    let mut cargo = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    cargo.current_dir(workspace_root()).args(args);
    cargo
}

/// Runs `command` after announcing it as `step`; fails unless it succeeds.
pub(crate) fn run(step: &str, command: &mut Command) -> Result<(), String> {
    announce(step, command);
    let status = command
        .status()
        .map_err(|e| format!("{step}: could not start `{}`: {e}", shown(command)))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!(
            "{step} failed: `{}` exited with {status}",
            shown(command)
        ))
    }
}

/// Builds `packages` and returns, in the order asked for, the path of the
/// dynamic library (`cdylib`) built for each of `targets` (crate names, with
/// underscores).
pub(crate) fn build_dynamic_libraries(
    packages: &[&str],
    targets: &[&str],
) -> Result<Vec<PathBuf>, String> {
    let mut args = vec!["build", "--message-format=json-render-diagnostics"];
    for package in packages {
        args.extend(["-p", package]);
    }
    let mut build = command(&args);
    let step = format!("building {}", packages.join(" and "));
    announce(&step, &build);
    // Compiler messages stay on the terminal; cargo's JSON on stdout is ours.
    let output = build
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| format!("{step}: could not start `{}`: {e}", shown(&build)))?;
    if !output.status.success() {
        return Err(format!(
            "{step} failed: `{}` exited with {}",
            shown(&build),
            output.status
        ));
    }
    let messages = String::from_utf8_lossy(&output.stdout);
    targets
        .iter()
        .map(|target| {
            dynamic_library(&messages, target)
                .ok_or_else(|| format!("{step}: cargo reported no dynamic library for target '{target}'; is it a cdylib?"))
        })
        .collect()
}

/// The dynamic library among the files cargo reported building for `target`,
/// read from `--message-format=json` output (one JSON object per line).
pub(crate) fn dynamic_library(messages: &str, target: &str) -> Option<PathBuf> {
    messages
        .lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter(|m| m["reason"] == "compiler-artifact" && m["target"]["name"] == target)
        .flat_map(|m| m["filenames"].as_array().cloned().unwrap_or_default())
        .filter_map(|file| file.as_str().map(PathBuf::from))
        .find(|file| {
            file.extension()
                .is_some_and(|e| e == std::env::consts::DLL_EXTENSION)
        })
}

fn announce(step: &str, command: &Command) {
    println!("\n==> {step}: {}", shown(command));
}

/// The command as a person would type it.
fn shown(command: &Command) -> String {
    let mut text = String::from("cargo");
    for arg in command.get_args() {
        text.push(' ');
        text.push_str(&arg.to_string_lossy());
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_dynamic_library_of_a_target() {
        let ext = std::env::consts::DLL_EXTENSION;
        let messages = format!(
            concat!(
                r#"{{"reason":"compiler-artifact","target":{{"name":"plugin_api"}},"filenames":["/t/libplugin_api.rlib"]}}"#,
                "\n",
                r#"{{"reason":"compiler-artifact","package_id":"hello-plugin","target":{{"kind":["cdylib","rlib"],"name":"hello_plugin"}},"#,
                r#""filenames":["/t/libhello_plugin.rlib","/t/dir \"quoted\"/libhello_plugin.{ext}"],"fresh":true}}"#,
                "\n",
                r#"{{"reason":"build-finished","success":true}}"#,
            ),
            ext = ext
        );
        assert_eq!(
            dynamic_library(&messages, "hello_plugin"),
            Some(PathBuf::from(format!(
                "/t/dir \"quoted\"/libhello_plugin.{ext}"
            )))
        );
        assert_eq!(
            dynamic_library(&messages, "plugin_api"),
            None,
            "an rlib is not a dynamic library"
        );
        assert_eq!(dynamic_library(&messages, "missing"), None);
    }

    #[test]
    fn the_workspace_root_holds_this_crate() {
        assert!(workspace_root().join("xtask").join("Cargo.toml").is_file());
        assert!(workspace_root().join("Cargo.toml").is_file());
    }

    #[test]
    fn commands_are_shown_as_typed() {
        assert_eq!(
            shown(&command(["run", "-p", "example-host"])),
            "cargo run -p example-host"
        );
    }
}
