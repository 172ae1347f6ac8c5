use std::ffi::c_void;

use super::{HostApi, RBuf, RBytes, RStr, Status};

/// Creates an instance from a JSON configuration the host has validated;
/// `null` or an empty string means the defaults.
///
/// On success writes the instance pointer to `instance`. `host` must stay
/// valid until the instance has been destroyed.
pub type CreateFn = unsafe extern "C" fn(
    host: *const HostApi,
    config: RStr<'_>,
    instance: *mut *mut c_void,
    error: *mut RBuf,
) -> Status;

/// Runs one lifecycle hook (or destroys the instance).
pub type HookFn = unsafe extern "C" fn(instance: *mut c_void, error: *mut RBuf) -> Status;

/// Hands an instance its new JSON configuration.
pub type ConfigChangedFn =
    unsafe extern "C" fn(instance: *mut c_void, config: RStr<'_>, error: *mut RBuf) -> Status;

/// Describes the plugin's configuration: with [`Status::OK`], `schema` holds
/// its JSON Schema (a JSON object whose top-level `"default"` is the default
/// configuration) and `defaults` the default configuration as JSON;
/// otherwise `schema` holds an error message.
///
/// A host calls it only when it needs the schema or the defaults, not while
/// loading, because producing them runs plugin code (a `Default` impl).
pub type DescribeConfigFn = unsafe extern "C" fn(schema: *mut RBuf, defaults: *mut RBuf) -> Status;

/// Runs a command: with [`Status::OK`] `output` holds the result bytes,
/// otherwise an error message.
pub type CallFn = unsafe extern "C" fn(
    instance: *mut c_void,
    command: RStr<'_>,
    input: RBytes<'_>,
    output: *mut RBuf,
) -> Status;

/// The functions of one plugin.
///
/// The vtable only ever grows at its end, and records its own size: a host
/// uses an entry only if `size` covers it, so a newer host can drive an older
/// plugin within one ABI version. Every entry is an `Option` so that a null
/// pointer in a malformed library reads as `None` rather than being undefined
/// behaviour; every entry of ABI version 1 is required.
///
/// An instance's functions are never called concurrently: the host serializes
/// calls on one instance. Different instances may be driven from different
/// threads.
#[repr(C)]
pub struct PluginVtable {
    /// `size_of::<PluginVtable>()` as the library knows it.
    pub size: usize,
    /// Creates an instance.
    pub create: Option<CreateFn>,
    /// Destroys an instance; the pointer is invalid afterwards even when an
    /// error is returned.
    pub destroy: Option<HookFn>,
    /// The install hook.
    pub install: Option<HookFn>,
    /// The activate hook.
    pub activate: Option<HookFn>,
    /// The deactivate hook.
    pub deactivate: Option<HookFn>,
    /// The uninstall hook.
    pub uninstall: Option<HookFn>,
    /// The config-changed hook.
    pub config_changed: Option<ConfigChangedFn>,
    /// Runs a command.
    pub call: Option<CallFn>,
    /// Describes the configuration.
    pub describe_config: Option<DescribeConfigFn>,
}

// SAFETY: a vtable is immutable data holding function pointers.
unsafe impl Sync for PluginVtable {}
