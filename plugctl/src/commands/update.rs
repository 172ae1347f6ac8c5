//! `plugctl update <plugin> [<library | package | name[@req]>]`: replaces
//! an installed plugin with a newer build through the manager, which rolls
//! every step back if one fails.

use std::path::Path;

use plugin_host::semver::VersionReq;
use plugin_host::{UpdateOptions, UpdateSource};
use serde_json::json;

use crate::error::CliError;
use crate::progress::Display;
use crate::report::{Report, list_or_none};
use crate::session::Session;
use crate::source::{self, Source};

/// Updates plugin `name` from `source`, or from the newest version in the
/// registry.
pub(crate) fn run(
    session: &mut Session,
    name: &str,
    source: Option<&str>,
    options: UpdateOptions,
    registry: Option<&Path>,
    display: &mut Display,
) -> Result<Report, CliError> {
    session.state(name)?;
    let installed = session.info(name)?.version.clone();
    let source = match source {
        Some(argument) => Source::parse(argument)?,
        None => Source::Registry {
            name: name.to_owned(),
            requirement: VersionReq::STAR,
        },
    };
    let update_source = match source {
        Source::Library(path) => UpdateSource::Library(path),
        Source::Package(path) => UpdateSource::Package(source::open_package(&path, display)?),
        Source::Registry {
            name: wanted,
            requirement,
        } => {
            let registry = source::registry(registry)?;
            let newest = registry.resolve(&wanted, &requirement)?;
            if newest.version <= installed && !options.force {
                return Ok(Report::new(
                    format!(
                        "{name} {installed} is up to date: the newest matching version in the registry is {}\n",
                        newest.version
                    ),
                    json!({
                        "plugin": name,
                        "updated": false,
                        "version": installed.to_string(),
                        "newest": newest.version.to_string(),
                    }),
                ));
            }
            let (_, package) = source::from_registry(&registry, &wanted, &requirement, display)?;
            UpdateSource::Package(package)
        }
    };

    let plugins_dir = session.layout.plugins.clone();
    let report = session.manager.update_with_progress(
        name,
        &update_source,
        &plugins_dir,
        options,
        display,
    )?;

    let mut text = format!("updated {name} {} -> {}\n", report.from, report.to);
    text.push_str(&format!("library  {}\n", report.library.display()));
    if !report.reactivated.is_empty() {
        text.push_str(&format!(
            "active again: {}\n",
            list_or_none(&report.reactivated)
        ));
    }
    if report.removed_previous {
        text.push_str(&format!("removed {}\n", report.previous_library.display()));
    }
    Ok(Report::new(
        text,
        json!({
            "plugin": name,
            "updated": true,
            "from": report.from.to_string(),
            "to": report.to.to_string(),
            "library": report.library,
            "previous_library": report.previous_library,
            "removed_previous": report.removed_previous,
            "reactivated": report.reactivated,
            "config": report.config,
        }),
    ))
}
