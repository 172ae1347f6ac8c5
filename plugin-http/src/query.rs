//! Query parameters in the OpenAPI styles.

use serde::Serialize;
use serde_json::Value;

use crate::brackets::{self, BracketOptions};
use crate::{EncodeError, form, percent};

/// How a query parameter is serialized (OpenAPI's `style` and `explode`).
///
/// | value              | `Form { explode: true }` | `Form { explode: false }` | `DeepObject`              |
/// |--------------------|--------------------------|---------------------------|---------------------------|
/// | `5`                | `id=5`                   | `id=5`                    | `id=5`                    |
/// | `[3, 4]`           | `id=3&id=4`              | `id=3,4`                  | `id[0]=3&id[1]=4`         |
/// | `{"gt": 1, "lt": 9}` | `gt=1&lt=9`            | `id=gt,1,lt,9`            | `id[gt]=1&id[lt]=9`       |
///
/// `DeepObject` nests to any depth (`created[gt]=5`, `a[b][c]=d`), the way
/// Stripe reads it. A `null` leaves the parameter out in every style.
/// Keys and values are percent-encoded (brackets as `%5B`/`%5D`); the
/// delimiters `,` of `Form { explode: false }` stay literal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueryStyle {
    /// `form`, OpenAPI's default for query parameters (with `explode: true`).
    Form {
        /// Arrays as repeated keys and objects as their own keys (`true`),
        /// or both comma-joined into one value (`false`).
        explode: bool,
    },
    /// `spaceDelimited`: array elements joined by spaces (`%20`).
    SpaceDelimited,
    /// `pipeDelimited`: array elements joined by `|` (`%7C`).
    PipeDelimited,
    /// `deepObject`: bracket notation, nested to any depth, arrays indexed.
    DeepObject,
}

impl QueryStyle {
    /// `form` with `explode: true`, OpenAPI's default.
    pub const FORM: QueryStyle = QueryStyle::Form { explode: true };

    fn name(self) -> &'static str {
        match self {
            QueryStyle::Form { .. } => "form",
            QueryStyle::SpaceDelimited => "spaceDelimited",
            QueryStyle::PipeDelimited => "pipeDelimited",
            QueryStyle::DeepObject => "deepObject",
        }
    }
}

impl Default for QueryStyle {
    fn default() -> Self {
        QueryStyle::FORM
    }
}

/// Encodes query parameter `name` with `value` in `style` as a query string
/// fragment (`k=v&k=v`, no leading `?`); empty when the value is `null`.
///
/// ```
/// use plugin_http::{QueryStyle, encode_query};
/// use serde_json::json;
///
/// let created = json!({"gt": 1700000000, "lte": 1800000000});
/// assert_eq!(
///     encode_query("created", &created, QueryStyle::DeepObject).unwrap(),
///     "created%5Bgt%5D=1700000000&created%5Blte%5D=1800000000"
/// );
/// let ids = ["a", "b,c"];
/// assert_eq!(encode_query("ids", &ids, QueryStyle::FORM).unwrap(), "ids=a&ids=b%2Cc");
/// assert_eq!(
///     encode_query("ids", &ids, QueryStyle::Form { explode: false }).unwrap(),
///     "ids=a,b%2Cc"
/// );
/// ```
///
/// # Errors
///
/// [`EncodeError`] if the value does not serialize, or holds nested objects
/// or arrays in a style other than `deepObject`.
pub fn encode_query<T: Serialize + ?Sized>(
    name: &str,
    value: &T,
    style: QueryStyle,
) -> Result<String, EncodeError> {
    let pairs = query_pairs(name, value, style)?;
    let parts: Vec<String> = pairs.into_iter().map(|(k, v)| format!("{k}={v}")).collect();
    Ok(parts.join("&"))
}

/// The pairs of [`encode_query`], keys and values already percent-encoded.
///
/// # Errors
///
/// As [`encode_query`].
pub fn query_pairs<T: Serialize + ?Sized>(
    name: &str,
    value: &T,
    style: QueryStyle,
) -> Result<Vec<(String, String)>, EncodeError> {
    let what = format!("query parameter '{name}'");
    let value = form::to_value(&what, value)?;
    let encode = |k: &str, v: &str| (percent::component(k), percent::component(v));
    let mut out = Vec::new();
    match (style, &value) {
        (_, Value::Null) => {}
        (QueryStyle::DeepObject, _) => {
            let mut pairs = Vec::new();
            brackets::flatten(&what, name, &value, BracketOptions::QUERY, &mut pairs)?;
            out.extend(pairs.iter().map(|(k, v)| encode(k, v)));
        }
        (_, Value::Array(items)) if items.is_empty() => out.push(encode(name, "")),
        (_, Value::Object(map)) if map.is_empty() => out.push(encode(name, "")),
        (QueryStyle::Form { explode: true }, Value::Array(items)) => {
            for item in items {
                if let Some(item) = scalar(&what, style, item)? {
                    out.push(encode(name, &item));
                }
            }
        }
        (QueryStyle::Form { explode: true }, Value::Object(map)) => {
            for (key, member) in sorted(map) {
                if let Some(member) = scalar(&what, style, member)? {
                    out.push(encode(key, &member));
                }
            }
        }
        (_, Value::Array(items)) => {
            let mut values = Vec::new();
            for item in items {
                if let Some(item) = scalar(&what, style, item)? {
                    values.push(percent::component(&item));
                }
            }
            out.push((percent::component(name), values.join(delimiter(style))));
        }
        (_, Value::Object(map)) => {
            let mut values = Vec::new();
            for (key, member) in sorted(map) {
                if let Some(member) = scalar(&what, style, member)? {
                    values.push(percent::component(key));
                    values.push(percent::component(&member));
                }
            }
            out.push((percent::component(name), values.join(delimiter(style))));
        }
        (_, scalar_value) => {
            if let Some(v) = scalar(&what, style, scalar_value)? {
                out.push(encode(name, &v));
            }
        }
    }
    Ok(out)
}

