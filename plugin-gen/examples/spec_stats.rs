//! Loads a specification, builds its model, and prints counts and timings:
//! `cargo run --release -p plugin-gen --example spec_stats -- FILE`.
//! A second argument `--list` lists the operations by resource; `--types`
//! prints every type of the model.

use std::time::Instant;

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: spec_stats FILE");
        std::process::exit(2);
    };
    let start = Instant::now();
    let spec = match plugin_gen::openapi::load(&path) {
        Ok(spec) => spec,
        Err(error) => {
            eprintln!("error: {error}");
            std::process::exit(1);
        }
    };
    let loaded = start.elapsed();
    println!(
        "{path}: {} operations, {} schemas ({} components), {} component cycles",
        spec.operations.len(),
        spec.schemas.len(),
        spec.component_schemas.len(),
        spec.component_cycles().len()
    );
    let model = match plugin_gen::model::Model::from_spec(&spec) {
        Ok(model) => model,
        Err(error) => {
            eprintln!("error: {error}");
            std::process::exit(1);
        }
    };
    let total = start.elapsed();
    println!(
        "model: {} resources, {} operations, {} types, {} recursive groups",
        model.resources.len(),
        model.operations().count(),
        model.types.len(),
        model.recursive_groups.len()
    );
    println!("load: {loaded:?}, load + model: {total:?}");
    if std::env::args().nth(2).as_deref() == Some("--list") {
        for (resource, op) in model.operations() {
            println!(
                "{} {:?} {} {} -> {}",
                resource.name, op.kind, op.command, op.method, op.path.template
            );
        }
    }
    if std::env::args().nth(2).as_deref() == Some("--types") {
        for def in model.types.values() {
            println!("{def:?}");
        }
    }
}
