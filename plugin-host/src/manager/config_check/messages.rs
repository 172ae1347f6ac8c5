//! Turning the validator's errors into violations, and their wording.

use boon::{CompileError, ErrorKind, Type, ValidationError};
use serde_json::Value;

use super::pointers::{child_pointer, compare_pointers, percent_decode, pointer, pointer_len};
use super::{SCHEMA_LOCATION, SCHEMA_RULE, Violation};

pub(super) fn describe_compile_error(error: &CompileError, schema: &Value) -> String {
    if let CompileError::ValidationError { src, .. } = error {
        let mut violations = Vec::new();
        let checked = Checked {
            instance: schema,
            schema: None,
        };
        collect_violations(src, &checked, &mut violations);
        violations.sort_by(|a, b| compare_pointers(&a.path, &b.path));
        let details: Vec<String> = violations
            .iter()
            .map(|violation| {
                let at = if violation.path.is_empty() {
                    "the schema"
                } else {
                    &violation.path
                };
                format!("{at} {}", violation.message)
            })
            .collect();
        if !details.is_empty() {
            return format!("it is not a valid JSON Schema: {}", details.join("; "));
        }
    }
    format!(
        "it is not a valid JSON Schema: {}",
        one_line(&format!("{error:#}"))
    )
}

/// `text` with each run of whitespace, line breaks included, made one space,
/// for messages from other crates that span lines.
pub(super) fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// What was validated against what.
pub(super) struct Checked<'a> {
    /// The value validated.
    pub(super) instance: &'a Value,
    /// The plugin's schema when the value was validated against it (used to
    /// list the known fields); `None` for a schema checked against its
    /// meta-schema.
    pub(super) schema: Option<&'a Value>,
}

/// Turns the validator's tree of errors into violations at the leaves,
/// looking through the nodes that only group errors or follow a `$ref`.
pub(super) fn collect_violations(
    error: &ValidationError<'_, '_>,
    checked: &Checked<'_>,
    out: &mut Vec<Violation>,
) {
    let path = pointer(&error.instance_location.tokens);
    let found = checked.instance.pointer(&path);
    match &error.kind {
        ErrorKind::Group
        | ErrorKind::Schema { .. }
        | ErrorKind::Reference { .. }
        | ErrorKind::AllOf => {
            for cause in &error.causes {
                collect_violations(cause, checked, out);
            }
        }
        ErrorKind::AnyOf | ErrorKind::OneOf(None) => {
            let depth = error.instance_location.tokens.len();
            let fitting: Vec<&ValidationError<'_, '_>> = error
                .causes
                .iter()
                .filter(|branch| wrong_types(branch, depth).is_none())
                .collect();
            // The one alternative of the right type is the one the user meant,
            // so its own complaints are the useful ones.
            if let [meant] = fitting.as_slice() {
                collect_violations(meant, checked, out);
            } else {
                out.push(Violation {
                    path,
                    rule: rule_of(error),
                    message: describe_alternatives(error, depth, checked, found),
                });
            }
        }
        ErrorKind::AdditionalProperties { got } => {
            let known = checked
                .schema
                .and_then(|schema| known_fields(schema, error.schema_url));
            for name in got {
                let message = match &known {
                    Some(known) if known.is_empty() => {
                        "is not a known field; this object takes no fields".to_owned()
                    }
                    Some(known) => format!("is not a known field; the known fields are: {known}"),
                    None => "is not a known field".to_owned(),
                };
                out.push(Violation {
                    path: child_pointer(&path, name),
                    rule: "additionalProperties".to_owned(),
                    message,
                });
            }
        }
        ErrorKind::Required { want } => {
            for name in want {
                out.push(Violation {
                    path: child_pointer(&path, name),
                    rule: "required".to_owned(),
                    message: "is missing, and this field is required".to_owned(),
                });
            }
        }
        ErrorKind::PropertyName { prop } => {
            let reasons: Vec<String> = error
                .causes
                .iter()
                .map(|cause| one_line(&cause.kind.to_string()))
                .collect();
            out.push(Violation {
                path: child_pointer(&path, prop),
                rule: "propertyNames".to_owned(),
                message: format!("is not an allowed field name: {}", reasons.join("; ")),
            });
        }
        kind => out.push(Violation {
            path,
            rule: rule_of(error),
            message: describe(kind, error.schema_url, found),
        }),
    }
}

/// The types an alternative wanted, when it failed only because the value
/// at `depth` has another type; `None` when it failed for other reasons.
fn wrong_types(error: &ValidationError<'_, '_>, depth: usize) -> Option<Vec<Type>> {
    match &error.kind {
        ErrorKind::Type { want, .. } if error.instance_location.tokens.len() == depth => {
            Some(want.iter().collect())
        }
        ErrorKind::Group | ErrorKind::Schema { .. } | ErrorKind::Reference { .. } => {
            match error.causes.as_slice() {
                [only] => wrong_types(only, depth),
                _ => None,
            }
        }
        _ => None,
    }
}

fn describe_alternatives(
    error: &ValidationError<'_, '_>,
    depth: usize,
    checked: &Checked<'_>,
    found: Option<&Value>,
) -> String {
    let wanted: Option<Vec<Vec<Type>>> = error
        .causes
        .iter()
        .map(|branch| wrong_types(branch, depth))
        .collect();
    match (wanted, found) {
        (Some(wanted), Some(found)) => {
            let mut names: Vec<&str> = Vec::new();
            for name in wanted.into_iter().flatten().map(type_name) {
                if !names.contains(&name) {
                    names.push(name);
                }
            }
            format!("must be {}, not {}", either(&names), kind_of(found))
        }
        _ => {
            let mut reasons = Vec::new();
            for branch in &error.causes {
                let mut violations = Vec::new();
                collect_violations(branch, checked, &mut violations);
                let parts: Vec<String> = violations
                    .iter()
                    .map(|violation| {
                        let inner = violation
                            .path
                            .get(pointer_len(&error.instance_location.tokens)..);
                        match inner {
                            Some(inner) if !inner.is_empty() => {
                                format!("{inner} {}", violation.message)
                            }
                            _ => violation.message.clone(),
                        }
                    })
                    .collect();
                reasons.push(parts.join(", "));
            }
            format!(
                "matches none of the allowed forms: {}",
                reasons.join("; or ")
            )
        }
    }
}

