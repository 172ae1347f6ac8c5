//! A generated crate, in memory, and writing it to a directory.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::{Component, Path, PathBuf};

use super::emit::Manifest;
use super::error::GenError;

/// The file a generation writes into its output directory, listing the
/// files it wrote. Its presence marks the directory as one the generator
/// may write again.
pub const MARKER_FILE: &str = ".plugin-gen";

const MARKER_HEADER: &str = "# Written by plugin-gen: the files of this generated crate, one per line.\n\
# The next generation into this directory replaces them and removes those it no longer writes.\n";

/// What [`GeneratedCrate::write_to_with`] may do to a directory that holds
/// files already.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum WriteMode {
    /// Write into an empty (or missing) directory, or into one a previous
    /// generation wrote (it has [`MARKER_FILE`]); refuse anything else.
    #[default]
    Fresh,
    /// Write even into a directory that a generation did not write:
    /// files of the same names are replaced, other files are left alone.
    Overwrite,
}

/// A generated crate: its files by path relative to the crate's root.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GeneratedCrate {
    files: BTreeMap<PathBuf, String>,
    manifest: Option<Manifest>,
}

impl GeneratedCrate {
    /// A crate of these files; adds [`MARKER_FILE`] listing them.
    pub(crate) fn new(mut files: BTreeMap<PathBuf, String>, manifest: Option<Manifest>) -> Self {
        let mut marker = String::from(MARKER_HEADER);
        for path in files.keys() {
            marker.push_str(&slash_path(path));
            marker.push('\n');
        }
        files.insert(PathBuf::from(MARKER_FILE), marker);
        Self { files, manifest }
    }

    /// Every file, by path relative to the crate's root (`Cargo.toml`,
    /// `src/lib.rs`, ...), [`MARKER_FILE`] included. The same
    /// specification and options always give the same files, byte for
    /// byte.
    pub fn files(&self) -> &BTreeMap<PathBuf, String> {
        &self.files
    }

    /// Writes the crate into `dir` with [`WriteMode::Fresh`]: `dir` must be
    /// empty, missing, or the output of an earlier generation. With
    /// [`SdkSource::Path`](super::SdkSource::Path) holding an absolute path,
    /// `Cargo.toml`'s path dependencies are written relative to `dir` (so
    /// the crate and the SDK can move together). Files whose
    /// content is unchanged are not touched (so cargo does not rebuild
    /// them); files an earlier generation wrote and this one does not are
    /// removed; other files (`target/`, `Cargo.lock`) are left alone. Each
    /// file is written to a temporary file and renamed into place.
    ///
    /// # Errors
    ///
    /// [`GenError::NotGenerated`] for a directory with other content,
    /// [`GenError::Io`] for a file that cannot be written.
    pub fn write_to(&self, dir: impl AsRef<Path>) -> Result<(), GenError> {
        self.write_to_with(dir, WriteMode::Fresh)
    }

    /// As [`write_to`](Self::write_to), with a choice of what to do with a
    /// directory that holds other files.
    ///
    /// # Errors
    ///
    /// As [`write_to`](Self::write_to).
    pub fn write_to_with(&self, dir: impl AsRef<Path>, mode: WriteMode) -> Result<(), GenError> {
        let dir = dir.as_ref();
        let io = |path: &Path| {
            let path = path.to_owned();
            move |source| GenError::Io { path, source }
        };
        std::fs::create_dir_all(dir).map_err(io(dir))?;
        let marker = dir.join(MARKER_FILE);
        let previous = match std::fs::read_to_string(&marker) {
            Ok(text) => listed_files(&text),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                let empty = std::fs::read_dir(dir).map_err(io(dir))?.next().is_none();
                if !empty && mode == WriteMode::Fresh {
                    return Err(GenError::NotGenerated {
                        dir: dir.to_owned(),
                        marker: MARKER_FILE,
                    });
                }
                BTreeSet::new()
            }
            Err(error) => return Err(io(&marker)(error)),
        };
        for (relative, content) in &self.files {
            if relative.as_os_str() == MARKER_FILE {
                continue;
            }
            match &self.manifest {
                Some(manifest) if relative.as_os_str() == "Cargo.toml" => {
                    write_if_changed(&dir.join(relative), &manifest.render(Some(dir)))?;
                }
                _ => write_if_changed(&dir.join(relative), content)?,
            }
        }
        for stale in previous.difference(&self.files.keys().cloned().collect()) {
            let path = dir.join(stale);
            match std::fs::remove_file(&path) {
                Ok(()) => remove_empty_parents(dir, &path),
                Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
                Err(error) => return Err(io(&path)(error)),
            }
        }
        write_if_changed(&marker, &self.files[Path::new(MARKER_FILE)])
    }
}

