//! Authentication from an API's `securitySchemes`.

mod oauth2;

use std::sync::Arc;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;

pub use oauth2::ClientCredentials;

use crate::redact::Redactor;
use crate::transport::Transport;
use crate::{HttpError, Secret, percent};

/// Where an API key goes (OpenAPI's `in` of an `apiKey` scheme).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ApiKeyLocation {
    /// A request header, such as `X-API-Key`.
    Header,
    /// A query parameter, such as `api_key`.
    Query,
    /// A cookie.
    Cookie,
}

/// How requests authenticate: one of an API's `securitySchemes`, holding
/// the credential it needs.
///
/// ```
/// use plugin_http::{ApiKeyLocation, Auth, Secret};
///
/// // Stripe: HTTP basic with the secret key as the user and no password
/// // (or `Auth::bearer` with the same key).
/// let key = Secret::new("sk_test_123");
/// let stripe = Auth::basic(key.clone(), Secret::empty()).credential("api_key");
/// assert_eq!(format!("{stripe:?}"), "Auth { scheme: \"http basic\", credential: Some(\"api_key\") }");
///
/// let petstore = Auth::api_key(ApiKeyLocation::Header, "api_key", Secret::new("special-key"));
/// ```
///
/// `Debug` shows the scheme and the credential's name, never a value.
#[derive(Clone)]
pub struct Auth {
    scheme: Scheme,
    credential: Option<String>,
}

#[derive(Clone)]
enum Scheme {
    ApiKey {
        location: ApiKeyLocation,
        name: String,
        key: Secret,
    },
    Bearer(Secret),
    Basic {
        user: Secret,
        password: Secret,
    },
    OAuth2(Arc<ClientCredentials>),
    All(Vec<Auth>),
}

/// The parts of a request that authentication adds to.
#[derive(Default)]
pub(crate) struct AuthTarget {
    /// Headers, as sent.
    pub(crate) headers: Vec<(String, Secret)>,
    /// Query pairs, percent-encoded.
    pub(crate) query: Vec<(String, String)>,
    /// Cookies, values percent-encoded.
    pub(crate) cookies: Vec<(String, String)>,
    /// Every secret value added, to scrub from messages.
    pub(crate) redactor: Redactor,
    /// Whether an OAuth2 token came from the cache (and so may have been
    /// revoked or have expired early).
    pub(crate) cached_token: bool,
}

impl Auth {
    /// An API key sent as header, query parameter or cookie `name`.
    pub fn api_key(location: ApiKeyLocation, name: impl Into<String>, key: Secret) -> Auth {
        Auth::from(Scheme::ApiKey {
            location,
            name: name.into(),
            key,
        })
    }

    /// HTTP bearer authentication: `Authorization: Bearer <token>`.
    pub fn bearer(token: Secret) -> Auth {
        Auth::from(Scheme::Bearer(token))
    }

    /// HTTP basic authentication: `Authorization: Basic
    /// base64(user:password)`. Stripe takes the secret key as the user and
    /// an empty password.
    pub fn basic(user: Secret, password: Secret) -> Auth {
        Auth::from(Scheme::Basic { user, password })
    }

    /// OAuth2 client credentials: a token from the token endpoint, sent as a
    /// bearer token and kept until shortly before it expires.
    pub fn oauth2(client: ClientCredentials) -> Auth {
        Auth::from(Scheme::OAuth2(Arc::new(client)))
    }

    /// Several schemes at once, for operations whose security requirement
    /// names more than one (an application id header and a key header).
    pub fn all(parts: impl IntoIterator<Item = Auth>) -> Auth {
        Auth::from(Scheme::All(parts.into_iter().collect()))
    }

    /// Names the credential this holds (as the host stores it, such as
    /// `api_key`), so that a 401 or 403 says which one to check.
    pub fn credential(mut self, name: impl Into<String>) -> Auth {
        self.credential = Some(name.into());
        self
    }

    /// The credential's name, or the names of all parts' credentials.
    pub fn credential_name(&self) -> Option<String> {
        if let Some(name) = &self.credential {
            return Some(name.clone());
        }
        match &self.scheme {
            Scheme::All(parts) => {
                let names: Vec<String> = parts.iter().filter_map(Auth::credential_name).collect();
                (!names.is_empty()).then(|| names.join(", "))
            }
            _ => None,
        }
    }

    /// Forgets a cached OAuth2 token, so the next request fetches a new one.
    pub fn invalidate(&self) {
        match &self.scheme {
            Scheme::OAuth2(client) => client.invalidate(),
            Scheme::All(parts) => parts.iter().for_each(Auth::invalidate),
            _ => {}
        }
    }

