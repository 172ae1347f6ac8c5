use std::io;
use std::path::PathBuf;

/// A credential store that could not be read or written. No variant holds
/// a credential's value.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CredentialError {
    /// The credentials file can be read or written by others than its owner.
    #[error(
        "the credentials file {} can be accessed by group or others (mode {mode:03o}); run `chmod 600 {}` and try again",
        path.display(),
        path.display()
    )]
    Permissions {
        /// The file.
        path: PathBuf,
        /// Its permission bits.
        mode: u32,
    },
    /// Reading, writing or renaming the file failed.
    #[error("could not {action} the credentials file {}: {source}", path.display())]
    Io {
        /// The file (or its temporary sibling).
        path: PathBuf,
        /// What was being done: `read`, `write`, `replace`.
        action: &'static str,
        /// The error.
        source: io::Error,
    },
    /// The file is not valid TOML.
    #[error(
        "the credentials file {} is not valid TOML at line {line}: {message}; fix that line, or move the file away and store the credentials again",
        path.display()
    )]
    Syntax {
        /// The file.
        path: PathBuf,
        /// The line of the error (1-based).
        line: usize,
        /// The parser's message (it never quotes the file).
        message: String,
    },
    /// The file is TOML but not a table of plugins holding string values.
    #[error(
        "the credentials file {} {problem}; it holds one table per plugin with string values, such as [stripe] api_key = \"...\"",
        path.display()
    )]
    Format {
        /// The file.
        path: PathBuf,
        /// What is wrong, such as `has 'stripe.api_key' as an integer`.
        problem: String,
    },
    /// An environment variable holds bytes that are not UTF-8.
    #[error("the environment variable {variable} is not valid UTF-8; set it again as text")]
    NotUnicode {
        /// The variable.
        variable: String,
    },
    /// A credential name that breaks the rules.
    #[error("{0}")]
    InvalidName(String),
}
