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
        }
    }
}
