//! `plugctl activate <plugin>`: activates a plugin after the plugins it
//! needs.

use plugin_host::PluginState;
use serde_json::json;

use crate::error::CliError;
use crate::report::Report;
use crate::session::Session;

/// Activates plugin `name`; an active plugin is left as it is.
pub(crate) fn run(session: &mut Session, name: &str) -> Result<Report, CliError> {
    if session.state(name)? == PluginState::Active {
        return Ok(Report::new(
            format!("plugin '{name}' is active already"),
            json!({ "plugin": name, "activated": [] }),
        ));
    }
    let activated = session.manager.activate(name)?;
    let text = match activated.as_slice() {
        [only] => format!("activated {only}"),
        many => format!("activated {} (in that order)", many.join(", ")),
    };
    Ok(Report::new(
        text,
        json!({ "plugin": name, "activated": activated }),
    ))
}
