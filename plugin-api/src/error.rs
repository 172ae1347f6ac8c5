use crate::abi::Status;

/// What kind of failure a [`PluginError`] is; it travels across the boundary
/// as a [`Status`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The plugin failed to do what was asked.
    Failed,
    /// The plugin panicked.
    Panicked,
    /// Command arguments or a service request were invalid.
    InvalidInput,
    /// No command of that name exists.
    UnknownCommand,
    /// The configuration was rejected.
    InvalidConfig,
    /// A service or resource is not available.
    Unavailable,
}

impl ErrorKind {
    /// The status that carries this kind across the boundary.
    pub const fn status(self) -> Status {
        match self {
            ErrorKind::Failed => Status::FAILED,
            ErrorKind::Panicked => Status::PANICKED,
            ErrorKind::InvalidInput => Status::INVALID_INPUT,
            ErrorKind::UnknownCommand => Status::UNKNOWN_COMMAND,
            ErrorKind::InvalidConfig => Status::INVALID_CONFIG,
            ErrorKind::Unavailable => Status::UNAVAILABLE,
        }
    }

    /// The kind a status stands for; `None` for [`Status::OK`]. A status this
    /// version does not know reads as [`ErrorKind::Failed`].
    pub const fn from_status(status: Status) -> Option<ErrorKind> {
        Some(match status {
            Status::OK => return None,
            Status::PANICKED => ErrorKind::Panicked,
            Status::INVALID_INPUT => ErrorKind::InvalidInput,
            Status::UNKNOWN_COMMAND => ErrorKind::UnknownCommand,
            Status::INVALID_CONFIG => ErrorKind::InvalidConfig,
            Status::UNAVAILABLE => ErrorKind::Unavailable,
            _ => ErrorKind::Failed,
        })
    }
}

/// An error a plugin returns from a hook or a command, or receives from a host
/// service.
///
/// The message should say what went wrong and what to do about it; it reaches
/// the host, and often a person, unchanged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PluginError {
    kind: ErrorKind,
    message: String,
}

impl PluginError {
    /// An error of the given kind.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        PluginError {
            kind,
            message: message.into(),
        }
    }

    /// The plugin failed to do what was asked.
    pub fn failed(message: impl Into<String>) -> Self {
        PluginError::new(ErrorKind::Failed, message)
    }

    /// Command arguments or a request were invalid.
    pub fn invalid_input(message: impl Into<String>) -> Self {
        PluginError::new(ErrorKind::InvalidInput, message)
    }

    /// The configuration was rejected.
    pub fn invalid_config(message: impl Into<String>) -> Self {
        PluginError::new(ErrorKind::InvalidConfig, message)
    }

    /// A service or resource is not available.
    pub fn unavailable(message: impl Into<String>) -> Self {
        PluginError::new(ErrorKind::Unavailable, message)
    }

    /// No command called `command`; `known` lists the ones that exist.
    pub fn unknown_command(command: &str, known: &[&str]) -> Self {
        let message = if known.is_empty() {
            format!("unknown command '{command}': this plugin has no commands")
        } else {
            format!(
                "unknown command '{command}'; the commands are: {}",
                known.join(", ")
            )
        };
        PluginError::new(ErrorKind::UnknownCommand, message)
    }

    /// What kind of error this is.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The message.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl std::fmt::Display for PluginError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for PluginError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip_through_status() {
        for kind in [
            ErrorKind::Failed,
            ErrorKind::Panicked,
            ErrorKind::InvalidInput,
            ErrorKind::UnknownCommand,
            ErrorKind::InvalidConfig,
            ErrorKind::Unavailable,
        ] {
            assert_eq!(ErrorKind::from_status(kind.status()), Some(kind));
        }
        assert_eq!(ErrorKind::from_status(Status::OK), None);
        assert_eq!(ErrorKind::from_status(Status(999)), Some(ErrorKind::Failed));
    }

    #[test]
    fn unknown_command_lists_the_known_ones() {
        let e = PluginError::unknown_command("grete", &["greet", "count"]);
        assert_eq!(
            e.to_string(),
            "unknown command 'grete'; the commands are: greet, count"
        );
    }
}
