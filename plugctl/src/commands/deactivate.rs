//! `plugctl deactivate <plugin> [--cascade]`: deactivates a plugin, and
//! with `--cascade` the active plugins that need it.

use plugin_host::PluginState;
use serde_json::json;

use crate::error::CliError;
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
    let deactivated = session.manager.deactivate(name, cascade)?;
    let text = match deactivated.as_slice() {
        [only] => format!("deactivated {only}"),
        many => format!("deactivated {} (in that order)", many.join(", ")),
    };
    Ok(Report::new(
        text,
        json!({ "plugin": name, "deactivated": deactivated }),
    ))
}
