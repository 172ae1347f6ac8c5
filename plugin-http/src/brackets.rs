//! Bracket notation: nested values as flat `key=value` pairs, the way Stripe
//! (and Rails, PHP, qs) read form bodies and `deepObject` query parameters.
//!
//! `{"metadata": {"plan": "gold"}, "items": [{"price": "p"}]}` becomes
//! `metadata[plan]=gold` and `items[0][price]=p`.

use serde_json::Value;

use crate::EncodeError;

/// How bracket notation writes array elements.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ArrayFormat {
    /// `expand[0]=a&expand[1]=b`, `items[0][price]=p`: every element has its
    /// index. Stripe accepts this for every array (its own libraries send
    /// it), and it is the only form that keeps arrays of objects apart.
    #[default]
    Indexed,
    /// `expand[]=a&expand[]=b`: what Rails and PHP write for arrays of plain
    /// values. Stripe accepts it for arrays of strings and numbers; arrays of
    /// objects are ambiguous in this form, so use [`Indexed`](Self::Indexed)
    /// for those.
    EmptyBrackets,
}

/// What a `null` becomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nulls {
    /// `key=`, with an empty value: Stripe's way to unset a field (and
    /// `metadata=` clears a whole map). The default for bodies.
    Unset,
    /// Nothing: the pair is left out. The default for query parameters,
    /// where `null` means a parameter that was not given.
    Omit,
}

/// How values are flattened into bracket notation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BracketOptions {
    /// How array elements are written.
    pub arrays: ArrayFormat,
    /// What a `null` becomes.
    pub nulls: Nulls,
}

impl BracketOptions {
    /// Stripe's conventions for bodies: indexed arrays, nulls unset.
    pub const BODY: BracketOptions = BracketOptions {
        arrays: ArrayFormat::Indexed,
        nulls: Nulls::Unset,
    };

    /// Stripe's conventions for `deepObject` query parameters: indexed
    /// arrays, nulls left out.
    pub const QUERY: BracketOptions = BracketOptions {
        arrays: ArrayFormat::Indexed,
        nulls: Nulls::Omit,
    };
}

impl Default for BracketOptions {
    fn default() -> Self {
        BracketOptions::BODY
    }
}

/// Flattens `value` under `key` into `out`, unencoded.
///
/// Scalars become one pair (`true`/`false` for booleans, numbers as JSON
/// writes them); object members follow in sorted key order, array elements
/// in their order. An empty object or array becomes `key=` (Stripe's way to
/// clear a map or a list) unless nulls are omitted, when it is left out too.
/// An empty `key` is the top level: an object's members then have their own
/// names as keys.
pub(crate) fn flatten(
    what: &str,
    key: &str,
    value: &Value,
    options: BracketOptions,
    out: &mut Vec<(String, String)>,
) -> Result<(), EncodeError> {
    match value {
        Value::Null => {
            if options.nulls == Nulls::Unset {
                out.push((key.to_owned(), String::new()));
            }
        }
        Value::Bool(b) => out.push((key.to_owned(), b.to_string())),
        Value::Number(n) => out.push((key.to_owned(), n.to_string())),
        Value::String(s) => out.push((key.to_owned(), s.clone())),
        Value::Array(items) if items.is_empty() => empty(key, options, out),
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                let child = match options.arrays {
                    ArrayFormat::Indexed => format!("{key}[{index}]"),
                    ArrayFormat::EmptyBrackets => format!("{key}[]"),
                };
                flatten(what, &child, item, options, out)?;
            }
        }
        Value::Object(map) if map.is_empty() => empty(key, options, out),
        Value::Object(map) => {
            // serde_json keeps keys sorted unless some crate in the build
            // turns on its `preserve_order` feature; sorting here keeps the
            // output the same either way.
            let mut members: Vec<(&String, &Value)> = map.iter().collect();
            members.sort_by(|a, b| a.0.cmp(b.0));
            for (name, member) in members {
                if name.is_empty() {
                    return Err(EncodeError::EmptyKey {
                        what: what.to_owned(),
                        parent: key.to_owned(),
                    });
                }
                if name.contains(['[', ']']) {
                    return Err(EncodeError::BracketInKey {
                        what: what.to_owned(),
                        key: name.clone(),
                    });
                }
                let child = if key.is_empty() {
                    name.clone()
                } else {
                    format!("{key}[{name}]")
                };
                flatten(what, &child, member, options, out)?;
            }
        }
    }
    Ok(())
}

