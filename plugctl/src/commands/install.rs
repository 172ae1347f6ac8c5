//! `plugctl install <library>`: copies a library into the managed directory
//! and installs every plugin it holds, or, if any step fails, leaves
//! everything as it was.

use std::fs;
use std::path::Path;

use plugin_host::{PluginState, checksum_file};
use serde_json::{Value, json};

use crate::error::CliError;
use crate::input;
use crate::report::{Report, table};
use crate::session::Session;
use crate::sources::Sources;

/// Installs the plugins of `library`, each with `config` (JSON; only for a
/// library with one plugin) or its host config entry or defaults.
pub(crate) fn run(
    session: &mut Session,
    library: &Path,
    config: Option<&str>,
) -> Result<Report, CliError> {
    let config = config
        .map(|text| input::json("--config", text))
        .transpose()?;
    let extension = std::env::consts::DLL_EXTENSION;
    let file_name = library
        .file_name()
        .filter(|_| library.extension().is_some_and(|e| e == extension))
        .ok_or_else(|| CliError::NotALibraryFile {
            path: library.to_path_buf(),
            extension,
        })?;
    let plugins_dir = session.layout.plugins.clone();
    let target = plugins_dir.join(file_name);
    let copied = place(library, &target)?;

    let installed = install_plugins(session, &target, config.as_ref()).map_err(|error| {
        if copied {
            // The copy is ours and nothing uses it any more; if it cannot be
            // removed, the next run refuses or lists it, which is all the
            // harm it can do.
            let _ = fs::remove_file(&target);
        }
        CliError::InstallFailed {
            library: library.to_path_buf(),
            source: Box::new(error),
        }
    })?;

    // Where the library came from, for `plugctl reload`: the plugins are
    // installed either way, so failing to record it fails the command
    // only after reporting what was done.
    let recorded = Sources::read(&session.layout.sources)
        .and_then(|mut sources| sources.record(&file_name.to_string_lossy(), library));

    let shown_name = file_name.to_string_lossy();
    let mut text = if copied {
        format!("copied {shown_name} into {}\n", plugins_dir.display())
    } else {
        format!("{shown_name} is in {} already\n", plugins_dir.display())
    };
    let rows: Vec<[String; 3]> = installed
        .iter()
        .map(|(name, version)| ["installed".to_owned(), name.clone(), version.clone()])
        .collect();
    text.push_str(&table(&rows));
    let plugins: Vec<Value> = installed
        .iter()
        .map(|(name, version)| json!({ "name": name, "version": version }))
        .collect();
    let report = Report::new(
        text,
        json!({ "library": target, "copied": copied, "installed": plugins }),
    );
    Ok(match recorded {
        Ok(()) => report,
        Err(error) => report.failing(error),
    })
}

/// Puts `library` at `target`, unless the same file is there already;
/// returns whether it copied. The copy goes to a temporary name first, so
/// an interrupted copy never leaves a truncated library for the next run to
/// load.
fn place(library: &Path, target: &Path) -> Result<bool, CliError> {
    let wanted = checksum_file(library).map_err(CliError::io("read", library))?;
    if target.exists() {
        let present = checksum_file(target).map_err(CliError::io("read", target))?;
        if present == wanted {
            return Ok(false);
        }
        let dir = target.parent().unwrap_or(target);
        return Err(CliError::LibraryExists {
            file_name: file_name_of(target),
            plugins_dir: dir.to_path_buf(),
        });
    }
    let dir = target.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir).map_err(CliError::io("create", dir))?;
    let partial = dir.join(format!(
        ".{}.{}.partial",
        file_name_of(target),
        std::process::id()
    ));
    let result = fs::copy(library, &partial)
        .map_err(CliError::io(
            format!("copy '{}' to", library.display()),
            &partial,
        ))
        .and_then(|_| fs::rename(&partial, target).map_err(CliError::io("create", target)));
    if result.is_err() {
        let _ = fs::remove_file(&partial);
    }
    result.map(|()| true)
}

fn file_name_of(path: &Path) -> String {
    path.file_name()
        .map_or_else(String::new, |name| name.to_string_lossy().into_owned())
}

/// Loads the library at `target` unless the host has it already, and
/// installs its plugins that are not installed; returns their names and
/// versions. If one fails, the ones installed before it are uninstalled
/// again.
fn install_plugins(
    session: &mut Session,
    target: &Path,
    config: Option<&Value>,
) -> Result<Vec<(String, String)>, CliError> {
    let mut names: Vec<String> = session
        .plugins()
        .filter(|info| info.source.path() == Some(target))
        .map(|info| info.name.clone())
        .collect();
    if names.is_empty() {
        names = session.manager.host_mut().load_library(target)?;
    }
    if config.is_some() && names.len() != 1 {
        return Err(CliError::ConfigForMany {
            library: target.to_path_buf(),
            count: names.len(),
            plugins: names.join(", "),
        });
    }
    let to_install: Vec<String> = names
        .iter()
        .filter(|name| session.manager.state(name) == Some(PluginState::Discovered))
        .cloned()
        .collect();
    if to_install.is_empty() {
        return Err(CliError::AlreadyInstalled {
            library: target.to_path_buf(),
            plugins: names.join(", "),
        });
    }
    let mut installed: Vec<(String, String)> = Vec::new();
    for name in &to_install {
        if let Err(error) = session.manager.install(name, config) {
            for (done, _) in installed.iter().rev() {
                // Best effort: the install error is the one to report.
                let _ = session.manager.uninstall(done, false);
            }
            return Err(error.into());
        }
        let version = session.info(name)?.version.to_string();
        installed.push((name.clone(), version));
    }
    Ok(installed)
}
