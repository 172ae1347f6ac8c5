//! The cost of calling a plugin command across the C ABI, against calling the
//! same Rust code in-process.
//!
//! Every variant runs the same command on the same input bytes:
//!
//! - `instance_call`: [`plugin_host::Instance::call`] on the cdylib loaded
//!   by a [`Host`], which is what applications do;
//! - `vtable_direct`: the same library's `call` vtable entry called straight
//!   from a function pointer, with no `Instance` around it (diagnostic: splits
//!   host-side from plugin-side overhead);
//! - `native_dyn`: the statically linked plugin type called through a
//!   `&mut dyn` trait object, with a `Context` built as the glue builds it;
//! - `raw_c_fn`: a bare `extern "C"` function of the same library doing the
//!   same work, the floor for any C ABI.
//!
//! `Plugin` itself cannot be a trait object (it is `Sized` and has
//! `fn new(..) -> Self`), so `native_dyn` dispatches through [`DynPlugin`],
//! a one-method object-safe trait whose method calls `Plugin::call`.

mod common;

use std::ffi::c_void;
use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use fixture_bench::{Bench, BenchConfig, SumReply};
use plugin_api::abi::{self, CallFn, HookFn, HostApi, PluginVtable, RBuf, RBytes, RStr, RootFn};
use plugin_api::{Command, Context, Plugin, PluginError};

/// The object-safe slice of [`Plugin`] a host would dispatch through.
trait DynPlugin<C> {
    fn call(&mut self, ctx: &Context<'_, C>, command: Command<'_>) -> Result<Vec<u8>, PluginError>;
}

impl<P: Plugin> DynPlugin<P::Config> for P {
    fn call(
        &mut self,
        ctx: &Context<'_, P::Config>,
        command: Command<'_>,
    ) -> Result<Vec<u8>, PluginError> {
        Plugin::call(self, ctx, command)
    }
}

/// The type of `fixture_bench::bench_sum_raw`.
type SumRawFn = unsafe extern "C" fn(*const u8, usize, *mut *mut u8, *mut usize, *mut usize) -> u32;
/// The type of `fixture_bench::bench_free_raw`.
type FreeRawFn = unsafe extern "C" fn(*mut u8, usize, usize);

/// A `HostApi` with no log function and no services, as a benchmark or unit
/// test builds one.
fn bare_host_api() -> HostApi {
    HostApi {
        size: size_of::<HostApi>(),
        context: std::ptr::null(),
        app_version: RStr::from_str(common::APP_VERSION),
        api_version: RStr::from_str(abi::API_VERSION),
        environment: abi::ENVIRONMENT_PRODUCTION,
        max_log_level: 0,
        log: None,
        call_service: None,
        publish: None,
    }
}

/// An instance created straight through a loaded library's vtable, without
/// a `Host`.
struct DirectInstance {
    raw: *mut c_void,
    call: CallFn,
    destroy: HookFn,
    _host_api: Box<HostApi>,
    _library: libloading::Library,
}

impl DirectInstance {
    fn new(path: &std::path::Path) -> DirectInstance {
        // SAFETY: the fixture is a plugin library whose initializers do
        // nothing; the host already has it open, so this only adds a reference.
        let library = unsafe { libloading::Library::new(path) }.expect("the fixture opens");
        // SAFETY: the root symbol has type `RootFn` in every ABI version.
        let root_fn: RootFn =
            *unsafe { library.get::<RootFn>(abi::ROOT_SYMBOL.as_bytes()) }.expect("a root symbol");
        let table = common::describe(root_fn);
        let mut error = RBuf::empty();
        assert_eq!(table.len, 1, "the fixture holds one plugin");
        // SAFETY: `describe` succeeded, so the table holds one valid
        // descriptor of static data, as the Host checked.
        let descriptor = unsafe { &**table.plugins };
        assert_eq!(descriptor.name.to_str(), Ok(common::PLUGIN));
        // SAFETY: the Host checked this vtable is complete.
        let vtable: &PluginVtable = unsafe { &*descriptor.vtable };
        let host_api = Box::new(bare_host_api());
        let mut raw: *mut c_void = std::ptr::null_mut();
        let create = vtable.create.expect("create");
        // SAFETY: `host_api` outlives the instance (destroyed in `drop`);
        // the config and out-parameters are valid for the call.
        let status = unsafe { create(&*host_api, RStr::from_str("null"), &mut raw, &mut error) };
        assert!(
            status.is_ok() && !raw.is_null(),
            "create failed: {}",
            error.to_string_lossy()
        );
        DirectInstance {
            raw,
            call: vtable.call.expect("call"),
            destroy: vtable.destroy.expect("destroy"),
            _host_api: host_api,
            _library: library,
        }
    }

    fn call(&mut self, command: &str, input: &[u8]) -> RBuf {
        let mut output = RBuf::empty();
        // SAFETY: a live instance of this vtable, not used concurrently
        // (`&mut self`); the arguments outlive the call.
        let status = unsafe {
            (self.call)(
                self.raw,
                RStr::from_str(command),
                RBytes::from_slice(input),
                &mut output,
            )
        };
        assert!(status.is_ok());
        output
    }
}

