//! `plugctl uninstall <plugin> [--cascade]`: uninstalls a plugin (and with
//! `--cascade` the active plugins that need it), then removes the libraries
//! none of whose plugins is installed any more.

use std::fs;
use std::path::PathBuf;

use serde_json::json;

use crate::error::CliError;
use crate::report::Report;
use crate::session::Session;
use crate::sources::Sources;

/// Uninstalls plugin `name`.
pub(crate) fn run(session: &mut Session, name: &str, cascade: bool) -> Result<Report, CliError> {
    let installed = session
        .manager
        .state(name)
        .is_some_and(|state| state.is_installed());
    if !installed && session.manager.forget(name)? {
        return Ok(Report::new(
            format!("dropped the saved state of {name}, which could not be restored"),
            json!({ "plugin": name, "uninstalled": [], "forgotten": true }),
        ));
    }
    session.state(name)?;
    let uninstalled = session.manager.uninstall(name, cascade)?;
    let after = session.names_where(|state| state.is_installed());
    let host = session.manager.host();

    // A library is removed once none of its plugins is installed: `install`
    // copied it in for them, and a library left behind would be loaded (and
    // listed) by every later run.
    let mut unused: Vec<PathBuf> = uninstalled
        .iter()
        .filter_map(|plugin| host.plugin(plugin)?.source.path())
        .filter(|library| library.starts_with(&session.layout.plugins))
        .filter(|&library| {
            !host
                .plugins()
                .any(|info| info.source.path() == Some(library) && after.contains(&info.name))
        })
        .map(PathBuf::from)
        .collect();
    unused.sort();
    unused.dedup();
    for library in &unused {
        fs::remove_file(library).map_err(CliError::io("remove the unused library", library))?;
    }
    if !unused.is_empty() {
        let mut sources = Sources::read(&session.layout.sources)?;
        for library in &unused {
            if let Some(file_name) = library.file_name() {
                sources.forget(&file_name.to_string_lossy())?;
            }
        }
    }

    let mut text = match uninstalled.as_slice() {
        [only] => format!("uninstalled {only}\n"),
        many => format!("uninstalled {} (in that order)\n", many.join(", ")),
    };
    for library in &unused {
        text.push_str(&format!("removed {}\n", library.display()));
    }
    Ok(Report::new(
        text,
        json!({ "plugin": name, "uninstalled": uninstalled, "removed": unused }),
    ))
}
