//! `plugctl install <library | package | name[@req]>`: puts a library into
//! the managed directory (copied, or extracted from a package after its
//! checks) and installs every plugin it holds, or, if any step fails,
//! leaves everything as it was.

use std::fs;
use std::path::{Path, PathBuf};

use plugin_host::{Package, PackageError, PluginState, checksum_file};
use serde_json::{Value, json};

use crate::error::CliError;
use crate::input;
use crate::progress::Display;
use crate::report::{Report, table};
use crate::session::Session;
use crate::source::{self, Source};
use crate::sources::Sources;

/// A library put in the managed directory for the install.
struct Placed {
    /// Where it is.
    target: PathBuf,
    /// Whether this run put it there (and so removes it on failure).
    copied: bool,
    /// What it came from, for messages.
    from: PathBuf,
    /// The package's name and version, when it came from one.
    package: Option<Value>,
    /// The library file it was copied from, which `plugctl reload` reloads
    /// from; `None` for a package.
    source_file: Option<PathBuf>,
}

/// Installs the plugins of the library `source` names, each with `config`
/// (JSON; only for a library with one plugin) or its host config entry or
/// defaults.
pub(crate) fn run(
    session: &mut Session,
    source: &str,
    config: Option<&str>,
    registry: Option<&Path>,
    display: &mut Display,
) -> Result<Report, CliError> {
    let config = config
        .map(|text| input::json("--config", text))
        .transpose()?;
    let placed = match Source::parse(source)? {
        Source::Library(library) => place_library(session, &library, display)?,
        Source::Package(path) => {
            let package = source::open_package(&path, display)?;
            place_package(session, &package, None, display)?
        }
        Source::Registry { name, requirement } => {
            let registry = source::registry(registry)?;
            let (entry, package) = source::from_registry(&registry, &name, &requirement, display)?;
            place_package(session, &package, Some(entry.path.clone()), display)?
        }
    };

    display.note("installing");
    let installed = install_plugins(session, &placed.target, config.as_ref()).map_err(|error| {
        if placed.copied {
            // The copy is ours and nothing uses it any more; if it cannot
            // be removed, the next run refuses or lists it, which is all
            // the harm it can do.
            let _ = fs::remove_file(&placed.target);
        }
        CliError::InstallFailed {
            library: placed.from.clone(),
            source: Box::new(error),
        }
    })?;

    // Where a library file came from, for `plugctl reload`: the plugins
    // are installed either way, so failing to record it fails the command
    // only after reporting what was done.
    let recorded = match &placed.source_file {
        Some(source_file) => Sources::read(&session.layout.sources)
            .and_then(|mut sources| sources.record(&file_name_of(&placed.target), source_file)),
        None => Ok(()),
    };

    let plugins_dir = &session.layout.plugins;
    let shown_name = file_name_of(&placed.target);
    let mut text = String::new();
    if let Some(package) = &placed.package {
        text.push_str(&format!(
            "package {} {}\n",
            package["name"].as_str().unwrap_or_default(),
            package["version"].as_str().unwrap_or_default()
        ));
    }
    text.push_str(&if placed.copied {
        format!("copied {shown_name} into {}\n", plugins_dir.display())
    } else {
        format!("{shown_name} is in {} already\n", plugins_dir.display())
    });
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
        json!({
            "library": placed.target,
            "copied": placed.copied,
            "package": placed.package,
            "installed": plugins,
        }),
    );
    Ok(match recorded {
        Ok(()) => report,
        Err(error) => report.failing(error),
    })
}

/// Copies a library file into the managed directory.
fn place_library(
    session: &Session,
    library: &Path,
    display: &mut Display,
) -> Result<Placed, CliError> {
    let extension = std::env::consts::DLL_EXTENSION;
    let file_name = library
        .file_name()
        .filter(|_| library.extension().is_some_and(|e| e == extension))
        .ok_or_else(|| CliError::NotALibraryFile {
            path: library.to_path_buf(),
            extension,
        })?;
    let target = session.layout.plugins.join(file_name);
    display.note("copying");
    let copied = place(library, &target)?;
    Ok(Placed {
        target,
        copied,
        from: library.to_path_buf(),
        package: None,
        source_file: Some(library.to_path_buf()),
    })
}

/// Extracts a package's library into the managed directory, under the
/// library's own file name, unless the same file is there already.
fn place_package(
    session: &Session,
    package: &Package,
    registry_file: Option<PathBuf>,
    display: &mut Display,
) -> Result<Placed, CliError> {
    let manifest = package.manifest();
    package.check_platform()?;
    let target = session.layout.plugins.join(&manifest.library);
    let copied = if target.exists() {
        let present = checksum_file(&target).map_err(CliError::io("read", &target))?;
        if present != manifest.sha256 {
            return Err(CliError::LibraryExists {
                file_name: manifest.library.clone(),
                plugins_dir: session.layout.plugins.clone(),
            });
        }
        false
    } else {
        match package.extract_library(&target, display) {
            Ok(_) => true,
            Err(PackageError::LibraryExists { .. }) => {
                return Err(CliError::LibraryExists {
                    file_name: manifest.library.clone(),
                    plugins_dir: session.layout.plugins.clone(),
                });
            }
            Err(other) => return Err(other.into()),
        }
    };
    Ok(Placed {
        target,
        copied,
        from: registry_file.unwrap_or_else(|| package.path().to_path_buf()),
        package: Some(json!({
            "name": manifest.name,
            "version": manifest.version.to_string(),
            "file": package.path(),
        })),
        source_file: None,
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
