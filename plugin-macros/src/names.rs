//! The rules for plugin names, shared by a plugin's own name, the names it
//! depends on and the names it conflicts with.

/// The longest name allowed, in characters.
pub(crate) const MAX_LEN: usize = 64;

/// The rules in one sentence, for messages.
pub(crate) const RULES: &str = "a plugin name has 1 to 64 characters: lowercase ASCII letters, digits, `-` and `_`, starting with a letter";

/// Checks `name` against the rules; the error says which rule it breaks and,
/// when there is an obvious fix, suggests it.
pub(crate) fn check(name: &str) -> Result<(), String> {
    let broken = if name.is_empty() {
        "it is empty".to_owned()
    } else if name.chars().count() > MAX_LEN {
        format!(
            "it is {} characters long, more than {MAX_LEN}",
            name.chars().count()
        )
    } else if let Some(bad) = name.chars().find(|&c| !is_name_char(c)) {
        let what = if bad.is_ascii_uppercase() {
            "an uppercase letter"
        } else {
            "a character names cannot hold"
        };
        format!("it contains {bad:?}, {what}")
    } else if let Some(first) = name.chars().next().filter(|c| !c.is_ascii_lowercase()) {
        format!("it starts with {first:?} instead of a lowercase letter")
    } else {
        return Ok(());
    };
    let hint = suggestion(name)
        .map(|s| format!("; try `{s}`"))
        .unwrap_or_default();
    Err(format!("{broken}; {RULES}{hint}"))
}

/// A valid name derived from a type name (`HelloWorld` gives `hello-world`),
/// for telling a user what to write.
pub(crate) fn from_type_name(type_name: &str) -> String {
    let mut name = String::new();
    for (i, c) in type_name.trim_start_matches("r#").chars().enumerate() {
        if c.is_ascii_uppercase() && i > 0 && !name.ends_with(['-', '_']) {
            name.push('-');
        }
        name.push(c.to_ascii_lowercase());
    }
    let name = suggestion(&name).unwrap_or(name);
    if is_valid(&name) {
        name
    } else {
        "my-plugin".to_owned()
    }
}

fn is_name_char(c: char) -> bool {
    c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_'
}

/// `name` with its letters lowercased and other characters it cannot hold
/// replaced by `-`, if that makes it valid. Fixes that would change more
/// than spelling, such as dropping a leading digit, are left to the user.
fn suggestion(name: &str) -> Option<String> {
    let fixed: String = name
        .chars()
        .map(|c| c.to_ascii_lowercase())
        .map(|c| if is_name_char(c) { c } else { '-' })
        .collect();
    (is_valid(&fixed) && fixed != name).then_some(fixed)
}

fn is_valid(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= MAX_LEN
        && name.chars().all(is_name_char)
        && name.starts_with(|c: char| c.is_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_valid_names() {
        for name in ["a", "hello", "hello-world", "x_1", &"a".repeat(MAX_LEN)] {
            assert_eq!(check(name), Ok(()), "{name}");
        }
    }

    #[test]
    fn says_which_rule_is_broken() {
        assert!(check("").unwrap_err().starts_with("it is empty;"));
        assert!(
            check(&"a".repeat(65))
                .unwrap_err()
                .starts_with("it is 65 characters long, more than 64;")
        );
        let upper = check("Hello").unwrap_err();
        assert!(
            upper.starts_with("it contains 'H', an uppercase letter;"),
            "{upper}"
        );
        assert!(upper.ends_with("try `hello`"), "{upper}");
        let space = check("my plugin").unwrap_err();
        assert!(
            space.starts_with("it contains ' ', a character names cannot hold;"),
            "{space}"
        );
        assert!(space.ends_with("try `my-plugin`"), "{space}");
        let digit = check("1password").unwrap_err();
        assert!(
            digit.starts_with("it starts with '1' instead of a lowercase letter;"),
            "{digit}"
        );
        assert!(!digit.contains("try"), "{digit}");
        assert!(!check(&"a".repeat(65)).unwrap_err().contains("try"));
        assert!(!check("-").unwrap_err().contains("try"));
    }

    #[test]
    fn derives_names_from_type_names() {
        assert_eq!(from_type_name("Greeter"), "greeter");
        assert_eq!(from_type_name("HelloWorld"), "hello-world");
        assert_eq!(from_type_name("r#Http2Proxy"), "http2-proxy");
        assert_eq!(from_type_name("My_Plugin"), "my_plugin");
        assert_eq!(from_type_name("_Hidden"), "my-plugin");
    }
}
