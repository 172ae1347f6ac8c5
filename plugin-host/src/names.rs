//! The rules for plugin names, as `#[plugin(name = "...")]` enforces them at
//! compile time; the host checks them again on every descriptor it reads.

/// The longest name allowed, in characters.
const MAX_LEN: usize = 64;

/// The rules in one sentence, for messages.
const RULES: &str = "a plugin name has 1 to 64 characters: lowercase ASCII letters, digits, `-` and `_`, starting with a letter";

/// A plugin name that breaks the naming rules.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid plugin name '{name}': {problem}; {RULES}")]
#[non_exhaustive]
pub struct InvalidPluginName {
    /// The name.
    pub name: String,
    /// Which rule it breaks, such as `it contains 'H', an uppercase letter`.
    pub problem: String,
}

/// Checks `name` against the rules for plugin names.
///
/// ```
/// assert!(plugin_host::check_plugin_name("my-cache_2").is_ok());
/// let error = plugin_host::check_plugin_name("MyCache").unwrap_err();
/// assert_eq!(error.problem, "it contains 'M', an uppercase letter");
/// ```
///
/// # Errors
///
/// [`InvalidPluginName`] saying which rule the name breaks.
pub fn check_plugin_name(name: &str) -> Result<(), InvalidPluginName> {
    let allowed = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_';
    let problem = if name.is_empty() {
        "it is empty".to_owned()
    } else if name.chars().count() > MAX_LEN {
        format!("it has {} characters", name.chars().count())
    } else if let Some(bad) = name.chars().find(|&c| !allowed(c)) {
        let what = if bad.is_ascii_uppercase() {
            "an uppercase letter"
        } else {
            "a character names cannot hold"
        };
        format!("it contains {bad:?}, {what}")
    } else if !name.starts_with(|c: char| c.is_ascii_lowercase()) {
        "it does not start with a letter".to_owned()
    } else {
        return Ok(());
    };
    Err(InvalidPluginName {
        name: name.to_owned(),
        problem,
    })
}

#[cfg(test)]
mod tests {
    use super::check_plugin_name;

    #[test]
    fn names_follow_the_rule() {
        assert!(check_plugin_name("hello-world_2").is_ok());
        for bad in ["", "Hello", "2fast", "-x", "a b", "é", &"a".repeat(65)] {
            assert!(check_plugin_name(bad).is_err(), "{bad:?} should be refused");
        }
        for (name, problem) in [
            ("", "it is empty"),
            (&"x".repeat(65), "it has 65 characters"),
            ("Demo", "it contains 'D', an uppercase letter"),
            (
                "my plugin",
                "it contains ' ', a character names cannot hold",
            ),
            ("-x", "it does not start with a letter"),
        ] {
            assert_eq!(
                check_plugin_name(name).unwrap_err().problem,
                problem,
                "{name:?}"
            );
        }
        assert!(check_plugin_name(&"x".repeat(64)).is_ok());
        assert_eq!(
            check_plugin_name("2fast").unwrap_err().to_string(),
            "invalid plugin name '2fast': it does not start with a letter; a plugin name has 1 to 64 characters: \
             lowercase ASCII letters, digits, `-` and `_`, starting with a letter"
        );
    }
}
