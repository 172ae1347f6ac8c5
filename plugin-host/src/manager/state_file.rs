//! The plugin manager's persisted state: one JSON file, replaced atomically.
//!
//! These invariants hold however the process dies, at any instant:
//!
//! - The state file is only ever replaced by renaming a complete, fsynced
//!   temp file over it, so it holds either the previous or the new state in
//!   full. It is never removed.
//! - The backup (`<state file>.bak`) is only ever replaced by a rename, and
//!   only with a state this host loads, so it holds the last good state.
//! - Temp files live next to the state file, named
//!   `.<file name>.<process id>-<n>.tmp`. `load` never reads them. One left
//!   behind by a process that died is removed by the next `save` made by
//!   another process.
//!
//! One process at a time owns a state file; two processes saving to the same
//! file may make each other's saves fail, though never corrupt it.

use std::collections::BTreeMap;
use std::ffi::{OsStr, OsString};
use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The state file format this version writes and reads.
pub const STATE_FORMAT: u32 = 1;

/// Everything the plugin manager persists across restarts.
///
/// The default is an empty state in [`STATE_FORMAT`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ManagerState {
    /// The format the state was read in. [`StateFile::save`] ignores it and
    /// always writes [`STATE_FORMAT`].
    pub format: u32,
    /// The installed plugins, by plugin name.
    pub plugins: BTreeMap<String, PluginRecord>,
}

impl Default for ManagerState {
    fn default() -> Self {
        ManagerState {
            format: STATE_FORMAT,
            plugins: BTreeMap::new(),
        }
    }
}

/// What the manager remembers about one installed plugin.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PluginRecord {
    /// The plugin's version.
    pub version: String,
    /// The library the plugin comes from; `None` for plugins linked
    /// statically. Must be valid UTF-8 to be saved.
    pub library: Option<PathBuf>,
    /// `"sha256:<lowercase hex>"` of the library file, as made by
    /// [`checksum_file`]; `None` for plugins linked statically.
    pub checksum: Option<String>,
    /// Whether the plugin is to be started.
    pub active: bool,
    /// Whether the plugin was deactivated after being active, so that it
    /// comes back inactive rather than merely installed. Absent in state
    /// files written before it existed, which reads as `false`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub inactive: bool,
    /// The plugin's configuration.
    pub config: serde_json::Value,
}

/// Why the plugin state could not be loaded or saved. A failed load changes
/// nothing; a failed save leaves the state file as it was, except as
/// [`StateFile::save`] says.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StateError {
    /// A file system operation failed.
    #[error("could not {action} '{}' ({source}); {}", path.display(), io_advice(action))]
    Io {
        /// The file or directory operated on.
        path: PathBuf,
        /// What was being done to it: `"read"`, `"serialize the state for"`,
        /// `"create the directory"`, `"create"`, `"write"`, `"sync"`,
        /// `"replace"` or `"sync the directory"`.
        action: &'static str,
        /// The I/O error.
        source: io::Error,
    },

    /// The state file is not valid JSON or not a valid state. It is left as
    /// it is.
    #[error(
        "the plugin state file '{}' is corrupt ({source}); it was left as it is. {}",
        path.display(),
        corrupt_advice(backup.as_deref())
    )]
    Corrupt {
        /// The state file.
        path: PathBuf,
        /// The backup holding the last good state, if there is one.
        backup: Option<PathBuf>,
        /// What is wrong with the file.
        source: serde_json::Error,
    },

    /// The state file is in a format this host does not read. It is left as
    /// it is.
    #[error(
        "the plugin state file '{}' is in state format {found} but this host reads format {supported}; {}",
        path.display(),
        format_advice(*found, *supported)
    )]
    UnsupportedFormat {
        /// The state file.
        path: PathBuf,
        /// The format the file declares.
        found: u32,
        /// The format this host reads, [`STATE_FORMAT`].
        supported: u32,
    },
}

impl StateError {
    /// The file or directory the error is about.
    pub fn path(&self) -> &Path {
        match self {
            StateError::Io { path, .. }
            | StateError::Corrupt { path, .. }
            | StateError::UnsupportedFormat { path, .. } => path,
        }
    }
}

