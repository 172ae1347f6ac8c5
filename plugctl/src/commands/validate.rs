//! `plugctl validate <library>`: every load check on a library, with
//! nothing installed.

use std::path::Path;

use plugin_host::semver::Version;
use serde_json::{Value, json};

use crate::describe::{dependencies, info_json};
use crate::error::CliError;
use crate::report::{Report, list_or_none, table};
use crate::session;

/// Loads `library` into a fresh host for application `app_version` and
/// reports its plugins, or fails with the refusal.
pub(crate) fn run(library: &Path, app_version: Version) -> Result<Report, CliError> {
    let mut host = session::host(app_version);
    let names = match host.load_library(library) {
        Ok(names) => names,
        Err(refusal) => {
            let json = json!({
                "library": library,
                "valid": false,
                "refusal": refusal.to_string(),
                "plugins": [],
            });
            return Ok(Report::new("", json).failing(refusal.into()));
        }
    };
    let mut rows =
        vec![["PLUGIN", "VERSION", "REQUIRES", "DEPENDENCIES", "CONFLICTS"].map(String::from)];
    let mut plugins = Vec::new();
    for info in names.iter().filter_map(|name| host.plugin(name)) {
        rows.push([
            info.name.clone(),
            info.version.to_string(),
            info.requires.to_string(),
            dependencies(info),
            list_or_none(&info.conflicts),
        ]);
        plugins.push(info_json(info));
    }
    let text = format!(
        "'{}' passes every check for application version {}:\n{}",
        library.display(),
        host.app_version(),
        table(&rows)
    );
    Ok(Report::new(
        text,
        json!({ "library": library, "valid": true, "refusal": null, "plugins": Value::from(plugins) }),
    ))
}
