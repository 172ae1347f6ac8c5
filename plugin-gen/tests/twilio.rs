//! Twilio's core API: basic auth, form bodies, `.json` paths.

mod common;

use plugin_gen::model::{MediaKind, Model, OperationKind, Primitive, TypeKind, TypeRef};
use plugin_gen::openapi::{self, SecurityScheme};

fn twilio() -> Model {
    let spec = openapi::load(common::spec_path("twilio/twilio_api_v2010.json"))
        .expect("Twilio's spec loads");
    assert_eq!(spec.operations.len(), 197);
    let model = Model::from_spec(&spec).expect("Twilio's spec models");
    common::check_model(&model);
    model
}

#[test]
fn basic_auth_form_bodies_and_json_suffixed_paths() {
    let model = twilio();
    assert!(matches!(
        &model.security_schemes["accountSid_authToken"],
        SecurityScheme::Http { scheme, .. } if scheme == "basic"
    ));
    let calls = &model.resources["accounts_calls"];
    assert_eq!(calls.name, "accounts calls");
    assert_eq!(calls.type_prefix, "AccountCall");
    let create = &calls.operations["create"];
    assert_eq!(create.kind, OperationKind::Create);
    assert_eq!(
        create.path.template,
        "/2010-04-01/Accounts/{AccountSid}/Calls.json"
    );
    assert_eq!(create.path_params[0].name, "account_sid");
    let body = &create.request_body.as_ref().unwrap().contents[0];
    assert_eq!(body.kind, MediaKind::FormUrlEncoded);
    assert_eq!(
        body.ty,
        Some(TypeRef::Named("AccountCallCreateParams".into()))
    );
    let TypeKind::Struct(params) = &model.types["AccountCallCreateParams"].kind else {
        panic!()
    };
    let to = params.fields.iter().find(|f| f.wire_name == "To").unwrap();
    assert_eq!((to.name.as_str(), to.required), ("to", true));
    assert_eq!(calls.operations["list"].kind, OperationKind::List);
    for (_, op) in model.operations() {
        let schemes: Vec<Vec<&String>> = op.security.iter().map(|r| r.keys().collect()).collect();
        assert_eq!(schemes, [vec!["accountSid_authToken"]]);
    }
}

#[test]
fn objects_with_a_format_but_no_properties_are_maps() {
    let model = twilio();
    let TypeKind::Struct(account) = &model.types["ApiV2010Account"].kind else {
        panic!()
    };
    let uris = account
        .fields
        .iter()
        .find(|f| f.wire_name == "subresource_uris")
        .unwrap();
    assert_eq!(
        uris.ty,
        TypeRef::Nullable(Box::new(TypeRef::Map(Box::new(TypeRef::Primitive(
            Primitive::Any
        )))))
    );
}