fn io_advice(action: &str) -> &'static str {
    match action {
        READ => "check that this process can read the plugin state file and its directory",
        SYNC_DIR => {
            "the new plugin state is in place but may not survive a power loss; check the file system"
        }
        SERIALIZE => {
            "the saved plugin state was left as it was; every library path in the state must be valid UTF-8"
        }
        _ => {
            "the saved plugin state was left as it was; check that its directory can be written and has free space"
        }
    }
}

fn corrupt_advice(backup: Option<&Path>) -> String {
    match backup {
        Some(backup) => format!(
            "The last good state is in '{}': copy it over the broken file to go back to it, or move the broken file away to start with no plugins",
            backup.display()
        ),
        None => "There is no backup of an earlier state: repair the file, or move it away to start with no plugins".to_owned(),
    }
}

fn format_advice(found: u32, supported: u32) -> &'static str {
    if found > supported {
        "use a newer host or move the file away"
    } else {
        "move the file away to start with no plugins"
    }
}

const READ: &str = "read";
const SERIALIZE: &str = "serialize the state for";
const CREATE_DIR: &str = "create the directory";
const CREATE: &str = "create";
const WRITE: &str = "write";
const SYNC: &str = "sync";
const REPLACE: &str = "replace";
const SYNC_DIR: &str = "sync the directory";

fn io_error(path: &Path, action: &'static str, source: io::Error) -> StateError {
    StateError::Io {
        path: path.to_owned(),
        action,
        source,
    }
}

/// The state as written: the format is always [`STATE_FORMAT`].
#[derive(Serialize)]
struct StateOnDisk<'a> {
    format: u32,
    plugins: &'a BTreeMap<String, PluginRecord>,
}

/// Read first, so that a file in another format is reported as such even
/// when the rest of it has another shape.
#[derive(Deserialize)]
struct FormatProbe {
    format: u32,
}

enum Invalid {
    Json(serde_json::Error),
    Format(u32),
}

fn parse(bytes: &[u8]) -> Result<ManagerState, Invalid> {
    let probe: FormatProbe = serde_json::from_slice(bytes).map_err(Invalid::Json)?;
    if probe.format != STATE_FORMAT {
        return Err(Invalid::Format(probe.format));
    }
    serde_json::from_slice(bytes).map_err(Invalid::Json)
}

/// Numbers temp files, so that names stay unique within this process.
static NEXT_TEMP: AtomicU64 = AtomicU64::new(0);

/// A temp file that is removed when dropped, unless kept.
struct TempPath {
    path: PathBuf,
    remove: bool,
}

impl TempPath {
    fn keep(mut self) {
        self.remove = false;
    }
}

impl Drop for TempPath {
    fn drop(&mut self) {
        if self.remove {
            // The file may be gone already (renamed away); either way there
            // is nothing more to do about it.
            let _ = fs::remove_file(&self.path);
        }
    }
}

/// The plugin manager's state file and its backup.
#[derive(Debug, Clone)]
pub struct StateFile {
    path: PathBuf,
}

impl StateFile {
    /// A state file at `path`. Nothing is read or created until
    /// [`load`](Self::load) or [`save`](Self::save).
    pub fn new(path: impl Into<PathBuf>) -> Self {
        StateFile { path: path.into() }
    }

    /// The state file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Where the last good state is kept: the file name with `.bak` appended.
    pub fn backup_path(&self) -> PathBuf {
        let mut backup = self.path.as_os_str().to_owned();
        backup.push(".bak");
        PathBuf::from(backup)
    }

    /// Reads the state.
    ///
    /// Returns `Ok(None)` when there is no state file yet (a first start).
    /// Temp files left by an interrupted save are not read.
    ///
    /// # Errors
    ///
    /// [`StateError::Io`] when the file exists but cannot be read,
    /// [`StateError::Corrupt`] when it is not a valid state, and
    /// [`StateError::UnsupportedFormat`] when it is in another format. A
    /// corrupt file is never reset: it is left as it is, and the error names
    /// it, says what is wrong, names the backup if one exists, and says what
    /// to do.
    pub fn load(&self) -> Result<Option<ManagerState>, StateError> {
        let Some(bytes) = self.read()? else {
            return Ok(None);
        };
        match parse(&bytes) {
            Ok(state) => Ok(Some(state)),
            Err(Invalid::Json(source)) => {
                let backup = self.backup_path();
                Err(StateError::Corrupt {
                    path: self.path.clone(),
                    backup: backup.is_file().then_some(backup),
                    source,
                })
            }
            Err(Invalid::Format(found)) => Err(StateError::UnsupportedFormat {
                path: self.path.clone(),
                found,
                supported: STATE_FORMAT,
            }),
        }
    }

