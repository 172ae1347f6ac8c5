//! Operations as back ends see them: a command of a resource.

use std::collections::BTreeMap;

use crate::openapi::{
    Encoding, Location, Method, SecurityRequirement, Server, StatusKey, Style, TemplatePart,
};

use super::types::TypeRef;

/// What an operation does to its resource.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum OperationKind {
    /// POST on a collection.
    Create,
    /// GET on a collection that returns a list.
    List,
    /// GET on an item (or on a singleton, such as `/v1/balance`).
    Retrieve,
    /// POST, PUT or PATCH on an item (or PUT/PATCH on a singleton).
    Update,
    /// DELETE.
    Delete,
    /// Anything else: an action (`/v1/payment_intents/{intent}/confirm`) or
    /// a method without a CRUD meaning; its command comes from the path's
    /// last word or the `operationId`.
    Action,
}

/// One operation.
#[derive(Clone, Debug, PartialEq)]
pub struct Operation {
    /// The command's name in its resource (`create`, `list`, `retrieve`,
    /// `update`, `delete`, or an action such as `verify`), `snake_case`
    /// and unique within the resource.
    pub command: String,
    /// What it does.
    pub kind: OperationKind,
    /// The HTTP method.
    pub method: Method,
    /// The path.
    pub path: PathTemplate,
    /// `operationId`.
    pub operation_id: Option<String>,
    /// `summary`.
    pub summary: Option<String>,
    /// `description`.
    pub description: Option<String>,
    /// `tags`.
    pub tags: Vec<String>,
    /// `deprecated`.
    pub deprecated: bool,
    /// Where it is defined.
    pub location: Location,
    /// Path parameters, in the order the template names them.
    pub path_params: Vec<Param>,
    /// Query parameters, ordered by wire name.
    pub query_params: Vec<Param>,
    /// The struct of [`Model::types`](super::Model::types) whose fields are
    /// the query parameters (`CustomerListQuery`); `None` without any.
    pub query_type: Option<String>,
    /// Header parameters, ordered by wire name.
    pub header_params: Vec<Param>,
    /// Cookie parameters, ordered by wire name.
    pub cookie_params: Vec<Param>,
    /// The request body.
    pub request_body: Option<RequestBody>,
    /// Responses by status: codes, ranges, then `default`.
    pub responses: BTreeMap<StatusKey, ResponseDef>,
    /// The security requirements in force (the operation's own, or the
    /// document's): any one alternative suffices; empty means none needed.
    pub security: Vec<SecurityRequirement>,
    /// Servers that override the document's for this operation.
    pub servers: Option<Vec<Server>>,
    /// How to page through the results, when the operation is a paged list.
    pub pagination: Option<Pagination>,
}

impl Operation {
    /// The first success response (2xx), if any.
    pub fn success(&self) -> Option<(&StatusKey, &ResponseDef)> {
        self.responses
            .iter()
            .find(|(status, _)| status.is_success())
    }
}

/// A path template.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PathTemplate {
    /// As written (`/v1/customers/{customer}`).
    pub template: String,
    /// Split into literal text and parameters.
    pub parts: Vec<TemplatePart>,
}

/// A parameter.
#[derive(Clone, Debug, PartialEq)]
pub struct Param {
    /// The Rust name (`snake_case`, unique among the operation's path,
    /// header and cookie parameters, or among the query struct's fields).
    pub name: String,
    /// The name on the wire.
    pub wire_name: String,
    /// The value's type.
    pub ty: TypeRef,
    /// Whether it must be given.
    pub required: bool,
    /// How it is serialized.
    pub style: Style,
    /// `explode`.
    pub explode: bool,
    /// `allowReserved`.
    pub allow_reserved: bool,
    /// When set, the value is serialized as this media type instead.
    pub content_type: Option<String>,
    /// `description`.
    pub docs: Option<String>,
    /// `deprecated`.
    pub deprecated: bool,
}

/// The kinds of media types a back end encodes differently.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MediaKind {
    /// `application/json` and `+json` types.
    Json,
    /// `application/x-www-form-urlencoded`.
    FormUrlEncoded,
    /// `multipart/form-data` and other `multipart/` types.
    Multipart,
    /// `text/` types.
    Text,
    /// `application/xml`, `text/xml` and `+xml` types.
    Xml,
    /// `application/octet-stream` and other binary bodies.
    Binary,
}

