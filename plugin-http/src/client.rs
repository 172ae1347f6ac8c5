//! The client: base URL, timeouts, default headers, authentication.

use std::time::Duration;

use crate::auth::AuthTarget;
use crate::redact::is_sensitive_header;
use crate::request::{append_query, check_token};
use crate::transport::{Outgoing, Transport};
use crate::{Auth, HttpError, Request, Response};

/// The user agent sent unless another is set.
pub const DEFAULT_USER_AGENT: &str = concat!("plugin-http/", env!("CARGO_PKG_VERSION"));

/// A blocking HTTP client for one API.
///
/// ```no_run
/// use std::time::Duration;
/// use plugin_http::{Auth, Client, Request, Secret};
///
/// # fn main() -> Result<(), plugin_http::HttpError> {
/// # let configured_base_url: Option<String> = None;
/// let client = Client::builder("https://api.stripe.com/")
///     .override_base_url(configured_base_url.as_deref())
///     .timeout(Duration::from_secs(30))
///     .header("Stripe-Version", "2023-08-16")
///     .auth(Auth::basic(Secret::new("sk_test_123"), Secret::empty()).credential("api_key"))
///     .build()?;
/// let balance: serde_json::Value = client.send(&Request::get("/v1/balance"))?.success_json()?;
/// # Ok(())
/// # }
/// ```
///
/// Redirects are not followed unless [`max_redirects`](ClientBuilder::max_redirects)
/// says so: an API's 3xx comes back as a response. Plain `http://` works as
/// well as `https://` (TLS is rustls with the webpki roots).
#[derive(Clone)]
pub struct Client {
    base_url: String,
    headers: Vec<(String, String)>,
    auth: Option<Auth>,
    transport: Transport,
}

/// Builds a [`Client`]; see [`Client::builder`].
#[derive(Clone)]
pub struct ClientBuilder {
    base_url: String,
    timeout: Duration,
    connect_timeout: Duration,
    user_agent: String,
    headers: Vec<(String, String)>,
    auth: Option<Auth>,
    max_redirects: u32,
    max_response_bytes: u64,
}

impl Client {
    /// A builder for a client of the API at `default_base_url` (from the
    /// spec's `servers`), with a 60 s timeout per request, 10 s to connect,
    /// no redirects followed, responses up to 16 MiB and no authentication.
    pub fn builder(default_base_url: impl Into<String>) -> ClientBuilder {
        ClientBuilder {
            base_url: default_base_url.into(),
            timeout: Duration::from_secs(60),
            connect_timeout: Duration::from_secs(10),
            user_agent: DEFAULT_USER_AGENT.to_owned(),
            headers: Vec::new(),
            auth: None,
            max_redirects: 0,
            max_response_bytes: 16 * 1024 * 1024,
        }
    }

    /// The base URL requests go to, without a trailing `/`.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// The authentication requests carry.
    pub fn auth(&self) -> Option<&Auth> {
        self.auth.as_ref()
    }

    /// Sends `request` and reads the whole response, whatever its status;
    /// decode it with [`Response::success_json`] or [`Response::json_if`].
    ///
    /// A 401 to a request that used a cached OAuth2 token is retried once
    /// with a new token.
    ///
    /// # Errors
    ///
    /// [`HttpError::Encode`] for arguments that did not encode,
    /// [`HttpError::Config`] for a request's invalid base URL,
    /// [`HttpError::Auth`] if an OAuth2 token could not be had,
    /// [`HttpError::Transport`] if the server could not be reached or the
    /// exchange broke off. None of them contains a credential.
    pub fn send(&self, request: &Request) -> Result<Response, HttpError> {
        let path = request.path()?;
        let base_url = match request.request_base_url() {
            Some(url) => normalize_base_url(url)?,
            None => self.base_url.clone(),
        };
        let operation = format!("{} {path}", request.method());
        let auth = self.auth.as_ref().filter(|_| request.authenticate());
        let mut retried = false;
        loop {
            let mut target = AuthTarget::default();
            if let Some(auth) = auth {
                auth.apply(&mut target, &self.transport, &base_url)?;
            }
            let mut url = format!("{base_url}{path}");
            let query: Vec<(String, String)> = request
                .query_pairs()
                .iter()
                .chain(&target.query)
                .cloned()
                .collect();
            append_query(&mut url, &query);
            let headers = self.headers_for(request, &target);
            let outgoing = Outgoing {
                method: request.method(),
                url: &url,
                headers: &headers,
                body: request.body(),
                operation: &operation,
            };
            let response = self
                .transport
                .send(&outgoing, &target.redactor)?
                .authenticated(auth.and_then(Auth::credential_name), target.redactor);
            match auth {
                Some(auth) if response.status() == 401 && target.cached_token && !retried => {
                    auth.invalidate();
                    retried = true;
                }
                _ => return Ok(response),
            }
        }
    }

