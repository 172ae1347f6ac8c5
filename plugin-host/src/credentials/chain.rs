use super::{CredentialError, CredentialStore, EnvStore, FileStore, Secret};

/// Several stores asked in order; the first that has the credential wins.
///
/// ```
/// use plugin_host::{ChainStore, CredentialStore, EnvStore, FileStore};
///
/// let store = ChainStore::env_then_file(
///     EnvStore::from_vars([("STRIPE_API_KEY", "sk_test_1")]),
///     FileStore::new("/nonexistent/credentials.toml"),
/// );
/// assert_eq!(store.get("stripe", "api_key").unwrap().unwrap().expose(), "sk_test_1");
/// assert_eq!(
///     store.describe("github", "token"),
///     "the environment variable GITHUB_TOKEN, or `token = \"...\"` under [github] in /nonexistent/credentials.toml"
/// );
/// ```
#[derive(Default)]
pub struct ChainStore {
    stores: Vec<Box<dyn CredentialStore>>,
}

impl ChainStore {
    /// A chain of no stores.
    pub fn new() -> ChainStore {
        ChainStore::default()
    }

    /// Asks `store` after the stores already in the chain.
    pub fn then(mut self, store: impl CredentialStore + 'static) -> ChainStore {
        self.stores.push(Box::new(store));
        self
    }

    /// The usual chain: the environment first (so a deployment can override
    /// a stored value), then the file.
    pub fn env_then_file(env: EnvStore, file: FileStore) -> ChainStore {
        ChainStore::new().then(env).then(file)
    }
}

impl CredentialStore for ChainStore {
    /// The first store's credential that has one. A store that fails stops
    /// the search with its error: a file that others can read is reported
    /// rather than skipped.
    fn get(&self, plugin: &str, name: &str) -> Result<Option<Secret>, CredentialError> {
        for store in &self.stores {
            if let Some(secret) = store.get(plugin, name)? {
                return Ok(Some(secret));
            }
        }
        Ok(None)
    }

    fn describe(&self, plugin: &str, name: &str) -> String {
        let places: Vec<String> = self
            .stores
            .iter()
            .map(|s| s.describe(plugin, name))
            .collect();
        if places.is_empty() {
            "no credential store (the host configured none)".to_owned()
        } else {
            places.join(", or ")
        }
    }
}

impl std::fmt::Debug for ChainStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ChainStore")
            .field("stores", &self.stores.len())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_store_with_the_credential_wins() {
        let store = ChainStore::new()
            .then(EnvStore::from_vars([("A_KEY", "from-env")]))
            .then(EnvStore::from_vars([
                ("A_KEY", "from-second"),
                ("A_OTHER", "only-second"),
            ]));
        assert_eq!(store.get("a", "key").unwrap().unwrap().expose(), "from-env");
        assert_eq!(
            store.get("a", "other").unwrap().unwrap().expose(),
            "only-second"
        );
        assert!(store.get("a", "none").unwrap().is_none());
        assert_eq!(
            ChainStore::new().describe("a", "key"),
            "no credential store (the host configured none)"
        );
    }
}
