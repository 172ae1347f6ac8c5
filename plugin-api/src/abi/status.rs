/// The outcome of a call across the boundary.
///
/// A plain `u32` rather than a Rust enum, so that a value this side does not
/// know (from a newer library) is still a valid value: it reads as an error of
/// an unknown kind. With every status but [`Status::OK`], the callee has
/// written a UTF-8 error message into the call's error buffer.
#[repr(transparent)]
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Status(pub u32);

impl Status {
    /// The call succeeded.
    pub const OK: Status = Status(0);
    /// The plugin reported a failure.
    pub const FAILED: Status = Status(1);
    /// The plugin panicked; the message is the panic's.
    pub const PANICKED: Status = Status(2);
    /// The input (command arguments, a service request) was invalid.
    pub const INVALID_INPUT: Status = Status(3);
    /// The plugin has no command by that name.
    pub const UNKNOWN_COMMAND: Status = Status(4);
    /// The configuration was rejected.
    pub const INVALID_CONFIG: Status = Status(5);
    /// A service or resource the plugin needed is not available.
    pub const UNAVAILABLE: Status = Status(6);

    /// Whether this is [`Status::OK`].
    pub const fn is_ok(self) -> bool {
        self.0 == Status::OK.0
    }
}

impl std::fmt::Debug for Status {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let name = match *self {
            Status::OK => "OK",
            Status::FAILED => "FAILED",
            Status::PANICKED => "PANICKED",
            Status::INVALID_INPUT => "INVALID_INPUT",
            Status::UNKNOWN_COMMAND => "UNKNOWN_COMMAND",
            Status::INVALID_CONFIG => "INVALID_CONFIG",
            Status::UNAVAILABLE => "UNAVAILABLE",
            Status(other) => return write!(f, "Status({other})"),
        };
        f.write_str(name)
    }
}
