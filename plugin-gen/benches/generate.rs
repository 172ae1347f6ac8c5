//! The time from Stripe's description to a formatted crate: loading,
//! modelling, planning, emitting and formatting, nothing written.
//! `cargo bench -p plugin-gen --bench generate`, or `cargo xtask bench-gen`
//! for this and the memory and `cargo check` figures.

use std::path::PathBuf;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use plugin_gen::rust::{Options, SdkSource};

fn stripe_to_crate(c: &mut Criterion) {
    let spec = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/specs/stripe/spec3.json");
    let options = Options::new("stripe-plugin", "stripe", SdkSource::Version("0.1".into()));
    let mut group = c.benchmark_group("generate");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_secs(2))
        .measurement_time(Duration::from_secs(20));
    group.bench_function("stripe spec3.json to a formatted crate", |b| {
        b.iter(|| {
            let generated = plugin_gen::generate_openapi(&spec, &options, &mut |_| {})
                .expect("Stripe generates");
            assert!(generated.files().len() > 1000);
            generated
        });
    });
    group.finish();
}

criterion_group!(benches, stripe_to_crate);
criterion_main!(benches);
