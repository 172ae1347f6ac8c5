//! `plugctl config get|set|validate`: a plugin's configuration.

mod get;
mod set;
mod validate;

use crate::cli::ConfigCommand;
use crate::error::CliError;
use crate::report::Report;
use crate::session::Session;

/// Runs one `config` subcommand.
pub(crate) fn run(session: &mut Session, command: ConfigCommand) -> Result<Report, CliError> {
    match command {
        ConfigCommand::Get { plugin } => get::run(session, &plugin),
        ConfigCommand::Set { plugin, values } => set::run(session, &plugin, &values),
        ConfigCommand::Validate { plugin, config } => validate::run(session, &plugin, &config),
    }
}

/// The configuration installed plugin `name` runs with.
fn current<'s>(session: &'s Session, name: &str) -> Result<&'s serde_json::Value, CliError> {
    session.state(name)?;
    session
        .manager
        .config(name)
        .ok_or_else(|| CliError::NotInstalled {
            plugin: name.to_owned(),
        })
}
