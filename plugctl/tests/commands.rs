//! Each command against plugin-host's fixture libraries: `fixture-deps`
//! (plugins with dependencies, conflicts, a cycle and a validated
//! configuration) and `fixture-raw` built for another ABI version.

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
use support::{Plugctl, active_plugins, files_in, scratch, states};

/// Builds fixture `package` with `features` once and keeps a copy named
/// `file_name` (building another feature set overwrites cargo's file).
fn fixture(
    built: &'static OnceLock<PathBuf>,
    package: &str,
    features: &[&str],
    release: bool,
    file_name: &str,
) -> &'static Path {
    static BUILDING: Mutex<()> = Mutex::new(());
    built.get_or_init(|| {
        let _one_build_at_a_time = BUILDING.lock().unwrap_or_else(|e| e.into_inner());
        let library = cargo::build_cdylib(package, features, release);
        let kept = scratch(&format!("fixture-{package}-{}", features.join("-"))).join(file_name);
        std::fs::copy(&library, &kept).unwrap();
        kept
    })
}

/// fixture-deps' library, built in release mode: every run of plugctl
/// checksums the library twice per installed plugin (restoring the state),
/// and the debug build is 11 MB, which with the unoptimised hashing of a
/// debug plugctl makes each run of these tests take seconds.
fn deps_library() -> &'static Path {
    static BUILT: OnceLock<PathBuf> = OnceLock::new();
    fixture(
        &BUILT,
        "fixture-deps",
        &[],
        true,
        &library_file("fixture_deps"),
    )
}

/// fixture-raw's library built for ABI version 2.
fn abi_v2_library() -> &'static Path {
    static BUILT: OnceLock<PathBuf> = OnceLock::new();
    fixture(
        &BUILT,
        "fixture-raw",
        &["abi-v2"],
        false,
        &library_file("fixture_raw"),
    )
}

fn library_file(stem: &str) -> String {
    format!(
        "{}{stem}{}",
        std::env::consts::DLL_PREFIX,
        std::env::consts::DLL_SUFFIX
    )
}

fn path_arg(path: &Path) -> &str {
    path.to_str().expect("test paths are UTF-8")
}

/// A managed directory with fixture-deps installed.
fn with_deps_installed(label: &str) -> Plugctl {
    let plugctl = Plugctl::new(label);
    plugctl
        .run(&["install", path_arg(deps_library())])
        .success();
    plugctl
}

const DEPS_PLUGINS: [&str; 8] = [
    "base",
    "cycle-a",
    "cycle-b",
    "middle",
    "needs-ghost",
    "needs-new-base",
    "rival",
    "top",
];

