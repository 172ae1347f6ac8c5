use std::ffi::c_void;

use super::{RBuf, RBytes, RStr, Status};

/// [`HostApi::environment`] for development.
pub const ENVIRONMENT_DEVELOPMENT: u32 = 0;
/// [`HostApi::environment`] for staging.
pub const ENVIRONMENT_STAGING: u32 = 1;
/// [`HostApi::environment`] for production.
pub const ENVIRONMENT_PRODUCTION: u32 = 2;

/// Receives one log record from a plugin.
///
/// `level` is 1 (error) to 5 (trace), as in the `log` crate. The function must
/// be callable from any thread for as long as the library is mapped.
pub type LogFn =
    unsafe extern "C" fn(plugin: RStr<'_>, level: u32, target: RStr<'_>, message: RStr<'_>);

/// Calls a service the host offers: `service` names it, `method` the
/// operation, `input` is JSON. With [`Status::OK`] `output` holds the JSON
/// reply, otherwise an error message.
pub type ServiceFn = unsafe extern "C" fn(
    context: *const c_void,
    service: RStr<'_>,
    method: RStr<'_>,
    input: RBytes<'_>,
    output: *mut RBuf,
) -> Status;

/// Publishes an event on the host's event bus: `topic` names it, `payload`
/// is JSON. The host delivers it to every subscriber after the publishing
/// call has returned, so a plugin never receives an event in the middle of
/// its own call. With a status other than [`Status::OK`], `error` holds a
/// message.
pub type PublishFn = unsafe extern "C" fn(
    context: *const c_void,
    topic: RStr<'_>,
    payload: RBytes<'_>,
    error: *mut RBuf,
) -> Status;

/// How many bytes a `HostApi` of the first ABI version 1 layout has: the
/// fields up to and including [`HostApi::call_service`]. A plugin accepts a
/// `HostApi` of this size and treats the later fields as absent.
pub const HOST_API_V1_SIZE: usize = std::mem::offset_of!(HostApi, publish);

/// What the host offers an instance. Passed to
/// [`PluginVtable::create`](super::PluginVtable::create); valid until the
/// instance is destroyed, except for [`log`](Self::log), which must stay
/// callable from any thread as long as the library is mapped (a plugin's
/// own threads may log after its instances are gone). Grows only at its end,
/// like the vtable.
#[repr(C)]
pub struct HostApi {
    /// `size_of::<HostApi>()` as the host knows it.
    pub size: usize,
    /// Opaque host data handed back to [`HostApi::call_service`].
    pub context: *const c_void,
    /// The host application's version (semver).
    pub app_version: RStr<'static>,
    /// The plugin-api version the host was built against.
    pub api_version: RStr<'static>,
    /// One of the `ENVIRONMENT_*` constants; an unknown value means production.
    pub environment: u32,
    /// The most verbose level the host wants, 0 (off) to 5 (trace).
    pub max_log_level: u32,
    /// Receives log records.
    pub log: Option<LogFn>,
    /// Calls a service, offered by the host or provided by another plugin.
    pub call_service: Option<ServiceFn>,
    /// Publishes an event.
    pub publish: Option<PublishFn>,
}

impl HostApi {
    /// A host API with no host behind it, for driving a plugin in-process
    /// (in its unit tests, say) through [`Context::new`](crate::Context::new):
    /// the environment is development, log records are printed to standard
    /// error, and no services or event bus are offered.
    ///
    /// ```
    /// use plugin_api::abi::HostApi;
    /// use plugin_api::{Context, NoConfig};
    ///
    /// let host = HostApi::detached("1.0.0");
    /// let ctx = Context::new(&NoConfig {}, &host, "my-plugin");
    /// assert_eq!(ctx.app_version(), "1.0.0");
    /// ctx.log().info("printed to stderr");
    /// ```
    pub const fn detached(app_version: &'static str) -> HostApi {
        HostApi {
            size: size_of::<HostApi>(),
            context: std::ptr::null(),
            app_version: RStr::from_str(app_version),
            api_version: RStr::from_str(super::API_VERSION),
            environment: ENVIRONMENT_DEVELOPMENT,
            max_log_level: 5,
            log: Some(print_record),
            call_service: None,
            publish: None,
        }
    }
}

unsafe extern "C" fn print_record(
    plugin: RStr<'_>,
    level: u32,
    target: RStr<'_>,
    message: RStr<'_>,
) {
    let level = match level {
        0 | 1 => "ERROR",
        2 => "WARN",
        3 => "INFO",
        4 => "DEBUG",
        _ => "TRACE",
    };
    let text = |s: RStr<'_>| s.to_str().unwrap_or("<unreadable>").to_owned();
    eprintln!(
        "{level} [{}] {}: {}",
        text(plugin),
        text(target),
        text(message)
    );
}

// SAFETY: the host promises that `context` may be used from any thread
// (`call_service` takes it as a shared pointer), and the rest is immutable.
unsafe impl Sync for HostApi {}
// SAFETY: as above.
unsafe impl Send for HostApi {}
