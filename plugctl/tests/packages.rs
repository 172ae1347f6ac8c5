//! Packages and the registry from the command line, with two builds of
//! plugin-host's `fixture-versioned`: package, publish, search, install
//! NAME@REQ, update, and the refusals on the way.

mod support;

#[allow(
    dead_code,
    reason = "the helper also serves plugin-host's benchmarks; these tests use part of it"
)]
#[path = "../../plugin-host/tests/support/cargo.rs"]
mod cargo;

use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use serde_json::json;
use support::{Plugctl, files_in, scratch};

fn library_file() -> String {
    format!(
        "{}fixture_versioned{}",
        std::env::consts::DLL_PREFIX,
        std::env::consts::DLL_SUFFIX
    )
}

/// `fixture-versioned` built with `features`, kept under its own file name
/// in a directory of its own (building other features overwrites cargo's
/// file).
/// The builds made so far, by feature list.
type Built = Mutex<Vec<(&'static [&'static str], PathBuf)>>;

fn versioned(features: &'static [&'static str]) -> PathBuf {
    static BUILT: OnceLock<Built> = OnceLock::new();
    let mut built = BUILT
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    if let Some((_, path)) = built.iter().find(|(f, _)| *f == features) {
        return path.clone();
    }
    let library = cargo::build_cdylib("fixture-versioned", features, false);
    let dir = scratch(&format!("versioned-{}", features.join("-")));
    let kept = dir.join(library_file());
    std::fs::copy(&library, &kept).unwrap();
    built.push((features, kept.clone()));
    kept
}

fn arg(path: &Path) -> &str {
    path.to_str().expect("test paths are UTF-8")
}

