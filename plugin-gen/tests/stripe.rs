//! The acceptance case: Stripe's full spec loads and models.

mod common;

use std::sync::OnceLock;

use plugin_gen::model::{
    EnumValue, MediaKind, Model, OperationKind, Pagination, Primitive, Tagging, TypeKind, TypeRef,
};
use plugin_gen::openapi::{self, Method, SecurityScheme, Spec, StatusKey, Style};

fn stripe() -> &'static (Spec, Model) {
    static STRIPE: OnceLock<(Spec, Model)> = OnceLock::new();
    STRIPE.get_or_init(|| {
        let spec =
            openapi::load(common::spec_path("stripe/spec3.json")).expect("Stripe's spec loads");
        let model = Model::from_spec(&spec).expect("Stripe's spec models");
        (spec, model)
    })
}

fn struct_fields<'m>(model: &'m Model, name: &str) -> &'m plugin_gen::model::StructDef {
    match &model.types[name].kind {
        TypeKind::Struct(def) => def,
        other => panic!("{name} is not a struct: {other:?}"),
    }
}

#[test]
fn every_operation_loads_and_is_modelled_once() {
    let (spec, model) = stripe();
    assert_eq!(spec.operations.len(), 468);
    assert_eq!(spec.component_schemas.len(), 819);
    assert_eq!(model.operations().count(), 468);
    let mut seen: Vec<_> = model
        .operations()
        .map(|(_, op)| (op.path.template.clone(), op.method))
        .collect();
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), 468, "two commands for one operation");
    common::check_model(model);
}

#[test]
fn the_known_cycles_are_found() {
    let (spec, model) = stripe();
    let cycles = spec.component_cycles();
    let mut sizes: Vec<usize> = cycles.iter().map(Vec::len).collect();
    sizes.sort_unstable();
    assert_eq!(sizes, [1, 2, 2, 2, 14, 71]);
    for expected in [
        vec!["issuing.card"],
        vec!["price", "product"],
        vec!["file", "file_link"],
        vec!["credit_note", "customer_balance_transaction"],
    ] {
        assert!(
            cycles.iter().any(|c| c == &expected),
            "missing cycle {expected:?}"
        );
    }
    let card_group = model
        .recursive_groups
        .iter()
        .find(|group| group.contains(&"IssuingCard".to_owned()))
        .expect("IssuingCard holds itself by value");
    assert!(card_group.len() >= 2, "{card_group:?}");
    let card = struct_fields(model, "IssuingCard");
    let replaced_by = card
        .fields
        .iter()
        .find(|f| f.wire_name == "replaced_by")
        .unwrap();
    assert!(replaced_by.boxed, "{replaced_by:?}");
}

#[test]
fn time_zones_that_differ_by_sign_stay_distinct() {
    let (_, model) = stripe();
    let mut found = 0;
    for def in model.types.values() {
        let TypeKind::Enum(def) = &def.kind else {
            continue;
        };
        let name_of = |wire: &str| {
            def.variants
                .iter()
                .find(|v| v.value == EnumValue::String(wire.to_owned()))
                .map(|v| v.name.as_str())
        };
        if let (Some(plus), Some(minus)) = (name_of("Etc/GMT+0"), name_of("Etc/GMT-0")) {
            assert_eq!((plus, minus), ("EtcGmtPlus0", "EtcGmtMinus0"));
            assert_eq!(name_of("Etc/GMT-13"), Some("EtcGmtMinus13"));
            found += 1;
        }
    }
    assert!(found > 0, "no enum lists Etc/GMT+0 and Etc/GMT-0");
}

