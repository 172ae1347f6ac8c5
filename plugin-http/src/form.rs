//! `application/x-www-form-urlencoded` bodies in bracket notation.

use serde::Serialize;
use serde_json::Value;

use crate::brackets::{self, BracketOptions};
use crate::{EncodeError, percent};

/// Encodes `value` as an `application/x-www-form-urlencoded` body in bracket
/// notation with Stripe's conventions ([`BracketOptions::BODY`]): nested
/// objects as `address[city]=X`, arrays with indices (`items[0][price]=p`,
/// `expand[0]=a`), booleans as `true`/`false`, `null` and empty maps or lists
/// as `key=` (which unsets the field).
///
/// Keys come in sorted order at every level, so the same value always gives
/// the same bytes. Keys and values are percent-encoded, brackets included
/// (`%5B`, `%5D`), spaces as `%20`.
///
/// Leave optional fields that are not set out of the value
/// (`#[serde(skip_serializing_if = "Option::is_none")]`): a `null` that is
/// sent unsets the field.
///
/// ```
/// #[derive(serde::Serialize)]
/// struct CreateCustomer {
///     email: String,
///     metadata: std::collections::BTreeMap<String, String>,
/// }
///
/// let body = CreateCustomer {
///     email: "ada@example.com".into(),
///     metadata: [("plan".to_owned(), "gold".to_owned())].into(),
/// };
/// assert_eq!(
///     plugin_http::encode_form(&body).unwrap(),
///     "email=ada%40example.com&metadata%5Bplan%5D=gold"
/// );
/// ```
///
/// # Errors
///
/// [`EncodeError`] if the value does not serialize, is not an object (a
/// `null` gives an empty body), or has a key with `[`, `]` or no characters.
pub fn encode_form<T: Serialize + ?Sized>(value: &T) -> Result<String, EncodeError> {
    encode_form_with(value, BracketOptions::BODY)
}

/// As [`encode_form`], with other [`BracketOptions`].
///
/// # Errors
///
/// As [`encode_form`].
pub fn encode_form_with<T: Serialize + ?Sized>(
    value: &T,
    options: BracketOptions,
) -> Result<String, EncodeError> {
    Ok(join_pairs(&form_pairs(value, options)?))
}

/// The `(key, value)` pairs of [`encode_form_with`], before percent-encoding:
/// `("metadata[plan]", "gold")`. Multipart bodies use them as text parts.
///
/// # Errors
///
/// As [`encode_form`].
pub fn form_pairs<T: Serialize + ?Sized>(
    value: &T,
    options: BracketOptions,
) -> Result<Vec<(String, String)>, EncodeError> {
    const WHAT: &str = "the form body";
    let value = to_value(WHAT, value)?;
    let mut pairs = Vec::new();
    match &value {
        Value::Null => {}
        Value::Object(_) => brackets::flatten(WHAT, "", &value, options, &mut pairs)?,
        other => {
            return Err(EncodeError::NotAnObject {
                what: WHAT.to_owned(),
                found: brackets::describe(other),
            });
        }
    }
    Ok(pairs)
}

/// `value` as JSON, with serialization failures named after `what`.
pub(crate) fn to_value<T: Serialize + ?Sized>(what: &str, value: &T) -> Result<Value, EncodeError> {
    serde_json::to_value(value).map_err(|e| EncodeError::Serialize {
        what: what.to_owned(),
        message: e.to_string(),
    })
}

/// `k=v&k=v` with keys and values percent-encoded.
pub(crate) fn join_pairs(pairs: &[(String, String)]) -> String {
    let mut out = String::new();
    for (key, value) in pairs {
        if !out.is_empty() {
            out.push('&');
        }
        out.push_str(&percent::component(key));
        out.push('=');
        out.push_str(&percent::component(value));
    }
    out
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use serde_json::json;

    use super::*;
    use crate::{ArrayFormat, Nulls};

    #[derive(Serialize)]
    struct Address {
        city: String,
        line1: String,
    }

    #[derive(Serialize)]
    struct Item {
        price: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        quantity: Option<u32>,
    }

    #[derive(Serialize)]
    struct CreateSubscription {
        customer: String,
        items: Vec<Item>,
        expand: Vec<String>,
        address: Address,
        metadata: BTreeMap<String, String>,
        off_session: bool,
        #[serde(skip_serializing_if = "Option::is_none")]
        coupon: Option<String>,
    }

    /// The encoded body with brackets and spaces decoded, for reading.
    fn readable(encoded: &str) -> String {
        encoded
            .replace("%5B", "[")
            .replace("%5D", "]")
            .replace("%20", " ")
    }

    #[test]
    fn stripe_style_body_from_a_struct() {
        let body = CreateSubscription {
            customer: "cus_123".into(),
            items: vec![
                Item {
                    price: "price_a".into(),
                    quantity: Some(2),
                },
                Item {
                    price: "price_b".into(),
                    quantity: None,
                },
            ],
            expand: vec!["latest_invoice".into(), "customer".into()],
            address: Address {
                city: "Paris".into(),
                line1: "1 rue X".into(),
            },
            metadata: [("plan".to_owned(), "gold".to_owned())].into(),
            off_session: true,
            coupon: None,
        };
        let encoded = encode_form(&body).unwrap();
        assert_eq!(
            encoded,
            "address%5Bcity%5D=Paris&address%5Bline1%5D=1%20rue%20X&customer=cus_123\
             &expand%5B0%5D=latest_invoice&expand%5B1%5D=customer\
             &items%5B0%5D%5Bprice%5D=price_a&items%5B0%5D%5Bquantity%5D=2\
             &items%5B1%5D%5Bprice%5D=price_b&metadata%5Bplan%5D=gold&off_session=true"
        );
        assert_eq!(
            readable(&encoded),
            "address[city]=Paris&address[line1]=1 rue X&customer=cus_123\
             &expand[0]=latest_invoice&expand[1]=customer\
             &items[0][price]=price_a&items[0][quantity]=2\
             &items[1][price]=price_b&metadata[plan]=gold&off_session=true"
        );
    }

    #[test]
    fn values_are_percent_encoded() {
        let encoded = encode_form(&json!({"q": "a&b=c+d %", "email": "a@b.c"})).unwrap();
        assert_eq!(encoded, "email=a%40b.c&q=a%26b%3Dc%2Bd%20%25");
    }

    #[test]
    fn unsetting_with_null_and_empty_string() {
        let encoded = encode_form(&json!({"metadata": "", "description": null})).unwrap();
        assert_eq!(encoded, "description=&metadata=");
    }

    #[test]
    fn empty_brackets_option() {
        let options = BracketOptions {
            arrays: ArrayFormat::EmptyBrackets,
            nulls: Nulls::Unset,
        };
        let encoded = encode_form_with(&json!({"expand": ["a", "b"]}), options).unwrap();
        assert_eq!(readable(&encoded), "expand[]=a&expand[]=b");
    }

    #[test]
    fn null_is_an_empty_body_and_other_values_are_refused() {
        assert_eq!(encode_form(&Option::<Address>::None).unwrap(), "");
        let error = encode_form(&[1, 2]).unwrap_err();
        assert_eq!(
            error.to_string(),
            "the form body must be an object (a struct or a map), but it is an array"
        );
    }

    #[test]
    fn map_keys_that_are_not_strings_fail_to_serialize() {
        let map: BTreeMap<(u8, u8), u8> = [((1, 2), 3)].into();
        let error = encode_form(&map).unwrap_err();
        assert!(
            matches!(&error, EncodeError::Serialize { what, .. } if what == "the form body"),
            "{error}"
        );
    }
}
