//! `cargo xtask bench [ARGS...]`: runs plugin-host's benchmarks.

use std::ffi::OsString;

use crate::cargo;

/// Runs `cargo bench -p plugin-host ARGS...`.
pub(crate) fn run(args: &[OsString]) -> Result<(), String> {
    let mut command = cargo::command(["bench", "-p", "plugin-host"]);
    command.args(args);
    cargo::run("benchmarks", &mut command)
}
