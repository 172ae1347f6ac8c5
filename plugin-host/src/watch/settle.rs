//! When a changed file has settled: editors, compilers and linkers write a
//! file in several steps, so a change counts only once the file has stopped
//! changing for a while.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

/// What is compared to tell whether a file is still being written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Snapshot {
    len: u64,
    modified: Option<SystemTime>,
}

impl Snapshot {
    /// The file's size and modification time; `None` if it is missing.
    pub(crate) fn of(path: &Path) -> Option<Snapshot> {
        let metadata = std::fs::metadata(path).ok()?;
        Some(Snapshot {
            len: metadata.len(),
            modified: metadata.modified().ok(),
        })
    }
}

/// What happens to a changed path that has gone missing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum WhenMissing {
    /// Keep waiting for it to come back: a library between being removed
    /// and written again cannot be loaded.
    Wait,
    /// Report it once settled: a deleted source file is a change.
    Report,
}

#[derive(Debug)]
struct Entry {
    /// The last event for the path, or the last time its snapshot changed.
    changed_at: Instant,
    snapshot: Option<Snapshot>,
    when_missing: WhenMissing,
}

/// The paths that changed and have not settled yet.
#[derive(Debug, Default)]
pub(crate) struct Pending {
    entries: BTreeMap<PathBuf, Entry>,
}

impl Pending {
    /// Records a change of `path` at `now`.
    pub(crate) fn changed(
        &mut self,
        path: PathBuf,
        now: Instant,
        snapshot: Option<Snapshot>,
        when_missing: WhenMissing,
    ) {
        let entry = self.entries.entry(path).or_insert(Entry {
            changed_at: now,
            snapshot,
            when_missing,
        });
        entry.changed_at = now;
        entry.snapshot = snapshot;
    }

    /// Whether nothing is waiting to settle.
    pub(crate) fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Takes out the paths that have not changed for `quiet` up to `now`,
    /// judged by their events and by `snapshot`, which reads a path's size
    /// and modification time (or `None` for a missing path).
    pub(crate) fn take_settled(
        &mut self,
        now: Instant,
        quiet: Duration,
        snapshot: impl Fn(&Path) -> Option<Snapshot>,
    ) -> Vec<PathBuf> {
        let mut settled = Vec::new();
        for (path, entry) in &mut self.entries {
            let current = snapshot(path);
            if current != entry.snapshot {
                entry.snapshot = current;
                entry.changed_at = now;
                continue;
            }
            let quiet_long_enough = now.saturating_duration_since(entry.changed_at) >= quiet;
            let present = current.is_some() || entry.when_missing == WhenMissing::Report;
            if quiet_long_enough && present {
                settled.push(path.clone());
            }
        }
        for path in &settled {
            self.entries.remove(path);
        }
        settled
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const QUIET: Duration = Duration::from_millis(100);

    fn snap(len: u64) -> Option<Snapshot> {
        Some(Snapshot {
            len,
            modified: None,
        })
    }

    #[test]
    fn a_file_settles_once_quiet_and_unchanged() {
        let start = Instant::now();
        let mut pending = Pending::default();
        pending.changed("lib.so".into(), start, snap(10), WhenMissing::Wait);
        let ms = |n| start + Duration::from_millis(n);
        assert!(pending.take_settled(ms(50), QUIET, |_| snap(10)).is_empty());
        // Still growing: the clock starts again.
        assert!(
            pending
                .take_settled(ms(120), QUIET, |_| snap(20))
                .is_empty()
        );
        assert!(
            pending
                .take_settled(ms(200), QUIET, |_| snap(20))
                .is_empty()
        );
        assert_eq!(
            pending.take_settled(ms(221), QUIET, |_| snap(20)),
            [PathBuf::from("lib.so")]
        );
        assert!(pending.is_empty(), "a settled path is reported once");
    }

    #[test]
    fn a_new_event_restarts_the_clock() {
        let start = Instant::now();
        let ms = |n| start + Duration::from_millis(n);
        let mut pending = Pending::default();
        pending.changed("lib.so".into(), start, snap(10), WhenMissing::Wait);
        pending.changed("lib.so".into(), ms(90), snap(10), WhenMissing::Wait);
        assert!(
            pending
                .take_settled(ms(150), QUIET, |_| snap(10))
                .is_empty()
        );
        assert_eq!(pending.take_settled(ms(190), QUIET, |_| snap(10)).len(), 1);
    }

    #[test]
    fn a_missing_library_is_waited_for_but_a_deleted_source_is_reported() {
        let start = Instant::now();
        let later = start + Duration::from_secs(1);
        let mut pending = Pending::default();
        pending.changed("lib.so".into(), start, None, WhenMissing::Wait);
        pending.changed("src/old.rs".into(), start, None, WhenMissing::Report);
        assert_eq!(
            pending.take_settled(later, QUIET, |_| None),
            [PathBuf::from("src/old.rs")]
        );
        assert!(!pending.is_empty(), "the library is still awaited");
        let appeared = later + Duration::from_millis(10);
        assert!(
            pending
                .take_settled(appeared, QUIET, |_| snap(5))
                .is_empty()
        );
        assert_eq!(
            pending.take_settled(appeared + QUIET, QUIET, |_| snap(5)),
            [PathBuf::from("lib.so")]
        );
    }
}
