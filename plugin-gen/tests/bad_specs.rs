//! Bad input of every kind gives a typed error naming where it is.

use plugin_gen::model::{Model, ModelError};
use plugin_gen::openapi::{self, Format, SpecError};
use serde_json::{Map, Value, json};

/// A small valid document with `schema` as the response of `GET /pets`.
fn with_schema(schema: Value) -> Value {
    json!({
        "openapi": "3.0.3",
        "info": {"title": "t", "version": "1"},
        "paths": {"/pets": {"get": {"responses": {"200": {
            "description": "ok",
            "content": {"application/json": {"schema": schema}}
        }}}}},
        "components": {"schemas": {"Pet": {"type": "object", "properties": {"name": {"type": "string"}}}}}
    })
}

const SCHEMA_AT: &str = "/paths/~1pets/get/responses/200/content/application~1json/schema";

fn pointer_of(error: &SpecError) -> String {
    error
        .location()
        .expect("the error names a location")
        .pointer()
        .to_string()
}

#[test]
fn invalid_json_and_yaml_give_line_and_column() {
    let error = openapi::parse(
        "{\n  \"openapi\": \"3.0.3\",\n  \"info\": }\n",
        Format::Json,
    )
    .unwrap_err();
    let SpecError::Syntax { line, column, .. } = error else {
        panic!("{error}")
    };
    assert_eq!((line, column), (3, 11));
    let error = openapi::parse("openapi: 3.0.3\ninfo:\n  title: [a\n", Format::Yaml).unwrap_err();
    let SpecError::Syntax { line, .. } = &error else {
        panic!("{error}")
    };
    assert!(*line >= 3, "{error}");
    assert!(error.to_string().starts_with("<input>:"), "{error}");
}

#[test]
fn an_unresolved_reference_names_its_pointer() {
    let error =
        openapi::from_value(with_schema(json!({"$ref": "#/components/schemas/Nope"}))).unwrap_err();
    assert!(matches!(error, SpecError::UnresolvedRef { .. }), "{error}");
    assert_eq!(pointer_of(&error), format!("{SCHEMA_AT}/$ref"));
    assert!(
        error
            .to_string()
            .contains("point it at an existing definition"),
        "{error}"
    );
}

#[test]
fn remote_references_are_errors_except_in_examples() {
    let error = openapi::from_value(with_schema(
        json!({"$ref": "https://example.com/pet.json#/Pet"}),
    ))
    .unwrap_err();
    assert!(matches!(error, SpecError::RemoteRef { .. }), "{error}");
    assert_eq!(pointer_of(&error), format!("{SCHEMA_AT}/$ref"));
    let mut fine = with_schema(json!({
        "$ref": "#/components/schemas/Pet",
        "example": {"$ref": "https://example.com/example.json"}
    }));
    fine["paths"]["/pets"]["get"]["responses"]["200"]["content"]["application/json"]["examples"] =
        json!({"one": {"$ref": "http://example.com/examples/one.json"}});
    openapi::from_value(fine).expect("remote references inside examples are ignored");
}

#[test]
fn unsupported_constructs_are_named() {
    let error = openapi::from_value(with_schema(json!({"not": {"type": "string"}}))).unwrap_err();
    assert!(matches!(error, SpecError::Unsupported { .. }), "{error}");
    assert_eq!(pointer_of(&error), format!("{SCHEMA_AT}/not"));
    let error = openapi::from_value(with_schema(
        json!({"type": "array", "items": [{"type": "string"}]}),
    ))
    .unwrap_err();
    assert_eq!(pointer_of(&error), format!("{SCHEMA_AT}/items"));
    let error = openapi::from_value(with_schema(json!({
        "type": "object",
        "properties": {"a": {"type": "string"}},
        "oneOf": [{"type": "object"}]
    })))
    .unwrap_err();
    assert!(matches!(error, SpecError::Unsupported { .. }), "{error}");
}

