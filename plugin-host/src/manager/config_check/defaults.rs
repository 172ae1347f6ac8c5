//! Completing a configuration with the defaults its schema declares.

use serde_json::Value;

use super::pointers::percent_decode;

/// How deep default-filling follows nested objects, so that a recursive
/// schema with recursive defaults cannot make it loop.
const MAX_DEFAULTS_DEPTH: usize = 64;

/// Completes the object `value` from `defaults` (an object of default
/// values, when there is one) and from each property schema's own
/// `"default"`, then completes nested objects the same way.
pub(super) fn fill_defaults(
    root: &Value,
    schema: &Value,
    defaults: Option<&Value>,
    value: &mut Value,
    depth: usize,
) {
    if depth > MAX_DEFAULTS_DEPTH {
        return;
    }
    let Some(object) = value.as_object_mut() else {
        return;
    };
    let Some(properties) = resolve_ref(root, schema)
        .get("properties")
        .and_then(Value::as_object)
    else {
        return;
    };
    let defaults = defaults.and_then(Value::as_object);
    for (name, property) in properties {
        let given_default = defaults.and_then(|defaults| defaults.get(name));
        let own_default = property
            .get("default")
            .or_else(|| resolve_ref(root, property).get("default"));
        if !object.contains_key(name) {
            let Some(default) = given_default.or(own_default) else {
                continue;
            };
            object.insert(name.clone(), default.clone());
        }
        let nested_defaults = given_default
            .filter(|default| default.is_object())
            .or(own_default);
        if let Some(nested) = object.get_mut(name) {
            fill_defaults(root, property, nested_defaults, nested, depth + 1);
        }
    }
}

/// Follows local `$ref`s (`#/$defs/Name`, or any `#`-pointer into the
/// schema document) to the schema they name; other schemas come back as
/// they are.
fn resolve_ref<'a>(root: &'a Value, mut schema: &'a Value) -> &'a Value {
    // A chain longer than this is a cycle of references.
    for _ in 0..32 {
        let Some(target) = schema
            .get("$ref")
            .and_then(Value::as_str)
            .and_then(|reference| reference.strip_prefix('#'))
            .and_then(|fragment| root.pointer(&percent_decode(fragment)))
        else {
            break;
        };
        schema = target;
    }
    schema
}
