//! Keeping the installed set in the state file, and coming back to it.

use std::collections::BTreeMap;
use std::path::Path;

use super::{
    ManagerError, ManagerState, PluginManager, PluginRecord, PluginState, RestoreFailure,
    RestoreReport, STATE_FORMAT, StateError, checksum_file,
};

impl PluginManager {
    /// Brings back the state saved in the state file: loads each recorded
    /// library that the host has not loaded (checking that the file is the
    /// one installed), installs every recorded plugin with its configuration
    /// (without running its install hook again) and activates the ones that
    /// were active, in dependency order.
    ///
    /// One plugin that cannot be brought back does not keep the others
    /// from coming back: it is listed in the report, and its saved record
    /// stays in the state file as it was (see [`unrestored`](Self::unrestored)).
    /// The state file is complete at every moment of the restore, so a crash
    /// during it loses nothing.
    ///
    /// # Errors
    ///
    /// [`ManagerError::State`] for an unreadable or corrupt state file, which
    /// is left as it is.
    pub fn restore(&mut self) -> Result<RestoreReport, ManagerError> {
        let mut report = RestoreReport::default();
        let Some(file) = &self.state_file else {
            return Ok(report);
        };
        let Some(saved) = file.load()? else {
            return Ok(report);
        };
        self.unrestored = saved.plugins;
        let records: Vec<(String, PluginRecord)> = self
            .unrestored
            .iter()
            .map(|(name, record)| (name.clone(), record.clone()))
            .collect();
        let fail = |report: &mut RestoreReport, plugin: &str, error: ManagerError| {
            report.failed.push(RestoreFailure {
                plugin: plugin.to_owned(),
                error,
            });
        };
        for (name, record) in &records {
            let result = self
                .restore_library(name, record)
                .and_then(|()| match self.state(name) {
                    Some(PluginState::Discovered) => {
                        self.install_with(name, Some(&record.config), false)
                    }
                    _ => Ok(()),
                });
            match result {
                Ok(()) => report.installed.push(name.clone()),
                Err(error) => fail(&mut report, name, error),
            }
        }
        for (name, record) in &records {
            if record.inactive
                && self.state(name) == Some(PluginState::Installed)
                && let Some(managed) = self.plugins.get_mut(name)
            {
                managed.state = PluginState::Inactive;
            }
            let installed = self.state(name).is_some_and(PluginState::is_installed);
            if record.active && installed && self.state(name) != Some(PluginState::Active) {
                match self.activate(name) {
                    Ok(activated) => report.activated.extend(activated),
                    Err(error) => fail(&mut report, name, error),
                }
            }
        }
        let plugins = &self.plugins;
        self.unrestored
            .retain(|name, _| !plugins.get(name).is_some_and(|m| m.state.is_installed()));
        self.persist()?;
        Ok(report)
    }

    /// The saved records `restore` could not bring back, by plugin name:
    /// they stay in the state file as they were until the plugin is
    /// installed again or [`forget`](Self::forget)ten.
    pub fn unrestored(&self) -> &BTreeMap<String, PluginRecord> {
        &self.unrestored
    }

    /// Drops the saved record of a plugin `restore` could not bring back
    /// (one whose library is gone, say); returns whether there was one.
    ///
    /// # Errors
    ///
    /// [`ManagerError::State`] if the state file cannot be written.
    pub fn forget(&mut self, name: &str) -> Result<bool, ManagerError> {
        if self.unrestored.remove(name).is_none() {
            return Ok(false);
        }
        self.persist()?;
        Ok(true)
    }

    /// Loads the library `record` names unless the host has the plugin, and
    /// checks that the file is the one that was installed.
    fn restore_library(&mut self, name: &str, record: &PluginRecord) -> Result<(), ManagerError> {
        if self.host.plugin(name).is_none()
            && let Some(library) = &record.library
        {
            self.host.load_library(library)?;
        }
        if let (Some(library), Some(expected)) = (&record.library, &record.checksum) {
            let found = self.library_checksum(library)?;
            if &found != expected {
                return Err(ManagerError::ChecksumMismatch {
                    plugin: name.to_owned(),
                    library: library.clone(),
                    expected: expected.clone(),
                    found,
                });
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
                        inactive: m.state == PluginState::Inactive,
                        config: m.config.clone(),
                    },
                ))
            })
            .collect::<BTreeMap<_, _>>();
        // A record restore has not settled yet (or could not) is written
        // back as it was saved, so a crash or a failure in the middle of a
        // restore loses nothing.
        let mut plugins = plugins;
        for (name, record) in &self.unrestored {
            plugins.insert(name.clone(), record.clone());
        }
        file.save(&ManagerState {
            format: STATE_FORMAT,
            plugins,
        })?;
        Ok(())
    }
}
