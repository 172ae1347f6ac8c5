//! `plugctl config set <plugin> <JSON | KEY=VALUE...>`.

use serde_json::json;

use crate::error::CliError;
use crate::input::ConfigChange;
use crate::report::{Report, pretty};
use crate::session::Session;

/// Replaces installed plugin `name`'s configuration with a JSON document,
/// or sets fields of it from `KEY=VALUE` pairs.
pub(crate) fn run(
    session: &mut Session,
    name: &str,
    values: &[String],
) -> Result<Report, CliError> {
    let change = ConfigChange::parse(values)?;
    let config = change.apply(super::current(session, name)?)?;
    session.manager.set_config(name, &config)?;
    let config = super::current(session, name)?;
    Ok(Report::new(
        format!("configuration of '{name}' is now:\n{}", pretty(config)),
        json!({ "plugin": name, "config": config }),
    ))
}
