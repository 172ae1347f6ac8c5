//! Files that appear whole or not at all: written to a temp file in the
//! target's directory, synced, then renamed (or linked) into place, with the
//! directory synced after. Used for package libraries, registry files and
//! the registry index; the manager's state file has its own, stricter
//! scheme with a backup (`manager/state_file.rs`).

use std::ffi::OsString;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// Numbers temp files, so that names stay unique within this process.
static NEXT_TEMP: AtomicU64 = AtomicU64::new(0);

/// A temp file next to where it will end up, removed when dropped unless it
/// was put in place.
pub(crate) struct TempFile {
    path: PathBuf,
    file: File,
    placed: bool,
}

impl TempFile {
    /// A new empty temp file in `dir` (created if missing), named after
    /// `target_name` so that a leftover says what it was for.
    pub(crate) fn new_in(dir: &Path, target_name: &str) -> io::Result<TempFile> {
        fs::create_dir_all(dir)?;
        let mut taken = 0;
        loop {
            let n = NEXT_TEMP.fetch_add(1, Ordering::Relaxed);
            let mut name = OsString::from(".");
            name.push(target_name);
            name.push(format!(".{}-{n}.partial", std::process::id()));
            let path = dir.join(name);
            match OpenOptions::new().write(true).create_new(true).open(&path) {
                Ok(file) => {
                    return Ok(TempFile {
                        path,
                        file,
                        placed: false,
                    });
                }
                // A process that died with this process id left it behind.
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists && taken < 1000 => taken += 1,
                Err(e) => return Err(e),
            }
        }
    }

    /// The temp file's path.
    pub(crate) fn path(&self) -> &Path {
        &self.path
    }

    /// The open file, to write to.
    pub(crate) fn file(&mut self) -> &mut File {
        &mut self.file
    }

    /// Syncs the file and renames it to `target`, replacing what is there.
    pub(crate) fn replace(mut self, target: &Path) -> io::Result<()> {
        self.file.sync_all()?;
        fs::rename(&self.path, target)?;
        self.placed = true;
        sync_parent(target)
    }

    /// Syncs the file and puts it at `target`, which must not exist: an
    /// existing file there is an `AlreadyExists` error and stays as it was.
    /// On an error the temp file is kept, so another name can be tried.
    pub(crate) fn place_new(&mut self, target: &Path) -> io::Result<()> {
        self.file.sync_all()?;
        match fs::hard_link(&self.path, target) {
            // The link is the new file; dropping the temp file removes the
            // temp name.
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => return Err(e),
            // No hard links on this file system: check, then rename. Only a
            // concurrent writer of the same name could slip in between.
            Err(_) => {
                if target.exists() {
                    return Err(io::Error::new(
                        io::ErrorKind::AlreadyExists,
                        "the file exists already",
                    ));
                }
                fs::rename(&self.path, target)?;
                self.placed = true;
            }
        }
        sync_parent(target)
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        if !self.placed {
            // Nothing more can be done about a temp file that cannot be
            // removed; it is named so that it is never mistaken for a result.
            let _ = fs::remove_file(&self.path);
        }
    }
}

/// Replaces `target` with `bytes`, atomically.
pub(crate) fn write_atomically(target: &Path, bytes: &[u8]) -> io::Result<()> {
    let (dir, name) = split(target);
    let mut temp = TempFile::new_in(dir, &name)?;
    temp.file().write_all(bytes)?;
    temp.replace(target)
}

/// The directory and file name of `path`.
pub(crate) fn split(path: &Path) -> (&Path, String) {
    let dir = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .map_or_else(|| "file".to_owned(), |n| n.to_string_lossy().into_owned());
    (dir, name)
}

/// Makes a rename in `path`'s directory durable.
#[cfg(unix)]
fn sync_parent(path: &Path) -> io::Result<()> {
    File::open(split(path).0)?.sync_all()
}

/// Directories cannot be opened as files here; renames are made durable by
/// the file system itself.
#[cfg(not(unix))]
fn sync_parent(_path: &Path) -> io::Result<()> {
    Ok(())
}
