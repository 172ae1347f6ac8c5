//! The petstore examples: all three load and model.

mod common;

use plugin_gen::model::{
    MediaKind, Model, OperationKind, Primitive, StringFormat, TypeKind, TypeRef,
};
use plugin_gen::openapi::{self, ApiKeyLocation, SecurityScheme, StatusKey, Style};

fn model_of(relative: &str) -> Model {
    let spec =
        openapi::load(common::spec_path(relative)).unwrap_or_else(|e| panic!("{relative}: {e}"));
    let model = Model::from_spec(&spec).unwrap_or_else(|e| panic!("{relative}: {e}"));
    common::check_model(&model);
    model
}

#[test]
fn petstore_has_different_types_for_200_and_default() {
    let model = model_of("petstore/oai-petstore-3.0.json");
    let list = &model.resources["pets"].operations["list"];
    assert_eq!(list.kind, OperationKind::List);
    let ok = &list.responses[&StatusKey::Code(200)];
    let default = &list.responses[&StatusKey::Default];
    assert_eq!(ok.contents[0].ty, Some(TypeRef::Named("Pets".into())));
    assert_eq!(default.contents[0].ty, Some(TypeRef::Named("Error".into())));
    let TypeKind::Alias(pets) = &model.types["Pets"].kind else {
        panic!("Pets is a list")
    };
    assert_eq!(
        pets.ty,
        TypeRef::Array(Box::new(TypeRef::Named("Pet".into())))
    );
    let next = ok.headers.iter().find(|h| h.wire_name == "x-next").unwrap();
    assert_eq!(next.name, "x_next");
    assert_eq!(
        model.resources["pets"].operations["retrieve"].path_params[0].name,
        "pet_id"
    );
}

#[test]
fn expanded_petstore_merges_all_of() {
    let model = model_of("petstore/oai-petstore-expanded-3.0.json");
    let TypeKind::Struct(pet) = &model.types["Pet"].kind else {
        panic!("Pet is a struct")
    };
    let fields: Vec<(&str, bool)> = pet
        .fields
        .iter()
        .map(|f| (f.wire_name.as_str(), f.required))
        .collect();
    assert_eq!(fields, [("id", true), ("name", true), ("tag", false)]);
    let list = &model.resources["pets"].operations["list"];
    let tags = list
        .query_params
        .iter()
        .find(|p| p.wire_name == "tags")
        .unwrap();
    assert_eq!((tags.style, tags.explode), (Style::Form, true));
    assert_eq!(
        tags.ty,
        TypeRef::Array(Box::new(TypeRef::Primitive(Primitive::String(
            StringFormat::Plain
        ))))
    );
    assert_eq!(list.query_type.as_deref(), Some("PetListQuery"));
}

#[test]
fn swagger_petstore_has_oauth_api_keys_and_three_body_formats() {
    let model = model_of("petstore/swagger-petstore3-openapi.json");
    let SecurityScheme::OAuth2 { flows, .. } = &model.security_schemes["petstore_auth"] else {
        panic!("petstore_auth is oauth2")
    };
    let implicit = flows.implicit.as_ref().expect("an implicit flow");
    assert_eq!(
        implicit.authorization_url.as_deref(),
        Some("https://petstore3.swagger.io/oauth/authorize")
    );
    assert!(implicit.scopes.contains_key("write:pets"));
    assert!(matches!(
        &model.security_schemes["api_key"],
        SecurityScheme::ApiKey { name, location: ApiKeyLocation::Header, .. } if name == "api_key"
    ));
    let retrieve = &model.resources["pet"].operations["retrieve"];
    let alternatives: Vec<Vec<&String>> = retrieve
        .security
        .iter()
        .map(|r| r.keys().collect())
        .collect();
    assert_eq!(alternatives, [vec!["api_key"], vec!["petstore_auth"]]);
    let create = &model.resources["pet"].operations["create"];
    let body = create.request_body.as_ref().unwrap();
    let kinds: Vec<MediaKind> = body.contents.iter().map(|c| c.kind).collect();
    assert_eq!(
        kinds,
        [MediaKind::Json, MediaKind::FormUrlEncoded, MediaKind::Xml]
    );
    assert!(
        body.contents
            .iter()
            .all(|c| c.ty == Some(TypeRef::Named("Pet".into())))
    );
    let upload = &model.resources["pet"].operations["upload_image"];
    let octets = &upload.request_body.as_ref().unwrap().contents[0];
    assert_eq!(octets.kind, MediaKind::Binary);
    assert_eq!(
        octets.ty,
        Some(TypeRef::Primitive(Primitive::String(StringFormat::Binary)))
    );
    assert_eq!(
        model.resources["user"].operations["login"].kind,
        OperationKind::Action
    );
    assert_eq!(model.servers[0].url, "https://petstore3.swagger.io/api/v3");
}

#[test]
fn yaml_and_json_give_the_same_model() {
    let from_json = model_of("petstore/swagger-petstore3-openapi.json");
    let from_yaml = model_of("petstore/swagger-petstore3-openapi.yaml");
    let render = |model: &Model| {
        format!("{model:?}")
            .replace("swagger-petstore3-openapi.json", "FILE")
            .replace("swagger-petstore3-openapi.yaml", "FILE")
    };
    assert_eq!(render(&from_json), render(&from_yaml));
}
