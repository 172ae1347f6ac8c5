use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::abi::{self, HostApi, RBuf, RBytes, RStr};
use crate::{ErrorKind, PluginError};

/// The deployment environment the host runs in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Environment {
    /// Local development.
    Development,
    /// A pre-production environment.
    Staging,
    /// Production.
    Production,
}

impl Environment {
    /// The ABI code of this environment.
    pub const fn code(self) -> u32 {
        match self {
            Environment::Development => abi::ENVIRONMENT_DEVELOPMENT,
            Environment::Staging => abi::ENVIRONMENT_STAGING,
            Environment::Production => abi::ENVIRONMENT_PRODUCTION,
        }
    }

    /// The environment for an ABI code; an unknown code means production, the
    /// most careful choice.
    pub const fn from_code(code: u32) -> Environment {
        match code {
            abi::ENVIRONMENT_DEVELOPMENT => Environment::Development,
            abi::ENVIRONMENT_STAGING => Environment::Staging,
            _ => Environment::Production,
        }
    }

    /// The lower-case name: `development`, `staging` or `production`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Environment::Development => "development",
            Environment::Staging => "staging",
            Environment::Production => "production",
        }
    }
}

impl std::fmt::Display for Environment {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a plugin sees of its host during a hook or a command: its validated
/// configuration, the host's version and environment, a logger and the host's
/// services.
pub struct Context<'a, C> {
    config: &'a C,
    host: &'a HostApi,
    plugin: &'static str,
}

impl<'a, C> Context<'a, C> {
    /// A context over `host`, for calling a plugin in-process (in a unit test
    /// or a benchmark) exactly as the generated glue does.
    pub fn new(config: &'a C, host: &'a HostApi, plugin: &'static str) -> Self {
        Context {
            config,
            host,
            plugin,
        }
    }

    /// The plugin's configuration, checked against its schema by the host and
    /// completed with its defaults.
    pub fn config(&self) -> &'a C {
        self.config
    }

    /// The name this plugin is registered under.
    pub fn plugin_name(&self) -> &'static str {
        self.plugin
    }

    /// The host application's version (semver).
    pub fn app_version(&self) -> &'a str {
        self.host.app_version.to_str().unwrap_or("")
    }

    /// The plugin-api version the host was built against.
    pub fn host_api_version(&self) -> &'a str {
        self.host.api_version.to_str().unwrap_or("")
    }

    /// The environment the host runs in.
    pub fn environment(&self) -> Environment {
        Environment::from_code(self.host.environment)
    }

    /// A logger whose records reach the host's subscriber, tagged with this
    /// plugin's name.
    pub fn log(&self) -> Logger<'a> {
        Logger {
            host: self.host,
            plugin: self.plugin,
        }
    }

    /// A service by name, offered by the host or provided by an active plugin
    /// this one depends on (a host refuses calls to the services of other
    /// plugins with [`ErrorKind::Unavailable`]). Whether it exists shows on
    /// the first call.
    pub fn service(&self, name: &'a str) -> Service<'a> {
        Service {
            host: self.host,
            name,
        }
    }

    /// Publishes an event: `payload` is serialized as JSON and delivered to
    /// every active plugin subscribed to `topic` (and to the host's own
    /// subscribers) after the current call has returned.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Unavailable`] if the host has no event bus,
    /// [`ErrorKind::Failed`] if the payload cannot be serialized, or the
    /// host's refusal (an invalid topic, say).
    pub fn publish<T: Serialize + ?Sized>(
        &self,
        topic: &str,
        payload: &T,
    ) -> Result<(), PluginError> {
        self.publish_raw(topic, &crate::command::to_json(payload)?)
    }

    /// Publishes an event whose payload is already JSON bytes.
    ///
    /// # Errors
    ///
    /// As [`publish`](Self::publish).
    pub fn publish_raw(&self, topic: &str, payload: &[u8]) -> Result<(), PluginError> {
        let Some(publish) = self.host.publish else {
            return Err(PluginError::unavailable(format!(
                "cannot publish '{topic}': this host has no event bus"
            )));
        };
        let mut error = RBuf::empty();
        // SAFETY: the host guarantees `publish` and `context` valid for the
        // instance's life; the topic and payload outlive the call; `error` is
        // an initialized empty buffer the callee may overwrite.
        let status = unsafe {
            publish(
                self.host.context,
                RStr::from_str(topic),
                RBytes::from_slice(payload),
                &mut error,
            )
        };
        match ErrorKind::from_status(status) {
            None => Ok(()),
            Some(kind) => Err(PluginError::new(kind, error.to_string_lossy())),
        }
    }
}

