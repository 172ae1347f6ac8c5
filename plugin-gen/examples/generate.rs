//! Generates a plugin crate from an OpenAPI document, printing each step,
//! the time it took and the peak memory:
//! `cargo run --release -p plugin-gen --example generate -- SPEC NAME OUT_DIR [SDK_DIR]`.
//!
//! `SDK_DIR` (default: this workspace) is where `plugin-api/` and
//! `plugin-http/` are; the crate depends on them by path.

use std::path::PathBuf;
use std::time::Instant;

use plugin_gen::rust::{Options, SdkSource, WriteMode};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [spec, name, out, rest @ ..] = args.as_slice() else {
        eprintln!("usage: generate SPEC NAME OUT_DIR [SDK_DIR]");
        std::process::exit(2);
    };
    let sdk = rest.first().map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(".."),
        PathBuf::from,
    );
    let sdk = std::fs::canonicalize(&sdk).unwrap_or(sdk);
    let options = Options::new(name.clone(), name.clone(), SdkSource::Path(sdk));
    let start = Instant::now();
    let mut last = String::new();
    let generated = plugin_gen::generate_openapi(spec.as_ref(), &options, &mut |step| {
        let text = step.to_string();
        let kind = text.split(' ').next().unwrap_or_default().to_owned();
        if kind != last {
            eprintln!("{:>8.3} s  {text}", start.elapsed().as_secs_f64());
            last = kind;
        }
    });
    let generated = match generated {
        Ok(generated) => generated,
        Err(error) => {
            eprintln!("error: {error}");
            std::process::exit(1);
        }
    };
    let elapsed = start.elapsed();
    let bytes: usize = generated.files().values().map(String::len).sum();
    if let Err(error) = generated.write_to_with(out, WriteMode::Fresh) {
        eprintln!("error: {error}");
        std::process::exit(1);
    }
    println!(
        "generated {} files ({} bytes) in {:.3} s; peak memory {}",
        generated.files().len(),
        bytes,
        elapsed.as_secs_f64(),
        peak_memory().unwrap_or_else(|| "unknown".to_owned())
    );
}

/// The process's peak resident memory (`VmHWM` in `/proc/self/status`).
fn peak_memory() -> Option<String> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|line| line.starts_with("VmHWM:"))?;
    Some(line.trim_start_matches("VmHWM:").trim().to_owned())
}