/// Runs plugctl with `--registry <registry>`.
fn with_registry<'a>(registry: &'a Path, args: &[&'a str]) -> Vec<&'a str> {
    let mut all = vec!["--registry", arg(registry)];
    all.extend_from_slice(args);
    all
}

#[test]
fn package_publish_search_install_and_update() {
    let plugctl = Plugctl::new("packages-flow");
    let work = plugctl.dir.parent().unwrap().to_path_buf();
    let registry = work.join("registry");
    let out_dir = work.join("out");
    std::fs::create_dir_all(&out_dir).unwrap();

    let v1 = plugctl.json(&[
        "package",
        arg(&versioned(&[])),
        "--keyword",
        "greeting",
        "--out",
        arg(&out_dir),
    ]);
    assert_eq!(v1["name"], "versioned");
    assert_eq!(v1["version"], "1.0.0");
    assert_eq!(v1["keywords"], json!(["greeting"]));
    let v1_package = PathBuf::from(v1["package"].as_str().unwrap());
    assert!(v1_package.starts_with(&out_dir));
    let v2_package = out_dir.join("versioned-2.0.0.tar.gz");
    let text = plugctl
        .run(&[
            "package",
            arg(&versioned(&["v2"])),
            "--out",
            arg(&v2_package),
        ])
        .success()
        .stdout;
    assert!(
        text.starts_with(&format!(
            "packed versioned 2.0.0 into {}\n",
            v2_package.display()
        )),
        "{text}"
    );

    for package in [&v1_package, &v2_package] {
        plugctl
            .run(&with_registry(&registry, &["publish", arg(package)]))
            .success();
    }
    let again = plugctl
        .run(&with_registry(&registry, &["publish", arg(&v1_package)]))
        .failure();
    assert!(
        again
            .stderr
            .contains("the registry has package 'versioned' 1.0.0 already"),
        "{}",
        again.stderr
    );

    let found = plugctl.json(&with_registry(&registry, &["search", "GREET"]));
    assert_eq!(found["results"][0]["name"], "versioned");
    let versions: Vec<&str> = found["results"][0]["versions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["version"].as_str().unwrap())
        .collect();
    assert_eq!(versions, ["1.0.0", "2.0.0"]);
    let text = plugctl
        .run(&with_registry(&registry, &["search", "vers"]))
        .success()
        .stdout;
    assert_eq!(
        text,
        "NAME       VERSIONS      DESCRIPTION\nversioned  1.0.0, 2.0.0  Says which version it is.\n"
    );

    let installed = plugctl.json(&with_registry(
        &registry,
        &[
            "install",
            "versioned@^1",
            "--config",
            r#"{"greeting": "hi"}"#,
        ],
    ));
    assert_eq!(installed["package"]["version"], "1.0.0");
    assert_eq!(
        installed["installed"],
        json!([{ "name": "versioned", "version": "1.0.0" }])
    );
    assert_eq!(files_in(&plugctl.plugins_dir()), [library_file()]);
    plugctl.run(&["activate", "versioned"]).success();

    let updated = plugctl.json(&with_registry(&registry, &["update", "versioned"]));
    assert_eq!(updated["from"], "1.0.0");
    assert_eq!(updated["to"], "2.0.0");
    assert_eq!(updated["reactivated"], json!(["versioned"]));
    assert_eq!(updated["config"], json!({"greeting": "hi", "level": 1}));
    let stem = library_file().replace(std::env::consts::DLL_SUFFIX, "");
    assert_eq!(
        files_in(&plugctl.plugins_dir()),
        [format!("{stem}-2.0.0{}", std::env::consts::DLL_SUFFIX)],
        "the old library is gone"
    );
    let version = plugctl.json(&["call", "versioned", "version"]);
    assert_eq!(version["output"], "2.0.0");

    let up_to_date = plugctl
        .run(&with_registry(&registry, &["update", "versioned"]))
        .success()
        .stdout;
    assert_eq!(
        up_to_date,
        "versioned 2.0.0 is up to date: the newest matching version in the registry is 2.0.0\n"
    );
    let older = plugctl
        .run(&["update", "versioned", arg(&v1_package)])
        .failure();
    assert!(
        older
            .stderr
            .contains("offers 1.0.0, which is not newer; nothing was changed"),
        "{}",
        older.stderr
    );
}

#[test]
fn a_failing_update_leaves_the_old_version_running() {
    let plugctl = Plugctl::new("packages-rollback");
    plugctl.run(&["install", arg(&versioned(&[]))]).success();
    plugctl.run(&["activate", "versioned"]).success();
    let state_before = std::fs::read(plugctl.dir.join("state.json")).unwrap();
    let files_before = files_in(&plugctl.plugins_dir());

    let run = plugctl
        .run(&[
            "update",
            "versioned",
            arg(&versioned(&["v2", "activate-fails"])),
        ])
        .failure();
    assert!(
        run.stderr.contains(
            "updating plugin 'versioned' from 1.0.0 to 2.0.0 failed, so it was rolled back to 1.0.0 and is active again"
        ),
        "{}",
        run.stderr
    );
    assert_eq!(
        std::fs::read(plugctl.dir.join("state.json")).unwrap(),
        state_before
    );
    assert_eq!(files_in(&plugctl.plugins_dir()), files_before);
    let version = plugctl.json(&["call", "versioned", "version"]);
    assert_eq!(version["output"], "1.0.0");
}

#[test]
fn registry_commands_without_a_registry_or_with_a_bad_package_are_refused() {
    let plugctl = Plugctl::new("packages-refusals");
    let run = plugctl.run(&["search", "x"]).failure();
    assert_eq!(
        run.stderr,
        "error: no package registry was given; pass --registry DIR or set PLUGCTL_REGISTRY to the registry's directory\n"
    );
    let run = plugctl.run(&["install", "nowhere/libx.so"]).failure();
    assert!(
        run.stderr
            .contains("'nowhere/libx.so' is neither an existing file nor a package name"),
        "{}",
        run.stderr
    );

    let work = plugctl.dir.parent().unwrap().to_path_buf();
    let fake = work.join("fake.tar.gz");
    std::fs::write(&fake, b"not a package").unwrap();
    let run = plugctl.run(&["--json", "install", arg(&fake)]).failure();
    let document = run.json();
    assert!(
        document["error"]
            .as_str()
            .unwrap()
            .contains("is not a readable plugin package"),
        "{document}"
    );
    assert!(files_in(&plugctl.plugins_dir()).is_empty());
}
