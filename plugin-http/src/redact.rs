//! Keeping secrets out of messages that quote other parties: a server that
//! echoes a key in its error body, a transport error that quotes a URL with
//! an API key in its query.

use crate::secret::{REDACTED, Secret};

/// Values shorter than this are not searched for: replacing every `a` of a
/// message would ruin it, and real credentials are far longer.
const MIN_LEN: usize = 4;

/// The secret values one request used, to scrub from what it reports.
#[derive(Clone, Default)]
pub(crate) struct Redactor {
    values: Vec<String>,
}

impl Redactor {
    /// Adds a value to scrub.
    pub(crate) fn add(&mut self, value: &str) {
        if value.len() >= MIN_LEN && !self.values.iter().any(|v| v == value) {
            self.values.push(value.to_owned());
            // Longer values first, so a secret that contains another is
            // replaced whole.
            self.values.sort_by_key(|v| std::cmp::Reverse(v.len()));
        }
    }

    /// Adds a secret's value.
    pub(crate) fn add_secret(&mut self, secret: &Secret) {
        self.add(secret.expose());
    }

    /// `text` with every known secret replaced by `[redacted]`, both as
    /// written and percent-encoded (as it would appear in a URL).
    pub(crate) fn scrub(&self, text: &str) -> String {
        let mut text = text.to_owned();
        for value in &self.values {
            if text.contains(value.as_str()) {
                text = text.replace(value.as_str(), REDACTED);
            }
            let encoded = crate::percent::component(value);
            if encoded != *value && text.contains(encoded.as_str()) {
                text = text.replace(encoded.as_str(), REDACTED);
            }
        }
        text
    }
}

impl std::fmt::Debug for Redactor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Redactor({} values)", self.values.len())
    }
}

/// Whether a header carries credentials and is shown as `[redacted]` in
/// `Debug` output and logs.
pub(crate) fn is_sensitive_header(name: &str) -> bool {
    const SENSITIVE: &[&str] = &[
        "authorization",
        "proxy-authorization",
        "cookie",
        "set-cookie",
        "x-api-key",
        "api-key",
        "x-auth-token",
    ];
    SENSITIVE.iter().any(|s| name.eq_ignore_ascii_case(s))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scrubs_plain_and_percent_encoded_values() {
        let mut redactor = Redactor::default();
        redactor.add_secret(&Secret::new("sk_test_1/2+3"));
        redactor.add("abc");
        let text = "key sk_test_1/2+3 or sk_test_1%2F2%2B3 in a URL; abc stays";
        assert_eq!(
            redactor.scrub(text),
            "key [redacted] or [redacted] in a URL; abc stays"
        );
    }

    #[test]
    fn a_secret_containing_another_is_replaced_whole() {
        let mut redactor = Redactor::default();
        redactor.add("token");
        redactor.add("token-and-more");
        assert_eq!(redactor.scrub("x token-and-more y"), "x [redacted] y");
    }

    #[test]
    fn credential_headers_are_sensitive() {
        assert!(is_sensitive_header("Authorization"));
        assert!(is_sensitive_header("X-API-Key"));
        assert!(!is_sensitive_header("Stripe-Version"));
    }
}