    /// Replaces the state atomically.
    ///
    /// Writes `state` as pretty JSON with a trailing newline, in
    /// [`STATE_FORMAT`] whatever `state.format` says, to a unique temp file in
    /// the same directory, and fsyncs it. Then keeps the current file as the
    /// backup (by hard-linking it to a temp name renamed over the backup, or
    /// by copying when links are not supported), renames the temp file over
    /// the state file and fsyncs the directory. The state file is never
    /// removed, so at every instant it holds the old or the new state in full.
    ///
    /// Creates the parent directory if it is missing, and first removes temp
    /// files that other processes left behind.
    ///
    /// A current file that does not load (corrupt, or in another format) is
    /// replaced without becoming the backup, so the backup keeps the last good
    /// state.
    ///
    /// # Errors
    ///
    /// [`StateError::Io`] when a step fails; the state file is then as it was
    /// (the backup may already hold a copy of it) and the temp files are
    /// removed. The one exception is a failure to fsync the directory after
    /// the rename, reported with the action `"sync the directory"`: the new
    /// state is then in place but may not survive a power loss.
    pub fn save(&self, state: &ManagerState) -> Result<(), StateError> {
        let mut bytes = serde_json::to_vec_pretty(&StateOnDisk {
            format: STATE_FORMAT,
            plugins: &state.plugins,
        })
        .map_err(|e| {
            io_error(
                &self.path,
                SERIALIZE,
                io::Error::new(io::ErrorKind::InvalidData, e),
            )
        })?;
        bytes.push(b'\n');

        let dir = self.dir();
        fs::create_dir_all(dir).map_err(|e| io_error(dir, CREATE_DIR, e))?;
        self.remove_stale_temps(dir);

        let current = self.read()?;
        let new = self.write_temp(dir, &bytes)?;
        match current {
            Some(current) if parse(&current).is_ok() => self.back_up(dir, &current)?,
            Some(_) => tracing::warn!(
                path = %self.path.display(),
                backup = %self.backup_path().display(),
                "replacing a plugin state file that does not load; the backup keeps the last good state"
            ),
            None => {}
        }
        fs::rename(&new.path, &self.path).map_err(|e| io_error(&self.path, REPLACE, e))?;
        new.keep();
        sync_dir(dir).map_err(|e| io_error(dir, SYNC_DIR, e))
    }

    /// The file's bytes, or `None` when it does not exist.
    fn read(&self) -> Result<Option<Vec<u8>>, StateError> {
        match fs::read(&self.path) {
            Ok(bytes) => Ok(Some(bytes)),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(io_error(&self.path, READ, e)),
        }
    }

    /// Makes `current`, the state file's bytes, the backup.
    fn back_up(&self, dir: &Path, current: &[u8]) -> Result<(), StateError> {
        let backup = self.backup_path();
        match self.create_temp(dir, |temp| fs::hard_link(&self.path, temp)) {
            Ok((link, ())) => {
                // When the backup is already a link to the state file (a
                // save died between the two renames), this rename does
                // nothing and leaves the link, which dropping it removes.
                fs::rename(&link.path, &backup).map_err(|e| io_error(&backup, REPLACE, e))
            }
            Err(_) => self.copy_to_backup(dir, current),
        }
    }

    /// Makes `current` the backup by writing it out again, for file systems
    /// without hard links.
    fn copy_to_backup(&self, dir: &Path, current: &[u8]) -> Result<(), StateError> {
        let backup = self.backup_path();
        let copy = self.write_temp(dir, current)?;
        fs::rename(&copy.path, &backup).map_err(|e| io_error(&backup, REPLACE, e))?;
        copy.keep();
        Ok(())
    }

    /// A new temp file holding `bytes`, synced to disk.
    fn write_temp(&self, dir: &Path, bytes: &[u8]) -> Result<TempPath, StateError> {
        let (temp, mut file) = self
            .create_temp(dir, |temp| {
                OpenOptions::new().write(true).create_new(true).open(temp)
            })
            .map_err(|(temp, e)| io_error(&temp, CREATE, e))?;
        file.write_all(bytes)
            .map_err(|e| io_error(&temp.path, WRITE, e))?;
        file.sync_all().map_err(|e| io_error(&temp.path, SYNC, e))?;
        Ok(temp)
    }

