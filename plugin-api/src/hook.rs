use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::PluginError;
use crate::command::{read_json, to_json};

/// One run of a host hook point reaching a plugin: the point's name and the
/// payload as the plugins before this one left it.
///
/// A plugin takes part with `#[plugin(hook(name = "pre_parse", priority =
/// 10))]` and answers in [`Plugin::on_hook`](crate::Plugin::on_hook).
#[derive(Debug, Clone, Copy)]
pub struct HookCall<'a> {
    point: &'a str,
    payload: &'a [u8],
}

impl<'a> HookCall<'a> {
    /// A hook call; hosts and tests build these, plugins receive them.
    pub fn new(point: &'a str, payload: &'a [u8]) -> Self {
        HookCall { point, payload }
    }

    /// The hook point's name.
    pub fn point(&self) -> &'a str {
        self.point
    }

    /// The raw payload bytes (JSON).
    pub fn payload_bytes(&self) -> &'a [u8] {
        self.payload
    }

    /// The payload read as JSON into `T`.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidInput`](crate::ErrorKind::InvalidInput) naming the
    /// hook point and what was wrong with the payload.
    pub fn payload<T: DeserializeOwned>(&self) -> Result<T, PluginError> {
        read_json(self.payload, || {
            format!("payload for hook '{}'", self.point)
        })
    }
}

/// What a plugin's part in a hook point decided: keep or replace the
/// payload, and let the chain go on or stop it.
///
/// ```
/// use plugin_api::HookFlow;
///
/// let keep = HookFlow::proceed();
/// assert!(keep.replacement().is_none() && !keep.stops());
///
/// let replaced = HookFlow::replace(&"cleaned input")?.stop();
/// assert_eq!(replaced.replacement(), Some(&b"\"cleaned input\""[..]));
/// assert!(replaced.stops());
/// # Ok::<(), plugin_api::PluginError>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[must_use = "return the flow from on_hook"]
pub struct HookFlow {
    replacement: Option<Vec<u8>>,
    stop: bool,
}

impl HookFlow {
    /// Leave the payload as it is and let the next plugin run.
    pub fn proceed() -> Self {
        HookFlow::default()
    }

    /// Replace the payload with `value` serialized as JSON.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Failed`](crate::ErrorKind::Failed) if `value` cannot be
    /// serialized.
    pub fn replace<T: Serialize + ?Sized>(value: &T) -> Result<Self, PluginError> {
        Ok(HookFlow::replace_bytes(to_json(value)?))
    }

    /// Replace the payload with these JSON bytes.
    pub fn replace_bytes(json: Vec<u8>) -> Self {
        HookFlow {
            replacement: Some(json),
            stop: false,
        }
    }

    /// Stop the chain after this plugin: later plugins do not run, and the
    /// host gets the payload as it is now.
    pub fn stop(mut self) -> Self {
        self.stop = true;
        self
    }

    /// The replacement payload, if any.
    pub fn replacement(&self) -> Option<&[u8]> {
        self.replacement.as_deref()
    }

    /// Whether the chain stops here.
    pub fn stops(&self) -> bool {
        self.stop
    }

    /// The replacement payload, consuming the flow.
    pub fn into_replacement(self) -> Option<Vec<u8>> {
        self.replacement
    }
}