/// What kind of value `value` is, in words.
fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(number) if number.is_i64() || number.is_u64() => "an integer",
        Value::Number(_) => "a fractional number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// The message for a leaf error, in our words where the validator's are
/// terse, else in its own.
fn describe(kind: &ErrorKind<'_, '_>, schema_url: &str, found: Option<&Value>) -> String {
    match kind {
        ErrorKind::Type { got, want } => {
            let names: Vec<&str> = want.iter().map(type_name).collect();
            let got = found.map_or_else(|| type_name(*got), kind_of);
            format!("must be {}, not {}", either(&names), got)
        }
        ErrorKind::Enum { want } => match want.as_slice() {
            [only] => format!("must be {only}"),
            many => format!("must be one of {}", join_values(many)),
        },
        ErrorKind::Const { want } => format!("must be {want}"),
        ErrorKind::Minimum { want, .. } => format!("must be at least {want}"),
        ErrorKind::Maximum { want, .. } => format!("must be at most {want}"),
        ErrorKind::ExclusiveMinimum { want, .. } => format!("must be greater than {want}"),
        ErrorKind::ExclusiveMaximum { want, .. } => format!("must be less than {want}"),
        ErrorKind::MultipleOf { want, .. } => format!("must be a multiple of {want}"),
        ErrorKind::MinLength { want, got } => {
            format!("must be at least {want} characters long, but has {got}")
        }
        ErrorKind::MaxLength { want, got } => {
            format!("must be at most {want} characters long, but has {got}")
        }
        ErrorKind::Pattern { want, .. } => format!("must match the pattern `{want}`"),
        ErrorKind::MinItems { want, got } => {
            format!("must have at least {want} items, but has {got}")
        }
        ErrorKind::MaxItems { want, got } => {
            format!("must have at most {want} items, but has {got}")
        }
        ErrorKind::UniqueItems {
            got: [first, second],
        } => {
            format!("must not repeat items, but items {first} and {second} are equal")
        }
        ErrorKind::MinProperties { want, got } => {
            format!("must have at least {want} fields, but has {got}")
        }
        ErrorKind::MaxProperties { want, got } => {
            format!("must have at most {want} fields, but has {got}")
        }
        ErrorKind::DependentRequired { prop, missing }
        | ErrorKind::Dependency { prop, missing } => {
            let missing: Vec<String> = missing.iter().map(|name| format!("'{name}'")).collect();
            format!(
                "needs the fields {} when '{prop}' is set",
                missing.join(", ")
            )
        }
        ErrorKind::Not => "must not match the schema under \"not\"".to_owned(),
        ErrorKind::FalseSchema => match last_schema_token(schema_url).as_deref() {
            Some("unevaluatedProperties") => "is not a known field".to_owned(),
            _ => "is not allowed here".to_owned(),
        },
        ErrorKind::OneOf(Some((first, second))) => format!(
            "matches more than one of the allowed forms (numbers {first} and {second}), but must match exactly one"
        ),
        other => one_line(&other.to_string()),
    }
}

pub(super) fn rule_of(error: &ValidationError<'_, '_>) -> String {
    match &error.kind {
        ErrorKind::AdditionalProperties { .. } => "additionalProperties".to_owned(),
        ErrorKind::FalseSchema => match last_schema_token(error.schema_url) {
            Some(keyword) if keyword.starts_with(|c: char| c.is_ascii_lowercase()) => keyword,
            _ => "false".to_owned(),
        },
        kind => kind
            .keyword_path()
            .map_or_else(|| SCHEMA_RULE.to_owned(), |path| path.keyword.to_owned()),
    }
}

/// The names of the fields the object schema at `schema_url` allows, comma
/// separated; `None` when that schema cannot be found in `schema`.
fn known_fields(schema: &Value, schema_url: &str) -> Option<String> {
    let (location, fragment) = schema_url.split_once('#')?;
    if location != SCHEMA_LOCATION {
        return None;
    }
    let object_schema = schema.pointer(&percent_decode(fragment))?;
    let names: Vec<&str> = object_schema
        .get("properties")
        .and_then(Value::as_object)
        .map(|properties| properties.keys().map(String::as_str).collect())
        .unwrap_or_default();
    Some(names.join(", "))
}

fn last_schema_token(schema_url: &str) -> Option<String> {
    let (_, fragment) = schema_url.split_once('#')?;
    let fragment = percent_decode(fragment);
    let last = fragment.rsplit('/').next()?;
    Some(last.replace("~1", "/").replace("~0", "~"))
}

fn type_name(kind: Type) -> &'static str {
    match kind {
        Type::Null => "null",
        Type::Boolean => "a boolean",
        Type::Number => "a number",
        Type::Integer => "an integer",
        Type::String => "a string",
        Type::Array => "an array",
        Type::Object => "an object",
    }
}

/// `a`, `a or b`, `a, b or c`.
fn either(names: &[&str]) -> String {
    match names {
        [] => "nothing".to_owned(),
        [only] => (*only).to_owned(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

fn join_values(values: &[Value]) -> String {
    values
        .iter()
        .map(Value::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}
