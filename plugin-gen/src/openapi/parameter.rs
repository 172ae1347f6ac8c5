//! Operation parameters: path, query, header and cookie.

use std::fmt;

use super::location::Location;
use super::schema::SchemaId;

/// Where a parameter goes (`in`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ParameterLocation {
    /// In the path template.
    Path,
    /// In the query string.
    Query,
    /// In a request header.
    Header,
    /// In a cookie.
    Cookie,
}

impl fmt::Display for ParameterLocation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Path => "path",
            Self::Query => "query",
            Self::Header => "header",
            Self::Cookie => "cookie",
        })
    }
}

/// How a parameter's value is serialized (`style`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Style {
    /// `matrix` (path): `;name=value`.
    Matrix,
    /// `label` (path): `.value`.
    Label,
    /// `simple` (path, header): `a,b`.
    Simple,
    /// `form` (query, cookie, form bodies): `name=a&name=b` or `name=a,b`.
    Form,
    /// `spaceDelimited` (query arrays): `a%20b`.
    SpaceDelimited,
    /// `pipeDelimited` (query arrays): `a|b`.
    PipeDelimited,
    /// `deepObject` (query objects, form bodies): `name[key]=value`.
    DeepObject,
}

impl Style {
    /// The style's name as OpenAPI writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Matrix => "matrix",
            Self::Label => "label",
            Self::Simple => "simple",
            Self::Form => "form",
            Self::SpaceDelimited => "spaceDelimited",
            Self::PipeDelimited => "pipeDelimited",
            Self::DeepObject => "deepObject",
        }
    }

    /// The style named `name`.
    pub fn from_name(name: &str) -> Option<Self> {
        [
            Self::Matrix,
            Self::Label,
            Self::Simple,
            Self::Form,
            Self::SpaceDelimited,
            Self::PipeDelimited,
            Self::DeepObject,
        ]
        .into_iter()
        .find(|style| style.as_str() == name)
    }

    /// The default style for a parameter in `location`: `simple` for path
    /// and header, `form` for query and cookie.
    pub fn default_for(location: ParameterLocation) -> Self {
        match location {
            ParameterLocation::Path | ParameterLocation::Header => Self::Simple,
            ParameterLocation::Query | ParameterLocation::Cookie => Self::Form,
        }
    }

    /// The styles OpenAPI allows in `location`.
    pub fn allowed_in(location: ParameterLocation) -> &'static [Style] {
        match location {
            ParameterLocation::Path => &[Self::Matrix, Self::Label, Self::Simple],
            ParameterLocation::Query => &[
                Self::Form,
                Self::SpaceDelimited,
                Self::PipeDelimited,
                Self::DeepObject,
            ],
            ParameterLocation::Header => &[Self::Simple],
            ParameterLocation::Cookie => &[Self::Form],
        }
    }
}

/// One parameter of an operation (path-level ones merged in).
#[derive(Clone, Debug, PartialEq)]
pub struct Parameter {
    /// Where it is defined (after following `$ref`s).
    pub location: Location,
    /// `name`.
    pub name: String,
    /// `in`.
    pub place: ParameterLocation,
    /// `description`.
    pub description: Option<String>,
    /// `required` (always true for path parameters).
    pub required: bool,
    /// `deprecated`.
    pub deprecated: bool,
    /// `style`, or the default for the location.
    pub style: Style,
    /// `explode`, or the default (true for `form`, else false).
    pub explode: bool,
    /// `allowReserved`.
    pub allow_reserved: bool,
    /// The value's schema (from `schema`, or from the one entry of
    /// `content`).
    pub schema: SchemaId,
    /// The media type when the parameter uses `content` instead of
    /// `schema` (its value is then serialized as that media type).
    pub content_type: Option<String>,
}
