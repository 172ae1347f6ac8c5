//! A response: status, headers, body, and decoding by status.

use serde::de::DeserializeOwned;

use crate::redact::{Redactor, is_sensitive_header};
use crate::{ApiError, HttpError};

/// How much of a body a decoding error quotes.
const QUOTE_LEN: usize = 120;

/// An API's response, read whole.
///
/// Generated code decodes it by status:
///
/// ```
/// # use plugin_http::{HttpError, Response};
/// #[derive(Debug, serde::Deserialize)]
/// struct Customer { id: String }
///
/// fn decode(response: Response) -> Result<Customer, HttpError> {
///     match response.status() {
///         200 => response.json(),
///         _ => Err(response.into_error()),
///     }
/// }
///
/// let ok = Response::new("GET /v1/customers/cus_1", 200, vec![], br#"{"id":"cus_1"}"#.to_vec());
/// assert_eq!(decode(ok).unwrap().id, "cus_1");
/// let missing = Response::new("GET /v1/customers/cus_2", 404, vec![], br#"{"error":{"message":"No such customer"}}"#.to_vec());
/// assert_eq!(
///     decode(missing).unwrap_err().to_string(),
///     "GET /v1/customers/cus_2 failed with status 404 (Not Found): No such customer"
/// );
/// ```
#[derive(Clone)]
pub struct Response {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
    operation: String,
    credential: Option<String>,
    redactor: Redactor,
}

impl Response {
    /// A response to `operation` (method and path, for messages); the
    /// client builds these, tests of generated code may too.
    pub fn new(
        operation: impl Into<String>,
        status: u16,
        headers: Vec<(String, String)>,
        body: Vec<u8>,
    ) -> Response {
        Response {
            status,
            headers,
            body,
            operation: operation.into(),
            credential: None,
            redactor: Redactor::default(),
        }
    }

    pub(crate) fn authenticated(
        mut self,
        credential: Option<String>,
        redactor: Redactor,
    ) -> Response {
        self.credential = credential;
        self.redactor = redactor;
        self
    }

    /// The HTTP status.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// Whether the status is 2xx.
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }

    /// The first header called `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// Every header, in the order received.
    pub fn headers(&self) -> impl Iterator<Item = (&str, &str)> {
        self.headers.iter().map(|(n, v)| (n.as_str(), v.as_str()))
    }

    /// The body.
    pub fn body(&self) -> &[u8] {
        &self.body
    }

    /// The body as text (invalid UTF-8 replaced).
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// The operation this answers: method and path.
    pub fn operation(&self) -> &str {
        &self.operation
    }

    /// The body decoded from JSON into `T`, whatever the status. An empty
    /// body reads as `null`, so `()` and `Option<T>` decode a 204.
    ///
    /// # Errors
    ///
    /// [`HttpError::Decode`] naming the operation, the status and the type,
    /// quoting the start of the body.
    pub fn json<T: DeserializeOwned>(&self) -> Result<T, HttpError> {
        let body: &[u8] = if self.body.iter().all(u8::is_ascii_whitespace) {
            b"null"
        } else {
            &self.body
        };
        serde_json::from_slice(body).map_err(|e| HttpError::Decode {
            operation: self.operation.clone(),
            status: self.status,
            target: std::any::type_name::<T>(),
            message: format!("{e}; the body starts with: {}", self.quote()),
        })
    }

    /// The body decoded into `T` if the status is one of `statuses`, and
    /// otherwise the [`ApiError`] for it.
    ///
    /// # Errors
    ///
    /// [`HttpError::Api`] for another status, [`HttpError::Decode`] for a
    /// body that does not decode.
    pub fn json_if<T: DeserializeOwned>(self, statuses: &[u16]) -> Result<T, HttpError> {
        if statuses.contains(&self.status) {
            self.json()
        } else {
            Err(self.into_error())
        }
    }

    /// The body decoded into `T` for any 2xx status, and otherwise the
    /// [`ApiError`] for it.
    ///
    /// # Errors
    ///
    /// As [`json_if`](Self::json_if).
    pub fn success_json<T: DeserializeOwned>(self) -> Result<T, HttpError> {
        if self.is_success() {
            self.json()
        } else {
            Err(self.into_error())
        }
    }

    /// The [`ApiError`] this response stands for, credentials scrubbed.
    pub fn error(&self) -> ApiError {
        ApiError::new(
            self.operation.clone(),
            self.status,
            &self.headers,
            &self.body,
            self.credential.as_deref(),
        )
        .scrubbed(|text| self.redactor.scrub(text))
    }

    /// [`error`](Self::error) as an [`HttpError`].
    pub fn into_error(self) -> HttpError {
        HttpError::from(self.error())
    }

    fn quote(&self) -> String {
        let text = self.redactor.scrub(&String::from_utf8_lossy(&self.body));
        let mut quoted: String = text.chars().take(QUOTE_LEN).collect();
        if text.chars().count() > QUOTE_LEN {
            quoted.push('…');
        }
        format!("{quoted:?}")
    }
}

impl std::fmt::Debug for Response {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let headers: Vec<String> = self
            .headers
            .iter()
            .map(|(n, v)| {
                if is_sensitive_header(n) {
                    format!("{n}: {}", crate::secret::REDACTED)
                } else {
                    format!("{n}: {v}")
                }
            })
            .collect();
        f.debug_struct("Response")
            .field("operation", &self.operation)
            .field("status", &self.status)
            .field("headers", &headers)
            .field("body", &format!("{} bytes", self.body.len()))
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize, PartialEq)]
    struct Deleted {
        id: String,
        deleted: bool,
    }

    #[test]
    fn decodes_by_status() {
        let response = Response::new(
            "DELETE /v1/customers/c",
            200,
            vec![],
            br#"{"id":"c","deleted":true}"#.to_vec(),
        );
        assert_eq!(
            response.clone().json_if::<Deleted>(&[200]).unwrap(),
            Deleted {
                id: "c".into(),
                deleted: true
            }
        );
        let error = response.json_if::<Deleted>(&[201]).unwrap_err();
        assert_eq!(error.api_error().unwrap().status(), 200);
        let empty = Response::new("DELETE /x", 204, vec![], Vec::new());
        empty.success_json::<()>().unwrap();
    }

    #[test]
    fn decode_errors_name_the_type_and_quote_the_body() {
        let response = Response::new("GET /x", 200, vec![], b"<html>oops</html>".to_vec());
        let error = response.json::<Deleted>().unwrap_err();
        let text = error.to_string();
        assert!(
            text.starts_with("GET /x: could not decode the 200 response as "),
            "{text}"
        );
        assert!(text.contains("Deleted"), "{text}");
        assert!(
            text.ends_with("the body starts with: \"<html>oops</html>\""),
            "{text}"
        );
        assert_eq!(error.kind(), plugin_api::ErrorKind::Failed);
    }

    #[test]
    fn headers_are_case_insensitive_and_cookies_redacted_in_debug() {
        let response = Response::new(
            "GET /x",
            200,
            vec![
                ("content-type".into(), "application/json".into()),
                ("set-cookie".into(), "session=abc123".into()),
            ],
            Vec::new(),
        );
        assert_eq!(response.header("Content-Type"), Some("application/json"));
        let debug = format!("{response:?}");
        assert!(!debug.contains("abc123"), "{debug}");
    }
}
