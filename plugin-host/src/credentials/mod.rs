//! Credentials for plugins: where the host keeps them, and the `credentials`
//! service through which a plugin reads its own.
//!
//! See `docs/credentials.md` for how a user stores one.

mod chain;
mod env;
mod error;
mod file;
mod name;
mod secret;
mod service;

use std::sync::Arc;

pub use chain::ChainStore;
pub use env::EnvStore;
pub use error::CredentialError;
pub use file::FileStore;
pub use name::check_credential_name;
pub use secret::Secret;
pub use service::{CREDENTIALS_SERVICE, GET_METHOD, credential_service};

/// Where the host keeps plugins' credentials: API keys, tokens, client
/// secrets, each stored under the plugin's name and the credential's name.
///
/// Implementations never put a value in a log, a `Debug` output or an error.
pub trait CredentialStore: Send + Sync {
    /// The credential `name` of plugin `plugin`, or `None` if this store has
    /// none.
    ///
    /// # Errors
    ///
    /// A [`CredentialError`] if the store cannot be read (a file that others
    /// can read, a malformed file, a variable that is not UTF-8).
    fn get(&self, plugin: &str, name: &str) -> Result<Option<Secret>, CredentialError>;

    /// Where this store would look for the credential, for the message when
    /// no store has it: `the environment variable STRIPE_API_KEY`.
    fn describe(&self, plugin: &str, name: &str) -> String;
}

impl<S: CredentialStore + ?Sized> CredentialStore for Arc<S> {
    fn get(&self, plugin: &str, name: &str) -> Result<Option<Secret>, CredentialError> {
        (**self).get(plugin, name)
    }

    fn describe(&self, plugin: &str, name: &str) -> String {
        (**self).describe(plugin, name)
    }
}

impl<S: CredentialStore + ?Sized> CredentialStore for Box<S> {
    fn get(&self, plugin: &str, name: &str) -> Result<Option<Secret>, CredentialError> {
        (**self).get(plugin, name)
    }

    fn describe(&self, plugin: &str, name: &str) -> String {
        (**self).describe(plugin, name)
    }
}
