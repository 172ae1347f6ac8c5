//! An API's answer that an operation does not expect, with what the API said.

use std::fmt;

use plugin_api::ErrorKind;
use serde::de::DeserializeOwned;
use serde_json::Value;

/// How much of a non-JSON error body a message quotes.
const QUOTE_LEN: usize = 200;

/// A status the operation does not expect (4xx and 5xx, and any other it
/// does not list), with what the API said about it.
///
/// The common fields of error bodies are read whatever the API: Stripe's
/// `{"error": {"message", "type", "code", "param"}}`, a top-level
/// `message`/`code`, OAuth's `error`/`error_description`, RFC 7807's
/// `title`/`detail`, a list under `errors`. A body that is not JSON is
/// quoted (its first line, cut at 200 characters).
///
/// Its message says what to do: for 401 which credential to check, for 429
/// when to retry. Values the request's authentication used never appear in
/// it, even when the server echoes them.
#[derive(Debug, Clone)]
pub struct ApiError {
    status: u16,
    operation: String,
    body: String,
    json: Option<Value>,
    message: Option<String>,
    error_type: Option<String>,
    code: Option<String>,
    param: Option<String>,
    request_id: Option<String>,
    retry_after: Option<String>,
    credential: Option<String>,
}

impl ApiError {
    /// An error for `status` with the body as received; `operation` names
    /// the call (`GET /v1/customers`), `credential` the credential the
    /// request authenticated with. [`Response::error`](crate::Response::error)
    /// builds these; this is for tests and other transports.
    pub fn new(
        operation: impl Into<String>,
        status: u16,
        headers: &[(String, String)],
        body: &[u8],
        credential: Option<&str>,
    ) -> ApiError {
        let body = String::from_utf8_lossy(body).into_owned();
        let json = serde_json::from_str::<Value>(&body).ok();
        let header = |name: &str| {
            headers
                .iter()
                .find(|(n, _)| n.eq_ignore_ascii_case(name))
                .map(|(_, v)| v.clone())
        };
        let mut error = ApiError {
            status,
            operation: operation.into(),
            message: None,
            error_type: None,
            code: None,
            param: None,
            request_id: header("request-id").or_else(|| header("x-request-id")),
            retry_after: header("retry-after"),
            credential: credential.map(str::to_owned),
            json: None,
            body,
        };
        match &json {
            Some(value) => error.read_fields(value),
            None => error.message = first_line(&error.body),
        }
        error.json = json;
        error
    }

    fn read_fields(&mut self, value: &Value) {
        let text = |v: &Value, key: &str| -> Option<String> {
            match v.get(key)? {
                Value::String(s) if !s.is_empty() => Some(s.clone()),
                Value::Number(n) => Some(n.to_string()),
                _ => None,
            }
        };
        // Stripe and many others nest the details under "error"; OAuth puts
        // a code string there instead.
        let inner = match value.get("error") {
            Some(inner @ Value::Object(_)) => inner,
            _ => value,
        };
        let first_of_list = inner
            .get("errors")
            .and_then(|e| e.as_array())
            .and_then(|e| e.first())
            .cloned()
            .unwrap_or(Value::Null);
        self.message = [
            "message",
            "error_description",
            "detail",
            "title",
            "error_message",
        ]
        .iter()
        .find_map(|key| text(inner, key))
        .or_else(|| text(&first_of_list, "message"))
        .or_else(|| text(&first_of_list, "detail"));
        self.error_type = text(inner, "type");
        self.code = text(inner, "code").or_else(|| text(value, "error"));
        self.param = text(inner, "param");
    }

    /// The HTTP status.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The operation: method and path, such as `GET /v1/customers/cus_1`.
    pub fn operation(&self) -> &str {
        &self.operation
    }

    /// What the API said went wrong, if it said.
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    /// The error's type, such as Stripe's `card_error`.
    pub fn error_type(&self) -> Option<&str> {
        self.error_type.as_deref()
    }

