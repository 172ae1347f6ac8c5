//! One API operation's request, built from its arguments.

use serde::Serialize;
use serde_json::Value;

use crate::brackets::BracketOptions;
use crate::query::scalar;
use crate::redact::is_sensitive_header;
use crate::{EncodeError, HttpError, Multipart, QueryStyle, Secret, form, path, percent, query};

/// An HTTP method.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Method {
    /// `GET`
    Get,
    /// `PUT`
    Put,
    /// `POST`
    Post,
    /// `DELETE`
    Delete,
    /// `OPTIONS`
    Options,
    /// `HEAD`
    Head,
    /// `PATCH`
    Patch,
    /// `TRACE`
    Trace,
}

impl Method {
    /// The method's name in upper case, as HTTP writes it.
    pub const fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Put => "PUT",
            Method::Post => "POST",
            Method::Delete => "DELETE",
            Method::Options => "OPTIONS",
            Method::Head => "HEAD",
            Method::Patch => "PATCH",
            Method::Trace => "TRACE",
        }
    }
}

impl std::fmt::Display for Method {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A header's value; credentials stay [`Secret`] so `Debug` cannot show them.
#[derive(Clone)]
pub(crate) enum HeaderValue {
    Plain(String),
    Secret(Secret),
}

impl HeaderValue {
    pub(crate) fn expose(&self) -> &str {
        match self {
            HeaderValue::Plain(value) => value,
            HeaderValue::Secret(secret) => secret.expose(),
        }
    }
}

/// The request for one API operation: method, path template and the
/// operation's parameters and body, each encoded as its OpenAPI
/// description says.
///
/// Builder methods take values that implement `Serialize` and never fail on
/// the spot: the first value that cannot be encoded is kept and reported by
/// [`Client::send`](crate::Client::send) (or
/// [`path_and_query`](Self::path_and_query)) as [`HttpError::Encode`]
/// naming the parameter. A `None` (`null`) query, header or cookie parameter
/// is left out.
///
/// ```
/// use plugin_http::{Method, QueryStyle, Request};
/// use serde_json::json;
///
/// let request = Request::new(Method::Get, "/v1/customers/{customer}/invoices")
///     .path_param("customer", "cus_123")
///     .query("limit", &10, QueryStyle::FORM)
///     .query("created", &json!({"gt": 1700000000}), QueryStyle::DeepObject)
///     .query("starting_after", &None::<String>, QueryStyle::FORM)
///     .header("Stripe-Account", "acct_1");
/// assert_eq!(
///     request.path_and_query().unwrap(),
///     "/v1/customers/cus_123/invoices?limit=10&created%5Bgt%5D=1700000000"
/// );
/// ```
#[derive(Clone)]
pub struct Request {
    method: Method,
    template: String,
    path_params: Vec<(String, String)>,
    query: Vec<(String, String)>,
    headers: Vec<(String, HeaderValue)>,
    cookies: Vec<(String, String)>,
    body: Option<(String, Vec<u8>)>,
    base_url: Option<String>,
    authenticate: bool,
    error: Option<EncodeError>,
}

impl Request {
    /// A request for `method` on `path_template`, a path relative to the
    /// client's base URL with parameters in braces:
    /// `/v1/customers/{customer}`.
    pub fn new(method: Method, path_template: impl Into<String>) -> Request {
        Request {
            method,
            template: path_template.into(),
            path_params: Vec::new(),
            query: Vec::new(),
            headers: Vec::new(),
            cookies: Vec::new(),
            body: None,
            base_url: None,
            authenticate: true,
            error: None,
        }
    }

    /// A `GET` request.
    pub fn get(path_template: impl Into<String>) -> Request {
        Request::new(Method::Get, path_template)
    }

    /// A `POST` request.
    pub fn post(path_template: impl Into<String>) -> Request {
        Request::new(Method::Post, path_template)
    }

    /// A `PUT` request.
    pub fn put(path_template: impl Into<String>) -> Request {
        Request::new(Method::Put, path_template)
    }

    /// A `PATCH` request.
    pub fn patch(path_template: impl Into<String>) -> Request {
        Request::new(Method::Patch, path_template)
    }

    /// A `DELETE` request.
    pub fn delete(path_template: impl Into<String>) -> Request {
        Request::new(Method::Delete, path_template)
    }

