//! The functions the host hands plugins in its `HostApi`. They are called by
//! foreign code, so none of them may unwind.

use std::collections::BTreeSet;
use std::ffi::c_void;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::{Arc, Weak};

use plugin_api::abi::{self, HostApi, RBuf, RBytes, RStr, Status};
use plugin_api::{Environment, PluginError};

use crate::PluginInfo;
use crate::hub::{Caller, Hub};

/// What one instance's `HostApi::context` points to.
pub(crate) struct InstanceContext {
    pub(crate) plugin: Arc<str>,
    /// The plugins this one depends on, whose services it may call.
    pub(crate) dependencies: BTreeSet<String>,
    /// Weak, because the hub holds the handles of active instances: a strong
    /// reference would keep both alive forever.
    pub(crate) hub: Weak<Hub>,
    pub(crate) app_version: Arc<str>,
}

impl InstanceContext {
    /// The context of an instance of the plugin described by `info`.
    pub(crate) fn new(info: &PluginInfo, hub: &Arc<Hub>, app_version: &Arc<str>) -> Self {
        InstanceContext {
            plugin: Arc::from(info.name.as_str()),
            dependencies: info.dependencies.iter().map(|d| d.name.clone()).collect(),
            hub: Arc::downgrade(hub),
            app_version: Arc::clone(app_version),
        }
    }

    fn hub(&self) -> Result<Arc<Hub>, PluginError> {
        self.hub.upgrade().ok_or_else(|| {
            PluginError::unavailable(
                "the host is shutting down: its services and event bus are gone",
            )
        })
    }
}

/// Builds the `HostApi` for one instance.
///
/// The result points into `context`, which must outlive it.
pub(crate) fn host_api(context: &InstanceContext, environment: Environment) -> HostApi {
    HostApi {
        size: size_of::<HostApi>(),
        context: (context as *const InstanceContext).cast::<c_void>(),
        // SAFETY: the string lives in `context`, which outlives the `HostApi`
        // and so the instance; the ABI promises plugins nothing longer.
        app_version: unsafe {
            RStr::from_raw_parts(context.app_version.as_ptr(), context.app_version.len())
        },
        api_version: RStr::from_str(abi::API_VERSION),
        environment: environment.code(),
        max_log_level: max_log_level(),
        log: Some(log),
        call_service: Some(call_service),
        publish: Some(publish),
    }
}

fn max_log_level() -> u32 {
    use tracing::level_filters::LevelFilter;
    match LevelFilter::current() {
        LevelFilter::OFF => 0,
        LevelFilter::ERROR => 1,
        LevelFilter::WARN => 2,
        LevelFilter::INFO => 3,
        LevelFilter::DEBUG => 4,
        _ => 5,
    }
}

/// Re-emits a plugin's log record as a `tracing` event with target `plugin`,
/// the plugin's name in the `plugin` field and its own target in `source`.
unsafe extern "C" fn log(plugin: RStr<'_>, level: u32, target: RStr<'_>, message: RStr<'_>) {
    let _ = catch_unwind(|| {
        let plugin = plugin.to_str().unwrap_or("<unreadable>");
        let source = target.to_str().unwrap_or("<unreadable>");
        let message = message.to_str().unwrap_or("<unreadable message>");
        match level {
            0 | 1 => tracing::error!(target: "plugin", plugin, source, "{message}"),
            2 => tracing::warn!(target: "plugin", plugin, source, "{message}"),
            3 => tracing::info!(target: "plugin", plugin, source, "{message}"),
            4 => tracing::debug!(target: "plugin", plugin, source, "{message}"),
            _ => tracing::trace!(target: "plugin", plugin, source, "{message}"),
        }
    });
}

unsafe extern "C" fn call_service(
    context: *const c_void,
    service: RStr<'_>,
    method: RStr<'_>,
    input: RBytes<'_>,
    output: *mut RBuf,
) -> Status {
    answer(output, || {
        // SAFETY: `context` is the `InstanceContext` this host put in the
        // instance's `HostApi`, alive as long as the instance.
        let context = unsafe { &*context.cast::<InstanceContext>() };
        let service = text(service, "service name")?;
        let method = text(method, "method name")?;
        let input = input.as_slice().ok_or_else(|| {
            PluginError::invalid_input(
                "the service input is a null pointer with a non-zero length; pass valid bytes, or a length of 0",
            )
        })?;
        let caller = Caller::Plugin {
            name: &context.plugin,
            dependencies: &context.dependencies,
        };
        context
            .hub()?
            .route_service(caller, service, method, input)
            .map_err(|e| PluginError::new(e.kind(), e.to_string()))
    })
}

unsafe extern "C" fn publish(
    context: *const c_void,
    topic: RStr<'_>,
    payload: RBytes<'_>,
    error: *mut RBuf,
) -> Status {
    answer(error, || {
        // SAFETY: as in `call_service`.
        let context = unsafe { &*context.cast::<InstanceContext>() };
        let topic = text(topic, "event topic")?;
        let payload = payload.as_slice().ok_or_else(|| {
            PluginError::invalid_input(
                "the event payload is a null pointer with a non-zero length; pass valid bytes, or a length of 0",
            )
        })?;
        context
            .hub()?
            .publish_from_plugin(&context.plugin, topic, payload)
            .map(|()| Vec::new())
            .map_err(|e| PluginError::new(e.kind(), e.to_string()))
    })
}

fn text<'a>(s: RStr<'a>, what: &str) -> Result<&'a str, PluginError> {
    s.to_str()
        .map_err(|e| PluginError::invalid_input(format!("the {what} is unreadable: {e}")))
}

/// Runs `f` for a plugin's call into the host and writes what it returns,
/// or its error's message, to `output`. Nothing unwinds out of it: a panic
/// in host code reaches the plugin as a failure, never as its own panic.
fn answer(output: *mut RBuf, f: impl FnOnce() -> Result<Vec<u8>, PluginError>) -> Status {
    let (status, bytes) = match catch_unwind(AssertUnwindSafe(f)) {
        Ok(Ok(bytes)) => (Status::OK, bytes),
        Ok(Err(e)) => (e.kind().status(), e.message().as_bytes().to_vec()),
        Err(_) => (
            Status::FAILED,
            b"the host panicked while answering".to_vec(),
        ),
    };
    // With OK and nothing to say, the buffer stays the empty one the caller
    // made, as the ABI asks of an `error` buffer.
    let nothing_to_say = status.is_ok() && bytes.is_empty();
    if !output.is_null() && !nothing_to_say {
        // SAFETY: the ABI makes `output` an initialized `RBuf` owned by the
        // caller, which this replaces.
        unsafe { *output = RBuf::from_vec(bytes) };
    }
    status
}
