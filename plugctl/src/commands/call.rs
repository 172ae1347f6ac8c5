//! `plugctl call <plugin> <command> [JSON]`: runs a command of an active
//! plugin.

use serde_json::{Value, json};

use crate::error::CliError;
use crate::input;
use crate::report::{Report, pretty};
use crate::session::Session;

/// Runs `command` of plugin `name` with `input` (JSON) and reports its
/// output: as JSON when it is JSON, else as text.
pub(crate) fn run(
    session: &mut Session,
    name: &str,
    command: &str,
    input: &str,
) -> Result<Report, CliError> {
    input::json("the command's input", input)?;
    session.state(name)?;
    let output = session.manager.call(name, command, input.as_bytes())?;
    let report = match serde_json::from_slice::<Value>(&output) {
        Ok(value) => Report::new(
            pretty(&value),
            json!({ "plugin": name, "command": command, "output": value }),
        ),
        Err(_) => {
            let text = String::from_utf8_lossy(&output).into_owned();
            Report::new(
                text.clone(),
                json!({ "plugin": name, "command": command, "output_text": text }),
            )
        }
    };
    Ok(report)
}
