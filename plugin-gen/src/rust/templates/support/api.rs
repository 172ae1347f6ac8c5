//! Connecting to the API: one HTTP client per security requirement the
//! plugin has credentials for, with the credentials from the host.

use std::collections::BTreeMap;
use std::time::Duration;

use plugin_api::{Context, PluginError};
use plugin_http::{Auth, Client, Request, Secret};

/// Which security requirements an operation accepts, by index into the
/// list [`Api::connect`] was given.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Security {
    /// None: the request goes without credentials.
    Anonymous,
    /// The first of these the plugin has credentials for.
    Required(&'static [usize]),
    /// The first of these the plugin has credentials for, else none.
    Optional(&'static [usize]),
}

/// The plugin's credentials, read from the host's credential store once
/// each.
pub struct Credentials<'a, 'c, C> {
    ctx: &'a Context<'c, C>,
    read: BTreeMap<String, Result<Secret, String>>,
}

impl<'a, 'c, C> Credentials<'a, 'c, C> {
    /// Credentials of the plugin `ctx` belongs to.
    pub fn new(ctx: &'a Context<'c, C>) -> Self {
        Self {
            ctx,
            read: BTreeMap::new(),
        }
    }

    /// The credential `name`, or the host's message saying where to store
    /// it.
    ///
    /// # Errors
    ///
    /// The host's message when the credential is not stored.
    pub fn get(&mut self, name: &str) -> Result<Secret, String> {
        let ctx = self.ctx;
        self.read
            .entry(name.to_owned())
            .or_insert_with(|| plugin_http::fetch_credential(ctx, name).map_err(|e| e.message().to_owned()))
            .clone()
    }

    /// The credential `name`, or an empty one when it is not stored.
    pub fn optional(&mut self, name: &str) -> Secret {
        self.get(name).unwrap_or_else(|_| Secret::empty())
    }
}

impl<C> std::fmt::Debug for Credentials<'_, '_, C> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Credentials")
            .field("read", &self.read.keys().collect::<Vec<_>>())
            .finish()
    }
}

/// The API as the plugin reaches it: a client for each security
/// requirement it has credentials for, and one without credentials.
#[derive(Debug)]
pub struct Api {
    anonymous: Client,
    requirements: Vec<Result<Client, String>>,
    base_url_configured: bool,
}

impl Api {
    /// Builds the clients. `requirements` holds, for each security
    /// requirement, its authentication or the reason it has none (a
    /// credential that is not stored). `base_url` overrides
    /// `default_base_url`; timeouts are in seconds.
    ///
    /// # Errors
    ///
    /// [`InvalidConfig`](plugin_api::ErrorKind::InvalidConfig) for a bad
    /// base URL or timeout; [`Unavailable`](plugin_api::ErrorKind::Unavailable)
    /// when `needs_credentials` and no requirement has its credentials,
    /// with the host's messages saying where to store them.
    pub fn connect(
        default_base_url: &str,
        base_url: Option<&str>,
        timeout_secs: u64,
        connect_timeout_secs: u64,
        requirements: Vec<Result<Auth, String>>,
        needs_credentials: bool,
    ) -> Result<Self, PluginError> {
        let builder = Client::builder(default_base_url)
            .override_base_url(base_url)
            .timeout(Duration::from_secs(timeout_secs))
            .connect_timeout(Duration::from_secs(connect_timeout_secs));
        let anonymous = builder.clone().build()?;
        let mut clients = Vec::with_capacity(requirements.len());
        for requirement in requirements {
            clients.push(match requirement {
                Ok(auth) => Ok(builder.clone().auth(auth).build()?),
                Err(reason) => Err(reason),
            });
        }
        if needs_credentials && !clients.is_empty() && clients.iter().all(Result::is_err) {
            let reasons: Vec<&str> = clients.iter().filter_map(|c| c.as_ref().err()).map(String::as_str).collect();
            return Err(PluginError::unavailable(format!(
                "the plugin has no credentials for the API: {}",
                reasons.join("; or ")
            )));
        }
        Ok(Self {
            anonymous,
            requirements: clients,
            base_url_configured: base_url.is_some(),
        })
    }

    /// The client for an operation that accepts `security`.
    ///
    /// # Errors
    ///
    /// [`Unavailable`](plugin_api::ErrorKind::Unavailable) when the plugin
    /// has credentials for none of the requirements, saying where to store
    /// them.
    pub fn client(&self, security: Security) -> Result<&Client, PluginError> {
        let (accepted, optional) = match security {
            Security::Anonymous => return Ok(&self.anonymous),
            Security::Required(accepted) => (accepted, false),
            Security::Optional(accepted) => (accepted, true),
        };
        let mut reasons = Vec::new();
        for index in accepted {
            match self.requirements.get(*index) {
                Some(Ok(client)) => return Ok(client),
                Some(Err(reason)) => reasons.push(reason.as_str()),
                None => {}
            }
        }
        if optional {
            return Ok(&self.anonymous);
        }
        Err(PluginError::unavailable(format!(
            "this command needs credentials the plugin does not have: {}",
            reasons.join("; or ")
        )))
    }

    /// `request` sent to `server`, the operation's own base URL, unless the
    /// plugin's configuration sets a base URL, which then serves every
    /// operation.
    pub fn at_server(&self, request: Request, server: &str) -> Request {
        if self.base_url_configured {
            request
        } else {
            request.base_url(server)
        }
    }
}