impl Drop for DirectInstance {
    fn drop(&mut self) {
        let mut error = RBuf::empty();
        // SAFETY: the instance is live and destroyed once, here, before its
        // `HostApi` and library are dropped.
        unsafe { (self.destroy)(self.raw, &mut error) };
    }
}

/// `bench_sum_raw` and `bench_free_raw` from a loaded library.
struct RawSum {
    sum: SumRawFn,
    free: FreeRawFn,
    _library: libloading::Library,
}

impl RawSum {
    fn new(path: &std::path::Path) -> RawSum {
        // SAFETY: as in `DirectInstance::new`.
        let library = unsafe { libloading::Library::new(path) }.expect("the fixture opens");
        // SAFETY: the fixture exports these names with exactly these types.
        let (sum, free) = unsafe {
            (
                *library
                    .get::<SumRawFn>(b"bench_sum_raw")
                    .expect("bench_sum_raw"),
                *library
                    .get::<FreeRawFn>(b"bench_free_raw")
                    .expect("bench_free_raw"),
            )
        };
        RawSum {
            sum,
            free,
            _library: library,
        }
    }

    /// Runs `sum` on `input`, hands the reply's bytes to `f` and frees the
    /// reply.
    fn call<R>(&self, input: &[u8], f: impl FnOnce(&[u8]) -> R) -> R {
        let (mut ptr, mut len, mut capacity) = (std::ptr::null_mut(), 0, 0);
        // SAFETY: `input` is readable for its length; the out-pointers are
        // valid locals.
        let status = unsafe {
            (self.sum)(
                input.as_ptr(),
                input.len(),
                &mut ptr,
                &mut len,
                &mut capacity,
            )
        };
        assert_eq!(status, 0);
        // SAFETY: `bench_sum_raw` wrote a buffer of `len` initialized bytes.
        let result = f(unsafe { std::slice::from_raw_parts(ptr, len) });
        // SAFETY: exactly what `bench_sum_raw` returned, freed once.
        unsafe { (self.free)(ptr, len, capacity) };
        result
    }
}

fn call(c: &mut Criterion) {
    let path = common::fixture();
    let payload = common::sum_payload();
    let expected = SumReply {
        sum: (1..=16).sum(),
        count: 16,
    };

    let mut host = common::host();
    host.load_library(path).expect("the fixture loads");
    let mut instance = host.instantiate(common::PLUGIN, None).expect("an instance");
    instance.install().expect("install");
    instance.activate().expect("activate");

    let mut direct = DirectInstance::new(path);
    let raw = RawSum::new(path);

    let config = BenchConfig::default();
    let host_api = bare_host_api();
    let ctx = Context::new(&config, &host_api, common::PLUGIN);
    let mut bench = Bench::new(&ctx).expect("a native instance");
    let native: &mut dyn DynPlugin<BenchConfig> = &mut bench;

    assert_eq!(
        instance
            .call("sum", &payload)
            .unwrap()
            .json::<SumReply>()
            .unwrap(),
        expected
    );
    assert_eq!(
        serde_json::from_slice::<SumReply>(direct.call("sum", &payload).as_slice().unwrap())
            .unwrap(),
        expected
    );
    assert_eq!(
        native
            .call(&ctx, Command::new("sum", &payload))
            .map(|b| serde_json::from_slice(&b).unwrap()),
        Ok(expected)
    );
    assert_eq!(
        raw.call(&payload, |b| serde_json::from_slice::<SumReply>(b).unwrap()),
        SumReply {
            sum: 136,
            count: 16
        }
    );
    assert!(instance.call("noop", b"").unwrap().is_empty());

    // The inputs are hidden from the optimizer once, outside the timed
    // loops, so that the loops measure the calls rather than `black_box`.
    let (sum, noop, payload, empty): (&str, &str, &[u8], &[u8]) =
        black_box(("sum", "noop", &payload, b""));
    let native: &mut dyn DynPlugin<BenchConfig> = black_box(native);

    let mut group = c.benchmark_group("call_sum");
    group.bench_function("instance_call", |b| b.iter(|| instance.call(sum, payload)));
    group.bench_function("vtable_direct", |b| b.iter(|| direct.call(sum, payload)));
    group.bench_function("native_dyn", |b| {
        b.iter(|| native.call(&ctx, Command::new(sum, payload)))
    });
    group.bench_function("raw_c_fn", |b| b.iter(|| raw.call(payload, <[u8]>::len)));
    group.finish();

    let mut group = c.benchmark_group("call_noop");
    group.bench_function("instance_call", |b| b.iter(|| instance.call(noop, empty)));
    group.bench_function("vtable_direct", |b| b.iter(|| direct.call(noop, empty)));
    group.bench_function("native_dyn", |b| {
        b.iter(|| native.call(&ctx, Command::new(noop, empty)))
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = common::criterion();
    targets = call
}
criterion_main!(benches);
