//! The cost of loading and checking one plugin library, against the bare
//! dynamic-loader work underneath it.
//!
//! - `host_load_library`: [`plugin_host::Host::load_library`] on a fresh
//!   host: open the library, find the root symbol, check magic, ABI and API
//!   versions, call `describe`, check every descriptor and register the
//!   plugin. The host is created and dropped outside the timing.
//! - `raw_dlopen_dlsym`: `libloading::Library::new` and `get` of the root
//!   symbol on the same file, closed outside the timing.
//!
//! The dynamic loader reference-counts a path that is already open: the
//! second `dlopen` of a file finds it in its list and maps nothing. The file
//! is kept open for the whole run, so both sides measure that steady state,
//! which is what a host pays when the same library is loaded again (say, by
//! another host in the process); `load_many` measures first loads.

mod common;

use std::hint::black_box;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use plugin_api::abi::{self, RootFn};

fn load(c: &mut Criterion) {
    let path = common::fixture();
    // SAFETY: the fixture's initializers do nothing; held open until the end
    // so that no iteration maps or unmaps the file.
    let _pin = unsafe { libloading::Library::new(path) }.expect("the fixture opens");

    let mut group = c.benchmark_group("load");
    group.bench_function("host_load_library", |b| {
        b.iter_batched(
            common::host,
            |mut host| {
                let names = host
                    .load_library(black_box(path))
                    .expect("the fixture loads");
                (host, names)
            },
            BatchSize::SmallInput,
        )
    });
    group.bench_function("raw_dlopen_dlsym", |b| {
        b.iter_batched(
            || (),
            |()| {
                // SAFETY: as for `_pin`.
                let library = unsafe { libloading::Library::new(black_box(path)) }
                    .expect("the fixture opens");
                // SAFETY: the root symbol has type `RootFn` in every ABI version.
                let root: RootFn =
                    *unsafe { library.get::<RootFn>(abi::ROOT_SYMBOL.as_bytes()) }.expect("a root");
                (library, black_box(root))
            },
            BatchSize::SmallInput,
        )
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = common::criterion();
    targets = load
}
criterion_main!(benches);
