//! `src/auth.rs`: connecting to the API with the plugin's credentials.

use proc_macro2::TokenStream;
use quote::quote;

use super::syntax::{ident, raw_docs, raw_inner_docs};
use crate::openapi::ApiKeyLocation;
use crate::rust::plan::Plan;
use crate::rust::plan::auth::{OpSecurity, Requirement, SchemeAuth};

/// The base URL of the API's first server, variables at their defaults.
pub(crate) fn default_base_url(plan: &Plan<'_>) -> String {
    plan.model
        .servers
        .first()
        .map_or_else(|| "/".to_owned(), crate::openapi::Server::default_url)
}

/// The module.
pub(crate) fn emit_auth(plan: &Plan<'_>) -> TokenStream {
    let config = ident(&plan.config_type);
    let base_url = default_base_url(plan);
    let needs = plan
        .model
        .operations()
        .any(|(_, op)| matches!(plan.auth.of(op), Ok(OpSecurity::Required(_))));
    let mut docs = vec![
        "Authentication: the API's security requirements, and the credentials the plugin reads for each from the host's credential store."
            .to_owned(),
    ];
    for note in &plan.auth.notes {
        docs.push(String::new());
        docs.push(note.replace('`', "'"));
    }
    let docs = raw_inner_docs(&docs);
    let requirements: Vec<TokenStream> = plan
        .auth
        .requirements
        .iter()
        .enumerate()
        .map(|(index, requirement)| requirement_fn(&config, index, requirement))
        .collect();
    let connect_body = if requirements.is_empty() {
        quote! {
            let config = ctx.config();
            Api::connect(DEFAULT_BASE_URL, config.base_url.as_deref(), config.timeout_secs, config.connect_timeout_secs, Vec::new(), NEEDS_CREDENTIALS)
        }
    } else {
        let calls = (0..requirements.len()).map(|index| {
            let function = ident(&format!("requirement_{index}"));
            quote!(#function(&mut credentials))
        });
        quote! {
            let config = ctx.config();
            let mut credentials = Credentials::new(ctx);
            let requirements = Vec::from([#(#calls),*]);
            Api::connect(DEFAULT_BASE_URL, config.base_url.as_deref(), config.timeout_secs, config.connect_timeout_secs, requirements, NEEDS_CREDENTIALS)
        }
    };
    let credentials_import = (!requirements.is_empty()).then(|| {
        quote!(
            use crate::support::Credentials;
        )
    });
    quote! {
        #docs
        use ::plugin_api::{Context, PluginError};
        use crate::support::Api;
        #credentials_import
        use crate::#config;

        /// The base URL of the API's first server; the configuration's `base_url` replaces it.
        pub const DEFAULT_BASE_URL: &str = #base_url;

        /// Whether some command cannot run without credentials, so that activating the plugin without any fails.
        pub const NEEDS_CREDENTIALS: bool = #needs;

        /// Connects to the API: a client for each security requirement whose credentials the host has.
        ///
        /// # Errors
        ///
        /// A bad base URL or timeout, or no credentials at all when some command needs them (the message says where to store them).
        pub fn connect(ctx: &Context<'_, #config>) -> Result<Api, PluginError> {
            #connect_body
        }

        #(#requirements)*
    }
}

fn requirement_fn(
    config: &proc_macro2::Ident,
    index: usize,
    requirement: &Requirement,
) -> TokenStream {
    let function = ident(&format!("requirement_{index}"));
    let summary: Vec<String> = requirement
        .schemes
        .iter()
        .map(|scheme| {
            format!(
                "`{}` ({}: {})",
                scheme.scheme.replace('`', "'"),
                kind(&scheme.auth),
                scheme.auth.quoted_credentials(", ")
            )
        })
        .collect();
    let docs = raw_docs(&[format!("Requirement {index}: {}.", summary.join(" and "))]);
    let parts: Vec<TokenStream> = requirement
        .schemes
        .iter()
        .map(|scheme| scheme_auth(&scheme.auth, &scheme.scopes))
        .collect();
    let auth = match parts.as_slice() {
        [one] => one.clone(),
        several => quote!(::plugin_http::Auth::all([#(#several),*])),
    };
    quote! {
        #docs
        fn #function(credentials: &mut Credentials<'_, '_, #config>) -> Result<::plugin_http::Auth, String> {
            Ok(#auth)
        }
    }
}

fn scheme_auth(auth: &SchemeAuth, scopes: &[String]) -> TokenStream {
    match auth {
        SchemeAuth::ApiKey {
            location,
            name,
            credential,
        } => {
            let location = match location {
                ApiKeyLocation::Header => quote!(::plugin_http::ApiKeyLocation::Header),
                ApiKeyLocation::Query => quote!(::plugin_http::ApiKeyLocation::Query),
                ApiKeyLocation::Cookie => quote!(::plugin_http::ApiKeyLocation::Cookie),
            };
            quote!(::plugin_http::Auth::api_key(#location, #name, credentials.get(#credential)?).credential(#credential))
        }
        SchemeAuth::Bearer { credential, .. } => {
            quote!(::plugin_http::Auth::bearer(credentials.get(#credential)?).credential(#credential))
        }
        SchemeAuth::Basic { username, password } => quote! {
            ::plugin_http::Auth::basic(credentials.get(#username)?, credentials.optional(#password)).credential(#username)
        },
        SchemeAuth::ClientCredentials {
            token_url,
            client_id,
            client_secret,
        } => {
            let scopes = (!scopes.is_empty()).then(|| quote!(.scopes([#(#scopes),*])));
            quote! {
                ::plugin_http::Auth::oauth2(
                    ::plugin_http::ClientCredentials::new(#token_url, credentials.get(#client_id)?.expose(), credentials.get(#client_secret)?)
                        #scopes,
                )
                .credential(#client_secret)
            }
        }
    }
}

/// How the README and docs name a scheme's kind.
pub(crate) fn kind(auth: &SchemeAuth) -> String {
    match auth {
        SchemeAuth::ApiKey { location, name, .. } => {
            let place = match location {
                ApiKeyLocation::Header => "header",
                ApiKeyLocation::Query => "query parameter",
                ApiKeyLocation::Cookie => "cookie",
            };
            format!("API key in the {place} `{name}`")
        }
        SchemeAuth::Bearer { what, .. } => format!("HTTP bearer, an {what}"),
        SchemeAuth::Basic { .. } => "HTTP basic".to_owned(),
        SchemeAuth::ClientCredentials { token_url, .. } => {
            format!("OAuth2 client credentials, tokens from `{token_url}`")
        }
    }
}
