//! `cargo xtask bench-gen [ARGS...]`: what generating costs, on Stripe's
//! description.
//!
//! 1. The criterion benchmark of description to formatted crate
//!    (`cargo bench -p plugin-gen --bench generate ARGS...`).
//! 2. One generation in a release build of the `generate` example, which
//!    prints its time and the process's peak memory (`VmHWM`).
//! 3. `cargo check` of the generated crate, wall clock, with one
//!    resource's feature (`customers`) and with every feature: from a cold
//!    target directory (the dependencies built too), and again with only
//!    the crate itself rebuilt.

use std::ffi::OsString;
use std::path::Path;
use std::time::Instant;

use crate::cargo;

/// Where the crate and its builds go, relative to the workspace root.
const DIR: &str = "target/bench-gen";

/// Runs the three measurements and prints a summary.
pub(crate) fn run(args: &[OsString]) -> Result<(), String> {
    let root = cargo::workspace_root();
    let mut bench = cargo::command(["bench", "-p", "plugin-gen", "--bench", "generate"]);
    bench.args(args);
    cargo::run(
        "benchmark: Stripe's description to a formatted crate",
        &mut bench,
    )?;

    let dir = root.join(DIR);
    let crate_dir = dir.join("stripe");
    let spec = root.join("plugin-gen/tests/specs/stripe/spec3.json");
    let mut example = cargo::command([
        "run",
        "--quiet",
        "--release",
        "-p",
        "plugin-gen",
        "--example",
        "generate",
        "--",
    ]);
    example.arg(&spec).arg("stripe").arg(&crate_dir);
    let step = "one generation (release build), time and peak memory";
    println!("\n==> {step}");
    let output = example
        .output()
        .map_err(|e| format!("{step}: could not start cargo: {e}"))?;
    let generation = String::from_utf8_lossy(&output.stdout).trim().to_owned();
    if !output.status.success() {
        return Err(format!(
            "{step} failed:\n{}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    println!("    {generation}");

    let mut rows = Vec::new();
    for (label, features) in [
        ("one resource (customers)", Some("customers")),
        ("every resource", None),
    ] {
        let target = dir.join(if features.is_some() {
            "check-one"
        } else {
            "check-all"
        });
        if target.exists() {
            std::fs::remove_dir_all(&target)
                .map_err(|e| format!("could not empty {}: {e}", target.display()))?;
        }
        let cold = check(&crate_dir, &target, features)?;
        let mut clean = cargo::command(["clean", "--quiet", "-p", "stripe", "--manifest-path"]);
        clean
            .arg(crate_dir.join("Cargo.toml"))
            .arg("--target-dir")
            .arg(&target);
        cargo::run("removing the crate's own build", &mut clean)?;
        let warm = check(&crate_dir, &target, features)?;
        rows.push(format!("| {label} | {cold:.1} s | {warm:.1} s |"));
    }
    println!("\n==> summary");
    println!("    generation: {generation}");
    println!("    cargo check of the generated Stripe crate (wall clock):");
    println!("    | features | cold target directory | the crate alone |");
    println!("    |---|---|---|");
    for row in rows {
        println!("    {row}");
    }
    Ok(())
}

/// `cargo check` of the crate in `dir` into `target`, with `features`
/// (`None`: the default, every resource); the wall-clock seconds.
fn check(dir: &Path, target: &Path, features: Option<&str>) -> Result<f64, String> {
    let mut command = cargo::command(["check", "--quiet", "--manifest-path"]);
    command
        .arg(dir.join("Cargo.toml"))
        .arg("--target-dir")
        .arg(target);
    if let Some(features) = features {
        command.args(["--no-default-features", "--features", features]);
    }
    let start = Instant::now();
    cargo::run("cargo check of the generated crate", &mut command)?;
    let seconds = start.elapsed().as_secs_f64();
    println!("    {seconds:.1} s");
    Ok(seconds)
}
