//! Schemas, as the front end reads them: one arena entry per place in the
//! documents, `$ref`s turned into ids, so recursion is just a cycle of ids.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use super::location::Location;

/// The id of a schema in [`Spec::schemas`](super::Spec::schemas). Every
/// place in the documents that holds a schema has exactly one id, however
/// many `$ref`s lead to it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SchemaId(pub(crate) usize);

impl SchemaId {
    /// The index into [`Spec::schemas`](super::Spec::schemas).
    pub fn index(self) -> usize {
        self.0
    }
}

/// One schema.
#[derive(Clone, Debug, PartialEq)]
pub struct Schema {
    /// Where it is written.
    pub location: Location,
    /// Its name, when it is `#/components/schemas/NAME` (of any document).
    pub component: Option<String>,
    /// `title`.
    pub title: Option<String>,
    /// `description`.
    pub description: Option<String>,
    /// `nullable: true` (3.0), or `null` among the types (3.1), or `null`
    /// among the `enum` values.
    pub nullable: bool,
    /// `readOnly`.
    pub read_only: bool,
    /// `writeOnly`.
    pub write_only: bool,
    /// `deprecated`.
    pub deprecated: bool,
    /// `default`, as written.
    pub default: Option<Value>,
    /// The shape.
    pub kind: SchemaKind,
}

/// The shape of a schema.
#[derive(Clone, Debug, PartialEq)]
pub enum SchemaKind {
    /// A `$ref` (its annotations, such as a description, are on the
    /// [`Schema`] that holds this kind).
    Ref(SchemaId),
    /// Any value (`{}`, `true`, or a schema with no shape keywords).
    Any,
    /// Only `null` (3.1 `type: null`).
    Null,
    /// `type: boolean`.
    Boolean,
    /// `type: integer`, with its `format` (`int32`, `int64`, `unix-time`).
    Integer {
        /// `format`.
        format: Option<String>,
    },
    /// `type: number`, with its `format` (`float`, `double`).
    Number {
        /// `format`.
        format: Option<String>,
    },
    /// `type: string`, with its `format` (`date-time`, `decimal`,
    /// `binary`, `byte`, `uri`, ...; `contentEncoding: base64` reads as
    /// `byte`).
    String {
        /// `format`.
        format: Option<String>,
    },
    /// `enum`, without any `null` (which sets [`Schema::nullable`]).
    Enum {
        /// The declared `type`, if one scalar type was declared.
        base: Option<ScalarType>,
        /// The allowed values, in order.
        values: Vec<Value>,
    },
    /// `const`.
    Const(Value),
    /// `type: array`.
    Array {
        /// `items`; `None` when any item is allowed.
        items: Option<SchemaId>,
    },
    /// `type: object`, or `properties` without a type.
    Object(ObjectSchema),
    /// `allOf`: every member holds. Properties or `required` next to
    /// `allOf` form one more member; a `oneOf`/`anyOf` next to it forms
    /// another.
    AllOf(Vec<SchemaId>),
    /// `oneOf`: exactly one variant holds. A 3.1 type array with several
    /// non-null types also reads as `oneOf`, one variant per type.
    OneOf(Union),
    /// `anyOf`: at least one variant holds.
    AnyOf(Union),
}

/// The scalar types that can be declared for an `enum`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ScalarType {
    /// `string`.
    String,
    /// `integer`.
    Integer,
    /// `number`.
    Number,
    /// `boolean`.
    Boolean,
}

/// The members of an object schema.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ObjectSchema {
    /// `properties`, by wire name.
    pub properties: BTreeMap<String, SchemaId>,
    /// `required`.
    pub required: BTreeSet<String>,
    /// `additionalProperties`.
    pub additional: Additional,
    /// `discriminator`, when it sits on an object (the base of an
    /// `allOf` hierarchy).
    pub discriminator: Option<Discriminator>,
}

/// What `additionalProperties` says.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Additional {
    /// Absent.
    #[default]
    Unspecified,
    /// `true` or `{}`: any other members allowed.
    Any,
    /// `false`: no other members.
    Forbidden,
    /// Other members, each of this schema (a map).
    Schema(SchemaId),
}

/// The variants of a `oneOf` or `anyOf`.
#[derive(Clone, Debug, PartialEq)]
pub struct Union {
    /// The variants, in order.
    pub variants: Vec<SchemaId>,
    /// `discriminator`.
    pub discriminator: Option<Discriminator>,
}

/// `discriminator`: a property whose value says which variant a value is.
#[derive(Clone, Debug, PartialEq)]
pub struct Discriminator {
    /// `propertyName`.
    pub property: String,
    /// `mapping`, each value resolved to its schema. Variants that are
    /// component references and are not mapped use their component name,
    /// as OpenAPI says; that implicit part is not listed here.
    pub mapping: BTreeMap<String, SchemaId>,
}
