//! Reading security schemes and requirements.

use std::collections::BTreeMap;

use crate::openapi::documents::Documents;
use crate::openapi::error::SpecError;
use crate::openapi::node::Node;
use crate::openapi::reference::ReadError;
use crate::openapi::security::{
    ApiKeyLocation, OAuthFlow, OAuthFlows, SecurityRequirement, SecurityScheme,
};

use super::follow::follow;

/// Reads `components/securitySchemes`.
pub(crate) fn read_schemes(
    docs: &Documents,
    node: &Node<'_>,
) -> Result<BTreeMap<String, SecurityScheme>, ReadError> {
    let mut schemes = BTreeMap::new();
    for (name, scheme) in node.entries()? {
        let scheme = follow(docs, scheme)?;
        schemes.insert(name.to_owned(), read_scheme(&scheme)?);
    }
    Ok(schemes)
}

fn read_scheme(node: &Node<'_>) -> Result<SecurityScheme, SpecError> {
    let description = node.opt_string("description")?;
    let kind = node.require("type")?;
    Ok(match kind.as_str()? {
        "apiKey" => {
            let place = node.require("in")?;
            let location = match place.as_str()? {
                "header" => ApiKeyLocation::Header,
                "query" => ApiKeyLocation::Query,
                "cookie" => ApiKeyLocation::Cookie,
                other => {
                    return Err(place.invalid(format!(
                        "an API key cannot go in '{other}'; use header, query or cookie"
                    )));
                }
            };
            SecurityScheme::ApiKey {
                name: node.req_str("name")?.to_owned(),
                location,
                description,
            }
        }
        "http" => SecurityScheme::Http {
            scheme: node.req_str("scheme")?.to_ascii_lowercase(),
            bearer_format: node.opt_string("bearerFormat")?,
            description,
        },
        "oauth2" => SecurityScheme::OAuth2 {
            flows: Box::new(read_flows(&node.require("flows")?)?),
            description,
        },
        "openIdConnect" => SecurityScheme::OpenIdConnect {
            url: node.req_str("openIdConnectUrl")?.to_owned(),
            description,
        },
        "mutualTLS" => SecurityScheme::MutualTls { description },
        other => {
            return Err(kind.invalid(format!(
                "'{other}' is not a security scheme type; use apiKey, http, oauth2, openIdConnect or mutualTLS"
            )));
        }
    })
}

fn read_flows(node: &Node<'_>) -> Result<OAuthFlows, SpecError> {
    let flows = OAuthFlows {
        implicit: read_flow(node, "implicit", true, false)?,
        password: read_flow(node, "password", false, true)?,
        client_credentials: read_flow(node, "clientCredentials", false, true)?,
        authorization_code: read_flow(node, "authorizationCode", true, true)?,
    };
    if flows.implicit.is_none()
        && flows.password.is_none()
        && flows.client_credentials.is_none()
        && flows.authorization_code.is_none()
    {
        return Err(node.invalid(
            "no OAuth 2 flow is defined; add implicit, password, clientCredentials or authorizationCode",
        ));
    }
    Ok(flows)
}

fn read_flow(
    node: &Node<'_>,
    key: &str,
    needs_authorization_url: bool,
    needs_token_url: bool,
) -> Result<Option<OAuthFlow>, SpecError> {
    let Some(flow) = node.get(key)? else {
        return Ok(None);
    };
    let url = |name: &'static str, needed: bool| -> Result<Option<String>, SpecError> {
        if needed {
            Ok(Some(flow.req_str(name)?.to_owned()))
        } else {
            flow.opt_string(name)
        }
    };
    let mut scopes = BTreeMap::new();
    for (scope, description) in flow.require("scopes")?.entries()? {
        scopes.insert(scope.to_owned(), description.as_str()?.to_owned());
    }
    Ok(Some(OAuthFlow {
        authorization_url: url("authorizationUrl", needs_authorization_url)?,
        token_url: url("tokenUrl", needs_token_url)?,
        refresh_url: flow.opt_string("refreshUrl")?,
        scopes,
    }))
}

/// Reads a `security` list, checking that every scheme it names exists.
pub(crate) fn read_requirements(
    node: &Node<'_>,
    schemes: &BTreeMap<String, SecurityScheme>,
) -> Result<Vec<SecurityRequirement>, SpecError> {
    let mut requirements = Vec::new();
    for alternative in node.items()? {
        let mut requirement = SecurityRequirement::new();
        for (name, scopes) in alternative.entries()? {
            if !schemes.contains_key(name) {
                return Err(scopes.invalid(format!(
                    "the requirement names the security scheme '{name}', which components/securitySchemes does not define; define it there or fix the name"
                )));
            }
            let scopes = scopes
                .items()?
                .iter()
                .map(|scope| scope.as_str().map(str::to_owned))
                .collect::<Result<Vec<_>, _>>()?;
            requirement.insert(name.to_owned(), scopes);
        }
        requirements.push(requirement);
    }
    Ok(requirements)
}
