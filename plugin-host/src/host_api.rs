//! The functions the host hands plugins in its `HostApi`. They are called by
//! foreign code, so none of them may unwind.

use std::ffi::c_void;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Arc;

use plugin_api::abi::{self, HostApi, RBuf, RBytes, RStr, Status};
use plugin_api::{Command, Environment, PluginError};

use crate::Services;

/// What one instance's `HostApi::context` points to.
pub(crate) struct InstanceContext {
    pub(crate) plugin: String,
    pub(crate) services: Arc<Services>,
    pub(crate) app_version: Arc<str>,
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
        publish: None,
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
    let result = catch_unwind(AssertUnwindSafe(|| {
        // SAFETY: `context` is the `InstanceContext` this host put in the
        // instance's `HostApi`, alive as long as the instance.
        let context = unsafe { &*context.cast::<InstanceContext>() };
        let service = service
            .to_str()
            .map_err(|e| PluginError::invalid_input(format!("service name unreadable: {e}")))?;
        let method = method
            .to_str()
            .map_err(|e| PluginError::invalid_input(format!("method name unreadable: {e}")))?;
        let input = input
            .as_slice()
            .ok_or_else(|| PluginError::invalid_input("the service input is a null pointer with a non-zero length; pass valid bytes, or a length of 0"))?;
        context
            .services
            .call(&context.plugin, service, Command::new(method, input))
    }));
    let (status, bytes) = match result {
        Ok(Ok(bytes)) => (Status::OK, bytes),
        Ok(Err(e)) => (e.kind().status(), e.message().as_bytes().to_vec()),
        Err(_) => (Status::FAILED, b"the host service panicked".to_vec()),
    };
    if !output.is_null() {
        // SAFETY: the ABI makes `output` an initialized `RBuf` owned by the
        // caller, which this replaces.
        unsafe { *output = RBuf::from_vec(bytes) };
    }
    status
}
