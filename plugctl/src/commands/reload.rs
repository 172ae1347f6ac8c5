//! `plugctl reload <plugin> [--from <library>]`: puts a new build of a
//! plugin's library into the managed directory and hot-reloads it, with
//! every plugin of the library; if the reload fails, the managed directory
//! is left as it was.

use std::fs;
use std::path::{Path, PathBuf};

use plugin_host::{ReloadReport, checksum_file};
use serde_json::{Value, json};

use crate::error::CliError;
use crate::report::{Report, table};
use crate::session::Session;
use crate::sources::Sources;

/// Reloads plugin `name`'s library from `from`, or from the file it was
/// installed from.
pub(crate) fn run(
    session: &mut Session,
    name: &str,
    from: Option<&Path>,
) -> Result<Report, CliError> {
    let managed = session
        .info(name)?
        .source
        .path()
        .filter(|path| path.starts_with(&session.layout.plugins))
        .map(Path::to_path_buf)
        .ok_or_else(|| CliError::NotManaged {
            plugin: name.to_owned(),
        })?;
    let file_name = managed
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut sources = Sources::read(&session.layout.sources)?;
    let source: PathBuf = match from {
        Some(from) => from.to_path_buf(),
        None => sources
            .get(&file_name)
            .map(Path::to_path_buf)
            .ok_or_else(|| CliError::NoSource {
                plugin: name.to_owned(),
                library: managed.clone(),
            })?,
    };
    let wanted = checksum_file(&source).map_err(CliError::io("read", &source))?;
    let present = checksum_file(&managed).map_err(CliError::io("read", &managed))?;
    if wanted == present {
        sources.record(&file_name, &source)?;
        return Ok(Report::new(
            format!(
                "'{}' is the build running already; nothing to reload",
                source.display()
            ),
            json!({ "library": managed, "source": source, "reloaded": false, "plugins": [] }),
        ));
    }

    let swap = Swap::prepare(&source, &managed)?;
    let report = match session.manager.reload(name) {
        Ok(report) => report,
        Err(error) => {
            swap.undo()?;
            return Err(CliError::ReloadFailed {
                library: managed,
                source: Box::new(error),
            });
        }
    };
    swap.finish();
    sources.record(&file_name, &source)?;
    Ok(reloaded(&report, &source))
}

fn reloaded(report: &ReloadReport, source: &Path) -> Report {
    let mut text = format!(
        "reloaded {} from {}\n",
        report
            .library
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned()),
        source.display()
    );
    let rows: Vec<[String; 4]> = report
        .plugins
        .iter()
        .map(|p| {
            [
                p.name.clone(),
                format!("{} -> {}", p.old_version, p.new_version),
                p.state.to_string(),
                format!("state handed over: {} bytes", p.state_bytes),
            ]
        })
        .collect();
    text.push_str(&table(&rows));
    Report::new(text, report_json(report, Some(source)))
}

/// A reload report as JSON, shared with `watch`.
pub(crate) fn report_json(report: &ReloadReport, source: Option<&Path>) -> Value {
    let plugins: Vec<Value> = report
        .plugins
        .iter()
        .map(|p| {
            json!({
                "name": p.name,
                "old_version": p.old_version.to_string(),
                "new_version": p.new_version.to_string(),
                "state": p.state,
                "state_bytes": p.state_bytes,
            })
        })
        .collect();
    json!({
        "library": report.library,
        "source": source,
        "reloaded": true,
        "checksum": report.checksum,
        "pause_us": u64::try_from(report.pause.as_micros()).unwrap_or(u64::MAX),
        "plugins": plugins,
    })
}

/// The new build put in place of the managed library, with the old one
/// kept aside until the reload has succeeded.
struct Swap {
    managed: PathBuf,
    previous: PathBuf,
}

impl Swap {
    /// Copies `source` next to `managed` under a hidden name, keeps a hard
    /// link to the current file, and renames the copy over it. A crash
    /// leaves either the old file or the new one in place (and the kept
    /// link as `.<name>.<pid>.previous`), never a partial library.
    fn prepare(source: &Path, managed: &Path) -> Result<Swap, CliError> {
        let dir = managed.parent().unwrap_or(Path::new("."));
        let name = managed
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        let hidden = |suffix: &str| dir.join(format!(".{name}.{}.{suffix}", std::process::id()));
        let (partial, previous) = (hidden("partial"), hidden("previous"));
        let placed = fs::copy(source, &partial)
            .map_err(CliError::io(
                format!("copy '{}' to", source.display()),
                &partial,
            ))
            .and_then(|_| {
                fs::hard_link(managed, &previous).map_err(CliError::io(
                    format!("keep '{}' as", managed.display()),
                    &previous,
                ))
            })
            .and_then(|()| fs::rename(&partial, managed).map_err(CliError::io("replace", managed)));
        if let Err(error) = placed {
            let _ = fs::remove_file(&partial);
            let _ = fs::remove_file(&previous);
            return Err(error);
        }
        Ok(Swap {
            managed: managed.to_path_buf(),
            previous,
        })
    }

    /// Puts the old file back.
    fn undo(self) -> Result<(), CliError> {
        fs::rename(&self.previous, &self.managed).map_err(CliError::io(
            format!("put back '{}' from", self.managed.display()),
            &self.previous,
        ))
    }

    /// Drops the old file.
    fn finish(self) {
        // Only a hidden file is left behind if this fails; the next
        // `install` or `reload` does not read it.
        let _ = fs::remove_file(&self.previous);
    }
}
