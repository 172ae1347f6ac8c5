//! Authentication: which credentials the plugin reads for which security
//! scheme, and which operations use which requirement.
//!
//! # Credential names
//!
//! Each scheme reads credentials named by its kind:
//!
//! | scheme | credentials | sent as |
//! |---|---|---|
//! | `apiKey` | `api_key` | the header, query parameter or cookie the scheme names |
//! | `http` `bearer` | `api_key` | `Authorization: Bearer <api_key>` |
//! | `http` `basic` | `username`, `password` (may be left unset: empty) | `Authorization: Basic ...` |
//! | `oauth2` with a `clientCredentials` flow | `client_id`, `client_secret` | a bearer token from the flow's token URL, with the requirement's scopes |
//! | `oauth2` with other flows only, `openIdConnect` | `access_token` (obtained elsewhere) | `Authorization: Bearer <access_token>` |
//!
//! Schemes offered as alternatives share names, so an API that takes one
//! key either as a header or as a bearer token reads one `api_key`. When
//! one requirement needs two schemes at once that would read the same
//! name, both schemes' credentials are prefixed with the scheme's name
//! (`app_id_api_key`, `app_key_api_key`).
//!
//! `mutualTLS` and HTTP schemes other than `basic` and `bearer` cannot be
//! done by the plugin: requirements that need them are left out (the
//! crate's README says so), and an operation left with no requirement it
//! can meet is an error.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::{Model, Operation};
use crate::naming::snake_case;
use crate::openapi::{ApiKeyLocation, SecurityRequirement, SecurityScheme};
use crate::rust::error::GenError;

/// How one scheme authenticates, with the credentials it reads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum SchemeAuth {
    /// An API key in a header, query parameter or cookie.
    ApiKey {
        /// Where.
        location: ApiKeyLocation,
        /// The header, parameter or cookie name.
        name: String,
        /// The credential.
        credential: String,
    },
    /// A bearer token.
    Bearer {
        /// The credential.
        credential: String,
        /// Which kind of token it is, for documentation.
        what: &'static str,
    },
    /// HTTP basic.
    Basic {
        /// The user name's credential.
        username: String,
        /// The password's credential (empty when not stored).
        password: String,
    },
    /// OAuth2 client credentials.
    ClientCredentials {
        /// The token endpoint.
        token_url: String,
        /// The client id's credential.
        client_id: String,
        /// The client secret's credential.
        client_secret: String,
    },
}

impl SchemeAuth {
    /// The credentials it reads, required ones first.
    pub(crate) fn credentials(&self) -> Vec<&str> {
        match self {
            Self::ApiKey { credential, .. } | Self::Bearer { credential, .. } => vec![credential],
            Self::Basic { username, password } => vec![username, password],
            Self::ClientCredentials {
                client_id,
                client_secret,
                ..
            } => vec![client_id, client_secret],
        }
    }

    /// The credentials' names in backticks, joined with `separator`, for
    /// documentation.
    pub(crate) fn quoted_credentials(&self, separator: &str) -> String {
        self.credentials()
            .iter()
            .map(|c| format!("`{c}`"))
            .collect::<Vec<_>>()
            .join(separator)
    }

    fn prefixed(self, prefix: &str) -> Self {
        let p = |name: String| format!("{prefix}_{name}");
        match self {
            Self::ApiKey {
                location,
                name,
                credential,
            } => Self::ApiKey {
                location,
                name,
                credential: p(credential),
            },
            Self::Bearer { credential, what } => Self::Bearer {
                credential: p(credential),
                what,
            },
            Self::Basic { username, password } => Self::Basic {
                username: p(username),
                password: p(password),
            },
            Self::ClientCredentials {
                token_url,
                client_id,
                client_secret,
            } => Self::ClientCredentials {
                token_url,
                client_id: p(client_id),
                client_secret: p(client_secret),
            },
        }
    }
}