    /// The headers of one request: `Accept: application/json` unless the
    /// request sets one, the client's headers unless the request overrides
    /// them, the request's, authentication's, and one `Cookie` header.
    fn headers_for(&self, request: &Request, target: &AuthTarget) -> Vec<(String, String)> {
        let own = request.headers();
        let overridden = |name: &str| own.iter().any(|(n, _)| n.eq_ignore_ascii_case(name));
        let mut headers = Vec::new();
        if !overridden("accept") {
            headers.push(("accept".to_owned(), "application/json".to_owned()));
        }
        headers.extend(self.headers.iter().filter(|(n, _)| !overridden(n)).cloned());
        headers.extend(own.iter().map(|(n, v)| (n.clone(), v.expose().to_owned())));
        headers.extend(
            target
                .headers
                .iter()
                .map(|(n, v)| (n.clone(), v.expose().to_owned())),
        );
        let cookies: Vec<String> = request
            .cookies()
            .iter()
            .chain(&target.cookies)
            .map(|(n, v)| format!("{n}={v}"))
            .collect();
        if !cookies.is_empty() {
            headers.push(("cookie".to_owned(), cookies.join("; ")));
        }
        headers
    }
}

impl ClientBuilder {
    /// Uses `url` instead of the default base URL.
    pub fn base_url(mut self, url: impl Into<String>) -> ClientBuilder {
        self.base_url = url.into();
        self
    }

    /// Uses `url` instead of the default base URL if there is one: pass the
    /// plugin's optional `base_url` configuration here.
    pub fn override_base_url(self, url: Option<&str>) -> ClientBuilder {
        match url {
            Some(url) => self.base_url(url),
            None => self,
        }
    }

    /// The time one request may take in all: connecting, sending, receiving
    /// the whole response (default 60 s).
    pub fn timeout(mut self, timeout: Duration) -> ClientBuilder {
        self.timeout = timeout;
        self
    }

    /// The time connecting may take, TLS included (default 10 s).
    pub fn connect_timeout(mut self, timeout: Duration) -> ClientBuilder {
        self.connect_timeout = timeout;
        self
    }

    /// The `User-Agent` header (default `plugin-http/<version>`).
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> ClientBuilder {
        self.user_agent = user_agent.into();
        self
    }

    /// A header every request carries (such as `Stripe-Version`) unless the
    /// request sets its own. For secrets use [`auth`](Self::auth).
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> ClientBuilder {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// How requests authenticate.
    pub fn auth(mut self, auth: Auth) -> ClientBuilder {
        self.auth = Some(auth);
        self
    }

    /// How many redirects to follow (default 0: a 3xx is returned). When
    /// following, `Authorization` and `Cookie` are dropped, but an API key
    /// in another header or the query goes along to the new location.
    pub fn max_redirects(mut self, count: u32) -> ClientBuilder {
        self.max_redirects = count;
        self
    }

    /// The largest response body read (default 16 MiB).
    pub fn max_response_bytes(mut self, bytes: u64) -> ClientBuilder {
        self.max_response_bytes = bytes;
        self
    }

    /// The client.
    ///
    /// # Errors
    ///
    /// [`HttpError::Config`] for a base URL that is not an absolute `http`
    /// or `https` URL, a zero timeout, or an invalid header.
    pub fn build(self) -> Result<Client, HttpError> {
        let base_url = normalize_base_url(&self.base_url)?;
        if self.timeout.is_zero() || self.connect_timeout.is_zero() {
            return Err(HttpError::Config {
                message: "a timeout of zero would fail every request; give at least a second"
                    .to_owned(),
            });
        }
        for (name, value) in &self.headers {
            check_token(&format!("header '{name}'"), name).map_err(|e| HttpError::Config {
                message: e.to_string(),
            })?;
            if value.chars().any(|c| c.is_control() && c != '\t') {
                return Err(HttpError::Config {
                    message: format!(
                        "the value of header '{name}' contains a line break or another control character"
                    ),
                });
            }
        }
        if self.user_agent.chars().any(char::is_control) {
            return Err(HttpError::Config {
                message: "the user agent contains a control character".to_owned(),
            });
        }
        Ok(Client {
            base_url,
            headers: self.headers,
            auth: self.auth,
            transport: Transport::new(
                self.timeout,
                self.connect_timeout,
                &self.user_agent,
                self.max_redirects,
                self.max_response_bytes,
            ),
        })
    }
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.base_url)
            .field("headers", &shown_headers(&self.headers))
            .field("auth", &self.auth)
            .field("transport", &self.transport)
            .finish()
    }
}

