//! Hot reload from the command line: `plugctl reload` puts a rebuilt
//! plugin in place of the installed one, and `plugctl watch` rebuilds and
//! reloads a scaffolded plugin when its source changes.

mod support;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use serde_json::Value;
use support::{Plugctl, Run, files_in, workspace_root};

/// The target directory the generated crates build in, shared with the
/// end-to-end test so that their dependencies are compiled once.
fn target_dir() -> PathBuf {
    workspace_root().join("target").join("plugctl-e2e")
}

/// Runs cargo `args` in `crate_dir` with the shared target directory.
fn cargo(crate_dir: &Path, args: &[&str]) -> Run {
    let mut command = Command::new(env!("CARGO"));
    command
        .args(args)
        .current_dir(crate_dir)
        .env("CARGO_TARGET_DIR", target_dir());
    Run::of(command)
}

/// Scaffolds plugin `name` next to `plugctl`'s managed directory, pinned to
/// the workspace's dependency versions; returns its directory.
fn scaffold(plugctl: &Plugctl, name: &str) -> PathBuf {
    let crate_dir = plugctl.dir.parent().unwrap().join(name);
    plugctl
        .run(&["new", name, "--path", crate_dir.to_str().unwrap()])
        .success();
    std::fs::copy(
        workspace_root().join("Cargo.lock"),
        crate_dir.join("Cargo.lock"),
    )
    .unwrap();
    crate_dir
}

/// Gives the scaffolded plugin a new version, as an edit of its source.
fn bump_version(crate_dir: &Path, name: &str) {
    let lib = crate_dir.join("src").join("lib.rs");
    let source = std::fs::read_to_string(&lib).unwrap();
    let before = format!("#[plugin(name = \"{name}\")]");
    assert!(source.contains(&before), "the template changed:\n{source}");
    let after = format!("#[plugin(name = \"{name}\", version = \"0.2.0\")]");
    std::fs::write(&lib, source.replace(&before, &after)).unwrap();
}

fn library_of(name: &str) -> PathBuf {
    target_dir().join("debug").join(format!(
        "{}{name}{}",
        std::env::consts::DLL_PREFIX,
        std::env::consts::DLL_SUFFIX
    ))
}

#[test]
fn a_rebuilt_plugin_is_reloaded_from_where_it_was_installed() {
    let plugctl = Plugctl::new("reload-cmd");
    let crate_dir = scaffold(&plugctl, "hotdemo");
    cargo(&crate_dir, &["build"]).success();
    let library = library_of("hotdemo");
    plugctl
        .run(&["install", library.to_str().unwrap()])
        .success();
    plugctl.run(&["activate", "hotdemo"]).success();

    let unchanged = plugctl.json(&["reload", "hotdemo"]);
    assert_eq!(unchanged["reloaded"], false, "{unchanged}");

    bump_version(&crate_dir, "hotdemo");
    cargo(&crate_dir, &["build"]).success();
    let reloaded = plugctl.json(&["reload", "hotdemo"]);
    assert_eq!(reloaded["reloaded"], true, "{reloaded}");
    let plugin = &reloaded["plugins"][0];
    assert_eq!(
        (
            &plugin["name"],
            &plugin["old_version"],
            &plugin["new_version"],
            &plugin["state"]
        ),
        (
            &Value::from("hotdemo"),
            &Value::from("0.1.0"),
            &Value::from("0.2.0"),
            &Value::from("active")
        )
    );

    // A later run loads the new build from the managed directory.
    let info = plugctl.json(&["info", "hotdemo"]);
    assert_eq!(info["version"], "0.2.0", "{info}");
    let reply = plugctl.json(&["call", "hotdemo", "hello", r#"{"name":"Ada"}"#]);
    assert_eq!(reply["output"]["message"], "Hello, Ada!");

    let installed = plugctl.plugins_dir().join(library.file_name().unwrap());
    let before = std::fs::read(&installed).unwrap();
    let bad = plugctl.dir.parent().unwrap().join("bad.so");
    std::fs::write(&bad, b"not a library").unwrap();
    let run = plugctl
        .run(&["reload", "hotdemo", "--from", bad.to_str().unwrap()])
        .failure();
    assert!(
        run.stderr.contains("could not reload")
            && run.stderr.contains("the old build keeps running"),
        "{}",
        run.stderr
    );
    assert_eq!(
        std::fs::read(&installed).unwrap(),
        before,
        "the managed library is left as it was"
    );
    assert_eq!(
        files_in(&plugctl.plugins_dir()),
        [library.file_name().unwrap().to_string_lossy()],
        "no temporary files are left"
    );
    let info = plugctl.json(&["info", "hotdemo"]);
    assert_eq!(info["version"], "0.2.0");
    assert_eq!(info["state"], "active", "{info}");
}

#[test]
fn a_plugin_installed_without_a_recorded_source_needs_from() {
    let plugctl = Plugctl::new("reload-no-source");
    let crate_dir = scaffold(&plugctl, "nosource");
    cargo(&crate_dir, &["build"]).success();
    plugctl
        .run(&["install", library_of("nosource").to_str().unwrap()])
        .success();
    std::fs::remove_file(plugctl.dir.join("sources.json")).unwrap();
    let run = plugctl.run(&["reload", "nosource"]).failure();
    assert!(run.stderr.contains("--from <LIBRARY>"), "{}", run.stderr);
}

/// Kills the watch process if the test ends before it does.
struct Watching(Child);

impl Drop for Watching {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn watch_rebuilds_and_reloads_a_plugin_whose_source_changed() {
    let plugctl = Plugctl::new("watch");
    let crate_dir = scaffold(&plugctl, "watchdemo");
    let mut child = Command::new(env!("CARGO_BIN_EXE_plugctl"))
        .arg("--dir")
        .arg(&plugctl.dir)
        .args(["--json", "watch", "--once", "--quiet-ms", "200"])
        .arg(&crate_dir)
        .env("CARGO_TARGET_DIR", target_dir())
        .env_remove("PLUGCTL_LOG")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut watching = Watching(child);
    let (lines, received) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if lines.send(line).is_err() {
                break;
            }
        }
    });
    let mut seen = Vec::new();
    let mut wait_for = |text: &str| {
        while let Ok(line) = received.recv_timeout(Duration::from_secs(600)) {
            let found = line.contains(text);
            seen.push(line);
            if found {
                return;
            }
        }
        panic!(
            "plugctl watch never printed '{text}'; it printed:\n{}",
            seen.join("\n")
        );
    };
    wait_for("installed and activated watchdemo 0.1.0");
    wait_for("watching");

    bump_version(&crate_dir, "watchdemo");
    wait_for("reloaded watchdemo 0.1.0 -> 0.2.0");
    let status = watching.0.wait().unwrap();
    let mut printed = String::new();
    std::io::Read::read_to_string(&mut stdout, &mut printed).unwrap();
    assert!(status.success(), "{status}\n{printed}");
    let report: Value = serde_json::from_str(&printed).unwrap();
    let round = &report["rounds"][0];
    assert_eq!(round["result"], "reloaded", "{report}");
    assert_eq!(round["changed"][0], "src/lib.rs", "{report}");
    assert_eq!(round["reload"]["plugins"][0]["new_version"], "0.2.0");
}
