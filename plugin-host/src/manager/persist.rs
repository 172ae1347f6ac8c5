//! Keeping the installed set in the state file, and coming back to it.

use std::path::Path;

use super::{
    ManagerError, ManagerState, PluginManager, PluginRecord, PluginState, STATE_FORMAT, StateError,
    checksum_file,
};

impl PluginManager {
    /// Brings back the state saved in the state file: loads each recorded
    /// library that the host has not loaded (checking that the file is the
    /// one installed), installs every recorded plugin with its configuration
    /// and activates the ones that were active, in dependency order.
    ///
    /// # Errors
    ///
    /// [`ManagerError::State`] for an unreadable or corrupt state file (left
    /// as it is); [`ManagerError::ChecksumMismatch`] for a library that
    /// changed; any error of installing or activating.
    pub fn restore(&mut self) -> Result<(), ManagerError> {
        let Some(file) = &self.state_file else {
            return Ok(());
        };
        let Some(saved) = file.load()? else {
            return Ok(());
        };
        for (name, record) in &saved.plugins {
            if self.host.plugin(name).is_none()
                && let Some(library) = &record.library
            {
                self.host.load_library(library)?;
            }
            if let (Some(library), Some(expected)) = (&record.library, &record.checksum) {
                let found = self.library_checksum(library)?;
                if &found != expected {
                    return Err(ManagerError::ChecksumMismatch {
                        plugin: name.clone(),
                        library: library.clone(),
                        expected: expected.clone(),
                        found,
                    });
                }
            }
        }
        for (name, record) in &saved.plugins {
            if self.state(name) == Some(PluginState::Discovered) {
                self.install_with(name, Some(&record.config), false)?;
            }
        }
        for (name, record) in &saved.plugins {
            if record.active && self.state(name) != Some(PluginState::Active) {
                self.activate(name)?;
            }
        }
        Ok(())
    }

    /// The checksum of plugin `name`'s library; `None` for static plugins.
    pub(super) fn checksum_of(&mut self, name: &str) -> Result<Option<String>, ManagerError> {
        let Some(path) = self
            .host
            .plugin(name)
            .and_then(|p| p.source.path())
            .map(Path::to_path_buf)
        else {
            return Ok(None);
        };
        self.library_checksum(&path).map(Some)
    }

    /// A library file's checksum, read once per manager: a library with
    /// several plugins is hashed once, however many of them are installed.
    fn library_checksum(&mut self, path: &Path) -> Result<String, ManagerError> {
        if let Some(known) = self.checksums.get(path) {
            return Ok(known.clone());
        }
        let checksum = checksum_file(path).map_err(|source| StateError::Io {
            path: path.to_path_buf(),
            action: "read",
            source,
        })?;
        self.checksums.insert(path.to_path_buf(), checksum.clone());
        Ok(checksum)
    }

    pub(super) fn persist(&self) -> Result<(), ManagerError> {
        let Some(file) = &self.state_file else {
            return Ok(());
        };
        let plugins = self
            .plugins
            .iter()
            .filter(|(_, m)| m.state.is_installed())
            .filter_map(|(name, m)| {
                let info = self.host.plugin(name)?;
                Some((
                    name.clone(),
                    PluginRecord {
                        version: info.version.to_string(),
                        library: info.source.path().map(Path::to_path_buf),
                        checksum: m.checksum.clone(),
                        active: m.state == PluginState::Active,
                        config: m.config.clone(),
                    },
                ))
            })
            .collect();
        file.save(&ManagerState {
            format: STATE_FORMAT,
            plugins,
        })?;
        Ok(())
    }
}
