//! Golden files: the crates generated from the three petstore
//! descriptions, from Stripe's customers, products and prices, and from
//! `specs/synthetic/everything.yaml` (one of each construct the back end
//! treats differently) are kept in `tests/golden/`, and generation must
//! give them again byte for byte.
//! Run with `UPDATE_GOLDEN=1` to write them anew after a deliberate change
//! (then review the diff).
//!
//! `golden_crates_compile` builds each of them, and the crate generated
//! from Twilio's description, with `cargo clippy --all-features
//! --all-targets -- -D warnings`, in `target/golden`, and runs the
//! petstore crate's own tests (those of the helpers every generated crate
//! carries).

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use plugin_gen::model::Model;
use plugin_gen::openapi;
use plugin_gen::rust::{GeneratedCrate, Options, SdkSource, WriteMode};

/// The golden crates: directory name, and how to get the model.
const GOLDEN: [&str; 5] = [
    "petstore",
    "petstore-expanded",
    "swagger-petstore3",
    "stripe-subset",
    "everything",
];

fn golden_dir(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name)
}

fn model(name: &str) -> Model {
    let spec = match name {
        "petstore" => openapi::load(common::spec_path("petstore/oai-petstore-3.0.json")),
        "petstore-expanded" => {
            openapi::load(common::spec_path("petstore/oai-petstore-expanded-3.0.json"))
        }
        "swagger-petstore3" => {
            openapi::load(common::spec_path("petstore/swagger-petstore3-openapi.json"))
        }
        "stripe-subset" => openapi::from_value(common::stripe_subset()),
        "everything" => openapi::load(common::spec_path("synthetic/everything.yaml")),
        "twilio" => openapi::load(common::spec_path("twilio/twilio_api_v2010.json")),
        other => panic!("no golden crate '{other}'"),
    }
    .unwrap_or_else(|e| panic!("{name}: {e}"));
    Model::from_spec(&spec).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// Generates crate `name`, its SDK dependencies given relative to
/// `tests/golden/<name>/` (the workspace root is four levels up).
fn generate(name: &str) -> GeneratedCrate {
    let plugin = name
        .split('-')
        .next()
        .unwrap_or(name)
        .replace("swagger", "petstore");
    let options = Options::new(name, plugin, SdkSource::Path(PathBuf::from("../../../..")));
    let mut steps = Vec::new();
    let generated =
        plugin_gen::rust::generate(&model(name), &options, &mut |step| steps.push(step))
            .unwrap_or_else(|e| panic!("{name}: {e}"));
    assert!(
        steps.len() > 3,
        "{name}: the generator reported its progress"
    );
    generated
}

/// The files under `dir`, by relative path, without what a build adds.
fn files_on_disk(dir: &Path) -> BTreeMap<PathBuf, String> {
    let mut files = BTreeMap::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(current) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&current) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let relative = path.strip_prefix(dir).unwrap().to_owned();
            if relative == Path::new("target") || relative == Path::new("Cargo.lock") {
                continue;
            }
            if path.is_dir() {
                stack.push(path);
            } else {
                files.insert(relative, std::fs::read_to_string(&path).unwrap());
            }
        }
    }
    files
}

#[test]
fn generation_gives_the_golden_files() {
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let mut differences = Vec::new();
    for name in GOLDEN {
        let generated = generate(name);
        let dir = golden_dir(name);
        if update {
            generated.write_to_with(&dir, WriteMode::Overwrite).unwrap();
            continue;
        }
        let on_disk = files_on_disk(&dir);
        for (path, text) in generated.files() {
            match on_disk.get(path) {
                None => differences.push(format!(
                    "{name}/{}: missing from the golden files",
                    path.display()
                )),
                Some(golden) if golden != text => {
                    let line = golden
                        .lines()
                        .zip(text.lines())
                        .position(|(a, b)| a != b)
                        .map_or(0, |l| l + 1);
                    differences.push(format!(
                        "{name}/{}: differs from line {line}",
                        path.display()
                    ));
                }
                Some(_) => {}
            }
        }
        for path in on_disk
            .keys()
            .filter(|path| !generated.files().contains_key(*path))
        {
            differences.push(format!("{name}/{}: no longer generated", path.display()));
        }
    }
    assert!(
        differences.is_empty(),
        "the generated crates differ from tests/golden (rerun with UPDATE_GOLDEN=1 if the change is meant):\n{}",
        differences.join("\n")
    );
}

#[test]
fn generation_is_deterministic() {
    for name in ["swagger-petstore3", "stripe-subset"] {
        assert_eq!(generate(name).files(), generate(name).files(), "{name}");
    }
}

#[test]
fn golden_crates_compile() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let target = root.join("target").join("golden");
    let twilio = target.join("twilio-crate");
    let options = Options::new(
        "twilio",
        "twilio",
        SdkSource::Path(std::fs::canonicalize(&root).unwrap()),
    );
    plugin_gen::rust::generate(&model("twilio"), &options, &mut |_| {})
        .unwrap()
        .write_to_with(&twilio, WriteMode::Overwrite)
        .unwrap();
    let mut dirs: Vec<PathBuf> = GOLDEN.iter().map(|name| golden_dir(name)).collect();
    dirs.push(twilio);
    for dir in dirs {
        let lock = dir.join("Cargo.lock");
        if !lock.exists() {
            // The workspace's lock file, so the crates build with the
            // versions the workspace tested, offline too.
            std::fs::copy(root.join("Cargo.lock"), &lock).unwrap();
        }
        let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
        let output = Command::new(cargo)
            .args([
                "clippy",
                "--quiet",
                "--all-features",
                "--all-targets",
                "--manifest-path",
            ])
            .arg(dir.join("Cargo.toml"))
            .arg("--target-dir")
            .arg(&target)
            .args(["--", "-D", "warnings"])
            .env_remove("RUSTFLAGS")
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "{} does not build cleanly:\n{}",
            dir.display(),
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let output = Command::new(cargo)
        .args(["test", "--quiet", "--manifest-path"])
        .arg(golden_dir("petstore").join("Cargo.toml"))
        .arg("--target-dir")
        .arg(&target)
        .env_remove("RUSTFLAGS")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success() && stdout.contains("test result: ok"),
        "the generated crate's tests failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
}
