//! Why the hub refused or failed a service call, a publication, a hook run
//! or a registration.

use plugin_api::{ErrorKind, PluginError};

use super::Provider;
use crate::{CallError, InvalidChannelName};

/// Why the hub refused or failed something. Each message names the plugins
/// involved and says what to do.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum HubError {
    /// No active plugin provides the service and the host does not offer it.
    #[error(
        "no service '{service}' is available; the host offers: {}; active plugins provide: {}; check the name, or activate the plugin that provides it",
        list_or_none(host),
        provided_text(plugins)
    )]
    UnknownService {
        /// The service asked for.
        service: String,
        /// The services the host offers.
        host: Vec<String>,
        /// The services active plugins provide, each with its provider.
        plugins: Vec<(String, String)>,
    },

    /// A plugin called a service of a plugin it does not depend on.
    #[error(
        "plugin '{caller}' may not call service '{service}' of plugin '{provider}' because it does not depend on '{provider}'; declare the dependency (#[plugin(dependency(name = \"{provider}\"))]) so that '{provider}' is active whenever '{caller}' is"
    )]
    NotADependency {
        /// The calling plugin.
        caller: String,
        /// The service.
        service: String,
        /// The plugin that provides it.
        provider: String,
    },

    /// The plugin providing the service failed, or could not be called (it
    /// was running on this thread already, say).
    #[error(transparent)]
    Provider(CallError),

    /// A host service returned an error.
    #[error("the host service '{service}' failed: {error}")]
    HostService {
        /// The service.
        service: String,
        /// Its error.
        error: PluginError,
    },

    /// A topic, pattern or hook point name breaks the naming rules.
    #[error(transparent)]
    InvalidName(#[from] InvalidChannelName),

    /// A payload, an input or a reply is not the JSON it should be.
    #[error("{what} is not the expected JSON: {source}")]
    Json {
        /// What it was: `the payload of event 'orders.created'`, say.
        what: String,
        /// The JSON error.
        source: serde_json::Error,
    },

    /// The host declares no hook point of that name.
    #[error(
        "the host declares no hook point '{point}'; it declares: {}; declare it with HostBuilder::hook_point or Hub::declare_hook_point",
        list_or_none(declared)
    )]
    UnknownHookPoint {
        /// The hook point asked for.
        point: String,
        /// The hook points the host declares.
        declared: Vec<String>,
    },

    /// A plugin taking part in a hook point failed, which stopped the chain.
    #[error("hook point '{point}' stopped at plugin '{plugin}': {source}")]
    Hook {
        /// The hook point.
        point: String,
        /// The plugin that failed.
        plugin: String,
        /// Its error.
        source: Box<CallError>,
    },

    /// A plugin replaced a hook point's payload with something that is not
    /// the JSON the host expects.
    #[error(
        "plugin '{plugin}' left hook point '{point}' with a payload that is not the expected JSON ({source}); fix its on_hook"
    )]
    HookPayload {
        /// The hook point.
        point: String,
        /// The plugin that replaced the payload last.
        plugin: String,
        /// The JSON error.
        source: serde_json::Error,
    },

    /// A plugin being activated provides a service that someone already
    /// provides.
    #[error(
        "plugin '{plugin}' provides service '{service}', which {holder} provides already; {}",
        taken_hint(holder)
    )]
    ServiceTaken {
        /// The service.
        service: String,
        /// Who provides it already.
        holder: Provider,
        /// The plugin refused.
        plugin: String,
    },
}

impl HubError {
    /// The [`ErrorKind`] a plugin sees for this error when it is the answer
    /// to one of its own calls. A provider's panic reads as
    /// [`ErrorKind::Failed`]: the caller did not panic.
    pub fn kind(&self) -> ErrorKind {
        match self {
            HubError::UnknownService { .. }
            | HubError::NotADependency { .. }
            | HubError::UnknownHookPoint { .. }
            | HubError::ServiceTaken { .. } => ErrorKind::Unavailable,
            HubError::Provider(error) => call_error_kind(error),
            HubError::Hook { source, .. } => call_error_kind(source),
            HubError::HostService { error, .. } => match error.kind() {
                ErrorKind::Panicked => ErrorKind::Failed,
                kind => kind,
            },
            HubError::InvalidName(_) | HubError::Json { .. } | HubError::HookPayload { .. } => {
                ErrorKind::InvalidInput
            }
        }
    }
}

/// The kind a failed call into a plugin amounts to for whoever asked for it.
fn call_error_kind(error: &CallError) -> ErrorKind {
    match error {
        CallError::Plugin { kind, .. } if *kind != ErrorKind::Panicked => *kind,
        CallError::Json { .. } => ErrorKind::InvalidInput,
        CallError::Reentrant { .. }
        | CallError::WrongPhase { .. }
        | CallError::UnknownPlugin { .. } => ErrorKind::Unavailable,
        _ => ErrorKind::Failed,
    }
}

fn list_or_none(names: &[String]) -> String {
    if names.is_empty() {
        "none".to_owned()
    } else {
        names.join(", ")
    }
}

fn provided_text(plugins: &[(String, String)]) -> String {
    if plugins.is_empty() {
        return "none".to_owned();
    }
    plugins
        .iter()
        .map(|(service, plugin)| format!("{service} (plugin '{plugin}')"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn taken_hint(holder: &Provider) -> String {
    match holder {
        Provider::Host => "rename the plugin's service".to_owned(),
        Provider::Plugin(name) => {
            format!("deactivate {name} first, or rename one of the services")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_list_what_exists() {
        let error = HubError::UnknownService {
            service: "nope".into(),
            host: vec!["clock".into()],
            plugins: vec![("geo".into(), "atlas".into())],
        };
        assert_eq!(
            error.to_string(),
            "no service 'nope' is available; the host offers: clock; active plugins provide: geo (plugin 'atlas'); check the name, or activate the plugin that provides it"
        );
        assert_eq!(error.kind(), ErrorKind::Unavailable);
        let error = HubError::UnknownHookPoint {
            point: "x".into(),
            declared: vec![],
        };
        assert!(error.to_string().contains("it declares: none;"), "{error}");
    }

    #[test]
    fn a_providers_panic_is_a_failure_for_the_caller() {
        let error = HubError::Provider(CallError::Panicked {
            plugin: "geo".into(),
            operation: crate::Operation::Create,
            message: "boom".into(),
        });
        assert_eq!(error.kind(), ErrorKind::Failed);
        let error = HubError::HostService {
            service: "clock".into(),
            error: PluginError::new(ErrorKind::Panicked, "boom"),
        };
        assert_eq!(error.kind(), ErrorKind::Failed);
    }
}
