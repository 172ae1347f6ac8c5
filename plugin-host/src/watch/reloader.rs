//! Hot-reloading plugin libraries when their files change.

use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::time::Duration;

use super::{Snapshot, WatchError, Watcher};
use crate::{PluginManager, ReloadError, ReloadReport, ReloadStep};

/// Watches the library files of a [`PluginManager`]'s plugins and reloads a
/// library once its file has changed and settled: see
/// [`PluginManager::reload`]. The application polls it (or hands it a
/// callback with [`run`](Self::run)); nothing it meets panics, every
/// failure comes back as a [`ReloadEvent`].
///
/// It watches every library whose running build the manager knows (see
/// [`PluginManager::reloadable_libraries`]), including ones loaded after
/// the reloader was made. A file that settles but still cannot be loaded
/// because it changed again meanwhile is retried once it settles anew.
///
/// ```no_run
/// use std::time::Duration;
/// use plugin_host::{Host, PluginManager, ReloadEvent, Reloader};
///
/// let mut manager = PluginManager::new(Host::new("1.0.0".parse().unwrap()));
/// manager.load_reloadable("target/debug/libmy_plugin.so").unwrap();
/// manager.install("my-plugin", None).unwrap();
/// manager.activate("my-plugin").unwrap();
/// let mut reloader = Reloader::new(&manager, Duration::from_millis(300)).unwrap();
/// loop {
///     for event in reloader.wait(&mut manager, Duration::from_secs(1)) {
///         match event {
///             ReloadEvent::Reloaded(report) => println!("reloaded {}", report.library.display()),
///             ReloadEvent::Failed { error, .. } => eprintln!("{error}"),
///             _ => {}
///         }
///     }
/// }
/// ```
#[derive(Debug)]
pub struct Reloader {
    watcher: Watcher,
}

/// What a [`Reloader`] did about one change.
#[derive(Debug)]
#[non_exhaustive]
pub enum ReloadEvent {
    /// A library was reloaded.
    Reloaded(ReloadReport),
    /// A library's file was touched, but its content is the build running.
    Unchanged {
        /// The library file.
        library: PathBuf,
    },
    /// Reloading a library failed; its old build keeps running (as the
    /// error says).
    Failed {
        /// The library file.
        library: PathBuf,
        /// Why.
        error: ReloadError,
    },
    /// Watching failed; the reloader goes on with what it can still see.
    WatchFailed(WatchError),
}

impl Reloader {
    /// A reloader for `manager`'s libraries that waits until a changed file
    /// has been quiet for `quiet`.
    ///
    /// # Errors
    ///
    /// [`WatchError`] if the files cannot be watched.
    pub fn new(manager: &PluginManager, quiet: Duration) -> Result<Reloader, WatchError> {
        let mut reloader = Reloader {
            watcher: Watcher::new(quiet)?,
        };
        reloader.follow(manager)?;
        Ok(reloader)
    }

    /// Reloads the libraries whose files have settled since the last call,
    /// without waiting.
    pub fn poll(&mut self, manager: &mut PluginManager) -> Vec<ReloadEvent> {
        let settled = self.follow(manager).and_then(|()| self.watcher.poll());
        self.handle(manager, settled)
    }

    /// Waits up to `timeout` for library files to settle, reloads them and
    /// returns what happened (nothing if the time ran out).
    pub fn wait(&mut self, manager: &mut PluginManager, timeout: Duration) -> Vec<ReloadEvent> {
        let settled = self
            .follow(manager)
            .and_then(|()| self.watcher.wait(timeout));
        self.handle(manager, settled)
    }

    /// Reloads libraries as their files change, calling `on_event` with
    /// each outcome, until it returns [`ControlFlow::Break`].
    pub fn run(
        &mut self,
        manager: &mut PluginManager,
        mut on_event: impl FnMut(&ReloadEvent) -> ControlFlow<()>,
    ) {
        loop {
            for event in self.wait(manager, Duration::from_secs(1)) {
                if on_event(&event).is_break() {
                    return;
                }
            }
        }
    }

    /// Watches the manager's libraries that are not watched yet.
    fn follow(&mut self, manager: &PluginManager) -> Result<(), WatchError> {
        for library in manager.reloadable_libraries() {
            if !self.watcher.is_watched(&library) {
                self.watcher.watch_file(&library)?;
            }
        }
        Ok(())
    }

    fn handle(
        &mut self,
        manager: &mut PluginManager,
        settled: Result<Vec<PathBuf>, WatchError>,
    ) -> Vec<ReloadEvent> {
        let settled = match settled {
            Ok(settled) => settled,
            Err(error) => return vec![ReloadEvent::WatchFailed(error)],
        };
        settled
            .into_iter()
            .filter_map(|library| self.reload(manager, library))
            .collect()
    }

    fn reload(&mut self, manager: &mut PluginManager, library: PathBuf) -> Option<ReloadEvent> {
        let plugin = manager
            .host()
            .plugins()
            .find(|info| info.source.path() == Some(library.as_path()))?
            .name
            .clone();
        let before = Snapshot::of(&library);
        match manager.reload_if_changed(&plugin) {
            Ok(Some(report)) => Some(ReloadEvent::Reloaded(report)),
            Ok(None) => Some(ReloadEvent::Unchanged { library }),
            Err(error) if still_being_written(&error, &library, before) => {
                self.watcher.recheck(&library);
                None
            }
            Err(error) => Some(ReloadEvent::Failed { library, error }),
        }
    }
}

/// Whether a reload failed to read or load a file that has changed since:
/// a writer paused longer than the quiet period.
fn still_being_written(error: &ReloadError, library: &Path, before: Option<Snapshot>) -> bool {
    matches!(error.step(), ReloadStep::Copy | ReloadStep::Load) && Snapshot::of(library) != before
}