    /// Fills `{name}` in the path template, in `simple` style: the value
    /// percent-encoded (`/` and `..` included, so it stays one segment), an
    /// array as `a,b`, an object as `k,v,k,v`.
    pub fn path_param<T: Serialize + ?Sized>(mut self, name: &str, value: &T) -> Request {
        let what = format!("path parameter '{name}'");
        match form::to_value(&what, value).and_then(|v| path::simple_style(&what, &v)) {
            Ok(encoded) => self.path_params.push((name.to_owned(), encoded)),
            Err(error) => self.fail(error),
        }
        self
    }

    /// Adds query parameter `name` in `style`; see [`QueryStyle`].
    pub fn query<T: Serialize + ?Sized>(
        mut self,
        name: &str,
        value: &T,
        style: QueryStyle,
    ) -> Request {
        match query::query_pairs(name, value, style) {
            Ok(pairs) => self.query.extend(pairs),
            Err(error) => self.fail(error),
        }
        self
    }

    /// Adds a header, in `simple` style (an array as `a,b`, an object as
    /// `k,v,k,v`), not percent-encoded. Headers that carry credentials by
    /// name (`Authorization`, `Cookie`, `X-API-Key`, ...) are redacted in
    /// `Debug` output; for any other header that holds a secret use
    /// [`secret_header`](Self::secret_header).
    pub fn header<T: Serialize + ?Sized>(mut self, name: &str, value: &T) -> Request {
        let what = format!("header '{name}'");
        match form::to_value(&what, value).and_then(|v| header_value(&what, &v)) {
            Ok(Some(text)) => {
                let value = if is_sensitive_header(name) {
                    HeaderValue::Secret(Secret::new(text))
                } else {
                    HeaderValue::Plain(text)
                };
                self.headers.push((name.to_owned(), value));
            }
            Ok(None) => {}
            Err(error) => self.fail(error),
        }
        self
    }

    /// Adds a header whose value is a secret: never shown in `Debug`
    /// output, logs or errors.
    pub fn secret_header(mut self, name: &str, value: &Secret) -> Request {
        self.headers
            .push((name.to_owned(), HeaderValue::Secret(value.clone())));
        self
    }

    /// Adds a cookie parameter, in `form` style without explode (an array
    /// as `a,b`), percent-encoded; all cookies travel in one `Cookie` header.
    pub fn cookie<T: Serialize + ?Sized>(mut self, name: &str, value: &T) -> Request {
        let what = format!("cookie '{name}'");
        if let Err(error) = check_token(&what, name) {
            self.fail(error);
            return self;
        }
        let encoded = form::to_value(&what, value)
            .and_then(|v| query::query_pairs(name, &v, QueryStyle::Form { explode: false }));
        match encoded {
            Ok(pairs) => self
                .cookies
                .extend(pairs.into_iter().map(|(_, v)| (name.to_owned(), v))),
            Err(error) => self.fail(error),
        }
        self
    }

    /// Sets a JSON body (`application/json`).
    pub fn json_body<T: Serialize + ?Sized>(mut self, value: &T) -> Request {
        match serde_json::to_vec(value) {
            Ok(bytes) => self.body = Some(("application/json".to_owned(), bytes)),
            Err(e) => self.fail(EncodeError::Serialize {
                what: "the JSON body".to_owned(),
                message: e.to_string(),
            }),
        }
        self
    }

    /// Sets an `application/x-www-form-urlencoded` body in bracket notation
    /// with Stripe's conventions; see [`encode_form`](crate::encode_form).
    pub fn form_body<T: Serialize + ?Sized>(self, value: &T) -> Request {
        self.form_body_with(value, BracketOptions::BODY)
    }

    /// As [`form_body`](Self::form_body), with other [`BracketOptions`].
    pub fn form_body_with<T: Serialize + ?Sized>(
        mut self,
        value: &T,
        options: BracketOptions,
    ) -> Request {
        match form::encode_form_with(value, options) {
            Ok(text) => {
                self.body = Some((
                    "application/x-www-form-urlencoded".to_owned(),
                    text.into_bytes(),
                ));
            }
            Err(error) => self.fail(error),
        }
        self
    }

    /// Sets a `multipart/form-data` body.
    pub fn multipart_body(mut self, body: &Multipart) -> Request {
        match body.encode() {
            Ok((content_type, bytes)) => self.body = Some((content_type, bytes)),
            Err(error) => self.fail(error),
        }
        self
    }

    /// Sets a body of any other content type.
    pub fn raw_body(mut self, content_type: impl Into<String>, bytes: Vec<u8>) -> Request {
        self.body = Some((content_type.into(), bytes));
        self
    }

