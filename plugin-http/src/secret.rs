use std::fmt;

/// What [`Secret`]'s `Debug` and `Display` print instead of the value.
pub const REDACTED: &str = "[redacted]";

/// A credential value: an API key, a token, a password.
///
/// `Debug` and `Display` print `[redacted]`, it has no `Serialize`, and this
/// crate's errors and logs never contain it: the only way to the value is
/// [`expose`](Secret::expose), whose name makes every use easy to find.
///
/// ```
/// use plugin_http::Secret;
///
/// let key = Secret::new("sk_test_123");
/// assert_eq!(format!("{key}"), "[redacted]");
/// assert_eq!(format!("{key:?}"), "Secret([redacted])");
/// assert_eq!(key.expose(), "sk_test_123");
/// ```
///
/// It keeps secrets out of output; it does not wipe memory on drop.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct Secret(String);

impl Secret {
    /// A secret holding `value`.
    pub fn new(value: impl Into<String>) -> Secret {
        Secret(value.into())
    }

    /// The empty secret, such as the password of HTTP basic authentication
    /// with an API key as the user name.
    pub fn empty() -> Secret {
        Secret(String::new())
    }

    /// The value itself. Pass it only to where it is used (a header, a
    /// token request), never to a message or a log.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// Whether the value is empty.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Secret {
        Secret(value)
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Secret {
        Secret(value.to_owned())
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Secret({REDACTED})")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(REDACTED)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_and_display_never_show_the_value() {
        let secret = Secret::new("sk_live_abcdef");
        for shown in [
            format!("{secret}"),
            format!("{secret:?}"),
            format!("{secret:#?}"),
            format!("{:?}", Some(&secret)),
            format!("{:?}", vec![secret.clone()]),
        ] {
            assert!(!shown.contains("sk_live"), "{shown}");
            assert!(shown.contains(REDACTED), "{shown}");
        }
        assert_eq!(secret.expose(), "sk_live_abcdef");
        assert!(Secret::empty().is_empty());
    }
}
