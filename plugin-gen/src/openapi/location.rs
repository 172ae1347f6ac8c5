//! Where in which document something is.

use std::fmt;
use std::sync::Arc;

use super::pointer::JsonPointer;

/// A place in a document: the file's name as the user gave it (or
/// `<input>` for text) and a JSON pointer into it. Displays as
/// `spec3.json#/paths/~1v1~1customers`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Location {
    file: Arc<str>,
    pointer: JsonPointer,
}

impl Location {
    /// A location in `file` at `pointer`.
    pub fn new(file: impl Into<Arc<str>>, pointer: JsonPointer) -> Self {
        Self {
            file: file.into(),
            pointer,
        }
    }

    /// The file's name.
    pub fn file(&self) -> &str {
        &self.file
    }

    /// The pointer inside the file.
    pub fn pointer(&self) -> &JsonPointer {
        &self.pointer
    }

    /// The location one level down.
    #[must_use]
    pub fn push(&self, token: &str) -> Self {
        Self {
            file: Arc::clone(&self.file),
            pointer: self.pointer.push(token),
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}#{}", self.file, self.pointer)
    }
}
