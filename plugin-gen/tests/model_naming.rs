//! Names in the model: readable, never colliding, always the same.

mod common;

use plugin_gen::model::{EnumValue, Model, Primitive, StringFormat, Tagging, TypeKind, TypeRef};
use plugin_gen::openapi::{self, Format};

fn model(yaml: &str) -> Model {
    let spec = openapi::parse(yaml, Format::Yaml).unwrap_or_else(|e| panic!("{e}"));
    let model = Model::from_spec(&spec).unwrap_or_else(|e| panic!("{e}"));
    common::check_model(&model);
    model
}

const HEADER: &str = "openapi: 3.1.0\ninfo: { title: t, version: '1' }\n";

fn with_components(components: &str) -> String {
    format!("{HEADER}paths: {{}}\ncomponents:\n  schemas:\n{components}")
}

#[test]
fn an_inline_type_yields_to_a_component_of_the_same_name() {
    let model = model(&with_components(
        "    customer:
      type: object
      properties:
        address: { type: object, properties: { city: { type: string } } }
    CustomerAddress:
      type: object
      properties: { line1: { type: string } }
",
    ));
    assert_eq!(
        model.types["CustomerAddress"].component.as_deref(),
        Some("CustomerAddress")
    );
    let TypeKind::Struct(customer) = &model.types["Customer"].kind else {
        panic!()
    };
    assert_eq!(
        customer.fields[0].ty,
        TypeRef::Named("CustomerAddress2".into())
    );
    assert!(model.types["CustomerAddress2"].component.is_none());
}

#[test]
fn keywords_digits_and_collisions_in_fields() {
    let model = model(&with_components(
        "    3DSecure:
      type: object
      properties:
        type: { type: string }
        match: { type: string }
        self: { type: string }
        3d_secure: { type: boolean }
        fooBar: { type: string }
        foo_bar: { type: string }
    String:
      type: string
",
    ));
    let TypeKind::Struct(def) = &model.types["N3dSecure"].kind else {
        panic!("{:?}", model.types.keys())
    };
    let names: Vec<(&str, &str)> = def
        .fields
        .iter()
        .map(|f| (f.wire_name.as_str(), f.name.as_str()))
        .collect();
    assert_eq!(
        names,
        [
            ("3d_secure", "_3d_secure"),
            ("fooBar", "foo_bar"),
            ("foo_bar", "foo_bar_2"),
            ("match", "r#match"),
            ("self", "self_"),
            ("type", "r#type"),
        ]
    );
    assert!(
        model.types.contains_key("String2"),
        "String is the prelude's"
    );
    assert!(!model.types.contains_key("String"));
}

#[test]
fn enum_variants_survive_signs_and_sentinels() {
    let model = model(&with_components(
        "    tz:
      type: string
      enum: [Etc/GMT+0, Etc/GMT-0, America/Port-au-Prince, '']
    level:
      type: integer
      enum: [1, 2, -1]
    clear:
      anyOf:
        - { type: object, properties: { a: { type: string } } }
        - { type: string, enum: [''] }
    kind:
      const: fixed
",
    ));
    let variants = |name: &str| match &model.types[name].kind {
        TypeKind::Enum(def) => def
            .variants
            .iter()
            .map(|v| (v.name.clone(), v.value.clone()))
            .collect::<Vec<_>>(),
        other => panic!("{name}: {other:?}"),
    };
    let tz = variants("Tz");
    let names: Vec<&str> = tz.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "EtcGmtPlus0",
            "EtcGmtMinus0",
            "AmericaPortAuPrince",
            "Empty"
        ]
    );
    assert_eq!(
        variants("Level"),
        [
            ("N1".to_owned(), EnumValue::Integer(1)),
            ("N2".to_owned(), EnumValue::Integer(2)),
            ("Minus1".to_owned(), EnumValue::Integer(-1))
        ]
    );
    assert_eq!(
        variants("Kind"),
        [("Fixed".to_owned(), EnumValue::String("fixed".into()))]
    );
    let TypeKind::Union(clear) = &model.types["Clear"].kind else {
        panic!()
    };
    assert_eq!(
        clear.variants[1].ty,
        TypeRef::Primitive(Primitive::EmptyString)
    );
    assert_eq!(clear.variants[0].name, "Object");
    assert_eq!(clear.variants[0].ty, TypeRef::Named("ClearObject".into()));
}

