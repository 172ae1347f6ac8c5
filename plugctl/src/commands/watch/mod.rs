//! `plugctl watch <crate-dir>`: the development loop. Builds a plugin crate,
//! runs its plugins in a host of its own, and on every change of the
//! crate's sources builds it again and hot-reloads the library, printing
//! each step on stderr.

mod cargo;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use plugin_host::{HostConfig, PluginManager, ReloadReport, Watcher};
use serde_json::{Value, json};

use super::reload::report_json;
use crate::cli::GlobalOptions;
use crate::error::CliError;
use crate::report::Report;
use crate::session::{self, Layout};

/// What `watch` was asked to do.
#[derive(Debug)]
pub(crate) struct Options {
    /// The plugin crate's directory.
    pub(crate) crate_dir: PathBuf,
    /// Stop after the first rebuild.
    pub(crate) once: bool,
    /// Build in release mode.
    pub(crate) release: bool,
    /// How long sources must be unchanged before a build.
    pub(crate) quiet: Duration,
}

/// One line of progress on stderr.
fn step(text: impl AsRef<str>) {
    eprintln!("watch: {}", text.as_ref());
}

/// Runs the loop; returns only with `--once` or when it cannot go on.
pub(crate) fn run(options: &Options, global: &GlobalOptions) -> Result<Report, CliError> {
    let crate_dir = std::path::absolute(&options.crate_dir)
        .map_err(CliError::io("find", &options.crate_dir))?;
    let manifest = crate_dir.join("Cargo.toml");
    if !manifest.is_file() {
        return Err(CliError::io("read", &manifest)(std::io::Error::new(
            std::io::ErrorKind::NotFound,
            "a plugin crate's directory holds Cargo.toml",
        )));
    }

    step(format!("building {}", crate_dir.display()));
    let started = Instant::now();
    let library = cargo::build(&crate_dir, options.release)?;
    step(format!(
        "built {} in {:.1?}",
        library.display(),
        started.elapsed()
    ));
    let mut manager = start(&library, global)?;
    let names: Vec<String> = manager
        .host()
        .plugins()
        .map(|info| info.name.clone())
        .collect();

    let mut watcher = Watcher::new(options.quiet)?;
    let sources = crate_dir.join("src");
    watcher.watch_tree(&sources)?;
    watcher.watch_file(&manifest)?;
    step(format!(
        "watching {} and {}; press Ctrl-C to stop",
        sources.display(),
        manifest.display()
    ));

    let mut rounds: Vec<Value> = Vec::new();
    let mut failures = 0;
    let mut last_error: Option<CliError>;
    loop {
        let changed = match watcher.wait(Duration::from_secs(1)) {
            Ok(changed) if changed.is_empty() => continue,
            Ok(changed) => changed,
            Err(error) => {
                step(format!("error: {error}"));
                continue;
            }
        };
        let shown: Vec<String> = changed
            .iter()
            .map(|p| {
                p.strip_prefix(&crate_dir)
                    .unwrap_or(p)
                    .display()
                    .to_string()
            })
            .collect();
        step(format!("changed: {}", shown.join(", ")));
        last_error = None;
        let round = match rebuild(&mut manager, &crate_dir, &library, &names, options.release) {
            Ok(Some(report)) => {
                step(format!(
                    "reloaded {}; calls were held for {:.1?}",
                    versions(&report),
                    report.pause
                ));
                json!({ "changed": shown, "result": "reloaded", "reload": report_json(&report, None) })
            }
            Ok(None) => {
                step("the build is the one running; nothing to reload");
                json!({ "changed": shown, "result": "unchanged" })
            }
            Err(error) => {
                failures += 1;
                step(format!(
                    "error: {error}; {} keep running the last good build",
                    names.join(", ")
                ));
                let round =
                    json!({ "changed": shown, "result": "failed", "error": error.to_string() });
                last_error = Some(error);
                round
            }
        };
        rounds.push(round);
        if options.once {
            break;
        }
    }

    let text = format!(
        "{} rebuild(s) of {}, {failures} failed",
        rounds.len(),
        crate_dir.display()
    );
    let report = Report::new(
        text,
        json!({ "crate": crate_dir, "library": library, "plugins": names, "rounds": rounds }),
    );
    // Only `--once` gets here; its one round decides the exit status.
    Ok(match last_error {
        None => report,
        Some(error) => report.failing(error),
    })
}

/// A manager over a host of its own with the library loaded, and its
/// plugins installed and activated.
fn start(library: &Path, global: &GlobalOptions) -> Result<PluginManager, CliError> {
    let mut manager = PluginManager::new(session::host(global.app_version.clone()));
    let layout = Layout::new(&global.dir)?;
    if layout.host_config.is_file() {
        manager = manager.with_host_config(HostConfig::read(&layout.host_config)?);
    }
    let names = manager.load_reloadable(library)?;
    for name in &names {
        if manager.state(name).is_some_and(|s| !s.is_installed()) {
            manager.install(name, None)?;
        }
        manager.activate(name)?;
        let version = manager
            .host()
            .plugin(name)
            .map_or_else(String::new, |i| i.version.to_string());
        step(format!("installed and activated {name} {version}"));
    }
    Ok(manager)
}

/// Builds the crate again and reloads its library if the build changed it.
fn rebuild(
    manager: &mut PluginManager,
    crate_dir: &Path,
    library: &Path,
    names: &[String],
    release: bool,
) -> Result<Option<ReloadReport>, CliError> {
    step("building");
    let started = Instant::now();
    let built = cargo::build(crate_dir, release)?;
    if built != library {
        return Err(CliError::BuildFailed {
            crate_dir: crate_dir.to_path_buf(),
            reason: format!(
                "it now builds '{}' instead of '{}'; restart plugctl watch",
                built.display(),
                library.display()
            ),
        });
    }
    step(format!("built in {:.1?}; reloading", started.elapsed()));
    let Some(first) = names.first() else {
        return Ok(None);
    };
    Ok(manager.reload_if_changed(first)?)
}

/// `a 0.1.0 -> 0.2.0, b 1.0.0` for the plugins of a reload.
fn versions(report: &ReloadReport) -> String {
    report
        .plugins
        .iter()
        .map(|p| {
            if p.old_version == p.new_version {
                format!("{} {}", p.name, p.new_version)
            } else {
                format!("{} {} -> {}", p.name, p.old_version, p.new_version)
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}
