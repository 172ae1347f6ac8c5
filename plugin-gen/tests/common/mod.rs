//! Helpers shared by the integration tests.

#![allow(
    dead_code,
    reason = "each test file uses a different part of the helpers"
)]

use std::collections::BTreeSet;
use std::path::PathBuf;

use serde_json::{Map, Value, json};

/// The path of a file under `tests/specs`.
pub(crate) fn spec_path(relative: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/specs")
        .join(relative)
}

/// The text of a file under `tests/specs`.
pub(crate) fn spec_text(relative: &str) -> String {
    std::fs::read_to_string(spec_path(relative)).unwrap_or_else(|e| panic!("{relative}: {e}"))
}

/// Stripe's spec cut down to the customers, products and prices paths and
/// every component schema they reach, with the rest of the document as it
/// is (info, servers, security).
pub(crate) fn stripe_subset() -> Value {
    let full: Value =
        serde_json::from_str(&spec_text("stripe/spec3.json")).expect("spec3.json is JSON");
    let keep = |path: &str| {
        ["/v1/customers", "/v1/products", "/v1/prices"]
            .iter()
            .any(|prefix| path == *prefix || path.starts_with(&format!("{prefix}/")))
    };
    let paths: Map<String, Value> = full["paths"]
        .as_object()
        .expect("paths is an object")
        .iter()
        .filter(|(path, _)| keep(path))
        .map(|(path, item)| (path.clone(), item.clone()))
        .collect();
    let schemas = full["components"]["schemas"].as_object().expect("schemas");
    let mut reached = BTreeSet::new();
    let mut stack = vec![Value::Object(paths.clone())];
    while let Some(value) = stack.pop() {
        for reference in refs_in(&value) {
            let name = reference.rsplit('/').next().unwrap_or_default().to_owned();
            if reached.insert(name.clone()) {
                stack.push(schemas[&name].clone());
            }
        }
    }
    let kept: Map<String, Value> = reached
        .iter()
        .map(|name| (name.clone(), schemas[name].clone()))
        .collect();
    json!({
        "openapi": full["openapi"],
        "info": full["info"],
        "servers": full["servers"],
        "security": full["security"],
        "paths": paths,
        "components": {
            "schemas": kept,
            "securitySchemes": full["components"]["securitySchemes"],
        },
    })
}

fn refs_in(value: &Value) -> Vec<String> {
    let mut found = Vec::new();
    let mut stack = vec![value];
    while let Some(value) = stack.pop() {
        match value {
            Value::Object(map) => {
                for (key, member) in map {
                    match (key.as_str(), member) {
                        ("$ref", Value::String(reference)) => found.push(reference.clone()),
                        _ => stack.push(member),
                    }
                }
            }
            Value::Array(items) => stack.extend(items),
            _ => {}
        }
    }
    found
}

/// A tiny deterministic random number generator (xorshift64*).
pub(crate) struct XorShift(u64);

impl XorShift {
    pub(crate) fn new(seed: u64) -> Self {
        Self(seed.max(1))
    }

    pub(crate) fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number below `bound` (which must not be 0).
    pub(crate) fn below(&mut self, bound: usize) -> usize {
        (self.next() % bound as u64) as usize
    }
}

use plugin_gen::model::{Model, TypeKind, TypeRef};
use plugin_gen::naming::is_keyword;

