//! The documents a specification is made of: the root file and every file
//! its `$ref`s reach.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde_json::Value;

use super::location::Location;
use super::node::Node;
use super::pointer::JsonPointer;

/// Index of a document in [`Documents`].
pub(crate) type DocId = usize;

/// One parsed file (or text).
#[derive(Debug)]
pub(crate) struct Document {
    /// The name errors use.
    pub(crate) name: Arc<str>,
    /// The canonical path, if the document came from a file.
    pub(crate) path: Option<PathBuf>,
    pub(crate) value: Value,
}

/// All documents read so far; the first is the root.
#[derive(Debug)]
pub(crate) struct Documents {
    docs: Vec<Document>,
}

impl Documents {
    pub(crate) fn new(root: Document) -> Self {
        Self { docs: vec![root] }
    }

    pub(crate) fn root(&self) -> Node<'_> {
        let document = &self.docs[0];
        Node {
            value: &document.value,
            doc: 0,
            loc: Location::new(Arc::clone(&document.name), JsonPointer::root()),
        }
    }

    /// The node at `pointer` in document `doc`, if it exists.
    pub(crate) fn node(&self, doc: DocId, pointer: JsonPointer) -> Option<Node<'_>> {
        let document = self.docs.get(doc)?;
        let value = pointer.resolve(&document.value)?;
        Some(Node {
            value,
            doc,
            loc: Location::new(Arc::clone(&document.name), pointer),
        })
    }

    pub(crate) fn get(&self, doc: DocId) -> &Document {
        &self.docs[doc]
    }

    /// The document read from `path` (canonical), if it has been read.
    pub(crate) fn find(&self, path: &Path) -> Option<DocId> {
        self.docs
            .iter()
            .position(|doc| doc.path.as_deref() == Some(path))
    }

    /// The name a file gets in messages: its path relative to the root
    /// document's folder when it lies below it, else its full path.
    pub(crate) fn display_name(&self, path: &Path) -> String {
        let root_dir = self.docs[0].path.as_deref().and_then(Path::parent);
        root_dir
            .and_then(|dir| path.strip_prefix(dir).ok())
            .unwrap_or(path)
            .display()
            .to_string()
    }

    pub(crate) fn add(&mut self, document: Document) -> DocId {
        self.docs.push(document);
        self.docs.len() - 1
    }
}
