//! The one place that talks to ureq: sending a prepared request and reading
//! the whole response, with ureq's errors turned into messages that say
//! what to do.

use std::io;
use std::time::{Duration, Instant};

use crate::redact::Redactor;
use crate::{EncodeError, HttpError, Method, Response};

/// A ureq agent and the limits it reads responses with.
#[derive(Clone)]
pub(crate) struct Transport {
    agent: ureq::Agent,
    timeout: Duration,
    connect_timeout: Duration,
    max_response_bytes: u64,
}

/// A request ready to go: absolute URL, every header, the body.
pub(crate) struct Outgoing<'a> {
    pub(crate) method: Method,
    pub(crate) url: &'a str,
    pub(crate) headers: &'a [(String, String)],
    pub(crate) body: Option<(&'a str, &'a [u8])>,
    /// Method and path, for messages.
    pub(crate) operation: &'a str,
}

impl Transport {
    pub(crate) fn new(
        timeout: Duration,
        connect_timeout: Duration,
        user_agent: &str,
        max_redirects: u32,
        max_response_bytes: u64,
    ) -> Transport {
        let agent = ureq::Agent::config_builder()
            // Every status comes back as a response; the caller decides.
            .http_status_as_error(false)
            .timeout_global(Some(timeout))
            .timeout_connect(Some(connect_timeout))
            .user_agent(user_agent)
            .max_redirects(max_redirects)
            // With redirects off (the default), a 3xx is a response, not an
            // error.
            .max_redirects_will_error(false)
            .build()
            .new_agent();
        Transport {
            agent,
            timeout,
            connect_timeout,
            max_response_bytes,
        }
    }

    /// Sends `request` and reads the whole response. Messages are scrubbed
    /// of the values in `redactor`.
    pub(crate) fn send(
        &self,
        request: &Outgoing<'_>,
        redactor: &Redactor,
    ) -> Result<Response, HttpError> {
        let started = Instant::now();
        let mut builder = ureq::http::Request::builder()
            .method(request.method.as_str())
            .uri(request.url);
        for (name, value) in request.headers {
            builder = builder.header(name.as_str(), value.as_str());
        }
        if let Some((content_type, _)) = request.body {
            builder = builder.header("content-type", content_type);
        }
        let invalid = |e: ureq::http::Error| HttpError::Encode {
            operation: request.operation.to_owned(),
            source: EncodeError::InvalidHeader {
                what: "a header or the URL".to_owned(),
                reason: redactor.scrub(&e.to_string()),
            },
        };
        let result = match request.body {
            Some((_, bytes)) => self.agent.run(builder.body(bytes).map_err(invalid)?),
            None => self.agent.run(builder.body(()).map_err(invalid)?),
        };
        let response = result.map_err(|e| self.transport_error(request, redactor, &e))?;
        let (parts, mut body) = response.into_parts();
        let bytes = body
            .with_config()
            .limit(self.max_response_bytes)
            .read_to_vec()
            .map_err(|e| self.transport_error(request, redactor, &e))?;
        let headers = parts
            .headers
            .iter()
            .map(|(name, value)| {
                (
                    name.as_str().to_owned(),
                    String::from_utf8_lossy(value.as_bytes()).into_owned(),
                )
            })
            .collect();
        let status = parts.status.as_u16();
        log::debug!(
            target: "plugin_http",
            "{} -> {status} ({} bytes, {} ms)",
            request.operation,
            bytes.len(),
            started.elapsed().as_millis()
        );
        Ok(Response::new(request.operation, status, headers, bytes))
    }

    fn transport_error(
        &self,
        request: &Outgoing<'_>,
        redactor: &Redactor,
        error: &ureq::Error,
    ) -> HttpError {
        let host = host_of(request.url);
        let (message, timed_out) = match error {
            ureq::Error::Timeout(ureq::Timeout::Connect) => (
                format!(
                    "could not connect to {host} within {} s; check the base URL and the network, or raise the connect timeout",
                    self.connect_timeout.as_secs_f32()
                ),
                true,
            ),
            ureq::Error::Timeout(which) => (
                format!(
                    "no complete answer from {host} within the timeout of {} s ({which}); try again, or raise the timeout",
                    self.timeout.as_secs_f32()
                ),
                true,
            ),
            ureq::Error::HostNotFound => (
                format!("the host {host} was not found; check the base URL and DNS"),
                false,
            ),
            ureq::Error::Io(e) if e.kind() == io::ErrorKind::ConnectionRefused => (
                format!(
                    "{host} refused the connection; check the base URL and that the server is running"
                ),
                false,
            ),
            ureq::Error::Io(e) if e.kind() == io::ErrorKind::TimedOut => (
                format!("{host} did not answer in time: {e}; try again later"),
                true,
            ),
            // rustls reports handshake and certificate failures as invalid
            // data on the socket.
            ureq::Error::Io(e)
                if e.kind() == io::ErrorKind::InvalidData && request.url.starts_with("https:") =>
            {
                (
                    format!(
                        "TLS with {host} failed: {e}; check that the server speaks https at this address and that its certificate is valid for the host"
                    ),
                    false,
                )
            }
            ureq::Error::BodyExceedsLimit(limit) => (
                format!(
                    "the response from {host} is larger than the limit of {limit} bytes; raise the client's max_response_bytes if that is expected"
                ),
                false,
            ),
            ureq::Error::Tls(_) | ureq::Error::Rustls(_) | ureq::Error::Pem(_) => (
                format!(
                    "TLS with {host} failed: {error}; check the base URL's scheme and the server's certificate"
                ),
                false,
            ),
            other => (format!("the exchange with {host} failed: {other}"), false),
        };
        HttpError::Transport {
            operation: request.operation.to_owned(),
            message: redactor.scrub(&message),
            timed_out,
        }
    }
}

impl std::fmt::Debug for Transport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Transport")
            .field("timeout", &self.timeout)
            .field("connect_timeout", &self.connect_timeout)
            .field("max_response_bytes", &self.max_response_bytes)
            .finish_non_exhaustive()
    }
}

/// `host:port` of a URL, for messages (never its path or query).
fn host_of(url: &str) -> String {
    url.parse::<ureq::http::Uri>()
        .ok()
        .and_then(|uri| {
            uri.authority()
                .map(|a| a.as_str().rsplit('@').next().unwrap_or("").to_owned())
        })
        .unwrap_or_else(|| "the server".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_of_drops_user_info_path_and_query() {
        assert_eq!(
            host_of("https://user:pw@api.example.com:8443/v1?key=x"),
            "api.example.com:8443"
        );
        assert_eq!(host_of("not a url"), "the server");
    }
}
