//! Turning schemas into named types and type references.
//!
//! Every schema id gets one [`TypeRef`], memoized. A schema that needs a
//! name of its own (an object with properties, an enum, a union, an
//! `allOf` of objects) becomes a [`TypeDef`]: components are named after
//! their component, inline schemas after where they sit (the parent's name
//! followed by the property's), and ref targets are queued rather than
//! followed, so reference chains never deepen the stack.

mod enums;
mod formats;
mod structs;
mod unions;

use std::collections::{BTreeMap, HashMap, VecDeque};

use crate::naming::{UniqueNames, type_name};
use crate::openapi::{Additional, Schema, SchemaId, SchemaKind, Spec};

use super::error::ModelError;
use super::types::{AliasDef, Primitive, TypeDef, TypeKind, TypeRef};
use formats::{location_name, primitive};
use structs::AllOfPlan;

/// How deep inline types may nest (allowing for the members the front end
/// adds for `allOf`).
const MAX_DEPTH: usize = 2 * crate::openapi::MAX_SCHEMA_DEPTH + 16;

/// Names no generated type may take: the prelude's types and variants,
/// which generated code uses unqualified.
const RESERVED: [&str; 9] = [
    "Option", "Result", "Some", "None", "Ok", "Err", "String", "Vec", "Box",
];

/// Whether a schema needs a type of its own.
enum Shape {
    Named,
    Structural,
}

pub(crate) struct TypeBuilder<'s> {
    spec: &'s Spec,
    names: UniqueNames,
    memo: HashMap<SchemaId, TypeRef>,
    pub(crate) types: BTreeMap<String, TypeDef>,
    queue: VecDeque<(SchemaId, String)>,
    /// Inline enums already named, by their values: a spec that repeats
    /// an enum inline (Stripe repeats a 590-value one) gets one type.
    inline_enums: HashMap<String, String>,
}

impl<'s> TypeBuilder<'s> {
    pub(crate) fn new(spec: &'s Spec) -> Self {
        Self {
            spec,
            names: UniqueNames::with_reserved(RESERVED),
            memo: HashMap::new(),
            types: BTreeMap::new(),
            queue: VecDeque::new(),
            inline_enums: HashMap::new(),
        }
    }

    /// Gives every component schema its name first, so no inline type can
    /// take it, then builds them all.
    pub(crate) fn build_components(&mut self) -> Result<(), ModelError> {
        for (name, &id) in &self.spec.component_schemas {
            if self.memo.contains_key(&id) {
                continue;
            }
            // A component that only points at a schema with no name of its
            // own (in another file, say) lends that schema its name.
            let target = self.spec.resolve(id);
            let anonymous = target != id && self.schema(target).component.is_none();
            if anonymous && !self.memo.contains_key(&target) {
                let ty = self.reserve(target, &type_name(name));
                let ty = with_null(ty, self.schema(id).nullable);
                self.memo.insert(id, ty);
            } else {
                self.reserve(id, &type_name(name));
            }
        }
        self.drain()
    }

    /// Builds every queued type.
    pub(crate) fn drain(&mut self) -> Result<(), ModelError> {
        while let Some((id, name)) = self.queue.pop_front() {
            self.define(id, name, 0)?;
        }
        Ok(())
    }

    /// A name for a type that has no schema of its own (a query struct).
    pub(crate) fn claim_name(&mut self, base: &str) -> String {
        self.names.claim_type(base)
    }

    /// Adds a type built elsewhere (a query struct).
    pub(crate) fn insert(&mut self, def: TypeDef) {
        self.types.insert(def.name.clone(), def);
    }

    /// The type of schema `id`; `context` is the name an inline type gets
    /// if one is needed (deduplicated with a numeric suffix).
    pub(crate) fn type_of(&mut self, id: SchemaId, context: &str) -> Result<TypeRef, ModelError> {
        self.type_at(id, context, 0)
    }

