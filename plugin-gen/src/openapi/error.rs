//! Everything that can be wrong with a specification.

use std::path::PathBuf;

use super::location::Location;
use super::syntax::Format;

/// Why a specification could not be read. Every variant says where (a file
/// and line, or a [`Location`] with a JSON pointer), what was wrong, and
/// what to do about it.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SpecError {
    /// The file could not be read.
    #[error("cannot read '{}': {source}; check that the file exists and is readable", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// What the operating system said.
        source: std::io::Error,
    },
    /// The text is not valid JSON or YAML.
    #[error("{file}:{line}:{column}: invalid {format}: {message}; fix the document there")]
    Syntax {
        /// The file's name.
        file: String,
        /// The syntax it was read as.
        format: Format,
        /// 1-based line of the error.
        line: usize,
        /// 1-based column of the error.
        column: usize,
        /// What the parser said.
        message: String,
    },
    /// The document is not OpenAPI 3.0 or 3.1.
    #[error("{at}: unsupported OpenAPI version '{found}'; {hint}")]
    UnsupportedVersion {
        /// Where the version is (or should be).
        at: Location,
        /// The version found.
        found: String,
        /// What to do.
        hint: &'static str,
    },
    /// A value of the wrong JSON type.
    #[error("{at}: expected {expected}, found {found}; write {expected} there")]
    WrongType {
        /// Where.
        at: Location,
        /// What OpenAPI requires there.
        expected: &'static str,
        /// The JSON type found.
        found: &'static str,
    },
    /// A required field is missing.
    #[error("{at}: the required field '{field}' is missing; add it")]
    Missing {
        /// The object that lacks the field.
        at: Location,
        /// The field's name.
        field: &'static str,
    },
    /// A value that OpenAPI does not allow there.
    #[error("{at}: {message}")]
    Invalid {
        /// Where.
        at: Location,
        /// What is wrong and what to do.
        message: String,
    },
    /// A construct this generator does not handle.
    #[error("{at}: {construct} is not supported; {hint}")]
    Unsupported {
        /// Where.
        at: Location,
        /// The construct.
        construct: String,
        /// What to do instead.
        hint: String,
    },
    /// A `$ref` whose target does not exist or cannot be read.
    #[error(
        "{at}: $ref '{reference}' does not resolve: {reason}; point it at an existing definition"
    )]
    UnresolvedRef {
        /// The `$ref`'s location.
        at: Location,
        /// The reference as written.
        reference: String,
        /// Why it does not resolve.
        reason: String,
    },
    /// A `$ref` to a remote document (`http://`, `https://`).
    #[error(
        "{at}: $ref '{reference}' points to a remote document, which is never fetched; download it next to the specification and refer to it by a relative path"
    )]
    RemoteRef {
        /// The `$ref`'s location.
        at: Location,
        /// The reference as written.
        reference: String,
    },
    /// A chain of `$ref`s that comes back to where it started.
    #[error(
        "{at}: $ref '{reference}' leads back to itself without reaching a definition; point one reference of the chain at a definition"
    )]
    RefCycle {
        /// Where the chain starts.
        at: Location,
        /// The reference as written.
        reference: String,
    },
    /// Schemas nested deeper than the generator follows.
    #[error(
        "{at}: schemas are nested more than {limit} levels deep; move inner schemas into components/schemas and refer to them"
    )]
    TooDeep {
        /// The innermost location read.
        at: Location,
        /// The limit.
        limit: usize,
    },
}

impl SpecError {
    /// The location the error names, if it names one (all but [`SpecError::Io`]
    /// and [`SpecError::Syntax`], which name a file and a line).
    pub fn location(&self) -> Option<&Location> {
        match self {
            Self::Io { .. } | Self::Syntax { .. } => None,
            Self::UnsupportedVersion { at, .. }
            | Self::WrongType { at, .. }
            | Self::Missing { at, .. }
            | Self::Invalid { at, .. }
            | Self::Unsupported { at, .. }
            | Self::UnresolvedRef { at, .. }
            | Self::RemoteRef { at, .. }
            | Self::RefCycle { at, .. }
            | Self::TooDeep { at, .. } => Some(at),
        }
    }
}
