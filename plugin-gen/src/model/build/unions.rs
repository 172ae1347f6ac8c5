//! Unions: `oneOf` and `anyOf`, untagged or discriminated.

use crate::naming::{UniqueNames, upper_camel_case};
use crate::openapi::{SchemaId, SchemaKind, Union};

use super::TypeBuilder;
use super::enums::is_empty_string_sentinel;
use crate::model::error::ModelError;
use crate::model::types::{Tagging, UnionDef, UnionVariant};

impl<'s> TypeBuilder<'s> {
    /// A union of the variants that are not `null` (a `null` variant makes
    /// the union's references nullable instead).
    pub(super) fn build_union(
        &mut self,
        union: &Union,
        exclusive: bool,
        name: &str,
        depth: usize,
    ) -> Result<UnionDef, ModelError> {
        let mut variant_names = UniqueNames::default();
        let mut variants = Vec::new();
        for variant in self.real_variants(&union.variants) {
            let variant_name = variant_names.claim_type(&self.variant_hint(variant));
            let ty = self.type_at(variant, &format!("{name}{variant_name}"), depth + 1)?;
            variants.push(UnionVariant {
                name: variant_name,
                ty,
                tags: self.tags(union, variant),
                boxed: false,
            });
        }
        let tagging = match &union.discriminator {
            Some(discriminator) => Tagging::Discriminated {
                property: discriminator.property.clone(),
            },
            None => Tagging::Untagged,
        };
        Ok(UnionDef {
            tagging,
            exclusive,
            variants,
        })
    }

    /// The discriminator values that select `variant`: the mapping's
    /// entries for it, else its component name, as OpenAPI says.
    fn tags(&self, union: &Union, variant: SchemaId) -> Vec<String> {
        let Some(discriminator) = &union.discriminator else {
            return Vec::new();
        };
        let resolved = self.spec.resolve(variant);
        let mapped: Vec<String> = discriminator
            .mapping
            .iter()
            .filter(|(_, target)| self.spec.resolve(**target) == resolved)
            .map(|(value, _)| value.clone())
            .collect();
        if !mapped.is_empty() {
            return mapped;
        }
        self.schema(resolved).component.iter().cloned().collect()
    }

    /// A variant's name: its component's or title's, else its kind's.
    fn variant_hint(&self, variant: SchemaId) -> String {
        let own = self.schema(variant);
        let resolved = self.schema(self.spec.resolve(variant));
        let named = resolved
            .component
            .as_deref()
            .or(own.title.as_deref())
            .or(resolved.title.as_deref())
            .and_then(upper_camel_case);
        if let Some(named) = named {
            return named;
        }
        match &resolved.kind {
            SchemaKind::Enum { values, .. } if is_empty_string_sentinel(values) => "Empty",
            SchemaKind::Enum { .. } | SchemaKind::Const(_) => "Enum",
            SchemaKind::String { .. } => "String",
            SchemaKind::Integer { .. } => "Integer",
            SchemaKind::Number { .. } => "Number",
            SchemaKind::Boolean => "Boolean",
            SchemaKind::Array { .. } => "Array",
            SchemaKind::Object(_) | SchemaKind::AllOf(_) => "Object",
            SchemaKind::OneOf(_) | SchemaKind::AnyOf(_) => "Union",
            SchemaKind::Any | SchemaKind::Ref(_) => "Any",
            SchemaKind::Null => "Null",
        }
        .to_owned()
    }
}
