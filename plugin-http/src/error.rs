use plugin_api::{ErrorKind, PluginError};

use crate::ApiError;

/// A request that could not be encoded: a path, query, header or body value
/// that does not fit where the operation puts it. Each message names the
/// parameter and says what would fit.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum EncodeError {
    /// A value failed to serialize.
    #[error("{what} could not be serialized: {message}")]
    Serialize {
        /// Which value, such as `the form body` or `query parameter 'limit'`.
        what: String,
        /// The serializer's message.
        message: String,
    },
    /// A body or `deepObject` value that must be an object is not one.
    #[error("{what} must be an object (a struct or a map), but it is {found}")]
    NotAnObject {
        /// Which value.
        what: String,
        /// What it is instead: `an array`, `a string`, ...
        found: &'static str,
    },
    /// An object key contains a square bracket, which bracket notation uses
    /// for nesting.
    #[error(
        "{what} has the key '{key}', which contains '[' or ']'; bracket notation (a[b]=c) cannot carry such a key, so rename it"
    )]
    BracketInKey {
        /// Which value.
        what: String,
        /// The key.
        key: String,
    },
    /// An object key is empty, which bracket notation cannot carry (`a[]`
    /// means an array element).
    #[error(
        "{what} has an empty key inside '{parent}'; bracket notation cannot carry an empty key"
    )]
    EmptyKey {
        /// Which value.
        what: String,
        /// The key of the object holding the empty key.
        parent: String,
    },
    /// A parameter style that only takes flat values was given a nested one.
    #[error(
        "{what} has style '{style}', which takes a value, a list of values or an object of values, but it holds {found} inside; use style deepObject for nested values"
    )]
    Nested {
        /// Which parameter.
        what: String,
        /// The style.
        style: &'static str,
        /// What was nested: `an object` or `an array`.
        found: &'static str,
    },
    /// A parameter that must have a value (a path parameter) has none.
    #[error("{what} is null; a path parameter needs a value")]
    Null {
        /// Which parameter.
        what: String,
    },
    /// The path template names a parameter that was not given.
    #[error("path parameter '{name}' of '{template}' was not given")]
    MissingPathParam {
        /// The parameter.
        name: String,
        /// The template.
        template: String,
    },
    /// A path parameter was given that the template does not contain.
    #[error(
        "path parameter '{name}' is not in the template '{template}'; its parameters are: {known}"
    )]
    UnknownPathParam {
        /// The parameter.
        name: String,
        /// The template.
        template: String,
        /// The template's parameters, comma-separated.
        known: String,
    },
    /// A path template with an unclosed or empty `{}`.
    #[error(
        "the path template '{template}' has an unclosed or empty '{{'; write parameters as {{name}}"
    )]
    BadTemplate {
        /// The template.
        template: String,
    },
    /// A header or cookie name or value that HTTP cannot carry.
    #[error("{what} cannot be sent: {reason}")]
    InvalidHeader {
        /// Which header or cookie (never its value when it is sensitive).
        what: String,
        /// Why.
        reason: String,
    },
    /// A multipart boundary that is invalid or occurs inside a part.
    #[error("the multipart boundary '{boundary}' {problem}")]
    Boundary {
        /// The boundary.
        boundary: String,
        /// What is wrong with it.
        problem: String,
    },
}

/// Why an HTTP call failed. Converts into a [`PluginError`] of a fitting
/// [`ErrorKind`] (see [`HttpError::kind`]), so plugin code can use `?`.
///
/// No message contains a credential: values the request's authentication used
/// are replaced by `[redacted]` wherever another party quotes them.
#[derive(Debug, Clone, thiserror::Error)]
#[non_exhaustive]
pub enum HttpError {
    /// The request could not be built from the operation's arguments.
    #[error("cannot build the request for {operation}: {source}")]
    Encode {
        /// Method and path template, such as `POST /v1/customers/{customer}`.
        operation: String,
        /// What was wrong.
        source: EncodeError,
    },
    /// The client's configuration is invalid (base URL, header, timeout).
    #[error("invalid HTTP client configuration: {message}")]
    Config {
        /// What is wrong and how to fix it.
        message: String,
    },
    /// The server could not be reached, or the exchange broke off.
    #[error("{operation}: {message}")]
    Transport {
        /// Method and path, such as `GET /v1/customers`.
        operation: String,
        /// What happened, such as `connection refused by 127.0.0.1:9`.
        message: String,
        /// Whether a timeout ran out.
        timed_out: bool,
    },
    /// The API answered with a status the operation does not expect.
    #[error(transparent)]
    Api(Box<ApiError>),
    /// The response body did not decode into the expected type.
    #[error("{operation}: could not decode the {status} response as {target}: {message}")]
    Decode {
        /// Method and path.
        operation: String,
        /// The response status.
        status: u16,
        /// The Rust type expected.
        target: &'static str,
        /// The decoder's message, with the start of the body when that helps.
        message: String,
    },
    /// Authentication could not be set up, such as an OAuth2 token request
    /// that failed.
    #[error("{message}")]
    Auth {
        /// What failed and what to do.
        message: String,
        /// The kind of failure: configuration (a refused client) or
        /// availability (an unreachable token endpoint).
        kind: ErrorKind,
    },
    /// Following a paginated list failed for a reason other than a request.
    #[error("{operation}: pagination stopped: {message}")]
    Pagination {
        /// Method and path of the list operation.
        operation: String,
        /// What was wrong with the page.
        message: String,
    },
}

impl HttpError {
    /// The [`ErrorKind`] this becomes as a [`PluginError`]:
    ///
    /// - [`InvalidInput`](ErrorKind::InvalidInput): arguments that do not
    ///   encode, and API answers 400, 404, 409, 422 and other 4xx that say the
    ///   request was wrong;
    /// - [`InvalidConfig`](ErrorKind::InvalidConfig): a bad client
    ///   configuration, 401 and 403 (the credential), a refused OAuth2 client;
    /// - [`Unavailable`](ErrorKind::Unavailable): unreachable servers,
    ///   timeouts, 408, 429 and 5xx (worth retrying later);
    /// - [`Failed`](ErrorKind::Failed): anything else, such as a response
    ///   that does not decode.
    pub fn kind(&self) -> ErrorKind {
        match self {
            HttpError::Encode { .. } => ErrorKind::InvalidInput,
            HttpError::Config { .. } => ErrorKind::InvalidConfig,
            HttpError::Transport { .. } => ErrorKind::Unavailable,
            HttpError::Api(error) => error.kind(),
            HttpError::Auth { kind, .. } => *kind,
            HttpError::Decode { .. } | HttpError::Pagination { .. } => ErrorKind::Failed,
        }
    }

    /// The API error, if this is one.
    pub fn api_error(&self) -> Option<&ApiError> {
        match self {
            HttpError::Api(error) => Some(error),
            _ => None,
        }
    }
}

impl From<ApiError> for HttpError {
    fn from(error: ApiError) -> HttpError {
        HttpError::Api(Box::new(error))
    }
}

impl From<HttpError> for PluginError {
    fn from(error: HttpError) -> PluginError {
        PluginError::new(error.kind(), error.to_string())
    }
}
