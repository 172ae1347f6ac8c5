//! One module per command. Each takes what it needs (most take the
//! [`Session`]) and returns a [`Report`].

mod activate;
mod call;
mod config;
mod credentials;
mod deactivate;
mod deps;
mod generate;
mod info;
mod install;
mod list;
mod new;
mod package;
mod publish;
mod reload;
mod search;
mod uninstall;
mod update;
mod validate;
mod watch;

use crate::cli::{Command, GlobalOptions};
use plugin_host::UpdateOptions;

use crate::error::CliError;
use crate::progress::Display;
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
    let registry = global.registry.as_deref();
    let mut display = Display::new(global.json);
    match command {
        Command::List => list::run(&open()?),
        Command::Info { plugin } => info::run(&open()?, &plugin),
        Command::Install { source, config } => install::run(
            &mut open()?,
            &source,
            config.as_deref(),
            registry,
            &mut display,
        ),
        Command::Update {
            plugin,
            source,
            force,
            cascade,
        } => update::run(
            &mut open()?,
            &plugin,
            source.as_deref(),
            UpdateOptions { force, cascade },
            registry,
            &mut display,
        ),
        Command::Uninstall { plugin, cascade } => uninstall::run(&mut open()?, &plugin, cascade),
        Command::Activate { plugin } => activate::run(&mut open()?, &plugin),
        Command::Deactivate { plugin, cascade } => deactivate::run(&mut open()?, &plugin, cascade),
        Command::Deps { plugin } => deps::run(&open()?, &plugin),
        Command::Config(command) => config::run(&mut open()?, command),
        Command::Call {
            plugin,
            command,
            input,
            all,
        } => call::run(&mut open()?, &plugin, &command, &input, all),
        Command::Generate(command) => generate::run(command, &mut display),
        Command::Credentials(command) => credentials::run(
            &crate::session::Layout::new(&global.dir)?,
            command,
            &mut std::io::stdin().lock(),
        ),
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
        // These work without the managed directory: `validate` checks a
        // library as a fresh host would, `new` writes a crate, and the
        // package and registry commands work on files of their own.
        Command::Validate { library } => validate::run(&library, global.app_version.clone()),
        Command::New { name, path, sdk } => new::run(&name, path.as_deref(), sdk.as_deref()),
        Command::Package {
            library,
            keywords,
            out,
        } => package::run(&library, &keywords, out.as_deref(), &mut display),
        Command::Publish { package } => publish::run(&package, registry, &mut display),
        Command::Search { query } => search::run(&query, registry),
    }
}
