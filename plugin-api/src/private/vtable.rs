use std::ffi::c_void;

use super::guard::{guard, write_buf};
use super::log_bridge;
use super::meta::Registered;
use crate::abi::{self, HostApi, PluginVtable, RBuf, RBytes, RStr, Status};
use crate::config::{defaults_json, parse_config, schema_json};
use crate::{Command, Context, Event, HookCall, Plugin, PluginError};

/// The vtable for plugin type `T`.
pub const fn vtable<T: Registered>() -> PluginVtable {
    PluginVtable {
        size: size_of::<PluginVtable>(),
        create: Some(create::<T>),
        destroy: Some(destroy::<T>),
        install: Some(install::<T>),
        activate: Some(activate::<T>),
        deactivate: Some(deactivate::<T>),
        uninstall: Some(uninstall::<T>),
        config_changed: Some(config_changed::<T>),
        call: Some(call::<T>),
        describe_config: Some(describe_config::<T>),
        save_state: Some(save_state::<T>),
        restore_state: Some(restore_state::<T>),
        on_event: Some(on_event::<T>),
        on_hook: Some(on_hook::<T>),
        serve: Some(serve::<T>),
    }
}

/// What an instance pointer points to.
struct Instance<T: Plugin> {
    plugin: T,
    config: T::Config,
    /// A copy of the host's `HostApi`, with the fields an older host does
    /// not know zeroed.
    host: HostApi,
}

impl<T: Registered> Instance<T> {
    /// Runs `f` with the plugin and a context, with log records attributed to
    /// this plugin.
    fn with<R>(&mut self, f: impl FnOnce(&mut T, &Context<'_, T::Config>) -> R) -> R {
        let ctx = Context::new(&self.config, &self.host, T::NAME);
        log_bridge::with_current(T::NAME, || f(&mut self.plugin, &ctx))
    }
}

fn host_api(host: *const HostApi) -> Result<HostApi, PluginError> {
    // SAFETY: the ABI requires a null or valid `HostApi`, readable as far as
    // its size says, that outlives the instance.
    unsafe { abi::read_grown(host) }.map_err(|problem| {
        PluginError::failed(format!(
            "the host passed create a HostApi that {problem}; pass the HostApi the instance is to use (docs/abi.md, HostApi)"
        ))
    })
}

/// The message for a host that passes a null instance pointer.
const NULL_INSTANCE: &str =
    "the host passed a null instance pointer; pass the pointer create returned, until destroy";

fn text<'a>(s: RStr<'a>, what: &str) -> Result<&'a str, PluginError> {
    // Command names are short ASCII; checking that inline spares the call
    // into the general UTF-8 validator on the hot path.
    if let Some(bytes) = s.as_bytes()
        && bytes.is_ascii()
    {
        // SAFETY: ASCII is valid UTF-8.
        return Ok(unsafe { std::str::from_utf8_unchecked(bytes) });
    }
    s.to_str()
        .map_err(|e| PluginError::invalid_input(format!("{what} is unreadable: {e}")))
}

/// # Safety
///
/// `instance` must come from `create::<T>` and not be destroyed yet, and no
/// other call may be using it.
unsafe fn instance_mut<'a, T: Plugin>(
    instance: *mut c_void,
) -> Result<&'a mut Instance<T>, PluginError> {
    // SAFETY: per this function's contract.
    unsafe { instance.cast::<Instance<T>>().as_mut() }
        .ok_or_else(|| PluginError::failed(NULL_INSTANCE))
}

unsafe extern "C" fn create<T: Registered>(
    host: *const HostApi,
    config: RStr<'_>,
    instance: *mut *mut c_void,
    error: *mut RBuf,
) -> Status {
    guard(error, || {
        if instance.is_null() {
            return Err(PluginError::failed(
                "the host passed no place for the instance pointer",
            ));
        }
        let host = host_api(host)?;
        log_bridge::install(&host);
        let config: T::Config = parse_config(text(config, "the configuration")?)?;
        let ctx = Context::new(&config, &host, T::NAME);
        let plugin = log_bridge::with_current(T::NAME, || T::new(&ctx))?;
        let created = Box::into_raw(Box::new(Instance::<T> {
            plugin,
            config,
            host,
        }));
        // SAFETY: checked non-null above; the ABI makes it writable.
        unsafe { instance.write(created.cast()) };
        Ok(())
    })
}

unsafe extern "C" fn destroy<T: Registered>(instance: *mut c_void, error: *mut RBuf) -> Status {
    guard(error, || {
        if instance.is_null() {
            return Err(PluginError::failed(NULL_INSTANCE));
        }
        // SAFETY: the ABI hands `destroy` a live instance from `create::<T>`,
        // once; it is not used afterwards.
        let boxed = unsafe { Box::from_raw(instance.cast::<Instance<T>>()) };
        log_bridge::with_current(T::NAME, || drop(boxed));
        Ok(())
    })
}

