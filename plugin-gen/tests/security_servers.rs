//! Security schemes of every kind, requirements global and per
//! operation, and servers with variables.

mod common;

use plugin_gen::model::Model;
use plugin_gen::openapi::{self, ApiKeyLocation, Format, SecurityScheme, SpecError};

const SPEC: &str = r##"
openapi: 3.1.0
info: { title: secured, version: "1" }
servers:
  - url: "https://{tenant}.example.com/{base}"
    variables:
      tenant: { default: demo, description: your tenant }
      base: { default: v2, enum: [v1, v2] }
security:
  - oauth: [read]
  - query_key: []
    cookie_key: []
paths:
  /health:
    get:
      security: []
      responses: { "204": { description: alive } }
  /things:
    get:
      responses: { "200": { description: things } }
    post:
      security: [{ bearer: [] }, { basic: [] }, { header_key: [] }]
      responses: { "201": { description: created } }
  /mtls:
    get:
      security: [{ mtls: [] }, { oidc: [] }]
      servers: [{ url: "https://mtls.example.com" }]
      responses: { "200": { description: ok } }
components:
  securitySchemes:
    oauth:
      type: oauth2
      flows:
        clientCredentials:
          tokenUrl: https://auth.example.com/token
          scopes: { read: read things, write: write things }
        authorizationCode:
          authorizationUrl: https://auth.example.com/authorize
          tokenUrl: https://auth.example.com/token
          refreshUrl: https://auth.example.com/refresh
          scopes: {}
    query_key: { type: apiKey, name: api_key, in: query }
    cookie_key: { type: apiKey, name: session, in: cookie }
    header_key: { type: apiKey, name: X-Api-Key, in: header }
    bearer: { type: http, scheme: Bearer, bearerFormat: JWT }
    basic: { type: http, scheme: basic }
    oidc: { type: openIdConnect, openIdConnectUrl: https://auth.example.com/.well-known/openid-configuration }
    mtls: { type: mutualTLS }
    shared:
      $ref: "#/components/securitySchemes/basic"
"##;

#[test]
fn every_kind_of_scheme_is_read() {
    let spec = openapi::parse(SPEC, Format::Yaml).unwrap();
    let schemes = &spec.security_schemes;
    let SecurityScheme::OAuth2 { flows, .. } = &schemes["oauth"] else {
        panic!()
    };
    let client = flows
        .client_credentials
        .as_ref()
        .expect("client credentials");
    assert_eq!(
        client.token_url.as_deref(),
        Some("https://auth.example.com/token")
    );
    assert_eq!(client.scopes.len(), 2);
    let code = flows
        .authorization_code
        .as_ref()
        .expect("authorization code");
    assert_eq!(
        code.refresh_url.as_deref(),
        Some("https://auth.example.com/refresh")
    );
    assert!(flows.implicit.is_none() && flows.password.is_none());
    let api_key = |name: &str| match &schemes[name] {
        SecurityScheme::ApiKey { name, location, .. } => (name.clone(), *location),
        other => panic!("{other:?}"),
    };
    assert_eq!(
        api_key("query_key"),
        ("api_key".into(), ApiKeyLocation::Query)
    );
    assert_eq!(
        api_key("cookie_key"),
        ("session".into(), ApiKeyLocation::Cookie)
    );
    assert_eq!(
        api_key("header_key"),
        ("X-Api-Key".into(), ApiKeyLocation::Header)
    );
    assert!(
        matches!(&schemes["bearer"], SecurityScheme::Http { scheme, bearer_format: Some(f), .. } if scheme == "bearer" && f == "JWT")
    );
    assert!(matches!(
        &schemes["oidc"],
        SecurityScheme::OpenIdConnect { .. }
    ));
    assert!(matches!(&schemes["mtls"], SecurityScheme::MutualTls { .. }));
    assert_eq!(schemes["shared"], schemes["basic"]);
}

#[test]
fn operations_inherit_or_override_the_requirements() {
    let model = Model::from_spec(&openapi::parse(SPEC, Format::Yaml).unwrap()).unwrap();
    common::check_model(&model);
    let schemes = |resource: &str, command: &str| -> Vec<Vec<String>> {
        model.resources[resource].operations[command]
            .security
            .iter()
            .map(|requirement| requirement.keys().cloned().collect())
            .collect()
    };
    assert!(
        schemes("health", "retrieve").is_empty(),
        "security: [] needs no authentication"
    );
    assert_eq!(
        schemes("things", "retrieve"),
        [
            vec!["oauth".to_owned()],
            vec!["cookie_key".to_owned(), "query_key".to_owned()]
        ]
    );
    assert_eq!(
        model.resources["things"].operations["retrieve"].security[0]["oauth"],
        ["read"]
    );
    assert_eq!(
        schemes("things", "create"),
        [
            vec!["bearer".to_owned()],
            vec!["basic".to_owned()],
            vec!["header_key".to_owned()]
        ]
    );
    let mtls = &model.resources["mtls"].operations["retrieve"];
    assert_eq!(
        mtls.servers.as_ref().unwrap()[0].url,
        "https://mtls.example.com"
    );
}

#[test]
fn servers_keep_their_variables() {
    let spec = openapi::parse(SPEC, Format::Yaml).unwrap();
    let server = &spec.servers[0];
    assert_eq!(server.default_url(), "https://demo.example.com/v2");
    assert_eq!(server.variables["base"].values, ["v1", "v2"]);
    assert_eq!(
        server.variables["tenant"].description.as_deref(),
        Some("your tenant")
    );
    let bad = SPEC.replace("enum: [v1, v2]", "enum: [v1, v3]");
    let error = openapi::parse(&bad, Format::Yaml).unwrap_err();
    assert!(matches!(error, SpecError::Invalid { .. }), "{error}");
    assert_eq!(
        error.location().unwrap().pointer().as_str(),
        "/servers/0/variables/base"
    );
}

#[test]
fn an_oauth_scheme_needs_a_flow_and_its_urls() {
    let no_flow = SPEC.replace(
        "      flows:\n        clientCredentials:",
        "      flows: {}\n      unused:\n        clientCredentials:",
    );
    let error = openapi::parse(&no_flow, Format::Yaml).unwrap_err();
    assert!(error.to_string().contains("no OAuth 2 flow"), "{error}");
    let no_token_url = SPEC.replacen(
        "          tokenUrl: https://auth.example.com/token\n          scopes: { read",
        "          scopes: { read",
        1,
    );
    let error = openapi::parse(&no_token_url, Format::Yaml).unwrap_err();
    assert!(
        matches!(
            error,
            SpecError::Missing {
                field: "tokenUrl",
                ..
            }
        ),
        "{error}"
    );
}