fn empty(key: &str, options: BracketOptions, out: &mut Vec<(String, String)>) {
    if options.nulls == Nulls::Unset && !key.is_empty() {
        out.push((key.to_owned(), String::new()));
    }
}

/// How a JSON value's kind reads in a message: `an array`, `a string`.
pub(crate) fn describe(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn pairs(key: &str, value: Value, options: BracketOptions) -> Vec<String> {
        let mut out = Vec::new();
        flatten("the value", key, &value, options, &mut out).unwrap();
        out.into_iter().map(|(k, v)| format!("{k}={v}")).collect()
    }

    #[test]
    fn nested_objects_inside_arrays_inside_objects() {
        let value = json!({
            "subscription_data": {
                "items": [
                    {"price": "price_1", "metadata": {"tier": "a"}},
                    {"price": "price_2", "quantity": 3, "tax_rates": ["txr_1", "txr_2"]}
                ]
            }
        });
        assert_eq!(
            pairs("", value, BracketOptions::BODY),
            [
                "subscription_data[items][0][metadata][tier]=a",
                "subscription_data[items][0][price]=price_1",
                "subscription_data[items][1][price]=price_2",
                "subscription_data[items][1][quantity]=3",
                "subscription_data[items][1][tax_rates][0]=txr_1",
                "subscription_data[items][1][tax_rates][1]=txr_2",
            ]
        );
    }

    #[test]
    fn scalars_booleans_and_numbers() {
        let value = json!({"a": true, "b": false, "c": 42, "d": -1.5, "e": "x y"});
        assert_eq!(
            pairs("", value, BracketOptions::BODY),
            ["a=true", "b=false", "c=42", "d=-1.5", "e=x y"]
        );
    }

    #[test]
    fn nulls_and_empties_unset_in_bodies_and_vanish_in_queries() {
        let value = json!({"description": null, "metadata": {}, "tax_rates": [], "name": ""});
        assert_eq!(
            pairs("", value.clone(), BracketOptions::BODY),
            ["description=", "metadata=", "name=", "tax_rates="]
        );
        assert_eq!(pairs("", value, BracketOptions::QUERY), ["name="]);
    }

    #[test]
    fn empty_brackets_for_arrays() {
        let options = BracketOptions {
            arrays: ArrayFormat::EmptyBrackets,
            nulls: Nulls::Unset,
        };
        assert_eq!(
            pairs("expand", json!(["customer", "invoice"]), options),
            ["expand[]=customer", "expand[]=invoice"]
        );
    }

    #[test]
    fn keys_with_brackets_or_empty_keys_are_refused() {
        let mut out = Vec::new();
        let error = flatten(
            "the form body",
            "",
            &json!({"metadata": {"a[b]": "c"}}),
            BracketOptions::BODY,
            &mut out,
        )
        .unwrap_err();
        assert!(
            matches!(&error, EncodeError::BracketInKey { key, .. } if key == "a[b]"),
            "{error}"
        );
        let error = flatten(
            "the form body",
            "",
            &json!({"metadata": {"": "c"}}),
            BracketOptions::BODY,
            &mut out,
        )
        .unwrap_err();
        assert_eq!(
            error.to_string(),
            "the form body has an empty key inside 'metadata'; bracket notation cannot carry an empty key"
        );
    }
}
