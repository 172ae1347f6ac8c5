//! References to other local files, cycles across files included.

mod common;

use plugin_gen::model::{Model, Primitive, StringFormat, TypeKind, TypeRef};
use plugin_gen::openapi::{self, SpecError};

#[test]
fn references_across_files_resolve_and_their_cycles_are_boxed() {
    let spec = openapi::load(common::spec_path("multi/root.yaml")).expect("the document set loads");
    let model = Model::from_spec(&spec).expect("and models");
    common::check_model(&model);
    let pets = &model.resources["pets"].operations["list"];
    assert_eq!(
        pets.success().unwrap().1.contents[0].ty,
        Some(TypeRef::Named("PetList".into()))
    );
    let TypeKind::Struct(owner) = &model.types["Owner"].kind else {
        panic!("Owner is a struct")
    };
    let best = owner.fields.iter().find(|f| f.wire_name == "best").unwrap();
    assert_eq!(best.ty, TypeRef::Named("Pet".into()));
    assert!(best.boxed, "Owner.best holds a Pet that holds an Owner");
    let pets_field = owner.fields.iter().find(|f| f.wire_name == "pets").unwrap();
    assert!(!pets_field.boxed, "a Vec needs no box");
    let id = &model.resources["owners"].operations["retrieve"].path_params[0];
    assert_eq!(id.ty, TypeRef::Named("Id".into()));
    let TypeKind::Alias(alias) = &model.types["Id"].kind else {
        panic!("Id is an alias")
    };
    assert_eq!(
        alias.ty,
        TypeRef::Primitive(Primitive::String(StringFormat::Uuid))
    );
    assert_eq!(
        model.recursive_groups,
        [vec!["Owner".to_owned(), "Pet".to_owned()]]
    );
    let TypeKind::Struct(escapes) = &model.types["UsesEscapes"].kind else {
        panic!()
    };
    assert_eq!(escapes.fields[0].ty, TypeRef::Named("AB".into()));
    let pet = &model.types["Pet"];
    assert_eq!(pet.origin.file(), "pets.yaml");
    assert_eq!(pet.origin.pointer().as_str(), "/components/schemas/Pet");
}

#[test]
fn a_missing_file_is_an_unresolved_reference_naming_the_pointer() {
    let error = openapi::load(common::spec_path("bad/missing-file.yaml")).unwrap_err();
    let SpecError::UnresolvedRef {
        at,
        reference,
        reason,
    } = &error
    else {
        panic!("unexpected {error}")
    };
    assert_eq!(reference, "nowhere.yaml#/Thing");
    assert!(
        at.to_string()
            .ends_with("#/paths/~1things/get/responses/200/content/application~1json/schema/$ref"),
        "{at}"
    );
    assert!(reason.contains("nowhere.yaml"), "{reason}");
}

#[test]
fn a_broken_neighbour_reports_its_own_line() {
    let error = openapi::load(common::spec_path("bad/broken-neighbour.yaml")).unwrap_err();
    let SpecError::Syntax { file, line, .. } = &error else {
        panic!("unexpected {error}")
    };
    assert_eq!(file, "broken.yaml");
    assert!(*line >= 3, "{error}");
}

#[test]
fn a_file_reference_in_text_has_no_folder_to_start_from() {
    let text = std::fs::read_to_string(common::spec_path("multi/root.yaml")).unwrap();
    let error = openapi::parse(&text, openapi::Format::Yaml).unwrap_err();
    assert!(matches!(error, SpecError::UnresolvedRef { .. }), "{error}");
    assert!(error.to_string().contains("openapi::load"), "{error}");
}
