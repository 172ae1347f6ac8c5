//! JSON pointers (RFC 6901), the addresses every error names.

use std::fmt;

use serde_json::Value;

/// A JSON pointer, kept in its escaped form (`/paths/~1v1~1customers/get`).
///
/// Tokens are escaped on the way in ([`JsonPointer::push`]: `~` -> `~0`,
/// `/` -> `~1`) and unescaped on the way out ([`JsonPointer::tokens`]).
///
/// ```
/// use plugin_gen::openapi::JsonPointer;
/// let pointer = JsonPointer::root().push("paths").push("/v1/customers");
/// assert_eq!(pointer.as_str(), "/paths/~1v1~1customers");
/// assert_eq!(pointer.tokens().collect::<Vec<_>>(), ["paths", "/v1/customers"]);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct JsonPointer(String);

/// Why a pointer or a fragment could not be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PointerError {
    /// A non-empty pointer must start with `/`.
    #[error("a JSON pointer must be empty or start with '/', found '{0}'")]
    NoLeadingSlash(String),
    /// `~` must be followed by `0` or `1`.
    #[error("'~' must be followed by 0 or 1 in a JSON pointer, found '{0}'")]
    BadEscape(String),
    /// A `%` escape that is not two hex digits, or bytes that are not UTF-8.
    #[error("bad percent-encoding in '{0}'")]
    BadPercentEncoding(String),
}

impl JsonPointer {
    /// The pointer to the whole document (the empty string).
    pub fn root() -> Self {
        Self(String::new())
    }

    /// Parses an escaped pointer, checking its escapes.
    pub fn parse(text: &str) -> Result<Self, PointerError> {
        if !text.is_empty() && !text.starts_with('/') {
            return Err(PointerError::NoLeadingSlash(text.to_owned()));
        }
        let mut chars = text.chars();
        while let Some(c) = chars.next() {
            if c == '~' && !matches!(chars.next(), Some('0' | '1')) {
                return Err(PointerError::BadEscape(text.to_owned()));
            }
        }
        Ok(Self(text.to_owned()))
    }

    /// Parses the fragment of a URI reference (the part after `#`), which
    /// is percent-encoded: `/components/schemas/a%20b` names `a b`.
    pub fn from_fragment(fragment: &str) -> Result<Self, PointerError> {
        Self::parse(&percent_decode(fragment)?)
    }

    /// The pointer one level down, at `token` (a key or an array index).
    #[must_use]
    pub fn push(&self, token: &str) -> Self {
        let mut text = String::with_capacity(self.0.len() + token.len() + 1);
        text.push_str(&self.0);
        text.push('/');
        for c in token.chars() {
            match c {
                '~' => text.push_str("~0"),
                '/' => text.push_str("~1"),
                _ => text.push(c),
            }
        }
        Self(text)
    }

    /// The escaped text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The unescaped tokens, outermost first.
    pub fn tokens(&self) -> impl Iterator<Item = String> + '_ {
        self.0
            .split('/')
            .skip(1)
            .map(|token| token.replace("~1", "/").replace("~0", "~"))
    }

    /// The innermost token, unescaped; `None` for the root.
    pub fn last(&self) -> Option<String> {
        self.tokens().last()
    }

    /// The value this pointer names inside `root`, if there is one.
    pub fn resolve<'v>(&self, root: &'v Value) -> Option<&'v Value> {
        self.tokens().try_fold(root, |value, token| match value {
            Value::Object(map) => map.get(&token),
            Value::Array(items) => {
                let canonical = token == "0" || !token.starts_with('0');
                let index: usize = token.parse().ok().filter(|_| canonical)?;
                items.get(index)
            }
            _ => None,
        })
    }
}

impl fmt::Display for JsonPointer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Decodes `%XX` escapes into bytes, then the bytes as UTF-8.
pub(crate) fn percent_decode(text: &str) -> Result<String, PointerError> {
    let bad = || PointerError::BadPercentEncoding(text.to_owned());
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3).ok_or_else(bad)?;
            let hex = std::str::from_utf8(hex).map_err(|_| bad())?;
            out.push(u8::from_str_radix(hex, 16).map_err(|_| bad())?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).map_err(|_| bad())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn escapes_round_trip() {
        let pointer = JsonPointer::root().push("a/b").push("c~d");
        assert_eq!(pointer.as_str(), "/a~1b/c~0d");
        assert_eq!(pointer.tokens().collect::<Vec<_>>(), ["a/b", "c~d"]);
        assert_eq!(JsonPointer::parse("/a~01").unwrap().last().unwrap(), "a~1");
    }

    #[test]
    fn resolves_keys_and_indexes() {
        let doc = json!({"a/b": [{"x": 1}], "m~n": 2, "": 3});
        assert_eq!(
            JsonPointer::parse("/a~1b/0/x").unwrap().resolve(&doc),
            Some(&json!(1))
        );
        assert_eq!(
            JsonPointer::parse("/m~0n").unwrap().resolve(&doc),
            Some(&json!(2))
        );
        assert_eq!(
            JsonPointer::parse("/").unwrap().resolve(&doc),
            Some(&json!(3))
        );
        assert_eq!(JsonPointer::parse("/a~1b/01").unwrap().resolve(&doc), None);
        assert_eq!(JsonPointer::parse("/a~1b/1").unwrap().resolve(&doc), None);
        assert_eq!(JsonPointer::root().resolve(&doc), Some(&doc));
    }

    #[test]
    fn fragments_are_percent_decoded() {
        let pointer = JsonPointer::from_fragment("/components/schemas/a%20b%7Bc%7D").unwrap();
        assert_eq!(pointer.last().unwrap(), "a b{c}");
        assert!(JsonPointer::from_fragment("/a%2").is_err());
        assert!(JsonPointer::from_fragment("/a%ff").is_err());
    }

    #[test]
    fn bad_pointers_are_refused() {
        assert_eq!(
            JsonPointer::parse("components"),
            Err(PointerError::NoLeadingSlash("components".into()))
        );
        assert!(JsonPointer::parse("/a~2").is_err());
        assert!(JsonPointer::parse("/a~").is_err());
    }
}
