//! Forwards records of the `log` facade to the host.
//!
//! A plugin library has its own copy of the `log` crate, so its `log::info!`
//! calls would reach no logger. Once the library has been loaded dynamically
//! (the host called its root's `describe`), the first instance installs a
//! logger that sends every record through [`HostApi::log`], tagged with the
//! plugin whose call is running on this thread. A plugin linked statically
//! shares the host's `log` crate, so nothing is installed there.

use std::cell::Cell;
use std::sync::Once;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use crate::abi::{HostApi, LogFn, RStr};

static DYNAMIC: AtomicBool = AtomicBool::new(false);
static INSTALL: Once = Once::new();
/// The host's log function as an address, 0 until a host registered one.
static HOST_LOG: AtomicUsize = AtomicUsize::new(0);

thread_local! {
    static CURRENT: Cell<Option<&'static str>> = const { Cell::new(None) };
}

/// Notes that this copy of plugin-api lives in a dynamically loaded library.
pub(crate) fn mark_dynamic() {
    DYNAMIC.store(true, Ordering::Relaxed);
}

/// Installs the bridge the first time a dynamically loaded instance is created.
pub(crate) fn install(host: &HostApi) {
    if !DYNAMIC.load(Ordering::Relaxed) {
        return;
    }
    let Some(log_fn) = host.log else { return };
    HOST_LOG.store(log_fn as usize, Ordering::Release);
    INSTALL.call_once(|| {
        if log::set_logger(&BRIDGE).is_ok() {
            log::set_max_level(level_filter(host.max_log_level));
        }
    });
}

/// Runs `f` with records of this thread attributed to `plugin`. Nothing to
/// attribute until the bridge is installed, so the thread-local is touched
/// only in a loaded library that has one.
pub(crate) fn with_current<R>(plugin: &'static str, f: impl FnOnce() -> R) -> R {
    if HOST_LOG.load(Ordering::Relaxed) == 0 {
        return f();
    }
    CURRENT.with(|current| {
        struct Restore<'a>(&'a Cell<Option<&'static str>>, Option<&'static str>);
        impl Drop for Restore<'_> {
            fn drop(&mut self) {
                self.0.set(self.1);
            }
        }
        let _restore = Restore(current, current.replace(Some(plugin)));
        f()
    })
}

/// Sends one record through the host's log function.
pub(crate) fn send(host: &HostApi, plugin: &str, level: u32, target: &str, message: &str) {
    if let Some(log) = host.log {
        // SAFETY: the host keeps its log function callable from any thread
        // while the library is mapped; the strings outlive the call.
        unsafe {
            log(
                RStr::from_str(plugin),
                level,
                RStr::from_str(target),
                RStr::from_str(message),
            )
        }
    }
}

fn level_filter(max: u32) -> log::LevelFilter {
    match max {
        0 => log::LevelFilter::Off,
        1 => log::LevelFilter::Error,
        2 => log::LevelFilter::Warn,
        3 => log::LevelFilter::Info,
        4 => log::LevelFilter::Debug,
        _ => log::LevelFilter::Trace,
    }
}

struct Bridge;

static BRIDGE: Bridge = Bridge;

impl log::Log for Bridge {
    fn enabled(&self, metadata: &log::Metadata<'_>) -> bool {
        metadata.level() <= log::max_level() && HOST_LOG.load(Ordering::Relaxed) != 0
    }

    fn log(&self, record: &log::Record<'_>) {
        let address = HOST_LOG.load(Ordering::Acquire);
        if address == 0 || !self.enabled(record.metadata()) {
            return;
        }
        // SAFETY: `address` was stored from a `LogFn` in `install` and is
        // never anything else.
        let log_fn: LogFn = unsafe { std::mem::transmute::<usize, LogFn>(address) };
        let plugin = CURRENT.with(Cell::get).unwrap_or("");
        let message = record.args().to_string();
        // SAFETY: as in `send`.
        unsafe {
            log_fn(
                RStr::from_str(plugin),
                record.level() as u32,
                RStr::from_str(record.target()),
                RStr::from_str(&message),
            )
        }
    }

    fn flush(&self) {}
}