/// Checks what every model must satisfy: names are valid, unique where
/// they must be, every named reference resolves, and once boxed
/// references are cut no cycle of by-value references remains.
pub(crate) fn check_model(model: &Model) {
    let valid = |name: &str| {
        let bare = name.strip_prefix("r#").unwrap_or(name);
        let mut chars = bare.chars();
        let start_ok = chars
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '_');
        start_ok
            && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
            && (name.starts_with("r#") || !is_keyword(bare))
    };
    let check_ref = |ty: &TypeRef, context: &str| {
        for name in ty.names() {
            assert!(
                model.types.contains_key(name),
                "{context} refers to the unknown type {name}"
            );
        }
    };
    for (name, def) in &model.types {
        assert_eq!(name, &def.name);
        assert!(valid(name), "type name {name}");
        assert!(
            name.starts_with(|c: char| c.is_ascii_uppercase()),
            "type name {name}"
        );
        match &def.kind {
            TypeKind::Struct(def) => {
                let mut seen = BTreeSet::new();
                for field in &def.fields {
                    assert!(valid(&field.name), "{name}.{}", field.name);
                    assert!(
                        seen.insert(&field.name),
                        "{name} has two fields {}",
                        field.name
                    );
                    check_ref(&field.ty, name);
                }
                if let Some(additional) = &def.additional {
                    check_ref(additional, name);
                }
            }
            TypeKind::Enum(def) => {
                let mut seen = BTreeSet::new();
                assert!(!def.variants.is_empty(), "{name} has no variants");
                for variant in &def.variants {
                    assert!(valid(&variant.name), "{name}::{}", variant.name);
                    assert!(
                        seen.insert(&variant.name),
                        "{name} has two variants {}",
                        variant.name
                    );
                }
            }
            TypeKind::Union(def) => {
                let mut seen = BTreeSet::new();
                for variant in &def.variants {
                    assert!(valid(&variant.name), "{name}::{}", variant.name);
                    assert!(
                        seen.insert(&variant.name),
                        "{name} has two variants {}",
                        variant.name
                    );
                    check_ref(&variant.ty, name);
                }
            }
            TypeKind::Alias(def) => check_ref(&def.ty, name),
        }
    }
    let mut modules = BTreeSet::new();
    for resource in model.resources.values() {
        assert!(modules.insert(&resource.module));
        assert!(valid(&resource.module), "module {}", resource.module);
        for (command, op) in &resource.operations {
            assert_eq!(command, &op.command);
            assert!(valid(command), "command {command}");
            for param in op
                .path_params
                .iter()
                .chain(&op.query_params)
                .chain(&op.header_params)
            {
                assert!(valid(&param.name), "param {}", param.name);
                check_ref(&param.ty, command);
            }
            if let Some(query) = &op.query_type {
                assert!(model.types.contains_key(query), "{query}");
            }
        }
    }
    assert_no_unboxed_cycle(model);
}

fn assert_no_unboxed_cycle(model: &Model) {
    let names: Vec<&String> = model.types.keys().collect();
    let index = |name: &str| names.binary_search_by(|n| n.as_str().cmp(name)).ok();
    let edges: Vec<Vec<usize>> = model
        .types
        .values()
        .map(|def| {
            let targets: Vec<&str> = match &def.kind {
                TypeKind::Struct(def) => def
                    .fields
                    .iter()
                    .filter(|f| !f.boxed)
                    .filter_map(|f| f.ty.named_by_value())
                    .collect(),
                TypeKind::Union(def) => def
                    .variants
                    .iter()
                    .filter(|v| !v.boxed)
                    .filter_map(|v| v.ty.named_by_value())
                    .collect(),
                TypeKind::Alias(def) if !def.boxed => def.ty.named_by_value().into_iter().collect(),
                TypeKind::Alias(_) | TypeKind::Enum(_) => Vec::new(),
            };
            targets.into_iter().filter_map(index).collect()
        })
        .collect();
    // Kahn's algorithm: every node must be removable.
    let mut incoming = vec![0usize; names.len()];
    for targets in &edges {
        for &t in targets {
            incoming[t] += 1;
        }
    }
    let mut ready: Vec<usize> = (0..names.len()).filter(|&i| incoming[i] == 0).collect();
    let mut removed = 0;
    while let Some(node) = ready.pop() {
        removed += 1;
        for &t in &edges[node] {
            incoming[t] -= 1;
            if incoming[t] == 0 {
                ready.push(t);
            }
        }
    }
    assert_eq!(
        removed,
        names.len(),
        "a cycle of unboxed by-value references remains"
    );
}
