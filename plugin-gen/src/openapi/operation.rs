//! Operations: one HTTP method on one path.

use std::collections::BTreeMap;
use std::fmt;

use super::body::RequestBody;
use super::location::Location;
use super::parameter::Parameter;
use super::response::{Response, StatusKey};
use super::security::SecurityRequirement;
use super::server::Server;

/// An HTTP method, in OpenAPI's order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Method {
    /// GET.
    Get,
    /// PUT.
    Put,
    /// POST.
    Post,
    /// DELETE.
    Delete,
    /// OPTIONS.
    Options,
    /// HEAD.
    Head,
    /// PATCH.
    Patch,
    /// TRACE.
    Trace,
}

impl Method {
    /// Every method, in order.
    pub const ALL: [Method; 8] = [
        Self::Get,
        Self::Put,
        Self::Post,
        Self::Delete,
        Self::Options,
        Self::Head,
        Self::Patch,
        Self::Trace,
    ];

    /// The key of a path item that holds this method (`get`).
    pub fn key(self) -> &'static str {
        match self {
            Self::Get => "get",
            Self::Put => "put",
            Self::Post => "post",
            Self::Delete => "delete",
            Self::Options => "options",
            Self::Head => "head",
            Self::Patch => "patch",
            Self::Trace => "trace",
        }
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.key().to_ascii_uppercase())
    }
}

/// One operation.
#[derive(Clone, Debug, PartialEq)]
pub struct Operation {
    /// Where it is defined.
    pub location: Location,
    /// The path template (`/v1/customers/{customer}`).
    pub path: String,
    /// The method.
    pub method: Method,
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
    /// The path item's and the operation's parameters merged (the
    /// operation's win), ordered by location and then name. Header
    /// parameters named `Accept`, `Content-Type` or `Authorization` are
    /// left out, as OpenAPI says they are ignored.
    pub parameters: Vec<Parameter>,
    /// `requestBody`.
    pub request_body: Option<RequestBody>,
    /// `responses`, ordered codes, ranges, `default`.
    pub responses: BTreeMap<StatusKey, Response>,
    /// `security`: `None` when the operation inherits the document's.
    pub security: Option<Vec<SecurityRequirement>>,
    /// `servers` of the operation or its path item, when they override
    /// the document's.
    pub servers: Option<Vec<Server>>,
}
