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

/// Hands the host the instance's state before a hot reload: with
/// [`Status::OK`], `state` holds bytes the new instance's
/// [`PluginVtable::restore_state`] will get (empty for none); otherwise an
/// error message.
pub type SaveStateFn = unsafe extern "C" fn(instance: *mut c_void, state: *mut RBuf) -> Status;

/// Gives a new instance the state its predecessor saved.
pub type RestoreStateFn =
    unsafe extern "C" fn(instance: *mut c_void, state: RBytes<'_>, error: *mut RBuf) -> Status;

/// Delivers one event: `payload` is JSON.
pub type EventFn = unsafe extern "C" fn(
    instance: *mut c_void,
    topic: RStr<'_>,
    payload: RBytes<'_>,
    error: *mut RBuf,
) -> Status;

/// Set in a hook's `flow` when `output` holds a replacement payload.
pub const HOOK_REPLACE: u32 = 1;
/// Set in a hook's `flow` when the chain stops after this plugin.
pub const HOOK_STOP: u32 = 2;

/// Runs the plugin's part of host hook point `point` on `payload` (JSON).
///
/// `flow` starts as zero. With [`Status::OK`], the plugin sets
/// [`HOOK_REPLACE`] in `flow` and writes the new payload to `output`, or
/// leaves the payload as it is; it sets [`HOOK_STOP`] to end the chain.
/// Otherwise `output` holds an error message.
pub type HookPointFn = unsafe extern "C" fn(
    instance: *mut c_void,
    point: RStr<'_>,
    payload: RBytes<'_>,
    output: *mut RBuf,
    flow: *mut u32,
) -> Status;

/// Answers a call to a service the plugin provides: with [`Status::OK`]
/// `output` holds the JSON reply, otherwise an error message.
pub type ServeFn = unsafe extern "C" fn(
    instance: *mut c_void,
    service: RStr<'_>,
    method: RStr<'_>,
    input: RBytes<'_>,
    output: *mut RBuf,
) -> Status;

/// How many bytes a vtable of the first ABI version 1 layout has: the entries
/// up to and including [`PluginVtable::describe_config`]. A host accepts
/// vtables of this size and treats the later entries as absent.
pub const VTABLE_V1_SIZE: usize = std::mem::offset_of!(PluginVtable, save_state);

/// The functions of one plugin.
///
/// The vtable only ever grows at its end, and records its own size: a host
/// uses an entry only if `size` covers it, so a newer host can drive an older
/// plugin within one ABI version. Every entry is an `Option` so that a null
/// pointer in a malformed library reads as `None` rather than being undefined
/// behaviour. The entries up to [`describe_config`](Self::describe_config)
/// are required; the later ones are optional.
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
    /// Saves state for a hot reload; absent means there is none to hand over.
    pub save_state: Option<SaveStateFn>,
    /// Restores state saved by a predecessor; absent means state is dropped.
    pub restore_state: Option<RestoreStateFn>,
    /// Delivers events; required when the descriptor lists subscriptions.
    pub on_event: Option<EventFn>,
    /// Runs hook points; required when the descriptor lists hooks.
    pub on_hook: Option<HookPointFn>,
    /// Answers service calls; required when the descriptor lists services.
    pub serve: Option<ServeFn>,
}

// SAFETY: a vtable is immutable data holding function pointers.
unsafe impl Sync for PluginVtable {}