fn delimiter(style: QueryStyle) -> &'static str {
    match style {
        QueryStyle::SpaceDelimited => "%20",
        QueryStyle::PipeDelimited => "%7C",
        _ => ",",
    }
}

fn sorted(map: &serde_json::Map<String, Value>) -> Vec<(&String, &Value)> {
    let mut members: Vec<(&String, &Value)> = map.iter().collect();
    members.sort_by(|a, b| a.0.cmp(b.0));
    members
}

/// A scalar as text, `None` for `null`; nested values are an error in the
/// flat styles.
pub(crate) fn scalar(
    what: &str,
    style: QueryStyle,
    value: &Value,
) -> Result<Option<String>, EncodeError> {
    match value {
        Value::Null => Ok(None),
        Value::Bool(b) => Ok(Some(b.to_string())),
        Value::Number(n) => Ok(Some(n.to_string())),
        Value::String(s) => Ok(Some(s.clone())),
        nested => Err(EncodeError::Nested {
            what: what.to_owned(),
            style: style.name(),
            found: brackets::describe(nested),
        }),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn q(value: Value, style: QueryStyle) -> String {
        encode_query("id", &value, style).unwrap()
    }

    #[test]
    fn form_explode_on() {
        assert_eq!(q(json!(5), QueryStyle::FORM), "id=5");
        assert_eq!(q(json!(true), QueryStyle::FORM), "id=true");
        assert_eq!(q(json!([3, 4, 5]), QueryStyle::FORM), "id=3&id=4&id=5");
        assert_eq!(
            q(
                json!({"role": "admin", "firstName": "Alex"}),
                QueryStyle::FORM
            ),
            "firstName=Alex&role=admin"
        );
        assert_eq!(q(json!([]), QueryStyle::FORM), "id=");
        assert_eq!(q(json!(null), QueryStyle::FORM), "");
        assert_eq!(q(json!("a b&c"), QueryStyle::FORM), "id=a%20b%26c");
    }

    #[test]
    fn form_explode_off() {
        let style = QueryStyle::Form { explode: false };
        assert_eq!(q(json!([3, 4, 5]), style), "id=3,4,5");
        assert_eq!(
            q(json!({"role": "admin", "firstName": "Alex"}), style),
            "id=firstName,Alex,role,admin"
        );
        assert_eq!(q(json!(["a,b", "c"]), style), "id=a%2Cb,c");
    }

    #[test]
    fn delimited_styles() {
        assert_eq!(q(json!([3, 4]), QueryStyle::SpaceDelimited), "id=3%204");
        assert_eq!(q(json!([3, 4]), QueryStyle::PipeDelimited), "id=3%7C4");
    }

    #[test]
    fn deep_object_nests_and_skips_nulls() {
        let value = json!({"gt": 5, "lte": null, "range": {"from": "a", "to": ["x", "y"]}});
        let encoded = encode_query("created", &value, QueryStyle::DeepObject).unwrap();
        assert_eq!(
            encoded.replace("%5B", "[").replace("%5D", "]"),
            "created[gt]=5&created[range][from]=a&created[range][to][0]=x&created[range][to][1]=y"
        );
        assert_eq!(q(json!(7), QueryStyle::DeepObject), "id=7");
        assert_eq!(
            encode_query("expand", &["customer"], QueryStyle::DeepObject).unwrap(),
            "expand%5B0%5D=customer"
        );
    }

    #[test]
    fn nested_values_need_deep_object() {
        let error = encode_query("filter", &json!({"a": {"b": 1}}), QueryStyle::FORM).unwrap_err();
        assert_eq!(
            error.to_string(),
            "query parameter 'filter' has style 'form', which takes a value, a list of values or an object of values, but it holds an object inside; use style deepObject for nested values"
        );
    }
}