fn hook<T: Registered>(
    instance: *mut c_void,
    error: *mut RBuf,
    run: fn(&mut T, &Context<'_, T::Config>) -> Result<(), PluginError>,
) -> Status {
    guard(error, || {
        // SAFETY: the ABI hands hooks a live instance of this vtable's type,
        // never used concurrently.
        let instance = unsafe { instance_mut::<T>(instance) }?;
        instance.with(run)
    })
}

unsafe extern "C" fn install<T: Registered>(instance: *mut c_void, error: *mut RBuf) -> Status {
    hook::<T>(instance, error, T::install)
}

unsafe extern "C" fn activate<T: Registered>(instance: *mut c_void, error: *mut RBuf) -> Status {
    hook::<T>(instance, error, T::activate)
}

unsafe extern "C" fn deactivate<T: Registered>(instance: *mut c_void, error: *mut RBuf) -> Status {
    hook::<T>(instance, error, T::deactivate)
}

unsafe extern "C" fn uninstall<T: Registered>(instance: *mut c_void, error: *mut RBuf) -> Status {
    hook::<T>(instance, error, T::uninstall)
}

unsafe extern "C" fn config_changed<T: Registered>(
    instance: *mut c_void,
    config: RStr<'_>,
    error: *mut RBuf,
) -> Status {
    guard(error, || {
        // SAFETY: as in `hook`.
        let instance = unsafe { instance_mut::<T>(instance) }?;
        let new: T::Config = parse_config(text(config, "the configuration")?)?;
        let old = std::mem::replace(&mut instance.config, new);
        match instance.with(|plugin, ctx| plugin.config_changed(ctx, &old)) {
            Ok(()) => Ok(()),
            Err(e) => {
                instance.config = old;
                Err(e)
            }
        }
    })
}

unsafe extern "C" fn call<T: Registered>(
    instance: *mut c_void,
    command: RStr<'_>,
    input: RBytes<'_>,
    output: *mut RBuf,
) -> Status {
    guard(output, || {
        // SAFETY: as in `hook`.
        let instance = unsafe { instance_mut::<T>(instance) }?;
        let name = text(command, "the command name")?;
        let input = bytes(input, "the command input")?;
        let result = instance.with(|plugin, ctx| plugin.call(ctx, Command::new(name, input)))?;
        write_buf(output, RBuf::from_vec(result));
        Ok(())
    })
}

fn bytes<'a>(bytes: RBytes<'a>, what: &str) -> Result<&'a [u8], PluginError> {
    bytes.as_slice().ok_or_else(|| {
        PluginError::invalid_input(format!(
            "{what} is a null pointer with a non-zero length; pass valid bytes, or a length of 0"
        ))
    })
}

unsafe extern "C" fn save_state<T: Registered>(instance: *mut c_void, state: *mut RBuf) -> Status {
    guard(state, || {
        // SAFETY: as in `hook`.
        let instance = unsafe { instance_mut::<T>(instance) }?;
        let saved = instance.with(|plugin, ctx| plugin.save_state(ctx))?;
        write_buf(state, RBuf::from_vec(saved));
        Ok(())
    })
}

unsafe extern "C" fn restore_state<T: Registered>(
    instance: *mut c_void,
    state: RBytes<'_>,
    error: *mut RBuf,
) -> Status {
    guard(error, || {
        // SAFETY: as in `hook`.
        let instance = unsafe { instance_mut::<T>(instance) }?;
        let state = bytes(state, "the saved state")?;
        instance.with(|plugin, ctx| plugin.restore_state(ctx, state))
    })
}

unsafe extern "C" fn on_event<T: Registered>(
    instance: *mut c_void,
    topic: RStr<'_>,
    payload: RBytes<'_>,
    error: *mut RBuf,
) -> Status {
    guard(error, || {
        // SAFETY: as in `hook`.
        let instance = unsafe { instance_mut::<T>(instance) }?;
        let topic = text(topic, "the event topic")?;
        let payload = bytes(payload, "the event payload")?;
        instance.with(|plugin, ctx| plugin.on_event(ctx, Event::new(topic, payload)))
    })
}

unsafe extern "C" fn on_hook<T: Registered>(
    instance: *mut c_void,
    point: RStr<'_>,
    payload: RBytes<'_>,
    output: *mut RBuf,
    flow: *mut u32,
) -> Status {
    guard(output, || {
        if flow.is_null() {
            return Err(PluginError::failed(
                "the host passed no place for the hook's flow bits",
            ));
        }
        // SAFETY: as in `hook`.
        let instance = unsafe { instance_mut::<T>(instance) }?;
        let point = text(point, "the hook point name")?;
        let payload = bytes(payload, "the hook payload")?;
        let decided =
            instance.with(|plugin, ctx| plugin.on_hook(ctx, HookCall::new(point, payload)))?;
        let mut bits = 0;
        if decided.stops() {
            bits |= abi::HOOK_STOP;
        }
        if let Some(replacement) = decided.into_replacement() {
            bits |= abi::HOOK_REPLACE;
            write_buf(output, RBuf::from_vec(replacement));
        }
        // SAFETY: checked non-null above; the ABI makes it writable.
        unsafe { flow.write(bits) };
        Ok(())
    })
}

unsafe extern "C" fn serve<T: Registered>(
    instance: *mut c_void,
    service: RStr<'_>,
    method: RStr<'_>,
    input: RBytes<'_>,
    output: *mut RBuf,
) -> Status {
    guard(output, || {
        // SAFETY: as in `hook`.
        let instance = unsafe { instance_mut::<T>(instance) }?;
        let service = text(service, "the service name")?;
        let method = text(method, "the method name")?;
        let input = bytes(input, "the service input")?;
        let reply =
            instance.with(|plugin, ctx| plugin.serve(ctx, service, Command::new(method, input)))?;
        write_buf(output, RBuf::from_vec(reply));
        Ok(())
    })
}

unsafe extern "C" fn describe_config<T: Registered>(
    schema: *mut RBuf,
    defaults: *mut RBuf,
) -> Status {
    guard(schema, || {
        let schema_text = schema_json::<T::Config>()?;
        let defaults_text = defaults_json::<T::Config>()?;
        write_buf(schema, RBuf::from_vec(schema_text.into_bytes()));
        write_buf(defaults, RBuf::from_vec(defaults_text.into_bytes()));
        Ok(())
    })
}