    /// Runs `create` on fresh temp names until one is free.
    fn create_temp<T>(
        &self,
        dir: &Path,
        mut create: impl FnMut(&Path) -> io::Result<T>,
    ) -> Result<(TempPath, T), (PathBuf, io::Error)> {
        let mut taken = 0;
        loop {
            let n = NEXT_TEMP.fetch_add(1, Ordering::Relaxed);
            let path = dir.join(self.temp_name(std::process::id(), n));
            match create(&path) {
                Ok(value) => return Ok((TempPath { path, remove: true }, value)),
                // A process that died with this process id left it; its
                // number is taken, so try the next one.
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists && taken < 1000 => taken += 1,
                Err(e) => return Err((path, e)),
            }
        }
    }

    fn temp_name(&self, pid: u32, n: u64) -> OsString {
        let mut name = OsString::from(".");
        name.push(self.file_name());
        name.push(format!(".{pid}-{n}.tmp"));
        name
    }

    /// The process id in `name` when it is one of this file's temp names.
    fn temp_owner(&self, name: &OsStr) -> Option<u32> {
        let middle = name
            .as_encoded_bytes()
            .strip_prefix(b".")?
            .strip_prefix(self.file_name().as_encoded_bytes())?
            .strip_prefix(b".")?
            .strip_suffix(b".tmp")?;
        let dash = middle.iter().position(|&b| b == b'-')?;
        let (pid, n) = (&middle[..dash], &middle[dash + 1..]);
        let all_digits = |s: &[u8]| !s.is_empty() && s.iter().all(u8::is_ascii_digit);
        if !all_digits(pid) || !all_digits(n) {
            return None;
        }
        std::str::from_utf8(pid).ok()?.parse().ok()
    }

    /// Removes temp files of this state file made by other processes, which
    /// can only be left over from saves that died.
    fn remove_stale_temps(&self, dir: &Path) {
        // Leftovers waste space but do no harm, so failing to list or remove
        // them must not fail the save.
        let Ok(entries) = fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            if self
                .temp_owner(&entry.file_name())
                .is_some_and(|pid| pid != std::process::id())
            {
                let _ = fs::remove_file(entry.path());
            }
        }
    }

    fn file_name(&self) -> &OsStr {
        self.path.file_name().unwrap_or(OsStr::new("state"))
    }

    fn dir(&self) -> &Path {
        match self.path.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent,
            _ => Path::new("."),
        }
    }
}

/// Makes the renames in `dir` durable.
#[cfg(unix)]
fn sync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
}

/// Directories cannot be opened as files here; renames are made durable by
/// the file system itself.
#[cfg(not(unix))]
fn sync_dir(_dir: &Path) -> io::Result<()> {
    Ok(())
}