/// One scheme of a requirement.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct SchemeUse {
    /// The scheme's name in the specification.
    pub(crate) scheme: String,
    /// How it authenticates.
    pub(crate) auth: SchemeAuth,
    /// The scopes the requirement asks for.
    pub(crate) scopes: Vec<String>,
}

/// A requirement the plugin can meet: every scheme at once.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Requirement {
    /// The schemes, in name order.
    pub(crate) schemes: Vec<SchemeUse>,
}

/// Which requirements an operation accepts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum OpSecurity {
    /// None: the request goes without credentials.
    Anonymous,
    /// Any of these requirements (indices into [`AuthPlan::requirements`]),
    /// the first the plugin has credentials for.
    Required(Vec<usize>),
    /// Any of these, or none when the plugin has credentials for none.
    Optional(Vec<usize>),
}

/// Authentication for the whole crate.
#[derive(Debug, Default)]
pub(crate) struct AuthPlan {
    /// The requirements operations use, in order of first use.
    pub(crate) requirements: Vec<Requirement>,
    /// Requirements, as written, to their index.
    index: BTreeMap<SecurityRequirement, usize>,
    /// Requirements left out, and why, for the README.
    pub(crate) notes: Vec<String>,
}

impl AuthPlan {
    /// The plan for `model`.
    pub(crate) fn compute(model: &Model) -> Result<Self, GenError> {
        let mut base: BTreeMap<&str, Result<SchemeAuth, String>> = BTreeMap::new();
        for (name, scheme) in &model.security_schemes {
            base.insert(name, scheme_auth(name, scheme));
        }
        let mut written: Vec<&SecurityRequirement> = Vec::new();
        let mut first_use: BTreeMap<&SecurityRequirement, &crate::openapi::Location> =
            BTreeMap::new();
        for (_, op) in model.operations() {
            for requirement in &op.security {
                if !requirement.is_empty() && !written.contains(&requirement) {
                    written.push(requirement);
                    first_use.insert(requirement, &op.location);
                }
            }
        }
        let mut prefixed: BTreeSet<&str> = BTreeSet::new();
        for requirement in &written {
            let mut seen: BTreeMap<&str, &str> = BTreeMap::new();
            for scheme in requirement.keys() {
                let Some(Ok(auth)) = base.get(scheme.as_str()) else {
                    continue;
                };
                for credential in auth.credentials() {
                    if let Some(other) = seen.insert(credential, scheme) {
                        prefixed.insert(other);
                        prefixed.insert(scheme);
                    }
                }
            }
        }
        let mut plan = Self::default();
        for requirement in written {
            let mut schemes = Vec::new();
            let mut unusable = None;
            for (scheme, scopes) in requirement {
                match base.get(scheme.as_str()) {
                    Some(Ok(auth)) => {
                        let auth = if prefixed.contains(scheme.as_str()) {
                            auth.clone().prefixed(
                                &snake_case(scheme).unwrap_or_else(|| "scheme".to_owned()),
                            )
                        } else {
                            auth.clone()
                        };
                        schemes.push(SchemeUse {
                            scheme: scheme.clone(),
                            auth,
                            scopes: scopes.clone(),
                        });
                    }
                    Some(Err(reason)) => unusable = Some(reason.clone()),
                    None => {
                        unusable = Some(format!("the security scheme '{scheme}' is not defined"))
                    }
                }
            }
            if let Some(reason) = unusable {
                let names: Vec<&str> = requirement.keys().map(String::as_str).collect();
                plan.notes.push(format!(
                    "The requirement `{}` is left out: {reason}.",
                    names.join("` + `")
                ));
                continue;
            }
            let mut credentials = BTreeSet::new();
            for scheme in &schemes {
                for credential in scheme.auth.credentials() {
                    if !credentials.insert(credential.to_owned()) {
                        let names: Vec<&str> = requirement.keys().map(String::as_str).collect();
                        let at = first_use.get(requirement).map_or_else(
                            || {
                                crate::openapi::Location::new(
                                    "<spec>",
                                    crate::openapi::JsonPointer::root(),
                                )
                            },
                            |location| location.push("security"),
                        );
                        return Err(GenError::unsupported(
                            &at,
                            format!(
                                "the security requirement {} whose schemes would read the same credential '{credential}'",
                                names.join(" + ")
                            ),
                            "rename one of the schemes, so that their credentials get different prefixes",
                        ));
                    }
                }
            }
            plan.index
                .insert(requirement.clone(), plan.requirements.len());
            plan.requirements.push(Requirement { schemes });
        }
        Ok(plan)
    }

