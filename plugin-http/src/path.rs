//! Path templates (`/v1/customers/{customer}`) and path parameters in
//! OpenAPI's `simple` style.

use serde_json::Value;

use crate::query::{QueryStyle, scalar};
use crate::{EncodeError, brackets, percent};

/// A path parameter's value in `simple` style, percent-encoded: a scalar as
/// itself, an array as `a,b`, an object as `k,v,k,v`. Every reserved
/// character of a value is encoded, `/` included, so a value fills exactly
/// one segment.
pub(crate) fn simple_style(what: &str, value: &Value) -> Result<String, EncodeError> {
    let one = |v: &Value| -> Result<Option<String>, EncodeError> {
        scalar(what, QueryStyle::Form { explode: false }, v).map_err(|_| EncodeError::Nested {
            what: what.to_owned(),
            style: "simple",
            found: brackets::describe(v),
        })
    };
    match value {
        Value::Null => Err(EncodeError::Null {
            what: what.to_owned(),
        }),
        Value::Array(items) => {
            let mut parts = Vec::new();
            for item in items {
                if let Some(item) = one(item)? {
                    parts.push(percent::component(&item));
                }
            }
            Ok(parts.join(","))
        }
        Value::Object(map) => {
            let mut members: Vec<(&String, &Value)> = map.iter().collect();
            members.sort_by(|a, b| a.0.cmp(b.0));
            let mut parts = Vec::new();
            for (key, member) in members {
                if let Some(member) = one(member)? {
                    parts.push(percent::component(key));
                    parts.push(percent::component(&member));
                }
            }
            Ok(parts.join(","))
        }
        other => Ok(percent::path_segment(&one(other)?.unwrap_or_default())),
    }
}

/// The names of the parameters in `template`, in order.
pub(crate) fn parameters(template: &str) -> Result<Vec<&str>, EncodeError> {
    let mut names = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let close = after
            .find('}')
            .filter(|&c| c > 0)
            .ok_or_else(|| bad(template))?;
        let name = &after[..close];
        if name.contains('{') {
            return Err(bad(template));
        }
        names.push(name);
        rest = &after[close + 1..];
    }
    Ok(names)
}

/// `template` with each `{name}` replaced by its encoded value from
/// `params`.
pub(crate) fn render(template: &str, params: &[(String, String)]) -> Result<String, EncodeError> {
    let names = parameters(template)?;
    for (name, _) in params {
        if !names.contains(&name.as_str()) {
            return Err(EncodeError::UnknownPathParam {
                name: name.clone(),
                template: template.to_owned(),
                known: if names.is_empty() {
                    "none".to_owned()
                } else {
                    names.join(", ")
                },
            });
        }
    }
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let close = after.find('}').ok_or_else(|| bad(template))?;
        let name = &after[..close];
        let value = params
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .ok_or_else(|| EncodeError::MissingPathParam {
                name: name.to_owned(),
                template: template.to_owned(),
            })?;
        out.push_str(&value.1);
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

fn bad(template: &str) -> EncodeError {
    EncodeError::BadTemplate {
        template: template.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn param(name: &str, value: Value) -> (String, String) {
        (name.to_owned(), simple_style("p", &value).unwrap())
    }

    #[test]
    fn values_fill_exactly_one_segment() {
        let path = render(
            "/v1/customers/{customer}/sources/{id}",
            &[
                param("customer", json!("cus/../../admin?x=1#f")),
                param("id", json!("card 1")),
            ],
        )
        .unwrap();
        assert_eq!(
            path,
            "/v1/customers/cus%2F..%2F..%2Fadmin%3Fx%3D1%23f/sources/card%201"
        );
        let path = render("/files/{name}", &[param("name", json!(".."))]).unwrap();
        assert_eq!(path, "/files/%2E%2E");
    }

    #[test]
    fn simple_style_for_numbers_arrays_and_objects() {
        assert_eq!(simple_style("p", &json!(42)).unwrap(), "42");
        assert_eq!(simple_style("p", &json!(["a", "b,c"])).unwrap(), "a,b%2Cc");
        assert_eq!(
            simple_style("p", &json!({"role": "admin", "n": 1})).unwrap(),
            "n,1,role,admin"
        );
        assert_eq!(
            simple_style("path parameter 'id'", &json!(null))
                .unwrap_err()
                .to_string(),
            "path parameter 'id' is null; a path parameter needs a value"
        );
    }

    #[test]
    fn missing_unknown_and_malformed() {
        let error = render("/a/{x}/{y}", &[param("x", json!(1))]).unwrap_err();
        assert_eq!(
            error.to_string(),
            "path parameter 'y' of '/a/{x}/{y}' was not given"
        );
        let error = render("/a/{x}", &[param("x", json!(1)), param("z", json!(2))]).unwrap_err();
        assert_eq!(
            error.to_string(),
            "path parameter 'z' is not in the template '/a/{x}'; its parameters are: x"
        );
        let error = render("/a/{x", &[]).unwrap_err();
        assert!(matches!(error, EncodeError::BadTemplate { .. }), "{error}");
        assert!(render("/a/{}", &[]).is_err());
    }
}
