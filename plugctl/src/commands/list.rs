//! `plugctl list`: every plugin with its version, state and library.

use serde_json::{Value, json};

use crate::describe::{library_name, state_word};
use crate::error::CliError;
use crate::report::{Report, table};
use crate::session::Session;

/// Lists every loaded plugin, by name.
pub(crate) fn run(session: &Session) -> Result<Report, CliError> {
    let mut rows = vec![["NAME", "VERSION", "STATE", "LIBRARY"].map(String::from)];
    let mut plugins = Vec::new();
    for (info, state) in session.manager.plugins() {
        rows.push([
            info.name.clone(),
            info.version.to_string(),
            state_word(state),
            library_name(info),
        ]);
        plugins.push(json!({
            "name": info.name,
            "version": info.version.to_string(),
            "state": state,
            "library": info.source.path(),
            "description": info.description,
        }));
    }
    let text = if plugins.is_empty() {
        format!(
            "no plugins in '{}'; install one with `plugctl install <LIBRARY>`",
            session.layout.plugins.display()
        )
    } else {
        table(&rows)
    };
    Ok(Report::new(
        text,
        json!({ "plugins": Value::from(plugins) }),
    ))
}
