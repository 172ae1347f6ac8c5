//! The checked specification the front end produces.

use std::collections::BTreeMap;

use super::operation::Operation;
use super::schema::{Additional, Schema, SchemaId, SchemaKind};
use super::security::{SecurityRequirement, SecurityScheme};
use super::server::Server;
use crate::graph::strongly_connected;

/// Which OpenAPI the document is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum OpenApiVersion {
    /// 3.0.x.
    V3_0,
    /// 3.1.x.
    V3_1,
}

/// `info`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Info {
    /// `title`.
    pub title: String,
    /// `version` (of the API, not of OpenAPI).
    pub version: String,
    /// `description`.
    pub description: Option<String>,
}

/// A specification with every `$ref` resolved and every construct checked.
///
/// Schemas live in one arena ([`Spec::schemas`]) and refer to each other by
/// [`SchemaId`], so recursive schemas are plain cycles of ids. What the
/// generator does not use is not kept: examples, `externalDocs`, `links`,
/// `callbacks`, `webhooks`, `xml`, tags' own descriptions, and validation
/// keywords (lengths, patterns, bounds).
#[derive(Clone, Debug, PartialEq)]
pub struct Spec {
    /// The OpenAPI version.
    pub version: OpenApiVersion,
    /// `info`.
    pub info: Info,
    /// `servers` (`[{url: "/"}]` when absent, as OpenAPI says).
    pub servers: Vec<Server>,
    /// Every operation, ordered by path and then method.
    pub operations: Vec<Operation>,
    /// Every schema, indexed by [`SchemaId`].
    pub schemas: Vec<Schema>,
    /// `components/schemas` of the root document, by name.
    pub component_schemas: BTreeMap<String, SchemaId>,
    /// `components/securitySchemes`, by name.
    pub security_schemes: BTreeMap<String, SecurityScheme>,
    /// The document's `security` (empty: no authentication by default).
    pub security: Vec<SecurityRequirement>,
}

impl Spec {
    /// The schema with id `id`.
    ///
    /// # Panics
    ///
    /// If `id` comes from another `Spec`.
    pub fn schema(&self, id: SchemaId) -> &Schema {
        &self.schemas[id.0]
    }

    /// Follows `$ref`s from `id` to the first schema that is not a plain
    /// reference. Chains that loop are refused when the spec is read, so
    /// this always ends.
    pub fn resolve(&self, id: SchemaId) -> SchemaId {
        let mut current = id;
        for _ in 0..self.schemas.len() {
            match self.schema(current).kind {
                SchemaKind::Ref(target) => current = target,
                _ => return current,
            }
        }
        current
    }

    /// The schemas directly inside `id`: its reference target, items,
    /// properties, additional properties, members and variants.
    pub fn children(&self, id: SchemaId) -> Vec<SchemaId> {
        match &self.schema(id).kind {
            SchemaKind::Ref(target) => vec![*target],
            SchemaKind::Array { items } => items.iter().copied().collect(),
            SchemaKind::Object(object) => {
                let mut children: Vec<_> = object.properties.values().copied().collect();
                if let Additional::Schema(additional) = object.additional {
                    children.push(additional);
                }
                children
            }
            SchemaKind::AllOf(members) => members.clone(),
            SchemaKind::OneOf(union) | SchemaKind::AnyOf(union) => union.variants.clone(),
            SchemaKind::Any
            | SchemaKind::Null
            | SchemaKind::Boolean
            | SchemaKind::Integer { .. }
            | SchemaKind::Number { .. }
            | SchemaKind::String { .. }
            | SchemaKind::Enum { .. }
            | SchemaKind::Const(_) => Vec::new(),
        }
    }

    /// The groups of component schemas that refer to each other in a
    /// circle (through any chain of inline schemas and references), each
    /// group sorted by name, the groups sorted by their first name. A
    /// schema that refers to itself is a group of one.
    pub fn component_cycles(&self) -> Vec<Vec<String>> {
        let names: Vec<&String> = self.component_schemas.keys().collect();
        let component_of: BTreeMap<SchemaId, usize> = self
            .component_schemas
            .values()
            .enumerate()
            .map(|(index, id)| (*id, index))
            .collect();
        let edges: Vec<Vec<usize>> = self
            .component_schemas
            .values()
            .map(|&id| self.components_reached(id, &component_of))
            .collect();
        let mut cycles: Vec<Vec<String>> = strongly_connected(&edges)
            .into_iter()
            .filter(|group| group.len() > 1 || edges[group[0]].contains(&group[0]))
            .map(|group| {
                let mut group: Vec<String> = group.into_iter().map(|i| names[i].clone()).collect();
                group.sort();
                group
            })
            .collect();
        cycles.sort();
        cycles
    }

    /// The components reachable from `start` without passing through
    /// another component.
    fn components_reached(
        &self,
        start: SchemaId,
        component_of: &BTreeMap<SchemaId, usize>,
    ) -> Vec<usize> {
        let mut reached = Vec::new();
        let mut seen = vec![false; self.schemas.len()];
        let mut stack = self.children(start);
        while let Some(id) = stack.pop() {
            if std::mem::replace(&mut seen[id.0], true) {
                continue;
            }
            match component_of.get(&id) {
                Some(&component) => reached.push(component),
                None => stack.extend(self.children(id)),
            }
        }
        reached.sort_unstable();
        reached.dedup();
        reached
    }
}
