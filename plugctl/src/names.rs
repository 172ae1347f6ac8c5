//! The rules for plugin names, as `#[plugin(name = "...")]` enforces them,
//! and the Rust names `new` derives from a plugin name.

/// The longest name allowed, in characters.
const MAX_LEN: usize = 64;

/// The rules in one sentence, for messages.
const RULES: &str = "a plugin name has 1 to 64 characters: lowercase ASCII letters, digits, `-` and `_`, starting with a letter";

/// Checks `name`; the error says which rule it breaks, then the rules.
pub(crate) fn check(name: &str) -> Result<(), String> {
    let allowed = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_';
    let broken = if name.is_empty() {
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
    Err(format!("{broken}; {RULES}"))
}

/// The Rust type name for a valid plugin name: its words (split at `-` and
/// `_`) capitalised and joined, then `suffix`, as in `my-cache` and
/// `"Plugin"` giving `MyCachePlugin`. The suffix keeps the name clear of
/// the names the generated code uses (`Plugin`, `Option`, `Self`, ...).
pub(crate) fn type_name(name: &str, suffix: &str) -> String {
    let mut type_name: String = name
        .split(['-', '_'])
        .flat_map(|word| {
            let mut chars = word.chars();
            chars
                .next()
                .map(|first| first.to_ascii_uppercase())
                .into_iter()
                .chain(chars)
        })
        .collect();
    type_name.push_str(suffix);
    type_name
}

/// The file cargo builds for the cdylib of crate `name` on this platform.
pub(crate) fn library_file(name: &str) -> String {
    format!(
        "{}{}{}",
        std::env::consts::DLL_PREFIX,
        name.replace('-', "_"),
        std::env::consts::DLL_SUFFIX
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_valid_names() {
        for name in ["a", "demo", "my-plugin", "my_plugin2", &"x".repeat(64)] {
            assert_eq!(check(name), Ok(()), "{name}");
        }
    }

    #[test]
    fn names_the_broken_rule() {
        let cases = [
            ("", "it is empty"),
            (&"x".repeat(65), "it has 65 characters"),
            ("Demo", "it contains 'D', an uppercase letter"),
            (
                "my plugin",
                "it contains ' ', a character names cannot hold",
            ),
            ("1st", "it does not start with a letter"),
            ("-x", "it does not start with a letter"),
        ];
        for (name, broken) in cases {
            let message = check(name).unwrap_err();
            assert!(message.starts_with(&format!("{broken}; ")), "{message}");
            assert!(message.ends_with(RULES), "{message}");
        }
    }

    #[test]
    fn type_names_capitalise_each_word() {
        assert_eq!(type_name("demo", "Plugin"), "DemoPlugin");
        assert_eq!(type_name("my-cache_v2", "Config"), "MyCacheV2Config");
        assert_eq!(type_name("a__b", ""), "AB");
    }
}