    /// The error's code, such as `resource_missing` or OAuth's
    /// `invalid_client`.
    pub fn code(&self) -> Option<&str> {
        self.code.as_deref()
    }

    /// The parameter the error is about, such as `email`.
    pub fn param(&self) -> Option<&str> {
        self.param.as_deref()
    }

    /// The request id the API gave (`Request-Id` or `X-Request-Id`), for its
    /// support.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    /// The `Retry-After` header, if the API sent one.
    pub fn retry_after(&self) -> Option<&str> {
        self.retry_after.as_deref()
    }

    /// The body as text.
    pub fn body_text(&self) -> &str {
        &self.body
    }

    /// The body as JSON, if it is JSON.
    pub fn body_json(&self) -> Option<&Value> {
        self.json.as_ref()
    }

    /// The body decoded into the operation's error type, if it is one.
    pub fn decode_body<T: DeserializeOwned>(&self) -> Option<T> {
        serde_json::from_value(self.json.clone()?).ok()
    }

    /// The kind of plugin error this is; see
    /// [`HttpError::kind`](crate::HttpError::kind).
    pub fn kind(&self) -> ErrorKind {
        match self.status {
            401 | 403 => ErrorKind::InvalidConfig,
            408 | 429 | 500..=599 => ErrorKind::Unavailable,
            400..=499 => ErrorKind::InvalidInput,
            _ => ErrorKind::Failed,
        }
    }

    /// Replaces the texts that quote the server with `scrub(text)`.
    pub(crate) fn scrubbed(mut self, scrub: impl Fn(&str) -> String) -> ApiError {
        let fix = |field: &mut Option<String>| {
            if let Some(text) = field {
                *text = scrub(text);
            }
        };
        fix(&mut self.message);
        fix(&mut self.error_type);
        fix(&mut self.code);
        fix(&mut self.param);
        let body = scrub(&self.body);
        if body != self.body {
            self.json = serde_json::from_str(&body).ok();
            self.body = body;
        }
        self
    }

    fn credential_phrase(&self) -> String {
        match &self.credential {
            Some(name) => format!("the credential '{name}'"),
            None => "the credential".to_owned(),
        }
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let status = self.status;
        let operation = &self.operation;
        let reason = reason(status)
            .map(|r| format!(" ({r})"))
            .unwrap_or_default();
        match status {
            401 => write!(f, "authentication failed ({status}) for {operation}")?,
            403 => write!(f, "access denied ({status}) for {operation}")?,
            429 => write!(f, "rate limited ({status}) on {operation}")?,
            500..=599 => write!(f, "server error {status}{reason} on {operation}")?,
            _ => write!(f, "{operation} failed with status {status}{reason}")?,
        }
        match &self.message {
            Some(message) => write!(f, ": {message}")?,
            None if self.body.trim().is_empty() => f.write_str(": the response has no body")?,
            None => f.write_str(": the response gives no error message")?,
        }
        let details: Vec<String> = [
            ("type", &self.error_type),
            ("code", &self.code),
            ("param", &self.param),
        ]
        .into_iter()
        .filter_map(|(label, value)| value.as_ref().map(|v| format!("{label}: {v}")))
        .collect();
        if !details.is_empty() {
            write!(f, " ({})", details.join(", "))?;
        }
        match status {
            401 if self.credential.is_some() => write!(
                f,
                "; check {}: the host's credential store provides it to this plugin",
                self.credential_phrase()
            )?,
            401 => {
                f.write_str("; the request carried no credentials, but this operation needs them")?
            }
            403 => write!(
                f,
                "; {} was accepted but lacks permission for this operation: check its scopes or restrictions",
                self.credential_phrase()
            )?,
            429 => match &self.retry_after {
                Some(after) => write!(f, "; retry after {after} s")?,
                None => f.write_str("; retry later")?,
            },
            408 | 500..=599 => f.write_str("; try again later")?,
            _ => {}
        }
        if let Some(id) = &self.request_id {
            write!(f, " [request id {id}]")?;
        }
        Ok(())
    }
}

impl std::error::Error for ApiError {}

