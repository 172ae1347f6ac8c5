//! The acceptance test: a plugin made by `plugctl new`, built with cargo,
//! then checked, installed, activated, called, reconfigured, deactivated and
//! uninstalled with plugctl.

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use serde_json::json;
use support::{Plugctl, Run, files_in, workspace_root};

/// Runs cargo `args` in the generated crate, with a target directory shared
/// by every run of this test so that only the plugin itself is rebuilt.
fn cargo(crate_dir: &Path, args: &[&str]) -> Run {
    let mut command = Command::new(env!("CARGO"));
    command
        .args(args)
        .current_dir(crate_dir)
        .env("CARGO_TARGET_DIR", target_dir());
    Run::of(command)
}

fn target_dir() -> PathBuf {
    workspace_root().join("target").join("plugctl-e2e")
}

#[test]
fn a_new_plugin_builds_installs_runs_and_goes_away_again() {
    let plugctl = Plugctl::new("e2e");
    // Inside cargo's target directory, so inside this workspace's directory:
    // the generated crate must build there as a workspace of its own.
    let crate_dir = plugctl.dir.parent().unwrap().join("demo");
    let crate_arg = crate_dir.to_str().unwrap();

    let run = plugctl.run(&["new", "demo", "--path", crate_arg]).success();
    assert!(
        run.stdout.starts_with("created plugin 'demo' in "),
        "{}",
        run.stdout
    );
    assert_eq!(
        files_in(&crate_dir),
        [".gitignore", "Cargo.toml", "README.md", "src"]
    );

    // The workspace's lock file pins the dependencies to the versions this
    // workspace builds with, so the build needs no registry index update and
    // reuses what earlier runs compiled.
    std::fs::copy(
        workspace_root().join("Cargo.lock"),
        crate_dir.join("Cargo.lock"),
    )
    .unwrap();
    let started = Instant::now();
    let build = cargo(&crate_dir, &["build"]).success();
    println!(
        "cargo build of the generated plugin took {:.1?}",
        started.elapsed()
    );
    assert!(
        !build.stderr.contains("warning"),
        "the generated crate has warnings:\n{}",
        build.stderr
    );
    let test = cargo(&crate_dir, &["test", "--quiet"]).success();
    assert!(test.stdout.contains("1 passed"), "{}", test.stdout);

    let library = target_dir().join("debug").join(format!(
        "{}demo{}",
        std::env::consts::DLL_PREFIX,
        std::env::consts::DLL_SUFFIX
    ));
    let library_arg = library.to_str().unwrap();

    let verdict = plugctl.json(&["validate", library_arg]);
    assert_eq!(verdict["valid"], true);
    assert_eq!(verdict["plugins"][0]["name"], "demo");
    assert_eq!(verdict["plugins"][0]["version"], "0.1.0");
    assert_eq!(
        verdict["plugins"][0]["description"],
        "Greets people by name."
    );

    let run = plugctl.run(&["install", library_arg]).success();
    assert!(
        run.stdout.ends_with("installed  demo  0.1.0\n"),
        "{}",
        run.stdout
    );

    let run = plugctl.run(&["activate", "demo"]).success();
    assert_eq!(run.stdout, "activated demo\n");

    let run = plugctl.run(&["activate", "ghost"]).failure();
    assert_eq!(
        run.stderr,
        "error: no plugin named 'ghost' is loaded; the loaded plugins are: demo\n"
    );

    let run = plugctl
        .run(&["call", "demo", "hello", r#"{"name":"Ada"}"#])
        .success();
    assert_eq!(run.stdout, "{\n  \"message\": \"Hello, Ada!\"\n}\n");

    let config = plugctl.json(&["config", "get", "demo"]);
    assert_eq!(config["config"], json!({"greeting": "Hello"}));

    let run = plugctl
        .run(&["config", "set", "demo", "greeting=Hi"])
        .success();
    assert!(
        run.stdout.contains("\"greeting\": \"Hi\""),
        "{}",
        run.stdout
    );

    let reply = plugctl.json(&["call", "demo", "hello", r#"{"name":"Ada"}"#]);
    assert_eq!(reply["output"], json!({"message": "Hi, Ada!"}));

    let run = plugctl.run(&["deactivate", "demo"]).success();
    assert_eq!(run.stdout, "deactivated demo\n");
    let run = plugctl.run(&["call", "demo", "hello"]).failure();
    assert!(run.stderr.contains("activate it first"), "{}", run.stderr);

    let run = plugctl.run(&["uninstall", "demo"]).success();
    assert!(
        run.stdout.starts_with("uninstalled demo\nremoved "),
        "{}",
        run.stdout
    );
    assert_eq!(files_in(&plugctl.plugins_dir()), Vec::<String>::new());
    assert_eq!(plugctl.json(&["list"])["plugins"], json!([]));
}

#[test]
fn activating_an_unknown_plugin_with_none_installed_says_how_to_get_one() {
    let plugctl = Plugctl::new("e2e-empty");
    let run = plugctl.run(&["activate", "demo"]).failure();
    assert_eq!(
        run.stderr,
        "error: no plugin named 'demo' is loaded; there are no plugins at all; install one with `plugctl install <LIBRARY>`\n"
    );
}
