//! Percent-encoding (RFC 3986): everything but the unreserved characters
//! `A-Z a-z 0-9 - . _ ~` is encoded, so a value can never change the
//! structure of a URL, a query or a form body it is put into.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

/// Every byte but the unreserved characters.
const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// `value` percent-encoded for use as one path segment, query key or value,
/// form key or value, or cookie value. A space becomes `%20`.
pub(crate) fn component(value: &str) -> String {
    utf8_percent_encode(value, COMPONENT).to_string()
}

/// `value` encoded as one path segment: as [`component`], and `.` and `..`
/// are encoded too, so that a parameter cannot climb the path.
pub(crate) fn path_segment(value: &str) -> String {
    match value {
        "." => "%2E".to_owned(),
        ".." => "%2E%2E".to_owned(),
        _ => component(value),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_unreserved_characters_stay() {
        assert_eq!(component("aZ09-._~"), "aZ09-._~");
        assert_eq!(
            component("a b/c?d#e&f=g+h%i[j]k,l"),
            "a%20b%2Fc%3Fd%23e%26f%3Dg%2Bh%25i%5Bj%5Dk%2Cl"
        );
        assert_eq!(component("é"), "%C3%A9");
    }

    #[test]
    fn dot_segments_are_encoded() {
        assert_eq!(path_segment(".."), "%2E%2E");
        assert_eq!(path_segment("."), "%2E");
        assert_eq!(path_segment("a.b"), "a.b");
    }
}
