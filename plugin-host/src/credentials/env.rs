use std::collections::BTreeMap;

use super::{CredentialError, CredentialStore, Secret};

/// Credentials in environment variables.
///
/// The variable for credential `name` of plugin `plugin` is
/// `[PREFIX_]PLUGIN_NAME`: the plugin's name and the credential's name in
/// upper case, every character other than a letter or digit turned into `_`,
/// joined by `_`, after the prefix if there is one. Plugin `stripe`'s
/// `api_key` is `STRIPE_API_KEY`; plugin `my-shop`'s `client-secret` with
/// prefix `acme` is `ACME_MY_SHOP_CLIENT_SECRET`.
///
/// An empty variable counts as not set.
///
/// ```
/// use plugin_host::{CredentialStore, EnvStore};
///
/// assert_eq!(EnvStore::new().variable("stripe", "api_key"), "STRIPE_API_KEY");
/// let store = EnvStore::from_vars([("ACME_STRIPE_API_KEY", "sk_test_1")]).prefix("acme");
/// assert_eq!(store.get("stripe", "api_key").unwrap().unwrap().expose(), "sk_test_1");
/// ```
#[derive(Debug, Clone, Default)]
pub struct EnvStore {
    prefix: String,
    snapshot: Option<BTreeMap<String, String>>,
}

impl EnvStore {
    /// A store reading the process's environment, without prefix.
    pub fn new() -> EnvStore {
        EnvStore::default()
    }

    /// A store reading the given variables instead of the process's
    /// environment: for a host that loads them from elsewhere (a `.env`
    /// file, a secrets manager) and for tests.
    pub fn from_vars<K: Into<String>, V: Into<String>>(
        vars: impl IntoIterator<Item = (K, V)>,
    ) -> EnvStore {
        EnvStore {
            prefix: String::new(),
            snapshot: Some(
                vars.into_iter()
                    .map(|(k, v)| (k.into(), v.into()))
                    .collect(),
            ),
        }
    }

    /// Puts `prefix` (upper-cased, non-alphanumerics as `_`) and a `_` before
    /// every variable name, so one application's credentials cannot be taken
    /// for another's.
    pub fn prefix(mut self, prefix: &str) -> EnvStore {
        self.prefix = if prefix.is_empty() {
            String::new()
        } else {
            format!("{}_", upper_snake(prefix.trim_end_matches('_')))
        };
        self
    }

    /// The variable that holds credential `name` of plugin `plugin`.
    pub fn variable(&self, plugin: &str, name: &str) -> String {
        format!(
            "{}{}_{}",
            self.prefix,
            upper_snake(plugin),
            upper_snake(name)
        )
    }
}

impl CredentialStore for EnvStore {
    fn get(&self, plugin: &str, name: &str) -> Result<Option<Secret>, CredentialError> {
        let variable = self.variable(plugin, name);
        let value = match &self.snapshot {
            Some(vars) => vars.get(&variable).cloned(),
            None => match std::env::var(&variable) {
                Ok(value) => Some(value),
                Err(std::env::VarError::NotPresent) => None,
                Err(std::env::VarError::NotUnicode(_)) => {
                    return Err(CredentialError::NotUnicode { variable });
                }
            },
        };
        Ok(value.filter(|v| !v.is_empty()).map(Secret::new))
    }

    fn describe(&self, plugin: &str, name: &str) -> String {
        format!("the environment variable {}", self.variable(plugin, name))
    }
}

fn upper_snake(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_uppercase()
            } else {
                '_'
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variable_names_follow_the_rule() {
        let store = EnvStore::new();
        assert_eq!(store.variable("stripe", "api_key"), "STRIPE_API_KEY");
        assert_eq!(
            store.variable("my-shop", "client-secret"),
            "MY_SHOP_CLIENT_SECRET"
        );
        assert_eq!(
            store.clone().prefix("acme").variable("stripe", "api_key"),
            "ACME_STRIPE_API_KEY"
        );
        assert_eq!(
            store.clone().prefix("My-App_").variable("a", "b"),
            "MY_APP_A_B"
        );
        assert_eq!(store.prefix("").variable("a", "b"), "A_B");
    }

    #[test]
    fn reads_its_variables_and_skips_empty_ones() {
        let store = EnvStore::from_vars([("STRIPE_API_KEY", "sk_test_1"), ("STRIPE_EMPTY", "")]);
        assert_eq!(
            store.get("stripe", "api_key").unwrap().unwrap().expose(),
            "sk_test_1"
        );
        assert!(store.get("stripe", "empty").unwrap().is_none());
        assert!(store.get("other", "api_key").unwrap().is_none());
        assert_eq!(
            store.describe("stripe", "api_key"),
            "the environment variable STRIPE_API_KEY"
        );
    }

    #[test]
    fn reads_the_process_environment() {
        // Cargo sets CARGO_PKG_NAME for every test it runs; with the prefix
        // "cargo", plugin "pkg" and credential "name" it is the variable read.
        let store = EnvStore::new().prefix("cargo");
        assert_eq!(store.variable("pkg", "name"), "CARGO_PKG_NAME");
        assert_eq!(
            store.get("pkg", "name").unwrap().unwrap().expose(),
            env!("CARGO_PKG_NAME")
        );
    }
}
