//! Rust's keywords, and how a name that is one is escaped.

/// Keywords that can be written as raw identifiers (`r#type`).
const RAW_ABLE: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do", "dyn",
    "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let",
    "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return",
    "static", "struct", "trait", "true", "try", "type", "typeof", "unsafe", "unsized", "use",
    "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers; they get a trailing underscore.
const NOT_RAW_ABLE: &[&str] = &["self", "Self", "super", "crate", "_"];

/// Whether `name` is a Rust keyword (strict or reserved, edition 2024).
pub fn is_keyword(name: &str) -> bool {
    RAW_ABLE.contains(&name) || NOT_RAW_ABLE.contains(&name)
}

/// Escapes a keyword so it can stand as an identifier: `type` becomes
/// `r#type`, and the few keywords that cannot be raw (`self`, `Self`,
/// `super`, `crate`) get a trailing underscore (`self_`). Any other name is
/// returned unchanged.
///
/// ```
/// use plugin_gen::naming::escape_keyword;
/// assert_eq!(escape_keyword("type"), "r#type");
/// assert_eq!(escape_keyword("self"), "self_");
/// assert_eq!(escape_keyword("kind"), "kind");
/// ```
pub fn escape_keyword(name: &str) -> String {
    if RAW_ABLE.contains(&name) {
        format!("r#{name}")
    } else if NOT_RAW_ABLE.contains(&name) {
        format!("{name}_")
    } else {
        name.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_every_kind_of_keyword() {
        assert_eq!(escape_keyword("type"), "r#type");
        assert_eq!(escape_keyword("gen"), "r#gen");
        assert_eq!(escape_keyword("async"), "r#async");
        assert_eq!(escape_keyword("crate"), "crate_");
        assert_eq!(escape_keyword("Self"), "Self_");
        assert_eq!(escape_keyword("types"), "types");
        assert!(is_keyword("match"));
        assert!(!is_keyword("Match"));
    }
}
