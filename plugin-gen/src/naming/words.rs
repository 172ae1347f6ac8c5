//! Splitting arbitrary text into words.

/// How a symbol between words is treated.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Signs {
    /// Every symbol separates words and is otherwise dropped.
    Separate,
    /// `+` before a digit is spelled `Plus`, and `-` before a digit is
    /// spelled `Minus`: used where a sign tells two values apart
    /// (`Etc/GMT+0` and `Etc/GMT-0`).
    Spell,
}

/// Splits `text` into words: runs of ASCII letters and digits, broken at
/// symbols and at case changes (`fooBar` -> `foo`, `Bar`; `HTTPServer` ->
/// `HTTP`, `Server`; `x509Cert` -> `x509`, `Cert`; `3DSecure` -> `3D`,
/// `Secure`). Digits stay with the
/// letters before them (`int32`, `v1`). Non-ASCII characters separate words.
///
/// A leading `-` before a digit is always a sign and is spelled `Minus`; a
/// `+` before a digit is spelled `Plus`; a `-` before a digit elsewhere is
/// spelled `Minus` only under [`Signs::Spell`].
pub(crate) fn split_words(text: &str, signs: Signs) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut words = Vec::new();
    let mut current = String::new();
    for (i, &c) in chars.iter().enumerate() {
        let next = chars.get(i + 1).copied();
        if c.is_ascii_alphanumeric() {
            if let Some(prev) = current.chars().last()
                && starts_new_word(prev, c, next)
            {
                words.push(std::mem::take(&mut current));
            }
            current.push(c);
            continue;
        }
        if !current.is_empty() {
            words.push(std::mem::take(&mut current));
        }
        let before_digit = next.is_some_and(|n| n.is_ascii_digit());
        match c {
            '+' if before_digit => words.push("Plus".to_owned()),
            '-' if before_digit && (i == 0 || signs == Signs::Spell) => {
                words.push("Minus".to_owned());
            }
            _ => {}
        }
    }
    if !current.is_empty() {
        words.push(current);
    }
    words
}

fn starts_new_word(prev: char, c: char, next: Option<char>) -> bool {
    if !c.is_ascii_uppercase() {
        return false;
    }
    if prev.is_ascii_lowercase() {
        return true;
    }
    if prev.is_ascii_digit() {
        // `x509Cert` splits before `Cert`; `3DSecure` keeps `3D` together.
        return next.is_some_and(|n| n.is_ascii_lowercase());
    }
    prev.is_ascii_uppercase() && next.is_some_and(|n| n.is_ascii_lowercase())
}

/// The English name of a symbol, for values made only of symbols (`*`).
pub(crate) fn symbol_name(c: char) -> Option<&'static str> {
    Some(match c {
        '*' => "Star",
        '+' => "Plus",
        '-' => "Minus",
        '/' => "Slash",
        '.' => "Dot",
        '<' => "Lt",
        '>' => "Gt",
        '=' => "Eq",
        '&' => "Amp",
        '%' => "Percent",
        '@' => "At",
        '#' => "Hash",
        '$' => "Dollar",
        '?' => "Question",
        '~' => "Tilde",
        '^' => "Caret",
        '|' => "Pipe",
        '!' => "Bang",
        ':' => "Colon",
        ',' => "Comma",
        ' ' => "Space",
        '_' => "Underscore",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<String> {
        split_words(text, Signs::Separate)
    }

    #[test]
    fn splits_at_symbols_and_case_changes() {
        assert_eq!(split("foo_bar-baz qux"), ["foo", "bar", "baz", "qux"]);
        assert_eq!(split("fooBarBaz"), ["foo", "Bar", "Baz"]);
        assert_eq!(split("HTTPServer"), ["HTTP", "Server"]);
        assert_eq!(split("x509Cert"), ["x509", "Cert"]);
        assert_eq!(split("3DSecure"), ["3D", "Secure"]);
        assert_eq!(split("int32"), ["int32"]);
        assert_eq!(split("issuing.card"), ["issuing", "card"]);
        assert_eq!(
            split("/v1/customers/{customer}"),
            ["v1", "customers", "customer"]
        );
    }

    #[test]
    fn signs_are_spelled_where_they_matter() {
        assert_eq!(split("Etc/GMT+0"), ["Etc", "GMT", "Plus", "0"]);
        assert_eq!(split("Etc/GMT-0"), ["Etc", "GMT", "0"]);
        assert_eq!(
            split_words("Etc/GMT-0", Signs::Spell),
            ["Etc", "GMT", "Minus", "0"]
        );
        assert_eq!(split("-1"), ["Minus", "1"]);
        assert_eq!(split("us-east-1"), ["us", "east", "1"]);
        assert_eq!(split("C++"), ["C"]);
    }

    #[test]
    fn non_ascii_separates() {
        assert_eq!(split("caféBar"), ["caf", "Bar"]);
        assert!(split("ü").is_empty());
    }
}
