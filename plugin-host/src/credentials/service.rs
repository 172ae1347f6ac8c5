//! The `credentials` host service: a plugin reads its own credentials, and
//! only those.

use std::sync::Arc;

use plugin_api::{Command, PluginError};
use serde::{Deserialize, Serialize};

use super::{CredentialStore, check_credential_name};

/// The name the service is offered under.
pub const CREDENTIALS_SERVICE: &str = "credentials";

/// The method that reads one credential: input `{"name": "<credential>"}`,
/// reply `{"value": "<secret>"}`.
pub const GET_METHOD: &str = "get";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GetInput {
    name: String,
}

#[derive(Serialize)]
struct GetReply<'a> {
    value: &'a str,
}

/// The handler of the `credentials` service over `store`, for
/// [`HostBuilder::service`](crate::HostBuilder::service);
/// [`HostBuilder::credentials`](crate::HostBuilder::credentials) registers
/// it under [`CREDENTIALS_SERVICE`].
///
/// The store is asked for the *calling* plugin's credential: the host
/// passes the caller's registered name, and the input names only the
/// credential, so no plugin can read another's. Each read is logged at
/// debug level with the plugin's and the credential's names, never the
/// value.
///
/// ```
/// use plugin_api::Command;
/// use plugin_host::{EnvStore, credential_service};
///
/// let service = credential_service(std::sync::Arc::new(EnvStore::from_vars([("STRIPE_API_KEY", "sk_test_1")])));
/// let reply = service("stripe", Command::new("get", br#"{"name":"api_key"}"#)).unwrap();
/// assert_eq!(reply, br#"{"value":"sk_test_1"}"#);
/// let error = service("github", Command::new("get", br#"{"name":"api_key"}"#)).unwrap_err();
/// assert!(error.message().starts_with("plugin 'github' has no credential 'api_key'"));
/// ```
pub fn credential_service(
    store: Arc<dyn CredentialStore>,
) -> impl Fn(&str, Command<'_>) -> Result<Vec<u8>, PluginError> + Send + Sync + 'static {
    move |caller: &str, command: Command<'_>| {
        if command.name() != GET_METHOD {
            return Err(PluginError::invalid_input(format!(
                "the credentials service has no method '{}'; its one method is '{GET_METHOD}'",
                command.name()
            )));
        }
        let input: GetInput = serde_json::from_slice(command.input()).map_err(|e| {
            PluginError::invalid_input(format!(
                "the credentials service's '{GET_METHOD}' takes {{\"name\": \"<credential>\"}} and reads the calling plugin's own credentials only: {e}"
            ))
        })?;
        let name = input.name;
        check_credential_name(&name).map_err(PluginError::invalid_input)?;
        match store.get(caller, &name) {
            Ok(Some(secret)) => {
                tracing::debug!(target: "plugin_host::credentials", plugin = caller, credential = %name, "credential read");
                plugin_api::to_json(&GetReply {
                    value: secret.expose(),
                })
            }
            Ok(None) => {
                tracing::debug!(target: "plugin_host::credentials", plugin = caller, credential = %name, "credential not found");
                Err(PluginError::unavailable(format!(
                    "plugin '{caller}' has no credential '{name}': store it as {} (see docs/credentials.md)",
                    store.describe(caller, &name)
                )))
            }
            Err(error) => {
                tracing::warn!(target: "plugin_host::credentials", plugin = caller, credential = %name, %error, "credential store failed");
                Err(PluginError::unavailable(format!(
                    "could not read credential '{name}' of plugin '{caller}': {error}"
                )))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use plugin_api::ErrorKind;

    use super::*;
    use crate::{ChainStore, EnvStore};

    fn service() -> impl Fn(&str, Command<'_>) -> Result<Vec<u8>, PluginError> {
        credential_service(Arc::new(ChainStore::new().then(EnvStore::from_vars([
            ("ALPHA_API_KEY", "alpha-secret-1"),
            ("BETA_API_KEY", "beta-secret-2"),
            ("BETA_TOKEN", "beta-token-3"),
        ]))))
    }

    fn get(caller: &str, input: &str) -> Result<String, PluginError> {
        service()(caller, Command::new(GET_METHOD, input.as_bytes()))
            .map(|bytes| String::from_utf8(bytes).unwrap())
    }

    #[test]
    fn each_caller_reads_its_own_credentials_only() {
        assert_eq!(
            get("alpha", r#"{"name":"api_key"}"#).unwrap(),
            r#"{"value":"alpha-secret-1"}"#
        );
        assert_eq!(
            get("beta", r#"{"name":"api_key"}"#).unwrap(),
            r#"{"value":"beta-secret-2"}"#
        );
        let error = get("alpha", r#"{"name":"token"}"#).unwrap_err();
        assert_eq!(error.kind(), ErrorKind::Unavailable);
        assert_eq!(
            error.message(),
            "plugin 'alpha' has no credential 'token': store it as the environment variable ALPHA_TOKEN (see docs/credentials.md)"
        );
        assert!(!error.message().contains("beta-token-3"));
    }

    #[test]
    fn naming_another_plugin_is_refused() {
        let error = get("alpha", r#"{"name":"token","plugin":"beta"}"#).unwrap_err();
        assert_eq!(error.kind(), ErrorKind::InvalidInput);
        assert!(
            error.message().contains("unknown field `plugin`"),
            "{error}"
        );
        assert!(
            error
                .message()
                .contains("the calling plugin's own credentials only"),
            "{error}"
        );
        // Nor can a name climb into another plugin's variables or table.
        let error = get("alpha", r#"{"name":"../beta/token"}"#).unwrap_err();
        assert!(
            error
                .message()
                .starts_with("invalid credential name '../beta/token'"),
            "{error}"
        );
    }

    #[test]
    fn unknown_methods_and_bad_input() {
        let error = service()("alpha", Command::new("list", b"{}")).unwrap_err();
        assert_eq!(
            error.message(),
            "the credentials service has no method 'list'; its one method is 'get'"
        );
        assert_eq!(
            get("alpha", "[1]").unwrap_err().kind(),
            ErrorKind::InvalidInput
        );
    }
}
