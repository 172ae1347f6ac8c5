//! Structs: objects, and `allOf`s of objects merged into one.

use std::collections::{BTreeMap, BTreeSet};

use crate::naming::{UniqueNames, field_name, upper_camel_case};
use crate::openapi::{Additional, Discriminator, ObjectSchema, SchemaId, SchemaKind};

use super::TypeBuilder;
use crate::model::error::ModelError;
use crate::model::types::{Field, Primitive, StructDef, StructDiscriminator, TypeRef};

/// What an `allOf` comes to.
pub(super) enum AllOfPlan {
    /// Objects, merged in order (ids of object schemas).
    Struct(Vec<SchemaId>),
    /// One schema that is not an object (`None`: only annotations).
    Single(Option<SchemaId>),
}

/// An object's members merged from several object schemas.
struct Merged<'s> {
    properties: BTreeMap<&'s str, SchemaId>,
    required: BTreeSet<&'s str>,
    additional: Additional,
    discriminator: Option<&'s Discriminator>,
}

impl<'s> TypeBuilder<'s> {
    /// Flattens an `allOf` (members that are `allOf`s themselves
    /// included) and decides what it comes to. Later members' properties
    /// replace earlier ones of the same name, as a subtype refines.
    pub(super) fn all_of_plan(&self, id: SchemaId) -> Result<AllOfPlan, ModelError> {
        let mut objects = Vec::new();
        let mut others: Vec<SchemaId> = Vec::new();
        let mut seen = BTreeSet::new();
        let mut stack = vec![id];
        while let Some(current) = stack.pop() {
            let current = self.spec.resolve(current);
            if !seen.insert(current) {
                continue;
            }
            match &self.schema(current).kind {
                SchemaKind::AllOf(members) => stack.extend(members.iter().rev()),
                SchemaKind::Object(_) => objects.push(current),
                SchemaKind::Any => {}
                _ => others.push(current),
            }
        }
        let at = &self.schema(id).location;
        match (objects.is_empty(), others.as_slice()) {
            (_, []) if objects.is_empty() => Ok(AllOfPlan::Single(None)),
            (false, []) => Ok(AllOfPlan::Struct(objects)),
            (true, [only]) => Ok(AllOfPlan::Single(Some(*only))),
            (true, several) if several.iter().all(|&o| self.same_scalar(o, several[0])) => {
                Ok(AllOfPlan::Single(several.last().copied()))
            }
            (false, [other, ..]) => Err(ModelError::unsupported(
                at,
                format!(
                    "an allOf that combines an object with {}",
                    describe(&self.schema(*other).kind)
                ),
                "make every member an object, or move the other member into a property",
            )),
            (true, _) => Err(ModelError::unsupported(
                at,
                "an allOf of members of different kinds",
                "use one member, or a oneOf if any of them will do",
            )),
        }
    }

    fn same_scalar(&self, a: SchemaId, b: SchemaId) -> bool {
        let kind = |id| std::mem::discriminant(&self.schema(id).kind);
        matches!(
            self.schema(a).kind,
            SchemaKind::String { .. }
                | SchemaKind::Integer { .. }
                | SchemaKind::Number { .. }
                | SchemaKind::Boolean
        ) && kind(a) == kind(b)
    }

    fn merge(&self, parts: &[SchemaId]) -> Merged<'s> {
        let mut merged = Merged {
            properties: BTreeMap::new(),
            required: BTreeSet::new(),
            additional: Additional::Unspecified,
            discriminator: None,
        };
        for &part in parts {
            let SchemaKind::Object(object) = &self.spec.schema(part).kind else {
                continue;
            };
            let object: &'s ObjectSchema = object;
            merged.properties.extend(
                object
                    .properties
                    .iter()
                    .map(|(name, id)| (name.as_str(), *id)),
            );
            merged
                .required
                .extend(object.required.iter().map(String::as_str));
            if object.additional != Additional::Unspecified {
                merged.additional = object.additional.clone();
            }
            merged.discriminator = merged.discriminator.or(object.discriminator.as_ref());
        }
        merged
    }

    pub(super) fn merged_is_named(&self, parts: &[SchemaId]) -> bool {
        let merged = self.merge(parts);
        !merged.properties.is_empty()
            || merged.discriminator.is_some()
            || merged.additional == Additional::Forbidden
    }

    pub(super) fn merged_additional(&self, parts: &[SchemaId]) -> Additional {
        self.merge(parts).additional
    }

    /// A struct from object schemas merged in order.
    pub(super) fn build_struct(
        &mut self,
        parts: &[SchemaId],
        name: &str,
        depth: usize,
    ) -> Result<StructDef, ModelError> {
        let merged = self.merge(parts);
        let mut field_names = UniqueNames::default();
        let mut fields = Vec::with_capacity(merged.properties.len());
        for (&wire_name, &property) in &merged.properties {
            let context = format!(
                "{name}{}",
                upper_camel_case(wire_name).unwrap_or_else(|| "Field".to_owned())
            );
            let ty = self.type_at(property, &context, depth + 1)?;
            let schema = self.schema(property);
            let target = self.schema(self.spec.resolve(property));
            fields.push(Field {
                name: field_names.claim_snake(&field_name(wire_name)),
                wire_name: wire_name.to_owned(),
                ty,
                required: merged.required.contains(wire_name),
                docs: schema.description.clone(),
                default: schema.default.clone().or_else(|| target.default.clone()),
                read_only: schema.read_only || target.read_only,
                write_only: schema.write_only || target.write_only,
                deprecated: schema.deprecated,
                boxed: false,
            });
        }
        let additional = match &merged.additional {
            Additional::Schema(value) => {
                Some(self.type_at(*value, &format!("{name}Value"), depth + 1)?)
            }
            Additional::Any => Some(TypeRef::Primitive(Primitive::Any)),
            Additional::Unspecified | Additional::Forbidden => None,
        };
        let discriminator = merged
            .discriminator
            .map(|discriminator| StructDiscriminator {
                property: discriminator.property.clone(),
                mapping: discriminator
                    .mapping
                    .iter()
                    .map(|(value, &target)| (value.clone(), self.ref_to(target)))
                    .collect(),
            });
        Ok(StructDef {
            fields,
            additional,
            closed: merged.additional == Additional::Forbidden,
            discriminator,
        })
    }
}

/// How error messages name a kind of schema.
pub(super) fn describe(kind: &SchemaKind) -> &'static str {
    match kind {
        SchemaKind::Ref(_) => "a reference",
        SchemaKind::Any => "any value",
        SchemaKind::Null => "null",
        SchemaKind::Boolean => "a boolean",
        SchemaKind::Integer { .. } => "an integer",
        SchemaKind::Number { .. } => "a number",
        SchemaKind::String { .. } => "a string",
        SchemaKind::Enum { .. } => "an enum",
        SchemaKind::Const(_) => "a const",
        SchemaKind::Array { .. } => "an array",
        SchemaKind::Object(_) => "an object",
        SchemaKind::AllOf(_) => "an allOf",
        SchemaKind::OneOf(_) => "a oneOf",
        SchemaKind::AnyOf(_) => "an anyOf",
    }
}