#[test]
fn customers_create_takes_a_nested_form_body() {
    let (_, model) = stripe();
    let customers = &model.resources["customers"];
    assert_eq!(customers.name, "customers");
    assert_eq!(customers.type_prefix, "Customer");
    let create = &customers.operations["create"];
    assert_eq!(
        (create.kind, create.method),
        (OperationKind::Create, Method::Post)
    );
    assert_eq!(create.path.template, "/v1/customers");
    let body = create.request_body.as_ref().expect("a body");
    let form = &body.contents[0];
    assert_eq!(form.kind, MediaKind::FormUrlEncoded);
    assert_eq!(form.ty, Some(TypeRef::Named("CustomerCreateParams".into())));
    let address_encoding = form.encoding_for("address");
    assert_eq!(
        (address_encoding.style, address_encoding.explode),
        (Some(Style::DeepObject), Some(true))
    );
    let params = struct_fields(model, "CustomerCreateParams");
    assert!(params.closed);
    let address = params
        .fields
        .iter()
        .find(|f| f.wire_name == "address")
        .unwrap();
    let TypeKind::Union(address) = &model.types[address.ty.named_by_value().unwrap()].kind else {
        panic!("address is an object or an empty string")
    };
    let names: Vec<&str> = address.variants.iter().map(|v| v.name.as_str()).collect();
    assert_eq!(names, ["OptionalFieldsAddress", "Empty"]);
    assert_eq!(
        address.variants[1].ty,
        TypeRef::Primitive(Primitive::EmptyString)
    );
    let object = struct_fields(model, address.variants[0].ty.named_by_value().unwrap());
    let wire: Vec<&str> = object.fields.iter().map(|f| f.wire_name.as_str()).collect();
    assert_eq!(
        wire,
        ["city", "country", "line1", "line2", "postal_code", "state"]
    );
    let metadata = params
        .fields
        .iter()
        .find(|f| f.wire_name == "metadata")
        .unwrap();
    assert!(!metadata.required);
    let invoice_settings = params
        .fields
        .iter()
        .find(|f| f.wire_name == "invoice_settings")
        .unwrap();
    let settings = struct_fields(model, invoice_settings.ty.named_by_value().unwrap());
    assert!(
        settings
            .fields
            .iter()
            .any(|f| f.wire_name == "custom_fields")
    );
}

#[test]
fn customers_list_takes_deep_object_queries_and_pages_by_cursor() {
    let (_, model) = stripe();
    let list = &model.resources["customers"].operations["list"];
    assert_eq!(list.kind, OperationKind::List);
    assert_eq!(list.query_type.as_deref(), Some("CustomerListQuery"));
    let created = list
        .query_params
        .iter()
        .find(|p| p.wire_name == "created")
        .unwrap();
    assert_eq!((created.style, created.explode), (Style::DeepObject, true));
    let TypeKind::Union(created_type) = &model.types[created.ty.named_by_value().unwrap()].kind
    else {
        panic!("created is a range or a timestamp")
    };
    let range = struct_fields(model, created_type.variants[0].ty.named_by_value().unwrap());
    let bounds: Vec<&str> = range.fields.iter().map(|f| f.wire_name.as_str()).collect();
    assert_eq!(bounds, ["gt", "gte", "lt", "lte"]);
    assert_eq!(created_type.variants[1].name, "Integer");
    let query = struct_fields(model, "CustomerListQuery");
    assert_eq!(query.fields.len(), list.query_params.len());
    match &list.pagination {
        Some(Pagination::Cursor {
            starting_after,
            ending_before,
            limit,
            data_field,
            has_more_field,
            item,
        }) => {
            assert_eq!(starting_after, "starting_after");
            assert_eq!(ending_before.as_deref(), Some("ending_before"));
            assert_eq!(limit.as_deref(), Some("limit"));
            assert_eq!(
                (data_field.as_str(), has_more_field.as_str()),
                ("data", "has_more")
            );
            assert_eq!(item, &TypeRef::Named("Customer".into()));
        }
        other => panic!("customers list pages by cursor, not {other:?}"),
    }
    let search = &model.resources["customers"].operations["search"];
    assert!(
        matches!(search.pagination, Some(Pagination::PageToken { .. })),
        "{:?}",
        search.pagination
    );
}

#[test]
fn every_list_with_a_cursor_parameter_is_paged() {
    let (_, model) = stripe();
    let mut paged = 0;
    for (resource, op) in model.operations() {
        if op
            .query_params
            .iter()
            .any(|p| p.wire_name == "starting_after")
        {
            assert!(
                matches!(op.pagination, Some(Pagination::Cursor { .. })),
                "{} {} is not paged",
                resource.name,
                op.command
            );
            paged += 1;
        }
    }
    assert!(paged > 90, "only {paged} paged lists");
    let lists = model
        .operations()
        .filter(|(_, op)| op.kind == OperationKind::List)
        .count();
    assert!(lists >= paged - 10, "{lists} lists, {paged} paged");
}