#[test]
fn wrong_types_name_what_was_expected() {
    let mut doc = with_schema(json!({"type": "string"}));
    doc["paths"] = json!([]);
    let error = openapi::from_value(doc).unwrap_err();
    let SpecError::WrongType {
        at,
        expected,
        found,
    } = &error
    else {
        panic!("{error}")
    };
    assert_eq!(
        (at.pointer().as_str(), *expected, *found),
        ("/paths", "an object", "an array")
    );
    let error = openapi::from_value(with_schema(json!({"type": "object", "properties": "name"})))
        .unwrap_err();
    assert_eq!(pointer_of(&error), format!("{SCHEMA_AT}/properties"));
    let error =
        openapi::from_value(with_schema(json!({"type": "string", "nullable": "yes"}))).unwrap_err();
    assert_eq!(pointer_of(&error), format!("{SCHEMA_AT}/nullable"));
    let error = openapi::from_value(with_schema(json!({"type": "strin"}))).unwrap_err();
    assert!(error.to_string().contains("use string, integer"), "{error}");
    let error = openapi::from_value(json!([1, 2])).unwrap_err();
    assert!(matches!(error, SpecError::WrongType { .. }), "{error}");
}

#[test]
fn versions_and_required_fields_are_checked() {
    let error =
        openapi::from_value(json!({"swagger": "2.0", "info": {}, "paths": {}})).unwrap_err();
    assert!(
        matches!(error, SpecError::UnsupportedVersion { .. }),
        "{error}"
    );
    assert!(
        error.to_string().contains("convert it to OpenAPI 3"),
        "{error}"
    );
    let error =
        openapi::from_value(json!({"openapi": "4.0.0", "info": {}, "paths": {}})).unwrap_err();
    assert!(
        matches!(error, SpecError::UnsupportedVersion { .. }),
        "{error}"
    );
    let mut doc = with_schema(json!({}));
    doc.as_object_mut().unwrap().remove("info");
    let error = openapi::from_value(doc).unwrap_err();
    assert!(
        matches!(error, SpecError::Missing { field: "info", .. }),
        "{error}"
    );
}

#[test]
fn parameters_are_checked_against_their_location_and_the_path() {
    let doc = |parameter: Value, path: &str| {
        json!({
            "openapi": "3.0.3",
            "info": {"title": "t", "version": "1"},
            "paths": {path: {"get": {"parameters": [parameter], "responses": {"200": {"description": "ok"}}}}}
        })
    };
    let error = openapi::from_value(doc(
        json!({"name": "id", "in": "path", "required": true, "style": "deepObject", "schema": {"type": "string"}}),
        "/pets/{id}",
    ))
    .unwrap_err();
    assert_eq!(
        pointer_of(&error),
        "/paths/~1pets~1{id}/get/parameters/0/style"
    );
    assert!(
        error
            .to_string()
            .contains("use one of matrix, label, simple"),
        "{error}"
    );
    let error = openapi::from_value(doc(
        json!({"name": "q", "in": "query", "schema": {}}),
        "/pets/{id}",
    ))
    .unwrap_err();
    assert!(
        error
            .to_string()
            .contains("declares no path parameter 'id'"),
        "{error}"
    );
    let error = openapi::from_value(doc(
        json!({"name": "q", "in": "body", "schema": {}}),
        "/pets",
    ))
    .unwrap_err();
    assert_eq!(pointer_of(&error), "/paths/~1pets/get/parameters/0/in");
    let error = openapi::from_value(doc(json!({"name": "q", "in": "query"}), "/pets")).unwrap_err();
    assert!(error.to_string().contains("needs 'schema'"), "{error}");
}

#[test]
fn responses_security_and_servers_are_checked() {
    let mut doc = with_schema(json!({}));
    doc["paths"]["/pets"]["get"]["responses"]["2000"] = json!({"description": "?"});
    let error = openapi::from_value(doc).unwrap_err();
    assert_eq!(pointer_of(&error), "/paths/~1pets/get/responses/2000");
    let mut doc = with_schema(json!({}));
    doc["security"] = json!([{"oauth": []}]);
    let error = openapi::from_value(doc).unwrap_err();
    assert!(error.to_string().contains("scheme 'oauth'"), "{error}");
    let mut doc = with_schema(json!({}));
    doc["servers"] = json!([{"url": "https://{region}.example.com"}]);
    let error = openapi::from_value(doc).unwrap_err();
    assert_eq!(pointer_of(&error), "/servers/0/url");
    let mut doc = with_schema(json!({}));
    doc["components"]["securitySchemes"] =
        json!({"k": {"type": "apiKey", "name": "k", "in": "body"}});
    let error = openapi::from_value(doc).unwrap_err();
    assert_eq!(pointer_of(&error), "/components/securitySchemes/k/in");
}

