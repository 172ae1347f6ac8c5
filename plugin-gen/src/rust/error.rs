//! Everything that can stop a generation.

use std::path::PathBuf;

use crate::model::ModelError;
use crate::openapi::{Location, SpecError};

/// Why a crate could not be generated or written. Errors about the
/// specification name the file and JSON pointer ([`GenError::location`]).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum GenError {
    /// The specification could not be read.
    #[error(transparent)]
    Spec(#[from] SpecError),
    /// The specification could not be modelled.
    #[error(transparent)]
    Model(#[from] ModelError),
    /// A construct the Rust back end cannot turn into working code.
    #[error("{at}: {construct} is not supported by the Rust back end; {hint}")]
    Unsupported {
        /// Where in the specification.
        at: Location,
        /// What.
        construct: String,
        /// What to do instead.
        hint: String,
    },
    /// The options are not valid.
    #[error("invalid options: {message}")]
    Options {
        /// What is wrong and what would do.
        message: String,
    },
    /// Generated code did not parse, which is a bug in the generator.
    #[error(
        "the generated file {file} is not valid Rust ({message}); please report this as a plugin-gen bug"
    )]
    Internal {
        /// The file.
        file: PathBuf,
        /// The parser's message.
        message: String,
    },
    /// A file could not be read or written.
    #[error("cannot write {}: {source}", path.display())]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// What the operating system said.
        source: std::io::Error,
    },
    /// The output directory holds files that a generation did not write.
    #[error(
        "{} is not empty and was not written by plugin-gen (it has no {marker}); choose an empty directory, or overwrite it on purpose (WriteMode::Overwrite, `--force`)",
        dir.display()
    )]
    NotGenerated {
        /// The directory.
        dir: PathBuf,
        /// The marker file a generation leaves.
        marker: &'static str,
    },
}

impl GenError {
    /// The place in the specification the error is about, if it is about
    /// one (syntax errors name a line instead, I/O errors a file).
    pub fn location(&self) -> Option<&Location> {
        match self {
            Self::Spec(error) => error.location(),
            Self::Model(error) => Some(error.location()),
            Self::Unsupported { at, .. } => Some(at),
            Self::Options { .. }
            | Self::Internal { .. }
            | Self::Io { .. }
            | Self::NotGenerated { .. } => None,
        }
    }

    pub(crate) fn unsupported(
        at: &Location,
        construct: impl Into<String>,
        hint: impl Into<String>,
    ) -> Self {
        Self::Unsupported {
            at: at.clone(),
            construct: construct.into(),
            hint: hint.into(),
        }
    }
}