#[test]
fn every_operation_accepts_basic_or_bearer_and_has_a_default_error() {
    let (_, model) = stripe();
    assert!(
        matches!(&model.security_schemes["basicAuth"], SecurityScheme::Http { scheme, .. } if scheme == "basic")
    );
    assert!(
        matches!(&model.security_schemes["bearerAuth"], SecurityScheme::Http { scheme, .. } if scheme == "bearer")
    );
    for (_, op) in model.operations() {
        let schemes: Vec<Vec<&String>> = op.security.iter().map(|r| r.keys().collect()).collect();
        assert_eq!(
            schemes,
            [vec!["basicAuth"], vec!["bearerAuth"]],
            "{}",
            op.path.template
        );
        let default = &op.responses[&StatusKey::Default];
        assert_eq!(default.contents[0].ty, Some(TypeRef::Named("Error".into())));
    }
    assert_eq!(model.servers[0].default_url(), "https://api.stripe.com/");
}

#[test]
fn resources_follow_paths_and_actions_keep_their_verb() {
    let (_, model) = stripe();
    let sources = &model.resources["customers_sources"];
    assert_eq!(sources.name, "customers sources");
    assert_eq!(sources.type_prefix, "CustomerSource");
    assert_eq!(sources.operations["verify"].kind, OperationKind::Action);
    assert_eq!(
        model.resources["checkout_sessions"].operations["expire"].kind,
        OperationKind::Action
    );
    assert_eq!(
        model.resources["balance"].operations["retrieve"].kind,
        OperationKind::Retrieve
    );
    assert_eq!(
        model.resources["customers"].operations["delete"].kind,
        OperationKind::Delete
    );
    assert_eq!(
        model.resources["customers"].operations["update"].method,
        Method::Post
    );
    assert_eq!(
        model.resources["payment_intents"].operations["confirm"].kind,
        OperationKind::Action
    );
    assert_eq!(model.resources["account"].type_prefix, "Account");
    assert_eq!(model.resources["accounts"].type_prefix, "Accounts");
}

#[test]
fn expandable_fields_are_untagged_unions_of_an_id_and_the_object() {
    let (_, model) = stripe();
    let charge = struct_fields(model, "Charge");
    let customer = charge
        .fields
        .iter()
        .find(|f| f.wire_name == "customer")
        .unwrap();
    let TypeRef::Nullable(inner) = &customer.ty else {
        panic!("charge.customer is nullable: {:?}", customer.ty)
    };
    let TypeKind::Union(union) = &model.types[inner.named_by_value().unwrap()].kind else {
        panic!("charge.customer is a union")
    };
    assert_eq!(union.tagging, Tagging::Untagged);
    let variants: Vec<(&str, &TypeRef)> = union
        .variants
        .iter()
        .map(|v| (v.name.as_str(), &v.ty))
        .collect();
    assert_eq!(variants[0].0, "String");
    assert_eq!(
        variants[1],
        ("Customer", &TypeRef::Named("Customer".into()))
    );
}

#[test]
fn an_inline_type_never_takes_a_component_name() {
    let (spec, model) = stripe();
    for name in spec.component_schemas.keys() {
        let rust = plugin_gen::naming::type_name(name);
        let def = model
            .types
            .get(&rust)
            .unwrap_or_else(|| panic!("no type {rust} for {name}"));
        assert!(
            def.component.is_some(),
            "{rust} was taken by an inline type"
        );
    }
    let inline_suffixed = model
        .types
        .values()
        .filter(|def| def.component.is_none() && def.name.ends_with('2'))
        .count();
    assert!(
        inline_suffixed > 0,
        "Stripe has inline types that yield to components"
    );
}

#[test]
fn loading_twice_gives_the_same_model() {
    let (_, model) = stripe();
    let again =
        Model::from_spec(&openapi::load(common::spec_path("stripe/spec3.json")).unwrap()).unwrap();
    assert!(&again == model, "the model differs between two runs");
}
