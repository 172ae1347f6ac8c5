//! Credentials from the host's `credentials` service.
//!
//! The protocol, which `plugin-host`'s credential service implements: method
//! [`GET_METHOD`] with input `{"name": "<credential>"}`, reply
//! `{"value": "<secret>"}`. The host answers for the calling plugin only; a
//! plugin cannot name another plugin.

use plugin_api::{Context, ErrorKind, PluginError, Service};
use serde::Deserialize;

use crate::Secret;

/// The name of the host service that hands out credentials.
pub const CREDENTIALS_SERVICE: &str = "credentials";

/// The service's method that reads one credential.
pub const GET_METHOD: &str = "get";

/// The credential `name` of the calling plugin, from the host's credential
/// store.
///
/// ```no_run
/// # use plugin_api::{Context, PluginError};
/// # fn activate<C>(ctx: &Context<'_, C>) -> Result<(), PluginError> {
/// use plugin_http::{Auth, Secret, fetch_credential};
///
/// let key = fetch_credential(ctx, "api_key")?;
/// let auth = Auth::basic(key, Secret::empty()).credential("api_key");
/// # Ok(())
/// # }
/// ```
///
/// # Errors
///
/// The host's error as it is: [`ErrorKind::Unavailable`] when the
/// credential is not stored (its message says where the host looks, such as
/// the environment variable `STRIPE_API_KEY`) or the host offers no
/// credentials service; [`ErrorKind::Failed`] if the reply is malformed.
pub fn fetch_credential<C>(ctx: &Context<'_, C>, name: &str) -> Result<Secret, PluginError> {
    fetch_credential_from(&ctx.service(CREDENTIALS_SERVICE), name)
}

/// As [`fetch_credential`], through a service handle.
///
/// # Errors
///
/// As [`fetch_credential`].
pub fn fetch_credential_from(service: &Service<'_>, name: &str) -> Result<Secret, PluginError> {
    #[derive(Deserialize)]
    struct Reply {
        value: String,
    }
    let input = plugin_api::to_json(&serde_json::json!({ "name": name }))?;
    let reply = service.call_raw(GET_METHOD, &input)?;
    // The reply holds the secret, so a parse failure must not quote it.
    let reply: Reply = serde_json::from_slice(&reply).map_err(|_| {
        PluginError::new(
            ErrorKind::Failed,
            format!(
                "the host's credentials service answered the request for '{name}' with something other than {{\"value\": \"...\"}}"
            ),
        )
    })?;
    Ok(Secret::new(reply.value))
}