    /// Which requirements `op` accepts.
    ///
    /// # Errors
    ///
    /// [`GenError::Unsupported`] when the operation needs authentication
    /// and every requirement it accepts was left out.
    pub(crate) fn of(&self, op: &Operation) -> Result<OpSecurity, GenError> {
        if op.security.is_empty() {
            return Ok(OpSecurity::Anonymous);
        }
        let anonymous = op.security.iter().any(SecurityRequirement::is_empty);
        let mut usable: Vec<usize> = op
            .security
            .iter()
            .filter_map(|r| self.index.get(r).copied())
            .collect();
        usable.dedup();
        match (usable.is_empty(), anonymous) {
            (true, true) => Ok(OpSecurity::Anonymous),
            (true, false) => Err(GenError::unsupported(
                &op.location.push("security"),
                "an operation whose every security requirement needs a scheme the plugin cannot perform",
                format!(
                    "offer a requirement with an apiKey, http basic or bearer, or oauth2 scheme ({})",
                    self.notes.join(" ")
                ),
            )),
            (false, true) => Ok(OpSecurity::Optional(usable)),
            (false, false) => Ok(OpSecurity::Required(usable)),
        }
    }

    /// Every credential some requirement reads, with the schemes that read
    /// it, in name order.
    pub(crate) fn credentials(&self) -> BTreeMap<String, BTreeSet<String>> {
        let mut all: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for requirement in &self.requirements {
            for scheme in &requirement.schemes {
                for credential in scheme.auth.credentials() {
                    all.entry(credential.to_owned())
                        .or_default()
                        .insert(scheme.scheme.clone());
                }
            }
        }
        all
    }
}

/// How `scheme` authenticates with its base credential names, or why the
/// plugin cannot.
fn scheme_auth(name: &str, scheme: &SecurityScheme) -> Result<SchemeAuth, String> {
    match scheme {
        SecurityScheme::ApiKey {
            name: key,
            location,
            ..
        } => Ok(SchemeAuth::ApiKey {
            location: *location,
            name: key.clone(),
            credential: "api_key".to_owned(),
        }),
        SecurityScheme::Http { scheme, .. } if scheme == "bearer" => Ok(SchemeAuth::Bearer {
            credential: "api_key".to_owned(),
            what: "API key",
        }),
        SecurityScheme::Http { scheme, .. } if scheme == "basic" => Ok(SchemeAuth::Basic {
            username: "username".to_owned(),
            password: "password".to_owned(),
        }),
        SecurityScheme::Http { scheme: other, .. } => Err(format!(
            "the scheme '{name}' uses HTTP authentication '{other}'; the plugin does basic and bearer only"
        )),
        SecurityScheme::OAuth2 { flows, .. } => match flows
            .client_credentials
            .as_ref()
            .and_then(|f| f.token_url.clone())
        {
            Some(token_url) => Ok(SchemeAuth::ClientCredentials {
                token_url,
                client_id: "client_id".to_owned(),
                client_secret: "client_secret".to_owned(),
            }),
            None => Ok(SchemeAuth::Bearer {
                credential: "access_token".to_owned(),
                what: "OAuth2 access token (obtained outside the plugin)",
            }),
        },
        SecurityScheme::OpenIdConnect { .. } => Ok(SchemeAuth::Bearer {
            credential: "access_token".to_owned(),
            what: "OpenID Connect access token (obtained outside the plugin)",
        }),
        SecurityScheme::MutualTls { .. } => Err(format!(
            "the scheme '{name}' is mutual TLS, which needs a client certificate the plugin cannot present"
        )),
    }
}
