//! Recursive types: which references must be boxed.

use std::collections::BTreeMap;

use super::types::{TypeDef, TypeKind};
use crate::graph::strongly_connected;

/// Marks every reference by value (a field, a variant, an alias) that
/// stays inside a cycle of types held by value as `boxed`, and returns
/// those cycles, each sorted, in name order. Boxing every such edge is
/// more than the minimum, but it is simple to predict and always enough.
pub(crate) fn mark_boxed(types: &mut BTreeMap<String, TypeDef>) -> Vec<Vec<String>> {
    let names: Vec<String> = types.keys().cloned().collect();
    let index: BTreeMap<&str, usize> = names
        .iter()
        .enumerate()
        .map(|(i, n)| (n.as_str(), i))
        .collect();
    let edges: Vec<Vec<usize>> = names
        .iter()
        .map(|name| {
            by_value_targets(&types[name])
                .iter()
                .filter_map(|target| index.get(target.as_str()).copied())
                .collect()
        })
        .collect();
    let mut group_of = vec![usize::MAX; names.len()];
    let mut groups = Vec::new();
    for component in strongly_connected(&edges) {
        let cyclic = component.len() > 1 || edges[component[0]].contains(&component[0]);
        if !cyclic {
            continue;
        }
        for &member in &component {
            group_of[member] = groups.len();
        }
        let mut group: Vec<String> = component.iter().map(|&i| names[i].clone()).collect();
        group.sort();
        groups.push(group);
    }
    let same_group = |from: &str, to: &str| match (index.get(from), index.get(to)) {
        (Some(&a), Some(&b)) => group_of[a] != usize::MAX && group_of[a] == group_of[b],
        _ => false,
    };
    for (name, def) in types.iter_mut() {
        match &mut def.kind {
            TypeKind::Struct(def) => {
                for field in &mut def.fields {
                    field.boxed = field
                        .ty
                        .named_by_value()
                        .is_some_and(|to| same_group(name, to));
                }
            }
            TypeKind::Union(def) => {
                for variant in &mut def.variants {
                    variant.boxed = variant
                        .ty
                        .named_by_value()
                        .is_some_and(|to| same_group(name, to));
                }
            }
            TypeKind::Alias(def) => {
                def.boxed = def
                    .ty
                    .named_by_value()
                    .is_some_and(|to| same_group(name, to));
            }
            TypeKind::Enum(_) => {}
        }
    }
    groups.sort();
    groups
}

/// The named types a type holds by value.
fn by_value_targets(def: &TypeDef) -> Vec<String> {
    match &def.kind {
        TypeKind::Struct(def) => def
            .fields
            .iter()
            .filter_map(|f| f.ty.named_by_value().map(str::to_owned))
            .collect(),
        TypeKind::Union(def) => def
            .variants
            .iter()
            .filter_map(|v| v.ty.named_by_value().map(str::to_owned))
            .collect(),
        TypeKind::Alias(def) => def
            .ty
            .named_by_value()
            .map(str::to_owned)
            .into_iter()
            .collect(),
        TypeKind::Enum(_) => Vec::new(),
    }
}
