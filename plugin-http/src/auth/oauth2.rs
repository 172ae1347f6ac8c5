//! OAuth2's client credentials grant (RFC 6749, section 4.4), with the token
//! kept until shortly before it expires.

use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

use plugin_api::ErrorKind;
use serde_json::Value;

use super::basic_credentials;
use crate::redact::Redactor;
use crate::transport::{Outgoing, Transport};
use crate::{HttpError, Method, Secret, form, percent};

/// How long before its expiry a token is replaced, by default.
const DEFAULT_MARGIN: Duration = Duration::from_secs(30);

/// An OAuth2 client that gets its access tokens with the client
/// credentials grant.
///
/// The token request is a form `POST` to the token URL with
/// `grant_type=client_credentials` (and `scope`, and any extra parameters
/// such as `audience`), the client authenticating with HTTP basic (the
/// default) or with `client_id`/`client_secret` in the body. The token is
/// kept until `expires_in` minus a margin (30 s by default); a token without
/// `expires_in` is kept until a request is answered with 401, which also
/// retries that request once with a new token.
///
/// ```
/// use plugin_http::{Auth, ClientCredentials, Secret};
///
/// let client = ClientCredentials::new("https://auth.example.com/oauth/token", "my-app", Secret::new("s3cret"))
///     .scopes(["read", "write"])
///     .param("audience", "https://api.example.com");
/// let auth = Auth::oauth2(client).credential("client_secret");
/// ```
pub struct ClientCredentials {
    token_url: String,
    client_id: String,
    client_secret: Secret,
    scopes: Vec<String>,
    params: Vec<(String, String)>,
    in_body: bool,
    margin: Duration,
    cache: Mutex<Option<CachedToken>>,
}

struct CachedToken {
    token: Secret,
    expires: Option<Instant>,
}

impl ClientCredentials {
    /// A client with this id and secret, asking `token_url` (absolute, or a
    /// path relative to the client's base URL) for tokens.
    pub fn new(
        token_url: impl Into<String>,
        client_id: impl Into<String>,
        client_secret: Secret,
    ) -> ClientCredentials {
        ClientCredentials {
            token_url: token_url.into(),
            client_id: client_id.into(),
            client_secret,
            scopes: Vec::new(),
            params: Vec::new(),
            in_body: false,
            margin: DEFAULT_MARGIN,
            cache: Mutex::new(None),
        }
    }

    /// The scopes to ask for, sent space-separated in `scope`.
    pub fn scopes<S: Into<String>>(
        mut self,
        scopes: impl IntoIterator<Item = S>,
    ) -> ClientCredentials {
        self.scopes = scopes.into_iter().map(Into::into).collect();
        self
    }

    /// An extra parameter of the token request, such as `audience`.
    pub fn param(mut self, name: impl Into<String>, value: impl Into<String>) -> ClientCredentials {
        self.params.push((name.into(), value.into()));
        self
    }

    /// Sends `client_id` and `client_secret` in the request body instead of
    /// HTTP basic authentication, for servers that want that.
    pub fn credentials_in_body(mut self) -> ClientCredentials {
        self.in_body = true;
        self
    }

    /// How long before its expiry a token is replaced (default 30 s).
    pub fn refresh_margin(mut self, margin: Duration) -> ClientCredentials {
        self.margin = margin;
        self
    }

    pub(crate) fn client_secret(&self) -> &Secret {
        &self.client_secret
    }

    /// Forgets the cached token.
    pub(crate) fn invalidate(&self) {
        *self.cache.lock().unwrap_or_else(PoisonError::into_inner) = None;
    }

    /// A valid token and whether it came from the cache.
    pub(crate) fn token(
        &self,
        transport: &Transport,
        base_url: &str,
        credential: Option<&str>,
    ) -> Result<(Secret, bool), HttpError> {
        // Holding the lock while fetching makes concurrent requests wait for
        // one token instead of each fetching its own.
        let mut cache = self.cache.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(cached) = cache.as_ref()
            && cached.expires.is_none_or(|e| Instant::now() < e)
        {
            return Ok((cached.token.clone(), true));
        }
        let fetched = self.fetch(transport, base_url, credential)?;
        let token = fetched.token.clone();
        *cache = Some(fetched);
        Ok((token, false))
    }

