//! `plugctl deactivate <plugin> [--cascade]`: deactivates a plugin, and
//! with `--cascade` the active plugins that need it.

use plugin_host::PluginState;
use serde_json::json;

use crate::error::CliError;
use crate::order;
use crate::report::Report;
use crate::session::Session;

/// Deactivates plugin `name`; an installed plugin that is not active is left
/// as it is.
pub(crate) fn run(session: &mut Session, name: &str, cascade: bool) -> Result<Report, CliError> {
    let state = session.state(name)?;
    if matches!(state, PluginState::Installed | PluginState::Inactive) {
        return Ok(Report::new(
            format!("plugin '{name}' is not active"),
            json!({ "plugin": name, "deactivated": [] }),
        ));
    }
    let before = session.names_where(|state| state == PluginState::Active);
    session.manager.deactivate(name, cascade)?;
    let after = session.names_where(|state| state == PluginState::Active);
    let changed: Vec<String> = before
        .into_iter()
        .filter(|plugin| !after.contains(plugin))
        .collect();
    let host = session.manager.host();
    let deactivated = order::dependents_first(&changed, |plugin| host.plugin(plugin));
    let text = match deactivated.as_slice() {
        [only] => format!("deactivated {only}"),
        many => format!("deactivated {} (in that order)", many.join(", ")),
    };
    Ok(Report::new(
        text,
        json!({ "plugin": name, "deactivated": deactivated }),
    ))
}
