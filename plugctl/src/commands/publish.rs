//! `plugctl publish <package>`: adds a package to the registry.

use std::path::Path;

use plugin_host::registry::Registry;
use serde_json::json;

use crate::error::CliError;
use crate::progress::Display;
use crate::report::Report;

/// Publishes `package` to the registry in `registry` (created if missing).
pub(crate) fn run(
    package: &Path,
    registry: Option<&Path>,
    display: &mut Display,
) -> Result<Report, CliError> {
    let dir = registry.ok_or(CliError::NoRegistry)?;
    let mut registry = Registry::init(dir)?;
    let entry = registry.publish_with_progress(package, display)?;
    Ok(Report::new(
        format!(
            "published {} {} to {}\n",
            entry.name,
            entry.version,
            registry.dir().display()
        ),
        json!({
            "name": entry.name,
            "version": entry.version.to_string(),
            "file": entry.path,
            "sha256": entry.sha256,
            "registry": registry.dir(),
        }),
    ))
}