#[test]
fn type_arrays_and_nullable_in_both_versions() {
    let model = model(&with_components(
        "    thing:
      type: object
      properties:
        maybe: { type: [string, 'null'], format: date-time }
        either: { type: [string, integer] }
        legacy: { type: string, nullable: true }
        ref: { anyOf: [{ $ref: '#/components/schemas/other' }, { type: 'null' }] }
    other:
      type: object
      properties: { x: { type: string } }
",
    ));
    let TypeKind::Struct(thing) = &model.types["Thing"].kind else {
        panic!()
    };
    let ty = |wire: &str| {
        thing
            .fields
            .iter()
            .find(|f| f.wire_name == wire)
            .unwrap()
            .ty
            .clone()
    };
    let nullable = |inner: TypeRef| TypeRef::Nullable(Box::new(inner));
    assert_eq!(
        ty("maybe"),
        nullable(TypeRef::Primitive(Primitive::String(
            StringFormat::DateTime
        )))
    );
    assert_eq!(
        ty("legacy"),
        nullable(TypeRef::Primitive(Primitive::String(StringFormat::Plain)))
    );
    assert_eq!(ty("ref"), nullable(TypeRef::Named("Other".into())));
    let TypeKind::Union(either) = &model.types[ty("either").named_by_value().unwrap()].kind else {
        panic!()
    };
    let names: Vec<&str> = either.variants.iter().map(|v| v.name.as_str()).collect();
    assert_eq!(names, ["String", "Integer"]);
}

#[test]
fn discriminated_unions_list_their_tags() {
    let model = model(&with_components(
        "    Pet:
      oneOf: [{ $ref: '#/components/schemas/Cat' }, { $ref: '#/components/schemas/Dog' }]
      discriminator:
        propertyName: petType
        mapping: { cat: Cat, kitty: '#/components/schemas/Cat' }
    Cat: { type: object, properties: { petType: { type: string } } }
    Dog: { type: object, properties: { petType: { type: string } } }
",
    ));
    let TypeKind::Union(pet) = &model.types["Pet"].kind else {
        panic!()
    };
    assert_eq!(
        pet.tagging,
        Tagging::Discriminated {
            property: "petType".into()
        }
    );
    assert!(pet.exclusive);
    let tags: Vec<(&str, Vec<String>)> = pet
        .variants
        .iter()
        .map(|v| (v.name.as_str(), v.tags.clone()))
        .collect();
    assert_eq!(
        tags,
        [
            ("Cat", vec!["cat".to_owned(), "kitty".to_owned()]),
            ("Dog", vec!["Dog".to_owned()])
        ]
    );
}

#[test]
fn recursion_boxes_only_what_is_held_by_value() {
    let model = model(&with_components(
        "    node:
      type: object
      properties:
        parent: { $ref: '#/components/schemas/node' }
        children: { type: array, items: { $ref: '#/components/schemas/node' } }
        labels: { type: object, additionalProperties: { $ref: '#/components/schemas/node' } }
",
    ));
    let TypeKind::Struct(node) = &model.types["Node"].kind else {
        panic!()
    };
    let boxed: Vec<(&str, bool)> = node
        .fields
        .iter()
        .map(|f| (f.wire_name.as_str(), f.boxed))
        .collect();
    assert_eq!(
        boxed,
        [("children", false), ("labels", false), ("parent", true)]
    );
    assert_eq!(model.recursive_groups, [vec!["Node".to_owned()]]);
}

#[test]
fn operations_name_their_types_after_resource_and_command() {
    let yaml = format!(
        "{HEADER}paths:
  /v1/customers:
    get:
      parameters:
        - {{ name: limit, in: query, schema: {{ type: integer }} }}
        - {{ name: created, in: query, style: deepObject, explode: true,
            schema: {{ type: object, properties: {{ gt: {{ type: integer }} }} }} }}
      responses:
        '200':
          description: ok
          content: {{ application/json: {{ schema: {{ type: object, properties: {{ data: {{ type: array }} }} }} }} }}
        4XX:
          description: client error
          content: {{ application/json: {{ schema: {{ type: object, properties: {{ message: {{ type: string }} }} }} }} }}
  /v1/customers/{{id}}/tax_ids:
    post:
      parameters: [{{ name: id, in: path, required: true, schema: {{ type: string }} }}]
      requestBody:
        content:
          multipart/form-data: {{ schema: {{ type: object, properties: {{ file: {{ type: string, format: binary }} }} }} }}
      responses: {{ default: {{ description: error }} }}
"
    );
    let model = model(&yaml);
    let list = &model.resources["customers"].operations["list"];
    assert_eq!(list.query_type.as_deref(), Some("CustomerListQuery"));
    assert_eq!(
        list.query_params[0].ty,
        TypeRef::Named("CustomerListQueryCreated".into())
    );
    let status: Vec<String> = list.responses.keys().map(ToString::to_string).collect();
    assert_eq!(status, ["200", "4XX"]);
    let names: Vec<Option<TypeRef>> = list
        .responses
        .values()
        .map(|r| r.contents[0].ty.clone())
        .collect();
    assert_eq!(
        names,
        [
            Some(TypeRef::Named("CustomerListResponse".into())),
            Some(TypeRef::Named("CustomerListResponse4xx".into()))
        ]
    );
    let create = &model.resources["customers_tax_ids"].operations["create"];
    assert_eq!(
        create.request_body.as_ref().unwrap().contents[0].ty,
        Some(TypeRef::Named("CustomerTaxIdCreateParams".into()))
    );
}

#[test]
fn the_same_input_gives_the_same_model() {
    let text = common::spec_text("petstore/swagger-petstore3-openapi.yaml");
    let first = format!("{:?}", model(&text));
    for _ in 0..3 {
        assert_eq!(format!("{:?}", model(&text)), first);
    }
}