impl<C> std::fmt::Debug for Context<'_, C> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Context")
            .field("plugin", &self.plugin)
            .field("app_version", &self.app_version())
            .field("environment", &self.environment())
            .finish_non_exhaustive()
    }
}

/// The level of a log record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    /// Something failed.
    Error = 1,
    /// Something looks wrong.
    Warn = 2,
    /// Normal operation.
    Info = 3,
    /// Detail for debugging.
    Debug = 4,
    /// Very fine detail.
    Trace = 5,
}

/// Sends log records to the host; see [`Context::log`].
#[derive(Clone, Copy)]
pub struct Logger<'a> {
    host: &'a HostApi,
    plugin: &'static str,
}

impl Logger<'_> {
    /// Whether the host wants records of this level.
    pub fn enabled(&self, level: Level) -> bool {
        self.host.log.is_some() && level as u32 <= self.host.max_log_level
    }

    /// Sends one record with the plugin's name as its target.
    pub fn log(&self, level: Level, message: impl std::fmt::Display) {
        if self.enabled(level) {
            crate::__private::log_bridge::send(
                self.host,
                self.plugin,
                level as u32,
                self.plugin,
                &message.to_string(),
            );
        }
    }

    /// Logs at error level.
    pub fn error(&self, message: impl std::fmt::Display) {
        self.log(Level::Error, message);
    }

    /// Logs at warn level.
    pub fn warn(&self, message: impl std::fmt::Display) {
        self.log(Level::Warn, message);
    }

    /// Logs at info level.
    pub fn info(&self, message: impl std::fmt::Display) {
        self.log(Level::Info, message);
    }

    /// Logs at debug level.
    pub fn debug(&self, message: impl std::fmt::Display) {
        self.log(Level::Debug, message);
    }

    /// Logs at trace level.
    pub fn trace(&self, message: impl std::fmt::Display) {
        self.log(Level::Trace, message);
    }
}

impl std::fmt::Debug for Logger<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Logger")
            .field("plugin", &self.plugin)
            .finish()
    }
}

/// A service the host offers; see [`Context::service`].
#[derive(Clone, Copy)]
pub struct Service<'a> {
    host: &'a HostApi,
    name: &'a str,
}

impl Service<'_> {
    /// Calls `method` with raw JSON bytes and returns the raw reply.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Unavailable`] if the host offers no such service or no
    /// services at all, otherwise whatever the service returns.
    pub fn call_raw(&self, method: &str, input: &[u8]) -> Result<Vec<u8>, PluginError> {
        let Some(call) = self.host.call_service else {
            return Err(PluginError::unavailable(format!(
                "service '{}' is not available: this host offers no services",
                self.name
            )));
        };
        let mut output = RBuf::empty();
        // SAFETY: the host guarantees `call_service` and `context` valid for the
        // instance's life; the strings and input outlive the call; `output` is
        // an initialized empty buffer the callee may overwrite.
        let status = unsafe {
            call(
                self.host.context,
                RStr::from_str(self.name),
                RStr::from_str(method),
                RBytes::from_slice(input),
                &mut output,
            )
        };
        match ErrorKind::from_status(status) {
            None => Ok(output.as_slice().unwrap_or_default().to_vec()),
            Some(kind) => Err(PluginError::new(kind, output.to_string_lossy())),
        }
    }

    /// Calls `method` with `input` as JSON and reads the JSON reply.
    ///
    /// # Errors
    ///
    /// As [`call_raw`](Self::call_raw), and [`ErrorKind::InvalidInput`] if the
    /// reply is not the expected JSON.
    pub fn call<I: Serialize + ?Sized, O: DeserializeOwned>(
        &self,
        method: &str,
        input: &I,
    ) -> Result<O, PluginError> {
        let input = crate::command::to_json(input)?;
        let output = self.call_raw(method, &input)?;
        serde_json::from_slice(&output).map_err(|e| {
            PluginError::invalid_input(format!(
                "service '{}' method '{method}' replied with unexpected JSON: {e}",
                self.name
            ))
        })
    }
}

impl std::fmt::Debug for Service<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Service").field("name", &self.name).finish()
    }
}