    /// Adds this authentication to `target`; `base_url` resolves a relative
    /// OAuth2 token URL.
    pub(crate) fn apply(
        &self,
        target: &mut AuthTarget,
        transport: &Transport,
        base_url: &str,
    ) -> Result<(), HttpError> {
        match &self.scheme {
            Scheme::ApiKey {
                location,
                name,
                key,
            } => {
                target.redactor.add_secret(key);
                match location {
                    ApiKeyLocation::Header => target.headers.push((name.clone(), key.clone())),
                    ApiKeyLocation::Query => target
                        .query
                        .push((percent::component(name), percent::component(key.expose()))),
                    ApiKeyLocation::Cookie => target
                        .cookies
                        .push((name.clone(), percent::component(key.expose()))),
                }
            }
            Scheme::Bearer(token) => {
                target.redactor.add_secret(token);
                target.headers.push((
                    "authorization".to_owned(),
                    Secret::new(format!("Bearer {}", token.expose())),
                ));
            }
            Scheme::Basic { user, password } => {
                let encoded = basic_credentials(user.expose(), password.expose());
                target.redactor.add_secret(user);
                target.redactor.add_secret(password);
                target.redactor.add(&encoded);
                target.headers.push((
                    "authorization".to_owned(),
                    Secret::new(format!("Basic {encoded}")),
                ));
            }
            Scheme::OAuth2(client) => {
                let (token, cached) =
                    client.token(transport, base_url, self.credential.as_deref())?;
                target.redactor.add_secret(client.client_secret());
                target.redactor.add_secret(&token);
                target.cached_token |= cached;
                target.headers.push((
                    "authorization".to_owned(),
                    Secret::new(format!("Bearer {}", token.expose())),
                ));
            }
            Scheme::All(parts) => {
                for part in parts {
                    part.apply(target, transport, base_url)?;
                }
            }
        }
        Ok(())
    }

    fn scheme_name(&self) -> &'static str {
        match &self.scheme {
            Scheme::ApiKey {
                location: ApiKeyLocation::Header,
                ..
            } => "api key in a header",
            Scheme::ApiKey {
                location: ApiKeyLocation::Query,
                ..
            } => "api key in the query",
            Scheme::ApiKey {
                location: ApiKeyLocation::Cookie,
                ..
            } => "api key in a cookie",
            Scheme::Bearer(_) => "http bearer",
            Scheme::Basic { .. } => "http basic",
            Scheme::OAuth2(_) => "oauth2 client credentials",
            Scheme::All(_) => "several schemes",
        }
    }
}

impl From<Scheme> for Auth {
    fn from(scheme: Scheme) -> Auth {
        Auth {
            scheme,
            credential: None,
        }
    }
}

impl std::fmt::Debug for Auth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Auth")
            .field("scheme", &self.scheme_name())
            .field("credential", &self.credential_name())
            .finish()
    }
}

/// `base64(user:password)`, the credentials of HTTP basic authentication.
pub(crate) fn basic_credentials(user: &str, password: &str) -> String {
    STANDARD.encode(format!("{user}:{password}"))
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    fn applied(auth: &Auth) -> AuthTarget {
        let transport =
            Transport::new(Duration::from_secs(1), Duration::from_secs(1), "t", 0, 1024);
        let mut target = AuthTarget::default();
        auth.apply(&mut target, &transport, "http://127.0.0.1:9")
            .unwrap();
        target
    }

    fn headers(target: &AuthTarget) -> Vec<(String, String)> {
        target
            .headers
            .iter()
            .map(|(n, v)| (n.clone(), v.expose().to_owned()))
            .collect()
    }

    #[test]
    fn api_key_in_header_query_and_cookie() {
        let key = || Secret::new("k&y 123");
        let target = applied(&Auth::api_key(ApiKeyLocation::Header, "X-API-Key", key()));
        assert_eq!(
            headers(&target),
            [("X-API-Key".to_owned(), "k&y 123".to_owned())]
        );
        let target = applied(&Auth::api_key(ApiKeyLocation::Query, "api_key", key()));
        assert_eq!(
            target.query,
            [("api_key".to_owned(), "k%26y%20123".to_owned())]
        );
        let target = applied(&Auth::api_key(ApiKeyLocation::Cookie, "session", key()));
        assert_eq!(
            target.cookies,
            [("session".to_owned(), "k%26y%20123".to_owned())]
        );
        assert_eq!(target.redactor.scrub("x k&y 123 x"), "x [redacted] x");
    }

    #[test]
    fn bearer_and_basic() {
        let target = applied(&Auth::bearer(Secret::new("tok_1")));
        assert_eq!(
            headers(&target),
            [("authorization".to_owned(), "Bearer tok_1".to_owned())]
        );
        // Stripe: the key as user, an empty password.
        let target = applied(&Auth::basic(Secret::new("sk_test_123"), Secret::empty()));
        assert_eq!(
            headers(&target),
            [(
                "authorization".to_owned(),
                "Basic c2tfdGVzdF8xMjM6".to_owned()
            )]
        );
        let target = applied(&Auth::basic(
            Secret::new("Aladdin"),
            Secret::new("open sesame"),
        ));
        assert_eq!(
            headers(&target),
            [(
                "authorization".to_owned(),
                "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==".to_owned()
            )]
        );
        assert_eq!(
            target
                .redactor
                .scrub("QWxhZGRpbjpvcGVuIHNlc2FtZQ== Aladdin"),
            "[redacted] [redacted]"
        );
    }

    #[test]
    fn several_schemes_at_once_and_their_names() {
        let auth = Auth::all([
            Auth::api_key(ApiKeyLocation::Header, "X-App-Id", Secret::new("app-1"))
                .credential("app_id"),
            Auth::api_key(ApiKeyLocation::Header, "X-App-Key", Secret::new("key-1"))
                .credential("app_key"),
        ]);
        assert_eq!(applied(&auth).headers.len(), 2);
        assert_eq!(auth.credential_name().as_deref(), Some("app_id, app_key"));
    }

    #[test]
    fn debug_shows_no_secret() {
        let auth = Auth::basic(Secret::new("sk_live_zzz"), Secret::new("pw-secret"));
        let debug = format!("{auth:?}");
        assert!(
            !debug.contains("sk_live") && !debug.contains("pw-secret"),
            "{debug}"
        );
    }
}
