/// What the host was doing with a plugin when something went wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Operation {
    /// Creating an instance.
    Create,
    /// The install hook.
    Install,
    /// The activate hook.
    Activate,
    /// The deactivate hook.
    Deactivate,
    /// The uninstall hook.
    Uninstall,
    /// The config-changed hook.
    ConfigChanged,
    /// A command, by name.
    Call(String),
    /// Describing the configuration (schema and defaults).
    DescribeConfig,
    /// Destroying an instance.
    Destroy,
    /// Saving state before a hot reload.
    SaveState,
    /// Restoring state after a hot reload.
    RestoreState,
    /// Delivering an event, by topic.
    Event(String),
    /// Running a hook point, by name.
    Hook(String),
    /// Answering a call to a service the plugin provides.
    Serve {
        /// The service.
        service: String,
        /// The method.
        method: String,
    },
}

impl std::fmt::Display for Operation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Operation::Create => f.write_str("create"),
            Operation::Install => f.write_str("install"),
            Operation::Activate => f.write_str("activate"),
            Operation::Deactivate => f.write_str("deactivate"),
            Operation::Uninstall => f.write_str("uninstall"),
            Operation::ConfigChanged => f.write_str("config change"),
            Operation::Call(command) => write!(f, "command '{command}'"),
            Operation::DescribeConfig => f.write_str("config description"),
            Operation::Destroy => f.write_str("destroy"),
            Operation::SaveState => f.write_str("state saving"),
            Operation::RestoreState => f.write_str("state restoring"),
            Operation::Event(topic) => write!(f, "event '{topic}'"),
            Operation::Hook(point) => write!(f, "hook point '{point}'"),
            Operation::Serve { service, method } => {
                write!(f, "service '{service}' method '{method}'")
            }
        }
    }
}
