use std::path::{Path, PathBuf};

/// Where a plugin came from.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum PluginSource {
    /// Linked statically into the host binary.
    Static,
    /// Loaded from the library at this path.
    Library(PathBuf),
}

impl PluginSource {
    /// The library's path, for a loaded plugin.
    pub fn path(&self) -> Option<&Path> {
        match self {
            PluginSource::Static => None,
            PluginSource::Library(path) => Some(path),
        }
    }
}

impl std::fmt::Display for PluginSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PluginSource::Static => f.write_str("the host binary (linked statically)"),
            PluginSource::Library(path) => write!(f, "'{}'", path.display()),
        }
    }
}
