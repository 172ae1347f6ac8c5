//! One module per command. Each takes what it needs (most take the
//! [`Session`]) and returns a [`Report`].

mod activate;
mod call;
mod config;
mod deactivate;
mod deps;
mod info;
mod install;
mod list;
mod new;
mod reload;
mod uninstall;
mod validate;
mod watch;

use crate::cli::{Command, GlobalOptions};
use crate::error::CliError;
use crate::report::Report;
use crate::session::Session;

/// Runs `command`. Library refusals met while opening the managed directory
/// are pushed onto `warnings`.
pub(crate) fn run(
    command: Command,
    global: &GlobalOptions,
    warnings: &mut Vec<String>,
) -> Result<Report, CliError> {
    let mut open = || Session::open(&global.dir, global.app_version.clone(), warnings);
    match command {
        Command::List => list::run(&open()?),
        Command::Info { plugin } => info::run(&open()?, &plugin),
        Command::Install { library, config } => {
            install::run(&mut open()?, &library, config.as_deref())
        }
        Command::Uninstall { plugin, cascade } => uninstall::run(&mut open()?, &plugin, cascade),
        Command::Activate { plugin } => activate::run(&mut open()?, &plugin),
        Command::Deactivate { plugin, cascade } => deactivate::run(&mut open()?, &plugin, cascade),
        Command::Deps { plugin } => deps::run(&open()?, &plugin),
        Command::Config(command) => config::run(&mut open()?, command),
        Command::Call {
            plugin,
            command,
            input,
        } => call::run(&mut open()?, &plugin, &command, &input),
        Command::Reload { plugin, from } => reload::run(&mut open()?, &plugin, from.as_deref()),
        // A host of its own: the development loop runs the crate's build,
        // not what is installed in the managed directory.
        Command::Watch {
            crate_dir,
            once,
            release,
            quiet_ms,
        } => watch::run(
            &watch::Options {
                crate_dir,
                once,
                release,
                quiet: std::time::Duration::from_millis(quiet_ms),
            },
            global,
        ),
        // These two work without the managed directory: `validate` checks a
        // library as a fresh host would, `new` writes a crate.
        Command::Validate { library } => validate::run(&library, global.app_version.clone()),
        Command::New { name, path, sdk } => new::run(&name, path.as_deref(), sdk.as_deref()),
    }
}
