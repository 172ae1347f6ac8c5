//! Security schemes and the requirements that name them.

use std::collections::BTreeMap;

/// One entry of `components/securitySchemes`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SecurityScheme {
    /// `type: apiKey`: a key sent in a header, query parameter or cookie.
    ApiKey {
        /// The header, parameter or cookie name.
        name: String,
        /// Where the key goes.
        location: ApiKeyLocation,
        /// `description`.
        description: Option<String>,
    },
    /// `type: http`.
    Http {
        /// `scheme`, lowercased: `basic`, `bearer`, or another HTTP
        /// authentication scheme.
        scheme: String,
        /// `bearerFormat`.
        bearer_format: Option<String>,
        /// `description`.
        description: Option<String>,
    },
    /// `type: oauth2`.
    OAuth2 {
        /// `flows` (boxed: four flows make a large value).
        flows: Box<OAuthFlows>,
        /// `description`.
        description: Option<String>,
    },
    /// `type: openIdConnect`.
    OpenIdConnect {
        /// `openIdConnectUrl`.
        url: String,
        /// `description`.
        description: Option<String>,
    },
    /// `type: mutualTLS` (3.1).
    MutualTls {
        /// `description`.
        description: Option<String>,
    },
}

/// Where an API key goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ApiKeyLocation {
    /// A request header.
    Header,
    /// A query parameter.
    Query,
    /// A cookie.
    Cookie,
}

/// The flows of an OAuth 2 scheme; at least one is present.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OAuthFlows {
    /// `implicit`.
    pub implicit: Option<OAuthFlow>,
    /// `password`.
    pub password: Option<OAuthFlow>,
    /// `clientCredentials`.
    pub client_credentials: Option<OAuthFlow>,
    /// `authorizationCode`.
    pub authorization_code: Option<OAuthFlow>,
}

/// One OAuth 2 flow.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OAuthFlow {
    /// `authorizationUrl` (implicit and authorization code flows).
    pub authorization_url: Option<String>,
    /// `tokenUrl` (password, client credentials, authorization code).
    pub token_url: Option<String>,
    /// `refreshUrl`.
    pub refresh_url: Option<String>,
    /// `scopes`: name to description.
    pub scopes: BTreeMap<String, String>,
}

/// One alternative of a `security` list: every named scheme must be
/// satisfied, with the listed scopes. An empty requirement means no
/// authentication is needed.
pub type SecurityRequirement = BTreeMap<String, Vec<String>>;
