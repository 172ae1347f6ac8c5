//! `cargo xtask demo`: builds the example plugin and a library that is not a
//! plugin, puts both in `target/demo-plugins/`, and runs the example host
//! twice: once loading that directory, once with the plugin linked
//! statically.

use std::path::Path;

use crate::cargo;

/// The plugin directory, relative to the workspace root.
const PLUGIN_DIR: &str = "target/demo-plugins";

/// Runs the demo; fails if a build, a copy or either host run fails.
pub(crate) fn run() -> Result<(), String> {
    let ext = std::env::consts::DLL_EXTENSION;
    let built = cargo::build_dynamic_libraries(
        &["hello-plugin", "fixture-not-plugin"],
        &["hello_plugin", "fixture_not_plugin"],
    )?;
    let [plugin, not_plugin] = built.as_slice() else {
        unreachable!("one library is returned per target asked for");
    };

    let dir = cargo::workspace_root().join(PLUGIN_DIR);
    // Start empty so that libraries left by an earlier run cannot change the
    // report.
    if dir.exists() {
        std::fs::remove_dir_all(&dir)
            .map_err(|e| format!("could not empty {}: {e}", dir.display()))?;
    }
    std::fs::create_dir_all(&dir)
        .map_err(|e| format!("could not create {}: {e}", dir.display()))?;
    println!("\n==> filling {PLUGIN_DIR}/");
    let plugin_name = plugin
        .file_name()
        .ok_or_else(|| format!("{} has no file name", plugin.display()))?;
    copy(
        plugin,
        &dir.join(plugin_name),
        "the example plugin 'hello' (examples/hello)",
    )?;
    copy(
        not_plugin,
        &dir.join(format!("not-a-plugin.{ext}")),
        "a shared library that is not a plugin, there to show a refusal",
    )?;

    cargo::run(
        "running the example host on the plugin directory",
        &mut cargo::command(["run", "-p", "example-host", "--", "--plugins", PLUGIN_DIR]),
    )?;
    cargo::run(
        "running the example host with the plugin linked statically",
        &mut cargo::command(["run", "-p", "example-host", "--", "--static"]),
    )?;
    println!("\ndemo: both runs of the example host succeeded");
    println!(
        "      (the refusal in the first run is expected: {PLUGIN_DIR}/not-a-plugin.{ext} is not a plugin)"
    );
    Ok(())
}

/// Copies a library into the plugin directory and says what it is there for.
fn copy(from: &Path, to: &Path, purpose: &str) -> Result<(), String> {
    std::fs::copy(from, to)
        .map_err(|e| format!("could not copy {} to {}: {e}", from.display(), to.display()))?;
    let name = to.file_name().unwrap_or_default().to_string_lossy();
    println!("    {name:<22} {purpose}");
    Ok(())
}