/// The paths a marker lists; anything that is not a plain relative path
/// is ignored, so a doctored marker cannot make a generation delete files
/// outside its directory.
fn listed_files(marker: &str) -> BTreeSet<PathBuf> {
    marker
        .lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .map(PathBuf::from)
        .filter(|path| path.components().all(|c| matches!(c, Component::Normal(_))))
        .collect()
}

fn write_if_changed(path: &Path, content: &str) -> Result<(), GenError> {
    let io = |source| GenError::Io {
        path: path.to_owned(),
        source,
    };
    if std::fs::read(path).is_ok_and(|old| old == content.as_bytes()) {
        return Ok(());
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(io)?;
    }
    let mut temporary = path.as_os_str().to_owned();
    temporary.push(".tmp");
    let temporary = PathBuf::from(temporary);
    let mut file = std::fs::File::create(&temporary).map_err(io)?;
    file.write_all(content.as_bytes()).map_err(io)?;
    file.sync_all().map_err(io)?;
    drop(file);
    std::fs::rename(&temporary, path).map_err(io)
}

/// Removes the directories between `path` and `root` that are left empty.
fn remove_empty_parents(root: &Path, path: &Path) {
    let mut current = path.parent();
    while let Some(dir) = current {
        if dir == root || std::fs::remove_dir(dir).is_err() {
            break;
        }
        current = dir.parent();
    }
}

/// A relative path with `/` separators, as the marker lists it.
fn slash_path(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn krate(files: &[(&str, &str)]) -> GeneratedCrate {
        GeneratedCrate::new(
            files
                .iter()
                .map(|(p, c)| (PathBuf::from(p), (*c).to_owned()))
                .collect(),
            None,
        )
    }

    fn scratch(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("plugin-gen-output-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        dir
    }

    #[test]
    fn the_marker_lists_every_file() {
        let generated = krate(&[("src/lib.rs", "fn a() {}\n"), ("Cargo.toml", "[package]\n")]);
        let marker = &generated.files()[Path::new(MARKER_FILE)];
        assert!(marker.ends_with("Cargo.toml\nsrc/lib.rs\n"), "{marker}");
        assert_eq!(
            listed_files(marker),
            BTreeSet::from([PathBuf::from("Cargo.toml"), PathBuf::from("src/lib.rs")])
        );
        assert!(listed_files("../escape\n/abs\nok\n").contains(Path::new("ok")));
        assert_eq!(listed_files("../escape\n/abs\n").len(), 0);
    }

    #[test]
    fn rewrites_its_own_output_and_removes_stale_files() {
        let dir = scratch("rewrite");
        krate(&[("src/a.rs", "a"), ("src/old/b.rs", "b")])
            .write_to(&dir)
            .unwrap();
        std::fs::write(dir.join("Cargo.lock"), "kept").unwrap();
        krate(&[("src/a.rs", "a2")]).write_to(&dir).unwrap();
        assert_eq!(std::fs::read_to_string(dir.join("src/a.rs")).unwrap(), "a2");
        assert!(
            !dir.join("src/old").exists(),
            "the emptied directory is removed"
        );
        assert_eq!(
            std::fs::read_to_string(dir.join("Cargo.lock")).unwrap(),
            "kept"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn refuses_a_directory_it_did_not_write_unless_told() {
        let dir = scratch("refuse");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("notes.txt"), "mine").unwrap();
        let generated = krate(&[("src/lib.rs", "")]);
        let error = generated.write_to(&dir).unwrap_err();
        assert!(matches!(error, GenError::NotGenerated { .. }), "{error}");
        assert!(!dir.join("src").exists(), "nothing was written");
        generated.write_to_with(&dir, WriteMode::Overwrite).unwrap();
        assert!(dir.join("src/lib.rs").is_file());
        assert_eq!(
            std::fs::read_to_string(dir.join("notes.txt")).unwrap(),
            "mine"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
