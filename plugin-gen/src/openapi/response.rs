//! Responses: by status code, range, or `default`.

use std::collections::BTreeMap;
use std::fmt;

use super::body::MediaType;
use super::location::Location;
use super::schema::SchemaId;

/// A key of `responses`. Ordered codes first, then ranges, then `default`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum StatusKey {
    /// One status code (`200`).
    Code(u16),
    /// A range (`4XX` is `Range(4)`).
    Range(u8),
    /// `default`: every status not listed otherwise.
    Default,
}

impl StatusKey {
    /// Reads a key as OpenAPI writes it (`200`, `4XX`, `4xx`, `default`).
    pub fn parse(text: &str) -> Option<Self> {
        if text == "default" {
            return Some(Self::Default);
        }
        let bytes = text.as_bytes();
        if bytes.len() != 3 || !(b'1'..=b'5').contains(&bytes[0]) {
            return None;
        }
        if bytes[1..].eq_ignore_ascii_case(b"XX") {
            return Some(Self::Range(bytes[0] - b'0'));
        }
        text.parse().ok().map(Self::Code)
    }

    /// Whether this key covers success (2xx).
    pub fn is_success(self) -> bool {
        match self {
            Self::Code(code) => (200..300).contains(&code),
            Self::Range(range) => range == 2,
            Self::Default => false,
        }
    }
}

impl fmt::Display for StatusKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Code(code) => write!(f, "{code}"),
            Self::Range(range) => write!(f, "{range}XX"),
            Self::Default => f.write_str("default"),
        }
    }
}

/// One response.
#[derive(Clone, Debug, PartialEq)]
pub struct Response {
    /// Where it is defined (after following `$ref`s).
    pub location: Location,
    /// `description`.
    pub description: Option<String>,
    /// `content`, by media type.
    pub content: BTreeMap<String, MediaType>,
    /// `headers`, by name.
    pub headers: BTreeMap<String, Header>,
}

/// A response header.
#[derive(Clone, Debug, PartialEq)]
pub struct Header {
    /// `description`.
    pub description: Option<String>,
    /// `required`.
    pub required: bool,
    /// `deprecated`.
    pub deprecated: bool,
    /// The value's schema.
    pub schema: SchemaId,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_parse_and_order() {
        assert_eq!(StatusKey::parse("200"), Some(StatusKey::Code(200)));
        assert_eq!(StatusKey::parse("4XX"), Some(StatusKey::Range(4)));
        assert_eq!(StatusKey::parse("5xx"), Some(StatusKey::Range(5)));
        assert_eq!(StatusKey::parse("default"), Some(StatusKey::Default));
        assert_eq!(StatusKey::parse("600"), None);
        assert_eq!(StatusKey::parse("20"), None);
        assert_eq!(StatusKey::parse("2X0"), None);
        let mut keys = [
            StatusKey::Default,
            StatusKey::Range(4),
            StatusKey::Code(404),
            StatusKey::Code(200),
        ];
        keys.sort();
        assert_eq!(
            keys.iter().map(ToString::to_string).collect::<Vec<_>>(),
            ["200", "404", "4XX", "default"]
        );
    }
}