    /// Sends this request to another base URL than the client's, for an
    /// operation with its own `servers` entry (Stripe's file uploads go to
    /// `https://files.stripe.com`).
    pub fn base_url(mut self, url: impl Into<String>) -> Request {
        self.base_url = Some(url.into());
        self
    }

    /// Sends this request without the client's authentication, for
    /// operations whose `security` is empty.
    pub fn without_auth(mut self) -> Request {
        self.authenticate = false;
        self
    }

    /// The method.
    pub fn method(&self) -> Method {
        self.method
    }

    /// The path template.
    pub fn path_template(&self) -> &str {
        &self.template
    }

    /// Method and path template, as errors name the operation:
    /// `POST /v1/customers/{customer}`.
    pub fn operation(&self) -> String {
        format!("{} {}", self.method, self.template)
    }

    /// The body's content type and bytes, if there is a body.
    pub fn body(&self) -> Option<(&str, &[u8])> {
        self.body.as_ref().map(|(t, b)| (t.as_str(), b.as_slice()))
    }

    /// The path with its parameters filled in and the query string, as sent
    /// after the base URL (authentication in the query is added only when
    /// sending).
    ///
    /// # Errors
    ///
    /// [`HttpError::Encode`] for the first parameter or body that could not
    /// be encoded, or a path template that does not match the parameters.
    pub fn path_and_query(&self) -> Result<String, HttpError> {
        let mut target = self.path()?;
        append_query(&mut target, &self.query);
        Ok(target)
    }

    /// The path with its parameters filled in.
    pub(crate) fn path(&self) -> Result<String, HttpError> {
        if let Some(error) = &self.error {
            return Err(self.encode_error(error.clone()));
        }
        path::render(&self.template, &self.path_params).map_err(|e| self.encode_error(e))
    }

    pub(crate) fn query_pairs(&self) -> &[(String, String)] {
        &self.query
    }

    pub(crate) fn headers(&self) -> &[(String, HeaderValue)] {
        &self.headers
    }

    pub(crate) fn cookies(&self) -> &[(String, String)] {
        &self.cookies
    }

    pub(crate) fn request_base_url(&self) -> Option<&str> {
        self.base_url.as_deref()
    }

    pub(crate) fn authenticate(&self) -> bool {
        self.authenticate
    }

    /// Replaces every value of query parameter `name` (a plain value, as a
    /// pagination cursor is).
    pub(crate) fn set_query(&mut self, name: &str, value: &str) {
        let key = percent::component(name);
        self.query.retain(|(k, _)| *k != key);
        self.query.push((key, percent::component(value)));
    }

    fn fail(&mut self, error: EncodeError) {
        if self.error.is_none() {
            self.error = Some(error);
        }
    }

    fn encode_error(&self, source: EncodeError) -> HttpError {
        HttpError::Encode {
            operation: self.operation(),
            source,
        }
    }
}

impl std::fmt::Debug for Request {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let headers: Vec<String> = self
            .headers
            .iter()
            .map(|(name, value)| match value {
                HeaderValue::Plain(v) => format!("{name}: {v}"),
                HeaderValue::Secret(_) => format!("{name}: {}", crate::secret::REDACTED),
            })
            .collect();
        let mut debug = f.debug_struct("Request");
        debug
            .field("method", &self.method)
            .field("path", &self.template)
            .field("path_params", &self.path_params)
            .field("query", &self.query)
            .field("headers", &headers)
            .field("cookies", &self.cookies.len());
        if let Some((content_type, bytes)) = &self.body {
            debug.field("body", &format!("{content_type}, {} bytes", bytes.len()));
        }
        if let Some(error) = &self.error {
            debug.field("error", error);
        }
        debug.finish()
    }
}

/// Appends `?k=v&k=v` (already encoded) to `target`.
pub(crate) fn append_query(target: &mut String, pairs: &[(String, String)]) {
    for (index, (key, value)) in pairs.iter().enumerate() {
        target.push(if index == 0 { '?' } else { '&' });
        target.push_str(key);
        target.push('=');
        target.push_str(value);
    }
}