#[test]
fn install_copies_the_library_and_installs_every_plugin() {
    let plugctl = Plugctl::new("install");
    let run = plugctl
        .run(&["install", path_arg(deps_library())])
        .success();
    assert!(
        run.stdout.starts_with("copied libfixture_deps.so into "),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("installed  base            1.2.0\n"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("installed  top             2.0.0\n"),
        "{}",
        run.stdout
    );
    assert_eq!(
        files_in(&plugctl.plugins_dir()),
        [library_file("fixture_deps")]
    );

    let list = plugctl.json(&["list"]);
    let expected: Vec<String> = DEPS_PLUGINS
        .iter()
        .map(|p| format!("{p}: installed"))
        .collect();
    assert_eq!(states(&list), expected);
    let library = plugctl.plugins_dir().join(library_file("fixture_deps"));
    assert_eq!(list["plugins"][0]["library"], json!(library));
    assert_eq!(list["warnings"], json!([]));

    let text = plugctl.run(&["list"]).success().stdout;
    assert!(
        text.starts_with("NAME            VERSION  STATE      LIBRARY\n"),
        "{text}"
    );
    assert!(
        text.contains("\nmiddle          0.5.0    installed  libfixture_deps.so\n"),
        "{text}"
    );
}

#[test]
fn installing_the_same_library_again_is_refused_and_changes_nothing() {
    let plugctl = with_deps_installed("install-again");
    let run = plugctl
        .run(&["install", path_arg(deps_library())])
        .failure();
    assert!(
        run.stderr.contains("is installed already: base, cycle-a"),
        "{}",
        run.stderr
    );
    assert_eq!(
        files_in(&plugctl.plugins_dir()),
        [library_file("fixture_deps")]
    );
}

#[test]
fn install_refuses_to_overwrite_a_different_library() {
    let plugctl = with_deps_installed("install-overwrite");
    let impostor = scratch("impostor").join(library_file("fixture_deps"));
    std::fs::copy(abi_v2_library(), &impostor).unwrap();
    let run = plugctl.run(&["install", path_arg(&impostor)]).failure();
    assert_eq!(
        run.stderr,
        format!(
            "error: a different library named 'libfixture_deps.so' is already in '{}'; uninstall its plugins first (which removes it), or rename the new library\n",
            plugctl.plugins_dir().display()
        )
    );
    let kept = std::fs::read(plugctl.plugins_dir().join(library_file("fixture_deps"))).unwrap();
    assert_eq!(kept, std::fs::read(deps_library()).unwrap());
}

#[test]
fn a_failed_install_leaves_nothing_behind() {
    let plugctl = Plugctl::new("install-refused");
    let run = plugctl
        .run(&["install", path_arg(abi_v2_library())])
        .failure();
    assert!(
        run.stderr.starts_with(&format!(
            "error: could not install '{}', so nothing was changed: ",
            abi_v2_library().display()
        )),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("uses plugin ABI version 2"),
        "{}",
        run.stderr
    );
    assert_eq!(files_in(&plugctl.plugins_dir()), Vec::<String>::new());
    assert!(!plugctl.dir.join("state.json").exists());
    assert_eq!(plugctl.json(&["list"])["plugins"], json!([]));
}

#[test]
fn config_for_a_library_of_several_plugins_is_refused() {
    let plugctl = Plugctl::new("install-config");
    let run = plugctl
        .run(&["install", path_arg(deps_library()), "--config", "{}"])
        .failure();
    assert!(
        run.stderr
            .contains("--config applies to a library with one plugin, but "),
        "{}",
        run.stderr
    );
    assert_eq!(files_in(&plugctl.plugins_dir()), Vec::<String>::new());
}

#[test]
fn deps_prints_the_dependency_tree() {
    let plugctl = with_deps_installed("deps");
    let run = plugctl.run(&["deps", "top"]).success();
    assert_eq!(
        run.stdout,
        "top 2.0.0\n├── extra * (optional, missing)\n└── middle ^0.5 (0.5.0)\n    └── base ^1 (1.2.0)\n"
    );
    let tree = plugctl.json(&["deps", "top"])["tree"].clone();
    assert_eq!(tree["name"], "top");
    assert_eq!(
        tree["children"][1]["children"][0]["status"],
        json!({"installed": {"version": "1.2.0"}})
    );
}

#[test]
fn activate_brings_up_dependencies_first_and_the_state_persists() {
    let plugctl = with_deps_installed("activate");
    let run = plugctl.run(&["activate", "top"]).success();
    assert_eq!(run.stdout, "activated base, middle, top (in that order)\n");
    assert_eq!(run.stderr, "");

    assert_eq!(active_plugins(&plugctl), ["base", "middle", "top"]);

    let again = plugctl.json(&["activate", "top"]);
    assert_eq!(again["activated"], json!([]));
}

#[test]
fn a_missing_dependency_is_refused_with_the_managers_message() {
    let plugctl = with_deps_installed("missing-dependency");
    let run = plugctl.run(&["activate", "needs-ghost"]).failure();
    assert_eq!(
        run.stderr,
        "error: plugin 'needs-ghost' needs plugin 'ghost' ^1, which is not installed; install ghost (^1) first or make the dependency optional\n"
    );
    assert_eq!(run.stdout, "");
    let info = plugctl.json(&["info", "needs-ghost"]);
    assert_eq!(info["state"], "installed");

    let json = plugctl
        .run(&["--json", "activate", "needs-ghost"])
        .failure()
        .json();
    assert!(
        json["error"]
            .as_str()
            .unwrap()
            .starts_with("plugin 'needs-ghost' needs plugin 'ghost'")
    );
}

#[test]
fn deactivating_a_needed_plugin_is_refused_unless_cascading() {
    let plugctl = with_deps_installed("deactivate");
    plugctl.run(&["activate", "top"]).success();
    let run = plugctl.run(&["deactivate", "base"]).failure();
    assert_eq!(
        run.stderr,
        "error: plugin 'base' is needed by the active plugins 'middle' and 'top'; deactivate them first, or ask for a cascade\n"
    );
    let run = plugctl.run(&["deactivate", "base", "--cascade"]).success();
    assert_eq!(
        run.stdout,
        "deactivated top, middle, base (in that order)\n"
    );
    // The state file records only whether a plugin is active, so the next
    // run sees the deactivated plugins as installed rather than inactive.
    assert!(active_plugins(&plugctl).is_empty());
}

#[test]
fn uninstall_removes_the_library_once_none_of_its_plugins_is_installed() {
    let plugctl = with_deps_installed("uninstall");
    plugctl.run(&["activate", "top"]).success();
    let run = plugctl.run(&["uninstall", "middle"]).failure();
    assert!(
        run.stderr.contains("needed by the active plugin 'top'"),
        "{}",
        run.stderr
    );

    let run = plugctl.run(&["uninstall", "middle", "--cascade"]).success();
    assert_eq!(run.stdout, "uninstalled top, middle (in that order)\n");
    assert_eq!(
        files_in(&plugctl.plugins_dir()),
        [library_file("fixture_deps")]
    );

    for plugin in [
        "base",
        "cycle-a",
        "cycle-b",
        "needs-ghost",
        "needs-new-base",
    ] {
        plugctl.run(&["uninstall", plugin]).success();
    }
    let last = plugctl.json(&["uninstall", "rival"]);
    assert_eq!(last["uninstalled"], json!(["rival"]));
    let library = plugctl.plugins_dir().join(library_file("fixture_deps"));
    assert_eq!(last["removed"], json!([library]));
    assert_eq!(files_in(&plugctl.plugins_dir()), Vec::<String>::new());
    assert_eq!(plugctl.json(&["list"])["plugins"], json!([]));
}

#[test]
fn config_validate_reports_each_violation_with_its_path_and_rule() {
    let plugctl = with_deps_installed("config-validate");
    let run = plugctl
        .run(&["config", "validate", "base", r#"{"level": 0}"#])
        .failure();
    assert!(
        run.stderr
            .starts_with("error: invalid configuration for plugin 'base': "),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("/level"), "{}", run.stderr);
    assert!(run.stderr.contains("minimum"), "{}", run.stderr);

    let json = plugctl
        .run(&[
            "--json",
            "config",
            "validate",
            "base",
            r#"{"level": 0, "colour": "red"}"#,
        ])
        .failure()
        .json();
    assert_eq!(json["valid"], false);
    let violations: Vec<(String, String)> = json["violations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            (
                v["path"].as_str().unwrap().to_owned(),
                v["rule"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        violations,
        [
            ("/colour".to_owned(), "additionalProperties".to_owned()),
            ("/level".to_owned(), "minimum".to_owned())
        ]
    );

    let completed = plugctl.json(&["config", "validate", "base", r#"{"level": 5}"#]);
    assert_eq!(completed["config"], json!({"label": "base", "level": 5}));
}

#[test]
fn config_set_merges_pairs_replaces_documents_and_keeps_the_old_on_refusal() {
    let plugctl = with_deps_installed("config-set");
    let run = plugctl
        .run(&["config", "set", "base", "level=7", "label=loud"])
        .success();
    assert!(
        run.stdout.starts_with("configuration of 'base' is now:\n"),
        "{}",
        run.stdout
    );
    let get = |plugctl: &Plugctl| plugctl.json(&["config", "get", "base"])["config"].clone();
    assert_eq!(get(&plugctl), json!({"label": "loud", "level": 7}));

    plugctl.run(&["config", "set", "base", "level=0"]).failure();
    assert_eq!(get(&plugctl), json!({"label": "loud", "level": 7}));

    plugctl
        .run(&["config", "set", "base", r#"{"label": "quiet"}"#])
        .success();
    assert_eq!(get(&plugctl), json!({"label": "quiet", "level": 3}));

    let run = plugctl.run(&["config", "get", "nobody"]).failure();
    assert!(
        run.stderr.starts_with(
            "error: no plugin named 'nobody' is loaded; the loaded plugins are: base, "
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn call_needs_an_active_plugin_and_prints_json() {
    let plugctl = with_deps_installed("call");
    let run = plugctl.run(&["call", "base", "config"]).failure();
    assert!(run.stderr.contains("activate it first"), "{}", run.stderr);
    plugctl.run(&["activate", "base"]).success();
    let run = plugctl.run(&["call", "base", "config"]).success();
    assert_eq!(run.stdout, "{\n  \"label\": \"base\",\n  \"level\": 3\n}\n");
    let run = plugctl
        .run(&["call", "base", "config", "{not json"])
        .failure();
    assert!(
        run.stderr
            .starts_with("error: the command's input is not valid JSON"),
        "{}",
        run.stderr
    );
}

#[test]
fn info_shows_the_descriptor_state_config_and_tree() {
    let plugctl = with_deps_installed("info");
    let text = plugctl.run(&["info", "top"]).success().stdout;
    for line in [
        "name:          top\n",
        "version:       2.0.0\n",
        "description:   Needs middle, and extra if it is there.\n",
        "dependencies:  middle ^0.5, extra * (optional)\n",
        "state:         installed\n",
        "    \"fail_activation\": false\n",
        "dependency tree:\n  top 2.0.0\n  ├── extra * (optional, missing)\n",
    ] {
        assert!(text.contains(line), "{line:?} not in:\n{text}");
    }
    let json = plugctl.json(&["info", "rival"]);
    assert_eq!(json["conflicts"], json!(["base"]));
    assert_eq!(json["state"], "installed");
}

#[test]
fn validate_reports_the_plugins_of_a_good_library() {
    let plugctl = Plugctl::new("validate-good");
    let run = plugctl
        .run(&["validate", path_arg(deps_library())])
        .success();
    assert!(run.stdout.contains("passes every check"), "{}", run.stdout);
    assert!(
        run.stdout
            .contains("top             2.0.0    *         middle ^0.5, extra * (optional)"),
        "{}",
        run.stdout
    );
    assert!(
        !plugctl.dir.exists(),
        "validate touched the managed directory"
    );
}

#[test]
fn validate_refuses_a_library_of_another_abi() {
    let plugctl = Plugctl::new("validate-abi");
    let library = abi_v2_library();
    let run = plugctl.run(&["validate", path_arg(library)]).failure();
    assert_eq!(
        run.stderr,
        format!(
            "error: '{}' uses plugin ABI version 2 but this host uses ABI version 1; rebuild the plugin against a plugin-api release with ABI version 1\n",
            library.display()
        )
    );
    let json = plugctl
        .run(&["--json", "validate", path_arg(library)])
        .failure()
        .json();
    assert_eq!(json["valid"], false);
    assert!(json["refusal"].as_str().unwrap().contains("ABI version 2"));
}

#[test]
fn a_library_refused_at_start_is_a_warning() {
    let plugctl = with_deps_installed("warning");
    std::fs::copy(
        abi_v2_library(),
        plugctl.plugins_dir().join(library_file("broken")),
    )
    .unwrap();
    let run = plugctl.run(&["list"]).success();
    assert!(run.stderr.starts_with("warning: '"), "{}", run.stderr);
    assert!(
        run.stderr.contains("uses plugin ABI version 2"),
        "{}",
        run.stderr
    );
    let json = plugctl.json(&["list"]);
    assert_eq!(json["warnings"].as_array().unwrap().len(), 1);
    assert_eq!(
        json["plugins"].as_array().unwrap().len(),
        DEPS_PLUGINS.len()
    );
}

#[test]
fn new_refuses_bad_names_and_taken_directories() {
    let dir = scratch("new-refusals");
    let plugctl = Plugctl::new("new-refusals-managed");
    let run = plugctl
        .run(&["new", "My-Plugin", "--path", path_arg(&dir.join("x"))])
        .failure();
    assert_eq!(
        run.stderr,
        "error: invalid plugin name 'My-Plugin': it contains 'M', an uppercase letter; a plugin name has 1 to 64 characters: lowercase ASCII letters, digits, `-` and `_`, starting with a letter\n"
    );
    std::fs::write(dir.join("keep.txt"), "mine").unwrap();
    let run = plugctl
        .run(&["new", "demo", "--path", path_arg(&dir)])
        .failure();
    assert!(
        run.stderr.contains("exists and is not an empty directory"),
        "{}",
        run.stderr
    );
    assert_eq!(files_in(&dir), ["keep.txt"]);
}

#[test]
fn usage_errors_exit_with_status_2() {
    let plugctl = Plugctl::new("usage");
    plugctl.run(&["frobnicate"]).exits_with(2);
    plugctl.run(&["activate"]).exits_with(2);
    plugctl.run(&["config", "set", "base"]).exits_with(2);
    plugctl.run(&["--app-version", "one", "list"]).exits_with(2);
}

#[test]
fn host_toml_configures_installs_and_a_failed_activation_is_rolled_back() {
    let plugctl = Plugctl::new("host-toml");
    std::fs::create_dir_all(&plugctl.dir).unwrap();
    std::fs::write(
        plugctl.dir.join("host.toml"),
        "[plugins.base]\nlevel = 9\n\n[plugins.top]\nfail_activation = true\n",
    )
    .unwrap();
    plugctl
        .run(&["install", path_arg(deps_library())])
        .success();
    let config = plugctl.json(&["config", "get", "base"]);
    assert_eq!(config["config"], json!({"label": "base", "level": 9}));

    let run = plugctl.run(&["activate", "top"]).failure();
    assert_eq!(
        run.stderr,
        "error: plugin 'top' failed in activate: top was told to fail its activation; so plugin 'top' was not activated (deactivated again: middle, base)\n"
    );
    assert!(active_plugins(&plugctl).is_empty());
}

#[test]
fn a_state_file_that_cannot_be_restored_stops_every_command() {
    let plugctl = with_deps_installed("corrupt-state");
    std::fs::write(plugctl.dir.join("state.json"), "{ not json").unwrap();
    let run = plugctl.run(&["list"]).failure();
    assert!(
        run.stderr.starts_with(&format!(
            "error: could not restore the plugins saved in '{}'",
            plugctl.dir.join("state.json").display()
        )),
        "{}",
        run.stderr
    );
    assert_eq!(
        std::fs::read_to_string(plugctl.dir.join("state.json")).unwrap(),
        "{ not json"
    );
}

#[test]
fn a_plugin_whose_library_is_gone_is_a_warning_and_uninstall_drops_its_record() {
    let plugctl = with_deps_installed("library-gone");
    for library in support::files_in(&plugctl.plugins_dir()) {
        std::fs::remove_file(plugctl.plugins_dir().join(library)).unwrap();
    }
    let list = plugctl.run(&["list"]).success();
    assert!(
        list.stderr.contains("plugin 'base' was not restored: "),
        "{}",
        list.stderr
    );
    assert!(
        list.stderr.contains("`plugctl uninstall base`"),
        "{}",
        list.stderr
    );
    let state = || -> serde_json::Value {
        serde_json::from_slice(&std::fs::read(plugctl.dir.join("state.json")).unwrap()).unwrap()
    };
    assert!(state()["plugins"].get("base").is_some(), "the record stays");

    let uninstall = plugctl.run(&["uninstall", "base"]).success();
    assert!(
        uninstall
            .stdout
            .starts_with("dropped the saved state of base, which could not be restored"),
        "{}",
        uninstall.stdout
    );
    assert!(state()["plugins"].get("base").is_none());
    assert!(state()["plugins"].get("top").is_some());
}
