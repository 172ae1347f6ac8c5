//! What the generator reports while it works.

use std::fmt;
use std::path::PathBuf;

/// One step of a generation, in the order they happen. A front end can
/// show [`Progress::Emitting`] and [`Progress::Formatting`] as progress
/// bars (`done` of `total`); `Display` gives a one-line description.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Progress {
    /// Reading and checking the specification.
    Loading {
        /// The specification's file.
        path: PathBuf,
    },
    /// Building the model: resources, operations, types.
    Modelling,
    /// Planning the crate: features, modules, credentials.
    Planning {
        /// How many resources (and so features) the crate has.
        resources: usize,
        /// How many types it declares.
        types: usize,
    },
    /// Writing Rust source, one module after another.
    Emitting {
        /// Modules written so far.
        done: usize,
        /// Modules in all.
        total: usize,
    },
    /// Formatting the Rust files with prettyplease.
    Formatting {
        /// Files formatted so far.
        done: usize,
        /// Files in all.
        total: usize,
    },
    /// Done: the crate is complete in memory.
    Finished {
        /// How many files it has.
        files: usize,
    },
}

impl fmt::Display for Progress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Loading { path } => write!(f, "loading {}", path.display()),
            Self::Modelling => f.write_str("modelling resources, operations and types"),
            Self::Planning { resources, types } => {
                write!(f, "planning {resources} resources and {types} types")
            }
            Self::Emitting { done, total } => write!(f, "emitting modules ({done}/{total})"),
            Self::Formatting { done, total } => write!(f, "formatting files ({done}/{total})"),
            Self::Finished { files } => write!(f, "generated {files} files"),
        }
    }
}
