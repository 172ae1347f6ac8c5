//! Types: what a back end turns into Rust structs, enums and aliases.

use serde_json::Value;

use crate::openapi::Location;

/// How a field, parameter, variant or body refers to a type.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TypeRef {
    /// A type of [`Model::types`](super::Model::types), by name.
    Named(String),
    /// A primitive.
    Primitive(Primitive),
    /// A list (`Vec<T>`).
    Array(Box<TypeRef>),
    /// A map from strings (`BTreeMap<String, T>`), from
    /// `additionalProperties`.
    Map(Box<TypeRef>),
    /// A value that may be `null` (`Option<T>`).
    Nullable(Box<TypeRef>),
}

impl TypeRef {
    /// `self` made nullable, unless it already is.
    #[must_use]
    pub fn nullable(self) -> Self {
        match self {
            Self::Nullable(_) | Self::Primitive(Primitive::Null | Primitive::Any) => self,
            other => Self::Nullable(Box::new(other)),
        }
    }

    /// The named type this refers to by value (through `Nullable`, not
    /// through `Array` or `Map`, which are on the heap already).
    pub fn named_by_value(&self) -> Option<&str> {
        match self {
            Self::Named(name) => Some(name),
            Self::Nullable(inner) => inner.named_by_value(),
            Self::Primitive(_) | Self::Array(_) | Self::Map(_) => None,
        }
    }

    /// Every named type this mentions, at any depth.
    pub fn names(&self) -> Vec<&str> {
        match self {
            Self::Named(name) => vec![name],
            Self::Nullable(inner) | Self::Array(inner) | Self::Map(inner) => inner.names(),
            Self::Primitive(_) => Vec::new(),
        }
    }
}

/// Primitive values, with the formats that change their Rust type.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Primitive {
    /// Any JSON value.
    Any,
    /// Only `null`.
    Null,
    /// `true` or `false`.
    Boolean,
    /// An integer.
    Integer(IntegerFormat),
    /// A number.
    Number(NumberFormat),
    /// A string.
    String(StringFormat),
    /// The empty string only: Stripe's `enum: [""]` sentinel, which sends
    /// an empty value to clear a field.
    EmptyString,
}

/// Formats of integers.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum IntegerFormat {
    /// No format (64-bit is a safe choice).
    Plain,
    /// `int32`.
    Int32,
    /// `int64`.
    Int64,
    /// `unix-time`: seconds since the Unix epoch.
    UnixTime,
    /// Any other format, as written.
    Other(String),
}

/// Formats of numbers.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum NumberFormat {
    /// No format.
    Plain,
    /// `float`.
    Float,
    /// `double`.
    Double,
    /// Any other format, as written.
    Other(String),
}

/// Formats of strings.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum StringFormat {
    /// No format.
    Plain,
    /// `date-time` (RFC 3339).
    DateTime,
    /// `date`.
    Date,
    /// `decimal`: a decimal number written as a string.
    Decimal,
    /// `binary`: raw bytes (file uploads).
    Binary,
    /// `byte`: base64-encoded bytes.
    Byte,
    /// `uri`.
    Uri,
    /// `uuid`.
    Uuid,
    /// `email`.
    Email,
    /// `password`: a string to keep out of logs.
    Password,
    /// Any other format, as written.
    Other(String),
}

/// A named type.
#[derive(Clone, Debug, PartialEq)]
pub struct TypeDef {
    /// The Rust name (`UpperCamelCase`, unique in the model).
    pub name: String,
    /// Where its schema is written (for a query struct, the operation).
    pub origin: Location,
    /// The component schema it comes from, if any (`customer`).
    pub component: Option<String>,
    /// The schema's description.
    pub docs: Option<String>,
    /// What it is.
    pub kind: TypeKind,
}

/// The kinds of named types.
#[derive(Clone, Debug, PartialEq)]
pub enum TypeKind {
    /// A struct: an object with known properties.
    Struct(StructDef),
    /// A fieldless enum: a closed set of values.
    Enum(EnumDef),
    /// One of several types.
    Union(UnionDef),
    /// Another name for a type.
    Alias(AliasDef),
}

/// An object with known properties.
#[derive(Clone, Debug, PartialEq)]
pub struct StructDef {
    /// The fields, ordered by wire name.
    pub fields: Vec<Field>,
    /// Members beyond the fields (`additionalProperties`), each of this
    /// type; `None` when not described.
    pub additional: Option<TypeRef>,
    /// `additionalProperties: false`: no other members are allowed.
    pub closed: bool,
    /// A discriminator declared on this object (the base of a hierarchy).
    pub discriminator: Option<StructDiscriminator>,
}

/// A discriminator on an object: which type each value of a property
/// stands for.
#[derive(Clone, Debug, PartialEq)]
pub struct StructDiscriminator {
    /// The property's wire name.
    pub property: String,
    /// Property value to the type it stands for.
    pub mapping: std::collections::BTreeMap<String, TypeRef>,
}

/// A field of a struct.
#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    /// The Rust name (`snake_case`, keywords escaped, unique in the struct).
    pub name: String,
    /// The name on the wire.
    pub wire_name: String,
    /// The field's type; [`TypeRef::Nullable`] when `null` is allowed.
    pub ty: TypeRef,
    /// Whether the member must be present.
    pub required: bool,
    /// The property's description.
    pub docs: Option<String>,
    /// `default`, as written.
    pub default: Option<Value>,
    /// `readOnly`: sent by the server only.
    pub read_only: bool,
    /// `writeOnly`: sent by the client only.
    pub write_only: bool,
    /// `deprecated`.
    pub deprecated: bool,
    /// The field's type contains this struct by value (a recursive type):
    /// the back end must put it behind a `Box`.
    pub boxed: bool,
}

/// A fieldless enum.
#[derive(Clone, Debug, PartialEq)]
pub struct EnumDef {
    /// The variants, in the order the spec lists the values.
    pub variants: Vec<EnumVariant>,
}

/// One value of an enum.
#[derive(Clone, Debug, PartialEq)]
pub struct EnumVariant {
    /// The Rust name (see [`naming::variant_names`](crate::naming::variant_names)).
    pub name: String,
    /// The value on the wire.
    pub value: EnumValue,
}

/// A value an enum allows.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EnumValue {
    /// A string.
    String(String),
    /// An integer.
    Integer(i64),
    /// A boolean.
    Boolean(bool),
}

/// One of several types.
#[derive(Clone, Debug, PartialEq)]
pub struct UnionDef {
    /// How a value says which variant it is.
    pub tagging: Tagging,
    /// `oneOf` (exactly one variant matches) rather than `anyOf`.
    pub exclusive: bool,
    /// The variants, in the spec's order.
    pub variants: Vec<UnionVariant>,
}

/// How a union's variants are told apart.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Tagging {
    /// By trying each variant in order.
    Untagged,
    /// By the value of a property (`discriminator`).
    Discriminated {
        /// The property's wire name.
        property: String,
    },
}

/// One variant of a union.
#[derive(Clone, Debug, PartialEq)]
pub struct UnionVariant {
    /// The Rust name (`UpperCamelCase`, unique in the union).
    pub name: String,
    /// The variant's type.
    pub ty: TypeRef,
    /// The discriminator values that select this variant (empty when
    /// untagged).
    pub tags: Vec<String>,
    /// The variant contains the union by value: put it behind a `Box`.
    pub boxed: bool,
}

/// Another name for a type.
#[derive(Clone, Debug, PartialEq)]
pub struct AliasDef {
    /// The type named.
    pub ty: TypeRef,
    /// The alias is part of a cycle of types held by value: box it.
    pub boxed: bool,
}
