//! Request bodies and the media types of bodies.

use std::collections::BTreeMap;

use super::location::Location;
use super::parameter::Style;
use super::schema::SchemaId;

/// `requestBody`.
#[derive(Clone, Debug, PartialEq)]
pub struct RequestBody {
    /// Where it is defined (after following `$ref`s).
    pub location: Location,
    /// `description`.
    pub description: Option<String>,
    /// `required`.
    pub required: bool,
    /// `content`, by media type.
    pub content: BTreeMap<String, MediaType>,
}

/// One entry of a `content` map.
#[derive(Clone, Debug, PartialEq)]
pub struct MediaType {
    /// `schema`; `None` when the body's shape is not described.
    pub schema: Option<SchemaId>,
    /// `encoding` (form and multipart bodies), by property name.
    pub encoding: BTreeMap<String, Encoding>,
}

/// How one property of a form or multipart body is encoded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Encoding {
    /// `contentType` (multipart).
    pub content_type: Option<String>,
    /// `style` (form bodies), if given.
    pub style: Option<Style>,
    /// `explode`, if given.
    pub explode: Option<bool>,
    /// `allowReserved`.
    pub allow_reserved: bool,
}