#[test]
fn reference_chains_that_loop_are_refused() {
    let mut doc = with_schema(json!({"$ref": "#/components/schemas/A"}));
    doc["components"]["schemas"]["A"] = json!({"$ref": "#/components/schemas/B"});
    doc["components"]["schemas"]["B"] = json!({"$ref": "#/components/schemas/A"});
    let error = openapi::from_value(doc).unwrap_err();
    assert!(matches!(error, SpecError::RefCycle { .. }), "{error}");
    let mut doc = with_schema(json!({}));
    doc["paths"]["/pets"]["get"]["parameters"] = json!([{"$ref": "#/components/parameters/p"}]);
    doc["components"]["parameters"] = json!({"p": {"$ref": "#/components/parameters/p"}});
    let error = openapi::from_value(doc).unwrap_err();
    assert!(matches!(error, SpecError::RefCycle { .. }), "{error}");
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    // Built by hand: `json!` would copy the value recursively.
    let mut schema = json!({"type": "string"});
    for _ in 0..500 {
        let mut properties = Map::new();
        properties.insert("a".to_owned(), schema);
        let mut object = Map::new();
        object.insert("type".to_owned(), json!("object"));
        object.insert("properties".to_owned(), Value::Object(properties));
        schema = Value::Object(object);
    }
    let mut doc = with_schema(json!({}));
    *doc.pointer_mut("/paths/~1pets/get/responses/200/content/application~1json/schema")
        .unwrap() = schema;
    let error = openapi::from_value(doc).unwrap_err();
    assert!(matches!(error, SpecError::TooDeep { .. }), "{error}");
    let text = format!("{}{}", "{\"a\":".repeat(100_000), "}".repeat(100_000));
    assert!(matches!(
        openapi::parse(&text, Format::Json),
        Err(SpecError::Syntax { .. })
    ));
    let yaml = "- ".repeat(100_000);
    assert!(matches!(
        openapi::parse(&yaml, Format::Yaml),
        Err(SpecError::Syntax { .. })
    ));
}

#[test]
fn recursive_schemas_are_fine() {
    let mut doc = with_schema(json!({"$ref": "#/components/schemas/Node"}));
    doc["components"]["schemas"]["Node"] = json!({
        "type": "object",
        "properties": {
            "next": {"$ref": "#/components/schemas/Node"},
            "children": {"type": "array", "items": {"$ref": "#/components/schemas/Node"}}
        }
    });
    let spec = openapi::from_value(doc).unwrap();
    assert_eq!(spec.component_cycles(), [vec!["Node".to_owned()]]);
    Model::from_spec(&spec).unwrap();
}

#[test]
fn model_errors_name_the_schema() {
    let spec = openapi::from_value(with_schema(json!({
        "allOf": [{"$ref": "#/components/schemas/Pet"}, {"type": "string"}]
    })))
    .unwrap();
    let error = Model::from_spec(&spec).unwrap_err();
    let ModelError::Unsupported { at, construct, .. } = &error else {
        panic!("{error}")
    };
    assert_eq!(at.pointer().as_str(), SCHEMA_AT);
    assert!(construct.contains("an object with a string"), "{error}");
    let spec =
        openapi::from_value(with_schema(json!({"type": "number", "enum": [1.5, 2.5]}))).unwrap();
    let error = Model::from_spec(&spec).unwrap_err();
    assert!(error.to_string().contains("1.5"), "{error}");
    assert_eq!(error.location().pointer().as_str(), SCHEMA_AT);
}
