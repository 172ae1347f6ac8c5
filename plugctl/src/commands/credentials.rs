//! `plugctl credentials set|list|remove`: the credentials plugins read
//! through the host, kept in the managed directory's credential file.

use std::io::BufRead;

use plugin_host::{EnvStore, FileStore, Secret};
use serde_json::json;

use crate::cli::CredentialsCommand;
use crate::error::CliError;
use crate::report::Report;
use crate::session::Layout;

/// Runs one `credentials` subcommand on the managed directory `layout`,
/// reading a value to store from `input`.
pub(crate) fn run(
    layout: &Layout,
    command: CredentialsCommand,
    input: &mut dyn BufRead,
) -> Result<Report, CliError> {
    let store = FileStore::new(&layout.credentials);
    match command {
        CredentialsCommand::Set { plugin, name } => {
            let value = read_value(input, &plugin, &name)?;
            if let Some(parent) = layout.credentials.parent() {
                std::fs::create_dir_all(parent).map_err(CliError::io("create", parent))?;
            }
            store.set(&plugin, &name, &value)?;
            Ok(Report::new(
                format!(
                    "stored credential '{name}' for plugin '{plugin}' in {}",
                    store.path().display()
                ),
                json!({ "plugin": plugin, "credential": name, "file": store.path() }),
            ))
        }
        CredentialsCommand::List { plugin } => {
            let names = store.names(&plugin)?;
            let env = EnvStore::new();
            let mut text = String::new();
            for name in &names {
                text.push_str(&format!(
                    "{name}  (overridden by ${} when set)\n",
                    env.variable(&plugin, name)
                ));
            }
            if names.is_empty() {
                text = format!(
                    "plugin '{plugin}' has no stored credentials; set one with `plugctl credentials set {plugin} <name>`"
                );
            }
            let listed: Vec<_> = names
                .iter()
                .map(|name| json!({ "name": name, "variable": env.variable(&plugin, name) }))
                .collect();
            Ok(Report::new(
                text,
                json!({ "plugin": plugin, "credentials": listed }),
            ))
        }
        CredentialsCommand::Remove { plugin, name } => {
            if !store.remove(&plugin, &name)? {
                return Err(CliError::NoSuchCredential { plugin, name });
            }
            Ok(Report::new(
                format!("removed credential '{name}' of plugin '{plugin}'"),
                json!({ "plugin": plugin, "credential": name, "removed": true }),
            ))
        }
    }
}

/// The first line of `input`, without its line ending.
fn read_value(input: &mut dyn BufRead, plugin: &str, name: &str) -> Result<Secret, CliError> {
    let mut line = String::new();
    input
        .read_line(&mut line)
        .map_err(CliError::io("read the value from", "standard input"))?;
    let value = line.trim_end_matches(['\n', '\r']);
    if value.is_empty() {
        return Err(CliError::NoCredentialValue {
            plugin: plugin.to_owned(),
            name: name.to_owned(),
        });
    }
    Ok(Secret::new(value))
}