impl std::fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("base_url", &self.base_url)
            .field("timeout", &self.timeout)
            .field("connect_timeout", &self.connect_timeout)
            .field("user_agent", &self.user_agent)
            .field("headers", &shown_headers(&self.headers))
            .field("auth", &self.auth)
            .field("max_redirects", &self.max_redirects)
            .field("max_response_bytes", &self.max_response_bytes)
            .finish()
    }
}

/// Headers for `Debug`, the values of credential headers redacted.
fn shown_headers(headers: &[(String, String)]) -> Vec<String> {
    headers
        .iter()
        .map(|(name, value)| {
            if is_sensitive_header(name) {
                format!("{name}: {}", crate::REDACTED)
            } else {
                format!("{name}: {value}")
            }
        })
        .collect()
}

/// `url` checked to be an absolute `http`/`https` URL without query or
/// fragment, and without a trailing `/`.
fn normalize_base_url(url: &str) -> Result<String, HttpError> {
    let invalid = |problem: &str| HttpError::Config {
        message: format!(
            "the base URL '{url}' {problem}; set it to an http:// or https:// URL such as https://api.example.com"
        ),
    };
    let trimmed = url.trim().trim_end_matches('/');
    if trimmed.contains(['?', '#']) {
        return Err(invalid("has a query or fragment"));
    }
    let uri: ureq::http::Uri = trimmed.parse().map_err(|_| invalid("is not a valid URL"))?;
    match uri.scheme_str() {
        Some("http" | "https") => {}
        Some(other) => return Err(invalid(&format!("has the scheme '{other}'"))),
        None => return Err(invalid("has no scheme")),
    }
    if uri.host().is_none_or(str::is_empty) {
        return Err(invalid("has no host"));
    }
    if uri.authority().is_some_and(|a| a.as_str().contains('@')) {
        return Err(invalid(
            "has a user name or password in it (give credentials through auth)",
        ));
    }
    Ok(trimmed.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_urls_are_checked_and_normalized() {
        assert_eq!(
            normalize_base_url("https://api.stripe.com/").unwrap(),
            "https://api.stripe.com"
        );
        assert_eq!(
            normalize_base_url("http://127.0.0.1:8080/api/v2").unwrap(),
            "http://127.0.0.1:8080/api/v2"
        );
        for (bad, problem) in [
            ("ftp://x", "has the scheme 'ftp'"),
            ("api.stripe.com", "has no scheme"),
            ("https://x/?a=1", "has a query or fragment"),
            ("https://user:pw@x", "has a user name or password"),
            ("not a url", "is not a valid URL"),
        ] {
            let error = normalize_base_url(bad).unwrap_err().to_string();
            assert!(error.contains(problem), "{bad}: {error}");
            assert_eq!(
                normalize_base_url(bad).unwrap_err().kind(),
                plugin_api::ErrorKind::InvalidConfig
            );
        }
    }

    #[test]
    fn builder_refuses_bad_headers_and_zero_timeouts() {
        let error = Client::builder("https://x")
            .header("Bad Name", "v")
            .build()
            .unwrap_err();
        assert!(error.to_string().contains("header 'Bad Name'"), "{error}");
        let error = Client::builder("https://x")
            .header("X-A", "a\nb")
            .build()
            .unwrap_err();
        assert!(error.to_string().contains("line break"), "{error}");
        assert!(
            Client::builder("https://x")
                .timeout(Duration::ZERO)
                .build()
                .is_err()
        );
    }

    #[test]
    fn debug_redacts_credential_headers() {
        let builder = Client::builder("https://x")
            .header("X-API-Key", "hk-secret-1")
            .header("Stripe-Version", "2023-08-16");
        let client = builder.clone().build().unwrap();
        for shown in [format!("{builder:?}"), format!("{client:?}")] {
            assert!(!shown.contains("hk-secret-1"), "{shown}");
            assert!(shown.contains("Stripe-Version: 2023-08-16"), "{shown}");
        }
    }
}
