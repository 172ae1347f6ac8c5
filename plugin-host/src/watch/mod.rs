//! Watching files for changes, reporting each once it has settled, and the
//! [`Reloader`] that hot-reloads libraries when their files change.

mod reloader;
mod settle;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher as _};

pub use reloader::{ReloadEvent, Reloader};
pub(crate) use settle::Snapshot;
use settle::{Pending, WhenMissing};

/// How often [`Watcher::wait`] looks at pending files between events.
const TICK: Duration = Duration::from_millis(25);

/// Watches files and directory trees and reports the paths that changed,
/// each once it has settled: no event and no change of size or
/// modification time for the watcher's quiet period.
///
/// A watched file's directory is watched rather than the file itself, so a
/// file replaced by a rename (as linkers and `cargo` do) stays watched. A
/// watched file that goes missing is waited for, not reported.
///
/// ```no_run
/// use std::time::Duration;
/// use plugin_host::Watcher;
///
/// let mut watcher = Watcher::new(Duration::from_millis(300)).unwrap();
/// watcher.watch_file("target/debug/libmy_plugin.so").unwrap();
/// loop {
///     for path in watcher.wait(Duration::from_secs(1)).unwrap() {
///         println!("{} changed", path.display());
///     }
/// }
/// ```
pub struct Watcher {
    watcher: RecommendedWatcher,
    events: Receiver<notify::Result<notify::Event>>,
    quiet: Duration,
    files: BTreeSet<PathBuf>,
    trees: BTreeSet<PathBuf>,
    watched_dirs: BTreeSet<PathBuf>,
    pending: Pending,
}

/// Why watching failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum WatchError {
    /// The system's file watching refused or failed.
    #[error(
        "could not watch {} for changes ({source}); check that it exists and that the system's limit on watched files is not reached",
        path.as_deref().map_or_else(|| "the files".to_owned(), |p| format!("'{}'", p.display()))
    )]
    Notify {
        /// The path being watched, when the error is about one.
        path: Option<PathBuf>,
        /// The error.
        source: notify::Error,
    },
}

impl Watcher {
    /// A watcher that reports a change once the path has been quiet for
    /// `quiet` (a few hundred milliseconds suits editors and linkers).
    ///
    /// # Errors
    ///
    /// [`WatchError::Notify`] if the system's file watching is unavailable.
    pub fn new(quiet: Duration) -> Result<Watcher, WatchError> {
        let (sender, events) = mpsc::channel();
        let watcher = notify::recommended_watcher(sender)
            .map_err(|source| WatchError::Notify { path: None, source })?;
        Ok(Watcher {
            watcher,
            events,
            quiet,
            files: BTreeSet::new(),
            trees: BTreeSet::new(),
            watched_dirs: BTreeSet::new(),
            pending: Pending::default(),
        })
    }

    /// Watches the file at `path`, which need not exist yet (its directory
    /// must).
    ///
    /// # Errors
    ///
    /// [`WatchError::Notify`] if its directory cannot be watched.
    pub fn watch_file(&mut self, path: impl AsRef<Path>) -> Result<(), WatchError> {
        let path = crate::library::absolute(path.as_ref());
        let dir = path.parent().unwrap_or(Path::new("/")).to_path_buf();
        if !self.watched_dirs.contains(&dir) && !self.in_tree(&dir) {
            self.watch_path(&dir, RecursiveMode::NonRecursive)?;
            self.watched_dirs.insert(dir);
        }
        self.files.insert(path);
        Ok(())
    }

    /// Watches every file under the directory `dir`, at any depth.
    ///
    /// # Errors
    ///
    /// [`WatchError::Notify`] if the directory cannot be watched.
    pub fn watch_tree(&mut self, dir: impl AsRef<Path>) -> Result<(), WatchError> {
        let dir = crate::library::absolute(dir.as_ref());
        if !self.trees.contains(&dir) {
            self.watch_path(&dir, RecursiveMode::Recursive)?;
            self.trees.insert(dir);
        }
        Ok(())
    }

    /// Whether `path` is watched, as a file or inside a tree.
    pub fn is_watched(&self, path: &Path) -> bool {
        self.files.contains(path) || self.in_tree(path)
    }

    /// The changed paths that have settled since the last call, without
    /// waiting.
    ///
    /// # Errors
    ///
    /// [`WatchError::Notify`] for an error the system reported, such as
    /// lost events; the paths still pending are reported by later calls.
    pub fn poll(&mut self) -> Result<Vec<PathBuf>, WatchError> {
        while let Ok(event) = self.events.try_recv() {
            self.record(event)?;
        }
        Ok(self.take_settled())
    }

    /// Waits up to `timeout` for changed paths to settle and returns them
    /// (none if the time ran out).
    ///
    /// # Errors
    ///
    /// As [`poll`](Self::poll).
    pub fn wait(&mut self, timeout: Duration) -> Result<Vec<PathBuf>, WatchError> {
        let deadline = Instant::now() + timeout;
        loop {
            let settled = self.poll()?;
            let now = Instant::now();
            if !settled.is_empty() || now >= deadline {
                return Ok(settled);
            }
            let nap = if self.pending.is_empty() {
                deadline - now
            } else {
                TICK.min(deadline - now)
            };
            match self.events.recv_timeout(nap) {
                Ok(event) => self.record(event)?,
                Err(RecvTimeoutError::Timeout) => {}
                // The sender lives in `self.watcher`, so it is never gone
                // while `self` is alive.
                Err(RecvTimeoutError::Disconnected) => return Ok(Vec::new()),
            }
        }
    }

    /// Marks `path` changed as if an event had come for it: a caller that
    /// found a settled file unusable (still being written, after all) has it
    /// reported again once it settles anew.
    pub fn recheck(&mut self, path: &Path) {
        self.pending.changed(
            path.to_path_buf(),
            Instant::now(),
            Snapshot::of(path),
            WhenMissing::Wait,
        );
    }

    fn watch_path(&mut self, path: &Path, mode: RecursiveMode) -> Result<(), WatchError> {
        self.watcher
            .watch(path, mode)
            .map_err(|source| WatchError::Notify {
                path: Some(path.to_path_buf()),
                source,
            })
    }

    fn in_tree(&self, path: &Path) -> bool {
        self.trees.iter().any(|tree| path.starts_with(tree))
    }

    fn record(&mut self, event: notify::Result<notify::Event>) -> Result<(), WatchError> {
        let event = event.map_err(|source| WatchError::Notify {
            path: source.paths.first().cloned(),
            source,
        })?;
        if matches!(event.kind, EventKind::Access(_)) {
            return Ok(());
        }
        let now = Instant::now();
        for path in event.paths {
            let when_missing = if self.files.contains(&path) {
                WhenMissing::Wait
            } else if self.in_tree(&path) {
                WhenMissing::Report
            } else {
                continue;
            };
            let snapshot = Snapshot::of(&path);
            self.pending.changed(path, now, snapshot, when_missing);
        }
        Ok(())
    }

    fn take_settled(&mut self) -> Vec<PathBuf> {
        self.pending
            .take_settled(Instant::now(), self.quiet, Snapshot::of)
    }
}

impl std::fmt::Debug for Watcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Watcher")
            .field("quiet", &self.quiet)
            .field("files", &self.files)
            .field("trees", &self.trees)
            .finish_non_exhaustive()
    }
}
