//! Detecting paged lists.

use std::collections::BTreeMap;

use super::operation::{MediaKind, Operation, OperationKind, Pagination};
use super::types::{Primitive, TypeDef, TypeKind, TypeRef};

/// How `op` pages, if it does: a GET list whose success response is an
/// object with a `data` array and a `has_more` boolean, and which takes
/// `starting_after` (cursor) or `page` with a `next_page` field (page
/// token).
pub(crate) fn detect(op: &Operation, types: &BTreeMap<String, TypeDef>) -> Option<Pagination> {
    if !matches!(op.kind, OperationKind::List | OperationKind::Action)
        || op.method != crate::openapi::Method::Get
    {
        return None;
    }
    let (_, response) = op.success()?;
    let body = response
        .contents
        .iter()
        .find(|c| c.kind == MediaKind::Json)?;
    let name = body.ty.as_ref()?.named_by_value()?;
    let TypeKind::Struct(fields) = &types.get(name)?.kind else {
        return None;
    };
    let field = |wire: &str| fields.fields.iter().find(|f| f.wire_name == wire);
    let has_more =
        field("has_more").filter(|f| strip(&f.ty) == &TypeRef::Primitive(Primitive::Boolean))?;
    let TypeRef::Array(item) = strip(&field("data")?.ty) else {
        return None;
    };
    let param = |wire: &str| {
        op.query_params
            .iter()
            .find(|p| p.wire_name == wire)
            .map(|p| p.wire_name.clone())
    };
    let limit = param("limit");
    if let Some(starting_after) = param("starting_after") {
        return Some(Pagination::Cursor {
            starting_after,
            ending_before: param("ending_before"),
            limit,
            data_field: "data".to_owned(),
            has_more_field: has_more.wire_name.clone(),
            item: (**item).clone(),
        });
    }
    let next_page = field("next_page")?;
    Some(Pagination::PageToken {
        page_param: param("page")?,
        next_page_field: next_page.wire_name.clone(),
        limit,
        data_field: "data".to_owned(),
        has_more_field: has_more.wire_name.clone(),
        item: (**item).clone(),
    })
}

fn strip(ty: &TypeRef) -> &TypeRef {
    match ty {
        TypeRef::Nullable(inner) => strip(inner),
        other => other,
    }
}
