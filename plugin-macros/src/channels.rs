//! The rules for the names plugins meet each other by: services, event
//! topics and hook points. The host checks the same rules.

/// The longest name allowed, in characters.
const MAX_LEN: usize = 128;

/// The rules in one sentence, for messages.
const RULES: &str = "such names have 1 to 128 characters: segments of lowercase ASCII letters, digits, `-` and `_`, separated by single dots";

/// Checks a service, topic or hook point name; with `wildcard`, a topic
/// subscription that may also be `*` or end in `.*`.
pub(crate) fn check(name: &str, wildcard: bool) -> Result<(), String> {
    let body = if wildcard {
        if name == "*" {
            return Ok(());
        }
        name.strip_suffix(".*").unwrap_or(name)
    } else {
        name
    };
    let broken = if body.is_empty() {
        "it is empty".to_owned()
    } else if name.chars().count() > MAX_LEN {
        format!(
            "it is {} characters long, more than {MAX_LEN}",
            name.chars().count()
        )
    } else if let Some(bad) = body
        .chars()
        .find(|&c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '-' | '_' | '.')))
    {
        format!("it contains {bad:?}")
    } else if body.split('.').any(str::is_empty) {
        "it has an empty segment (a leading, trailing or double dot)".to_owned()
    } else {
        return Ok(());
    };
    let wildcard_rule = if wildcard {
        "; a subscription may also be `*` (every topic) or end in `.*` (every topic below a prefix)"
    } else {
        ""
    };
    Err(format!("{broken}; {RULES}{wildcard_rule}"))
}

#[cfg(test)]
mod tests {
    use super::check;

    #[test]
    fn dotted_names_and_wildcards() {
        assert!(check("billing.invoices", false).is_ok());
        assert!(check("pre_parse", false).is_ok());
        assert!(check("orders.*", true).is_ok());
        assert!(check("*", true).is_ok());
        assert!(check("orders.*", false).unwrap_err().contains("'*'"));
        assert!(check("Orders", false).unwrap_err().contains("'O'"));
        assert!(check("a..b", false).unwrap_err().contains("empty segment"));
        assert!(check("", true).unwrap_err().starts_with("it is empty"));
        assert!(check("orders*", true).is_err());
    }
}