impl MediaKind {
    /// The kind of a media type (parameters such as `; charset=utf-8`
    /// ignored).
    pub fn of(media_type: &str) -> Self {
        let essence = media_type
            .split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        if essence == "application/json" || essence.ends_with("+json") || essence == "*/*" {
            Self::Json
        } else if essence == "application/x-www-form-urlencoded" {
            Self::FormUrlEncoded
        } else if essence.starts_with("multipart/") {
            Self::Multipart
        } else if essence.ends_with("/xml") || essence.ends_with("+xml") {
            Self::Xml
        } else if essence.starts_with("text/") {
            Self::Text
        } else {
            Self::Binary
        }
    }
}

/// One media type of a body.
#[derive(Clone, Debug, PartialEq)]
pub struct BodyContent {
    /// The media type as written.
    pub media_type: String,
    /// Its kind.
    pub kind: MediaKind,
    /// The body's type; `None` when the spec does not describe it.
    pub ty: Option<TypeRef>,
    /// How properties are encoded (form and multipart), by wire name;
    /// see [`BodyContent::encoding_for`] for the defaults.
    pub encoding: BTreeMap<String, Encoding>,
}

impl BodyContent {
    /// How the property `wire_name` is encoded: as the spec says, else
    /// OpenAPI's default (`form` style, exploded).
    pub fn encoding_for(&self, wire_name: &str) -> Encoding {
        self.encoding.get(wire_name).cloned().unwrap_or(Encoding {
            content_type: None,
            style: Some(Style::Form),
            explode: Some(true),
            allow_reserved: false,
        })
    }
}

/// A request body.
#[derive(Clone, Debug, PartialEq)]
pub struct RequestBody {
    /// `required`.
    pub required: bool,
    /// `description`.
    pub docs: Option<String>,
    /// The media types, the one to prefer first (JSON, then form, then
    /// multipart, then the rest), then by media type.
    pub contents: Vec<BodyContent>,
}

/// A response.
#[derive(Clone, Debug, PartialEq)]
pub struct ResponseDef {
    /// `description`.
    pub docs: Option<String>,
    /// The media types, preferred first as for request bodies (encoding
    /// is always empty).
    pub contents: Vec<BodyContent>,
    /// Response headers, ordered by wire name.
    pub headers: Vec<ResponseHeader>,
}

/// A response header.
#[derive(Clone, Debug, PartialEq)]
pub struct ResponseHeader {
    /// The Rust name.
    pub name: String,
    /// The header's name.
    pub wire_name: String,
    /// The value's type.
    pub ty: TypeRef,
    /// `required`.
    pub required: bool,
    /// `description`.
    pub docs: Option<String>,
}

/// How to fetch the next page of a list.
#[derive(Clone, Debug, PartialEq)]
pub enum Pagination {
    /// Cursor pagination (Stripe's lists): pass the last item's `id` as
    /// `starting_after` while `has_more` is true.
    Cursor {
        /// The query parameter taking the last item's id (`starting_after`).
        starting_after: String,
        /// The query parameter for paging backwards, if any (`ending_before`).
        ending_before: Option<String>,
        /// The query parameter for the page size, if any (`limit`).
        limit: Option<String>,
        /// The response field holding the items (`data`).
        data_field: String,
        /// The response field saying more pages exist (`has_more`).
        has_more_field: String,
        /// The items' type.
        item: TypeRef,
    },
    /// Page-token pagination (Stripe's searches): pass the response's
    /// `next_page` as `page` while `has_more` is true.
    PageToken {
        /// The query parameter taking the token (`page`).
        page_param: String,
        /// The response field holding the next token (`next_page`).
        next_page_field: String,
        /// The query parameter for the page size, if any (`limit`).
        limit: Option<String>,
        /// The response field holding the items (`data`).
        data_field: String,
        /// The response field saying more pages exist (`has_more`).
        has_more_field: String,
        /// The items' type.
        item: TypeRef,
    },
}
