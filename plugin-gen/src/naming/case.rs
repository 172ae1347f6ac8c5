//! Case conversions: `snake_case` and `UpperCamelCase`.

use super::keywords::escape_keyword;
use super::words::{Signs, split_words};

/// Joins words as `snake_case`, lowercased. A name that would start with a
/// digit gets a leading underscore (`3d_secure` -> `_3d_secure`). Returns
/// an empty string when there are no words.
pub(crate) fn join_snake(words: &[String]) -> String {
    let joined = words
        .iter()
        .map(|w| w.to_ascii_lowercase())
        .collect::<Vec<_>>()
        .join("_");
    if joined.starts_with(|c: char| c.is_ascii_digit()) {
        format!("_{joined}")
    } else {
        joined
    }
}

/// Joins words as `UpperCamelCase`: each word capitalised, the rest of it
/// lowercased (`GMT` -> `Gmt`). Two numbers in a row keep an underscore
/// between them (`1.2` -> `1_2`) so they stay apart. A name that would
/// start with a digit gets the prefix `N` (`3ds` -> `N3ds`). Returns an
/// empty string when there are no words.
pub(crate) fn join_upper_camel(words: &[String]) -> String {
    let mut out = String::new();
    for word in words {
        let mut chars = word.chars();
        let Some(first) = chars.next() else { continue };
        if first.is_ascii_digit() && out.ends_with(|c: char| c.is_ascii_digit()) {
            out.push('_');
        }
        out.push(first.to_ascii_uppercase());
        out.extend(chars.map(|c| c.to_ascii_lowercase()));
    }
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        format!("N{out}")
    } else {
        out
    }
}

/// `snake_case` of any text, without keyword escaping; `None` when the
/// text has no letters or digits.
///
/// ```
/// use plugin_gen::naming::snake_case;
/// assert_eq!(snake_case("fooBar").as_deref(), Some("foo_bar"));
/// assert_eq!(snake_case("created[gt]").as_deref(), Some("created_gt"));
/// assert_eq!(snake_case("/"), None);
/// ```
pub fn snake_case(text: &str) -> Option<String> {
    let words = split_words(text, Signs::Separate);
    (!words.is_empty()).then(|| join_snake(&words))
}

/// `UpperCamelCase` of any text; `None` when the text has no letters or
/// digits.
///
/// ```
/// use plugin_gen::naming::upper_camel_case;
/// assert_eq!(upper_camel_case("issuing.card").as_deref(), Some("IssuingCard"));
/// assert_eq!(upper_camel_case("HTTPServer").as_deref(), Some("HttpServer"));
/// ```
pub fn upper_camel_case(text: &str) -> Option<String> {
    let words = split_words(text, Signs::Separate);
    (!words.is_empty()).then(|| join_upper_camel(&words))
}

/// A field, parameter or module name: `snake_case`, keywords escaped, and
/// `field` when the text has no letters or digits at all.
///
/// ```
/// use plugin_gen::naming::field_name;
/// assert_eq!(field_name("type"), "r#type");
/// assert_eq!(field_name("3d_secure"), "_3d_secure");
/// assert_eq!(field_name("AccountSid"), "account_sid");
/// ```
pub fn field_name(text: &str) -> String {
    escape_keyword(&snake_case(text).unwrap_or_else(|| "field".to_owned()))
}

/// A type name: `UpperCamelCase`, `Self` escaped, and `Type` when the text
/// has no letters or digits at all.
///
/// ```
/// use plugin_gen::naming::type_name;
/// assert_eq!(type_name("customer_address"), "CustomerAddress");
/// assert_eq!(type_name("3d_secure"), "N3dSecure");
/// assert_eq!(type_name("self"), "Self_");
/// ```
pub fn type_name(text: &str) -> String {
    escape_keyword(&upper_camel_case(text).unwrap_or_else(|| "Type".to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snake_names() {
        assert_eq!(field_name("starting_after"), "starting_after");
        assert_eq!(field_name("petId"), "pet_id");
        assert_eq!(field_name("X-Request-ID"), "x_request_id");
        assert_eq!(field_name("match"), "r#match");
        assert_eq!(field_name("self"), "self_");
        assert_eq!(field_name("+"), "field");
        assert_eq!(field_name("2010-04-01"), "_2010_04_01");
    }

    #[test]
    fn camel_names() {
        assert_eq!(type_name("customer"), "Customer");
        assert_eq!(type_name("payment_intent"), "PaymentIntent");
        assert_eq!(type_name("v1.2"), "V1_2");
        assert_eq!(type_name("account_enum_status"), "AccountEnumStatus");
        assert_eq!(type_name("Self"), "Self_");
        assert_eq!(type_name("{}"), "Type");
        assert_eq!(type_name("2fa"), "N2fa");
    }
}
