use std::fmt;

/// A credential's value. `Debug` and `Display` print `[redacted]`; the value
/// is reached only through [`expose`](Secret::expose).
///
/// ```
/// let secret = plugin_host::Secret::new("sk_test_123");
/// assert_eq!(format!("{secret} {secret:?}"), "[redacted] Secret([redacted])");
/// assert_eq!(secret.expose(), "sk_test_123");
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// A secret holding `value`.
    pub fn new(value: impl Into<String>) -> Secret {
        Secret(value.into())
    }

    /// The value itself, for the one place that hands it on.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret([redacted])")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}