/// A header parameter's value in `simple` style, or `None` for `null`.
fn header_value(what: &str, value: &Value) -> Result<Option<String>, EncodeError> {
    let style = QueryStyle::Form { explode: false };
    let text = match value {
        Value::Null => return Ok(None),
        Value::Array(items) => {
            let mut parts = Vec::new();
            for item in items {
                parts.extend(scalar(what, style, item)?);
            }
            parts.join(",")
        }
        Value::Object(map) => {
            let mut members: Vec<(&String, &Value)> = map.iter().collect();
            members.sort_by(|a, b| a.0.cmp(b.0));
            let mut parts = Vec::new();
            for (key, member) in members {
                if let Some(member) = scalar(what, style, member)? {
                    parts.push(key.clone());
                    parts.push(member);
                }
            }
            parts.join(",")
        }
        other => scalar(what, style, other)?.unwrap_or_default(),
    };
    if text.chars().any(|c| c.is_control() && c != '\t') {
        return Err(EncodeError::InvalidHeader {
            what: what.to_owned(),
            reason: "its value contains a line break or another control character".to_owned(),
        });
    }
    Ok(Some(text))
}

/// Checks a cookie or header name: an HTTP token.
pub(crate) fn check_token(what: &str, name: &str) -> Result<(), EncodeError> {
    let allowed = |c: char| c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c);
    if name.is_empty() || !name.chars().all(allowed) {
        return Err(EncodeError::InvalidHeader {
            what: what.to_owned(),
            reason: "its name must be letters, digits and !#$%&'*+-.^_`|~ only".to_owned(),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn query_parameters_keep_their_order_and_styles() {
        let request = Request::get("/v1/charges")
            .query("limit", &3, QueryStyle::FORM)
            .query("expand", &["data.customer"], QueryStyle::DeepObject)
            .query("ids", &[1, 2], QueryStyle::Form { explode: false });
        assert_eq!(
            request.path_and_query().unwrap(),
            "/v1/charges?limit=3&expand%5B0%5D=data.customer&ids=1,2"
        );
    }

    #[test]
    fn the_first_encoding_error_is_reported_with_the_operation() {
        let request = Request::post("/v1/customers/{customer}")
            .path_param("customer", &None::<String>)
            .form_body(&[1]);
        let error = request.path_and_query().unwrap_err();
        assert_eq!(
            error.to_string(),
            "cannot build the request for POST /v1/customers/{customer}: path parameter 'customer' is null; a path parameter needs a value"
        );
        assert_eq!(error.kind(), plugin_api::ErrorKind::InvalidInput);
    }

    #[test]
    fn headers_and_cookies() {
        let request = Request::get("/x")
            .header("X-Ids", &[1, 2])
            .header("X-Opt", &None::<u8>)
            .header("Authorization", "Bearer visible-only-to-the-server")
            .secret_header("X-Custom-Key", &Secret::new("k-123456"))
            .cookie("session", "a b")
            .cookie("ids", &["x", "y"]);
        let names: Vec<&str> = request.headers().iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["X-Ids", "Authorization", "X-Custom-Key"]);
        assert_eq!(request.headers()[0].1.expose(), "1,2");
        assert_eq!(
            request.cookies(),
            [
                ("session".to_owned(), "a%20b".to_owned()),
                ("ids".to_owned(), "x,y".to_owned())
            ]
        );
        let debug = format!("{request:?}");
        assert!(!debug.contains("visible-only"), "{debug}");
        assert!(!debug.contains("k-123456"), "{debug}");
        assert!(debug.contains("X-Ids: 1,2"), "{debug}");
    }

    #[test]
    fn header_values_with_line_breaks_are_refused() {
        let error = Request::get("/x")
            .header("X-Note", "a\r\nInjected: yes")
            .path_and_query()
            .unwrap_err();
        assert!(
            error.to_string().contains("header 'X-Note' cannot be sent"),
            "{error}"
        );
        let error = Request::get("/x")
            .cookie("bad name", "v")
            .path_and_query()
            .unwrap_err();
        assert!(error.to_string().contains("cookie 'bad name'"), "{error}");
    }

    #[test]
    fn bodies_set_their_content_type() {
        let request = Request::post("/x").json_body(&json!({"a": 1}));
        assert_eq!(
            request.body(),
            Some(("application/json", &b"{\"a\":1}"[..]))
        );
        let request = Request::post("/x").form_body(&json!({"a": {"b": true}}));
        assert_eq!(
            request.body(),
            Some(("application/x-www-form-urlencoded", &b"a%5Bb%5D=true"[..]))
        );
    }

    #[test]
    fn set_query_replaces_the_cursor() {
        let mut request =
            Request::get("/v1/customers").query("starting_after", "a", QueryStyle::FORM);
        request.set_query("starting_after", "cus 2");
        assert_eq!(
            request.path_and_query().unwrap(),
            "/v1/customers?starting_after=cus%202"
        );
    }
}
