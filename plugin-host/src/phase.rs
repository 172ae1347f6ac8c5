use crate::Operation;

/// Where an instance is in its lifecycle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Phase {
    /// Created, not installed yet.
    Created,
    /// Installed, never activated.
    Installed,
    /// Active: commands may run.
    Active,
    /// Deactivated; may be activated again or uninstalled.
    Inactive,
    /// Uninstalled; may be installed again.
    Uninstalled,
}

impl Phase {
    /// The phase `operation` leads to from this one, or a hint saying what
    /// has to happen first.
    pub(crate) fn after(self, operation: &Operation) -> Result<Phase, &'static str> {
        use Phase::*;
        match (operation, self) {
            (Operation::Install, Created | Uninstalled) => Ok(Installed),
            (Operation::Install, _) => Err("it is installed already"),
            (Operation::Activate, Installed | Inactive) => Ok(Active),
            (Operation::Activate, Active) => Err("it is active already"),
            (Operation::Activate, _) => Err("install it first"),
            (Operation::Deactivate, Active) => Ok(Inactive),
            (Operation::Deactivate, _) => Err("it is not active"),
            (Operation::Uninstall, Installed | Inactive) => Ok(Uninstalled),
            (Operation::Uninstall, Active) => Err("deactivate it first"),
            (Operation::Uninstall, _) => Err("it is not installed"),
            (Operation::Call(_), Active) => Ok(Active),
            (Operation::Call(_), _) => Err("activate it first"),
            (Operation::Event(_) | Operation::Hook(_) | Operation::Serve { .. }, Active) => {
                Ok(Active)
            }
            (Operation::Event(_) | Operation::Hook(_) | Operation::Serve { .. }, _) => {
                Err("activate it first")
            }
            (Operation::RestoreState, Installed | Inactive) => Ok(self),
            (Operation::RestoreState, _) => {
                Err("restore state into an installed instance before activating it")
            }
            (_, phase) => Ok(phase),
        }
    }
}

impl std::fmt::Display for Phase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Phase::Created => "created",
            Phase::Installed => "installed",
            Phase::Active => "active",
            Phase::Inactive => "inactive",
            Phase::Uninstalled => "uninstalled",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::Phase::*;
    use crate::Operation;

    #[test]
    fn the_lifecycle_order() {
        assert_eq!(Created.after(&Operation::Install), Ok(Installed));
        assert_eq!(Installed.after(&Operation::Activate), Ok(Active));
        assert_eq!(Active.after(&Operation::Call("x".into())), Ok(Active));
        assert_eq!(Active.after(&Operation::Deactivate), Ok(Inactive));
        assert_eq!(Inactive.after(&Operation::Activate), Ok(Active));
        assert_eq!(Inactive.after(&Operation::Uninstall), Ok(Uninstalled));
        assert_eq!(Uninstalled.after(&Operation::Install), Ok(Installed));
        assert_eq!(Created.after(&Operation::Activate), Err("install it first"));
        assert_eq!(
            Installed.after(&Operation::Call("x".into())),
            Err("activate it first")
        );
        assert_eq!(
            Active.after(&Operation::Uninstall),
            Err("deactivate it first")
        );
        assert_eq!(Inactive.after(&Operation::ConfigChanged), Ok(Inactive));
    }
}