    fn fetch(
        &self,
        transport: &Transport,
        base_url: &str,
        credential: Option<&str>,
    ) -> Result<CachedToken, HttpError> {
        let url = if self.token_url.starts_with('/') {
            format!("{base_url}{}", self.token_url)
        } else {
            self.token_url.clone()
        };
        let operation = format!("POST {url}");
        let mut pairs = vec![("grant_type".to_owned(), "client_credentials".to_owned())];
        if !self.scopes.is_empty() {
            pairs.push(("scope".to_owned(), self.scopes.join(" ")));
        }
        pairs.extend(self.params.iter().cloned());
        let mut redactor = Redactor::default();
        redactor.add_secret(&self.client_secret);
        let mut headers = vec![("accept".to_owned(), "application/json".to_owned())];
        if self.in_body {
            pairs.push(("client_id".to_owned(), self.client_id.clone()));
            pairs.push((
                "client_secret".to_owned(),
                self.client_secret.expose().to_owned(),
            ));
        } else {
            // RFC 6749, section 2.3.1: id and secret are form-encoded first.
            let encoded = basic_credentials(
                &percent::component(&self.client_id),
                &percent::component(self.client_secret.expose()),
            );
            redactor.add(&encoded);
            headers.push(("authorization".to_owned(), format!("Basic {encoded}")));
        }
        let body = form::join_pairs(&pairs);
        let request = Outgoing {
            method: Method::Post,
            url: &url,
            headers: &headers,
            body: Some(("application/x-www-form-urlencoded", body.as_bytes())),
            operation: &operation,
        };
        let response = transport
            .send(&request, &redactor)?
            .authenticated(credential.map(str::to_owned), redactor);
        if !response.is_success() {
            let error = response.error();
            let kind = match error.status() {
                408 | 429 | 500..=599 => ErrorKind::Unavailable,
                400..=499 => ErrorKind::InvalidConfig,
                _ => ErrorKind::Failed,
            };
            return Err(HttpError::Auth {
                message: format!("the OAuth2 token request failed: {error}"),
                kind,
            });
        }
        let refused = |problem: &str| HttpError::Auth {
            message: format!(
                "the OAuth2 token endpoint {url} answered without a usable token: {problem}"
            ),
            kind: ErrorKind::Failed,
        };
        let answer: Value = response
            .json()
            .map_err(|_| refused("the answer is not JSON"))?;
        let token = answer
            .get("access_token")
            .and_then(Value::as_str)
            .filter(|t| !t.is_empty())
            .ok_or_else(|| refused("it has no access_token string"))?;
        if let Some(kind) = answer.get("token_type").and_then(Value::as_str)
            && !kind.eq_ignore_ascii_case("bearer")
        {
            return Err(refused(&format!(
                "its token_type is '{kind}', and only bearer tokens are supported"
            )));
        }
        let lifetime = match answer.get("expires_in") {
            Some(Value::Number(n)) => n.as_f64(),
            Some(Value::String(s)) => s.trim().parse::<f64>().ok(),
            _ => None,
        };
        let expires = lifetime.map(|seconds| {
            let lifetime = Duration::from_secs_f64(seconds.max(0.0));
            Instant::now() + lifetime.saturating_sub(self.margin)
        });
        Ok(CachedToken {
            token: Secret::new(token),
            expires,
        })
    }
}

impl std::fmt::Debug for ClientCredentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ClientCredentials")
            .field("token_url", &self.token_url)
            .field("client_id", &self.client_id)
            .field("client_secret", &self.client_secret)
            .field("scopes", &self.scopes)
            .field("credentials_in_body", &self.in_body)
            .finish_non_exhaustive()
    }
}