fn reason(status: u16) -> Option<&'static str> {
    ureq::http::StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason())
}

fn first_line(body: &str) -> Option<String> {
    let line = body.lines().map(str::trim).find(|l| !l.is_empty())?;
    if line.chars().count() > QUOTE_LEN {
        Some(format!(
            "{}…",
            line.chars().take(QUOTE_LEN).collect::<String>()
        ))
    } else {
        Some(line.to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(status: u16, body: &str) -> ApiError {
        ApiError::new(
            "POST /v1/customers",
            status,
            &[],
            body.as_bytes(),
            Some("api_key"),
        )
    }

    #[test]
    fn stripe_error_body() {
        let e = error(
            400,
            r#"{"error":{"message":"Missing required param: email.","type":"invalid_request_error","code":"parameter_missing","param":"email"}}"#,
        );
        assert_eq!(
            e.to_string(),
            "POST /v1/customers failed with status 400 (Bad Request): Missing required param: email. (type: invalid_request_error, code: parameter_missing, param: email)"
        );
        assert_eq!(e.kind(), ErrorKind::InvalidInput);
        assert_eq!(e.param(), Some("email"));
    }

    #[test]
    fn authentication_and_permission() {
        let e = error(
            401,
            r#"{"error":{"message":"Invalid API Key provided","type":"invalid_request_error"}}"#,
        );
        assert_eq!(
            e.to_string(),
            "authentication failed (401) for POST /v1/customers: Invalid API Key provided (type: invalid_request_error); check the credential 'api_key': the host's credential store provides it to this plugin"
        );
        assert_eq!(e.kind(), ErrorKind::InvalidConfig);
        let e = error(403, r#"{"message":"forbidden"}"#);
        assert!(
            e.to_string().starts_with(
                "access denied (403) for POST /v1/customers: forbidden; the credential 'api_key' was accepted but lacks permission"
            ),
            "{e}"
        );
        let e = ApiError::new("GET /x", 401, &[], b"", None);
        assert_eq!(
            e.to_string(),
            "authentication failed (401) for GET /x: the response has no body; the request carried no credentials, but this operation needs them"
        );
    }

    #[test]
    fn other_shapes_of_error_bodies() {
        let e = error(
            400,
            r#"{"error":"invalid_grant","error_description":"expired"}"#,
        );
        assert_eq!(
            (e.message(), e.code()),
            (Some("expired"), Some("invalid_grant"))
        );
        let e = error(
            422,
            r#"{"title":"Unprocessable","detail":"name too long","type":"about:blank"}"#,
        );
        assert_eq!(e.message(), Some("name too long"));
        let e = error(422, r#"{"errors":[{"message":"x is bad"}]}"#);
        assert_eq!(e.message(), Some("x is bad"));
        let e = error(502, "<html>\n<h1>Bad gateway</h1>\n</html>");
        assert_eq!(
            e.to_string(),
            "server error 502 (Bad Gateway) on POST /v1/customers: <html>; try again later"
        );
        assert_eq!(e.kind(), ErrorKind::Unavailable);
    }

    #[test]
    fn rate_limits_and_request_ids() {
        let headers = [
            ("Retry-After".to_owned(), "2".to_owned()),
            ("Request-Id".to_owned(), "req_9".to_owned()),
        ];
        let e = ApiError::new("GET /x", 429, &headers, br#"{"message":"slow down"}"#, None);
        assert_eq!(
            e.to_string(),
            "rate limited (429) on GET /x: slow down; retry after 2 s [request id req_9]"
        );
    }

    #[test]
    fn typed_error_bodies() {
        #[derive(serde::Deserialize)]
        struct StripeError {
            error: Inner,
        }
        #[derive(serde::Deserialize)]
        struct Inner {
            code: String,
        }
        let e = error(
            404,
            r#"{"error":{"code":"resource_missing","message":"No such customer"}}"#,
        );
        assert_eq!(
            e.decode_body::<StripeError>().unwrap().error.code,
            "resource_missing"
        );
    }
}
