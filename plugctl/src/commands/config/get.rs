//! `plugctl config get <plugin>`.

use serde_json::json;

use crate::error::CliError;
use crate::report::{Report, pretty};
use crate::session::Session;

/// Prints installed plugin `name`'s configuration, completed with defaults.
pub(crate) fn run(session: &Session, name: &str) -> Result<Report, CliError> {
    let config = super::current(session, name)?;
    Ok(Report::new(
        pretty(config),
        json!({ "plugin": name, "config": config }),
    ))
}
