//! `cargo xtask e2e`: the generated Stripe plugin against a mock of the
//! API.
//!
//! It installs Prism (`.ci/install-prism`), generates the plugin from
//! `plugin-gen/tests/specs/stripe/spec3.json` into `target/e2e/stripe`,
//! builds it as a `cdylib` with `RUSTFLAGS=-D warnings` and the features
//! of customers, products and prices, starts Prism on
//! `spec3.acyclic.json` (Prism cannot load the cycles of the full
//! description) at 127.0.0.1 on a free port, loads the plugin in a
//! `plugin_host::Host` with its key in an `EnvStore` and Prism as its
//! base URL, and runs the checks of [`checks`]. Prism is stopped at the
//! end, whether the checks pass or not.

mod checks;
mod pages;
mod plugin;
mod prism;

use crate::cargo;

/// Where the Stripe description and its acyclic copy are.
const SPECS: &str = "plugin-gen/tests/specs/stripe";

/// Runs the suite.
pub(crate) fn run() -> Result<(), String> {
    let root = cargo::workspace_root();
    let prism_bin = prism::install()?;
    let e2e = root.join("target").join("e2e");
    let crate_dir = e2e.join("stripe");
    plugin::generate(&root.join(SPECS).join("spec3.json"), &crate_dir)?;
    let library = plugin::build(&crate_dir, &e2e.join("target"))?;
    let server = prism::Prism::start(
        &prism_bin,
        &root.join(SPECS).join("spec3.acyclic.json"),
        &e2e.join("prism.log"),
    )?;
    println!(
        "\n==> running the plugin's commands against Prism at {}",
        server.url()
    );
    let outcome = checks::run(&library, &server);
    drop(server);
    let passed = outcome?;
    println!("\ne2e: {passed} passed, 0 failed");
    Ok(())
}
