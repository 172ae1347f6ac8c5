//! Primitive types from schema formats, and names from locations.

use crate::naming::upper_camel_case;
use crate::openapi::{Location, SchemaKind};

use crate::model::types::{IntegerFormat, NumberFormat, Primitive, StringFormat};

/// The primitive a scalar schema kind stands for.
pub(super) fn primitive(kind: &SchemaKind) -> Primitive {
    match kind {
        SchemaKind::Boolean => Primitive::Boolean,
        SchemaKind::Integer { format } => Primitive::Integer(match format.as_deref() {
            None => IntegerFormat::Plain,
            Some("int32") => IntegerFormat::Int32,
            Some("int64") => IntegerFormat::Int64,
            Some("unix-time") => IntegerFormat::UnixTime,
            Some(other) => IntegerFormat::Other(other.to_owned()),
        }),
        SchemaKind::Number { format } => Primitive::Number(match format.as_deref() {
            None => NumberFormat::Plain,
            Some("float") => NumberFormat::Float,
            Some("double") => NumberFormat::Double,
            Some(other) => NumberFormat::Other(other.to_owned()),
        }),
        SchemaKind::String { format } => Primitive::String(match format.as_deref() {
            None => StringFormat::Plain,
            Some("date-time") => StringFormat::DateTime,
            Some("date") => StringFormat::Date,
            Some("decimal") => StringFormat::Decimal,
            Some("binary") => StringFormat::Binary,
            Some("byte") => StringFormat::Byte,
            Some("uri" | "url") => StringFormat::Uri,
            Some("uuid") => StringFormat::Uuid,
            Some("email") => StringFormat::Email,
            Some("password") => StringFormat::Password,
            Some(other) => StringFormat::Other(other.to_owned()),
        }),
        _ => Primitive::Any,
    }
}

/// Pointer tokens that say what kind of place a schema is in, not what
/// it is called.
const STRUCTURAL: &[&str] = &[
    "components",
    "schemas",
    "properties",
    "items",
    "additionalProperties",
    "allOf",
    "oneOf",
    "anyOf",
    "content",
    "schema",
    "paths",
    "parameters",
    "responses",
    "requestBody",
    "headers",
    "definitions",
    "$defs",
    "get",
    "put",
    "post",
    "delete",
    "options",
    "head",
    "patch",
    "trace",
];

/// A type name for a schema that is referred to but is not a component:
/// the innermost meaningful token of its pointer, else the file's stem.
pub(super) fn location_name(location: &Location) -> String {
    let tokens: Vec<String> = location.pointer().tokens().collect();
    tokens
        .iter()
        .rev()
        .filter(|token| {
            let media_type = token.contains('/') && !token.starts_with('/');
            !STRUCTURAL.contains(&token.as_str()) && !media_type && token.parse::<u64>().is_err()
        })
        .find_map(|token| upper_camel_case(token))
        .or_else(|| {
            let file = location.file().rsplit(['/', '\\']).next().unwrap_or("");
            upper_camel_case(file.split('.').next().unwrap_or(""))
        })
        .unwrap_or_else(|| "Schema".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::openapi::JsonPointer;

    #[test]
    fn names_from_locations() {
        let at =
            |file: &str, pointer: &str| Location::new(file, JsonPointer::parse(pointer).unwrap());
        assert_eq!(
            location_name(&at("a.yaml", "/components/parameters/limit/schema")),
            "Limit"
        );
        assert_eq!(location_name(&at("dir/pet.yaml", "")), "Pet");
        assert_eq!(
            location_name(&at("common.yaml", "/Pet/properties/tags/items")),
            "Tags"
        );
        assert_eq!(
            location_name(&at(
                "x",
                "/paths/~1pets/get/responses/200/content/application~1json/schema"
            )),
            "Pets"
        );
    }
}
