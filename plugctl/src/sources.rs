//! `sources.json` in the managed directory: where each library in
//! `plugins/` was installed from, so that `plugctl reload <plugin>` knows
//! where its new build is.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::error::CliError;

/// The library file name in `plugins/` → the file it was copied from.
#[derive(Debug, Default)]
pub(crate) struct Sources {
    file: PathBuf,
    sources: BTreeMap<String, PathBuf>,
}

impl Sources {
    /// Reads `file`; a missing file holds no sources.
    ///
    /// # Errors
    ///
    /// [`CliError::Io`] if it cannot be read, [`CliError::CorruptSources`]
    /// if it is not a JSON object of paths.
    pub(crate) fn read(file: &Path) -> Result<Sources, CliError> {
        let sources = match std::fs::read(file) {
            Ok(bytes) => {
                serde_json::from_slice(&bytes).map_err(|source| CliError::CorruptSources {
                    file: file.to_path_buf(),
                    source,
                })?
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => BTreeMap::new(),
            Err(e) => return Err(CliError::io("read", file)(e)),
        };
        Ok(Sources {
            file: file.to_path_buf(),
            sources,
        })
    }

    /// Where the library `file_name` was installed from.
    pub(crate) fn get(&self, file_name: &str) -> Option<&Path> {
        self.sources.get(file_name).map(PathBuf::as_path)
    }

    /// Records that `file_name` comes from `source`, and saves.
    ///
    /// # Errors
    ///
    /// [`CliError::Io`] if the file cannot be written.
    pub(crate) fn record(&mut self, file_name: &str, source: &Path) -> Result<(), CliError> {
        let source = std::path::absolute(source).unwrap_or_else(|_| source.to_path_buf());
        if self.sources.get(file_name) == Some(&source) {
            return Ok(());
        }
        self.sources.insert(file_name.to_owned(), source);
        self.save()
    }

    /// Forgets `file_name`'s source, and saves.
    ///
    /// # Errors
    ///
    /// [`CliError::Io`] if the file cannot be written.
    pub(crate) fn forget(&mut self, file_name: &str) -> Result<(), CliError> {
        if self.sources.remove(file_name).is_some() {
            self.save()?;
        }
        Ok(())
    }

    /// Writes the file through a temporary file renamed over it, so that it
    /// is always whole.
    fn save(&self) -> Result<(), CliError> {
        let text = serde_json::to_string_pretty(&self.sources)
            .map_err(|e| CliError::io("write", &self.file)(std::io::Error::other(e)))?;
        let partial = self
            .file
            .with_extension(format!("json.{}.partial", std::process::id()));
        let result = std::fs::write(&partial, text + "\n")
            .map_err(CliError::io("write", &partial))
            .and_then(|()| {
                std::fs::rename(&partial, &self.file).map_err(CliError::io("replace", &self.file))
            });
        if result.is_err() {
            let _ = std::fs::remove_file(&partial);
        }
        result
    }
}
