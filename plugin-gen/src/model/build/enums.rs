//! Enums: closed sets of string, integer or boolean values.

use serde_json::Value;

use crate::naming::variant_names;
use crate::openapi::Schema;

use crate::model::error::ModelError;
use crate::model::types::{EnumDef, EnumValue, EnumVariant};

/// Stripe's `enum: [""]`: the empty string that clears a field.
pub(super) fn is_empty_string_sentinel(values: &[Value]) -> bool {
    matches!(values, [Value::String(only)] if only.is_empty())
}

/// An enum of `values`, variants named after them.
pub(super) fn build_enum(schema: &Schema, values: &[Value]) -> Result<EnumDef, ModelError> {
    let mut wire = Vec::with_capacity(values.len());
    for value in values {
        wire.push(match value {
            Value::String(text) => EnumValue::String(text.clone()),
            Value::Bool(flag) => EnumValue::Boolean(*flag),
            Value::Number(number) => match number.as_i64() {
                Some(integer) => EnumValue::Integer(integer),
                None => {
                    return Err(ModelError::unsupported(
                        &schema.location,
                        format!("the enum value {number}, which is not a 64-bit integer"),
                        "use strings or integers as enum values",
                    ));
                }
            },
            Value::Null | Value::Array(_) | Value::Object(_) => {
                return Err(ModelError::unsupported(
                    &schema.location,
                    format!("the enum value {value}"),
                    "use strings, integers or booleans as enum values",
                ));
            }
        });
    }
    let texts: Vec<String> = wire
        .iter()
        .map(|value| match value {
            EnumValue::String(text) => text.clone(),
            EnumValue::Integer(integer) => integer.to_string(),
            EnumValue::Boolean(flag) => flag.to_string(),
        })
        .collect();
    let mut seen = std::collections::BTreeSet::new();
    let variants = variant_names(&texts)
        .into_iter()
        .zip(wire)
        .filter(|(_, value)| seen.insert(value.clone()))
        .map(|(name, value)| EnumVariant { name, value })
        .collect();
    Ok(EnumDef { variants })
}
