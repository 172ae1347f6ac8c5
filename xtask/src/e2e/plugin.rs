//! The plugin under test: generated from Stripe's description and built
//! as a `cdylib` with warnings denied.

use std::path::{Path, PathBuf};
use std::process::Stdio;

use plugin_gen::rust::{Options, SdkSource, WriteMode};

use crate::cargo;

/// The features built: the three resources the suite drives. Each
/// compiles only its own types (other resources' objects are JSON), so
/// the build stays small; see docs/generator.md.
pub(crate) const FEATURES: &str = "customers,products,prices";

/// Generates the plugin `stripe` from `spec` into `dir`, printing each
/// step.
pub(crate) fn generate(spec: &Path, dir: &Path) -> Result<(), String> {
    println!(
        "\n==> generating the Stripe plugin from {} into {}",
        spec.display(),
        dir.display()
    );
    let options = Options::new(
        "stripe-plugin",
        "stripe",
        SdkSource::Path(cargo::workspace_root()),
    );
    let mut last = String::new();
    let generated = plugin_gen::generate_openapi(spec, &options, &mut |step| {
        let text = step.to_string();
        let kind = text.split(' ').next().unwrap_or_default().to_owned();
        if kind != last {
            println!("    {text}");
            last = kind;
        }
    })
    .map_err(|e| format!("generating the Stripe plugin failed: {e}"))?;
    generated
        .write_to_with(dir, WriteMode::Fresh)
        .map_err(|e| format!("writing the Stripe plugin failed: {e}"))?;
    println!("    {} files", generated.files().len());
    Ok(())
}

/// Builds the crate in `dir` with [`FEATURES`] and `RUSTFLAGS=-D warnings`
/// into `target_dir`; returns the library.
pub(crate) fn build(dir: &Path, target_dir: &Path) -> Result<PathBuf, String> {
    let manifest = dir.join("Cargo.toml");
    let mut command = cargo::command([
        "build",
        "--message-format=json-render-diagnostics",
        "--no-default-features",
    ]);
    command
        .arg("--features")
        .arg(FEATURES)
        .arg("--manifest-path")
        .arg(&manifest)
        .arg("--target-dir")
        .arg(target_dir)
        .env("RUSTFLAGS", "-D warnings")
        .stderr(Stdio::inherit());
    println!(
        "\n==> building the Stripe plugin: RUSTFLAGS=\"-D warnings\" cargo build --no-default-features --features {FEATURES} --manifest-path {}",
        manifest.display()
    );
    let output = command
        .output()
        .map_err(|e| format!("could not start cargo: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "building the Stripe plugin failed with {}",
            output.status
        ));
    }
    let messages = String::from_utf8_lossy(&output.stdout);
    cargo::dynamic_library(&messages, "stripe_plugin")
        .ok_or_else(|| "cargo reported no dynamic library for stripe_plugin".to_owned())
}
