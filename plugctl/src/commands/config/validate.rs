//! `plugctl config validate <plugin> <JSON>`.

use plugin_host::ManagerError;
use serde_json::json;

use crate::error::CliError;
use crate::input;
use crate::report::{Report, pretty};
use crate::session::Session;

/// Checks `config` against plugin `name`'s schema: reports it completed
/// with defaults, or fails listing every violation.
pub(crate) fn run(session: &Session, name: &str, config: &str) -> Result<Report, CliError> {
    let config = input::json("the configuration", config)?;
    session.state(name)?;
    match session.manager.validate_config(name, Some(&config)) {
        Ok(completed) => Ok(Report::new(
            pretty(&completed),
            json!({ "plugin": name, "valid": true, "config": completed, "violations": [] }),
        )),
        // The violations are the verdict: listed in the JSON document, and in
        // the error message that ends the run.
        Err(ManagerError::Config(error)) => Ok(Report::new(
            "",
            json!({ "plugin": name, "valid": false, "config": null, "violations": error.violations }),
        )
        .failing(ManagerError::Config(error).into())),
        Err(other) => Err(other.into()),
    }
}