    fn schema(&self, id: SchemaId) -> &'s Schema {
        self.spec.schema(id)
    }

    fn type_at(
        &mut self,
        id: SchemaId,
        context: &str,
        depth: usize,
    ) -> Result<TypeRef, ModelError> {
        if let Some(known) = self.memo.get(&id) {
            return Ok(known.clone());
        }
        let schema = self.schema(id);
        if depth > MAX_DEPTH {
            return Err(ModelError::TooDeep {
                at: schema.location.clone(),
                limit: MAX_DEPTH,
            });
        }
        let nullable = schema.nullable || self.has_null_variant(id);
        let ty = match &schema.kind {
            SchemaKind::Ref(target) => self.ref_to(*target),
            _ => match self.shape(id)? {
                Shape::Named => {
                    if let Some(shared) = self.same_inline_enum(id) {
                        let ty = with_null(TypeRef::Named(shared), nullable);
                        self.memo.insert(id, ty.clone());
                        return Ok(ty);
                    }
                    let name = self.names.claim_type(context);
                    if let SchemaKind::Enum { base, values } = &schema.kind {
                        self.inline_enums
                            .insert(enum_key(base.as_ref(), values), name.clone());
                    }
                    let ty = with_null(TypeRef::Named(name.clone()), nullable);
                    self.memo.insert(id, ty.clone());
                    self.define(id, name, depth + 1)?;
                    return Ok(ty);
                }
                Shape::Structural => self.structural(id, context, depth + 1)?,
            },
        };
        let ty = with_null(ty, nullable);
        self.memo.insert(id, ty.clone());
        Ok(ty)
    }

    /// The name of an inline enum named earlier with the same values, for
    /// the inline enum `id`.
    fn same_inline_enum(&self, id: SchemaId) -> Option<String> {
        match &self.schema(id).kind {
            SchemaKind::Enum { base, values } => self
                .inline_enums
                .get(&enum_key(base.as_ref(), values))
                .cloned(),
            _ => None,
        }
    }

    /// The type a `$ref` to `target` stands for: its named type, reserved
    /// and queued if new.
    fn ref_to(&mut self, target: SchemaId) -> TypeRef {
        if let Some(known) = self.memo.get(&target) {
            return known.clone();
        }
        let schema = self.schema(target);
        let base = match &schema.component {
            Some(component) => type_name(component),
            None => location_name(&schema.location),
        };
        self.reserve(target, &base)
    }

    fn reserve(&mut self, id: SchemaId, base: &str) -> TypeRef {
        let name = self.names.claim_type(base);
        let nullable = self.schema(id).nullable || self.has_null_variant(id);
        let ty = with_null(TypeRef::Named(name.clone()), nullable);
        self.memo.insert(id, ty.clone());
        self.queue.push_back((id, name));
        ty
    }

    fn shape(&self, id: SchemaId) -> Result<Shape, ModelError> {
        let named = match &self.schema(id).kind {
            SchemaKind::Object(object) => {
                !object.properties.is_empty()
                    || object.discriminator.is_some()
                    || object.additional == Additional::Forbidden
            }
            SchemaKind::Enum { values, .. } => !enums::is_empty_string_sentinel(values),
            SchemaKind::Const(_) => true,
            SchemaKind::AllOf(_) => match self.all_of_plan(id)? {
                AllOfPlan::Struct(parts) => self.merged_is_named(&parts),
                AllOfPlan::Single(_) => false,
            },
            SchemaKind::OneOf(union) | SchemaKind::AnyOf(union) => {
                self.real_variants(&union.variants).len() > 1
            }
            SchemaKind::Ref(_)
            | SchemaKind::Any
            | SchemaKind::Null
            | SchemaKind::Boolean
            | SchemaKind::Integer { .. }
            | SchemaKind::Number { .. }
            | SchemaKind::String { .. }
            | SchemaKind::Array { .. } => false,
        };
        Ok(if named {
            Shape::Named
        } else {
            Shape::Structural
        })
    }

    /// The type of a schema that needs no name of its own.
    fn structural(
        &mut self,
        id: SchemaId,
        context: &str,
        depth: usize,
    ) -> Result<TypeRef, ModelError> {
        let schema = self.schema(id);
        Ok(match &schema.kind {
            SchemaKind::Ref(target) => self.ref_to(*target),
            SchemaKind::Any => TypeRef::Primitive(Primitive::Any),
            SchemaKind::Null => TypeRef::Primitive(Primitive::Null),
            SchemaKind::Enum { .. } => TypeRef::Primitive(Primitive::EmptyString),
            SchemaKind::Boolean
            | SchemaKind::Integer { .. }
            | SchemaKind::Number { .. }
            | SchemaKind::String { .. } => TypeRef::Primitive(primitive(&schema.kind)),
            SchemaKind::Array { items } => {
                let item = match items {
                    Some(items) => self.type_at(*items, &format!("{context}Item"), depth)?,
                    None => TypeRef::Primitive(Primitive::Any),
                };
                TypeRef::Array(Box::new(item))
            }
            SchemaKind::Object(object) => self.map_of(&object.additional, context, depth)?,
            SchemaKind::AllOf(_) => match self.all_of_plan(id)? {
                AllOfPlan::Single(Some(member)) => self.type_at(member, context, depth)?,
                AllOfPlan::Single(None) => TypeRef::Primitive(Primitive::Any),
                AllOfPlan::Struct(parts) => {
                    let additional = self.merged_additional(&parts);
                    self.map_of(&additional, context, depth)?
                }
            },
            SchemaKind::OneOf(union) | SchemaKind::AnyOf(union) => {
                match self.real_variants(&union.variants).first() {
                    Some(&only) => self.type_at(only, context, depth)?,
                    None => TypeRef::Primitive(Primitive::Null),
                }
            }
            SchemaKind::Const(_) => {
                return Err(ModelError::unsupported(
                    &schema.location,
                    "a const here",
                    "report this: a const always gets a type of its own",
                ));
            }
        })
    }

    /// An object without properties: a map of its additional properties.
    fn map_of(
        &mut self,
        additional: &Additional,
        context: &str,
        depth: usize,
    ) -> Result<TypeRef, ModelError> {
        let value = match additional {
            Additional::Schema(value) => self.type_at(*value, &format!("{context}Value"), depth)?,
            Additional::Unspecified | Additional::Any | Additional::Forbidden => {
                TypeRef::Primitive(Primitive::Any)
            }
        };
        Ok(TypeRef::Map(Box::new(value)))
    }

    /// Builds the named type `name` for schema `id`.
    fn define(&mut self, id: SchemaId, name: String, depth: usize) -> Result<(), ModelError> {
        let schema = self.schema(id);
        let kind = match (&schema.kind, self.shape(id)?) {
            (SchemaKind::Ref(target), _) => TypeKind::Alias(AliasDef {
                ty: self.ref_to(*target),
                boxed: false,
            }),
            (SchemaKind::Object(_), Shape::Named) => {
                TypeKind::Struct(self.build_struct(&[id], &name, depth)?)
            }
            (SchemaKind::AllOf(_), Shape::Named) => match self.all_of_plan(id)? {
                AllOfPlan::Struct(parts) => {
                    TypeKind::Struct(self.build_struct(&parts, &name, depth)?)
                }
                AllOfPlan::Single(_) => self.alias(id, &name, depth)?,
            },
            (SchemaKind::Enum { values, .. }, Shape::Named) => {
                TypeKind::Enum(enums::build_enum(schema, values)?)
            }
            (SchemaKind::Const(value), _) => {
                TypeKind::Enum(enums::build_enum(schema, std::slice::from_ref(value))?)
            }
            (SchemaKind::OneOf(union), Shape::Named) => {
                TypeKind::Union(self.build_union(union, true, &name, depth)?)
            }
            (SchemaKind::AnyOf(union), Shape::Named) => {
                TypeKind::Union(self.build_union(union, false, &name, depth)?)
            }
            _ => self.alias(id, &name, depth)?,
        };
        self.types.insert(
            name.clone(),
            TypeDef {
                name,
                origin: schema.location.clone(),
                component: schema.component.clone(),
                docs: schema.description.clone(),
                kind,
            },
        );
        Ok(())
    }

    fn alias(&mut self, id: SchemaId, name: &str, depth: usize) -> Result<TypeKind, ModelError> {
        Ok(TypeKind::Alias(AliasDef {
            ty: self.structural(id, name, depth + 1)?,
            boxed: false,
        }))
    }

    /// The variants of a union that are not just `null`.
    fn real_variants(&self, variants: &[SchemaId]) -> Vec<SchemaId> {
        variants
            .iter()
            .copied()
            .filter(|&v| !matches!(self.schema(self.spec.resolve(v)).kind, SchemaKind::Null))
            .collect()
    }

    /// A union with a `null` variant is nullable.
    fn has_null_variant(&self, id: SchemaId) -> bool {
        match &self.schema(id).kind {
            SchemaKind::OneOf(union) | SchemaKind::AnyOf(union) => {
                self.real_variants(&union.variants).len() < union.variants.len()
            }
            _ => false,
        }
    }
}

fn with_null(ty: TypeRef, nullable: bool) -> TypeRef {
    if nullable { ty.nullable() } else { ty }
}

/// What makes two inline enums the same type: their declared type and
/// their values, in order.
fn enum_key(base: Option<&crate::openapi::ScalarType>, values: &[serde_json::Value]) -> String {
    format!("{base:?}:{}", serde_json::Value::from(values.to_vec()))
}