/// `"sha256:<lowercase hex>"` of a file's contents, read in chunks.
///
/// # Errors
///
/// The I/O error when the file cannot be opened or read.
pub fn checksum_file(path: &Path) -> Result<String, io::Error> {
    let mut file = File::open(path)?;
    let mut hasher = Sha256::new();
    let mut chunk = vec![0; 64 * 1024];
    loop {
        match file.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => hasher.update(&chunk[..n]),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(format!("sha256:{:x}", hasher.finalize()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An empty directory for one test, removed when dropped.
    struct Scratch(PathBuf);

    impl std::ops::Deref for Scratch {
        type Target = Path;
        fn deref(&self) -> &Path {
            &self.0
        }
    }

    impl Drop for Scratch {
        fn drop(&mut self) {
            let _ = fs::remove_dir_all(&self.0);
        }
    }

    fn scratch(test: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!(
            "plugin-host-state-file-{}-{test}",
            std::process::id()
        ));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }

    fn sample(version: &str) -> ManagerState {
        let mut state = ManagerState::default();
        state.plugins.insert(
            "greeter".to_owned(),
            PluginRecord {
                version: version.to_owned(),
                library: Some(PathBuf::from("/opt/plugins/libgreeter.so")),
                checksum: Some(format!("sha256:{}", "ab".repeat(32))),
                active: true,
                inactive: false,
                config: serde_json::json!({ "greeting": "hello", "times": 3 }),
            },
        );
        state.plugins.insert(
            "builtin".to_owned(),
            PluginRecord {
                version: "0.1.0".to_owned(),
                library: None,
                checksum: None,
                active: false,
                inactive: true,
                config: serde_json::Value::Null,
            },
        );
        state
    }

    /// The names in `dir`, sorted.
    fn listing(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn a_saved_state_loads_back_equal() {
        let dir = scratch("round-trip");
        let file = StateFile::new(dir.join("state.json"));
        file.save(&sample("1.0.0")).unwrap();
        assert_eq!(file.load().unwrap(), Some(sample("1.0.0")));

        let text = fs::read_to_string(file.path()).unwrap();
        assert!(text.ends_with("}\n"), "no trailing newline: {text:?}");
        assert!(text.contains("\n  \"plugins\""), "not pretty: {text}");
        assert_eq!(listing(&dir), ["state.json"]);
    }

    #[test]
    fn no_file_loads_as_none() {
        let dir = scratch("missing");
        assert!(
            StateFile::new(dir.join("state.json"))
                .load()
                .unwrap()
                .is_none()
        );
        let nested = StateFile::new(dir.join("not/yet/there/state.json"));
        assert!(nested.load().unwrap().is_none());
    }

    #[test]
    fn save_creates_the_parent_directory() {
        let dir = scratch("parent");
        let file = StateFile::new(dir.join("a/b/state.json"));
        file.save(&sample("1.0.0")).unwrap();
        assert_eq!(file.load().unwrap(), Some(sample("1.0.0")));
    }

    #[test]
    fn save_writes_the_current_format() {
        let dir = scratch("format-written");
        let file = StateFile::new(dir.join("state.json"));
        let mut state = sample("1.0.0");
        state.format = 7;
        file.save(&state).unwrap();
        assert_eq!(file.load().unwrap().unwrap().format, STATE_FORMAT);
        assert_eq!(ManagerState::default().format, STATE_FORMAT);
    }

    #[test]
    fn the_backup_holds_the_previous_state() {
        let dir = scratch("backup");
        let file = StateFile::new(dir.join("state.json"));
        file.save(&sample("1.0.0")).unwrap();
        file.save(&sample("2.0.0")).unwrap();
        file.save(&sample("3.0.0")).unwrap();
        let backup = StateFile::new(file.backup_path());
        assert_eq!(backup.path(), dir.join("state.json.bak"));
        assert_eq!(backup.load().unwrap(), Some(sample("2.0.0")));
        assert_eq!(file.load().unwrap(), Some(sample("3.0.0")));
        assert_eq!(listing(&dir), ["state.json", "state.json.bak"]);
    }

    #[test]
    fn a_backup_that_is_already_a_link_to_the_state_leaves_no_temp_file() {
        let dir = scratch("backup-linked");
        let file = StateFile::new(dir.join("state.json"));
        file.save(&sample("1.0.0")).unwrap();
        // A save that died between its two renames leaves this.
        fs::hard_link(file.path(), file.backup_path()).unwrap();
        file.save(&sample("2.0.0")).unwrap();
        assert_eq!(listing(&dir), ["state.json", "state.json.bak"]);
        let backup = StateFile::new(file.backup_path());
        assert_eq!(backup.load().unwrap(), Some(sample("1.0.0")));
        assert_eq!(file.load().unwrap(), Some(sample("2.0.0")));
    }

    #[test]
    fn the_backup_can_be_made_by_copying() {
        let dir = scratch("backup-copy");
        let file = StateFile::new(dir.join("state.json"));
        file.save(&sample("1.0.0")).unwrap();
        file.save(&sample("2.0.0")).unwrap();
        file.copy_to_backup(&dir, b"copied\n").unwrap();
        assert_eq!(fs::read(file.backup_path()).unwrap(), b"copied\n");
        assert_eq!(listing(&dir), ["state.json", "state.json.bak"]);
    }

    #[test]
    fn a_corrupt_file_is_an_error_naming_the_backup_and_is_left_alone() {
        let dir = scratch("corrupt");
        let file = StateFile::new(dir.join("state.json"));
        file.save(&sample("1.0.0")).unwrap();
        file.save(&sample("2.0.0")).unwrap();
        let full = fs::read(file.path()).unwrap();
        fs::write(file.path(), &full[..full.len() / 2]).unwrap();
        let broken = fs::read(file.path()).unwrap();
        let backup = fs::read(file.backup_path()).unwrap();

        let err = file.load().unwrap_err();
        let StateError::Corrupt {
            path,
            backup: named,
            ..
        } = &err
        else {
            panic!("expected Corrupt, got {err:?}");
        };
        assert_eq!(path, file.path());
        assert_eq!(named.as_deref(), Some(file.backup_path().as_path()));
        let message = err.to_string();
        for part in [
            &format!(
                "the plugin state file '{}' is corrupt (",
                file.path().display()
            ),
            "it was left as it is",
            &format!(
                "The last good state is in '{}'",
                file.backup_path().display()
            ),
            "copy it over the broken file",
            "move the broken file away to start with no plugins",
        ] {
            assert!(message.contains(part), "{message:?} lacks {part:?}");
        }

        assert_eq!(fs::read(file.path()).unwrap(), broken);
        assert_eq!(fs::read(file.backup_path()).unwrap(), backup);
        assert_eq!(listing(&dir), ["state.json", "state.json.bak"]);
    }

    #[test]
    fn a_corrupt_file_without_backup_says_so() {
        let dir = scratch("corrupt-alone");
        let file = StateFile::new(dir.join("state.json"));
        fs::write(file.path(), b"not json").unwrap();
        let err = file.load().unwrap_err();
        assert!(
            matches!(err, StateError::Corrupt { backup: None, .. }),
            "{err:?}"
        );
        let message = err.to_string();
        assert!(message.contains("There is no backup"), "{message}");
        assert!(
            message.contains("move it away to start with no plugins"),
            "{message}"
        );
        assert_eq!(fs::read(file.path()).unwrap(), b"not json");
    }

    #[test]
    fn a_valid_json_file_that_is_not_a_state_is_corrupt() {
        let dir = scratch("not-a-state");
        let file = StateFile::new(dir.join("state.json"));
        fs::write(
            file.path(),
            br#"{"format": 1, "plugins": {"x": {"version": 3}}}"#,
        )
        .unwrap();
        assert!(matches!(file.load(), Err(StateError::Corrupt { .. })));
    }

    #[test]
    fn another_format_is_unsupported() {
        let dir = scratch("format");
        let file = StateFile::new(dir.join("state.json"));
        // A later format may have another shape; the format is still named.
        fs::write(file.path(), br#"{"format": 2, "plugins": []}"#).unwrap();
        let err = file.load().unwrap_err();
        assert!(
            matches!(
                err,
                StateError::UnsupportedFormat {
                    found: 2,
                    supported: 1,
                    ..
                }
            ),
            "{err:?}"
        );
        assert_eq!(
            err.to_string(),
            format!(
                "the plugin state file '{}' is in state format 2 but this host reads format 1; use a newer host or move the file away",
                file.path().display()
            )
        );
        assert_eq!(
            fs::read(file.path()).unwrap(),
            br#"{"format": 2, "plugins": []}"#
        );
    }

    #[test]
    fn saving_over_a_corrupt_file_keeps_the_last_good_backup() {
        let dir = scratch("save-over-corrupt");
        let file = StateFile::new(dir.join("state.json"));
        file.save(&sample("1.0.0")).unwrap();
        file.save(&sample("2.0.0")).unwrap();
        fs::write(file.path(), b"{").unwrap();
        file.save(&sample("3.0.0")).unwrap();
        assert_eq!(file.load().unwrap(), Some(sample("3.0.0")));
        let backup = StateFile::new(file.backup_path());
        assert_eq!(backup.load().unwrap(), Some(sample("1.0.0")));
    }

    #[test]
    fn a_save_into_an_unwritable_location_fails_and_changes_nothing() {
        let dir = scratch("unwritable");
        let blocker = dir.join("blocker");
        fs::write(&blocker, b"a file, not a directory").unwrap();
        let file = StateFile::new(blocker.join("state.json"));
        let err = file.save(&sample("1.0.0")).unwrap_err();
        let StateError::Io { path, action, .. } = &err else {
            panic!("expected Io, got {err:?}");
        };
        assert_eq!((path.as_path(), *action), (blocker.as_path(), CREATE_DIR));
        assert!(err.to_string().contains("was left as it was"), "{err}");
        assert_eq!(fs::read(&blocker).unwrap(), b"a file, not a directory");
        assert_eq!(listing(&dir), ["blocker"]);
    }

    #[test]
    fn a_failed_save_leaves_the_old_file_and_no_temp_files() {
        let dir = scratch("failed-save");
        let file = StateFile::new(dir.join("state.json"));
        file.save(&sample("1.0.0")).unwrap();
        let old = fs::read(file.path()).unwrap();
        // A non-empty directory where the backup goes cannot be renamed over.
        fs::create_dir_all(file.backup_path().join("occupied")).unwrap();

        let err = file.save(&sample("2.0.0")).unwrap_err();
        let StateError::Io { path, action, .. } = &err else {
            panic!("expected Io, got {err:?}");
        };
        assert_eq!((path.clone(), *action), (file.backup_path(), REPLACE));
        assert_eq!(fs::read(file.path()).unwrap(), old);
        assert_eq!(listing(&dir), ["state.json", "state.json.bak"]);
    }

    #[test]
    fn save_removes_temp_files_left_by_other_processes_only() {
        let dir = scratch("stale");
        let file = StateFile::new(dir.join("state.json"));
        let other = std::process::id().wrapping_add(1);
        let stale = format!(".state.json.{other}-3.tmp");
        let own = format!(".state.json.{}-999999.tmp", std::process::id());
        for name in [
            &stale,
            &own,
            ".state.json.notes.tmp",
            ".state.json.1-x.tmp",
            "other.json",
        ] {
            fs::write(dir.join(name), b"x").unwrap();
        }
        file.save(&sample("1.0.0")).unwrap();
        let mut kept = vec![
            ".state.json.1-x.tmp".to_owned(),
            ".state.json.notes.tmp".to_owned(),
            own,
            "other.json".to_owned(),
            "state.json".to_owned(),
        ];
        kept.sort();
        assert_eq!(listing(&dir), kept);
        assert_eq!(file.load().unwrap(), Some(sample("1.0.0")));
    }

    #[test]
    fn temp_names_are_recognised_strictly() {
        let file = StateFile::new("/x/state.json");
        let name = file.temp_name(42, 7);
        assert_eq!(name, ".state.json.42-7.tmp");
        assert_eq!(file.temp_owner(&name), Some(42));
        for other in [
            ".state.json.42-.tmp",
            ".state.json.-7.tmp",
            ".state.json.4a-7.tmp",
            ".state.json.1-2.3-4.tmp",
            "state.json.42-7.tmp",
            ".state.json.42-7.tmp.bak",
            ".other.json.42-7.tmp",
        ] {
            assert_eq!(file.temp_owner(OsStr::new(other)), None, "{other}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_state_that_cannot_be_written_as_json_fails_before_touching_files() {
        use std::os::unix::ffi::OsStrExt;

        let dir = scratch("not-utf8");
        let file = StateFile::new(dir.join("state.json"));
        file.save(&sample("1.0.0")).unwrap();
        let mut state = sample("2.0.0");
        state.plugins.get_mut("greeter").unwrap().library =
            Some(PathBuf::from(OsStr::from_bytes(b"/opt/\xff.so")));
        let err = file.save(&state).unwrap_err();
        assert!(
            matches!(
                err,
                StateError::Io {
                    action: SERIALIZE,
                    ..
                }
            ),
            "{err:?}"
        );
        assert!(err.to_string().contains("valid UTF-8"), "{err}");
        assert_eq!(file.load().unwrap(), Some(sample("1.0.0")));
        assert_eq!(listing(&dir), ["state.json"]);
    }

    #[test]
    fn a_relative_path_saves_in_the_current_directory() {
        let file = StateFile::new("state.json");
        assert_eq!(file.dir(), Path::new("."));
        assert_eq!(file.backup_path(), Path::new("state.json.bak"));
    }

    #[test]
    fn checksums_match_known_digests() {
        let dir = scratch("checksum");
        let abc = dir.join("abc");
        fs::write(&abc, b"abc").unwrap();
        assert_eq!(
            checksum_file(&abc).unwrap(),
            "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        let empty = dir.join("empty");
        fs::write(&empty, b"").unwrap();
        assert_eq!(
            checksum_file(&empty).unwrap(),
            "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );

        // Several chunks, the last one partial.
        let big: Vec<u8> = (0..200_003u32).map(|i| (i % 251) as u8).collect();
        let path = dir.join("big");
        fs::write(&path, &big).unwrap();
        assert_eq!(
            checksum_file(&path).unwrap(),
            format!("sha256:{:x}", Sha256::digest(&big))
        );

        let missing = checksum_file(&dir.join("missing")).unwrap_err();
        assert_eq!(missing.kind(), io::ErrorKind::NotFound);
    }
}
