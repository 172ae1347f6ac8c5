//! Command names: CRUD where the method and path say so, else a verb.

use crate::naming::snake_case;
use crate::openapi::{Method, Operation, ParameterLocation, SchemaKind, Spec};

use super::grouping::Placement;
use super::operation::{MediaKind, OperationKind};

/// Query parameters that mark a GET on a collection as a list.
const PAGING_PARAMS: [&str; 9] = [
    "limit",
    "page",
    "page_size",
    "per_page",
    "offset",
    "cursor",
    "starting_after",
    "ending_before",
    "page_token",
];

/// Response properties that mark a GET on a collection as a list.
const PAGING_FIELDS: [&str; 5] = [
    "has_more",
    "next_page",
    "next_page_uri",
    "next_cursor",
    "next",
];

/// What an operation does, and the command name it would like.
pub(crate) fn classify(
    spec: &Spec,
    op: &Operation,
    placement: &Placement,
) -> (OperationKind, String) {
    if let Some(action) = &placement.action {
        return (
            OperationKind::Action,
            snake_case(action).unwrap_or_else(|| "action".to_owned()),
        );
    }
    let kind = match (op.method, placement.on_item) {
        (Method::Post, false) => Some(OperationKind::Create),
        (Method::Get, false) if is_list(spec, op) => Some(OperationKind::List),
        (Method::Get, _) => Some(OperationKind::Retrieve),
        (Method::Post | Method::Put | Method::Patch, true)
        | (Method::Put | Method::Patch, false) => Some(OperationKind::Update),
        (Method::Delete, _) => Some(OperationKind::Delete),
        _ => None,
    };
    match kind {
        Some(kind) => (kind, crud_name(kind).to_owned()),
        None => (OperationKind::Action, fallback_name(op)),
    }
}

/// The command's name when its first choice is taken: the
/// `operationId`, else the method's name.
pub(crate) fn fallback_name(op: &Operation) -> String {
    op.operation_id
        .as_deref()
        .and_then(snake_case)
        .unwrap_or_else(|| op.method.key().to_owned())
}

fn crud_name(kind: OperationKind) -> &'static str {
    match kind {
        OperationKind::Create => "create",
        OperationKind::List => "list",
        OperationKind::Retrieve => "retrieve",
        OperationKind::Update => "update",
        OperationKind::Delete => "delete",
        OperationKind::Action => "action",
    }
}

/// A GET on a collection lists when it takes paging parameters, or
/// answers with an array or with an object that has paging fields.
fn is_list(spec: &Spec, op: &Operation) -> bool {
    let paged = op.parameters.iter().any(|p| {
        p.place == ParameterLocation::Query
            && snake_case(&p.name).is_some_and(|name| PAGING_PARAMS.contains(&name.as_str()))
    });
    if paged {
        return true;
    }
    let Some(response) = op
        .responses
        .iter()
        .find(|(status, _)| status.is_success())
        .map(|(_, r)| r)
    else {
        return false;
    };
    response
        .content
        .iter()
        .filter(|(media_type, _)| MediaKind::of(media_type) == MediaKind::Json)
        .filter_map(|(_, media)| media.schema)
        .any(|schema| match &spec.schema(spec.resolve(schema)).kind {
            SchemaKind::Array { .. } => true,
            SchemaKind::Object(object) => PAGING_FIELDS
                .iter()
                .any(|field| object.properties.contains_key(*field)),
            _ => false,
        })
}
