//! How long operations (packing, extracting, hashing, loading) tell their
//! caller what they are doing, so a front end can show it. The library only
//! reports; drawing anything is the caller's business.

/// One stage of a long operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Step {
    /// Loading a library and reading its plugins' descriptors.
    Inspecting,
    /// Computing a file's SHA-256.
    Hashing,
    /// Compressing a library into a package.
    Packing,
    /// Reading a package and checking its manifest and checksum.
    Verifying,
    /// Writing a package's library out to a file.
    Extracting,
    /// Copying a file.
    Copying,
    /// Loading a library and checking it.
    Loading,
    /// Bringing plugins up again after a change (their activate hooks).
    Activating,
}

impl std::fmt::Display for Step {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Step::Inspecting => "reading the plugins",
            Step::Hashing => "hashing",
            Step::Packing => "packing",
            Step::Verifying => "verifying",
            Step::Extracting => "extracting",
            Step::Copying => "copying",
            Step::Loading => "loading",
            Step::Activating => "activating",
        })
    }
}

/// Receives the progress of a long operation.
///
/// Every method has an empty default, so an implementation overrides only
/// what it shows. `()` ignores everything.
///
/// ```
/// use plugin_host::{Progress, Step};
///
/// #[derive(Default)]
/// struct Log(Vec<Step>);
///
/// impl Progress for Log {
///     fn step(&mut self, step: Step, _total_bytes: Option<u64>) {
///         self.0.push(step);
///     }
/// }
/// ```
pub trait Progress {
    /// A new stage starts; `total_bytes` is how many bytes it goes through,
    /// when that is known.
    fn step(&mut self, step: Step, total_bytes: Option<u64>) {
        let _ = (step, total_bytes);
    }

    /// `bytes` more bytes of the current stage are done.
    fn advance(&mut self, bytes: u64) {
        let _ = bytes;
    }
}

impl Progress for () {}
