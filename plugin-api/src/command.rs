use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::PluginError;

/// One command call: its name and its input bytes (JSON by convention).
#[derive(Debug, Clone, Copy)]
pub struct Command<'a> {
    name: &'a str,
    input: &'a [u8],
}

impl<'a> Command<'a> {
    /// A command call; hosts and tests build these, plugins receive them.
    pub fn new(name: &'a str, input: &'a [u8]) -> Self {
        Command { name, input }
    }

    /// The command's name.
    pub fn name(&self) -> &'a str {
        self.name
    }

    /// The raw input bytes.
    pub fn input(&self) -> &'a [u8] {
        self.input
    }

    /// The input read as JSON into `T`; empty input reads as `null`.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidInput`](crate::ErrorKind::InvalidInput) naming the
    /// command and what was wrong with its arguments.
    pub fn args<T: DeserializeOwned>(&self) -> Result<T, PluginError> {
        read_json(self.input, || {
            format!("arguments for command '{}'", self.name)
        })
    }
}

/// Reads JSON bytes into `T`, empty input as `null`; `what` names the bytes
/// in the error.
pub(crate) fn read_json<T: DeserializeOwned>(
    bytes: &[u8],
    what: impl FnOnce() -> String,
) -> Result<T, PluginError> {
    let bytes: &[u8] = if bytes.iter().all(u8::is_ascii_whitespace) {
        b"null"
    } else {
        bytes
    };
    serde_json::from_slice(bytes)
        .map_err(|e| PluginError::invalid_input(format!("invalid {}: {e}", what())))
}

/// Serializes a command's result (or a service's input) as JSON.
///
/// # Errors
///
/// [`ErrorKind::Failed`](crate::ErrorKind::Failed) if the value cannot be
/// serialized, which happens only for maps with non-string keys and failing
/// `Serialize` implementations.
pub fn to_json<T: Serialize + ?Sized>(value: &T) -> Result<Vec<u8>, PluginError> {
    serde_json::to_vec(value)
        .map_err(|e| PluginError::failed(format!("could not serialize a value as JSON: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn args_reads_json_and_reports_bad_input() {
        let cmd = Command::new("add", br#"{"a":1}"#);
        let v: serde_json::Value = cmd.args().unwrap();
        assert_eq!(v["a"], 1);
        let err = Command::new("add", b"{")
            .args::<serde_json::Value>()
            .unwrap_err();
        assert!(
            err.message()
                .starts_with("invalid arguments for command 'add'"),
            "{err}"
        );
        let unit: Option<u8> = Command::new("x", b"  ").args().unwrap();
        assert_eq!(unit, None);
    }
}
